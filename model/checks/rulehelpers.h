#pragma once

// Internal to the checklist: the shapes that many rules share, written once.

#include "checks/checkcontext.h"

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace s3rd::model::checks {

// f(rule, source, destination) for each rule whose source and destination buckets exist,
// enabled or not, in design order.
template <typename F> void forEachRuleBetweenBuckets(const CheckContext &ctx, F &&f)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        const ResolvedRule &ends = ctx.resolved(r);
        if (ends.src && ends.dst)
            f(r, *ends.src, *ends.dst);
    }
}

// The same for the enabled rules only: the rules S3 replicates by.
template <typename F> void forEachEnabledRule(const CheckContext &ctx, F &&f)
{
    forEachRuleBetweenBuckets(ctx,
                              [&f](const ReplicationRule &r, const Bucket &src, const Bucket &dst) {
                                  if (r.enabled)
                                      f(r, src, dst);
                              });
}

// A finding about a rule and its two buckets (elements: the rule, the source, the destination).
inline Finding &addFindingBetween(std::vector<Finding> &out, const ReplicationRule &r,
                                  const Bucket &src, const Bucket &dst, std::string message,
                                  std::string_view explanation = {}, std::string_view docUrl = {})
{
    return addFinding(out, {r.id, src.id, dst.id}, std::move(message), explanation, docUrl);
}

// The elements of a finding about a bucket and some of its rules: the bucket, then the rules.
inline std::vector<std::string> bucketAndRules(const Bucket &bucket,
                                               std::span<const ReplicationRule *const> rules)
{
    std::vector<std::string> elements{bucket.id};
    elements.reserve(1 + rules.size());
    for (const ReplicationRule *r : rules)
        elements.push_back(r->id);
    return elements;
}

} // namespace s3rd::model::checks
