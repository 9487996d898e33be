#pragma once

// The labs of a folder: each subfolder holding a lab.json is one lab.

#include "labs/lab.h"

#include <string>
#include <vector>

namespace s3rd::model::labs {

struct Catalogue
{
    std::vector<Lab> labs;            // easy to hard, then by minutes, then by id
    std::vector<LabProblem> problems; // labs that did not load (left out of `labs`), duplicates
    const Lab *find(std::string_view id) const;
};

// Loads every lab of `folder`. A folder that does not exist or holds no lab is a problem.
Catalogue loadCatalogue(const std::string &folder);

// Loads the labs of these folders (one lab each), reading through `read`, into one catalogue:
// a lab that does not load, or whose id an earlier one has, is a problem; the rest are sorted.
Catalogue loadCatalogue(const std::vector<std::string> &labFolders, const ReadFile &read);

} // namespace s3rd::model::labs
