#pragma once

// A line-based unified diff, in the format of `diff -u` (GNU diffutils): "---"/"+++" headers,
// "@@ -l,s +l,s @@" hunks with three lines of context, deletions before insertions within a
// change, and "\ No newline at end of file" after a last line without one.
//
// The edit script is Myers' shortest one (E. Myers, "An O(ND) Difference Algorithm and Its
// Variations", 1986) after the common head and tail are set aside. When the two texts differ in
// more than kMaxEdits lines, the middle is written as removed then added as a whole: still a
// correct diff, only not the shortest, so a rewritten 40,000-line document costs linear time.

#include <cstddef>
#include <string>
#include <string_view>

namespace s3rd::model::review {

inline constexpr int kDiffContext = 3;
inline constexpr std::size_t kMaxEdits = 2000;

// The unified diff of oldText into newText under the given header names; empty when the texts
// are equal. Either text may be empty (a document added or removed: "@@ -0,0 +1,n @@").
std::string unifiedDiff(std::string_view oldText, std::string_view newText,
                        std::string_view oldName, std::string_view newName,
                        int context = kDiffContext);

} // namespace s3rd::model::review
