// The model's part of `s3rd export` and `s3rd format --check`, in process (loading the design
// file is bench_designfile's): the files of an export with the checklist they report, and the
// canonical text of a design compared with the file's. On the 1,000-bucket design (/1000) and
// the organisation-scale one of cli_timings.sh (/10000, 200 buckets per account).

#include "largedesign.h"

#include "checks/findings.h"
#include "core/designfile.h"
#include "exchange/exporter.h"

#include <benchmark/benchmark.h>

#include <cstdint>

using namespace s3rd::model;

namespace {

const Design &designOf(std::int64_t buckets)
{
    static const Design large = s3rd::bench::largeDesign();
    static const Design organisation = s3rd::bench::largeDesign(10000, 200, 400);
    return buckets == 10000 ? organisation : large;
}

void exportFormat(benchmark::State &state, exchange::ExportFormat format)
{
    const Design &design = designOf(state.range(0));
    std::size_t bytes = 0;
    for (auto _ : state) {
        CheckReport report;
        const auto files = exchange::exportFiles(design, format, &report);
        benchmark::DoNotOptimize(report);
        bytes = 0;
        for (const exchange::ExportFile &f : files)
            bytes += f.content.size();
    }
    state.counters["bytes"] = double(bytes);
}

void BM_ExportTerraform(benchmark::State &state)
{
    exportFormat(state, exchange::ExportFormat::Terraform);
}
BENCHMARK(BM_ExportTerraform)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_ExportBundle(benchmark::State &state)
{
    exportFormat(state, exchange::ExportFormat::Bundle);
}
BENCHMARK(BM_ExportBundle)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// `s3rd format --check` after the load: the canonical text, compared with the file's.
void BM_FormatCheck(benchmark::State &state)
{
    const Design &design = designOf(state.range(0));
    const std::string file = serializeDesign(design);
    bool same = false;
    for (auto _ : state) {
        same = serializeDesign(design) == file;
        benchmark::DoNotOptimize(same);
    }
    if (!same)
        state.SkipWithError("the canonical text differs from itself");
    state.counters["bytes"] = double(file.size());
}
BENCHMARK(BM_FormatCheck)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
