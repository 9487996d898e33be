// custom-policy-blocks-replication: a custom policy or a guardrail (SCP, RCP, permissions
// boundary) stops replication. Decided by the simulator on a representative object per rule, so the
// finding names the failing check and the statement behind it.

#include "checks/checkcontext.h"
#include "simulator/simulator.h"

#include <algorithm>
#include <unordered_set>

namespace s3rd::model::checks {

namespace {

// Does anything the rule relies on carry the user's own policy or a guardrail?
bool involvesCustomPolicy(const CheckContext &ctx, const ReplicationRule &rule)
{
    auto accountGuarded = [&](const std::string &accountElement) {
        const Account *a = ctx.index.account(accountElement);
        return a && !a->guardrails.empty();
    };
    const Bucket *src = ctx.index.bucket(rule.source);
    const Bucket *dst = ctx.index.bucket(rule.destination);
    const Role *role = ctx.index.role(rule.role);
    if (role
        && (role->customTrustPolicy || role->customPermissionsPolicy || !role->guardrails.empty()
            || accountGuarded(role->account)))
        return true;
    if ((src && src->customBucketPolicy) || (dst && dst->customBucketPolicy))
        return true;
    // RCPs guard the resources of their account: the buckets and the keys.
    if ((src && accountGuarded(src->account)) || (dst && accountGuarded(dst->account)))
        return true;
    for (const std::string &keyId : {src ? src->defaultKey : std::string(), rule.replicaKey}) {
        const KmsKey *key = keyId.empty() ? nullptr : ctx.index.key(keyId);
        if (key && (key->customKeyPolicy || accountGuarded(key->account)))
            return true;
    }
    return false;
}

// Whether the design holds any policy of the user's own or guardrail: without one, no rule
// involves one (involvesCustomPolicy() looks up every rule's elements: thousands of lookups).
bool anyCustomPolicy(const Design &d)
{
    return std::any_of(d.roles.begin(), d.roles.end(),
                       [](const Role &r) {
                           return r.customTrustPolicy || r.customPermissionsPolicy ||
                                  !r.guardrails.empty();
                       }) ||
           std::any_of(d.buckets.begin(), d.buckets.end(),
                       [](const Bucket &b) { return bool(b.customBucketPolicy); }) ||
           std::any_of(d.keys.begin(), d.keys.end(),
                       [](const KmsKey &k) { return bool(k.customKeyPolicy); }) ||
           std::any_of(d.accounts.begin(), d.accounts.end(),
                       [](const Account &a) { return !a.guardrails.empty(); });
}

// The objects the source writes, as the rule would see them.
std::vector<TestObject> representativeObjects(const Bucket &src, const ReplicationRule &rule,
                                              const Bucket *dst)
{
    std::vector<ObjectWrite> writes;
    auto add = [&](ObjectWrite w) {
        if (std::find(writes.begin(), writes.end(), w) == writes.end())
            writes.push_back(w);
    };
    switch (src.defaultEncryption) {
    case DefaultEncryption::SseS3: add(ObjectWrite::SseS3); break;
    case DefaultEncryption::SseKms: add(ObjectWrite::SseKms); break;
    case DefaultEncryption::DsseKms: add(ObjectWrite::DsseKms); break;
    }
    const ObjectEncryptions &e = src.objectEncryptions;
    if (e.sseS3)
        add(ObjectWrite::SseS3);
    if (e.sseKms)
        add(ObjectWrite::SseKms);
    if (e.dsseKms)
        add(ObjectWrite::DsseKms);
    if (e.sseC && dst && !dst->sseCBlocked)
        add(ObjectWrite::SseC); // a blocked destination is sse-c-destination-blocked's finding
    if (e.clientSide)
        add(ObjectWrite::ClientSide);

    std::vector<TestObject> out;
    for (ObjectWrite w : writes) {
        // KMS objects a rule does not opt in to are kms-objects-not-selected's finding.
        if ((w == ObjectWrite::SseKms || w == ObjectWrite::DsseKms) && !rule.replicateKmsObjects)
            continue;
        TestObject o;
        o.bucket = src.id;
        o.key = rule.filterPrefix + "replication-check-object";
        o.tags = rule.filterTags;
        o.encryption = w;
        out.push_back(std::move(o));
    }
    if (rule.deleteMarkerReplication && rule.filterTags.empty()) {
        TestObject o;
        o.bucket = src.id;
        o.key = rule.filterPrefix + "replication-check-object";
        o.deleteMarker = true;
        out.push_back(std::move(o));
    }
    return out;
}

const char *writeName(const TestObject &o)
{
    if (o.deleteMarker)
        return "a delete marker";
    switch (o.encryption) {
    case ObjectWrite::Unencrypted: return "an unencrypted object";
    case ObjectWrite::SseS3: return "an SSE-S3 object";
    case ObjectWrite::SseKms: return "an SSE-KMS object";
    case ObjectWrite::DsseKms: return "a DSSE-KMS object";
    case ObjectWrite::SseC: return "an SSE-C object";
    case ObjectWrite::ClientSide: return "a client-side encrypted object";
    }
    return "an object";
}

// The pre-flight item the failing check belongs to.
PreflightMask preflightFor(const std::string &check, bool crossAccount)
{
    if (check == "assume-role")
        return preflightBit(PreflightCheck::RoleTrust);
    if (check == "decrypt-source")
        return preflightBit(PreflightCheck::SourceKeyPolicy);
    if (check == "encrypt-replica" || check == "decrypt-replica-key")
        return preflightBit(PreflightCheck::DestinationKeyPolicy);
    PreflightMask m = preflightBit(PreflightCheck::RolePermissions);
    if (crossAccount && (check == "write-replica" || check == "replicate-delete"
                         || check == "owner-override"))
        m |= preflightBit(PreflightCheck::CrossAccount);
    return m;
}

} // namespace

void ruleCustomPolicyBlocksReplication(const CheckContext &ctx, std::vector<Finding> &out)
{
    if (!anyCustomPolicy(ctx.design))
        return;
    std::vector<const ReplicationRule *> rules;
    for (const ReplicationRule &r : ctx.design.rules) {
        if (r.enabled && involvesCustomPolicy(ctx, r))
            rules.push_back(&r);
    }
    if (rules.empty())
        return; // the generated policies alone are proven by the policy tests
    const PolicySet policies(ctx.design, ctx.artifacts);
    std::unordered_set<std::string_view> customPaths; // of the custom policies passed through
    for (const Artifact &a : ctx.artifacts) {
        if (a.custom)
            customPaths.insert(a.path);
    }

    for (const ReplicationRule *rule : rules) {
        const Bucket *src = ctx.index.bucket(rule->source);
        if (!src)
            continue;
        const Bucket *dst = ctx.index.bucket(rule->destination);
        for (const TestObject &object : representativeObjects(*src, *rule, dst)) {
            const SimulationResult result = simulate(policies, object);
            const auto dr = std::find_if(result.destinations.begin(), result.destinations.end(),
                                         [&](const DestinationResult &d) {
                                             return d.rule == rule->id;
                                         });
            if (dr == result.destinations.end() || dr->outcome != Outcome::Failed)
                continue;
            const SimulationStep &step = dr->steps.back();
            // Only permission checks decided by a custom policy or guardrail are this rule's
            // business; versioning, Object Lock or key placement have their own rules.
            if (step.request.action.empty())
                continue;
            std::vector<std::string> customIds;
            const auto isCustomId = [&](const std::string &id) {
                return id.starts_with("custom/") || id.starts_with("scp/")
                       || id.starts_with("rcp/") || id.starts_with("boundary/");
            };
            for (const std::string &id : step.policies) {
                if (isCustomId(id) || customPaths.count(id))
                    customIds.push_back(id);
            }
            if (customIds.empty())
                continue;

            std::string statement;
            for (const MatchedStatement &m : step.matched) {
                if (!m.allow) {
                    statement = "statement \"" + m.sid + "\" of " + m.policy + " denies it";
                    break;
                }
            }
            if (statement.empty())
                statement = "no statement of " + joinNames(customIds) + " allows it"
                            + (step.detail.empty() ? "" : " (" + step.detail + ")");
            std::vector<std::string> elements{rule->id};
            for (const std::string &e : step.elements) {
                if (!e.empty() && std::find(elements.begin(), elements.end(), e) == elements.end())
                    elements.push_back(e);
            }
            std::string message = ctx.label(*rule) + ": " + writeName(object) + " fails with "
                                  + dr->reason + " at check " + step.check + " ("
                                  + step.request.action + " on " + step.request.resource
                                  + "): " + statement;
            for (const std::string &p : result.policyProblems)
                message += "; " + p;
            Finding &f = addFinding(out, std::move(elements), std::move(message));
            f.preflight = preflightFor(step.check, ctx.crossAccount(*rule));
            break; // one finding per rule: the first failing object
        }
    }
}

} // namespace s3rd::model::checks
