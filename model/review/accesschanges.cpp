#include "review/accesschanges.h"

#include "core/arn.h"
#include "review/policyfingerprint.h"
#include "simulator/evaluator.h"
#include "simulator/replicationsteps.h"
#include "simulator/simulator.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace s3rd::model::review {

namespace {

using evaluation::Condition;
using evaluation::Family;
using evaluation::Pattern;
using evaluation::Statement;

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// A compiled pattern as it was written ("arn:aws:s3:::b/*" keeps its star).
std::string patternText(const Pattern &p)
{
    switch (p.kind) {
    case Pattern::Kind::Any:
        return "*";
    case Pattern::Kind::Prefix:
        return p.text + "*";
    case Pattern::Kind::Exact:
    case Pattern::Kind::Glob:
        break;
    }
    return p.text;
}

// The actions and condition keys the documents of both designs write, by their lowercase form
// (the evaluator compiles them lowercased), so reports show "s3:ReplicateObject" as written.
struct Vocabulary
{
    std::map<std::string, std::string> actions;        // concrete actions only
    std::unordered_map<std::string, std::string> keys; // condition keys
    std::unordered_set<const void *> documents;        // the parsed documents read

    void addAction(const std::string &action)
    {
        if (action.find_first_of("*?") == std::string::npos)
            actions.emplace(lower(action), action);
    }

    template <typename Json> void addDocument(const Json &doc)
    {
        if (!doc.is_object())
            return;
        const auto statements = doc.find("Statement");
        if (statements == doc.end())
            return;
        auto one = [&](const Json &st) {
            if (!st.is_object())
                return;
            for (const char *member : {"Action", "NotAction"}) {
                const auto a = st.find(member);
                if (a == st.end())
                    continue;
                if (a->is_string())
                    addAction(a->template get<std::string>());
                for (const auto &e : *a) {
                    if (e.is_string())
                        addAction(e.template get<std::string>());
                }
            }
            const auto c = st.find("Condition");
            if (c == st.end() || !c->is_object())
                return;
            for (const auto &[op, block] : c->items()) {
                if (!block.is_object())
                    continue;
                for (const auto &[key, value] : block.items())
                    keys.emplace(lower(key), key);
            }
        };
        if (statements->is_array()) {
            for (const auto &st : *statements)
                one(st);
        } else {
            one(*statements);
        }
    }

    void addText(const std::string &text)
    {
        addDocument(nlohmann::json::parse(text, nullptr, false));
    }

    void addDesign(const Design &design, const std::vector<Artifact> &artifacts)
    {
        for (const Artifact &a : artifacts) {
            // A document shared by both designs' artifacts (unchanged) is read once.
            if (a.kind != ArtifactKind::ReplicationConfiguration &&
                documents.insert(&a.document()).second)
                addDocument(a.document());
        }
        // Guardrails are no artifacts; custom policies are, but may fail to parse as artifacts.
        for (const Account &a : design.accounts) {
            for (const Guardrail &g : a.guardrails)
                addText(g.document);
        }
        for (const Role &r : design.roles) {
            for (const Guardrail &g : r.guardrails)
                addText(g.document);
        }
    }

    std::string action(const std::string &lowered) const
    {
        const auto it = actions.find(lowered);
        return it == actions.end() ? lowered : it->second;
    }
    std::string key(const std::string &lowered) const
    {
        const auto it = keys.find(lowered);
        return it == keys.end() ? lowered : it->second;
    }
};

// The values that satisfy one positive condition, each on its own (a condition with a list of
// values holds for any one of them); none for negated operators, Null, dates and IP ranges, which
// are left unset.
std::vector<std::string> satisfyingValues(const Condition &c)
{
    std::vector<std::string> out;
    if (c.negated)
        return out;
    switch (c.family) {
    case Family::StringEquals:
    case Family::StringEqualsIgnoreCase:
    case Family::Arn: // a pattern matches itself, part by part
    case Family::Bool:
    case Family::Binary:
        out = c.values;
        break;
    case Family::StringLike:
        for (const Pattern &p : c.patterns)
            out.push_back(patternText(p)); // '*' and '?' match themselves
        break;
    case Family::Numeric:
        for (double v : c.numbers) {
            if (c.compare == evaluation::Compare::Less)
                v -= 1;
            else if (c.compare == evaluation::Compare::Greater)
                v += 1;
            const long long whole = static_cast<long long>(v);
            out.push_back(double(whole) == v ? std::to_string(whole) : std::to_string(v));
        }
        break;
    case Family::Date:
    case Family::Null:
    case Family::IpAddress:
        break;
    }
    return out;
}

// The policies in effect for one (principal, resource) pair in one design.
struct Resolved
{
    std::vector<const CompiledPolicy *> identity;
    const CompiledPolicy *resource = nullptr;
    ResourcePolicyKind kind = ResourcePolicyKind::Shared;
    std::string account;
    std::span<const CompiledPolicy *const> boundaries;
    std::span<const CompiledPolicy *const> scps;
    std::span<const CompiledPolicy *const> rcps;

