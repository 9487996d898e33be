#pragma once

// The benchmark designs: generated, deterministic, and valid (no checklist errors).

#include "core/design.h"

namespace s3rd::bench {

// buckets buckets spread over accounts accounts (two regions each), keys customer managed keys,
// one rule per bucket replicating to a bucket in another account, and one role per account.
model::Design largeDesign(int buckets = 1000, int accounts = 50, int keys = 100);

// The organisation-scale shape of a hand-edited or generated file: bucketsPerAccount buckets in
// each account (largeDesign's rules, keys and roles), their boxes packed closer than their size
// so they overlap each other, and the grown accounts overlapping their neighbours.
model::Design overlappingDesign(int buckets = 10000, int bucketsPerAccount = 200);

// The 1,000-bucket design with rule500's destination moved to b999 (what bench_diff and
// cli_timings.sh compare with largeDesign()).
model::Design largeDesignOneRuleChanged();

} // namespace s3rd::bench
