#pragma once

// Drift: where what runs in AWS (as imported from AWS CLI outputs by exchange/importer.h)
// differs from the design. The imported design is compared with the design through the same
// generated documents `s3rd diff` compares, matched by what they apply to (the bucket, key,
// role or policy ARN), not by element id (the importer makes its own ids).
//
// Reported: every JSON location where a document of the design and the one running differ (a
// replication rule missing or different, a key policy edited by hand, a bucket policy
// statement gone, ...), a document only one side has, and a bucket whose versioning AWS shows
// suspended or off while the design has it otherwise.
//
// Limits: documents the inputs do not carry are generated from what they do carry (a role's
// permissions from the imported rules), so they differ only where those differ. Array order
// counts (a reordered policy is reported). A bucket AWS shows enabled is not compared: the
// importer takes a bucket without get-bucket-versioning output as enabled.

#include "checks/findings.h"
#include "core/design.h"

#include <string>
#include <vector>

namespace s3rd::model::review {

struct DriftFinding
{
    std::string document; // the design's document path ("111122223333/key-backup.json"), or
                          // the running one's when the design has none; "" for a bucket field
    std::string location; // JSON location in it, e.g. "Rules[1].Destination.Bucket"
    Finding finding;      // rule "drift-document", "drift-document-missing",
                          // "drift-document-extra" or "drift-versioning"; elements: design ids
};

std::vector<DriftFinding> findDrift(const Design &design, const Design &running);

} // namespace s3rd::model::review
