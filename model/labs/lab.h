#pragma once

// A lab: a break-and-fix exercise. A starting design that does not work, a briefing written as
// a trainer would tell it, goals the product checks, three hints and a solution design. The
// file format is docs/lab-format.md: a folder per lab holding lab.json, the start design and
// the solution design.
//
// Contract: loading never throws and never returns a half-read lab. Either the whole lab is
// returned (its goals checked against the goal table, its two designs loaded), or every
// problem found, each naming its file and where in it ("goals[2].kind", "line 4, column 7").

#include "core/design.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace s3rd::model::labs {

inline constexpr std::string_view kLabFormatName = "s3-replication-designer-lab";
inline constexpr int kLabFormatVersion = 1;
inline constexpr std::string_view kLabFileName = "lab.json";
inline constexpr std::size_t kHintCount = 3;

enum class Difficulty { Easy, Medium, Hard };
std::string_view difficultyName(Difficulty d); // "easy", "medium", "hard"

// One goal: a predicate of the learner's design. `params` holds the goal's own fields as they
// are in the file (the kind's parameters, already checked against the goal table); `goals` the
// goals it combines, for a kind that combines others.
struct Goal
{
    std::string kind;
    std::string description; // what the learner reads: "Objects under logs/ reach the backup"
    nlohmann::json params = nlohmann::json::object();
    std::vector<Goal> goals;
};

struct Lab
{
    std::string id;
    std::string title;
    Difficulty difficulty = Difficulty::Easy;
    int minutes = 0;
    std::string briefing;
    std::vector<Goal> goals;
    std::vector<std::string> hints; // kHintCount, from a nudge to nearly the answer
    std::string directory;          // the lab's folder
    std::string startFile;          // paths of the two designs
    std::string solutionFile;
    Design start;
    Design solution;
};

struct LabProblem
{
    std::string file;     // the file the problem is in
    std::string location; // a JSON path ("goals[1].to") or "line 4, column 7"; may be empty
    std::string message;
};
// "FILE:LOCATION: message", the form every s3rd command prints problems in.
std::string problemText(const LabProblem &p);

struct LabLoadResult
{
    Lab lab; // meaningful only when ok()
    std::vector<LabProblem> problems;
    bool ok() const { return problems.empty(); }
};

// Reads the text of a lab.json (`file` names it in problems). The designs are not loaded:
// startFile and solutionFile are resolved against `directory`.
LabLoadResult parseLab(std::string_view text, const std::string &file,
                       const std::string &directory);
// Reads DIRECTORY/lab.json and loads its start and solution designs.
LabLoadResult loadLab(const std::string &directory);

// Reads a whole file: true and its text, or false and why not ("cannot open the file: …").
using ReadFile = std::function<bool(const std::string &path, std::string &text, std::string &error)>;
// The same, reading the three files through `read`: for labs that are not plain files (the
// designer's compiled-in copies).
LabLoadResult loadLab(const std::string &directory, const ReadFile &read);

} // namespace s3rd::model::labs
