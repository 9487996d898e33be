#pragma once

// The main Region of an account: where the canvas groups it (auto-arrange) and where a new
// bucket or key placed in it goes by default (the designer).

#include "design.h"

#include <string>
#include <string_view>

namespace s3rd::model {

// The Region most of the account's buckets and keys are in, a bucket counting twice as much as
// a key: buckets are what the design is about, and a key still says where the account works
// (an SSE-KMS key must be in its bucket's Region), so an account with keys only has a Region
// too. Ties go to the Region first in alphabetical order, so the answer is deterministic.
// Empty when the account has no bucket or key with a Region.
std::string mainRegion(const Design &design, std::string_view accountId);

} // namespace s3rd::model
