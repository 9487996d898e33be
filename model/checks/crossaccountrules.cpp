// Rules between accounts: bucket policies, Requester Pays, ownership of replicas, Regions and
// partitions (reference §4, §6.1, §6.8).

#include "checks/checkcontext.h"
#include "checks/rulehelpers.h"
#include "core/names.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace s3rd::model::checks {

void ruleRequesterPaysDestination(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        const Bucket *dst = ctx.resolved(r).dst;
        if (!r.enabled || !dst || !dst->requesterPays || !ctx.crossAccount(r))
            continue;
        Finding &f = addFinding(out, {r.id, dst->id},
                                ctx.label(*dst) +
                                    " is Requester Pays: cross-account replication into it fails");
        f.fix = setMemberFix("Turn off Requester Pays on " + dst->name, &Design::buckets, dst->id,
                             &Bucket::requesterPays, false);
    }
}

namespace {

// A finding about an owner override that changes nothing, with the fix that turns it off.
void addOwnerOverrideNotNeeded(const CheckContext &ctx, std::vector<Finding> &out,
                               const ReplicationRule &r, std::vector<std::string> elements,
                               std::string message)
{
    Finding &f = addFinding(out, std::move(elements), std::move(message));
    f.fix = Fix{"Turn off owner override in " + ctx.label(r), [id = r.id](Design &d) {
                    if (ReplicationRule *x = findById(d.rules, id))
                        x->ownerOverride = false;
                }};
}

} // namespace

void ruleOwnerOverrideSameAccount(const CheckContext &ctx, std::vector<Finding> &out)
{
    forEachEnabledRule(ctx, [&](const ReplicationRule &r, const Bucket &src, const Bucket &) {
        if (!r.ownerOverride || ctx.crossAccount(r))
            return;
        addOwnerOverrideNotNeeded(
            ctx, out, r, {r.id},
            ctx.label(r) + " changes replica ownership, but both buckets are in account " +
                std::string(ctx.accountIdOf(src.account)));
    });
}

void ruleOwnerOverrideNotNeeded(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        const Bucket *dst = ctx.resolved(r).dst;
        if (!r.enabled || !r.ownerOverride || !dst || !ctx.crossAccount(r) ||
            dst->objectOwnership != ObjectOwnership::BucketOwnerEnforced)
            continue;
        addOwnerOverrideNotNeeded(
            ctx, out, r, {r.id, dst->id},
            ctx.label(r) + " changes replica ownership, but " + ctx.label(*dst) +
                " is Bucket owner enforced: the destination owns every replica already");
    }
}

void ruleOwnerOverrideMissing(const CheckContext &ctx, std::vector<Finding> &out)
{
    forEachEnabledRule(ctx, [&](const ReplicationRule &r, const Bucket &src, const Bucket &dst) {
        if (r.ownerOverride || !ctx.crossAccount(r) ||
            dst.objectOwnership == ObjectOwnership::BucketOwnerEnforced)
            return;
        Finding &f =
            addFinding(out, {r.id, dst.id},
                       "Replicas in " + ctx.label(dst) + " stay owned by account " +
                           std::string(ctx.accountIdOf(src.account)) + ": " + ctx.label(r) +
                           " has no owner override and the bucket has ACLs enabled");
        // The rule's owner override, not Bucket owner enforced on the whole destination: that
        // disables ACLs for everyone, and S3 refuses it while the bucket ACL grants others.
        f.fix = setMemberFix("Turn on owner override in " + ctx.label(r) +
                                 " (replicas owned by the destination account)",
                             &Design::rules, r.id, &ReplicationRule::ownerOverride, true);
    });
}

