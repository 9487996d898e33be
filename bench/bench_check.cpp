// The checklist on the 1,000-bucket design: a full check with pre-generated artifacts (what the
// designer does after each edit, artifacts being shared with the JSON panels), and generate +
// check together (what `s3rd check` does). Target: the check alone under 10 ms. The /10000
// cases: largeDesign(10000, 200, 400), the organisation-scale design of cli_timings.sh.

#include "checks/findings.h"
#include "largedesign.h"
#include "policies/artifacts.h"

#include <benchmark/benchmark.h>

#include <cstdint>

namespace {

using namespace s3rd::model;

const Design &designOf(std::int64_t buckets)
{
    static const Design large = s3rd::bench::largeDesign();
    static const Design organisation = s3rd::bench::largeDesign(10000, 200, 400);
    return buckets == 10000 ? organisation : large;
}

void BM_CheckLargeDesign(benchmark::State &state)
{
    const Design &design = designOf(state.range(0));
    const std::vector<Artifact> artifacts = generateArtifacts(design);
    CheckReport report;
    for (auto _ : state) {
        report = runChecks(design, artifacts);
        benchmark::DoNotOptimize(report);
    }
    state.counters["findings"] = double(report.findings.size());
    state.counters["errors"] = double(report.count(Severity::Error));
}
BENCHMARK(BM_CheckLargeDesign)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_GenerateAndCheckLargeDesign(benchmark::State &state)
{
    const Design &design = designOf(state.range(0));
    for (auto _ : state) {
        const CheckReport report = runChecks(design, generateArtifacts(design));
        benchmark::DoNotOptimize(report);
    }
}
BENCHMARK(BM_GenerateAndCheckLargeDesign)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
