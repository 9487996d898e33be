// s3rd lab: the break-and-fix exercises: list them, start one, grade designs against their goals.

#include "commands.h"
#include "labsdir.h"

#include "core/designfile.h"
#include "labs/catalogue.h"
#include "labs/goals.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <ostream>

namespace s3rd::cli {

namespace {

using namespace s3rd::model;
using namespace s3rd::model::labs;

const char *const kUsage =
    "Usage: s3rd lab list [--format text|json] [--labs-dir DIR]\n"
    "       s3rd lab start ID --out FILE [--solution] [--labs-dir DIR]\n"
    "       s3rd lab grade FILE... [--lab ID] [--format text|json] [--labs-dir DIR]\n\n"
    "Break-and-fix exercises: a design that does not work, a briefing, goals the product\n"
    "checks, three hints and a solution (docs/lab-format.md).\n\n"
    "  list               every lab: id, difficulty, estimated minutes, title (easy to hard)\n"
    "  start ID           write the lab's starting design to FILE, recording the lab's id in\n"
    "                     it; with --solution the solution design, for the instructor\n"
    "  grade FILE...      check each design against its lab's goals and print each goal,\n"
    "                     met or not, with the reason. The lab is --lab ID, or else the\n"
    "                     one recorded in the design by 'lab start'\n"
    "  --format F         text (default) or json\n"
    "  --labs-dir DIR     use the labs of DIR (one subfolder per lab) instead of the shipped\n"
    "                     ones; S3RD_LABS_DIR does the same\n\n"
    "Exit status: 0 ok (grade: every goal of every file met), 1 grade: a goal not met,\n"
    "2 on bad input or usage (a file or lab that does not load, an unknown lab).\n";

// Prints the problems of the catalogue; true when there were some.
bool reportProblems(const Catalogue &c, Io io)
{
    for (const LabProblem &p : c.problems)
        io.err << problemText(p) << "\n";
    return !c.problems.empty();
}

bool parseFormat(Args &args, std::string &format)
{
    format = args.value("format").value_or("text");
    return format == "text" || format == "json";
}

int runList(Args &args, Io io)
{
    std::string format;
    const bool formatOk = parseFormat(args, format);
    const std::string dir = labsDir(args);
    const std::vector<std::string> extra = args.positional();
    if (const std::string e = args.error(); !e.empty())
        return usageError(io, "lab", e);
    if (!extra.empty())
        return usageError(io, "lab", "lab list takes no argument, not '" + extra.front() + "'");
    if (!formatOk)
        return usageError(io, "lab", "--format must be text or json, not '" + format + "'");
    const Catalogue c = loadCatalogue(dir);
    const bool problems = reportProblems(c, io);
    if (format == "json") {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const Lab &l : c.labs) {
            list.push_back({{"id", l.id},
                            {"title", l.title},
                            {"difficulty", difficultyName(l.difficulty)},
                            {"minutes", l.minutes}});
        }
        io.out << nlohmann::ordered_json{{"labs", list}}.dump(2) << "\n";
    } else {
        std::size_t width = 2;
        for (const Lab &l : c.labs)
            width = std::max(width, l.id.size());
        for (const Lab &l : c.labs) {
            std::string id = l.id;
            std::string difficulty(difficultyName(l.difficulty));
            id.resize(width, ' ');
            difficulty.resize(7, ' ');
            std::string minutes = std::to_string(l.minutes) + " min";
            minutes.insert(0, minutes.size() < 7 ? 7 - minutes.size() : 0, ' ');
            io.out << id << "  " << difficulty << minutes << "  " << l.title << "\n";
        }
    }
    return problems ? kBadInput : kOk;
}

int runStart(Args &args, Io io)
{
    const bool solution = args.flag("solution");
    const std::optional<std::string> out = args.value("out");
    const std::string dir = labsDir(args);
    const std::vector<std::string> ids = args.positional();
    if (const std::string e = args.error(); !e.empty())
        return usageError(io, "lab", e);
    if (ids.size() != 1)
        return usageError(io, "lab", "lab start takes one lab id");
    if (!out)
        return usageError(io, "lab", "lab start needs --out FILE");
    const Catalogue c = loadCatalogue(dir);
    const Lab *lab = c.find(ids.front());
    if (!lab) {
        reportProblems(c, io);
        io.err << "s3rd: no lab '" << ids.front() << "' in " << dir
               << " (s3rd lab list shows them)\n";
        return kBadInput;
    }
    Design design = solution ? lab->solution : lab->start;
    design.lab = lab->id; // so `lab grade` finds the lab without --lab
    if (const std::string e = saveDesignFile(design, *out); !e.empty()) {
        io.err << "s3rd: " << e << "\n";
        return kBadInput;
    }
    return kOk;
}

struct Graded
{
    std::string file;
    const Lab *lab = nullptr;
    std::vector<GoalResult> results;
    int met() const
    {
        return int(std::count_if(results.begin(), results.end(),
                                 [](const GoalResult &r) { return r.met; }));
    }
};

void printText(const Graded &g, std::ostream &out)
{
    out << g.file << ": lab " << g.lab->id << " (" << g.lab->title << "): " << g.met() << " of "
        << g.results.size() << " goals met\n";
    for (std::size_t i = 0; i < g.results.size(); ++i) {
        out << "  " << (g.results[i].met ? "✔ " : "✘ ") << g.lab->goals[i].description << "\n"
            << "      " << g.results[i].reason << "\n";
    }
}

nlohmann::ordered_json toJson(const Graded &g)
{
    nlohmann::ordered_json goals = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < g.results.size(); ++i) {
        goals.push_back({{"description", g.lab->goals[i].description},
                         {"kind", g.lab->goals[i].kind},
                         {"met", g.results[i].met},
                         {"reason", g.results[i].reason}});
    }
    return {{"file", g.file}, {"lab", g.lab->id}, {"met", g.met()},
            {"total", g.results.size()}, {"goals", goals}};
}

