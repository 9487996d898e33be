#pragma once

// The arguments of `s3rd import`: subject options that apply to the INPUTs after them. Kept
// apart from the command so the argument fuzzer can drive the same parser.

#include "exchange/importer.h"

#include <string>
#include <utility>
#include <vector>

namespace s3rd::cli {

struct ImportArguments
{
    std::string out;
    std::string name = "Imported design";
    std::vector<std::pair<std::string, model::exchange::ImportSubject>> inputs;
    std::vector<model::exchange::ImportSubject> declarations;
};

// Fills `parsed` from the arguments after "import"; returns an empty string, or the usage error.
// With writesDesign false (`s3rd drift`, which reads the same inputs), --out and --name are not
// options.
std::string parseImportArguments(const std::vector<std::string> &args, ImportArguments &parsed,
                                 bool writesDesign = true);

} // namespace s3rd::cli
