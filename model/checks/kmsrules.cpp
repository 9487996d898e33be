// SSE-KMS and DSSE-KMS objects in replication rules: the opt-in, the replica key, the source key
// (reference §1.3, §3, §4.4, §9 item 4).

#include "checks/checkcontext.h"

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

} // namespace

void ruleKmsObjectsNotSelected(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        const Bucket *src = ctx.resolved(r).src;
        const Bucket *dst = ctx.resolved(r).dst;
        if (!src || !dst || r.replicateKmsObjects || !CheckContext::mayHoldKmsObjects(*src))
            continue;
        Finding &f = addFinding(
            out, {r.id, src->id},
            ctx.label(r) +
                " does not opt in to KMS-encrypted objects: the SSE-KMS and DSSE-KMS "
                "objects of " +
                ctx.label(*src) + " never replicate",
            "By default, Amazon S3 doesn't replicate objects encrypted with SSE-KMS or DSSE-KMS. "
            "The rule must set SourceSelectionCriteria.SseKmsEncryptedObjects to Enabled and "
            "name a replica key (ReplicaKmsKeyID) in the destination's Region. S3 accepts the "
            "configuration without them and silently skips those objects.",
            doc::kKms);
        if (const KmsKey *k = ctx.replicaKeyCandidate(r)) {
            f.fix = useReplicaKey(r, *k,
                                  "Replicate KMS-encrypted objects of " + src->name + " with key " +
                                      keyName(*k));
        } else {
            f.fix = Fix{"Replicate KMS-encrypted objects of " + src->name +
                            " (then pick a replica key)",
                        [rule = r.id](Design &d) {
                            if (ReplicationRule *x = findById(d.rules, rule))
                                x->replicateKmsObjects = true;
                        }};
        }
    }
}

void ruleKmsReplicaKeyMissing(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        if (!r.replicateKmsObjects || ctx.resolved(r).replicaKey)
            continue;
        const Bucket *dst = ctx.resolved(r).dst;
        Finding &f = addFinding(
            out, {r.id},
            ctx.label(r) + " replicates KMS-encrypted objects but names no replica key" +
                (r.replicaKey.empty() ? std::string()
                                      : " (key '" + r.replicaKey + "' does not exist)"),
            "When SseKmsEncryptedObjects is Enabled, the destination must name the KMS key that "
            "encrypts the replicas (EncryptionConfiguration.ReplicaKmsKeyID): a symmetric, "
            "customer managed key in the destination bucket's Region.",
            doc::kKms);
        if (const KmsKey *k = ctx.replicaKeyCandidate(r)) {
            f.fix = useReplicaKey(r, *k,
                                  "Use " + keyName(*k) + " as replica key for " +
                                      (dst ? dst->name : r.destination));
        }
    }
}

void ruleKmsReplicaKeyRegion(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        const KmsKey *k = ctx.resolved(r).replicaKey;
        const Bucket *dst = ctx.resolved(r).dst;
        if (!k || !dst || k->region == dst->region)
            continue;
        Finding &f = addFinding(
            out, {r.id, k->id, dst->id},
            "Replica key " + ctx.label(*k) + " of " + ctx.label(r) + " is not in " +
                ctx.label(*dst) + "'s Region " + dst->region,
            "The KMS key for the replicas must have been created in the same AWS Region as the "
            "destination bucket. S3 does not validate the key when the configuration is put: "
            "it answers 200 OK and replication fails later. For a multi-Region key, name the "
            "replica of the key in the destination's Region.",
            doc::kKms);
        if (const KmsKey *c = ctx.replicaKeyCandidate(r)) {
            f.fix =
                useReplicaKey(r, *c, "Use " + keyName(*c) + " (" + c->region + ") as replica key");
        }
    }
}

void ruleKmsAwsManagedCrossAccount(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        const KmsKey *k = ctx.resolved(r).replicaKey;
        if (!k || k->kind != KeyKind::AwsManaged || !ctx.crossAccount(r))
            continue;
        Finding &f = addFinding(
            out, {r.id, k->id},
            ctx.label(r) + " crosses accounts but its replica key " + ctx.label(*k) +
                " is AWS managed: AWS managed keys cannot be used across accounts",
            "Cross-account replication of SSE-KMS data needs a customer managed key for the "
            "destination account. AWS managed keys (aws/s3) don't allow cross-account use, "
            "because their key policies cannot be changed.",
            doc::kKms);
        if (const KmsKey *c = ctx.replicaKeyCandidate(r)) {
            f.fix =
                useReplicaKey(r, *c, "Use customer managed key " + keyName(*c) + " as replica key");
        }
    }
}

void ruleKmsSourceKeyMissing(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket *src : ctx.sourceBuckets()) {
        if (!CheckContext::mayHoldKmsObjects(*src) || ctx.index.key(src->defaultKey))
            continue;
        std::vector<std::string> elements{src->id};
        for (const ReplicationRule *r : ctx.index.rulesFrom(src->id)) {
            if (r->replicateKmsObjects)
                elements.push_back(r->id);
        }
        if (elements.size() == 1)
            continue; // no rule replicates its KMS objects: kms-objects-not-selected says so
        Finding &f = addFinding(
            out, std::move(elements),
            ctx.label(*src) +
                " may hold KMS-encrypted objects but has no KMS key: the role "
                "is granted kms:Decrypt on no key, so those objects fail to replicate",
            "The replication role needs kms:Decrypt on the key that encrypts the source "
            "objects. The design names that key as the bucket's default key; without one the "
            "generated role policy cannot grant it, and replication of SSE-KMS objects fails.",
            doc::kKms);
        if (const KmsKey *k = ctx.keyIn(src->account, src->region, false)) {
            f.fix = Fix{"Use " + keyName(*k) + " as the KMS key of " + src->name,
                        [b = src->id, key = k->id](Design &d) {
                            if (Bucket *x = findById(d.buckets, b)) {
                                x->defaultKey = key;
                                if (!CheckContext::hasKmsDefault(*x))
                                    x->defaultEncryption = DefaultEncryption::SseKms;
                            }
                        }};
        }
    }
}

void ruleBucketDefaultKeyRegion(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket &b : ctx.design.buckets) {
        const KmsKey *k = CheckContext::hasKmsDefault(b) ? ctx.index.key(b.defaultKey) : nullptr;
        if (!k || k->region == b.region)
            continue;
        Finding &f = addFinding(
            out, {b.id, k->id},
            "Default key " + ctx.label(*k) + " of " + ctx.label(b) +
                " is not in the bucket's "
                "Region " +
                b.region,
            "S3 default encryption uses a KMS key in the bucket's own Region. A key in another "
            "Region cannot encrypt the bucket's objects.",
            doc::kDefaultEncryption);
        if (const KmsKey *c = ctx.keyIn(b.account, b.region, false)) {
            f.fix = Fix{"Use " + keyName(*c) + " as default key of " + b.name,
                        [id = b.id, key = c->id](Design &d) {
                            if (Bucket *x = findById(d.buckets, id))
                                x->defaultKey = key;
                        }};
        }
    }
}

} // namespace s3rd::model::checks
