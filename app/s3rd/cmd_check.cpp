// s3rd check: the checklist of a design file, as text or JSON.

#include "checks/findings.h"
#include "commands.h"
#include "core/designfile.h"
#include "policies/artifacts.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace s3rd::cli {

namespace {

using namespace s3rd::model;

void printJson(const CheckReport &report, Severity minimum, std::ostream &out)
{
    nlohmann::ordered_json doc = nlohmann::ordered_json::object();
    nlohmann::ordered_json &findings = doc["findings"] = nlohmann::ordered_json::array();
    for (const Finding &f : report.findings) {
        if (f.severity > minimum)
            continue;
        nlohmann::ordered_json j = nlohmann::ordered_json::object();
        j["rule"] = f.rule;
        j["severity"] = severityName(f.severity);
        j["elements"] = f.elements;
        j["message"] = f.message;
        j["fix"] = f.fix ? nlohmann::ordered_json(f.fix->label) : nlohmann::ordered_json(nullptr);
        findings.push_back(std::move(j));
    }
    nlohmann::ordered_json &preflight = doc["preflight"] = nlohmann::ordered_json::array();
    for (const PreflightItem &p : report.preflight) {
        nlohmann::ordered_json j = nlohmann::ordered_json::object();
        j["item"] = p.item;
        j["ok"] = p.ok;
        j["rules"] = p.rules;
        preflight.push_back(std::move(j));
    }
    out << doc.dump(2) << "\n";
}

std::string plural(int n, const char *word)
{
    std::string s = std::to_string(n) + " " + word;
    if (n != 1 && std::string_view(word) != "info")
        s += 's';
    return s;
}

void printText(const std::string &file, const CheckReport &report, Severity minimum, bool explain,
               std::ostream &out)
{
    out << file << ": " << plural(report.count(Severity::Error), "error") << ", "
        << plural(report.count(Severity::Warning), "warning") << ", "
        << plural(report.count(Severity::Info), "info") << "\n";
    static const char *const kHeadings[] = {"Errors", "Warnings", "Info"};
    static const char *const kMarks[] = {"E", "W", "i"};
    for (Severity s : {Severity::Error, Severity::Warning, Severity::Info}) {
        const int n = report.count(s);
        if (s > minimum || n == 0)
            continue;
        out << "\n" << kHeadings[int(s)] << " (" << n << ")\n";
        for (const Finding &f : report.findings) {
            if (f.severity != s)
                continue;
            out << "  [" << kMarks[int(s)] << "] " << f.rule << ": " << f.message << "\n";
            if (explain)
                out << "      " << f.explanation << "\n";
            if (f.fix)
                out << "      Fix: " << f.fix->label << "\n";
            out << "      See: " << f.docUrl << "\n";
        }
    }
    out << "\nPre-flight checklist\n";
    for (const PreflightItem &p : report.preflight) {
        out << "  [" << (p.ok ? 'x' : ' ') << "] " << p.item;
        if (!p.rules.empty()) {
            out << " (";
            for (std::size_t i = 0; i < p.rules.size(); ++i)
                out << (i ? ", " : "") << p.rules[i];
            out << ")";
        }
        out << "\n";
    }
}

int runCheck(const std::vector<std::string> &argv, Io io)
{
    Args args(argv);
    const std::string format = args.value("format").value_or("text");
    const std::string min = args.value("min-severity").value_or("info");
    const bool explain = args.flag("explain");
    const std::vector<std::string> files = args.positional();
    if (!args.error().empty())
        return usageError(io, "check", args.error());
    if (format != "text" && format != "json")
        return usageError(io, "check", "--format must be text or json, not '" + format + "'");
    Severity minimum = Severity::Info;
    if (!parseSeverity(min, minimum))
        return usageError(io, "check",
                          "--min-severity must be error, warning or info, not '" + min + "'");
    if (files.size() != 1)
        return usageError(io, "check", "expected one design file");

    const std::string &file = files.front();
    const LoadResult loaded = loadDesignFile(file);
    if (!loaded.ok()) {
        for (const LoadProblem &p : loaded.problems) {
            io.err << file << ":";
            if (!p.location.empty())
                io.err << p.location << ":";
            io.err << " " << p.message << "\n";
        }
        return kBadInput;
    }
    const CheckReport report = runChecks(loaded.design, generateArtifacts(loaded.design));
    if (format == "json")
        printJson(report, minimum, io.out);
    else
        printText(file, report, minimum, explain, io.out);
    return report.count(Severity::Error) > 0 ? kFindings : kOk;
}

} // namespace

extern const Command kCheckCommand;
const Command kCheckCommand = {
    "check",
    "Check a design: what will break, and the pre-flight checklist",
    "Usage: s3rd check FILE [--format text|json] [--min-severity error|warning|info] "
    "[--explain]\n\n"
    "Runs the checklist on a design file (*.s3rd.json): errors (AWS rejects the setup, or\n"
    "replication fails or silently skips objects), warnings (works, but risky or surprising)\n"
    "and info (worth knowing), each with the elements it concerns and a fix where one\n"
    "exists; then the pre-flight checklist, each item ticked or not with the rules behind it.\n\n"
    "Options:\n"
    "  --format text|json     text (default) groups findings by severity; json prints\n"
    "                         {\"findings\": [{\"rule\", \"severity\", \"elements\", \"message\",\n"
    "                         \"fix\"}], \"preflight\": [{\"item\", \"ok\", \"rules\"}]}, where "
    "\"fix\"\n"
    "                         is the fix's label, or null when there is none\n"
    "  --min-severity LEVEL   show only findings of LEVEL or worse (default info)\n"
    "  --explain              text format: add the longer explanation of each finding\n\n"
    "Exit codes: 0 no error, 1 at least one error (whatever --min-severity shows),\n"
    "2 bad input (FILE:LOCATION: message) or usage.\n",
    runCheck,
};

} // namespace s3rd::cli
