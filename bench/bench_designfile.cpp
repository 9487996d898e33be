// Opening and saving a design happens on every file open, save and autosave: for the
// 1,000-bucket design each must stay under 50 ms, and loading must stay under 50 MB.

#include "core/designfile.h"
#include "largedesign.h"

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <malloc.h>
#include <new>
#include <string>
#include <unistd.h>

namespace {

using namespace s3rd::model;

const Design &design()
{
    static const Design d = s3rd::bench::largeDesign();
    return d;
}

const std::string &text()
{
    static const std::string t = serializeDesign(design());
    return t;
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
    for (auto _ : state) {
        LoadResult r = parseDesign(text());
        if (!r.ok())
            state.SkipWithError("the benchmark design does not load");
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_ParseLargeDesign)->Unit(benchmark::kMillisecond);

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
    if (!saveDesignFile(design(), path).empty()) {
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
BENCHMARK(BM_LoadLargeDesignFile)->Unit(benchmark::kMillisecond);

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
