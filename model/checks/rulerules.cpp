// The replication rules as a configuration: references, self-replication, priorities, IDs, tag
// filters with delete markers (reference §1.2, §1.3).

#include "checks/checkcontext.h"
#include "checks/rulehelpers.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

namespace s3rd::model::checks {

void ruleElementMissing(const CheckContext &ctx, std::vector<Finding> &out)
{
    auto missing = [&](const std::string &id, const std::string &what) {
        addFinding(out, {id}, what);
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
                                ctx.label(r) + " replicates " + ctx.label(*b) + " into itself");
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
            Finding &f = addFinding(out, std::move(elements),
                                    "Rules " + joinNames(names) + " of " + ctx.label(*src) +
                                        " share priority " + std::to_string(priority));
            // Renumber 1..n in the current order (priority, then design order), and say the
            // resulting order in the label.
            std::vector<const ReplicationRule *> ordered(rules.begin(), rules.end());
            std::stable_sort(ordered.begin(), ordered.end(),
                             [](const ReplicationRule *a, const ReplicationRule *b) {
                                 return a->priority < b->priority;
                             });
            std::vector<std::string> result;
            std::vector<std::string> ids;
            for (std::size_t i = 0; i < ordered.size(); ++i) {
                const ReplicationRule *r = ordered[i];
                result.push_back("\"" + (r->ruleId.empty() ? r->id : r->ruleId) + "\" " +
                                 std::to_string(i + 1));
                ids.push_back(r->id);
            }
            f.fix = Fix{"Renumber the priorities of " + src->name + "'s rules, keeping their "
                            "order: " + joinNames(result, 6),
                        [ids](Design &d) {
                            for (std::size_t i = 0; i < ids.size(); ++i) {
                                if (ReplicationRule *x = findById(d.rules, ids[i]))
                                    x->priority = int(i) + 1;
                            }
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
            Finding &f = addFinding(out, bucketAndRules(*src, same),
                                    std::to_string(same.size()) + " rules of " + ctx.label(*src) +
                                        " have the ID \"" + std::string(id) + "\"");
            f.fix = Fix{"Make the rule IDs of " + src->name + " unique (suffixes -2, -3, … not "
                                                                   "used by another rule)",
                        [bucket = src->id, dup = std::string(id)](Design &d) {
                            std::set<std::string> used;
                            for (const ReplicationRule &r : d.rules) {
                                if (r.source == bucket)
                                    used.insert(r.ruleId);
                            }
                            bool first = true;
                            int n = 2;
                            for (ReplicationRule &r : d.rules) {
                                if (r.source != bucket || r.ruleId != dup)
                                    continue;
                                if (std::exchange(first, false))
                                    continue;
                                while (used.count(dup + "-" + std::to_string(n)))
                                    ++n;
                                r.ruleId = dup + "-" + std::to_string(n);
                                used.insert(r.ruleId);
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
            ctx.label(r) + " filters on tags, so its delete markers are not replicated, although "
                           "the rule asks for them");
        f.fix =
            setMemberFix("Record that " + ctx.label(r) + " does not replicate delete markers",
                         &Design::rules, r.id, &ReplicationRule::deleteMarkerReplication, false);
    }
}

void ruleRuleDisabled(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        if (r.enabled)
            continue;
        Finding &f =
            addFinding(out, {r.id}, ctx.label(r) + " is disabled: nothing replicates through it");
        f.fix = setMemberFix("Enable " + ctx.label(r), &Design::rules, r.id,
                             &ReplicationRule::enabled, true);
    }
}

namespace {

// Whether one object can match both filters: one prefix starts with the other, and no tag key
// asks for two different values. On overlap, `overlap` describes the objects both match.
bool filtersOverlap(const ReplicationRule &a, const ReplicationRule &b, std::string &overlap)
{
    const std::string &longer =
        a.filterPrefix.size() >= b.filterPrefix.size() ? a.filterPrefix : b.filterPrefix;
    const std::string &shorter =
        a.filterPrefix.size() >= b.filterPrefix.size() ? b.filterPrefix : a.filterPrefix;
    if (!longer.starts_with(shorter))
        return false;
    std::vector<Tag> tags = a.filterTags;
    for (const Tag &t : b.filterTags) {
        const auto same = std::find_if(tags.begin(), tags.end(),
                                       [&](const Tag &x) { return x.key == t.key; });
        if (same == tags.end())
            tags.push_back(t);
        else if (same->value != t.value)
            return false;
    }
    overlap = longer.empty() ? "every object" : "objects under \"" + longer + "\"";
    for (std::size_t i = 0; i < tags.size(); ++i)
        overlap += (i == 0 ? " tagged " : ", ") + tags[i].key + "=" + tags[i].value;
    return true;
}

// The settings a rule applies to its objects that the winning rule of an overlap may not share.
std::vector<std::string> settingDifferences(const ReplicationRule &a, const ReplicationRule &b)
{
    std::vector<std::string> out;
    if (a.replicateKmsObjects != b.replicateKmsObjects || a.replicaKey != b.replicaKey)
        out.emplace_back("KMS objects and replica key");
    if (a.deleteMarkerReplication != b.deleteMarkerReplication)
        out.emplace_back("delete marker replication");
    if (a.storageClass != b.storageClass)
        out.emplace_back("storage class");
    if (a.ownerOverride != b.ownerOverride)
        out.emplace_back("owner override");
    if (a.replicationTimeControl != b.replicationTimeControl)
        out.emplace_back("Replication Time Control");
    return out;
}

} // namespace

void ruleRulesOverlapSameDestination(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket *src : ctx.sourceBuckets()) {
        const auto &rules = ctx.index.rulesFrom(src->id);
        for (std::size_t i = 0; i < rules.size(); ++i) {
            const ReplicationRule &a = *rules[i];
            if (!a.enabled)
                continue;
            for (std::size_t j = i + 1; j < rules.size(); ++j) {
                const ReplicationRule &b = *rules[j];
                // Equal priorities are rule-duplicate-priority's error.
                if (!b.enabled || b.destination != a.destination || b.priority == a.priority)
                    continue;
                std::string overlap;
                if (!filtersOverlap(a, b, overlap))
                    continue;
                const ReplicationRule &winner = a.priority > b.priority ? a : b;
                const ReplicationRule &loser = a.priority > b.priority ? b : a;
                const std::vector<std::string> differ = settingDifferences(winner, loser);
                std::string message = "Rules \"" + winner.ruleId + "\" (priority " +
                                      std::to_string(winner.priority) + ") and \"" +
                                      loser.ruleId + "\" (priority " +
                                      std::to_string(loser.priority) + ") of " + ctx.label(*src) +
                                      " both match " + overlap + ": only \"" + winner.ruleId +
                                      "\" applies there";
                if (!differ.empty())
                    message += ", so the " + joinNames(differ, 5) + " of \"" + loser.ruleId +
                               "\" are ignored for them";
                addFinding(out, {src->id, winner.id, loser.id}, std::move(message));
            }
        }
    }
}

} // namespace s3rd::model::checks
