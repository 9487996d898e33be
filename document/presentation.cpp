#include "presentation.h"

#include "core/designindex.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

namespace s3rd::document {

using namespace s3rd::model;

namespace {

std::string accountLabel(const Account &a)
{
    return (a.name.empty() ? a.id : a.name) + " (" + a.accountId + ")";
}

std::string ruleName(const ReplicationRule &r)
{
    return r.ruleId.empty() ? r.id : r.ruleId;
}

std::string documentTitle(ArtifactKind kind)
{
    switch (kind) {
    case ArtifactKind::ReplicationConfiguration: return "replication configuration";
    case ArtifactKind::RoleTrustPolicy: return "role trust policy";
    case ArtifactKind::RolePermissionsPolicy: return "role permissions policy";
    case ArtifactKind::KeyPolicy: return "KMS key policy";
    case ArtifactKind::BucketPolicy: return "bucket policy";
    case ArtifactKind::RoleManagedPolicy: return "managed policy";
    }
    return "document";
}

std::string bucketName(const DesignIndex &index, const std::string &id)
{
    const Bucket *b = index.bucket(id);
    return b ? b->name : id;
}

// A unit of the derived order: one element's step, and for a rule its statements step.
struct Unit
{
    std::string id;
    std::string caption;
    bool rule = false;
    std::optional<int> pinned;
};

void addUnit(std::vector<Unit> &units, const std::string &id, std::string caption,
             const std::optional<int> &pinned, bool rule = false)
{
    units.push_back({id, std::move(caption), rule, pinned});
}

std::vector<Unit> derivedUnits(const Design &design, const DesignIndex &index)
{
    std::vector<Unit> units;
    for (const Account &a : design.accounts)
        addUnit(units, a.id, "account " + accountLabel(a), a.presentStep);
    std::set<std::string> known;
    for (const Account &a : design.accounts)
        known.insert(a.id);
    // Each account's buckets, keys and roles; then those of accounts that are not in the design.
    auto owned = [&](const std::string &account, bool orphans) {
        auto mine = [&](const std::string &owner) {
            return orphans ? !known.count(owner) : owner == account;
        };
        for (const Bucket &b : design.buckets)
            if (mine(b.account))
                addUnit(units, b.id, "bucket " + b.name, b.presentStep);
        for (const KmsKey &k : design.keys)
            if (mine(k.account))
                addUnit(units, k.id, "KMS key " + (k.alias.empty() ? k.id : k.alias),
                        k.presentStep);
        for (const Role &r : design.roles)
            if (mine(r.account))
                addUnit(units, r.id, "role " + r.name, r.presentStep);
    };
    for (const Account &a : design.accounts)
        owned(a.id, false);
    owned({}, true);
    for (const ReplicationRule &r : design.rules) {
        addUnit(units, r.id,
                "arrow " + ruleName(r) + ": " + bucketName(index, r.source) + " \u2192 "
                    + bucketName(index, r.destination),
                r.presentStep, true);
    }
    return units;
}

} // namespace

namespace {

// For every rule, in one pass over the artifacts: which statements of which documents name it.
class StatementIndex
{
public:
    StatementIndex(const Design &design, const std::vector<Artifact> &artifacts)
        : m_design(design)
        , m_index(design)
        , m_artifacts(artifacts)
    {
        for (std::size_t i = 0; i < artifacts.size(); ++i) {
            for (const StatementNote &n : artifacts[i].notes) {
                for (const std::string &id : n.elements) {
                    if (!m_index.rule(id))
                        continue;
                    auto &docs = m_byRule[id];
                    if (docs.empty() || docs.back().first != i)
                        docs.emplace_back(i, std::vector<std::string>{});
                    docs.back().second.push_back(n.sid.empty() ? "(no Sid)" : n.sid);
                }
            }
            if (artifacts[i].kind == ArtifactKind::RoleTrustPolicy)
                m_trust.emplace(artifacts[i].element, i);
        }
    }

