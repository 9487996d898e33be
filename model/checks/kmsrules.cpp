// SSE-KMS and DSSE-KMS objects in replication rules: the opt-in, the replica key, the source key
// (reference §1.3, §3, §4.4, §9 item 4).

#include "checks/checkcontext.h"
#include "checks/rulehelpers.h"

#include <algorithm>
#include <cstdint>

namespace s3rd::model::checks {

namespace {

Fix useReplicaKey(const ReplicationRule &r, const KmsKey &k, std::string label)
{
    return {std::move(label), [rule = r.id, key = k.id](Design &d) {
                if (ReplicationRule *x = findById(d.rules, rule)) {
                    x->replicateKmsObjects = true;
                    x->replicaKey = key;
                }
            }};
}

std::string keyName(const KmsKey &k)
{
    return !k.alias.empty() ? k.alias : !k.keyId.empty() ? k.keyId : k.id;
}

// A stable placeholder key id (UUID layout) for a key the design plans to create; the user
// replaces it with the id KMS gives the key. Derived from the alias so a fix is deterministic.
std::string plannedKeyId(std::string_view seed)
{
    std::uint64_t a = 1469598103934665603ull;
    std::uint64_t b = 0x9e3779b97f4a7c15ull;
    for (unsigned char c : seed) {
        a = (a ^ c) * 1099511628211ull;
        b = (b ^ c) * 0x100000001b3ull + (b >> 29);
    }
    static const char hex[] = "0123456789abcdef";
    std::string id;
    for (int i = 0; i < 32; ++i) {
        const std::uint64_t word = i < 16 ? a : b;
        id += hex[(word >> (4 * (i % 16))) & 0xf];
        if (i == 7 || i == 11 || i == 15 || i == 19)
            id += '-';
    }
    return id;
}

// Uses the replica-key candidate of the rule or, when the design has none, creates a customer
// managed key with rotation on in the destination's account and Region and uses that: a fix
// must not leave a "no replica key" error behind.
Fix replicaKeyFix(const CheckContext &ctx, const ReplicationRule &r, const std::string &action)
{
    const Bucket *dst = ctx.resolved(r).dst;
    if (const KmsKey *k = ctx.replicaKeyCandidate(r))
        return useReplicaKey(r, *k, action + " with key " + keyName(*k));
    std::string base = "alias/" + (dst ? dst->name : r.destination) + "-replicas";
    std::replace(base.begin(), base.end(), '.', '-');
    return {action + " with a new customer managed key " + base + " in " +
                (dst ? dst->region : std::string()) + " (account " +
                std::string(dst ? ctx.accountIdOf(dst->account) : std::string_view()) + ")",
            [rule = r.id, base](Design &d) {
                ReplicationRule *x = findById(d.rules, rule);
                const Bucket *target = x ? findById(d.buckets, x->destination) : nullptr;
                if (!target)
                    return;
                std::string alias = base;
                for (int n = 2; std::any_of(d.keys.begin(), d.keys.end(),
                                            [&](const KmsKey &k) { return k.alias == alias; });
                     ++n)
                    alias = base + "-" + std::to_string(n);
                KmsKey k;
                k.id = freshId(d, "k");
                k.account = target->account;
                k.region = target->region;
                k.alias = alias;
                k.keyId = plannedKeyId(alias + "/" + target->account + "/" + target->region);
                k.rotation = true;
                k.note = "Planned by the checklist as replica key for " + target->name +
                         ": create it, then put its key id here.";
                k.geometry = {target->geometry.x, target->geometry.y + target->geometry.height + 20,
                              0, 0};
                x->replicateKmsObjects = true;
                x->replicaKey = k.id;
                d.keys.push_back(std::move(k));
            }};
}

} // namespace

void ruleKmsObjectsNotSelected(const CheckContext &ctx, std::vector<Finding> &out)
{
    forEachEnabledRule(ctx, [&](const ReplicationRule &r, const Bucket &src, const Bucket &) {
        if (r.replicateKmsObjects || !CheckContext::mayHoldKmsObjects(src))
            return;
        Finding &f =
            addFinding(out, {r.id, src.id},
                       ctx.label(r) +
                           " does not opt in to KMS-encrypted objects: the SSE-KMS and DSSE-KMS "
                           "objects of " +
                           ctx.label(src) + " never replicate");
        f.fix = replicaKeyFix(ctx, r, "Replicate KMS-encrypted objects of " + src.name);
    });
}

void ruleKmsReplicaKeyMissing(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        if (!r.replicateKmsObjects || ctx.resolved(r).replicaKey)
            continue;
        const Bucket *dst = ctx.resolved(r).dst;
        Finding &f =
            addFinding(out, {r.id},
                       ctx.label(r) + " replicates KMS-encrypted objects but names no replica key" +
                           (r.replicaKey.empty() ? std::string()
                                                 : " (key '" + r.replicaKey + "' does not exist)"));
        f.fix = replicaKeyFix(ctx, r, "Encrypt the replicas in " + (dst ? dst->name : r.destination));
    }
}

