// s3rd: the command line of S3 Replication Designer.

#include "buildinfo.h"
#include "commands.h"

#include <iostream>
#include <span>
#include <string>
#include <vector>

namespace s3rd::cli {
// Defined in cmd_<name>.cpp; add new subcommands to the table below.
extern const Command kLintCommand;
extern const Command kFormatCommand;
extern const Command kSimulateCommand;
extern const Command kExportCommand;
extern const Command kImportCommand;
extern const Command kCheckCommand;
extern const Command kGenerateCommand;
extern const Command kDiffCommand;
extern const Command kDriftCommand;
extern const Command kLabCommand;
} // namespace s3rd::cli

namespace {

using namespace s3rd::cli;

const Command *const kCommands[] = {
    &kLintCommand,
    &kFormatCommand,
    &kSimulateCommand,
    &kExportCommand,
    &kImportCommand,
    &kCheckCommand,
    &kGenerateCommand,
    &kDiffCommand,
    &kDriftCommand,
    &kLabCommand,
};

void printVersion(std::ostream &out)
{
    out << "s3rd " << s3rd::buildinfo::version;
    if (*s3rd::buildinfo::gitCommit)
        out << " (" << s3rd::buildinfo::gitCommit << ")";
    out << "\n";
}

void printHelp(std::ostream &out)
{
    out << "Usage: s3rd COMMAND [ARGS...]\n\n"
           "Design, explain and check Amazon S3 replication setups (*.s3rd.json).\n\n"
           "Commands:\n";
    for (const Command *c : kCommands) {
        std::string name = c->name;
        name.resize(12, ' ');
        out << "  " << name << c->summary << "\n";
    }
    out << "  help        Show help for a command\n\n"
           "Options:\n"
           "  --help      Show this help\n"
           "  --version   Show the version\n\n"
           "Exit codes: 0 ok, 1 findings or a failed check, 2 bad input or usage.\n";
}

void printUsage(const Command &c, std::ostream &out)
{
    out << c.usage;
    if (c.moreUsage)
        c.moreUsage(out);
}

const Command *findCommand(const std::string &name)
{
    for (const Command *c : kCommands) {
        if (name == c->name)
            return c;
    }
    return nullptr;
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    Io io{std::cout, std::cerr};
    if (args.empty()) {
        printHelp(std::cerr);
        return kBadInput;
    }
    const std::string &first = args.front();
    if (first == "--version" || first == "version") {
        printVersion(std::cout);
        return kOk;
    }
    if (first == "--help" || first == "-h") {
        printHelp(std::cout);
        return kOk;
    }
    if (first == "help") {
        if (args.size() == 1) {
            printHelp(std::cout);
            return kOk;
        }
        if (const Command *c = findCommand(args[1])) {
            printUsage(*c, std::cout);
            return kOk;
        }
        std::cerr << "s3rd: unknown command '" << args[1] << "'\n";
        return kBadInput;
    }
    const Command *command = findCommand(first);
    if (!command) {
        std::cerr << "s3rd: unknown command '" << first << "'. Run 's3rd --help'.\n";
        return kBadInput;
    }
    std::vector<std::string> rest(args.begin() + 1, args.end());
    for (const std::string &a : rest) {
        if (a == "--help") {
            printUsage(*command, std::cout);
            return kOk;
        }
    }
    return command->run(rest, io);
}
