// Policy compilation (JSON to statements) and the evaluation of statements and policies;
// condition matching lives in evaluatorconditions.cpp.
#include "evaluator.h"
#include "evaluatormatching.h"

#include "core/arn.h"

#include <algorithm>
#include <array>

namespace s3rd::model {

namespace evaluation {

using namespace detail;

namespace {

struct OperatorInfo
{
    std::string_view name;
    Family family;
    Compare compare;
    bool negated;
};

constexpr OperatorInfo kOperators[] = {
    {"StringEquals", Family::StringEquals, Compare::Equal, false},
    {"StringNotEquals", Family::StringEquals, Compare::Equal, true},
    {"StringEqualsIgnoreCase", Family::StringEqualsIgnoreCase, Compare::Equal, false},
    {"StringNotEqualsIgnoreCase", Family::StringEqualsIgnoreCase, Compare::Equal, true},
    {"StringLike", Family::StringLike, Compare::Equal, false},
    {"StringNotLike", Family::StringLike, Compare::Equal, true},
    {"ArnEquals", Family::Arn, Compare::Equal, false},
    {"ArnLike", Family::Arn, Compare::Equal, false},
    {"ArnNotEquals", Family::Arn, Compare::Equal, true},
    {"ArnNotLike", Family::Arn, Compare::Equal, true},
    {"NumericEquals", Family::Numeric, Compare::Equal, false},
    {"NumericNotEquals", Family::Numeric, Compare::Equal, true},
    {"NumericLessThan", Family::Numeric, Compare::Less, false},
    {"NumericLessThanEquals", Family::Numeric, Compare::LessEqual, false},
    {"NumericGreaterThan", Family::Numeric, Compare::Greater, false},
    {"NumericGreaterThanEquals", Family::Numeric, Compare::GreaterEqual, false},
    {"DateEquals", Family::Date, Compare::Equal, false},
    {"DateNotEquals", Family::Date, Compare::Equal, true},
    {"DateLessThan", Family::Date, Compare::Less, false},
    {"DateLessThanEquals", Family::Date, Compare::LessEqual, false},
    {"DateGreaterThan", Family::Date, Compare::Greater, false},
    {"DateGreaterThanEquals", Family::Date, Compare::GreaterEqual, false},
    {"Bool", Family::Bool, Compare::Equal, false},
    {"BinaryEquals", Family::Binary, Compare::Equal, false},
    {"IpAddress", Family::IpAddress, Compare::Equal, false},
    {"NotIpAddress", Family::IpAddress, Compare::Equal, true},
    {"Null", Family::Null, Compare::Equal, false},
};

// A statement's label in problems and traces: its Sid, or its position.
std::string statementLabel(const Statement &s, std::size_t index)
{
    return s.sid.empty() ? "#" + std::to_string(index + 1) : s.sid;
}

template<typename Json>
bool scalarText(const Json &v, std::string &out)
{
    if (v.is_string()) {
        out = v.template get<std::string>();
        return true;
    }
    if (v.is_boolean()) {
        out = v.template get<bool>() ? "true" : "false";
        return true;
    }
    if (v.is_number()) {
        out = v.dump();
        return true;
    }
    return false;
}

// A string or a list of strings; false when anything else.
template<typename Json>
bool stringList(const Json &v, std::vector<std::string> &out)
{
    std::string s;
    if (v.is_array()) {
        for (const auto &e : v) {
            if (!e.is_string())
                return false;
            out.push_back(e.template get<std::string>());
        }
        return true;
    }
    if (!v.is_string())
        return false;
    out.push_back(v.template get<std::string>());
    return true;
}

bool isAccountId(std::string_view s)
{
    return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) {
               return c >= '0' && c <= '9';
           });
}

// "arn:<partition>:iam::<account>:root" → the account; "" otherwise.
std::string_view rootAccount(std::string_view arn)
{
    std::array<std::string_view, 6> parts;
    if (!arn::split(arn, parts) || parts[0] != "arn" || parts[2] != "iam" || parts[5] != "root")
        return {};
    return parts[4];
}

template<typename Json>
void compilePrincipal(const Json &v, Statement &s, const std::string &where)
{
    if (v.is_string()) {
        if (v.template get<std::string>() == "*")
            s.principals.any = true;
        else
            s.problems.push_back(where + ": Principal must be \"*\" or an object");
        return;
    }
    if (!v.is_object()) {
        s.problems.push_back(where + ": Principal must be \"*\" or an object");
        return;
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
        std::vector<std::string> values;
        if (!stringList(it.value(), values)) {
            s.problems.push_back(where + ": Principal " + it.key() + " must be a string or list");
            continue;
        }
        for (const std::string &value : values) {
            if (it.key() == "AWS") {
                if (value == "*")
                    s.principals.any = true;
                else if (isAccountId(value))
                    s.principals.accounts.push_back(value);
                else if (const auto acct = rootAccount(value); !acct.empty())
                    s.principals.accounts.emplace_back(acct);
                else
                    s.principals.arns.push_back(makePattern(value, false));
            } else if (it.key() == "Service") {
                s.principals.services.push_back(toLower(value));
            } else if (it.key() == "Federated" || it.key() == "CanonicalUser") {
                // Valid, but never one of the principals replication involves.
            } else {
                s.problems.push_back(where + ": unknown principal type " + it.key());
            }
        }
    }
}

template<typename Json>
void compileCondition(const std::string &op, const Json &block, Statement &s,
                      const std::string &where)
{
    std::string_view name = op;
    SetOp setOp = SetOp::None;
    if (name.starts_with("ForAnyValue:")) {
        setOp = SetOp::ForAnyValue;
        name.remove_prefix(12);
    } else if (name.starts_with("ForAllValues:")) {
        setOp = SetOp::ForAllValues;
        name.remove_prefix(13);
    }
    bool ifExists = false;
    if (name.ends_with("IfExists") && name != "Null") {
        ifExists = true;
        name.remove_suffix(8);
    }
    const OperatorInfo *info = nullptr;
    for (const OperatorInfo &candidate : kOperators) {
        if (candidate.name == name)
            info = &candidate;
    }
    if (!info || (ifExists && info->family == Family::Null)) {
        s.problems.push_back("unknown operator " + op + " in " + where);
        return;
    }
    if (!block.is_object()) {
        s.problems.push_back("operator " + op + " in " + where + " must map keys to values");
        return;
    }
    for (auto it = block.begin(); it != block.end(); ++it) {
        Condition c;
        c.family = info->family;
        c.compare = info->compare;
        c.negated = info->negated;
        c.ifExists = ifExists;
        c.setOp = setOp;
        c.op = op;
        c.key = toLower(it.key());
        std::vector<std::string> raw;
        const auto &value = it.value();
        std::string text;
        bool ok = true;
        if (value.is_array()) {
            for (const auto &e : value) {
                if (scalarText(e, text))
                    raw.push_back(text);
                else
                    ok = false;
            }
        } else if (scalarText(value, text)) {
            raw.push_back(text);
        } else {
            ok = false;
        }
        if (!ok || raw.empty()) {
            s.problems.push_back("condition " + op + " on " + it.key() + " in " + where
                                 + " needs a string, number or boolean value or list");
            continue;
        }
        for (const std::string &r : raw) {
            switch (c.family) {
            case Family::StringEquals:
            case Family::Binary: c.values.push_back(r); break;
            case Family::StringEqualsIgnoreCase: c.values.push_back(toLower(r)); break;
            case Family::StringLike: c.patterns.push_back(makePattern(r, false)); break;
            case Family::Arn: c.values.push_back(r); break;
            case Family::Bool:
            case Family::Null: {
                const std::string l = toLower(r);
                if (l != "true" && l != "false")
                    s.problems.push_back(op + " on " + it.key() + " in " + where
                                         + " needs true or false, not " + r);
                c.values.push_back(l);
                break;
            }
            case Family::Numeric:
            case Family::Date: {
                double d = 0;
                if (!(c.family == Family::Numeric ? parseNumber(r, d) : parseDate(r, d)))
                    s.problems.push_back(op + " on " + it.key() + " in " + where
                                         + ": cannot read " + r);
                c.numbers.push_back(d);
                break;
            }
            case Family::IpAddress: {
                Cidr cidr;
                if (!parseIp(r, cidr, true))
                    s.problems.push_back(op + " on " + it.key() + " in " + where
                                         + ": not an IP address or CIDR: " + r);
                c.cidrs.push_back(cidr);
                break;
            }
            }
        }
        s.conditions.push_back(std::move(c));
    }
}

} // namespace

