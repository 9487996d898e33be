// The reader of lab.json: a JSON tree to a Lab, checking every field and every goal against the
// goal table, then loading the start and solution designs.

#include "labs/goals.h"
#include "labs/lab.h"

#include "checks/findings.h"
#include "core/designfile.h"
#include "core/enumnames.h"
#include "core/limits.h"
#include "core/textposition.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace s3rd::model::labs {

namespace {

using json = nlohmann::json;

// Lab files are a few kilobytes; anything this large is not one.
constexpr std::uintmax_t kMaxLabFileBytes = 1 << 20;
constexpr int kMaxMinutes = 24 * 60;

std::string typeName(const json &v)
{
    switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    default: return "an unsupported value";
    }
}

class Reader
{
public:
    explicit Reader(std::string file)
        : m_file(std::move(file))
    {
    }

    std::vector<LabProblem> problems;

    void problem(const std::string &location, std::string message)
    {
        problems.push_back({m_file, location, std::move(message)});
    }

    static std::string at(const std::string &path, std::string_view key)
    {
        return path.empty() ? std::string(key) : path + "." + std::string(key);
    }

    // The member `key` of `o`, or nullptr (a problem when required and missing).
    const json *get(const json &o, const std::string &path, std::string_view key, bool required)
    {
        const auto it = o.find(key);
        if (it == o.end()) {
            if (required)
                problem(path.empty() ? std::string("top level") : path,
                        "missing required field \"" + std::string(key) + "\"");
            return nullptr;
        }
        return &*it;
    }

    const json *typed(const json &o, const std::string &path, std::string_view key,
                      bool required, bool (json::*is)() const noexcept, const char *what)
    {
        const json *v = get(o, path, key, required);
        if (v && !((*v).*is)()) {
            problem(at(path, key), std::string("expected ") + what + ", found " + typeName(*v));
            return nullptr;
        }
        return v;
    }

    std::string text(const json &o, const std::string &path, std::string_view key,
                     bool required = true)
    {
        const json *v = typed(o, path, key, required, &json::is_string, "a string");
        if (!v)
            return {};
        std::string s = v->get<std::string>();
        if (required && s.empty())
            problem(at(path, key), "must not be empty");
        return s;
    }

