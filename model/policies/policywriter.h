#pragma once

// Internal to the policy generators: a policy statement under construction, the merge that
// turns per-rule statements into one least-privilege policy, and the writer that renders it in
// AWS's key order.

#include "policies/artifacts.h"
#include "policies/jsonwriter.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace s3rd::model::policy {

inline constexpr std::string_view kPolicyVersion = "2012-10-17";

// One condition: operator, key and its values ("StringLike", "kms:ViaService", [...]).
struct Condition
{
    std::string_view op;  // a string literal
    std::string_view key; // a string literal
    std::vector<std::string> values;
    bool operator==(const Condition &) const = default;
};

// The actions of a statement, in documented order: at most four, kept inline, as statements
// are made per rule. Adding a fifth throws std::out_of_range.
class ActionList
{
public:
    ActionList() = default;
    ActionList(std::initializer_list<std::string_view> actions)
    {
        for (std::string_view a : actions)
            push_back(a);
    }
    void push_back(std::string_view action) { m_items.at(m_size++) = action; }
    const std::string_view *begin() const { return m_items.data(); }
    const std::string_view *end() const { return m_items.data() + m_size; }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    std::string_view front() const { return m_items.front(); }
    bool operator==(const ActionList &other) const
    {
        return std::equal(begin(), end(), other.begin(), other.end());
    }

private:
    std::array<std::string_view, 4> m_items{};
    std::size_t m_size = 0;
};

// Text fields are views of string literals or of the design, which outlive the generation.
struct Statement
{
    std::string_view sidBase; // readable Sid; made unique with a number by assignSids()
    std::string sid;
    int rank = 0; // statements are ordered by rank, then by first appearance
    bool allow = true;
    std::vector<std::string> principalAws;     // ARNs
    std::vector<std::string> principalService; // "s3.amazonaws.com"
    ActionList actions;
    bool scalarAction = false;          // write "Action": "x" (AWS's own trust / root)
    std::vector<std::string> resources; // "*" is written as a scalar
    std::vector<Condition> conditions;  // in written order of operators and keys
    // Annotation.
    std::vector<std::string_view> elements;
    std::string_view why;
    std::string_view docUrl;

    // The confused-deputy conditions of a statement for an AWS service principal: the calls
    // come from one of these accounts and, where any is given, one of these source ARNs.
    void limitToSources(const std::vector<std::string> &accounts,
                        const std::vector<std::string> &sourceArns)
    {
        conditions.push_back({"StringEquals", "aws:SourceAccount", accounts});
        if (!sourceArns.empty())
            conditions.push_back({"ArnLike", "aws:SourceArn", sourceArns});
    }
};

// Merges statements that differ in one dimension only, which never widens what is allowed:
// first the values of `unionConditionKey` (e.g. the encryption contexts of one KMS key), then
// resources, then principals. Values are sorted, deduplicated, and patterns covered by a
// broader wildcard ("arn:aws:s3:::b/*" covers "arn:aws:s3:::b/logs/*") are dropped.
// Statements end up ordered by rank, then by first appearance.
void mergeStatements(std::vector<Statement> &statements, std::string_view unionConditionKey = {});

// Gives every statement a Sid: its sidBase, with 2, 3… appended to repeats.
void assignSids(std::vector<Statement> &statements);

// {"Version": "2012-10-17", "Statement": [...]} as written: AWS's key order, 2-space
// indentation, a final newline.
std::string policyText(const std::vector<Statement> &statements);

// The characters of `text` that are not whitespace: what IAM counts against its policy size
// quotas.
std::size_t nonWhitespaceSize(std::string_view text);

// Distributes merged statements (in order) over policies of at most `limit` characters without
// whitespace, each written by policyText() after assignSids() over all of them together (Sids
// stay unique across the parts). A statement that fits in one policy is never divided; a
// larger one is divided into statements with parts of its Resource list, or of the values of
// `unionConditionKey` (alternatives: any one value matching is what each part allows), and its
// first part fills the room left in the policy before it. The union of what the parts allow is
// exactly what the statements allow. Deterministic. A single value too large for a policy stays
// in a part of its own, over the limit.
std::vector<std::vector<Statement>> splitStatements(std::vector<Statement> statements,
                                                    std::size_t limit,
                                                    std::string_view unionConditionKey);

// The notes kept beside a policy, one per statement.
std::vector<StatementNote> policyNotes(const std::vector<Statement> &statements);

// Keeps the first appearance of each element.
void dropRepeatedElements(std::vector<std::string_view> &elements);

// Sorts, deduplicates and drops values covered by a broader trailing-"*" pattern.
void normalisePatterns(std::vector<std::string> &values);

// Escapes the IAM wildcard characters of a literal key prefix ("${*}", "${?}", "${$}") so a
// prefix is matched literally inside an ARN pattern.
std::string escapeArnLiteral(std::string_view text);

// Letters and digits of `text` in CamelCase ("s3-replication-0" -> "S3Replication0"); IAM
// Sids allow only [A-Za-z0-9].
std::string sidWord(std::string_view text);

} // namespace s3rd::model::policy
