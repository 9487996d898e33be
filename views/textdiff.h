#pragma once

// A line diff of two versions of a document, as the policies panel shows it after an edit:
// the new lines, with the removed ones put back where they were.

#include <string_view>
#include <vector>

namespace s3rd::views {

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
