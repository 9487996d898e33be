#pragma once

// A fingerprint of what a compiled policy decides: every statement's effect, actions,
// resources, principals, conditions and problems (not its id, which only names it in traces).
// Two policies with the same fingerprint decide every request alike, so a comparison of two
// designs evaluates only the requests whose policies in effect changed.

#include "simulator/evaluator.h"

#include <cstddef>
#include <unordered_map>

namespace s3rd::model::review {

class PolicyFingerprints
{
public:
    // 0 for no policy; computed once per policy and kept (the policy must outlive this).
    std::size_t of(const CompiledPolicy *policy);

private:
    std::unordered_map<const CompiledPolicy *, std::size_t> m_cache;
};

} // namespace s3rd::model::review
