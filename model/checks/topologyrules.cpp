// The shape of the replication graph: chains and two-way pairs (reference §6.3, §6.6).

#include "checks/checkcontext.h"

#include <algorithm>
#include <set>

namespace s3rd::model::checks {

namespace {

// The finding of each bucket in `only` (all when nullptr) at which a chain stops.
void chainNotReplicated(const CheckContext &ctx, const Anchors *only, std::vector<Finding> &out)
{
    // Per bucket: its distinct upstream and downstream buckets (short lists: a linear search
    // beats hashing here).
    std::vector<const Bucket *> from;
    std::vector<const Bucket *> to;
    auto addUnique = [](std::vector<const Bucket *> &list, const Bucket *b) {
        if (b && std::find(list.begin(), list.end(), b) == list.end())
            list.push_back(b);
    };
    for (const Bucket &b : ctx.design.buckets) {
        if (only && !only->contains(b.id))
            continue;
        const auto &in = ctx.index.rulesTo(b.id);
        if (in.empty())
            continue;
        const auto &outgoing = ctx.index.rulesFrom(b.id);
        if (outgoing.empty())
            continue;
        from.clear();
        to.clear();
        for (const ReplicationRule *r : in) {
            if (r->enabled && r->source != b.id)
                addUnique(from, ctx.resolved(*r).src);
        }
        for (const ReplicationRule *r : outgoing) {
            if (r->enabled && r->destination != b.id)
                addUnique(to, ctx.resolved(*r).dst);
        }
        // A chain needs some A -> B -> C with A != C; B -> A alone is two-way replication.
        if (from.empty() || to.empty() || (from.size() == 1 && to.size() == 1 && from[0] == to[0]))
            continue;
        std::vector<std::string> elements{b.id};
        for (const ReplicationRule *r : in) {
            if (r->enabled && r->source != b.id)
                elements.push_back(r->id);
        }
        for (const ReplicationRule *r : outgoing) {
            if (r->enabled && r->destination != b.id)
                elements.push_back(r->id);
        }
        // Per downstream bucket, the upstream buckets whose replicas stop at b: every upstream
        // bucket but the downstream one itself, so a two-way partner is listed both as a
        // bucket the chain continues to (for the others' replicas) and as an origin.
        std::string message;
        for (const Bucket *next : to) {
            std::vector<std::string> origins;
            for (const Bucket *prev : from) {
                if (prev != next)
                    origins.push_back(prev->name);
            }
            if (origins.empty())
                continue;
            message += message.empty() ? "Replicas that " + ctx.label(b) + " receives from "
                                       : "; replicas from ";
            message += joinNames(origins) + " do not continue to " + next->name;
            if (std::find(from.begin(), from.end(), next) != from.end())
                message += " (its two-way partner)";
        }
        addFinding(out, std::move(elements), std::move(message));
    }
}

} // namespace

void ruleChainNotReplicated(const CheckContext &ctx, std::vector<Finding> &out)
{
    chainNotReplicated(ctx, nullptr, out);
}

void ruleChainNotReplicatedAt(const CheckContext &ctx, const Anchors &only,
                              std::vector<Finding> &out)
{
    chainNotReplicated(ctx, &only, out);
}

void ruleTwoWayWithoutReplicaSync(const CheckContext &ctx, std::vector<Finding> &out)
{
    std::set<std::pair<std::string_view, std::string_view>> done;
    for (const ReplicationRule &r : ctx.design.rules) {
        if (!r.enabled || r.source == r.destination)
            continue;
        const auto pair =
            r.source < r.destination
                ? std::make_pair(std::string_view(r.source), std::string_view(r.destination))
                : std::make_pair(std::string_view(r.destination), std::string_view(r.source));
        if (done.count(pair))
            continue;
        std::vector<const ReplicationRule *> back;
        for (const ReplicationRule *x : ctx.index.rulesFrom(r.destination)) {
            if (x->enabled && x->destination == r.source)
                back.push_back(x);
        }
        if (back.empty())
            continue;
        done.insert(pair);
        std::vector<const ReplicationRule *> both;
        for (const ReplicationRule *x : ctx.index.rulesFrom(r.source)) {
            if (x->enabled && x->destination == r.destination)
                both.push_back(x);
        }
        both.insert(both.end(), back.begin(), back.end());
        bool allSynced = true;
        for (const ReplicationRule *x : both)
            allSynced = allSynced && x->replicaModificationSync;
        const Bucket *a = ctx.index.bucket(pair.first);
        const Bucket *b = ctx.index.bucket(pair.second);
        if (allSynced || !a || !b)
            continue;
        std::vector<std::string> elements{a->id, b->id};
        std::vector<std::string> ruleIds;
        for (const ReplicationRule *x : both) {
            elements.push_back(x->id);
            ruleIds.push_back(x->id);
        }
        Finding &f = addFinding(out, std::move(elements),
                                ctx.label(*a) + " and " + ctx.label(*b) +
                                    " replicate both ways without replica "
                                    "modification sync on both rules");
        f.fix = Fix{"Enable replica modification sync on both rules between " + a->name + " and " +
                        b->name,
                    [ruleIds](Design &d) {
                        for (const std::string &id : ruleIds) {
                            if (ReplicationRule *x = findById(d.rules, id))
                                x->replicaModificationSync = true;
                        }
                    }};
    }
}

} // namespace s3rd::model::checks
