// s3rd lint: does each design file load?

#include "commands.h"

#include "core/designfile.h"

#include <ostream>

namespace s3rd::cli {

namespace {

const char *const kUsage =
    "Usage: s3rd lint FILE...\n\n"
    "Loads each design file (*.s3rd.json) and reports every problem that stops it from\n"
    "loading, one per line on stderr, as FILE:LOCATION: message. LOCATION is a place in the\n"
    "JSON (\"rules[2].destination\") or a text position (\"line 4, column 7\").\n\n"
    "Lint checks the file itself: JSON syntax, field types, required fields, references\n"
    "between elements, duplicate ids, unknown fields and the format version. Whether the\n"
    "design would work on AWS (names, versioning, keys, roles) is 's3rd check'.\n\n"
    "Exit status: 0 when every file loads, 2 when any does not (or on bad usage).\n";

int run(const std::vector<std::string> &argv, Io io)
{
    Args args(argv);
    const std::optional<std::vector<std::string>> files = designFiles(args, io, "lint");
    if (!files)
        return kBadInput;
    bool allLoaded = true;
    for (const std::string &file : *files) {
        const bool loaded = loadDesignReporting(io, file).has_value();
        allLoaded = allLoaded && loaded;
    }
    return allLoaded ? kOk : kBadInput;
}

} // namespace

extern const Command kLintCommand = {"lint", "Check that design files load, naming each problem",
                                     kUsage, &run};

} // namespace s3rd::cli
