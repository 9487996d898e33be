// s3rd format: rewrite design files in their canonical form.

#include "commands.h"

#include "core/designfile.h"

#include <fstream>
#include <ostream>
#include <sstream>

namespace s3rd::cli {

namespace {

const char *const kUsage =
    "Usage: s3rd format FILE... [--check]\n\n"
    "Rewrites each design file (*.s3rd.json) in canonical form: the order, layout and spelling\n"
    "the designer saves, so that files kept in version control diff cleanly. Files already in\n"
    "canonical form are left untouched; files are replaced atomically.\n\n"
    "A file that does not load is never rewritten: its problems are printed on stderr as\n"
    "FILE:LOCATION: message (see 's3rd lint').\n\n"
    "  --check   change nothing; print the name of each file that is not in canonical form\n\n"
    "Exit status: 0 ok; 1 with --check when any file is not canonical; 2 when any file does\n"
    "not load or cannot be written, or on bad usage.\n";

bool readAll(const std::string &path, std::string &out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    out = buffer.str();
    return !in.bad();
}

int run(const std::vector<std::string> &argv, Io io)
{
    Args args(argv);
    const bool check = args.flag("check");
    const std::optional<std::vector<std::string>> files = designFiles(args, io, "format");
    if (!files)
        return kBadInput;
    bool broken = false;
    bool changed = false;
    for (const std::string &file : *files) {
        const std::optional<model::Design> design = loadDesignReporting(io, file);
        if (!design) {
            broken = true;
            continue;
        }
        std::string current;
        if (!readAll(file, current)) {
            io.err << file << ": cannot read the file\n";
            broken = true;
            continue;
        }
        if (model::serializeDesign(*design) == current)
            continue;
        changed = true;
        if (check) {
            io.out << file << ": not in canonical form\n";
            continue;
        }
        if (const std::string e = model::saveDesignFile(*design, file); !e.empty()) {
            io.err << e << "\n";
            broken = true;
        }
    }
    if (broken)
        return kBadInput;
    return check && changed ? kFindings : kOk;
}

} // namespace

extern const Command kFormatCommand = {"format", "Rewrite design files in canonical form",
                                       kUsage, &run};

} // namespace s3rd::cli