void ruleDstBucketPolicyNeeded(const CheckContext &ctx, std::vector<Finding> &out)
{
    // One finding per destination account: the buckets whose policies that account applies.
    struct Group
    {
        std::vector<std::string> elements;
        std::vector<std::string> names;
        std::vector<std::string> sourceAccounts;
        bool custom = false;
    };
    std::vector<std::string_view> order;
    std::unordered_map<std::string_view, Group> groups;
    for (const Bucket &dst : ctx.design.buckets) {
        const auto &incoming = ctx.index.rulesTo(dst.id);
        if (incoming.empty())
            continue;
        Group *g = nullptr;
        for (const ReplicationRule *r : incoming) {
            // Disabled rules get no bucket policy statement from the generator either.
            if (!r->enabled || !ctx.crossAccount(*r))
                continue;
            if (!g) {
                const std::string_view owner = ctx.accountIdOf(dst.account);
                auto [it, inserted] = groups.try_emplace(owner);
                if (inserted)
                    order.push_back(owner);
                g = &it->second;
                g->elements.push_back(dst.id);
                g->names.push_back(dst.name);
                g->custom = g->custom || dst.customBucketPolicy.has_value();
            }
            const std::string_view id = ctx.accountIdOf(ctx.resolved(*r).src->account);
            if (std::find(g->sourceAccounts.begin(), g->sourceAccounts.end(), id) ==
                g->sourceAccounts.end())
                g->sourceAccounts.emplace_back(id);
        }
    }
    for (std::string_view owner : order) {
        Group &g = groups[owner];
        addFinding(out, std::move(g.elements),
                   "Account " + std::string(owner) + " must apply " +
                       (g.custom ? "bucket policies allowing replication from "
                                 : "the generated bucket policies allowing replication from ") +
                       joinNames(g.sourceAccounts) + " on " + joinNames(g.names));
    }
}

void ruleRegionOptIn(const CheckContext &ctx, std::vector<Finding> &out)
{
    // Region code -> accounts that must have it enabled (source owners need both Regions of a
    // rule, destination owners the destination Region).
    struct Need
    {
        std::vector<std::string> accounts;
        std::unordered_set<std::string> seen;
    };
    std::map<std::string, Need> needs;
    auto need = [&](const std::string &region, const std::string &account) {
        const names::Region *info = names::findRegion(region);
        if (!info || !info->optIn)
            return;
        Need &n = needs[region];
        if (n.seen.insert(account).second)
            n.accounts.push_back(account);
    };
    forEachEnabledRule(ctx, [&](const ReplicationRule &, const Bucket &src, const Bucket &dst) {
        need(src.region, src.account);
        need(dst.region, src.account);
        need(dst.region, dst.account);
    });
    for (const auto &[region, n] : needs) {
        std::vector<std::string> labels;
        for (const std::string &id : n.accounts) {
            const Account *a = ctx.index.account(id);
            labels.push_back(a ? ctx.label(*a) : id);
        }
        addFinding(out, n.accounts,
                   region + " is an opt-in Region: enable it in " + joinNames(labels, 5));
    }
}

void rulePartitionMismatch(const CheckContext &ctx, std::vector<Finding> &out)
{
    forEachRuleBetweenBuckets(
        ctx, [&](const ReplicationRule &r, const Bucket &src, const Bucket &dst) {
            if (ctx.partitionOf(src.account) == ctx.partitionOf(dst.account))
                return;
            addFindingBetween(out, r, src, dst,
                              ctx.label(r) + " crosses partitions (" +
                                  std::string(names::partitionName(ctx.partitionOf(src.account))) +
                                  " to " +
                                  std::string(names::partitionName(ctx.partitionOf(dst.account))) +
                                  "): S3 replication stays within one partition");
        });
}

void ruleSourceObjectsForeignOwned(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket *src : ctx.sourceBuckets()) {
        if (!src->otherAccountsWrite ||
            src->objectOwnership == ObjectOwnership::BucketOwnerEnforced)
            continue;
        std::vector<std::string> elements{src->id};
        for (const ReplicationRule *r : ctx.index.rulesFrom(src->id)) {
            if (r->enabled)
                elements.push_back(r->id);
        }
        if (elements.size() == 1)
            continue;
        addFinding(out, std::move(elements),
                   ctx.label(*src) + " has ACLs enabled and other accounts write to it: their "
                                     "objects replicate only if they grant the bucket owner "
                                     "READ and READ_ACP, else SrcGetAclNotPermitted");
    }
}

} // namespace s3rd::model::checks
