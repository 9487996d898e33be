#pragma once

// The s3rd subcommands. Each takes its arguments (after the command name) and returns an exit
// code from cli.h. Each lives in its own file, cmd_<name>.cpp, and is listed in main.cpp.

#include "cli.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace s3rd::cli {

struct Command
{
    const char *name;
    const char *summary; // one line, for "s3rd --help"
    const char *usage;   // the full text of "s3rd help <name>"
    int (*run)(const std::vector<std::string> &args, Io io);
    // Printed after `usage` when set: help text computed when asked (check lists its rules).
    void (*moreUsage)(std::ostream &out) = nullptr;
};

} // namespace s3rd::cli
