// s3rd diff: what a change of design does: elements, documents, access, findings, outcomes.

#include "commands.h"

#include "core/designfile.h"
#include "review/designreview.h"
#include "review/reviewformat.h"

#include <iostream>
#include <iterator>
#include <ostream>

namespace s3rd::cli {

namespace {

using namespace s3rd::model;

const char *const kUsage =
    "Usage: s3rd diff OLD NEW [--format text|json|markdown]\n\n"
    "Compares two designs and reports what the change does: the elements added, removed and\n"
    "changed (field by field), every generated document that changes (as a unified diff under\n"
    "its path), the access newly granted and the access removed (each principal, action,\n"
    "resource and condition keys, found by evaluating both designs' policies, not by comparing\n"
    "their text), the checklist findings introduced and resolved, and the simulate outcomes\n"
    "that change for a representative object of each rule (a key under the rule's prefix, with\n"
    "its tags).\n\n"
    "OLD or NEW may be '-' for standard input, e.g.\n"
    "  git show origin/main:design.s3rd.json | s3rd diff - design.s3rd.json\n\n"
    "  --format F   text (default), json, or markdown (for a pull-request comment)\n\n"
    "Exit status: 0 when nothing risky changed, 1 when the change grants new access or\n"
    "introduces an error finding, 2 on bad input (a file that does not load).\n";

// Loads a design from a file or, for "-", from standard input; prints the problems (with the
// file and the line and column or JSON location) and returns false when it does not load.
bool loadDesign(const std::string &file, Io io, Design &out)
{
    LoadResult loaded;
    if (file == "-") {
        const std::string text{std::istreambuf_iterator<char>(std::cin),
                               std::istreambuf_iterator<char>()};
        loaded = parseDesign(text);
    } else {
        loaded = loadDesignFile(file);
    }
    const std::string name = file == "-" ? "<stdin>" : file;
    printLoadProblems(io, name, loaded.problems);
    if (!loaded.ok())
        return false;
    out = std::move(loaded.design);
    return true;
}

int run(const std::vector<std::string> &argv, Io io)
{
    Args args(argv);
    const std::string format = args.value("format").value_or("text");
    if (const std::string e = args.error(); !e.empty())
        return usageError(io, "diff", e);
    const auto files = args.positional();
    if (files.size() != 2)
        return usageError(io, "diff", "expected two files, OLD and NEW");
    if (format != "text" && format != "json" && format != "markdown")
        return usageError(io, "diff", "--format must be text, json or markdown");
    if (files[0] == "-" && files[1] == "-")
        return usageError(io, "diff", "only one of OLD and NEW can be '-' (standard input)");

    Design before, after;
    const bool oldOk = loadDesign(files[0], io, before);
    const bool newOk = loadDesign(files[1], io, after);
    if (!oldOk || !newOk)
        return kBadInput;

    const review::DesignReview r = review::reviewChange(before, after);
    const std::string oldName = files[0] == "-" ? "<stdin>" : files[0];
    const std::string newName = files[1] == "-" ? "<stdin>" : files[1];
    if (format == "json")
        io.out << review::reviewJson(r).dump(2, ' ', false,
                                             nlohmann::ordered_json::error_handler_t::replace)
               << "\n";
    else if (format == "markdown")
        io.out << review::reviewMarkdown(r, oldName, newName);
    else
        io.out << review::reviewText(r, oldName, newName);
    return r.risky() ? kFindings : kOk;
}

} // namespace

extern const Command kDiffCommand = {
    "diff", "What a change of design does: documents, new access, findings", kUsage, &run};

} // namespace s3rd::cli