    void unknownFields(const json &o, const std::string &path,
                       std::initializer_list<std::string_view> known)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (std::find(known.begin(), known.end(), it.key()) == known.end())
                problem(at(path, it.key()), "unknown field \"" + it.key() + "\"");
        }
    }

    void checkRule(const json &v, const std::string &path)
    {
        if (!v.is_string()) {
            problem(path, "expected a checklist rule id, found " + typeName(v));
            return;
        }
        const std::vector<RuleInfo> rules = ruleCatalog();
        if (std::none_of(rules.begin(), rules.end(), [&](const RuleInfo &r) { return r.id == v; }))
            problem(path, "no checklist rule has the id " + v.dump() + " (s3rd check --help lists them)");
    }

    void testObject(const json &v, const std::string &path)
    {
        if (!v.is_object()) {
            problem(path, "expected an object, found " + typeName(v));
            return;
        }
        text(v, path, "bucket");
        text(v, path, "key");
        text(v, path, "encryption", false);
        typed(v, path, "deleteMarker", false, &json::is_boolean, "a boolean");
        if (const json *tags = typed(v, path, "tags", false, &json::is_object, "an object")) {
            for (auto it = tags->begin(); it != tags->end(); ++it) {
                if (!it->is_string())
                    problem(at(at(path, "tags"), it.key()),
                            "expected a string (the tag's value), found " + typeName(*it));
            }
        }
        unknownFields(v, path, {"bucket", "key", "encryption", "tags", "deleteMarker"});
    }

    Goal goal(const json &v, const std::string &path)
    {
        Goal g;
        if (!v.is_object()) {
            problem(path, "expected a goal object, found " + typeName(v));
            return g;
        }
        g.kind = text(v, path, "kind");
        g.description = text(v, path, "description");
        if (g.kind.empty())
            return g;
        const GoalKindInfo *info = findGoalKind(g.kind);
        if (!info) {
            std::string known;
            for (const GoalKindInfo &k : goalKinds())
                known += (known.empty() ? "" : ", ") + std::string(k.kind);
            problem(at(path, "kind"), "unknown goal kind \"" + g.kind + "\" (known: " + known + ")");
            return g;
        }
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (it.key() == "kind" || it.key() == "description")
                continue;
            const auto param = std::find_if(info->params.begin(), info->params.end(),
                                            [&](const GoalParam &p) { return p.name == it.key(); });
            if (param == info->params.end()) {
                problem(at(path, it.key()), "a goal of kind \"" + g.kind
                                                + "\" has no field \"" + it.key() + "\"");
                continue;
            }
            const std::string where = at(path, it.key());
            switch (param->type) {
            case ParamType::String:
            case ParamType::BucketRef:
            case ParamType::KeyRef:
            case ParamType::AccountRef:
            case ParamType::RuleRef:
                if (!it->is_string() || it->get_ref<const std::string &>().empty())
                    problem(where, "expected a non-empty string, found " + typeName(*it));
                break;
            case ParamType::Bool:
                if (!it->is_boolean())
                    problem(where, "expected a boolean, found " + typeName(*it));
                break;
            case ParamType::Any:
                break;
            case ParamType::CheckRule:
                checkRule(*it, where);
                break;
            case ParamType::TestObject:
                testObject(*it, where);
                break;
            case ParamType::Goals:
                g.goals = goalList(*it, where);
                continue; // kept as Goals, not in params
            }
            g.params[it.key()] = *it;
        }
        for (const GoalParam &p : info->params) {
            if (p.required && !v.contains(p.name))
                problem(path, "a goal of kind \"" + g.kind + "\" needs the field \""
                                  + std::string(p.name) + "\"");
        }
        return g;
    }

    std::vector<Goal> goalList(const json &v, const std::string &path)
    {
        std::vector<Goal> goals;
        if (!v.is_array()) {
            problem(path, "expected an array of goals, found " + typeName(v));
            return goals;
        }
        if (v.empty())
            problem(path, "needs at least one goal");
        for (std::size_t i = 0; i < v.size(); ++i)
            goals.push_back(goal(v[i], path + "[" + std::to_string(i) + "]"));
        return goals;
    }

    Lab lab(const json &root, const std::string &directory)
    {
        Lab l;
        if (!root.is_object()) {
            problem("top level", "expected a JSON object, found " + typeName(root));
            return l;
        }
        const json *format = get(root, "", "format", true);
        if (format && (!format->is_string() || *format != kLabFormatName)) {
            problem("format", "this is not a lab file (\"format\" must be \""
                                  + std::string(kLabFormatName) + "\")");
            return l;
        }
        if (const json *version = get(root, "", "formatVersion", true)) {
            if (!version->is_number_integer() || version->get<long long>() < 1) {
                problem("formatVersion", "expected a whole number from 1, found " + version->dump());
            } else if (version->get<long long>() > kLabFormatVersion) {
                problem("formatVersion", "made by a newer version (lab format "
                                             + version->dump() + "); this version reads format "
                                             + std::to_string(kLabFormatVersion));
                return l;
            }
        }
        l.id = text(root, "", "id");
        l.title = text(root, "", "title");
        const std::string difficulty = text(root, "", "difficulty");
        if (difficulty == "easy" || difficulty.empty())
            l.difficulty = Difficulty::Easy;
        else if (difficulty == "medium")
            l.difficulty = Difficulty::Medium;
        else if (difficulty == "hard")
            l.difficulty = Difficulty::Hard;
        else
            problem("difficulty", "expected \"easy\", \"medium\" or \"hard\", found \""
                                      + difficulty + "\"");
        if (const json *m = typed(root, "", "minutes", true, &json::is_number_integer,
                                  "a whole number")) {
            const long long minutes = m->get<long long>();
            if (minutes < 1 || minutes > kMaxMinutes)
                problem("minutes", "expected 1 to " + std::to_string(kMaxMinutes) + " minutes, found "
                                       + std::to_string(minutes));
            else
                l.minutes = int(minutes);
        }
        l.briefing = text(root, "", "briefing");
        if (const json *goals = get(root, "", "goals", true))
            l.goals = goalList(*goals, "goals");
        if (const json *hints = typed(root, "", "hints", true, &json::is_array, "an array")) {
            if (hints->size() != kHintCount)
                problem("hints", "expected " + std::to_string(kHintCount)
                                     + " hints (from a nudge to nearly the answer), found "
                                     + std::to_string(hints->size()));
            for (std::size_t i = 0; i < hints->size(); ++i) {
                const json &h = (*hints)[i];
                if (!h.is_string() || h.get_ref<const std::string &>().empty())
                    problem("hints[" + std::to_string(i) + "]",
                            "expected a non-empty string, found " + typeName(h));
                else
                    l.hints.push_back(h.get<std::string>());
            }
        }
        const std::filesystem::path dir(directory);
        l.directory = directory;
        const std::string start = text(root, "", "start");
        const std::string solution = text(root, "", "solution");
        l.startFile = start.empty() ? std::string() : (dir / start).string();
        l.solutionFile = solution.empty() ? std::string() : (dir / solution).string();
        unknownFields(root, "", {"format", "formatVersion", "id", "title", "difficulty",
                                 "minutes", "briefing", "goals", "hints", "start", "solution"});
        return l;
    }

