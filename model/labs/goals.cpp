// The goal table and the function of each goal kind.

#include "labs/goals.h"

#include "checks/findings.h"
#include "core/designfile.h"
#include "core/designindex.h"
#include "policies/artifacts.h"
#include "review/accesschanges.h"
#include "simulator/simulator.h"

#include <algorithm>
#include <optional>

namespace s3rd::model::labs {

namespace {

using json = nlohmann::json;

// What every goal of one design is decided against, computed once per design.
struct GoalContext
{
    const Lab &lab;
    const Design &design;
    std::vector<Artifact> artifacts;
    CheckReport report;
    PolicySet policies;

    GoalContext(const Lab &l, const Design &d)
        : lab(l)
        , design(d)
        , artifacts(generateArtifacts(d))
        , report(runChecks(d, artifacts))
        , policies(d, artifacts)
    {
    }
};

GoalResult evaluate(const Goal &goal, const GoalContext &ctx);

std::string param(const Goal &g, std::string_view name)
{
    const auto it = g.params.find(name);
    return it != g.params.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool flag(const Goal &g, std::string_view name, bool fallback)
{
    const auto it = g.params.find(name);
    return it != g.params.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

GoalResult met(std::string reason) { return {true, std::move(reason)}; }
GoalResult notMet(std::string reason) { return {false, std::move(reason)}; }

std::string quoted(const std::string &s) { return "\"" + s + "\""; }

template<typename T>
const T *findById(const std::vector<T> &items, const std::string &id)
{
    const auto it = std::find_if(items.begin(), items.end(), [&](const T &x) { return x.id == id; });
    return it == items.end() ? nullptr : &*it;
}

std::string bucketLabel(const Design &d, const std::string &id)
{
    const Bucket *b = findById(d.buckets, id);
    return b && !b->name.empty() ? b->name : id;
}

// "replicates": an object written to a source bucket reaches bucket `to` (or, with
// "replicated": false, does not), as the simulator walks it through the design. With "owner",
// the replica must belong to that account.
GoalResult goalReplicates(const Goal &g, const GoalContext &ctx)
{
    const json &o = g.params.at("object");
    const std::string source = o.at("bucket").get<std::string>();
    const std::string to = param(g, "to");
    const bool wanted = flag(g, "replicated", true);
    for (const std::string &id : {source, to}) {
        if (!findById(ctx.design.buckets, id))
            return notMet("bucket " + quoted(id) + " is no longer in the design");
    }
    TestObject object;
    object.bucket = source;
    object.key = o.at("key").get<std::string>();
    object.deleteMarker = o.value("deleteMarker", false);
    const json tags = o.value("tags", json::object()); // kept alive while iterating
    for (const auto &[k, v] : tags.items())
        object.tags.push_back({k, v.get<std::string>()});
    if (const std::string enc = o.value("encryption", std::string()); !enc.empty()) {
        if (const std::string e = parseObjectEncryption(ctx.design, enc, object); !e.empty())
            return notMet("the test object: " + e);
    } else if (const Bucket *b = ctx.policies.index().bucket(source)) {
        object.encryption = defaultWrite(*b);
    }
    const SimulationResult r = simulate(ctx.policies, object);
    if (!r.problems.empty())
        return notMet("the test object: " + r.problems.front());
    const std::string what = (object.deleteMarker ? "a delete marker on " : "") + object.key;
    const std::string target = bucketLabel(ctx.design, to);
    const auto dest = std::find_if(r.destinations.begin(), r.destinations.end(),
                                   [&](const DestinationResult &d) { return d.destination == to; });
    const bool replicated =
        dest != r.destinations.end() && dest->matched && dest->outcome == Outcome::Replicated;
    if (!wanted) {
        if (replicated)
            return notMet(what + " replicates to " + target + " (rule " + dest->ruleId + ")");
        return met(what + " does not replicate to " + target);
    }
    if (dest == r.destinations.end() || !dest->matched)
        return notMet("no rule replicates " + what + " to " + target);
    if (!replicated) {
        std::string why = std::string(outcomeName(dest->outcome)) + ": " + dest->reason;
        const auto failed = std::find_if(dest->steps.begin(), dest->steps.end(),
                                         [](const SimulationStep &s) { return !s.passed; });
        if (failed != dest->steps.end() && !failed->detail.empty())
            why += " (" + failed->check + ": " + failed->detail + ")";
        return notMet(what + " does not reach " + target + ", " + why);
    }
    if (const std::string owner = param(g, "owner"); !owner.empty()) {
        const Account *a = ctx.policies.index().account(owner);
        if (!a)
            return notMet("account " + quoted(owner) + " is no longer in the design");
        if (dest->replicaOwner != a->accountId)
            return notMet("the replica of " + what + " in " + target + " belongs to account "
                          + dest->replicaOwner + ", not " + a->accountId);
    }
    return met(what + " replicates to " + target
               + (dest->replicaSummary.empty() ? "" : " (" + dest->replicaSummary + ")"));
}

std::string ruleList(const std::vector<const Finding *> &findings)
{
    std::string s;
    for (const Finding *f : findings)
        s += (s.empty() ? "" : ", ") + f->rule;
    return s;
}

// "no-errors": the checklist has no error.
GoalResult goalNoErrors(const Goal &, const GoalContext &ctx)
{
    std::vector<const Finding *> errors;
    for (const Finding &f : ctx.report.findings) {
        if (f.severity == Severity::Error)
            errors.push_back(&f);
    }
    if (errors.empty())
        return met("the checklist has no error");
    return notMet(std::to_string(errors.size()) + (errors.size() == 1 ? " error" : " errors")
                  + " in the checklist: " + ruleList(errors));
}

// "no-finding": the checklist has no finding of one rule, whatever its severity.
GoalResult goalNoFinding(const Goal &g, const GoalContext &ctx)
{
    const std::string rule = param(g, "rule");
    for (const Finding &f : ctx.report.findings) {
        if (f.rule == rule)
            return notMet(rule + ": " + f.message);
    }
    return met("no " + rule + " finding");
}

// "rule-exists": a replication rule with this ID is still there and enabled (disabling a rule
// would silence most findings without fixing anything), optionally between the same buckets.
GoalResult goalRuleExists(const Goal &g, const GoalContext &ctx)
{
    const std::string id = param(g, "rule");
    const std::string source = param(g, "source");
    const std::string destination = param(g, "destination");
    const auto it = std::find_if(ctx.design.rules.begin(), ctx.design.rules.end(),
                                 [&](const ReplicationRule &r) { return r.ruleId == id; });
    if (it == ctx.design.rules.end())
        return notMet("rule " + quoted(id) + " is no longer in the design");
    if (!it->enabled)
        return notMet("rule " + quoted(id) + " is disabled");
    if (!source.empty() && it->source != source)
        return notMet("rule " + quoted(id) + " no longer replicates from "
                      + bucketLabel(ctx.design, source));
    if (!destination.empty() && it->destination != destination)
        return notMet("rule " + quoted(id) + " no longer replicates to "
                      + bucketLabel(ctx.design, destination));
    return met("rule " + quoted(id) + " is there and enabled");
}

// The statements of a policy document; empty when it is not a JSON policy.
std::vector<json> statements(const std::string &document)
{
    const json doc = json::parse(document, nullptr, false);
    if (!doc.is_object() || !doc.contains("Statement"))
        return {};
    const json &s = doc["Statement"];
    if (s.is_array())
        return std::vector<json>(s.begin(), s.end());
    return {s};
}

// Whether a custom policy of the start design is kept: still custom, and every statement of
// the start's policy still in it. A statement with a Sid is found by that Sid and must keep its
// Effect (its content may be fixed); a statement without a Sid must be there unchanged.
GoalResult policyKept(const std::string &what, const std::optional<CustomPolicy> &before,
                      const std::optional<CustomPolicy> &now)
{
    if (!before)
        return notMet("the lab's start design has no " + what);
    if (!now)
        return notMet(what + " was removed: the generated policy would replace it");
    const std::vector<json> current = statements(now->document);
    if (current.empty())
        return notMet(what + " is not a policy with statements");
    for (const json &s : statements(before->document)) {
        const bool hasSid = s.is_object() && s.contains("Sid");
        const bool kept = std::any_of(current.begin(), current.end(), [&](const json &c) {
            if (hasSid)
                return c.is_object() && c.value("Sid", json()) == s["Sid"]
                       && c.value("Effect", json()) == s.value("Effect", json());
            return c == s;
        });
        if (!kept)
            return notMet(what + " lost the statement " + (hasSid ? s["Sid"].dump() : s.dump()));
    }
    return met(what + " keeps its statements");
}

std::string label(const KmsKey &k) { return k.alias.empty() ? k.id : k.alias; }
std::string label(const Bucket &b) { return b.name.empty() ? b.id : b.name; }

// The custom policy (`policy`) of the element `id` of `elements` ("key", "bucket") is kept.
template<typename T>
GoalResult customPolicyKept(const GoalContext &ctx, const std::vector<T> Design::*elements,
                            std::optional<CustomPolicy> T::*policy, const char *kind,
                            const std::string &id)
{
    const T *before = findById(ctx.lab.start.*elements, id);
    const T *now = findById(ctx.design.*elements, id);
    if (before && !now)
        return notMet(kind + (" " + quoted(id)) + " is no longer in the design");
    return policyKept(std::string("the custom ") + kind + " policy of " + (now ? label(*now) : id),
                      before ? before->*policy : std::nullopt, now ? now->*policy : std::nullopt);
}

// "key-policy-kept": the custom key policy of key K is fixed, not deleted (policyKept).
GoalResult goalKeyPolicyKept(const Goal &g, const GoalContext &ctx)
{
    return customPolicyKept(ctx, &Design::keys, &KmsKey::customKeyPolicy, "key", param(g, "key"));
}

// "bucket-policy-kept": the custom bucket policy of bucket B is fixed, not deleted.
GoalResult goalBucketPolicyKept(const Goal &g, const GoalContext &ctx)
{
    return customPolicyKept(ctx, &Design::buckets, &Bucket::customBucketPolicy, "bucket",
                            param(g, "bucket"));
}

// "bucket-property": a field of a bucket has a value, both as the design file writes them
// (docs/design-format.md), so every bucket field is available under its file name.
GoalResult goalBucketProperty(const Goal &g, const GoalContext &ctx)
{
    const std::string id = param(g, "bucket");
    const std::string property = param(g, "property");
    const json &want = g.params.at("value");
    const json file = json::parse(serializeDesign(ctx.design), nullptr, false);
    for (const json &b : file.value("buckets", json::array())) {
        if (b.value("id", std::string()) != id)
            continue;
        const auto it = b.find(property);
        const std::string label = bucketLabel(ctx.design, id);
        if (it == b.end())
            return notMet(label + " has no property " + quoted(property));
        if (*it != want)
            return notMet(label + ": " + property + " is " + it->dump() + ", not " + want.dump());
        return met(label + ": " + property + " is " + want.dump());
    }
    return notMet("bucket " + quoted(id) + " is no longer in the design");
}

// "guardrail-exists": an account still has the SCP or RCP of this name (a lab about a guardrail
// is solved by fixing it, not by detaching it).
GoalResult goalGuardrailExists(const Goal &g, const GoalContext &ctx)
{
    const std::string account = param(g, "account");
    const std::string name = param(g, "name");
    const Account *a = ctx.policies.index().account(account);
    if (!a)
        return notMet("account " + quoted(account) + " is no longer in the design");
    const bool found = std::any_of(a->guardrails.begin(), a->guardrails.end(),
                                   [&](const Guardrail &gr) { return gr.name == name; });
    if (!found)
        return notMet("the guardrail " + quoted(name) + " is no longer on account "
                      + a->accountId);
    return met("the guardrail " + quoted(name) + " is still on account " + a->accountId);
}

// "no-new-access": the design grants nothing the lab's solution does not, decided by evaluating
// requests (review/accesschanges.h), so a "fix" that opens s3:* or kms:* to anyone fails it.
// Access the learner left out is not this goal's business: the other goals say what must work.
GoalResult goalNoNewAccess(const Goal &, const GoalContext &ctx)
{
    const std::vector<Artifact> solutionArtifacts = generateArtifacts(ctx.lab.solution);
    const PolicySet solution(ctx.lab.solution, solutionArtifacts);
    const review::AccessChanges changes
        = review::accessChanges(solution, solutionArtifacts, ctx.policies, ctx.artifacts);
    if (changes.granted.empty())
        return met("the design grants nothing the solution does not");
    const review::Access &a = changes.granted.front();
    std::string reason = std::to_string(changes.granted.size())
                         + (changes.granted.size() == 1 ? " request" : " requests")
                         + " allowed that the solution denies, e.g. " + a.action + " on "
                         + a.resource + " by " + (a.principal == "*" ? "anyone" : a.principal);
    return notMet(reason);
}

// "all-of": every goal it combines is met. For goals that only make sense together ("it
// replicates, and the rule is still there"), so the start design fails the combination.
GoalResult goalAllOf(const Goal &g, const GoalContext &ctx)
{
    std::string reasons;
    for (const Goal &part : g.goals) {
        GoalResult r = evaluate(part, ctx);
        if (!r.met)
            return r;
        reasons += (reasons.empty() ? "" : "; ") + r.reason;
    }
    return met(reasons);
}

using Evaluate = GoalResult (*)(const Goal &, const GoalContext &);

struct GoalKind
{
    GoalKindInfo info;
    Evaluate evaluate;
};

const std::vector<GoalKind> &table()
{
    using P = ParamType;
    static const std::vector<GoalKind> kinds = {
        {{"replicates",
          {{"object", P::TestObject, true}, {"to", P::BucketRef, true},
           {"replicated", P::Bool, false}, {"owner", P::AccountRef, false}}},
         &goalReplicates},
        {{"no-errors", {}}, &goalNoErrors},
        {{"no-finding", {{"rule", P::CheckRule, true}}}, &goalNoFinding},
        {{"rule-exists",
          {{"rule", P::RuleRef, true}, {"source", P::BucketRef, false},
           {"destination", P::BucketRef, false}}},
         &goalRuleExists},
        {{"key-policy-kept", {{"key", P::KeyRef, true}}}, &goalKeyPolicyKept},
        {{"bucket-policy-kept", {{"bucket", P::BucketRef, true}}}, &goalBucketPolicyKept},
        {{"bucket-property",
          {{"bucket", P::BucketRef, true}, {"property", P::String, true}, {"value", P::Any, true}}},
         &goalBucketProperty},
        {{"guardrail-exists", {{"account", P::AccountRef, true}, {"name", P::String, true}}},
         &goalGuardrailExists},
        {{"no-new-access", {}}, &goalNoNewAccess},
        {{"all-of", {{"goals", P::Goals, true}}}, &goalAllOf},
    };
    return kinds;
}

GoalResult evaluate(const Goal &goal, const GoalContext &ctx)
{
    for (const GoalKind &k : table()) {
        if (k.info.kind != goal.kind)
            continue;
        // The reader checked the parameters; a goal built in code may not have been, and
        // grading a class must not stop at one bad goal.
        try {
            return k.evaluate(goal, ctx);
        } catch (const json::exception &e) {
            return notMet("the goal cannot be checked: " + std::string(e.what()));
        }
    }
    return notMet("unknown goal kind " + quoted(goal.kind));
}

} // namespace

std::vector<GoalResult> grade(const Lab &lab, const Design &design)
{
    const GoalContext ctx(lab, design);
    std::vector<GoalResult> results;
    for (const Goal &g : lab.goals)
        results.push_back(evaluate(g, ctx));
    return results;
}

std::vector<GoalKindInfo> goalKinds()
{
    std::vector<GoalKindInfo> out;
    for (const GoalKind &k : table())
        out.push_back(k.info);
    return out;
}

const GoalKindInfo *findGoalKind(std::string_view kind)
{
    for (const GoalKind &k : table()) {
        if (k.info.kind == kind)
            return &k.info;
    }
    return nullptr;
}

} // namespace s3rd::model::labs
