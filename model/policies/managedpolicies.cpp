// How a role's finished permissions are attached: one inline policy, or customer managed
// policies when they outgrow it.
//
// IAM and AWS STS quotas (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html):
// "Role policy size: 10,240 characters", "Managed policy size: 6,144 characters", "Managed
// policies attached to an IAM role: 10"; "IAM doesn't count white space when calculating the
// size of a policy against these limits."

#include "core/arn.h"
#include "policies/generators.h"
#include "policies/policywriter.h"

#include <iterator>

namespace s3rd::model {

namespace policy {

namespace {

// Room kept for the number assignSids() may add to a Sid once the parts are known ("2",
// "12x3"): a role's parts hold far fewer than a million statements.
constexpr std::string_view kSidSlack = "999999";

// The list a statement too large for one policy is divided along: its resources, or the values
// of the union condition key (an encryption context per rule), whichever has more than one.
std::vector<std::string> *divisibleList(Statement &s, std::string_view unionKey)
{
    if (s.resources.size() > 1)
        return &s.resources;
    for (Condition &c : s.conditions) {
        if (!unionKey.empty() && c.key == unionKey && c.values.size() > 1)
            return &c.values;
    }
    return nullptr;
}

// A value's characters in the written JSON, whitespace included (so never under IAM's count).
std::size_t valueCost(std::string_view value)
{
    std::size_t n = 2; // quotes
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        n += c == '"' || c == '\\' ? 2 : u < 0x20 ? 6 : 1;
    }
    return n;
}

class Sizer
{
public:
    Sizer() : m_envelope(nonWhitespaceSize(policyText({}))) {}

    // An empty policy: {"Version": …, "Statement": []}.
    std::size_t envelope() const { return m_envelope; }

    // What the statement adds to a policy, with its comma and the Sid's slack.
    std::size_t cost(const Statement &s) const
    {
        Statement measured = s;
        measured.sid = std::string(s.sidBase) + std::string(kSidSlack);
        return nonWhitespaceSize(policyText({measured})) - m_envelope + 1;
    }

    // What the statement adds without the values of `list` (written as a list: its brackets
    // are counted), so a part holding values v is at most base + Σ (valueCost(v) + 1).
    std::size_t baseCost(Statement &s, std::vector<std::string> &list) const
    {
        std::vector<std::string> values = std::move(list);
        list = {values.front()};
        const std::size_t withOne = cost(s);
        list = std::move(values);
        return withOne - valueCost(list.front());
    }

private:
    std::size_t m_envelope;
};

} // namespace

std::size_t nonWhitespaceSize(std::string_view text)
{
    std::size_t n = 0;
    for (char c : text)
        n += !(c == ' ' || c == '\n' || c == '\t' || c == '\r');
    return n;
}

std::vector<std::vector<Statement>> splitStatements(std::vector<Statement> statements,
                                                    std::size_t limit,
                                                    std::string_view unionConditionKey)
{
    const Sizer sizer;
    std::vector<std::vector<Statement>> parts(1);
    std::size_t used = sizer.envelope();
    const auto newPart = [&] {
        parts.emplace_back();
        used = sizer.envelope();
    };
    for (Statement &whole : statements) {
        Statement s = std::move(whole);
        for (;;) {
            const std::size_t cost = sizer.cost(s);
            if (used + cost <= limit) {
                used += cost;
                parts.back().push_back(std::move(s));
                break;
            }
            std::vector<std::string> *list = divisibleList(s, unionConditionKey);
            if (sizer.envelope() + cost <= limit || !list) {
                // It fits a policy of its own (kept whole, so small statements stay readable),
                // or it cannot be divided: then it stands alone, over the limit.
                if (!parts.back().empty()) {
                    newPart();
                    continue;
                }
                parts.back().push_back(std::move(s));
                newPart();
                break;
            }
            // Too large for any policy: the values that fit the room left go first.
            const std::size_t base = sizer.baseCost(s, *list);
            std::size_t room = limit - used, take = 0, size = base;
            while (take < list->size() && size + valueCost((*list)[take]) + 1 <= room)
                size += valueCost((*list)[take++]) + 1;
            if (take == 0) {
                if (!parts.back().empty()) {
                    newPart();
                    continue;
                }
                take = 1; // one value larger than a policy: alone, over the limit
            }
            Statement first = s;
            std::vector<std::string> *firstList = divisibleList(first, unionConditionKey);
            firstList->assign(std::make_move_iterator(list->begin()),
                              std::make_move_iterator(list->begin() + std::ptrdiff_t(take)));
            list->erase(list->begin(), list->begin() + std::ptrdiff_t(take));
            parts.back().push_back(std::move(first));
            newPart();
        }
    }
    if (parts.back().empty())
        parts.pop_back();
    return parts;
}

} // namespace policy

namespace gen {

void attachPermissions(const Context &ctx, const Role &role, Artifact inlinePolicy,
                       std::vector<policy::Statement> statements, std::string_view unionConditionKey,
                       std::vector<Artifact> &out)
{
    if (role.permissionsAttachment != PermissionsAttachment::Managed) {
        // splitStatements() below gives Sids again, so these can be given in place.
        policy::assignSids(statements);
        inlinePolicy.text = policy::policyText(statements);
        if (role.permissionsAttachment == PermissionsAttachment::Inline ||
            policy::nonWhitespaceSize(inlinePolicy.text) <=
                sizeLimit(ArtifactKind::RolePermissionsPolicy)) {
            inlinePolicy.notes = policy::policyNotes(statements);
            out.push_back(std::move(inlinePolicy));
            return;
        }
    }

    std::vector<std::vector<policy::Statement>> parts = policy::splitStatements(
        std::move(statements), sizeLimit(ArtifactKind::RoleManagedPolicy), unionConditionKey);
    // Sids are given across the parts, so each stays unique within the role.
    std::vector<policy::Statement> all;
    for (auto &part : parts) {
        for (auto &s : part)
            all.push_back(std::move(s));
    }
    policy::assignSids(all);

    const std::string arnPrefix =
        "arn:" + std::string(arn::partitionName(ctx.partitionOf(role.account))) + ":iam::" +
        std::string(ctx.accountIdOf(role.account)) + ":policy" + role.path;
    std::size_t next = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::vector<policy::Statement> part(
            std::make_move_iterator(all.begin() + std::ptrdiff_t(next)),
            std::make_move_iterator(all.begin() + std::ptrdiff_t(next + parts[i].size())));
        next += parts[i].size();
        Artifact a;
        a.kind = ArtifactKind::RoleManagedPolicy;
        a.element = role.id;
        a.part = int(i + 1);
        a.name = role.name + "-permissions-" + std::to_string(a.part);
        a.target = arnPrefix + a.name;
        a.overLimit = parts.size() > kMaxManagedPoliciesPerRole;
        a.text = policy::policyText(part);
        a.notes = policy::policyNotes(part);
        out.push_back(std::move(a));
    }
}

} // namespace gen

} // namespace s3rd::model
