// The replication role: present, in the source account, one per source bucket (reference §2,
// §4.5).

#include "checks/checkcontext.h"
#include "checks/rulehelpers.h"

namespace s3rd::model::checks {

namespace {

bool roleInAccountOf(const CheckContext &ctx, const Role *role, const Bucket &src)
{
    return role && ctx.accountIdOf(role->account) == ctx.accountIdOf(src.account);
}

// Assigns `roleId` to every rule of the source bucket whose role is missing or in another
// account; creates the role first when `roleId` is empty.
Fix assignRoleFix(const CheckContext &ctx, const Bucket &src)
{
    // Prefer the role other rules of this bucket already use, then any role of the account.
    const Role *pick = nullptr;
    for (const ReplicationRule *r : ctx.index.rulesFrom(src.id)) {
        if (const Role *role = ctx.resolved(*r).role; roleInAccountOf(ctx, role, src)) {
            pick = role;
            break;
        }
    }
    if (!pick) {
        for (const Role *role : ctx.rolesIn(src.account)) {
            pick = role;
            break;
        }
    }
    std::string label = pick ? "Use role " + pick->name + " for replication from " + src.name
                             : "Create a replication role in " +
                                   std::string(ctx.accountIdOf(src.account)) + " for " + src.name;
    return {
        std::move(label), [bucket = src.id, roleId = pick ? pick->id : std::string()](Design &d) {
            const Bucket *b = findById(d.buckets, bucket);
            if (!b)
                return;
            std::string id = roleId;
            if (id.empty()) {
                Role role;
                role.id = freshId(d, "role");
                role.account = b->account;
                role.name = "s3-replication-" + b->name;
                if (role.name.size() > 64) // IAM role names are at most 64 characters
                    role.name.resize(64);
                role.geometry = {20, 40, 0, 0};
                id = role.id;
                d.roles.push_back(std::move(role));
            }
            const std::string account = b->account;
            const Account *acc = findById(d.accounts, account);
            for (ReplicationRule &r : d.rules) {
                if (r.source != bucket)
                    continue;
                const Role *current = findById(d.roles, r.role);
                const Account *roleAcc = current ? findById(d.accounts, current->account) : nullptr;
                const bool ok = current && acc && roleAcc && roleAcc->accountId == acc->accountId;
                if (!ok)
                    r.role = id;
            }
        }};
}

} // namespace

void ruleRoleMissing(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        if (ctx.resolved(r).role)
            continue;
        const Bucket *src = ctx.resolved(r).src;
        Finding &f = addFinding(
            out, {r.id},
            ctx.label(r) + (r.role.empty() ? " has no replication role"
                                           : " names role '" + r.role + "', which does not exist"),
            "A replication configuration names the IAM role that S3 assumes to read the source "
            "and write the replicas. Without one there is nothing to put in the configuration's "
            "Role and nothing replicates.",
            doc::kPermissions);
        if (src)
            f.fix = assignRoleFix(ctx, *src);
    }
}

void ruleRoleAccount(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        const Role *role = ctx.resolved(r).role;
        const Bucket *src = ctx.resolved(r).src;
        if (!role || !src || roleInAccountOf(ctx, role, *src))
            continue;
        Finding &f = addFinding(
            out, {r.id, role->id, src->id},
            "Role " + ctx.label(*role) + " of " + ctx.label(r) + " is not in the account of " +
                ctx.label(*src),
            "The role in a replication configuration must belong to the source bucket owner's "
            "account: the caller needs iam:PassRole on it, which works only for roles of its "
            "own account, and every AWS example puts the role there.",
            doc::kPermissions);
        f.fix = assignRoleFix(ctx, *src);
    }
}

void ruleRoleMultiplePerSource(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket *src : ctx.sourceBuckets()) {
        const auto &rules = ctx.index.rulesFrom(src->id);
        const Role *first = nullptr;
        bool differs = false;
        for (const ReplicationRule *r : rules) {
            const Role *role = ctx.resolved(*r).role;
            if (!role)
                continue;
            if (!first)
                first = role;
            else if (role != first)
                differs = true;
        }
        if (!differs)
            continue;
        Finding &f = addFinding(
            out, bucketAndRules(*src, rules),
            "The rules of " + ctx.label(*src) +
                " name different roles, but its replication "
                "configuration has one role: only " +
                first->name + " is used",
            "A bucket's replication configuration has a single Role shared by all its rules. "
            "The generated configuration uses the first rule's role, so the permissions meant "
            "for the other roles are never used.",
            doc::kAddConfig);
        f.fix = Fix{"Use role " + first->name + " for every rule of " + src->name,
                    [bucket = src->id, role = first->id](Design &d) {
                        for (ReplicationRule &r : d.rules) {
                            if (r.source == bucket)
                                r.role = role;
                        }
                    }};
    }
}

void ruleConfusedDeputyTestObject(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Role &role : ctx.design.roles) {
        if (!role.confusedDeputyConditions || ctx.index.rulesUsingRole(role.id).empty())
            continue;
        addFinding(out, {role.id},
                   "Role " + ctx.label(role) +
                       " restricts its trust with aws:SourceAccount and "
                       "aws:SourceArn: prove the role with one test object",
                   "Confused-deputy conditions in the trust policy are a hardening step AWS "
                   "does not show in its replication examples. If a condition value does not "
                   "match what S3 sends, every replication fails with AssumeRoleNotPermitted, "
                   "so replicate one test object before relying on the setup.",
                   doc::kConfusedDeputy);
    }
}

} // namespace s3rd::model::checks
