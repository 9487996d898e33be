#pragma once

// Access granted and removed by a change of design, found by evaluating requests with the policy
// evaluator (simulator/evaluator.h), never by comparing policy text.
//
// What "access" means here: a request (principal, action, resource, condition keys) that the
// policies of a design allow, as AWS would decide it for that design: the principal's identity
// policies (a role's permissions policy or the customer managed policies it was split into), the
// resource's policy (bucket policy, key policy, role trust policy: generated, or the custom one
// kept in the design), permissions boundaries, SCPs and RCPs, with the evaluation logic of
// evaluator.h.
//
// Which requests are looked at: every Allow statement of either design's role permissions, role
// trust, bucket and key policies (generated and custom) names principals (its role, for identity
// policies), actions and resources. Each principal named (role ARNs, account roots, service
// principals, "*" for anyone) is paired with each resource named (as written: "arn:aws:s3:::b/*"
// stands for the objects of b; a key or trust policy's resource is its key or role), and each
// action is expanded: a wildcard or NotAction to the actions that appear anywhere in either
// design's documents plus the ones S3 replication sends (simulator/replicationsteps.h). A request
// carries the condition keys its statement needs, set to values that satisfy the statement's
// positive conditions (StringEquals, StringLike, ArnLike, Bool, numeric…), one request per value
// a condition lists ("kms:EncryptionContext:aws:s3:arn" of each destination); these are the
// reported conditions. Only pairs whose policies in effect differ between the two designs
// are evaluated, since the decision is a pure function of the request and those policies.
//
// Limits: a principal outside the design (an account root, a role of an account not in it) is
// assumed to be allowed by its own account's IAM policies, so what it gets is what the design's
// resource policies grant it: the most it could do. A resource outside the design (a bucket or
// key it does not hold, "*") has no resource policy known here and is judged by the principal's
// identity policies as if it were in the principal's account. Negated conditions (StringNotEquals,
// Null, IpAddress…) are left unset, which is how a request without the key is decided. Actions
// that appear in neither design nor in replication are not looked at, so a new "s3:*" grant is
// reported through the actions the designs use.
//
// Contract: a pure function of the two designs; the lists are sorted and free of duplicates.

#include "core/design.h"
#include "policies/artifacts.h"

#include <string>
#include <utility>
#include <vector>

namespace s3rd::model {
class PolicySet;
}

namespace s3rd::model::review {

struct Access
{
    std::string principal; // role or account root ARN, service principal, or "*" (anyone)
    std::string action;    // e.g. "s3:ReplicateObject", in the case the documents write it
    std::string resource;  // ARN or pattern as written, e.g. "arn:aws:s3:::dst/*"
    // The condition keys the request carried for the statement to apply, sorted by key.
    std::vector<std::pair<std::string, std::string>> conditions;
    auto operator<=>(const Access &) const = default;
    bool operator==(const Access &) const = default;
};

struct AccessChanges
{
    std::vector<Access> granted; // allowed by the new design, denied by the old one
    std::vector<Access> removed; // allowed by the old design, denied by the new one
    bool empty() const { return granted.empty() && removed.empty(); }
};

AccessChanges accessChanges(const Design &oldDesign, const Design &newDesign);

// The same with each design's artifacts and compiled policies made by the caller (who needs them
// for other comparisons too). The PolicySets must be built from these designs and artifacts.
AccessChanges accessChanges(const PolicySet &oldPolicies, const std::vector<Artifact> &oldArtifacts,
                            const PolicySet &newPolicies,
                            const std::vector<Artifact> &newArtifacts);

} // namespace s3rd::model::review
