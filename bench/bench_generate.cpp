// Generating every artifact runs on every edit in the designer: 1,000 buckets under 10 ms,
// 20 buckets under 0.5 ms.

#include "largedesign.h"
#include "policies/artifacts.h"

#include <benchmark/benchmark.h>

namespace {

void generate(benchmark::State &state, const s3rd::model::Design &design)
{
    std::size_t count = 0;
    for (auto _ : state) {
        auto artifacts = s3rd::model::generateArtifacts(design);
        count = artifacts.size();
        benchmark::DoNotOptimize(artifacts);
    }
    state.counters["artifacts"] = double(count);
}

void BM_GenerateLargeDesign(benchmark::State &state)
{
    static const s3rd::model::Design design = s3rd::bench::largeDesign();
    generate(state, design);
}
BENCHMARK(BM_GenerateLargeDesign)->Unit(benchmark::kMillisecond);

void BM_GenerateTwentyBuckets(benchmark::State &state)
{
    static const s3rd::model::Design design = s3rd::bench::largeDesign(20, 4, 8);
    generate(state, design);
}
BENCHMARK(BM_GenerateTwentyBuckets)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
