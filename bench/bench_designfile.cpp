// Opening and saving a design happens on every file open, save and autosave: for the
// 1,000-bucket design each must stay under 50 ms, and loading must stay under 50 MB. Loading is
// also timed on the 10,000-bucket design (argument 10000), and by each of its two paths: the
// fast path (simdjson) that reads every valid file, and the exact path (nlohmann) that reports
// the problems of any other.

#include "core/designfile.h"
#include "core/designformat.h"
#include "largedesign.h"

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <malloc.h>
#include <new>
#include <optional>
#include <string>
#include <unistd.h>

namespace {

using namespace s3rd::model;

const Design &design(int buckets = 1000)
{
    static const Design d1k = s3rd::bench::largeDesign();
    if (buckets == 1000)
        return d1k;
    static const Design d10k = s3rd::bench::largeDesign(10000, 200, 400);
    return d10k;
}

const std::string &text(int buckets = 1000)
{
    static const std::string t1k = serializeDesign(design());
    if (buckets == 1000)
        return t1k;
    static const std::string t10k = serializeDesign(design(10000));
    return t10k;
}

// Heap accounting: every allocation of the process goes through these, so the peak of
// g_current during a load is the memory the load needs (the tree, the design, the text).
std::atomic<std::size_t> g_current{0};
std::atomic<std::size_t> g_peak{0};

void resetPeak()
{
    g_peak = g_current.load();
}

std::string tempPath()
{
    return "/tmp/bench_designfile_" + std::to_string(::getpid()) + ".s3rd.json";
}

void BM_SerializeLargeDesign(benchmark::State &state)
{
    for (auto _ : state) {
        std::string out = serializeDesign(design());
        benchmark::DoNotOptimize(out);
    }
    state.counters["bytes"] = double(text().size());
}
BENCHMARK(BM_SerializeLargeDesign)->Unit(benchmark::kMillisecond);

void BM_ParseLargeDesign(benchmark::State &state)
{
    const std::string &t = text(int(state.range(0)));
    for (auto _ : state) {
        LoadResult r = parseDesign(t);
        if (!r.ok())
            state.SkipWithError("the benchmark design does not load");
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_ParseLargeDesign)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// The fast path alone (what every valid file takes).
void BM_ParseFastPath(benchmark::State &state)
{
    const std::string &t = text(int(state.range(0)));
    for (auto _ : state) {
        std::optional<Design> d = designformat::readDesignFast(t, false);
        if (!d)
            state.SkipWithError("the fast path refused the benchmark design");
        benchmark::DoNotOptimize(d);
    }
}
BENCHMARK(BM_ParseFastPath)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// The exact path alone (what a file with a problem takes, after the fast path refused it).
void BM_ParseExactPath(benchmark::State &state)
{
    const std::string &t = text(int(state.range(0)));
    for (auto _ : state) {
        LoadResult r = designformat::parseDesignExactly(t);
        if (!r.ok())
            state.SkipWithError("the benchmark design does not load");
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_ParseExactPath)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// The whole save: serialise, write a temporary file, fsync, rename.
void BM_SaveLargeDesignFile(benchmark::State &state)
{
    const std::string path = tempPath();
    for (auto _ : state) {
        const std::string error = saveDesignFile(design(), path);
        if (!error.empty())
            state.SkipWithError(error.c_str());
    }
    std::remove(path.c_str());
}
BENCHMARK(BM_SaveLargeDesignFile)->Unit(benchmark::kMillisecond);

// The whole load: read, parse, validate. Also reports the peak memory it needs.
void BM_LoadLargeDesignFile(benchmark::State &state)
{
    const std::string path = tempPath();
    if (!saveDesignFile(design(int(state.range(0))), path).empty()) {
        state.SkipWithError("cannot write the benchmark file");
        return;
    }
    std::size_t peak = 0;
    for (auto _ : state) {
        state.PauseTiming();
        resetPeak();
        const std::size_t before = g_current;
        state.ResumeTiming();
        {
            LoadResult r = loadDesignFile(path);
            benchmark::DoNotOptimize(r);
        }
        state.PauseTiming();
        peak = std::max(peak, g_peak - before);
        state.ResumeTiming();
    }
    std::remove(path.c_str());
    state.counters["peak_MB"] = double(peak) / (1024.0 * 1024.0);
}
BENCHMARK(BM_LoadLargeDesignFile)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

} // namespace

// The replaced global allocation functions pair malloc with free by design.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

void *operator new(std::size_t size)
{
    void *p = std::malloc(size ? size : 1);
    if (!p)
        throw std::bad_alloc();
    const std::size_t now = g_current += malloc_usable_size(p);
    std::size_t peak = g_peak;
    while (now > peak && !g_peak.compare_exchange_weak(peak, now)) {
    }
    return p;
}

void operator delete(void *p) noexcept
{
    if (!p)
        return;
    g_current -= malloc_usable_size(p);
    std::free(p);
}

void operator delete(void *p, std::size_t) noexcept
{
    operator delete(p);
}

BENCHMARK_MAIN();