std::string_view principalAccount(std::string_view principal)
{
    std::array<std::string_view, 6> parts;
    if (!arn::split(principal, parts) || parts[0] != "arn")
        return {};
    return parts[4];
}

// The statement compiler, shared by both JSON flavours.
template<typename Json>
void compileStatements(const std::string &policyId, const Json &doc,
                       std::vector<Statement> &statements, std::vector<std::string> &problems)
{
    if (!doc.is_object()) {
        problems.push_back("policy " + policyId + " is not a JSON object");
        return;
    }
    if (const auto v = doc.find("Version"); v != doc.end()) {
        if (!v->is_string()
            || (v->template get<std::string>() != "2012-10-17"
                && v->template get<std::string>() != "2008-10-17"))
            problems.push_back("policy " + policyId + " has an unknown Version");
    }
    const auto st = doc.find("Statement");
    if (st == doc.end()) {
        problems.push_back("policy " + policyId + " has no Statement");
        return;
    }
    std::vector<const Json *> list;
    if (st->is_array()) {
        for (const auto &e : *st)
            list.push_back(&e);
    } else {
        list.push_back(&*st);
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Json &js = *list[i];
        Statement s;
        if (!js.is_object()) {
            s.problems.push_back("statement #" + std::to_string(i + 1) + " of policy " + policyId
                                 + " is not an object");
            statements.push_back(std::move(s));
            continue;
        }
        if (const auto sid = js.find("Sid"); sid != js.end() && sid->is_string())
            s.sid = sid->template get<std::string>();
        const std::string where = "policy " + policyId + " statement " + statementLabel(s, i);

        const auto effect = js.find("Effect");
        if (effect == js.end() || !effect->is_string()
            || (effect->template get<std::string>() != "Allow"
                && effect->template get<std::string>() != "Deny"))
            s.problems.push_back(where + ": Effect must be Allow or Deny");
        else
            s.allow = effect->template get<std::string>() == "Allow";

        const auto action = js.find("Action");
        const auto notAction = js.find("NotAction");
        std::vector<std::string> values;
        if ((action == js.end()) == (notAction == js.end())) {
            s.problems.push_back(where + ": needs exactly one of Action or NotAction");
        } else {
            s.notAction = notAction != js.end();
            if (!stringList(s.notAction ? *notAction : *action, values))
                s.problems.push_back(where + ": Action must be a string or a list of strings");
            for (const std::string &a : values)
                s.actions.push_back(makePattern(a, true));
        }

        const auto resource = js.find("Resource");
        const auto notResource = js.find("NotResource");
        if (resource != js.end() && notResource != js.end()) {
            s.problems.push_back(where + ": has both Resource and NotResource");
        } else if (resource != js.end() || notResource != js.end()) {
            s.notResource = notResource != js.end();
            values.clear();
            if (!stringList(s.notResource ? *notResource : *resource, values))
                s.problems.push_back(where + ": Resource must be a string or a list of strings");
            for (const std::string &r : values)
                s.resources.push_back(makePattern(r, false));
        } else {
            // Trust policies have no Resource: the statement covers the resource it is on.
            s.resources.push_back(makePattern("*", false));
        }

        const auto principal = js.find("Principal");
        const auto notPrincipal = js.find("NotPrincipal");
        if (principal != js.end() && notPrincipal != js.end()) {
            s.problems.push_back(where + ": has both Principal and NotPrincipal");
        } else if (principal != js.end() || notPrincipal != js.end()) {
            s.hasPrincipal = true;
            s.notPrincipal = notPrincipal != js.end();
            compilePrincipal(s.notPrincipal ? *notPrincipal : *principal, s, where);
        }

        if (const auto cond = js.find("Condition"); cond != js.end()) {
            if (!cond->is_object()) {
                s.problems.push_back(where + ": Condition must be an object");
            } else {
                for (auto it = cond->begin(); it != cond->end(); ++it)
                    compileCondition(it.key(), it.value(), s, where);
            }
        }
        statements.push_back(std::move(s));
    }
}

