// Names, identifiers and limits, with the validators of core/names.h (reference §1.2, §7).

#include "checks/checkcontext.h"
#include "core/names.h"

#include <unordered_map>

namespace s3rd::model::checks {

namespace {

// A directory bucket by its type or by the --x-s3 suffix only directory bucket names carry.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/directory-bucket-naming-rules.html
bool isDirectoryBucket(const Bucket &b)
{
    return b.type == BucketType::Directory || b.name.ends_with("--x-s3");
}

} // namespace

void ruleBucketNameInvalid(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket &b : ctx.design.buckets) {
        // Directory buckets follow their own naming rules; directory-bucket-unsupported says
        // what matters about them.
        if (isDirectoryBucket(b))
            continue;
        const std::string problem = names::checkBucketName(b.name);
        if (problem.empty())
            continue;
        addFinding(out, {b.id}, "Bucket name \"" + b.name + "\" is invalid: " + problem);
    }
}

void ruleBucketNameDuplicate(const CheckContext &ctx, std::vector<Finding> &out)
{
    // Bucket names are unique within a partition.
    std::unordered_map<std::string_view, std::vector<const Bucket *>> byName;
    byName.reserve(ctx.design.buckets.size());
    std::vector<std::string_view> repeated;
    for (const Bucket &b : ctx.design.buckets) {
        auto &list = byName[b.name];
        list.push_back(&b);
        if (list.size() == 2)
            repeated.push_back(b.name);
    }
    for (std::string_view name : repeated) {
        const auto &all = byName[name];
        for (Partition p : {Partition::Aws, Partition::AwsCn, Partition::AwsUsGov}) {
            std::vector<std::string> elements;
            std::vector<std::string> labels;
            for (const Bucket *b : all) {
                if (ctx.partitionOf(b->account) != p)
                    continue;
                elements.push_back(b->id);
                labels.push_back(ctx.label(*b));
            }
            if (elements.size() < 2)
                continue;
            addFinding(out, std::move(elements),
                       std::to_string(labels.size()) + " buckets are named \"" + std::string(name) +
                           "\": " + joinNames(labels));
        }
    }
}

void ruleAccountIdInvalid(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Account &a : ctx.design.accounts) {
        const std::string problem = names::checkAccountId(a.accountId);
        if (problem.empty())
            continue;
        addFinding(out, {a.id},
                   "Account " + (a.name.empty() ? a.id : a.name) + " has an invalid account ID \"" +
                       a.accountId + "\": " + problem);
    }
}

void ruleRegionUnknown(const CheckContext &ctx, std::vector<Finding> &out)
{
    // A bucket or a key ("of key <label>").
    const auto check = [&](const auto &element, const char *of) {
        const std::string problem =
            names::checkRegion(element.region, ctx.partitionOf(element.account));
        if (!problem.empty())
            addFinding(out, {element.id},
                       "Region \"" + element.region + "\" of " + of + ctx.label(element) + ": " +
                           problem);
    };
    for (const Bucket &b : ctx.design.buckets)
        check(b, "");
    for (const KmsKey &k : ctx.design.keys)
        check(k, "key ");
}

void ruleStorageClassInvalid(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        const std::string problem = names::checkStorageClass(r.storageClass);
        if (problem.empty())
            continue;
        Finding &f = addFinding(out, {r.id},
                                ctx.label(r) + " uses storage class \"" + r.storageClass +
                                    "\", which replication does not accept: " + problem);
        f.fix = Fix{"Keep the source storage class in " + ctx.label(r), [id = r.id](Design &d) {
                        if (ReplicationRule *x = findById(d.rules, id))
                            x->storageClass.clear();
                    }};
    }
}

void ruleRuleLimits(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket *src : ctx.sourceBuckets()) {
        const std::size_t n = ctx.index.rulesFrom(src->id).size();
        if (n > kMaxReplicationRules)
            addFinding(out, {src->id},
                       ctx.label(*src) + " has " + std::to_string(n) +
                           " replication rules; a configuration holds at most 1,000");
    }
    for (const ReplicationRule &r : ctx.design.rules) {
        std::string problem = names::checkRuleId(r.ruleId);
        if (problem.empty())
            problem = names::checkRulePrefix(r.filterPrefix);
        for (const Tag &t : r.filterTags) {
            if (problem.empty())
                problem = names::checkTag(t);
        }
        if (!problem.empty())
            addFinding(out, {r.id}, ctx.label(r) + ": " + problem);
    }
    for (const Artifact &a : ctx.artifacts) {
        if (a.kind != ArtifactKind::ReplicationConfiguration || !a.overLimit)
            continue;
        const std::size_t size = policySize(a);
        const std::size_t limit = sizeLimit(a.kind);
        if (size <= limit) // overLimit for the rule count is reported per bucket above
            continue;
        const Bucket *b = ctx.index.bucket(a.element);
        addFinding(out, {a.element},
                   "The replication configuration of " + (b ? ctx.label(*b) : a.element) + " is " +
                       std::to_string(size) + " bytes; the limit is " + std::to_string(limit));
    }
}

void ruleRoleNameInvalid(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Role &r : ctx.design.roles) {
        std::string problem = names::checkRoleName(r.name);
        if (problem.empty())
            problem = names::checkRolePath(r.path);
        if (problem.empty())
            continue;
        addFinding(out, {r.id}, "Role " + ctx.label(r) + " is invalid: " + problem);
    }
}

void ruleKeyIdInvalid(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const KmsKey &k : ctx.design.keys) {
        std::string problem =
            k.alias.empty() ? std::string() : names::checkKmsAliasName(k.alias, k.kind);
        if (problem.empty())
            problem = names::checkKmsKeyId(k.keyId, k.kind);
        if (problem.empty())
            continue;
        addFinding(out, {k.id}, "Key " + ctx.label(k) + " is invalid: " + problem);
    }
}

void ruleDirectoryBucketUnsupported(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket &b : ctx.design.buckets) {
        if (!isDirectoryBucket(b))
            continue;
        std::vector<std::string> elements{b.id};
        for (const ReplicationRule *r : ctx.index.rulesFrom(b.id))
            elements.push_back(r->id);
        for (const ReplicationRule *r : ctx.index.rulesTo(b.id))
            elements.push_back(r->id);
        if (elements.size() == 1)
            continue;
        addFinding(out, std::move(elements),
                   ctx.label(b) + " is a directory bucket (S3 Express One Zone): S3 Replication "
                                  "does not support directory buckets");
    }
}

} // namespace s3rd::model::checks
