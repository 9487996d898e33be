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
                                           : " names role '" + r.role + "', which does not exist"));
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
        Finding &f = addFinding(out, {r.id, role->id, src->id},
                                "Role " + ctx.label(*role) + " of " + ctx.label(r) +
                                    " is not in the account of " + ctx.label(*src));
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
        Finding &f = addFinding(out, bucketAndRules(*src, rules),
                                "The rules of " + ctx.label(*src) +
                                    " name different roles, but its replication "
                                    "configuration has one role: only " +
                                    first->name + " is used");
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
                       "aws:SourceArn: prove the role with one test object");
    }
}

} // namespace s3rd::model::checks