void ruleKmsReplicaKeyRegion(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        const KmsKey *k = ctx.resolved(r).replicaKey;
        const Bucket *dst = ctx.resolved(r).dst;
        if (!r.enabled || !k || !dst || k->region == dst->region)
            continue;
        Finding &f = addFinding(out, {r.id, k->id, dst->id},
                                "Replica key " + ctx.label(*k) + " of " + ctx.label(r) +
                                    " is not in " + ctx.label(*dst) + "'s Region " + dst->region);
        f.fix = replicaKeyFix(ctx, r, "Encrypt the replicas in " + dst->name + " (" + dst->region + ")");
    }
}

void ruleKmsAwsManagedCrossAccount(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        const KmsKey *k = ctx.resolved(r).replicaKey;
        if (!r.enabled || !k || k->kind != KeyKind::AwsManaged || !ctx.crossAccount(r))
            continue;
        Finding &f =
            addFinding(out, {r.id, k->id},
                       ctx.label(r) + " crosses accounts but its replica key " + ctx.label(*k) +
                           " is AWS managed: AWS managed keys cannot be used across accounts");
        f.fix = replicaKeyFix(ctx, r, "Encrypt the replicas of " + ctx.label(r));
    }
}

void ruleKmsSourceKeyMissing(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket *src : ctx.sourceBuckets()) {
        if (!CheckContext::mayHoldKmsObjects(*src) || ctx.index.key(src->defaultKey))
            continue;
        std::vector<std::string> elements{src->id};
        for (const ReplicationRule *r : ctx.index.rulesFrom(src->id)) {
            if (r->enabled && r->replicateKmsObjects)
                elements.push_back(r->id);
        }
        if (elements.size() == 1)
            continue; // no rule replicates its KMS objects: kms-objects-not-selected says so
        Finding &f =
            addFinding(out, std::move(elements),
                       ctx.label(*src) +
                           " may hold KMS-encrypted objects but has no KMS key: the role "
                           "is granted kms:Decrypt on no key, so those objects fail to replicate");
        // Only the key: switching the default encryption to SSE-KMS would change every
        // future upload and its cost.
        if (const KmsKey *k = ctx.keyIn(src->account, src->region, false)) {
            f.fix = Fix{"Record " + keyName(*k) + " as the KMS key of " + src->name +
                            "'s objects (its default encryption stays as it is)",
                        [b = src->id, key = k->id](Design &d) {
                            if (Bucket *x = findById(d.buckets, b))
                                x->defaultKey = key;
                        }};
        }
    }
}

void ruleBucketDefaultKeyRegion(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket &b : ctx.design.buckets) {
        const KmsKey *k = b.encryptsWithKms() ? ctx.index.key(b.defaultKey) : nullptr;
        if (!k || k->region == b.region)
            continue;
        Finding &f = addFinding(out, {b.id, k->id},
                                "Default key " + ctx.label(*k) + " of " + ctx.label(b) +
                                    " is not in the bucket's "
                                    "Region " +
                                    b.region);
        if (const KmsKey *c = ctx.keyIn(b.account, b.region, false)) {
            f.fix = setMemberFix("Use " + keyName(*c) + " as default key of " + b.name,
                                 &Design::buckets, b.id, &Bucket::defaultKey, c->id);
        }
    }
}

