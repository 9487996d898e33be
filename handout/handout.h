#pragma once

// A printable handout of a design, as a PDF: the diagram, then per account the documents to
// apply with why each statement is there, the checklist and the pre-flight checklist; for a
// lab, its briefing and goals first. Written with Qt's own PDF writer (QPdfWriter), drawn by the
// diagram painter, so it needs a QGuiApplication (fonts) and no widgets. Used by
// `s3rd export --format handout` and the designer's File › Export › Handout.

#include "core/design.h"
#include "labs/lab.h"

#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace s3rd::handout {

// What a lab adds to the handout: the learner's briefing and goals; the hints and the solution
// only for a trainer's copy (both empty otherwise).
struct LabSheet
{
    std::string title;
    std::string briefing;
    std::vector<std::string> goals;
    std::vector<std::string> hints;
    // What the solution changes in the start design, one HTML-free line per field:
    // "bucket acme-logs-dr: versioning: \"unversioned\" -> \"enabled\"".
    std::vector<std::string> solution;
};

// The sheet of a lab: briefing and goals; with `withSolution`, the hints and the solution too.
LabSheet labSheet(const model::labs::Lab &lab, bool withSolution);

struct HandoutOptions
{
    std::optional<LabSheet> lab;
};

// The handout as HTML, one page-break-separated section per part (what the PDF's text pages
// are laid out from).
QString handoutHtml(const model::Design &design, const HandoutOptions &options);

// Writes the handout to path as a PDF (A4), replacing it only once complete. Returns an empty
// string, or an error message naming the path.
QString exportHandout(const model::Design &design, const QString &path,
                      const HandoutOptions &options = {});

} // namespace s3rd::handout