private:
    std::string m_file;
};

// Whether an element a goal names is in the start or the solution design.
bool referenced(const Lab &lab, ParamType type, const std::string &id)
{
    auto in = [&](const Design &d) {
        auto has = [&](const auto &items) {
            return std::any_of(items.begin(), items.end(),
                               [&](const auto &e) { return e.id == id; });
        };
        switch (type) {
        case ParamType::BucketRef: return has(d.buckets);
        case ParamType::KeyRef: return has(d.keys);
        case ParamType::AccountRef: return has(d.accounts);
        case ParamType::RuleRef:
            return std::any_of(d.rules.begin(), d.rules.end(),
                               [&](const ReplicationRule &r) { return r.ruleId == id; });
        default: return true;
        }
    };
    return in(lab.start) || in(lab.solution);
}

// A goal naming an element neither design has is a mistake in the lab, found when it loads
// rather than when a class is graded.
void checkReferences(const Lab &lab, const std::vector<Goal> &goals, const std::string &path,
                     const std::string &file, std::vector<LabProblem> &problems)
{
    static const std::pair<ParamType, const char *> kWhat[] = {
        {ParamType::BucketRef, "bucket with element id"},
        {ParamType::KeyRef, "key with element id"},
        {ParamType::AccountRef, "account with element id"},
        {ParamType::RuleRef, "replication rule with the ID"},
    };
    for (std::size_t i = 0; i < goals.size(); ++i) {
        const Goal &g = goals[i];
        const std::string at = path + "[" + std::to_string(i) + "]";
        const GoalKindInfo *info = findGoalKind(g.kind);
        for (const GoalParam &p : info ? info->params : std::vector<GoalParam>{}) {
            const auto v = g.params.find(p.name);
            if (v == g.params.end())
                continue;
            ParamType type = p.type;
            std::string where = at + "." + std::string(p.name);
            std::string id = v->is_string() ? v->get<std::string>() : std::string();
            if (p.type == ParamType::TestObject) {
                type = ParamType::BucketRef;
                where += ".bucket";
                id = v->value("bucket", std::string());
            }
            for (const auto &[t, what] : kWhat) {
                if (t == type && !referenced(lab, type, id))
                    problems.push_back({file, where, std::string("no ") + what + " \"" + id
                                                         + "\" in the start or solution design"});
            }
        }
        checkReferences(lab, g.goals, at + ".goals", file, problems);
    }
}

