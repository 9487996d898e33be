// SSE-C and client-side encryption (reference §5).

#include "checks/checkcontext.h"
#include "checks/rulehelpers.h"
#include "core/enumnames.h"

namespace s3rd::model::checks {

void ruleSseCDestinationBlocked(const CheckContext &ctx, std::vector<Finding> &out)
{
    forEachEnabledRule(ctx, [&](const ReplicationRule &r, const Bucket &src, const Bucket &dst) {
        if (!src.objectEncryptions.sseC || !dst.sseCBlocked)
            return;
        Finding &f =
            addFindingBetween(out, r, src, dst,
                              ctx.label(src) + " may hold SSE-C objects but " + ctx.label(dst) +
                                  " blocks SSE-C: their replication is rejected with 403");
        f.fix = setMemberFix("Allow SSE-C writes to " + dst.name +
                                 " (this re-opens SSE-C uploads on the bucket for everyone)",
                             &Design::buckets, dst.id, &Bucket::sseCBlocked, false);
    });
}

void ruleSseCSource(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket *src : ctx.sourceBuckets()) {
        if (!src->objectEncryptions.sseC)
            continue;
        addFinding(out, {src->id},
                   ctx.label(*src) +
                       " may hold SSE-C objects: they replicate only to "
                       "destinations that allow SSE-C, and readers there need the customer key");
    }
}

void ruleClientSideEncryption(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket *src : ctx.sourceBuckets()) {
        if (!src->objectEncryptions.clientSide)
            continue;
        addFinding(out, {src->id},
                   ctx.label(*src) + " holds client-side encrypted objects: they replicate as "
                                     "ciphertext, and readers of the replicas need the client key");
    }
}

namespace {

// Server-side encryption types in the order of the protection they add: SSE-S3, then SSE-KMS
// (a key policy), then DSSE-KMS (two layers).
int strength(DefaultEncryption e)
{
    switch (e) {
    case DefaultEncryption::SseS3: return 0;
    case DefaultEncryption::SseKms: return 1;
    case DefaultEncryption::DsseKms: return 2;
    }
    return 0;
}

const char *encryptionName(DefaultEncryption e)
{
    static constexpr EnumName<DefaultEncryption> kNames[] = {
        {DefaultEncryption::SseS3, "SSE-S3"}, {DefaultEncryption::SseKms, "SSE-KMS"},
        {DefaultEncryption::DsseKms, "DSSE-KMS"}};
    return enumName(kNames, e).data();
}

// The finding of each rule in `only` (all when nullptr) whose replicas stay weaker than the
// destination's default encryption.
void replicaEncryptionNotDestinationDefault(const CheckContext &ctx, const Anchors *only,
                                            std::vector<Finding> &out)
{
    forEachEnabledRule(ctx, [&](const ReplicationRule &r, const Bucket &src, const Bucket &dst) {
        if (only && !only->contains(r.id))
            return;
        // The server-side encryptions the source's objects may carry and that this rule
        // replicates (KMS objects only with the opt-in).
        std::vector<DefaultEncryption> written;
        const ObjectEncryptions &e = src.objectEncryptions;
        if (e.sseS3 || src.defaultEncryption == DefaultEncryption::SseS3)
            written.push_back(DefaultEncryption::SseS3);
        if (r.replicateKmsObjects &&
            (e.sseKms || src.defaultEncryption == DefaultEncryption::SseKms))
            written.push_back(DefaultEncryption::SseKms);
        std::vector<std::string> weaker;
        for (DefaultEncryption w : written) {
            if (strength(w) < strength(dst.defaultEncryption))
                weaker.emplace_back(encryptionName(w));
        }
        if (weaker.empty())
            return;
        addFinding(out, {r.id, dst.id},
                   ctx.label(dst) + " defaults to " + encryptionName(dst.defaultEncryption) +
                       ", but the " + joinNames(weaker) + " objects " + ctx.label(r) +
                       " replicates stay " + joinNames(weaker) + " there");
    });
}

} // namespace

void ruleReplicaEncryptionNotDestinationDefault(const CheckContext &ctx, std::vector<Finding> &out)
{
    replicaEncryptionNotDestinationDefault(ctx, nullptr, out);
}

void ruleReplicaEncryptionNotDestinationDefaultAt(const CheckContext &ctx, const Anchors &only,
                                                  std::vector<Finding> &out)
{
    replicaEncryptionNotDestinationDefault(ctx, &only, out);
}

} // namespace s3rd::model::checks