    PolicyContext context() const
    {
        return {.identity = identity,
                .resource = resource,
                .resourceKind = kind,
                .resourceAccount = account,
                .boundaries = boundaries,
                .scps = scps,
                .rcps = rcps};
    }
};

// One design's policies, looked up by the ARNs the statements name.
class Side
{
public:
    Side(const PolicySet &ps, const CompiledPolicy &outsideIdentity)
        : m_ps(ps), m_design(ps.design()), m_outside(&outsideIdentity)
    {
        for (const Account &a : m_design.accounts)
            m_accounts.emplace(a.accountId, &a);
        for (const Role &r : m_design.roles)
            m_roles.emplace(roleArn(r), &r);
        for (const Bucket &b : m_design.buckets)
            m_buckets.emplace(b.name, &b);
        for (const KmsKey &k : m_design.keys)
            m_keys.emplace(keyArn(k), &k);
    }

    const Design &design() const { return m_design; }
    const PolicySet &policies() const { return m_ps; }

    const Account *account(std::string_view element) const { return m_ps.index().account(element); }
    Partition partitionOf(std::string_view element) const
    {
        const Account *a = account(element);
        return a ? a->partition : Partition::Aws;
    }
    std::string accountIdOf(std::string_view element) const
    {
        const Account *a = account(element);
        return a ? a->accountId : std::string();
    }
    std::string roleArn(const Role &r) const
    {
        return arn::role(partitionOf(r.account), accountIdOf(r.account), r.path, r.name);
    }
    std::string keyArn(const KmsKey &k) const
    {
        return arn::key(partitionOf(k.account), k.region, accountIdOf(k.account), k.keyId);
    }
    std::string bucketArn(const Bucket &b) const
    {
        return arn::bucket(partitionOf(b.account), b.name);
    }

    const Role *roleByArn(const std::string &arn) const
    {
        const auto it = m_roles.find(arn);
        return it == m_roles.end() ? nullptr : it->second;
    }