namespace {

enum class PrincipalMatch { None, Direct, Account };

struct PrincipalInfo
{
    std::string_view arn;
    std::string_view account;
    bool service = false;
};

// The set names the principal itself: any principal, or its service (a service principal is
// named by its service only), or its ARN.
bool namesDirectly(const PrincipalSet &set, const PrincipalInfo &p)
{
    if (set.any)
        return true;
    if (p.service)
        return std::any_of(set.services.begin(), set.services.end(),
                           [&p](const std::string &svc) { return equalsNoCase(p.arn, svc); });
    return matchesAny<false>(set.arns, p.arn);
}

PrincipalMatch matchPrincipal(const Statement &s, const PrincipalInfo &p)
{
    const PrincipalSet &set = s.principals;
    if (!s.notPrincipal) {
        if (namesDirectly(set, p))
            return PrincipalMatch::Direct;
        if (p.service)
            return PrincipalMatch::None;
        for (const std::string &a : set.accounts) {
            if (a == p.account)
                return PrincipalMatch::Account;
        }
        return PrincipalMatch::None;
    }
    // NotPrincipal: an account listed there excludes only the account itself, not its roles.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
    if (namesDirectly(set, p))
        return PrincipalMatch::None;
    if (p.service)
        return PrincipalMatch::Direct;
    if (const auto root = rootAccount(p.arn); !root.empty()) {
        for (const std::string &a : set.accounts) {
            if (a == root)
                return PrincipalMatch::None;
        }
    }
    return PrincipalMatch::Direct;
}

struct PolicyVerdict
{
    bool allow = false;
    bool allowDirect = false;
    bool allowAccount = false;
    bool allowAnyPrincipal = false; // an Allow with "Principal": "*" (or {"AWS": "*"}) applied
    bool deny = false;
};

void addProblem(EvaluationResult &out, const std::string &problem)
{
    if (std::find(out.problems.begin(), out.problems.end(), problem) == out.problems.end())
        out.problems.push_back(problem);
}

// hasBoundary: the principal has a permissions boundary, which a resource policy's Deny with
// NotPrincipal always applies to.
PolicyVerdict evalPolicy(const CompiledPolicy &policy, PolicyRole role, const Request &r,
                         const PrincipalInfo &p, EvaluationResult &out, bool hasBoundary = false)
{
    PolicyVerdict v;
    for (const std::string &problem : policy.problems())
        addProblem(out, problem);
    const bool resource = role == PolicyRole::Resource || role == PolicyRole::ResourceControl;
    const auto &statements = policy.statements();
    for (std::size_t i = 0; i < statements.size(); ++i) {
        const Statement &s = statements[i];
        if (matchesAny<true>(s.actions, r.action) == s.notAction)
            continue;
        if (matchesAny<false>(s.resources, r.resource) == s.notResource)
            continue;
        PrincipalMatch pm = PrincipalMatch::Direct;
        if (resource) {
            if (!s.hasPrincipal) {
                if (s.problems.empty())
                    addProblem(out, "policy " + policy.id() + " statement "
                                        + statementLabel(s, i)
                                        + " has no Principal (required in a resource policy)");
                continue;
            }
            pm = matchPrincipal(s, p);
            // "The NotPrincipal element with a Deny effect will always deny any IAM principal
            // that has a permissions boundary policy attached, regardless of the values
            // specified in the NotPrincipal element."
            // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
            if (s.notPrincipal && !s.allow && hasBoundary && !p.service)
                pm = PrincipalMatch::Direct;
            if (pm == PrincipalMatch::None)
                continue;
        }
        if (!s.problems.empty()) {
            for (const std::string &problem : s.problems)
                addProblem(out, problem);
            continue;
        }
        bool holds = true;
        for (const Condition &c : s.conditions) {
            if (!conditionHolds(c, r)) {
                holds = false;
                break;
            }
        }
        if (!holds)
            continue;
        out.matched.push_back({&policy, std::uint32_t(i), role, s.allow});
        if (s.allow) {
            v.allow = true;
            (pm == PrincipalMatch::Account ? v.allowAccount : v.allowDirect) = true;
            v.allowAnyPrincipal |= resource && !s.notPrincipal && s.principals.any;
        } else {
            v.deny = true;
        }
    }
    return v;
}

} // namespace

} // namespace evaluation

