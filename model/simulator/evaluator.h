#pragma once

// AWS's policy evaluation logic over parsed policy documents, offline.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
//
// Contract: a policy is compiled once (CompiledPolicy::compile never throws; anything it cannot
// understand becomes a problem on the policy or on one statement) and then evaluated against
// many requests. evaluate() allocates nothing on the common path when given a reused
// EvaluationResult. A statement with a problem (an unknown condition operator, a malformed
// element) never matches, and every decision it could have changed names the problem, so a
// policy the evaluator cannot read is never silently taken as "no match".

#include "core/enumnames.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace s3rd::model {

enum class Decision { Allowed, ImplicitDeny, ExplicitDeny };
inline constexpr EnumName<Decision> kDecisionNames[] = {
    {Decision::Allowed, "allowed"}, {Decision::ImplicitDeny, "implicit-deny"},
    {Decision::ExplicitDeny, "explicit-deny"}};
constexpr std::string_view decisionName(Decision d) { return enumName(kDecisionNames, d); }

struct MatchedStatement
{
    std::string policy; // artifact path or custom policy id
    std::string sid;
    bool allow = true;  // Effect
};

struct Request
{
    std::string principal; // ARN or service principal
    std::string action;    // "s3:ReplicateObject"
    std::string resource;  // ARN
    // Condition keys; looked up case-insensitively as AWS does. A key with an empty list is
    // treated as absent except by ForAllValues (empty set) and Null.
    std::map<std::string, std::vector<std::string>> context;
};

namespace evaluation {

// One glob pattern of an Action, Resource, Principal or StringLike value ('*' and '?').
struct Pattern
{
    enum class Kind : std::uint8_t { Any, Exact, Prefix, Glob };
    Kind kind = Kind::Exact;
    std::string text; // lowercased when matched case-insensitively
};

enum class Family : std::uint8_t {
    StringEquals,
    StringEqualsIgnoreCase,
    StringLike,
    Arn, // ArnEquals and ArnLike match the same way (component-wise, with wildcards)
    Numeric,
    Date,
    Bool,
    Null,
    IpAddress,
    Binary,
};
enum class Compare : std::uint8_t { Equal, Less, LessEqual, Greater, GreaterEqual };
enum class SetOp : std::uint8_t { None, ForAnyValue, ForAllValues };

struct Cidr
{
    std::array<std::uint8_t, 16> address{};
    int prefix = 0;
    bool v6 = false;
};

struct Condition
{
    Family family = Family::StringEquals;
    Compare compare = Compare::Equal;
    bool negated = false;
    bool ifExists = false;
    SetOp setOp = SetOp::None;
    std::string op;  // as written, for traces
    std::string key; // lowercased
    std::vector<std::string> values; // lowercased for IgnoreCase; "true"/"false" for Bool/Null
    std::vector<Pattern> patterns;   // StringLike and Arn* (Arn* matches each of the six parts)
    std::vector<double> numbers;     // Numeric*, Date* (seconds since the epoch)
    std::vector<Cidr> cidrs;         // IpAddress
};

struct PrincipalSet
{
    bool any = false;
    std::vector<Pattern> arns;         // IAM role/user ARNs (case-sensitive)
    std::vector<std::string> accounts; // account ids named directly or by their root ARN
    std::vector<std::string> services; // lowercased service principals
};

struct Statement
{
    std::string sid;
    bool allow = true;
    bool notAction = false;
    bool notResource = false;
    bool hasPrincipal = false;
    bool notPrincipal = false;
    std::vector<Pattern> actions;   // lowercased
    std::vector<Pattern> resources; // case-sensitive
    PrincipalSet principals;
    std::vector<Condition> conditions;
    std::vector<std::string> problems; // non-empty: the statement never matches
};

} // namespace evaluation

// A policy document pre-parsed for fast evaluation.
class CompiledPolicy
{
public:
    CompiledPolicy() = default;
    // id names the policy in traces and problems: an artifact path or a custom policy id.
    static CompiledPolicy compile(std::string id, const nlohmann::json &document);
    static CompiledPolicy compile(std::string id, const nlohmann::ordered_json &document);
    // Parses JSON text first; a syntax error becomes a policy problem.
    static CompiledPolicy compileText(std::string id, std::string_view text);

    const std::string &id() const { return m_id; }
    const std::vector<evaluation::Statement> &statements() const { return m_statements; }
    // Problems with the document as a whole (not JSON, no Statement, wrong Version…).
    const std::vector<std::string> &problems() const { return m_problems; }

private:
    std::string m_id;
    std::vector<evaluation::Statement> m_statements;
    std::vector<std::string> m_problems;
};

// How the resource's own policy takes part in the decision.
enum class ResourcePolicyKind : std::uint8_t {
    // S3 bucket policies: in the resource's account, an allow in the identity policy OR the
    // resource policy is enough; across accounts both must allow.
    Shared,
    // KMS key policies and role trust policies: the resource policy must allow, directly or by
    // naming the principal's account (root), which delegates to that account's IAM policies.
    // https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
    Authoritative,
};

enum class PolicyRole : std::uint8_t {
    Identity,
    Resource,
    Boundary,
    ServiceControl,
    ResourceControl,
};

// The policies in effect for one request. Pointers are borrowed; they must outlive evaluate().
struct PolicyContext
{
    std::span<const CompiledPolicy *const> identity;   // the principal's permissions policies
    const CompiledPolicy *resource = nullptr;          // bucket, key or trust policy
    ResourcePolicyKind resourceKind = ResourcePolicyKind::Shared;
    std::string_view resourceAccount;                  // 12 digits
    std::span<const CompiledPolicy *const> boundaries; // permissions boundaries: must allow
    std::span<const CompiledPolicy *const> scps;       // each SCP must allow
    // Resource control policies of the resource's account: each must allow, whoever the
    // principal is (AWS service principals included), and their statements name a Principal.
    std::span<const CompiledPolicy *const> rcps;
};

struct MatchRef
{
    const CompiledPolicy *policy = nullptr;
    std::uint32_t statement = 0;
    PolicyRole role = PolicyRole::Identity;
    bool allow = true;
};

struct EvaluationResult
{
    Decision decision = Decision::ImplicitDeny;
    std::vector<MatchRef> matched;     // every statement that applied, in evaluation order
    std::vector<std::string> problems; // "unknown operator X in policy P statement S", …
    // Why an implicit deny happened when an allow existed somewhere ("the key policy does not
    // allow the principal", "the permissions boundary does not allow the action"…); empty else.
    std::string_view missing;

    std::vector<MatchedStatement> trace() const;
    void clear();
};

void evaluate(const Request &request, const PolicyContext &policies, EvaluationResult &out);
EvaluationResult evaluate(const Request &request, const PolicyContext &policies);

// Helpers shared with tests and the simulator.
namespace evaluation {
bool globMatch(std::string_view pattern, std::string_view text);       // case-sensitive
bool globMatchNoCase(std::string_view lowerPattern, std::string_view text);
// The 12-digit account of an IAM/STS ARN ("" for service principals and unknown forms).
std::string_view principalAccount(std::string_view principal);
} // namespace evaluation

} // namespace s3rd::model
