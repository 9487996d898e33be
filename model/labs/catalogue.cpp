// The labs of a folder.

#include "labs/catalogue.h"

#include <algorithm>
#include <filesystem>
#include <tuple>

namespace s3rd::model::labs {

namespace {

// Adds each lab loaded by `load` (a lab folder to its lab), then sorts.
template<typename Load>
void collect(Catalogue &c, const std::vector<std::string> &folders, Load load)
{
    for (const std::string &dir : folders) {
        LabLoadResult r = load(dir);
        if (!r.ok()) {
            c.problems.insert(c.problems.end(), r.problems.begin(), r.problems.end());
            continue;
        }
        if (const Lab *other = c.find(r.lab.id)) {
            c.problems.push_back({(std::filesystem::path(dir) / kLabFileName).string(), "id",
                                  "the id \"" + r.lab.id + "\" is already used by the lab in "
                                      + other->directory});
            continue;
        }
        c.labs.push_back(std::move(r.lab));
    }
    std::stable_sort(c.labs.begin(), c.labs.end(), [](const Lab &a, const Lab &b) {
        return std::tie(a.difficulty, a.minutes, a.id) < std::tie(b.difficulty, b.minutes, b.id);
    });
}

} // namespace

const Lab *Catalogue::find(std::string_view id) const
{
    const auto it = std::find_if(labs.begin(), labs.end(), [&](const Lab &l) { return l.id == id; });
    return it == labs.end() ? nullptr : &*it;
}

Catalogue loadCatalogue(const std::string &folder)
{
    namespace fs = std::filesystem;
    Catalogue c;
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        c.problems.push_back({folder, "", "no such folder of labs"});
        return c;
    }
    std::vector<fs::path> dirs;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_directory(ec) && fs::is_regular_file(it->path() / kLabFileName, ec))
            dirs.push_back(it->path());
    }
    if (ec)
        c.problems.push_back({folder, "", "cannot list the folder: " + ec.message()});
    std::sort(dirs.begin(), dirs.end());
    std::vector<std::string> folders;
    for (const fs::path &dir : dirs)
        folders.push_back(dir.string());
    collect(c, folders, [](const std::string &dir) { return loadLab(dir); });
    if (c.labs.empty() && c.problems.empty())
        c.problems.push_back({folder, "", "the folder holds no lab (a subfolder with lab.json)"});
    return c;
}

Catalogue loadCatalogue(const std::vector<std::string> &labFolders, const ReadFile &read)
{
    Catalogue c;
    collect(c, labFolders, [&read](const std::string &dir) { return loadLab(dir, read); });
    return c;
}

} // namespace s3rd::model::labs
