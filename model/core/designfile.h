#pragma once

// The design file format (*.s3rd.json): reading, writing, and canonical form.
//
// Contract: load functions never throw and never return a half-loaded design. Either the whole
// design is returned, or a list of every problem found, each with its JSON location
// ("rules[2].destination") and a plain message. Writing is deterministic: the same design
// gives the same bytes, pretty-printed with 2 spaces and a final newline.

#include "design.h"
#include "elements.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace s3rd::model {

inline constexpr int kDesignFormatVersion = 1;

struct LoadProblem
{
    std::string location; // JSON path such as "buckets[3].name", or "line 4, column 7"
    std::string message;
};

struct LoadResult
{
    Design design;                     // meaningful only when ok()
    std::vector<LoadProblem> problems; // empty when the design loaded
    bool ok() const { return problems.empty(); }
};

LoadResult parseDesign(std::string_view text);
LoadResult loadDesignFile(const std::string &path);

std::string serializeDesign(const Design &design);

// One element exactly as serializeDesign() writes it (the same keys, values and order): what a
// comparison of two designs uses, so it covers every field and names it as the file does.
nlohmann::ordered_json elementJson(const Element &element);

// Writes atomically: a temporary file in the same directory, fsync, then rename over the
// target, so the previous file survives any crash. Returns an empty string or an error message.
std::string saveDesignFile(const Design &design, const std::string &path);

} // namespace s3rd::model
