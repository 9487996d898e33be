// s3rd diff on two 1,000-bucket designs that differ in one rule (its destination moves to
// another bucket), from the two files on disk to the printed report: what `s3rd diff` does
// after the process starts. Target: the whole command under 200 ms.
//
// The two files stay in the temporary directory (s3rd-bench-diff-old/new.s3rd.json) so the
// whole process can be timed as well: `time s3rd diff OLD NEW`.

#include "largedesign.h"

#include "core/designfile.h"
#include "review/accesschanges.h"
#include "review/designreview.h"
#include "review/reviewformat.h"

#include <benchmark/benchmark.h>

#include <filesystem>

using namespace s3rd::model;

namespace {

struct Files
{
    std::string oldPath;
    std::string newPath;
    Design before;
    Design after;
};

Files &files()
{
    static Files f = [] {
        Files out;
        const auto dir = std::filesystem::temp_directory_path();
        out.oldPath = (dir / "s3rd-bench-diff-old.s3rd.json").string();
        out.newPath = (dir / "s3rd-bench-diff-new.s3rd.json").string();
        out.before = s3rd::bench::largeDesign();
        out.after = out.before;
        ReplicationRule *rule = findById(out.after.rules, "rule500");
        rule->destination = "b999"; // another account's bucket, in the same Region
        rule->replicaKey = findById(out.after.buckets, "b999")->defaultKey;
        saveDesignFile(out.before, out.oldPath);
        saveDesignFile(out.after, out.newPath);
        return out;
    }();
    return f;
}

void BM_DiffCommandLargeDesigns(benchmark::State &state)
{
    Files &f = files();
    std::size_t granted = 0;
    for (auto _ : state) {
        const LoadResult before = loadDesignFile(f.oldPath);
        const LoadResult after = loadDesignFile(f.newPath);
        const review::DesignReview r = review::reviewChange(before.design, after.design);
        const std::string text = review::reviewText(r, f.oldPath, f.newPath);
        benchmark::DoNotOptimize(text);
        granted = r.access.granted.size();
    }
    state.counters["granted"] = double(granted);
}
BENCHMARK(BM_DiffCommandLargeDesigns)->Unit(benchmark::kMillisecond);

void BM_AccessChangesLargeDesigns(benchmark::State &state)
{
    Files &f = files();
    for (auto _ : state) {
        const review::AccessChanges a = review::accessChanges(f.before, f.after);
        benchmark::DoNotOptimize(a);
    }
}
BENCHMARK(BM_AccessChangesLargeDesigns)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
