#pragma once

// A line diff of two versions of a document, as the policies panel shows it after an edit:
// the new lines, with the removed ones put back where they were.

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace s3rd::views {

// How many entries `before` and `after` share at their start and, apart from those, at their
// end: an edit changes a few lines of a document (or findings of a sorted list), only those
// between the two runs.
template<typename T>
std::pair<std::size_t, std::size_t> sharedEnds(const std::vector<T> &before,
                                               const std::vector<T> &after)
{
    std::size_t prefix = 0;
    while (prefix < before.size() && prefix < after.size() && before[prefix] == after[prefix])
        ++prefix;
    std::size_t suffix = 0;
    while (suffix < before.size() - prefix && suffix < after.size() - prefix
           && before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix])
        ++suffix;
    return {prefix, suffix};
}

// The positions where `before` and `after` differ when they are as long and differ in at most
// `max` places (an edit that changed findings in place, a rename, without adding or removing
// any); nothing otherwise, for sharedEnds() to take over.
template<typename T>
std::optional<std::vector<std::size_t>> changedInPlace(const std::vector<T> &before,
                                                       const std::vector<T> &after,
                                                       std::size_t max)
{
    if (before.size() != after.size())
        return std::nullopt;
    std::vector<std::size_t> changed;
    for (std::size_t i = 0; i < before.size(); ++i) {
        if (before[i] == after[i])
            continue;
        if (changed.size() == max)
            return std::nullopt;
        changed.push_back(i);
    }
    return changed;
}

struct DiffLine
{
    enum class Kind
    {
        Same,
        Added,
        Removed
    };
    Kind kind = Kind::Same;
    std::string_view text; // points into `before` (Removed) or `after` (Same, Added)
};

// The lines of `after` in order, with the lines of `before` that are not in it inserted before
// the line that follows them (a shortest edit). Common leading and trailing lines cost one
// comparison each; the changed middle is an LCS when small, else all removed then all added.
std::vector<DiffLine> diffLines(std::string_view before, std::string_view after);

} // namespace s3rd::views