CompiledPolicy CompiledPolicy::compile(std::string id, const nlohmann::json &document)
{
    CompiledPolicy p;
    p.m_id = std::move(id);
    evaluation::compileStatements(p.m_id, document, p.m_statements, p.m_problems);
    return p;
}

CompiledPolicy CompiledPolicy::compile(std::string id, const nlohmann::ordered_json &document)
{
    CompiledPolicy p;
    p.m_id = std::move(id);
    evaluation::compileStatements(p.m_id, document, p.m_statements, p.m_problems);
    return p;
}

CompiledPolicy CompiledPolicy::compileText(std::string id, std::string_view text)
{
    const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
        CompiledPolicy p;
        p.m_id = std::move(id);
        p.m_problems.push_back("policy " + p.m_id + " is not valid JSON");
        return p;
    }
    return compile(std::move(id), doc);
}

std::vector<MatchedStatement> EvaluationResult::trace() const
{
    std::vector<MatchedStatement> out;
    out.reserve(matched.size());
    for (const MatchRef &m : matched) {
        const auto &s = m.policy->statements()[m.statement];
        out.push_back({m.policy->id(), evaluation::statementLabel(s, m.statement), m.allow});
    }
    return out;
}

void EvaluationResult::clear()
{
    decision = Decision::ImplicitDeny;
    matched.clear();
    problems.clear();
    missing = {};
}

