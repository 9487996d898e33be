// The KMS keys themselves: key spec, rotation, sharing, multi-Region and AWS managed keys, key
// policies across accounts, and S3 Bucket Keys (reference §3.2–§3.4, §4.4; seed §9).

#include "checks/checkcontext.h"

#include <algorithm>
#include <unordered_set>

namespace s3rd::model::checks {

namespace {

// Buckets whose objects the key protects: buckets it is the default key of (with KMS default
// encryption), and destinations of rules naming it as replica key.
bool usedByS3(const KeyUse &use)
{
    for (const Bucket *b : use.defaultFor) {
        if (b->encryptsWithKms())
            return true;
    }
    return !use.replicaIn.empty();
}

bool isSourceKey(const CheckContext &ctx, const KeyUse &use)
{
    for (const Bucket *b : use.defaultFor) {
        if (!ctx.index.rulesFrom(b->id).empty())
            return true;
    }
    return false;
}

} // namespace

void ruleKmsKeyAsymmetric(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const KmsKey &k : ctx.design.keys) {
        const KeyUse &use = ctx.keyUse(k.id);
        if (k.symmetric || !usedByS3(use))
            continue;
        std::vector<std::string> elements{k.id};
        for (const Bucket *b : use.defaultFor)
            elements.push_back(b->id);
        for (const ReplicationRule *r : use.replicaIn)
            elements.push_back(r->id);
        Finding &f = addFinding(
            out, std::move(elements),
            ctx.label(k) + " is an asymmetric key: S3 encrypts only with symmetric KMS keys");
        f.preflight = 0;
        if (isSourceKey(ctx, use))
            f.preflight |= preflightBit(PreflightCheck::SourceKeyPolicy);
        if (!use.replicaIn.empty())
            f.preflight |= preflightBit(PreflightCheck::DestinationKeyPolicy);
    }
}

void ruleKeyRotationOff(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const KmsKey &k : ctx.design.keys) {
        // AWS rotates AWS managed keys itself; a multi-Region replica follows its primary.
        if (k.rotation || k.kind == KeyKind::AwsManaged || k.kind == KeyKind::MultiRegionReplica ||
            !k.symmetric)
            continue;
        Finding &f = addFinding(out, {k.id}, ctx.label(k) + " has automatic key rotation off");
        f.fix = setMemberFix("Enable automatic rotation of " + (k.alias.empty() ? k.id : k.alias),
                             &Design::keys, k.id, &KmsKey::rotation, true);
    }
}

void ruleKeySharedAcrossAccounts(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const KmsKey &k : ctx.design.keys) {
        if (k.kind == KeyKind::AwsManaged)
            continue;
        const KeyUse &use = ctx.keyUse(k.id);
        std::unordered_set<std::string_view> accounts{ctx.accountIdOf(k.account)};
        std::vector<std::string> elements{k.id};
        std::unordered_set<std::string_view> seen;
        auto addBucket = [&](const Bucket &b) {
            accounts.insert(ctx.accountIdOf(b.account));
            if (seen.insert(b.id).second)
                elements.push_back(b.id);
        };
        for (const Bucket *b : use.defaultFor) {
            if (b->encryptsWithKms())
                addBucket(*b);
        }
        for (const ReplicationRule *r : use.replicaIn) {
            if (const Bucket *dst = ctx.resolved(*r).dst)
                addBucket(*dst);
        }
        if (accounts.size() < 2)
            continue;
        addFinding(out, std::move(elements),
                   ctx.label(k) + " encrypts buckets of " + std::to_string(accounts.size()) +
                       " accounts: use separate keys per account or security domain");
    }
}

void ruleMultiRegionKey(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const KmsKey &k : ctx.design.keys) {
        if ((k.kind != KeyKind::MultiRegionPrimary && k.kind != KeyKind::MultiRegionReplica) ||
            !usedByS3(ctx.keyUse(k.id)))
            continue;
        addFinding(out, {k.id},
                   ctx.label(k) + " is a multi-Region key: S3 treats it as a single-Region key");
    }
}

