// s3rd drift: where what runs in AWS differs from the design.

#include "commands.h"

#include "core/designfile.h"
#include "exchange/importer.h"
#include "importargs.h"
#include "review/drift.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace s3rd::cli {

namespace {

using namespace s3rd::model;

const char kDriftUsage[] =
    "Usage: s3rd drift DESIGN [--format text|json] [SUBJECT...] INPUT...\n\n"
    "Reports where what runs in AWS differs from DESIGN. The INPUTs are the AWS CLI outputs\n"
    "that `s3rd import` reads, with the same subject options (--bucket NAME, --key ARN,\n"
    "--role NAME|ARN, --account ID, --region REGION; see `s3rd help import`). They are\n"
    "imported, and the documents of the imported setup are compared with the design's: a\n"
    "replication rule missing or different, a key policy edited by hand, a bucket policy\n"
    "statement gone, versioning suspended. Each difference is a finding naming the document and\n"
    "the JSON location in it.\n\n"
    "  --format F   text (default) or json\n\n"
    "Exit status: 0 when AWS matches the design, 1 when it drifted, 2 on bad input (a design or\n"
    "an input that does not load).\n";

int runDrift(const std::vector<std::string> &argv, Io io)
{
    std::vector<std::string> rest;
    std::string format = "text";
    for (std::size_t i = 0; i < argv.size(); ++i) {
        if (argv[i] == "--format" && i + 1 < argv.size())
            format = argv[++i];
        else if (argv[i].starts_with("--format="))
            format = argv[i].substr(9);
        else
            rest.push_back(argv[i]);
    }
    if (format != "text" && format != "json")
        return usageError(io, "drift", "--format must be text or json");
    if (rest.empty() || rest.front().starts_with("--"))
        return usageError(io, "drift", "missing DESIGN");
    const std::string designFile = rest.front();
    rest.erase(rest.begin());
    ImportArguments parsed;
    if (const std::string e = parseImportArguments(rest, parsed, false); !e.empty())
        return usageError(io, "drift", e);

    const std::optional<Design> design = loadDesignReporting(io, designFile);
    if (!design)
        return kBadInput;
    const exchange::ImportResult imported =
        exchange::importFiles(parsed.inputs, parsed.declarations, design->name);
    if (!imported.ok()) {
        for (const exchange::ImportProblem &p : imported.problems) {
            io.err << (p.input.empty() ? "input" : p.input);
            if (!p.location.empty())
                io.err << ": " << p.location;
            io.err << ": " << p.message << "\n";
        }
        return kBadInput;
    }

    const std::vector<review::DriftFinding> drift =
        review::findDrift(*design, imported.design);
    if (format == "json") {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const review::DriftFinding &d : drift)
            list.push_back({{"rule", d.finding.rule},
                            {"severity", std::string(severityName(d.finding.severity))},
                            {"elements", d.finding.elements},
                            {"document", d.document},
                            {"location", d.location},
                            {"message", d.finding.message}});
        io.out << nlohmann::ordered_json{{"drift", list}}.dump(
                      2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
               << "\n";
    } else if (drift.empty()) {
        io.out << "AWS matches " << designFile << " in everything the inputs show.\n";
    } else {
        for (const review::DriftFinding &d : drift)
            io.out << severityName(d.finding.severity) << " " << d.finding.rule << " ["
                   << (d.finding.elements.empty() ? "" : d.finding.elements.front())
                   << "]: " << d.finding.message << "\n";
        io.out << drift.size() << (drift.size() == 1 ? " difference" : " differences")
               << " between AWS and " << designFile << "\n";
    }
    return drift.empty() ? kOk : kFindings;
}

} // namespace

extern const Command kDriftCommand = {
    "drift", "Where AWS differs from the design (from AWS CLI outputs)", kDriftUsage, &runDrift};

} // namespace s3rd::cli
