// s3rd check: the checklist of a design file, as text or JSON.

#include "checks/findings.h"
#include "commands.h"
#include "core/designfile.h"
#include "policies/artifacts.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>
#include <set>
#include <tuple>

namespace s3rd::cli {

namespace {

using namespace s3rd::model;

// A fix that was applied: its rule, the elements of its finding and its label.
struct AppliedFix
{
    std::string rule;
    std::vector<std::string> elements;
    std::string label;
};

void printJson(const CheckReport &report, Severity minimum, const std::vector<AppliedFix> *fixed,
               std::ostream &out)
{
    nlohmann::ordered_json doc = nlohmann::ordered_json::object();
    if (fixed) {
        nlohmann::ordered_json &list = doc["fixed"] = nlohmann::ordered_json::array();
        for (const AppliedFix &f : *fixed) {
            nlohmann::ordered_json j = nlohmann::ordered_json::object();
            j["rule"] = f.rule;
            j["elements"] = f.elements;
            j["fix"] = f.label;
            list.push_back(std::move(j));
        }
    }
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

// Built in one string and written at once: a large design has tens of thousands of findings.
void printText(const std::string &file, const CheckReport &report, Severity minimum, bool explain,
               std::ostream &out)
{
    std::string text;
    text.reserve(256 + report.findings.size() * (explain ? 640 : 200));
    const int counts[] = {report.count(Severity::Error), report.count(Severity::Warning),
                          report.count(Severity::Info)};
    text += file;
    text += ": ";
    text += plural(counts[0], "error");
    text += ", ";
    text += plural(counts[1], "warning");
    text += ", ";
    text += plural(counts[2], "info");
    text += '\n';
    static const char *const kHeadings[] = {"Errors", "Warnings", "Info"};
    static const char *const kMarks[] = {"E", "W", "i"};
    for (Severity s : {Severity::Error, Severity::Warning, Severity::Info}) {
        const int n = counts[int(s)];
        if (s > minimum || n == 0)
            continue;
        text += '\n';
        text += kHeadings[int(s)];
        text += " (";
        text += std::to_string(n);
        text += ")\n";
        for (const Finding &f : report.findings) {
            if (f.severity != s)
                continue;
            text += "  [";
            text += kMarks[int(s)];
            text += "] ";
            text += f.rule;
            text += ": ";
            text += f.message;
            text += '\n';
            if (explain) {
                text += "      ";
                text += f.explanation;
                text += '\n';
            }
            if (f.fix) {
                text += "      Fix: ";
                text += f.fix->label;
                text += '\n';
            }
            text += "      See: ";
            text += f.docUrl;
            text += '\n';
        }
    }
    text += "\nPre-flight checklist\n";
    for (const PreflightItem &p : report.preflight) {
        text += "  [";
        text += p.ok ? 'x' : ' ';
        text += "] ";
        text += p.item;
        if (!p.rules.empty()) {
            text += " (";
            for (std::size_t i = 0; i < p.rules.size(); ++i) {
                if (i)
                    text += ", ";
                text += p.rules[i];
            }
            text += ")";
        }
        text += '\n';
    }
    out << text;
}

// Applies one-click fixes one at a time, re-checking after each (a fix can make another
// finding go away, or change what another fix should do), until none is left to apply.
// Only the fixes of `rules` when it is not empty. Returns the fixes applied, in order.
std::vector<AppliedFix> applyFixes(Design &design, const std::set<std::string> &rules)
{
    std::vector<AppliedFix> applied;
    std::set<std::tuple<std::string, std::vector<std::string>, std::string>> tried;
    // Every pass tries a finding not tried before; the bound only guards against fixes that
    // keep creating new findings with fixes of their own.
    constexpr int kMaxPasses = 10000;
    for (int pass = 0; pass < kMaxPasses; ++pass) {
        const CheckReport report = runChecks(design, generateArtifacts(design));
        const Finding *next = nullptr;
        for (const Finding &f : report.findings) {
            if (!f.fix || !f.fix->apply || (!rules.empty() && !rules.count(f.rule)))
                continue;
            // Each finding's fix is tried once: a fix that leaves its finding in place is not
            // applied again.
            if (tried.insert({f.rule, f.elements, f.fix->label}).second) {
                next = &f;
                break;
            }
        }
        if (!next)
            return applied;
        Design after = design;
        next->fix->apply(after);
        if (after == design)
            continue;
        design = std::move(after);
        applied.push_back({next->rule, next->elements, next->fix->label});
    }
    return applied;
}

int runCheck(const std::vector<std::string> &argv, Io io)
{
    Args args(argv);
    const std::string format = args.value("format").value_or("text");
    const std::string min = args.value("min-severity").value_or("info");
    const bool explain = args.flag("explain");
    const bool fix = args.flag("fix");
    const std::vector<std::string> ruleList = args.values("rule");
    const std::vector<std::string> files = args.positional();
    if (!args.error().empty())
        return usageError(io, "check", args.error());
    if (!ruleList.empty() && !fix)
        return usageError(io, "check", "--rule selects the fixes of --fix; give --fix too");
    std::set<std::string> rules;
    for (const std::string &id : ruleList) {
        const auto catalog = ruleCatalog();
        if (std::none_of(catalog.begin(), catalog.end(),
                         [&](const RuleInfo &r) { return r.id == id; }))
            return usageError(io, "check", "unknown rule id '" + id + "'");
        rules.insert(id);
    }
    if (format != "text" && format != "json")
        return usageError(io, "check", "--format must be text or json, not '" + format + "'");
    Severity minimum = Severity::Info;
    if (!parseSeverity(min, minimum))
        return usageError(io, "check",
                          "--min-severity must be error, warning or info, not '" + min + "'");
    if (files.size() != 1)
        return usageError(io, "check", "expected one design file");

    const std::string &file = files.front();
    std::optional<Design> loaded = loadDesignReporting(io, file);
    if (!loaded)
        return kBadInput;
    Design &design = *loaded;
    std::vector<AppliedFix> fixed;
    if (fix) {
        fixed = applyFixes(design, rules);
        // Rewritten only when a fix changed something: atomically, in canonical form, as the
        // designer and `s3rd format` save.
        if (!fixed.empty()) {
            if (const std::string e = saveDesignFile(design, file); !e.empty()) {
                io.err << file << ": cannot write the fixed design: " << e << "\n";
                return kBadInput;
            }
        }
        if (format == "text") {
            for (const AppliedFix &f : fixed)
                io.out << file << ": fixed " << f.rule << ": " << f.label << "\n";
            io.out << file << ": " << fixed.size() << (fixed.size() == 1 ? " fix" : " fixes")
                   << " applied" << (fixed.empty() ? "; the file is unchanged" : "") << "\n\n";
        }
    }
    const CheckReport report = runChecks(design, generateArtifacts(design));
    if (format == "json")
        printJson(report, minimum, fix ? &fixed : nullptr, io.out);
    else
        printText(file, report, minimum, explain, io.out);
    return report.count(Severity::Error) > 0 ? kFindings : kOk;
}

// The rule ids, listed under "Rules:" after the usage (for --rule, and for the bash completion,
// which offers the names listed under the heading of an option's placeholder). Computed when
// asked, not during static initialisation, when the rule table may not be ready.
void printRules(std::ostream &out)
{
    out << "\nRules:\n";
    std::string line;
    for (const RuleInfo &r : ruleCatalog()) {
        if (!line.empty() && line.size() + r.id.size() + 2 > 94) {
            out << "  " << line << ",\n";
            line.clear();
        }
        line += (line.empty() ? "" : ", ") + std::string(r.id);
    }
    out << "  " << line << "\n";
}

} // namespace

extern const Command kCheckCommand;
const Command kCheckCommand = {
    "check",
    "Check a design: what will break, and the pre-flight checklist",
    "Usage: s3rd check FILE [--format text|json] [--min-severity error|warning|info] "
    "[--explain]\n"
    "                  [--fix [--rule RULE ...]]\n\n"
    "Runs the checklist on a design file (*.s3rd.json): errors (AWS rejects the setup, "
    "or\n"
    "replication fails or silently skips objects), warnings (works, but risky or "
    "surprising)\n"
    "and info (worth knowing), each with the elements it concerns and a fix where one\n"
    "exists; then the pre-flight checklist, each item ticked or not with the rules "
    "behind it.\n\n"
    "Options:\n"
    "  --format text|json     text (default) groups findings by severity; json prints\n"
    "                         {\"findings\": [{\"rule\", \"severity\", \"elements\", "
    "\"message\",\n"
    "                         \"fix\"}], \"preflight\": [{\"item\", \"ok\", \"rules\"}]}, "
    "where \"fix\"\n"
    "                         is the fix's label, or null when there is none\n"
    "  --min-severity LEVEL   show only findings of LEVEL or worse (default info)\n"
    "  --explain              text format: add the longer explanation of each finding\n"
    "  --fix                  apply the one-click fixes to FILE, one at a time, "
    "re-checking\n"
    "                         after each; FILE is rewritten atomically in canonical "
    "form\n"
    "                         (only if a fix changed it). Prints each fix applied "
    "(json:\n"
    "                         a \"fixed\" list), then the findings that remain\n"
    "  --rule RULE            with --fix: only the fixes of RULE (repeat, or "
    "RULE,RULE)\n\n"
    "Exit codes: 0 no error, 1 at least one error (whatever --min-severity shows; with\n"
    "--fix, in the fixed design), 2 bad input (FILE:LOCATION: message; a file that "
    "does\n"
    "not load is never rewritten) or usage.\n",
    runCheck,
    printRules,
};

} // namespace s3rd::cli