void ruleAwsManagedKeyPolicy(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const KmsKey &k : ctx.design.keys) {
        if (k.kind != KeyKind::AwsManaged || !usedByS3(ctx.keyUse(k.id)))
            continue;
        addFinding(out, {k.id},
                   ctx.label(k) + " is an AWS managed key: its key policy cannot be changed");
    }
}

void ruleKeyPolicyCrossAccount(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const KmsKey &k : ctx.design.keys) {
        if (k.kind == KeyKind::AwsManaged)
            continue;
        const std::string_view keyAccount = ctx.accountIdOf(k.account);
        std::vector<std::string> elements{k.id};
        std::vector<std::string> roleNames;
        std::unordered_set<std::string_view> seen;
        for (const ReplicationRule *r : ctx.keyUse(k.id).replicaIn) {
            const Role *role = ctx.resolved(*r).role;
            // Disabled rules get no key policy statement from the generator either.
            if (!r->enabled || !role || ctx.accountIdOf(role->account) == keyAccount)
                continue;
            if (seen.insert(role->id).second) {
                elements.push_back(role->id);
                roleNames.push_back(ctx.label(*role));
            }
        }
        if (roleNames.empty())
            continue;
        addFinding(out, std::move(elements),
                   "The key policy of " + ctx.label(k) + " must allow " + joinNames(roleNames) +
                       ": apply the generated key policy in account " + std::string(keyAccount));
    }
}

void ruleBucketKeyContext(const CheckContext &ctx, std::vector<Finding> &out)
{
    // The generated policies allow both context forms; only the user's own policies and
    // guardrails may expect the object ARN alone.
    for (const Bucket &b : ctx.design.buckets) {
        if (!b.bucketKey || b.defaultEncryption != DefaultEncryption::SseKms)
            continue;
        std::vector<std::string> elements{b.id};
        std::vector<std::string> custom;
        auto note = [&](const std::string &id, std::string what) {
            if (std::find(elements.begin(), elements.end(), id) == elements.end())
                elements.push_back(id);
            if (std::find(custom.begin(), custom.end(), what) == custom.end())
                custom.push_back(std::move(what));
        };
        auto accountGuardrails = [&](const std::string &accountElement) {
            const Account *a = ctx.index.account(accountElement);
            if (a && !a->guardrails.empty())
                note(a->id, "the guardrails of account " + a->accountId);
        };
        auto check = [&](const ReplicationRule *r) {
            if (!r->enabled || !r->replicateKmsObjects)
                return;
            if (const Role *role = ctx.resolved(*r).role) {
                if (role->customPermissionsPolicy)
                    note(role->id, "the custom permissions policy of role " + role->name);
                if (!role->guardrails.empty())
                    note(role->id, "the permissions boundaries of role " + role->name);
                accountGuardrails(role->account);
            }
            if (const KmsKey *k = ctx.index.key(b.defaultKey)) {
                if (k->customKeyPolicy)
                    note(k->id, "the custom key policy of " + ctx.label(*k));
                accountGuardrails(k->account);
            }
        };
        for (const ReplicationRule *r : ctx.index.rulesFrom(b.id))
            check(r);
        for (const ReplicationRule *r : ctx.index.rulesTo(b.id))
            check(r);
        if (custom.empty())
            continue;
        addFinding(out, std::move(elements),
                   ctx.label(b) + " uses an S3 Bucket Key: " + joinNames(custom) +
                       " must accept the bucket ARN as KMS encryption context");
    }
}

void ruleBucketKeyDsse(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket &b : ctx.design.buckets) {
        if (!b.bucketKey || b.defaultEncryption != DefaultEncryption::DsseKms)
            continue;
        Finding &f = addFinding(
            out, {b.id},
            ctx.label(b) + " has an S3 Bucket Key with DSSE-KMS, which does not support one");
        f.fix = setMemberFix("Turn off the Bucket Key of " + b.name, &Design::buckets, b.id,
                             &Bucket::bucketKey, false);
    }
}

} // namespace s3rd::model::checks