int runGrade(Args &args, Io io)
{
    std::string format;
    const bool formatOk = parseFormat(args, format);
    const std::optional<std::string> labId = args.value("lab");
    const std::string dir = labsDir(args);
    const std::vector<std::string> files = args.positional();
    if (const std::string e = args.error(); !e.empty())
        return usageError(io, "lab", e);
    if (!formatOk)
        return usageError(io, "lab", "--format must be text or json, not '" + format + "'");
    if (files.empty())
        return usageError(io, "lab", "lab grade needs at least one design file");
    const Catalogue c = loadCatalogue(dir);
    bool badInput = false;
    if (labId && !c.find(*labId)) {
        reportProblems(c, io);
        io.err << "s3rd: no lab '" << *labId << "' in " << dir << " (s3rd lab list shows them)\n";
        return kBadInput;
    }
    std::vector<Graded> graded;
    for (const std::string &file : files) {
        const std::optional<Design> design = loadDesignReporting(io, file);
        if (!design) {
            badInput = true;
            continue;
        }
        const std::string id = labId ? *labId : design->lab;
        const Lab *lab = c.find(id);
        if (id.empty()) {
            io.err << file << ": the design records no lab; name it with --lab ID\n";
        } else if (!lab) {
            reportProblems(c, io);
            io.err << file << ": no lab '" << id << "' in " << dir << "\n";
        }
        if (!lab) {
            badInput = true;
            continue;
        }
        graded.push_back({file, lab, grade(*lab, *design)});
    }
    bool allMet = true;
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const Graded &g : graded) {
        allMet = allMet && g.met() == int(g.results.size());
        if (format == "json")
            list.push_back(toJson(g));
        else
            printText(g, io.out);
    }
    if (format == "json")
        io.out << nlohmann::ordered_json{{"files", list}, {"allMet", allMet && !badInput}}.dump(2)
               << "\n";
    if (badInput)
        return kBadInput;
    return allMet ? kOk : kFindings;
}

int run(const std::vector<std::string> &argv, Io io)
{
    if (argv.empty())
        return usageError(io, "lab", "lab needs list, start or grade");
    Args args(std::vector<std::string>(argv.begin() + 1, argv.end()));
    const std::string &action = argv.front();
    if (action == "list")
        return runList(args, io);
    if (action == "start")
        return runStart(args, io);
    if (action == "grade")
        return runGrade(args, io);
    return usageError(io, "lab", "unknown lab command '" + action + "' (list, start or grade)");
}

} // namespace

extern const Command kLabCommand = {"lab", "List, start and grade break-and-fix exercises",
                                    kUsage, &run};

} // namespace s3rd::cli
