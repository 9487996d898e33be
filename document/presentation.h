#pragma once

// The order in which presenter mode reveals a design, derived from the design itself: every
// account, then each account's buckets, keys and roles, then each replication rule (its arrow)
// followed by a step that lists, per account, the documents and statements that arrow needs.
//
// Contract: presentationSteps() is a pure function of the design and its generated artifacts
// (Document::artifacts()); the same input gives the same steps. A trainer's override
// (`presentStep` on an element, 1 to model::kMaxPresentStep) puts that element at that step
// number: elements with the same number are revealed together, the derived steps fill the
// numbers in between, and a rule's statements step still follows its arrow. Overrides beyond
// the derived steps come last, in their order.

#include "core/design.h"
#include "policies/artifacts.h"

#include <string>
#include <vector>

namespace s3rd::document {

// One document an account applies for an arrow, and the statements of it the arrow needs.
struct DocumentToApply
{
    model::ArtifactKind kind = model::ArtifactKind::ReplicationConfiguration;
    std::string title;             // "KMS key policy", "role permissions policy", ...
    std::string target;            // the bucket, role or key it applies to, by name
    std::string path;              // the file in a policy bundle
    std::vector<std::string> sids; // the statements' Sids (a replication configuration: rule IDs)
};

struct AccountStatements
{
    std::string account; // element id
    std::string label;   // "prod (111122223333)"
    std::vector<DocumentToApply> documents;
};

struct PresentationStep
{
    enum class Kind { Elements, Statements };
    Kind kind = Kind::Elements;
    // Elements: the ids revealed at this step. Statements: the one rule they are for.
    std::vector<std::string> elements;
    std::string caption; // "bucket logs-replica", "statements for rule logs-to-dr"
    std::vector<AccountStatements> statements; // Statements steps only, accounts in design order
};

std::vector<PresentationStep> presentationSteps(const model::Design &design,
                                                const std::vector<model::Artifact> &artifacts);

// The ids revealed once step `index` is shown (every element of the steps up to it); none for
// an index below zero.
std::vector<std::string> revealedThrough(const std::vector<PresentationStep> &steps, int index);

// What each account must apply for one rule: the statements of the generated documents that
// name the rule, and the trust policy of its role.
std::vector<AccountStatements> statementsForRule(const model::Design &design,
                                                 const std::vector<model::Artifact> &artifacts,
                                                 const std::string &ruleId);

} // namespace s3rd::document
