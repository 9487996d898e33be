#pragma once

// Internal to the checklist: what every rule reads, the rule table, and small helpers shared by
// the rule files. A rule is one pure function
//     void ruleX(const CheckContext &ctx, std::vector<Finding> &out);
// that appends findings of its own rule id. It fills elements, message and (where one exists) a
// fix; the engine stamps the rule id and severity from the table, and the explanation and
// docUrl where the rule left them empty.
//
// Contract: rules never loop over the whole design inside a loop over the whole design. They
// use the DesignIndex (per-bucket rule lists) and the maps built once here.

#include "checks/findings.h"
#include "core/awsdocs.h"
#include "core/designindex.h"
#include "core/elements.h"

#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace s3rd::model::checks {

// How a design uses one KMS key; built once per check run.
struct KeyUse
{
    std::vector<const Bucket *> defaultFor;         // buckets whose default key it is
    std::vector<const ReplicationRule *> replicaIn; // rules naming it as replica key
};

// A rule's references, resolved once per check run (nullptr where dangling).
struct ResolvedRule
{
    const Bucket *src = nullptr;
    const Bucket *dst = nullptr;
    const Role *role = nullptr;
    const KmsKey *replicaKey = nullptr; // only when the rule replicates KMS objects
    bool crossAccount = false;
};

class CheckContext
{
public:
    CheckContext(const Design &design, const DesignIndex &index,
                 const std::vector<Artifact> &artifacts);

    const Design &design;
    const DesignIndex &index;
    const std::vector<Artifact> &artifacts;

    // Source buckets (buckets with at least one rule from them), in design order.
    const std::vector<const Bucket *> &sourceBuckets() const { return m_sources; }
    const KeyUse &keyUse(std::string_view keyId) const;

    std::string_view accountIdOf(std::string_view accountElementId) const; // "" when dangling
    Partition partitionOf(std::string_view accountElementId) const;

    // Names as messages show them: "dst-logs-eu (222233334444)".
    std::string label(const Bucket &b) const;
    std::string label(const Role &r) const;
    std::string label(const KmsKey &k) const;
    std::string label(const Account &a) const;
    // "rule "to-eu" (src-a → dst-b)"
    std::string label(const ReplicationRule &r) const;

    // `r` must be an element of design.rules.
    const ResolvedRule &resolved(const ReplicationRule &r) const
    {
        return m_resolved[std::size_t(&r - design.rules.data())];
    }
    bool crossAccount(const ReplicationRule &r) const { return resolved(r).crossAccount; }
    // The source objects may be SSE-KMS or DSSE-KMS (default encryption or object writes).
    static bool mayHoldKmsObjects(const Bucket &b);

    // A key the rule could use as its replica key: symmetric, in the destination's region and
    // account, customer managed when the rule crosses accounts. Prefers the destination's
    // default key, then the other keys of the destination account there. nullptr when the
    // design has none.
    const KmsKey *replicaKeyCandidate(const ReplicationRule &r) const;
    // A symmetric key in the given account and region (customer managed first), or nullptr.
    const KmsKey *keyIn(std::string_view accountElementId, std::string_view region,
                        bool customerManagedOnly) const;
    // Roles of an account, in design order.
    std::span<const Role *const> rolesIn(std::string_view accountElementId) const;

private:
    std::vector<ResolvedRule> m_resolved; // parallel to design.rules
    std::vector<const Bucket *> m_sources;
    std::unordered_map<std::string_view, KeyUse> m_keyUse;
    // accountId + '/' + region -> symmetric keys there, in design order
    std::unordered_map<std::string, std::vector<const KmsKey *>> m_keysAt;
    std::unordered_map<std::string_view, std::vector<const Role *>> m_rolesByAccount;
};

// ---- The rule table ----

using RuleFunction = void (*)(const CheckContext &, std::vector<Finding> &);

// The anchors of a run of a rule over part of the design: the ids of the elements (a rule's
// findings' first elements) whose findings it makes again.
using Anchors = std::unordered_set<std::string_view>;
// A rule run for some anchors: the findings the whole rule makes whose first element is one of
// them, in the same order; the rule's other findings do not depend on those.
using AnchoredRuleFunction = void (*)(const CheckContext &, const Anchors &,
                                      std::vector<Finding> &);

struct RuleDefinition
{
    std::string_view id;
    Severity severity;
    RuleFunction check;
    PreflightMask preflight; // the items its findings untick by default
    // What every finding of the rule means and the AWS page behind it, stamped by the engine
    // on the findings that bring none of their own (empty for a rule whose findings each
    // explain themselves).
    std::string_view explanation = {};
    std::string_view docUrl = {};
    // The rule for some anchors only, where a rule makes each finding from its first element
    // alone (LiveChecks runs it after a rename: the findings that show the old name).
    AnchoredRuleFunction checkAnchored = nullptr;
};

std::span<const RuleDefinition> ruleTable();
const RuleDefinition *findRule(std::string_view id);

// ---- Helpers for rule files ----

// Appends a finding with the given fields; returns it so the caller can add a fix. Without an
// explanation and page, the finding gets those of its rule's row in the table.
Finding &addFinding(std::vector<Finding> &out, std::vector<std::string> elements,
                    std::string message, std::string_view explanation = {},
                    std::string_view docUrl = {});

// "a, b and c", or "a, b, c and 7 more" beyond `max` names.
std::string joinNames(const std::vector<std::string> &names, std::size_t max = 3);

// Fixes look elements up and make fresh ids with core/elements.h (findById, freshId): linear,
// as a fix runs once, on the user's click.

// The fix that sets one member of the element with this id (a bucket, rule or key), if the
// element still exists when the user applies it.
template <typename Element, typename Value>
Fix setMemberFix(std::string label, std::vector<Element> Design::*list, std::string id,
                 Value Element::*member, std::type_identity_t<Value> value)
{
    return Fix{std::move(label), [list, id = std::move(id), member, value](Design &d) {
                   if (Element *x = findById(d.*list, id))
                       x->*member = value;
               }};
}

} // namespace s3rd::model::checks