void evaluate(const Request &request, const PolicyContext &policies, EvaluationResult &out)
{
    using namespace evaluation;
    out.clear();
    PrincipalInfo p;
    p.arn = request.principal;
    p.service = !request.principal.starts_with("arn:");
    p.account = p.service ? std::string_view{} : principalAccount(request.principal);

    bool deny = false;
    bool identityAllow = false;
    for (const CompiledPolicy *policy : policies.identity) {
        const PolicyVerdict v = evalPolicy(*policy, PolicyRole::Identity, request, p, out);
        identityAllow |= v.allow;
        deny |= v.deny;
    }
    PolicyVerdict res;
    if (policies.resource) {
        res = evalPolicy(*policies.resource, PolicyRole::Resource, request, p, out,
                         !policies.boundaries.empty());
        deny |= res.deny;
    }
    // Guardrails bind principals of the account, not AWS services acting as themselves.
    bool boundaryAllows = true;
    bool scpAllows = true;
    if (!p.service) {
        for (const CompiledPolicy *policy : policies.boundaries) {
            const PolicyVerdict v = evalPolicy(*policy, PolicyRole::Boundary, request, p, out);
            boundaryAllows &= v.allow;
            deny |= v.deny;
        }
        for (const CompiledPolicy *policy : policies.scps) {
            const PolicyVerdict v =
                evalPolicy(*policy, PolicyRole::ServiceControl, request, p, out);
            scpAllows &= v.allow;
            deny |= v.deny;
        }
    }
    // RCPs restrict access to the resource whoever asks, services included.
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
    bool rcpAllows = true;
    for (const CompiledPolicy *policy : policies.rcps) {
        const PolicyVerdict v = evalPolicy(*policy, PolicyRole::ResourceControl, request, p, out);
        rcpAllows &= v.allow;
        deny |= v.deny;
    }
    if (deny) {
        out.decision = Decision::ExplicitDeny;
        return;
    }
    out.decision = Decision::ImplicitDeny;
    if (!rcpAllows) {
        out.missing = "a resource control policy does not allow the action";
        return;
    }
    if (!scpAllows) {
        out.missing = "a service control policy does not allow the action";
        return;
    }
    const bool sameAccount = !p.account.empty() && p.account == policies.resourceAccount;
    // In the same account, a resource policy that grants to the role's session is not limited
    // by an implicit deny in a permissions boundary, one that grants to the role ARN is. The
    // requests here are the role's session acting, which "Principal": "*" names and a role ARN
    // does not. https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
    // ("Resource-based policies" under "Evaluating effective permissions with boundaries").
    if (!boundaryAllows && !(sameAccount && res.allowAnyPrincipal && !p.service)) {
        out.missing = "the permissions boundary does not allow the action";
        return;
    }
    const bool resourceAllows = res.allowDirect || res.allowAccount;
    if (p.service) {
        if (res.allowDirect)
            out.decision = Decision::Allowed;
        else
            out.missing = "the resource policy does not allow the service principal";
        return;
    }
    if (!sameAccount) {
        if (!identityAllow)
            out.missing = "no identity policy of the principal allows the action";
        else if (!resourceAllows)
            out.missing = "the resource policy does not allow the principal's account";
        else
            out.decision = Decision::Allowed;
        return;
    }
    if (policies.resourceKind == ResourcePolicyKind::Authoritative) {
        if (res.allowDirect || (res.allowAccount && identityAllow))
            out.decision = Decision::Allowed;
        else if (res.allowAccount)
            out.missing = "the resource policy delegates to IAM, but no identity policy allows";
        else
            out.missing = "the resource policy does not allow the principal";
        return;
    }
    if (identityAllow || res.allowDirect)
        out.decision = Decision::Allowed;
    else
        out.missing = "no identity or resource policy allows the action";
}

EvaluationResult evaluate(const Request &request, const PolicyContext &policies)
{
    EvaluationResult out;
    evaluate(request, policies, out);
    return out;
}

} // namespace s3rd::model