    Resolved resolve(const std::string &principal, const std::string &resource) const
    {
        Resolved r;
        if (principal.starts_with("arn:")) {
            if (const Role *role = roleByArn(principal)) {
                if (const CompiledPolicy *p = m_ps.permissionsPolicy(role->id))
                    r.identity.push_back(p);
                for (const CompiledPolicy *p : m_ps.managedPolicies(role->id))
                    r.identity.push_back(p);
                r.boundaries = m_ps.boundaries(role->id);
                r.scps = m_ps.scps(role->account);
            } else {
                r.identity.push_back(m_outside);
                const auto acct =
                    m_accounts.find(std::string(evaluation::principalAccount(principal)));
                if (acct != m_accounts.end())
                    r.scps = m_ps.scps(acct->second->id);
            }
        }
        std::array<std::string_view, 6> parts;
        const bool isArn = arn::split(resource, parts) && parts[0] == "arn";
        if (isArn && parts[2] == "s3") {
            const std::string_view name = parts[5].substr(0, parts[5].find('/'));
            const auto it = m_buckets.find(std::string(name));
            if (it != m_buckets.end()) {
                r.resource = m_ps.bucketPolicy(it->second->id);
                r.account = accountIdOf(it->second->account);
            }
        } else if (isArn && parts[2] == "kms") {
            const auto it = m_keys.find(resource);
            if (it != m_keys.end()) {
                r.resource = m_ps.keyPolicy(it->second->id);
                r.kind = ResourcePolicyKind::Authoritative;
                r.account = accountIdOf(it->second->account);
                if (it->second->kind == KeyKind::AwsManaged)
                    return r; // RCPs do not apply to AWS managed keys
            }
        } else if (isArn && parts[2] == "iam") {
            if (const Role *role = roleByArn(resource)) {
                r.resource = m_ps.trustPolicy(role->id);
                r.kind = ResourcePolicyKind::Authoritative;
                r.account = accountIdOf(role->account);
            }
        }
        if (r.account.empty()) // outside the design: the principal's own policies decide
            r.account = std::string(evaluation::principalAccount(principal));
        else
            r.rcps = m_ps.rcps(r.account);
        return r;
    }

private:
    const PolicySet &m_ps;
    const Design &m_design;
    const CompiledPolicy *m_outside;
    std::unordered_map<std::string, const Account *> m_accounts;
    std::unordered_map<std::string, const Role *> m_roles;
    std::unordered_map<std::string, const Bucket *> m_buckets;
    std::unordered_map<std::string, const KmsKey *> m_keys;
};

bool sameContext(const Resolved &a, const Resolved &b, PolicyFingerprints &fa,
                 PolicyFingerprints &fb)
{
    auto same = [&](std::span<const CompiledPolicy *const> x,
                    std::span<const CompiledPolicy *const> y) {
        if (x.size() != y.size())
            return false;
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (fa.of(x[i]) != fb.of(y[i]))
                return false;
        }
        return true;
    };
    return a.kind == b.kind && a.account == b.account && fa.of(a.resource) == fb.of(b.resource) &&
           same(a.identity, b.identity) && same(a.boundaries, b.boundaries) &&
           same(a.scps, b.scps) && same(a.rcps, b.rcps);
}

// Where candidate requests come from: one Allow statement, the principals it applies to and
// the resources it names.
struct Source
{
    const Statement *statement = nullptr;
    std::vector<std::string> principals;
    std::vector<std::string> resources;
};

std::vector<std::string> statementResources(const Statement &s, const std::string &attachedTo)
{
    if (!attachedTo.empty())
        return {attachedTo}; // key and trust policies: "*" (or nothing) means this key or role
    if (s.notResource || s.resources.empty())
        return {"*"};
    std::vector<std::string> out;
    for (const Pattern &p : s.resources)
        out.push_back(patternText(p));
    return out;
}

std::vector<std::string> statementPrincipals(const Statement &s, Partition partition)
{
    std::vector<std::string> out;
    if (!s.hasPrincipal || s.notPrincipal)
        return out;
    if (s.principals.any)
        out.emplace_back("*");
    for (const Pattern &p : s.principals.arns)
        out.push_back(patternText(p));
    for (const std::string &a : s.principals.accounts)
        out.push_back(arn::accountRoot(partition, a));
    for (const std::string &svc : s.principals.services)
        out.push_back(svc);
    return out;
}

void collectSources(const Side &side, std::vector<Source> &out)
{
    const Design &d = side.design();
    const PolicySet &ps = side.policies();
    auto identity = [&](const CompiledPolicy *p, const std::string &principal) {
        if (!p)
            return;
        for (const Statement &s : p->statements()) {
            if (s.allow && s.problems.empty())
                out.push_back({&s, {principal}, statementResources(s, {})});
        }
    };
    auto resource = [&](const CompiledPolicy *p, Partition partition, const std::string &attachedTo,
                        const std::string &bucketArn) {
        if (!p)
            return;
        for (const Statement &s : p->statements()) {
            if (!s.allow || !s.problems.empty())
                continue;
            Source src{&s, statementPrincipals(s, partition), {}};
            if (!bucketArn.empty() && (s.notResource || s.resources.empty() ||
                                       s.resources.front().kind == Pattern::Kind::Any))
                src.resources = {bucketArn, bucketArn + "/*"};
            else
                src.resources = statementResources(s, attachedTo);
            out.push_back(std::move(src));
        }
    };
    for (const Role &r : d.roles) {
        const std::string arn = side.roleArn(r);
        identity(ps.permissionsPolicy(r.id), arn);
        for (const CompiledPolicy *p : ps.managedPolicies(r.id))
            identity(p, arn);
        resource(ps.trustPolicy(r.id), side.partitionOf(r.account), arn, {});
    }
    for (const Bucket &b : d.buckets)
        resource(ps.bucketPolicy(b.id), side.partitionOf(b.account), {}, side.bucketArn(b));
    for (const KmsKey &k : d.keys)
        resource(ps.keyPolicy(k.id), side.partitionOf(k.account), side.keyArn(k), {});
}