    std::vector<AccountStatements> forRule(const std::string &ruleId) const
    {
        const ReplicationRule *rule = m_index.rule(ruleId);
        if (!rule)
            return {};
        std::vector<std::pair<std::size_t, std::vector<std::string>>> docs;
        if (const auto it = m_byRule.find(ruleId); it != m_byRule.end())
            docs = it->second;
        // S3 must be able to assume the rule's role: its trust policy applies whole.
        if (const auto it = m_trust.find(rule->role); it != m_trust.end()) {
            const bool listed = std::any_of(docs.begin(), docs.end(),
                                            [&](const auto &d) { return d.first == it->second; });
            if (!listed) {
                std::vector<std::string> sids;
                for (const StatementNote &n : m_artifacts[it->second].notes)
                    sids.push_back(n.sid.empty() ? "(no Sid)" : n.sid);
                if (sids.empty())
                    sids.push_back("(the whole document)");
                docs.emplace_back(it->second, std::move(sids));
                std::sort(docs.begin(), docs.end(),
                          [](const auto &a, const auto &b) { return a.first < b.first; });
            }
        }
        std::map<std::string, AccountStatements> byAccount;
        for (auto &[index, sids] : docs) {
            const Artifact &a = m_artifacts[index];
            DocumentToApply doc;
            doc.kind = a.kind;
            doc.title = documentTitle(a.kind) + (a.custom ? " (custom)" : "");
            doc.target = a.kind == ArtifactKind::RoleManagedPolicy ? a.name : name(a.element);
            doc.path = a.path;
            doc.sids = std::move(sids);
            byAccount[a.account].documents.push_back(std::move(doc));
        }
        std::vector<AccountStatements> out;
        for (const Account &a : m_design.accounts) {
            const auto it = byAccount.find(a.id);
            if (it == byAccount.end())
                continue;
            it->second.account = a.id;
            it->second.label = accountLabel(a);
            out.push_back(std::move(it->second));
            byAccount.erase(it);
        }
        for (auto &entry : byAccount) { // documents of accounts not in the design
            entry.second.account = entry.first;
            entry.second.label = entry.first;
            out.push_back(std::move(entry.second));
        }
        return out;
    }

    std::string name(const std::string &id) const
    {
        if (const Bucket *b = m_index.bucket(id))
            return b->name;
        if (const Role *r = m_index.role(id))
            return r->name;
        if (const KmsKey *k = m_index.key(id))
            return k->alias.empty() ? k->id : k->alias;
        return id;
    }

private:
    const Design &m_design;
    DesignIndex m_index;
    const std::vector<Artifact> &m_artifacts;
    std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::vector<std::string>>>>
        m_byRule;
    std::unordered_map<std::string, std::size_t> m_trust; // role id -> its trust policy
};

} // namespace

std::vector<AccountStatements> statementsForRule(const Design &design,
                                                 const std::vector<Artifact> &artifacts,
                                                 const std::string &ruleId)
{
    return StatementIndex(design, artifacts).forRule(ruleId);
}

std::vector<PresentationStep> presentationSteps(const Design &design,
                                                const std::vector<Artifact> &artifacts)
{
    const StatementIndex statements(design, artifacts);
    const DesignIndex index(design);
    std::vector<Unit> units = derivedUnits(design, index);
    std::map<int, std::vector<const Unit *>> pinned;
    std::vector<const Unit *> derived;
    for (const Unit &u : units) {
        if (u.pinned)
            pinned[*u.pinned].push_back(&u);
        else
            derived.push_back(&u);
    }

    std::vector<PresentationStep> steps;
    auto reveal = [&](const std::vector<const Unit *> &together) {
        PresentationStep step;
        for (const Unit *u : together) {
            step.elements.push_back(u->id);
            step.caption += (step.caption.empty() ? "" : ", ") + u->caption;
        }
        steps.push_back(std::move(step));
        for (const Unit *u : together) {
            if (!u->rule)
                continue;
            const ReplicationRule *r = index.rule(u->id);
            PresentationStep apply;
            apply.kind = PresentationStep::Kind::Statements;
            apply.elements = {u->id};
            apply.caption = "statements to apply for " + ruleName(*r);
            apply.statements = statements.forRule(u->id);
            steps.push_back(std::move(apply));
        }
    };
    std::size_t nextFree = 0;
    while (nextFree < derived.size() || !pinned.empty()) {
        const int position = int(steps.size()) + 1;
        if (!pinned.empty() && (pinned.begin()->first <= position || nextFree == derived.size())) {
            reveal(pinned.begin()->second);
            pinned.erase(pinned.begin());
        } else {
            reveal({derived[nextFree++]});
        }
    }
    return steps;
}

std::vector<std::string> revealedThrough(const std::vector<PresentationStep> &steps, int index)
{
    std::vector<std::string> out;
    for (int i = 0; i <= index && i < int(steps.size()); ++i) {
        if (steps[std::size_t(i)].kind == PresentationStep::Kind::Elements)
            out.insert(out.end(), steps[std::size_t(i)].elements.begin(),
                       steps[std::size_t(i)].elements.end());
    }
    return out;
}

} // namespace s3rd::document