void loadDesignInto(const std::string &file, const ReadFile &read, Design &design,
                    std::vector<LabProblem> &problems)
{
    std::string text;
    std::string error;
    if (!read(file, text, error)) {
        problems.push_back({file, "", error});
        return;
    }
    const LoadResult r = parseDesign(text);
    for (const LoadProblem &p : r.problems)
        problems.push_back({file, p.location, p.message});
    if (r.ok())
        design = r.design;
}

// Reads a plain file, refusing one too large to be a lab's (a design file's limit is checked
// by the design reader).
bool readPlainFile(const std::string &file, std::string &text, std::string &error)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) {
        error = "cannot open the file: " + ec.message();
        return false;
    }
    if (size > limits::kMaxFileBytes) {
        error = "the file is larger than 64 MB";
        return false;
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    if (!in && !in.eof()) {
        error = "cannot read the file: " + std::string(std::strerror(errno));
        return false;
    }
    text = out.str();
    return true;
}

} // namespace

std::string_view difficultyName(Difficulty d)
{
    static constexpr EnumName<Difficulty> kNames[] = {
        {Difficulty::Easy, "easy"}, {Difficulty::Medium, "medium"}, {Difficulty::Hard, "hard"}};
    return enumName(kNames, d);
}

std::string problemText(const LabProblem &p)
{
    std::string s = p.file + ":";
    if (!p.location.empty())
        s += p.location + ":";
    return s + " " + p.message;
}

LabLoadResult parseLab(std::string_view text, const std::string &file,
                       const std::string &directory)
{
    LabLoadResult result;
    // Goals nest (all-of), and the reader and the evaluator recurse: never build a deep tree.
    if (const std::size_t at = limits::tooDeepAt(text); at != std::string_view::npos) {
        result.problems.push_back({file, lineColumnAt(text, at),
                                   "nested more than " + std::to_string(limits::kMaxDepth)
                                       + " levels deep: not a lab file"});
        return result;
    }
    json root;
    try {
        root = json::parse(text);
    } catch (const json::parse_error &e) {
        std::string reason = e.what();
        // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error …":
        // the location is reported on its own.
        if (const auto colon = reason.find(": "); colon != std::string::npos)
            reason = reason.substr(colon + 2);
        const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        result.problems.push_back({file, lineColumnAt(text, offset), reason});
        return result;
    } catch (const json::exception &e) {
        result.problems.push_back({file, "", e.what()});
        return result;
    }
    Reader reader(file);
    result.lab = reader.lab(root, directory);
    result.problems = std::move(reader.problems);
    return result;
}

LabLoadResult loadLab(const std::string &directory)
{
    return loadLab(directory, &readPlainFile);
}

LabLoadResult loadLab(const std::string &directory, const ReadFile &read)
{
    const std::string file = (std::filesystem::path(directory) / kLabFileName).string();
    LabLoadResult result;
    std::string text;
    std::string error;
    if (!read(file, text, error)) {
        result.problems.push_back({file, "", error});
        return result;
    }
    if (text.size() > kMaxLabFileBytes) {
        result.problems.push_back({file, "", "the file is larger than 1 MB: not a lab file"});
        return result;
    }
    result = parseLab(text, file, directory);
    if (!result.ok())
        return result;
    loadDesignInto(result.lab.startFile, read, result.lab.start, result.problems);
    loadDesignInto(result.lab.solutionFile, read, result.lab.solution, result.problems);
    if (result.ok())
        checkReferences(result.lab, result.lab.goals, "goals", file, result.problems);
    if (!result.ok())
        result.lab = Lab{};
    return result;
}

} // namespace s3rd::model::labs