// Leaves out the sources that repeat an earlier one: the same statement (a policy both designs
// share, compiled once) naming the same principals and resources gives the same requests.
void dropRepeatedSources(std::vector<Source> &sources)
{
    std::unordered_map<const Statement *, std::vector<std::size_t>> seen;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        std::vector<std::size_t> &same = seen[sources[i].statement];
        const bool repeat = std::any_of(same.begin(), same.end(), [&](std::size_t k) {
            return sources[k].principals == sources[i].principals &&
                   sources[k].resources == sources[i].resources;
        });
        if (repeat)
            continue;
        same.push_back(kept);
        if (kept != i)
            sources[kept] = std::move(sources[i]);
        ++kept;
    }
    sources.resize(kept);
}

std::vector<std::string> expandActions(const Statement &s, const Vocabulary &vocab)
{
    std::vector<std::string> out;
    auto matchesAny = [&](const std::string &action) {
        return std::any_of(s.actions.begin(), s.actions.end(), [&](const Pattern &p) {
            return evaluation::globMatchNoCase(patternText(p), action);
        });
    };
    if (s.notAction) {
        for (const auto &[lowered, shown] : vocab.actions) {
            if (!matchesAny(lowered))
                out.push_back(shown);
        }
        return out;
    }
    for (const Pattern &p : s.actions) {
        if (p.kind == Pattern::Kind::Exact) {
            out.push_back(vocab.action(p.text));
            continue;
        }
        const std::string text = patternText(p);
        for (const auto &[lowered, shown] : vocab.actions) {
            if (evaluation::globMatchNoCase(text, lowered))
                out.push_back(shown);
        }
    }
    return out;
}

using Conditions = std::vector<std::pair<std::string, std::string>>;

// The sets of condition keys a request needs for the statement's positive conditions to hold:
// one set per combination of listed values (at most kMaxConditionSets; beyond, a condition
// contributes its first value only), each sorted by key.
constexpr std::size_t kMaxConditionSets = 64;

std::vector<Conditions> statementConditions(const Statement &s, const Vocabulary &vocab)
{
    std::vector<Conditions> sets{Conditions{}};
    std::set<std::string> keys;
    for (const Condition &c : s.conditions) {
        if (c.key.starts_with("aws:principal") || c.key == "aws:resourceaccount")
            continue; // fixed by the principal and the resource themselves
        std::vector<std::string> values = satisfyingValues(c);
        const std::string key = vocab.key(c.key);
        if (values.empty() || !keys.insert(key).second)
            continue;
        if (sets.size() * values.size() > kMaxConditionSets)
            values.resize(1);
        std::vector<Conditions> next;
        for (const Conditions &set : sets) {
            for (const std::string &v : values) {
                next.push_back(set);
                next.back().emplace_back(key, v);
            }
        }
        sets = std::move(next);
    }
    for (Conditions &set : sets)
        std::sort(set.begin(), set.end());
    return sets;
}

Request makeRequest(const Access &a, const Resolved &where)
{
    Request r;
    r.principal = a.principal;
    r.action = a.action;
    r.resource = a.resource;
    if (a.principal.starts_with("arn:")) {
        r.context["aws:PrincipalArn"] = {a.principal};
        r.context["aws:PrincipalAccount"] = {
            std::string(evaluation::principalAccount(a.principal))};
        r.context["aws:PrincipalType"] = {a.principal.ends_with(":root") ? "Account"
                                                                         : "AssumedRole"};
    } else if (a.principal != "*") {
        r.context["aws:PrincipalServiceName"] = {a.principal};
        r.context["aws:PrincipalIsAWSService"] = {"true"};
    }
    if (!where.account.empty())
        r.context["aws:ResourceAccount"] = {where.account};
    for (const auto &[key, value] : a.conditions)
        r.context[key] = {value};
    return r;
}

