#pragma once

// A fingerprint of what a compiled policy decides: every statement's effect, actions,
// resources, principals, conditions and problems (not its id, which only names it in traces).
// Two policies with the same fingerprint decide every request alike, so a comparison of two
// designs evaluates only the requests whose policies in effect changed.

#include "policies/artifacts.h"
#include "simulator/evaluator.h"

#include <cstddef>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace s3rd::model::review {

class PolicyFingerprints
{
public:
    // A policy compiled from one of these artifacts (its id is the artifact's path) is
    // fingerprinted by its text, which is faster than by its statements and decides the same:
    // the same text compiles to the same policy. The artifacts must outlive this.
    explicit PolicyFingerprints(const std::vector<Artifact> &artifacts);

    // 0 for no policy; computed once per policy and kept (the policy must outlive this).
    std::size_t of(const CompiledPolicy *policy);

private:
    std::unordered_map<std::string_view, const Artifact *> m_artifacts;
    std::unordered_map<const CompiledPolicy *, std::size_t> m_cache;
};

} // namespace s3rd::model::review
