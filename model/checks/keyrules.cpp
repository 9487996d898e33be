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
            ctx.label(k) + " is an asymmetric key: S3 encrypts only with symmetric KMS keys",
            "Amazon S3 supports only symmetric encryption KMS keys, for default encryption and "
            "for replica keys alike. An asymmetric key cannot be changed into a symmetric one: "
            "use another key.",
            doc::kSymmetricKeys);
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
        Finding &f = addFinding(
            out, {k.id}, ctx.label(k) + " has automatic key rotation off",
            "Automatic rotation creates new key material yearly while keeping the key ID, ARN "
            "and policies, so replication keeps working and old objects stay readable. Without "
            "it, rotating means a new key and updating every replication rule and policy.",
            doc::kKeyRotation);
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
                       " accounts: use separate keys per account or security domain",
                   "One key serving buckets of several accounts ties their security domains "
                   "together: whoever controls the key policy controls access to every copy, "
                   "and losing or disabling the key affects all of them. Give each account "
                   "(or workload) its own customer managed key and grant the replication role "
                   "exactly what it needs on each.",
                   doc::kKeyCrossAccount);
    }
}

void ruleMultiRegionKey(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const KmsKey &k : ctx.design.keys) {
        if ((k.kind != KeyKind::MultiRegionPrimary && k.kind != KeyKind::MultiRegionReplica) ||
            !usedByS3(ctx.keyUse(k.id)))
            continue;
        addFinding(out, {k.id},
                   ctx.label(k) + " is a multi-Region key: S3 treats it as a single-Region key",
                   "Amazon S3 treats multi-Region keys as though they were single-Region keys "
                   "and does not use their multi-Region features. Objects are not decryptable "
                   "with a related key in another Region through S3: the replica key must be "
                   "the key (or the multi-Region replica) in the destination's own Region.",
                   doc::kKms);
    }
}

void ruleAwsManagedKeyPolicy(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const KmsKey &k : ctx.design.keys) {
        if (k.kind != KeyKind::AwsManaged || !usedByS3(ctx.keyUse(k.id)))
            continue;
        addFinding(out, {k.id},
                   ctx.label(k) + " is an AWS managed key: its key policy cannot be changed",
                   "AWS managed keys (alias/aws/s3) have a fixed key policy that allows use "
                   "only through S3 by principals of the owning account. No generated key "
                   "policy is applied to them, and they cannot serve another account.",
                   doc::kAwsManagedKeys);
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
                       ": apply the generated key policy in account " + std::string(keyAccount),
                   "Cross-account use of a KMS key needs permission in both places: the key "
                   "policy in the key's account must name the role (kms:Encrypt and "
                   "kms:GenerateDataKey), and the role's own policy must allow the key. Neither "
                   "alone is sufficient.",
                   doc::kKeyCrossAccount);
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
                       " must accept the bucket ARN as KMS encryption context",
                   "With an S3 Bucket Key, the encryption context is the bucket's ARN, not the "
                   "object's. The generated role and key policies allow both forms, but a "
                   "custom policy or guardrail that expects the object ARN "
                   "(arn:aws:s3:::bucket/*) in kms:EncryptionContext:aws:s3:arn denies "
                   "replication. custom-policy-blocks-replication reports it when the "
                   "simulation fails.",
                   doc::kBucketKey);
    }
}

void ruleBucketKeyDsse(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket &b : ctx.design.buckets) {
        if (!b.bucketKey || b.defaultEncryption != DefaultEncryption::DsseKms)
            continue;
        Finding &f = addFinding(
            out, {b.id},
            ctx.label(b) + " has an S3 Bucket Key with DSSE-KMS, which does not support one",
            "S3 Bucket Keys aren't supported for dual-layer server-side encryption (DSSE-KMS): "
            "every object uses its own KMS data key, with the KMS request cost that implies.",
            doc::kBucketKey);
        f.fix = setMemberFix("Turn off the Bucket Key of " + b.name, &Design::buckets, b.id,
                             &Bucket::bucketKey, false);
    }
}

} // namespace s3rd::model::checks
