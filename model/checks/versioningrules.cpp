// Versioning and Object Lock on both ends of a rule (reference §6.1, §6.2).

#include "checks/checkcontext.h"
#include "checks/rulehelpers.h"

namespace s3rd::model::checks {

namespace {

std::string_view versioningWord(Versioning v)
{
    return v == Versioning::Suspended ? "suspended" : "off";
}

Fix enableVersioning(const Bucket &b)
{
    return {"Enable versioning on " + b.name, [id = b.id](Design &d) {
                if (Bucket *x = findById(d.buckets, id))
                    x->versioning = Versioning::Enabled;
            }};
}

} // namespace

void ruleVersioningSourceOff(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket *b : ctx.sourceBuckets()) {
        if (b->versioning == Versioning::Enabled)
            continue;
        std::vector<std::string> elements{b->id};
        for (const ReplicationRule *r : ctx.index.rulesFrom(b->id))
            elements.push_back(r->id);
        Finding &f = addFinding(out, std::move(elements),
                                ctx.label(*b) + " has versioning " +
                                    std::string(versioningWord(b->versioning)) +
                                    ": S3 refuses a replication configuration on it");
        f.fix = enableVersioning(*b);
    }
}

void ruleVersioningDestinationOff(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket &b : ctx.design.buckets) {
        const auto &incoming = ctx.index.rulesTo(b.id);
        if (incoming.empty() || b.versioning == Versioning::Enabled)
            continue;
        std::vector<std::string> elements{b.id};
        for (const ReplicationRule *r : incoming)
            elements.push_back(r->id);
        Finding &f = addFinding(out, std::move(elements),
                                ctx.label(b) + " has versioning " +
                                    std::string(versioningWord(b.versioning)) +
                                    ": replication to it fails with DstBucketUnversioned");
        f.fix = enableVersioning(b);
    }
}

void ruleObjectLockDestinationMissing(const CheckContext &ctx, std::vector<Finding> &out)
{
    forEachRuleBetweenBuckets(ctx, [&](const ReplicationRule &r, const Bucket &src,
                                       const Bucket &dst) {
        if (!src.objectLock || dst.objectLock || &src == &dst)
            return;
        Finding &f = addFindingBetween(
            out, r, src, dst,
            ctx.label(src) + " has Object Lock but its destination " + ctx.label(dst) +
                " does not: replication fails with DstBucketObjectLockConfigMissing");
        f.fix = Fix{"Enable Object Lock on " + dst.name, [id = dst.id](Design &d) {
                        if (Bucket *x = findById(d.buckets, id)) {
                            x->objectLock = true;
                            x->versioning = Versioning::Enabled;
                        }
                    }};
    });
}

} // namespace s3rd::model::checks
