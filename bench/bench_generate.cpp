// Generating every artifact runs on every edit in the designer: 1,000 buckets under 10 ms,
// 20 buckets under 0.5 ms. A role serving 200 SSE-KMS buckets, split into customer managed
// policies, costs about as much per bucket as the large design.

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

// The organisation-scale design of cli_timings.sh: 10,000 buckets, 200 per account.
void BM_GenerateLargeDesign10k(benchmark::State &state)
{
    static const s3rd::model::Design design = s3rd::bench::largeDesign(10000, 200, 400);
    generate(state, design);
}
BENCHMARK(BM_GenerateLargeDesign10k)->Unit(benchmark::kMillisecond);

void BM_GenerateTwentyBuckets(benchmark::State &state)
{
    static const s3rd::model::Design design = s3rd::bench::largeDesign(20, 4, 8);
    generate(state, design);
}
BENCHMARK(BM_GenerateTwentyBuckets)->Unit(benchmark::kMicrosecond);

// Two accounts of 200 SSE-KMS buckets, one role each serving all 200: each role's permissions
// outgrow an inline policy and are split into customer managed policies.
void BM_GenerateTwoHundredBucketsPerRole(benchmark::State &state)
{
    static const s3rd::model::Design design = s3rd::bench::largeDesign(400, 2, 4);
    generate(state, design);
    std::size_t managed = 0;
    for (const auto &a : s3rd::model::generateArtifacts(design))
        managed += a.kind == s3rd::model::ArtifactKind::RoleManagedPolicy;
    state.counters["managed"] = double(managed);
}
BENCHMARK(BM_GenerateTwoHundredBucketsPerRole)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
