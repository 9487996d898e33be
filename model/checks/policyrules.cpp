// The generated and custom documents themselves: sizes and parse errors.

#include "checks/checkcontext.h"

namespace s3rd::model::checks {

namespace {

PreflightMask preflightFor(const CheckContext &ctx, const Artifact &a)
{
    switch (a.kind) {
    case ArtifactKind::RoleTrustPolicy:
        return preflightBit(PreflightCheck::RoleTrust);
    case ArtifactKind::RolePermissionsPolicy:
        return preflightBit(PreflightCheck::RolePermissions);
    case ArtifactKind::BucketPolicy:
        return preflightBit(PreflightCheck::CrossAccount);
    case ArtifactKind::KeyPolicy: {
        const KeyUse &use = ctx.keyUse(a.element);
        PreflightMask m = 0;
        if (!use.defaultFor.empty())
            m |= preflightBit(PreflightCheck::SourceKeyPolicy);
        if (!use.replicaIn.empty() || m == 0)
            m |= preflightBit(PreflightCheck::DestinationKeyPolicy);
        return m;
    }
    case ArtifactKind::ReplicationConfiguration:
        break;
    }
    return 0;
}

std::string describe(const CheckContext &ctx, const Artifact &a)
{
    std::string s(artifactKindName(a.kind));
    s += " of ";
    if (const Bucket *b = ctx.index.bucket(a.element))
        s += ctx.label(*b);
    else if (const Role *r = ctx.index.role(a.element))
        s += ctx.label(*r);
    else if (const KmsKey *k = ctx.index.key(a.element))
        s += ctx.label(*k);
    else
        s += a.element;
    return s;
}

const char *kIamQuotaNote = "IAM counts policy characters without whitespace: an inline role "
                            "policy holds 10,240 and a trust policy 2,048 by default. A key "
                            "policy holds 32 KB and a bucket policy 20 KB. Split the role "
                            "across source buckets, or use fewer, broader statements.";

} // namespace

void rulePolicyTooLarge(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Artifact &a : ctx.artifacts) {
        if (a.kind == ArtifactKind::ReplicationConfiguration)
            continue; // rule-limits reports the 2 MB of a configuration
        // generateArtifacts() sets overLimit from policySize(); measure only what it flagged.
        if (!a.overLimit)
            continue;
        const std::size_t size = policySize(a);
        const std::size_t limit = sizeLimit(a.kind);
        Finding &f = addFinding(out, {a.element},
                                "The " + describe(ctx, a) + " is " + std::to_string(size) +
                                    " characters; AWS accepts at most " + std::to_string(limit),
                                kIamQuotaNote, doc::kIamQuotas);
        f.preflight = preflightFor(ctx, a);
    }
}

void ruleCustomPolicyInvalid(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Artifact &a : ctx.artifacts) {
        if (!a.custom || a.parsed)
            continue;
        Finding &f =
            addFinding(out, {a.element}, "The custom " + describe(ctx, a) + " is not valid JSON",
                       "A custom policy is passed through verbatim; AWS rejects a "
                       "document that does not parse. Fix the JSON, or remove the "
                       "custom policy to use the generated one.",
                       doc::kPermissions);
        f.preflight = preflightFor(ctx, a);
        f.fix = Fix{"Use the generated " + std::string(artifactKindName(a.kind)) + " instead",
                    [kind = a.kind, id = a.element](Design &d) {
                        if (Bucket *b = findById(d.buckets, id);
                            b && kind == ArtifactKind::BucketPolicy)
                            b->customBucketPolicy.reset();
                        if (KmsKey *k = findById(d.keys, id); k && kind == ArtifactKind::KeyPolicy)
                            k->customKeyPolicy.reset();
                        if (Role *r = findById(d.roles, id)) {
                            if (kind == ArtifactKind::RoleTrustPolicy)
                                r->customTrustPolicy.reset();
                            if (kind == ArtifactKind::RolePermissionsPolicy)
                                r->customPermissionsPolicy.reset();
                        }
                    }};
    }
}

} // namespace s3rd::model::checks
