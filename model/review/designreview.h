#pragma once

// The review of a change of design: everything `s3rd diff` reports, in one value.
//
// Contract: reviewChange() is a pure function of the two designs; every list is sorted, so the
// same two designs give the same review.

#include "checks/findings.h"
#include "core/design.h"
#include "review/accesschanges.h"
#include "review/designdiff.h"

#include <string>
#include <vector>

namespace s3rd::model::review {

// How one representative object of a rule fares at one destination, before and after.
struct SimulateChange
{
    std::string rule;        // element id of the rule the object was made for
    std::string source;      // source bucket name
    std::string key;         // the object key: the rule's prefix, then "example-object"
    std::vector<Tag> tags;   // the rule's filter tags
    std::string destination; // destination bucket name
    // "replicated", "not-replicated", "failed", or "none" when the design has no such
    // destination for the object (the rule or the bucket is not in it).
    std::string before;
    std::string after;
    std::string beforeReason;
    std::string afterReason;
};

struct DesignReview
{
    std::vector<ElementChange> elements;
    std::vector<DocumentChange> documents;
    AccessChanges access;
    std::vector<Finding> introduced; // findings of the new design the old one did not have
    std::vector<Finding> resolved;   // findings of the old design the new one no longer has
    std::vector<SimulateChange> simulate;

    // True when the change grants access or introduces an error finding: what a reviewer must
    // look at before it is merged (`s3rd diff` exits 1).
    bool risky() const;
    bool empty() const;
};

DesignReview reviewChange(const Design &oldDesign, const Design &newDesign);

// Findings are the same when they have the same rule id and concern the same elements (their
// wording may name renamed elements differently). Both lists keep runChecks()'s order.
void compareFindings(const std::vector<Finding> &before, const std::vector<Finding> &after,
                     std::vector<Finding> &introduced, std::vector<Finding> &resolved);

} // namespace s3rd::model::review
