#pragma once

// The targeted designs behind the golden files in tests/data/policies/<case>/. They are built
// here, written to design.s3rd.json when the goldens are regenerated, and the golden test checks
// that the file still loads to exactly this design.

#include "core/design.h"

#include <string>
#include <vector>

namespace s3rd::test {

struct PolicyCase
{
    std::string name; // folder under tests/data/policies/
    model::Design design;
};

std::vector<PolicyCase> policyCases();

// Qt Test data: one row per case, named after it, with its position in policyCases() in the
// int column "index".
void addPolicyCaseRows();

// One role replicating `count` source buckets (catalog-src-0001 …, us-east-1), each to its own
// destination (catalog-dst-0001 …, us-west-2) in another account, or the same one; with `kms`,
// both sides use SSE-KMS with customer managed keys (every third source with a Bucket Key) and
// the rules replicate KMS objects. Every other rule has the prefix "data/". No checklist error.
model::Design roleServingBuckets(int count, bool kms, bool crossAccount = true);

} // namespace s3rd::test