void ruleReplicaKeyNotDestinationOwned(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        const KmsKey *k = ctx.resolved(r).replicaKey;
        const Bucket *dst = ctx.resolved(r).dst;
        // An AWS managed key across accounts is kms-aws-managed-cross-account's error.
        if (!r.enabled || !k || !dst || !ctx.crossAccount(r) || k->kind == KeyKind::AwsManaged ||
            ctx.accountIdOf(k->account) == ctx.accountIdOf(dst->account))
            continue;
        Finding &f = addFinding(out, {r.id, k->id, dst->id},
                                "Replica key " + ctx.label(*k) + " of " + ctx.label(r) +
                                    " is not owned by the destination account " +
                                    std::string(ctx.accountIdOf(dst->account)) +
                                    ": the destination owner cannot control its replicas' key");
        f.fix = replicaKeyFix(ctx, r, "Encrypt the replicas in " + dst->name);
    }
}

void ruleKmsRequestQuota(const CheckContext &ctx, std::vector<Finding> &out)
{
    forEachEnabledRule(ctx, [&](const ReplicationRule &r, const Bucket &src, const Bucket &dst) {
        if (!r.replicateKmsObjects || src.region == dst.region ||
            !CheckContext::mayHoldKmsObjects(src))
            return;
        // A Bucket Key on an SSE-KMS source cuts the per-object KMS calls; DSSE-KMS has none.
        if (src.bucketKey && src.defaultEncryption == DefaultEncryption::SseKms &&
            !src.objectEncryptions.dsseKms)
            return;
        addFinding(out, {r.id, src.id},
                   ctx.label(r) +
                       " replicates KMS-encrypted objects across Regions without an "
                       "S3 Bucket Key: each object costs KMS requests in " +
                       src.region + " and " + dst.region + " and may be throttled (503)");
    });
}

void ruleKmsKeyStateInvalid(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const KmsKey &k : ctx.design.keys) {
        if (k.state == KeyState::Enabled)
            continue;
        const KeyUse &use = ctx.keyUse(k.id);
        std::vector<std::string> elements{k.id};
        bool source = false;
        bool replica = false;
        for (const Bucket *b : use.defaultFor) {
            for (const ReplicationRule *r : ctx.index.rulesFrom(b->id)) {
                if (r->enabled && r->replicateKmsObjects) {
                    source = true;
                    elements.push_back(r->id);
                }
            }
        }
        for (const ReplicationRule *r : use.replicaIn) {
            if (r->enabled) {
                replica = true;
                if (std::find(elements.begin(), elements.end(), r->id) == elements.end())
                    elements.push_back(r->id);
            }
        }
        if (!source && !replica)
            continue;
        const char *state = k.state == KeyState::Disabled ? "disabled" : "pending deletion";
        std::string reasons = source && replica ? "SrcKmsKeyInvalidState and DstKmsKeyInvalidState"
                              : source          ? "SrcKmsKeyInvalidState"
                                                : "DstKmsKeyInvalidState";
        Finding &f =
            addFinding(out, std::move(elements),
                       ctx.label(k) + " is " + state +
                           ": replication of the objects it protects fails with " + reasons);
        f.preflight = 0;
        if (source)
            f.preflight |= preflightBit(PreflightCheck::SourceKeyPolicy);
        if (replica)
            f.preflight |= preflightBit(PreflightCheck::DestinationKeyPolicy);
        f.fix = setMemberFix(std::string(k.state == KeyState::Disabled
                                             ? "Enable "
                                             : "Cancel the deletion of and enable ") +
                                 keyName(k),
                             &Design::keys, k.id, &KmsKey::state, KeyState::Enabled);
    }
}

} // namespace s3rd::model::checks
