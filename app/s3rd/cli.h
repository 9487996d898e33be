#pragma once

// Small helpers shared by the s3rd subcommands: argument scanning and exit codes.

#include "core/designfile.h"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace s3rd::cli {

// Exit codes of every subcommand.
inline constexpr int kOk = 0;       // ok
inline constexpr int kFindings = 1; // findings, or a failed check
inline constexpr int kBadInput = 2; // bad input or usage

struct Io
{
    std::ostream &out;
    std::ostream &err;
};

// A simple scanner over a subcommand's arguments. Options may be given as "--name value" or
// "--name=value"; anything not starting with "--" is positional. "--" ends option parsing.
class Args
{
public:
    explicit Args(std::vector<std::string> args);

    bool flag(const std::string &name);                          // --name (consumed)
    std::optional<std::string> value(const std::string &name);   // --name V (consumed)
    // Every value of a repeatable option, in order; "--name a,b" counts as two.
    std::vector<std::string> values(const std::string &name);
    // After all flags and values were taken: the positional arguments, or an error message
    // naming the first unknown option or an option missing its value.
    std::vector<std::string> positional() const;
    std::string error() const;

private:
    std::vector<std::string> m_args;
    std::vector<bool> m_used;
    std::string m_error;
};

// Prints "s3rd: <message>" and the hint to run "s3rd help <command>"; returns kBadInput.
int usageError(Io io, const std::string &command, const std::string &message);

// For a command over one or more design files, after all its options were taken: the files,
// or std::nullopt once usageError() said what is wrong (an unknown option, no file given).
std::optional<std::vector<std::string>> designFiles(const Args &args, Io io,
                                                    const std::string &command);

// Prints each problem of loading a design file as "FILE:LOCATION: message" (the location left
// out when there is none), the form editors and CI logs link to the place.
void printLoadProblems(Io io, const std::string &file,
                       const std::vector<model::LoadProblem> &problems);

// Loads a design file; when it does not load, prints its problems (as printLoadProblems) and
// returns std::nullopt.
std::optional<model::Design> loadDesignReporting(Io io, const std::string &file);

} // namespace s3rd::cli
