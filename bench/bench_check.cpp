// The checklist on the 1,000-bucket design: a full check with pre-generated artifacts (what the
// designer does after each edit, artifacts being shared with the JSON panels), and generate +
// check together (what `s3rd check` does). Target: the check alone under 10 ms.

#include "checks/findings.h"
#include "largedesign.h"
#include "policies/artifacts.h"

#include <benchmark/benchmark.h>

namespace {

using namespace s3rd::model;

void BM_CheckLargeDesign(benchmark::State &state)
{
    const Design design = s3rd::bench::largeDesign();
    const std::vector<Artifact> artifacts = generateArtifacts(design);
    CheckReport report;
    for (auto _ : state) {
        report = runChecks(design, artifacts);
        benchmark::DoNotOptimize(report);
    }
    state.counters["findings"] = double(report.findings.size());
    state.counters["errors"] = double(report.count(Severity::Error));
}
BENCHMARK(BM_CheckLargeDesign)->Unit(benchmark::kMillisecond);

void BM_GenerateAndCheckLargeDesign(benchmark::State &state)
{
    const Design design = s3rd::bench::largeDesign();
    for (auto _ : state) {
        const CheckReport report = runChecks(design, generateArtifacts(design));
        benchmark::DoNotOptimize(report);
    }
}
BENCHMARK(BM_GenerateAndCheckLargeDesign)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
