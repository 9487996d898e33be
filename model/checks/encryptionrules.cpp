// SSE-C and client-side encryption (reference §5).

#include "checks/checkcontext.h"

namespace s3rd::model::checks {

void ruleSseCDestinationBlocked(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        const Bucket *src = ctx.resolved(r).src;
        const Bucket *dst = ctx.resolved(r).dst;
        if (!src || !dst || !src->objectEncryptions.sseC || !dst->sseCBlocked)
            continue;
        Finding &f = addFinding(
            out, {r.id, src->id, dst->id},
            ctx.label(*src) + " may hold SSE-C objects but " + ctx.label(*dst) +
                " blocks SSE-C: their replication is rejected with 403",
            "Since April 2026, new buckets block SSE-C by default. When SSE-C is blocked for a "
            "bucket, any replication request that specifies SSE-C is rejected with HTTP 403 "
            "AccessDenied. The destination must allow SSE-C (BlockedEncryptionTypes NONE only).",
            doc::kSseCBlocking);
        f.fix = Fix{"Allow SSE-C writes to " + dst->name, [id = dst->id](Design &d) {
                        if (Bucket *x = findById(d.buckets, id))
                            x->sseCBlocked = false;
                    }};
    }
}

void ruleSseCSource(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket *src : ctx.sourceBuckets()) {
        if (!src->objectEncryptions.sseC)
            continue;
        addFinding(out, {src->id},
                   ctx.label(*src) +
                       " may hold SSE-C objects: they replicate only to "
                       "destinations that allow SSE-C, and readers there need the customer key",
                   "S3 replicates SSE-C objects like unencrypted ones, with no extra "
                   "permissions, but only into buckets that do not block SSE-C (new buckets "
                   "block it by default since April 2026). The replicas stay encrypted with the "
                   "customer's key, which S3 never stores. SSE-KMS is easier to govern.",
                   doc::kKms);
    }
}

void ruleClientSideEncryption(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket *src : ctx.sourceBuckets()) {
        if (!src->objectEncryptions.clientSide)
            continue;
        addFinding(out, {src->id},
                   ctx.label(*src) + " holds client-side encrypted objects: they replicate as "
                                     "ciphertext, and readers of the replicas need the client key",
                   "S3 does not know that client-side encrypted objects are encrypted: it "
                   "replicates them as ordinary objects, with their envelope metadata. The key "
                   "stays outside AWS, so whoever reads the destination needs it too.",
                   doc::kClientSide);
    }
}

} // namespace s3rd::model::checks
