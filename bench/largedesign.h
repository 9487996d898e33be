#pragma once

// The benchmark designs: generated, deterministic, and valid (no checklist errors).

#include "core/design.h"

namespace s3rd::bench {

// buckets buckets spread over accounts accounts (two regions each), keys customer managed keys,
// one rule per bucket replicating to a bucket in another account, and one role per account.
model::Design largeDesign(int buckets = 1000, int accounts = 50, int keys = 100);

} // namespace s3rd::bench
