#pragma once

// The targeted designs behind the golden files in tests/data/policies/<case>/. They are built
// here, written to design.s3rd.json when the goldens are regenerated, and the golden test checks
// that the file still loads to exactly this design.

#include "core/design.h"

#include <string>
#include <vector>

namespace s3rd::tests {

struct PolicyCase
{
    std::string name; // folder under tests/data/policies/
    model::Design design;
};

std::vector<PolicyCase> policyCases();

} // namespace s3rd::tests
