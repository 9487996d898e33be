// The generated and custom documents themselves: sizes and parse errors.

#include "checks/checkcontext.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace s3rd::model::checks {

namespace {

PreflightMask preflightFor(const CheckContext &ctx, const Artifact &a)
{
    switch (a.kind) {
    case ArtifactKind::RoleTrustPolicy:
        return preflightBit(PreflightCheck::RoleTrust);
    case ArtifactKind::RolePermissionsPolicy:
    case ArtifactKind::RoleManagedPolicy:
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
    if (!a.name.empty())
        s += " " + a.name;
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

// Each role's permissions, as generateArtifacts() made them: managed policies, in order. Found
// in one pass over the artifacts, not one per role.
class ManagedParts
{
public:
    explicit ManagedParts(const CheckContext &ctx)
    {
        for (const Artifact &a : ctx.artifacts) {
            if (a.kind == ArtifactKind::RoleManagedPolicy)
                m_byRole[a.element].push_back(&a);
        }
    }
    const std::vector<const Artifact *> &of(std::string_view roleId) const
    {
        static const std::vector<const Artifact *> none;
        const auto it = m_byRole.find(roleId);
        return it == m_byRole.end() ? none : it->second;
    }

private:
    std::unordered_map<std::string_view, std::vector<const Artifact *>> m_byRole;
};

// A name for a copy of a role, unique among the design's roles (IAM role names are unique in an
// account regardless of case) and within IAM's 64 characters.
std::string copyName(const Design &d, const std::string &base, int n)
{
    for (;; ++n) {
        const std::string suffix = "-" + std::to_string(n);
        const std::string name = base.substr(0, 64 - std::min<std::size_t>(64, suffix.size())) +
                                 suffix;
        const bool taken = std::any_of(d.roles.begin(), d.roles.end(), [&](const Role &r) {
            return std::equal(r.name.begin(), r.name.end(), name.begin(), name.end(),
                              [](char a, char b) { return std::tolower(a) == std::tolower(b); });
        });
        if (!taken)
            return name;
    }
}

// Whether none of the roles' permissions is over IAM's limits.
bool permissionsFit(const Design &d, const std::vector<std::string> &roles)
{
    for (const Artifact &a : generateArtifacts(d)) {
        if (a.overLimit && !a.custom &&
            (a.kind == ArtifactKind::RoleManagedPolicy ||
             a.kind == ArtifactKind::RolePermissionsPolicy) &&
            std::find(roles.begin(), roles.end(), a.element) != roles.end())
            return false;
    }
    return true;
}

// One role per group of source buckets: the role's sources, in the order of their first rule,
// are cut into the fewest groups of consecutive sources whose permissions each fit; the first
// group keeps the role, each other one gets a copy of it (account, path, trust settings,
// attachment, guardrails) and its rules move there.
void splitRoleBySources(Design &d, const std::string &roleId, std::size_t startGroups)
{
    const Role *role = findById(d.roles, roleId);
    if (!role)
        return;
    std::vector<std::string> sources;
    for (const ReplicationRule &r : d.rules) {
        if (r.role == roleId && std::find(sources.begin(), sources.end(), r.source) == sources.end())
            sources.push_back(r.source);
    }
    const Design before = d;
    for (std::size_t groups = std::max<std::size_t>(2, startGroups); groups <= sources.size();
         ++groups) {
        d = before;
        const Role original = *findById(d.roles, roleId);
        std::vector<std::string> roleOfGroup{roleId};
        for (std::size_t g = 1; g < groups; ++g) {
            Role copy = original;
            copy.id = freshId(d, "role");
            copy.name = copyName(d, original.name, int(g) + 1);
            copy.customPermissionsPolicy.reset();
            copy.note.clear();
            copy.geometry.y += 40.0 * double(g);
            roleOfGroup.push_back(copy.id);
            d.roles.push_back(std::move(copy));
        }
        for (ReplicationRule &r : d.rules) {
            if (r.role != roleId)
                continue;
            const auto at = std::size_t(std::find(sources.begin(), sources.end(), r.source) -
                                        sources.begin());
            r.role = roleOfGroup[at * groups / sources.size()];
        }
        if (permissionsFit(d, roleOfGroup))
            return;
    }
    // Even one role per source bucket is too large: each source keeps its own role, and the
    // checklist goes on reporting the roles that still do not fit.
}

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
        if (size <= limit)
            continue; // a managed policy of a role needing too many: role-permissions-too-large
        Finding &f = addFinding(out, {a.element},
                                "The " + describe(ctx, a) + " is " + std::to_string(size) +
                                    " characters; AWS accepts at most " + std::to_string(limit));
        f.preflight = preflightFor(ctx, a);
        const Role *role = ctx.index.role(a.element);
        if (a.kind == ArtifactKind::RolePermissionsPolicy && !a.custom && role)
            f.fix = Fix{"Attach the permissions of " + role->name +
                            " as customer managed policies",
                        [id = role->id](Design &d) {
                            if (Role *r = findById(d.roles, id))
                                r->permissionsAttachment = PermissionsAttachment::Managed;
                        }};
    }
}

void ruleRolePermissionsManaged(const CheckContext &ctx, std::vector<Finding> &out)
{
    const ManagedParts managed(ctx);
    for (const Role &role : ctx.design.roles) {
        if (role.permissionsAttachment != PermissionsAttachment::Automatic)
            continue; // the design asks for its attachment
        const std::vector<const Artifact *> &parts = managed.of(role.id);
        if (parts.empty() || parts.size() > kMaxManagedPoliciesPerRole)
            continue;
        addFinding(out, {role.id},
                   "The permissions of role " + ctx.label(role) +
                       " outgrow an inline policy's 10,240 characters; they are attached as " +
                       std::to_string(parts.size()) + " customer managed policies (" +
                       parts.front()->name + (parts.size() > 1 ? " … " + parts.back()->name : "") +
                       ")");
    }
}

void ruleRolePermissionsTooLarge(const CheckContext &ctx, std::vector<Finding> &out)
{
    const ManagedParts managed(ctx);
    for (const Role &role : ctx.design.roles) {
        const std::vector<const Artifact *> &parts = managed.of(role.id);
        if (parts.size() <= kMaxManagedPoliciesPerRole)
            continue;
        std::vector<std::string_view> sources;
        for (const ReplicationRule *r : ctx.index.rulesUsingRole(role.id)) {
            if (std::find(sources.begin(), sources.end(), r->source) == sources.end())
                sources.push_back(r->source);
        }
        Finding &f = addFinding(out, {role.id},
                                "The permissions of role " + ctx.label(role) + " need " +
                                    std::to_string(parts.size()) +
                                    " customer managed policies; IAM attaches at most " +
                                    std::to_string(kMaxManagedPoliciesPerRole) + " to a role");
        if (sources.size() > 1) {
            // Each new role takes up to 10 policies' worth of the permissions.
            const std::size_t groups =
                (parts.size() + kMaxManagedPoliciesPerRole - 1) / kMaxManagedPoliciesPerRole;
            f.fix = Fix{"Split " + role.name + " into one role per group of source buckets",
                        [id = role.id, groups](Design &d) { splitRoleBySources(d, id, groups); }};
        }
    }
}

void ruleCustomPolicyInvalid(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Artifact &a : ctx.artifacts) {
        if (!a.custom || a.parsed)
            continue;
        Finding &f =
            addFinding(out, {a.element}, "The custom " + describe(ctx, a) + " is not valid JSON");
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
