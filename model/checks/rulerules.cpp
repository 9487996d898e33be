// The replication rules as a configuration: references, self-replication, priorities, IDs, tag
// filters with delete markers (reference §1.2, §1.3).

#include "checks/checkcontext.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace s3rd::model::checks {

void ruleElementMissing(const CheckContext &ctx, std::vector<Finding> &out)
{
    const char *explanation =
        "An element refers to another element that is not in the design (it was deleted, or "
        "the file was edited by hand). Nothing can be generated for the missing part.";
    auto missing = [&](const std::string &id, const std::string &what) {
        addFinding(out, {id}, what, explanation, doc::kAddConfig);
    };
    for (const ReplicationRule &r : ctx.design.rules) {
        if (!ctx.resolved(r).src)
            missing(r.id,
                    ctx.label(r) + " has a source bucket '" + r.source + "' that does not exist");
        if (!ctx.resolved(r).dst)
            missing(r.id, ctx.label(r) + " has a destination bucket '" + r.destination +
                              "' that does not exist");
    }
    for (const Bucket &b : ctx.design.buckets) {
        if (!ctx.index.account(b.account))
            missing(b.id, "Bucket " + b.name + " belongs to account '" + b.account +
                              "', which does not exist");
        if (!b.defaultKey.empty() && !ctx.index.key(b.defaultKey))
            missing(b.id, "Bucket " + b.name + " names default key '" + b.defaultKey +
                              "', which does not exist");
    }
    for (const KmsKey &k : ctx.design.keys) {
        if (!ctx.index.account(k.account))
            missing(k.id, "Key " + (k.alias.empty() ? k.id : k.alias) + " belongs to account '" +
                              k.account + "', which does not exist");
    }
    for (const Role &r : ctx.design.roles) {
        if (!ctx.index.account(r.account))
            missing(r.id, "Role " + r.name + " belongs to account '" + r.account +
                              "', which does not exist");
    }
}

void ruleRuleSelf(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        if (r.source != r.destination)
            continue;
        const Bucket *b = ctx.resolved(r).src;
        if (!b)
            continue;
        Finding &f = addFinding(out, {r.id, b->id},
                                ctx.label(r) + " replicates " + ctx.label(*b) + " into itself",
                                "A replication rule copies objects to a different bucket. S3 "
                                "rejects a configuration whose destination is the source bucket.",
                                doc::kAddConfig);
        f.fix =
            Fix{"Remove " + ctx.label(r), [id = r.id](Design &d) {
                    std::erase_if(d.rules, [&](const ReplicationRule &x) { return x.id == id; });
                }};
    }
}

void ruleRuleDuplicatePriority(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket *src : ctx.sourceBuckets()) {
        const auto &rules = ctx.index.rulesFrom(src->id);
        std::map<int, std::vector<const ReplicationRule *>> byPriority;
        for (const ReplicationRule *r : rules)
            byPriority[r->priority].push_back(r);
        for (const auto &[priority, same] : byPriority) {
            if (same.size() < 2)
                continue;
            std::vector<std::string> elements{src->id};
            std::vector<std::string> names;
            for (const ReplicationRule *r : same) {
                elements.push_back(r->id);
                names.push_back("\"" + (r->ruleId.empty() ? r->id : r->ruleId) + "\"");
            }
            Finding &f = addFinding(
                out, std::move(elements),
                "Rules " + joinNames(names) + " of " + ctx.label(*src) + " share priority " +
                    std::to_string(priority),
                "Each rule of a V2 replication configuration has a Priority; when rules "
                "overlap, the one with the highest number wins. S3 rejects a configuration in "
                "which two rules have the same priority.",
                doc::kAddConfig);
            f.fix =
                Fix{"Renumber the priorities of " + src->name + "'s rules, keeping their order",
                    [bucket = src->id](Design &d) {
                        std::vector<ReplicationRule *> mine;
                        for (ReplicationRule &r : d.rules) {
                            if (r.source == bucket)
                                mine.push_back(&r);
                        }
                        std::stable_sort(mine.begin(), mine.end(),
                                         [](const ReplicationRule *a, const ReplicationRule *b) {
                                             return a->priority < b->priority;
                                         });
                        for (std::size_t i = 0; i < mine.size(); ++i)
                            mine[i]->priority = int(i) + 1;
                    }};
        }
    }
}

void ruleRuleIdDuplicate(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket *src : ctx.sourceBuckets()) {
        std::unordered_map<std::string_view, std::vector<const ReplicationRule *>> byId;
        std::vector<std::string_view> order;
        for (const ReplicationRule *r : ctx.index.rulesFrom(src->id)) {
            if (r->ruleId.empty())
                continue;
            auto &list = byId[r->ruleId];
            if (list.empty())
                order.push_back(r->ruleId);
            list.push_back(r);
        }
        for (std::string_view id : order) {
            const auto &same = byId[id];
            if (same.size() < 2)
                continue;
            std::vector<std::string> elements{src->id};
            for (const ReplicationRule *r : same)
                elements.push_back(r->id);
            Finding &f = addFinding(
                out, std::move(elements),
                std::to_string(same.size()) + " rules of " + ctx.label(*src) + " have the ID \"" +
                    std::string(id) + "\"",
                "The ID of a rule identifies it uniquely within the bucket's replication "
                "configuration (it appears in replication events and metrics). Two rules with "
                "the same ID are rejected.",
                doc::kAddConfig);
            f.fix = Fix{"Make the rule IDs of " + src->name + " unique",
                        [bucket = src->id, dup = std::string(id)](Design &d) {
                            int n = 1;
                            for (ReplicationRule &r : d.rules) {
                                if (r.source == bucket && r.ruleId == dup && n++ > 1)
                                    r.ruleId = dup + "-" + std::to_string(n - 1);
                            }
                        }};
        }
    }
}

void ruleTagFilterDeleteMarkers(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        if (r.filterTags.empty() || !r.deleteMarkerReplication)
            continue;
        Finding &f = addFinding(
            out, {r.id},
            ctx.label(r) + " filters on tags and replicates delete markers: S3 rejects that",
            "If a rule's Filter includes a tag, DeleteMarkerReplication must be Disabled: S3 "
            "does not replicate delete markers for tag-based rules.",
            doc::kDeleteMarkers);
        f.fix = Fix{"Stop replicating delete markers in " + ctx.label(r), [id = r.id](Design &d) {
                        if (ReplicationRule *x = findById(d.rules, id))
                            x->deleteMarkerReplication = false;
                    }};
    }
}

void ruleRuleDisabled(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        if (r.enabled)
            continue;
        Finding &f =
            addFinding(out, {r.id}, ctx.label(r) + " is disabled: nothing replicates through it",
                       "A rule with Status Disabled stays in the configuration (and is "
                       "validated with it) but replicates nothing.",
                       doc::kAddConfig);
        f.fix = Fix{"Enable " + ctx.label(r), [id = r.id](Design &d) {
                        if (ReplicationRule *x = findById(d.rules, id))
                            x->enabled = true;
                    }};
    }
}

} // namespace s3rd::model::checks
