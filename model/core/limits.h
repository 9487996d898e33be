#pragma once

// Limits on what is read from outside (design files, AWS CLI output, policy documents), so that
// any input is refused or handled in bounded time and memory. Each refusal names its limit;
// docs/design-format.md lists them.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace s3rd::model::limits {

// Far above any real design (a 1,000-bucket design is about 1.5 MB), low enough to stay safe.
// Also the limit of one input of the importer.
inline constexpr std::uintmax_t kMaxFileBytes = 64u * 1024 * 1024;
// A design nests 5 levels deep and a policy about 6; anything much deeper is not one of them
// and must not be built (deep trees make recursive code run out of stack).
inline constexpr int kMaxDepth = 64;
// Custom policies, SCPs and permissions boundaries kept verbatim. AWS's largest policy is a key
// policy: "Key policy document size: 32 KB" (https://docs.aws.amazon.com/kms/latest/
// developerguide/resource-limits.html); "Bucket policies are limited to 20 KB in size"
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html). Twice the
// largest refuses nothing AWS accepts and keeps the evaluator's work per request bounded.
inline constexpr std::size_t kMaxPolicyBytes = 64 * 1024;
// Elements of one kind (buckets, rules, …) in a design. A hundred times the largest designs
// measured (bench/), and what the checklist and generators handle in seconds.
inline constexpr std::size_t kMaxElements = 20000;

// The byte offset where JSON text first nests deeper than kMaxDepth, or npos. A plain scan,
// run before parsing so that "[[[[…" junk never builds a tree.
std::size_t tooDeepAt(std::string_view text);

} // namespace s3rd::model::limits