const CompiledPolicy &outsideIdentity()
{
    // What a principal outside the design may do by its own account's policies: anything.
    static const CompiledPolicy policy = CompiledPolicy::compile(
        "identity policies outside the design",
        nlohmann::json{{"Version", "2012-10-17"},
                       {"Statement", {{{"Effect", "Allow"}, {"Action", "*"}, {"Resource", "*"}}}}});
    return policy;
}

} // namespace

AccessChanges accessChanges(const PolicySet &oldPolicies, const std::vector<Artifact> &oldArtifacts,
                            const PolicySet &newPolicies, const std::vector<Artifact> &newArtifacts)
{
    Vocabulary vocab;
    for (const steps::Step &s : steps::table()) {
        if (!s.action.empty())
            vocab.addAction(std::string(s.action));
    }
    vocab.addDesign(oldPolicies.design(), oldArtifacts);
    vocab.addDesign(newPolicies.design(), newArtifacts);

    const Side before(oldPolicies, outsideIdentity());
    const Side after(newPolicies, outsideIdentity());
    std::vector<Source> sources;
    collectSources(before, sources);
    collectSources(after, sources);
    dropRepeatedSources(sources);

    PolicyFingerprints oldPrints(oldArtifacts), newPrints(newArtifacts);
    // Whether the policies in effect for a (principal, resource) pair differ; asked once a pair.
    std::map<std::pair<std::string, std::string>, bool> differs;
    std::set<Access> candidates;
    for (const Source &src : sources) {
        std::vector<std::string> actions;
        std::vector<Conditions> conditions;
        bool expanded = false;
        for (const std::string &principal : src.principals) {
            for (const std::string &resource : src.resources) {
                auto [it, inserted] = differs.try_emplace({principal, resource}, false);
                if (inserted)
                    it->second =
                        !sameContext(before.resolve(principal, resource),
                                     after.resolve(principal, resource), oldPrints, newPrints);
                if (!it->second)
                    continue;
                if (!expanded) {
                    actions = expandActions(*src.statement, vocab);
                    conditions = statementConditions(*src.statement, vocab);
                    expanded = true;
                }
                for (const std::string &action : actions) {
                    for (const Conditions &set : conditions)
                        candidates.insert({principal, action, resource, set});
                }
            }
        }
    }

    AccessChanges out;
    EvaluationResult result;
    std::pair<std::string, std::string> lastPair;
    Resolved oldWhere, newWhere;
    for (const Access &a : candidates) {
        if (lastPair.first != a.principal || lastPair.second != a.resource ||
            lastPair.first.empty()) {
            lastPair = {a.principal, a.resource};
            oldWhere = before.resolve(a.principal, a.resource);
            newWhere = after.resolve(a.principal, a.resource);
        }
        evaluate(makeRequest(a, oldWhere), oldWhere.context(), result);
        const bool allowedBefore = result.decision == Decision::Allowed;
        evaluate(makeRequest(a, newWhere), newWhere.context(), result);
        const bool allowedAfter = result.decision == Decision::Allowed;
        if (allowedAfter && !allowedBefore)
            out.granted.push_back(a);
        else if (allowedBefore && !allowedAfter)
            out.removed.push_back(a);
    }
    return out; // sorted: candidates is an ordered set
}

AccessChanges accessChanges(const Design &oldDesign, const Design &newDesign)
{
    const std::vector<Artifact> oldArtifacts = generateArtifacts(oldDesign);
    const std::vector<Artifact> newArtifacts = generateArtifacts(newDesign);
    const PolicySet oldPolicies(oldDesign, oldArtifacts);
    const PolicySet newPolicies(newDesign, newArtifacts);
    return accessChanges(oldPolicies, oldArtifacts, newPolicies, newArtifacts);
}

} // namespace s3rd::model::review
