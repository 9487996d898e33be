// The s3rd argument parsers: the option scanner every subcommand uses (cli::Args) and the
// subject options of `s3rd import`. Any argument list gives either an error message or a
// consistent result; never a crash or an exception.
//
// Input: the arguments, separated by NUL bytes. The first byte picks which subcommand's
// options are asked for, so each command's mix of flags and valued options is exercised.

#include "fuzzcheck.h"

#include "cli.h"
#include "importargs.h"

#include "core/names.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct OptionSet
{
    std::vector<std::string> flags;
    std::vector<std::string> values;
};

// The options of the subcommands that use cli::Args (see each cmd_<name>.cpp).
const OptionSet kOptionSets[] = {
    {{"check"}, {}},                           // format
    {{"explain"}, {"format", "min-severity"}}, // check
    {{}, {"out", "format"}},                   // generate
    {{"zip"}, {"out", "format"}},              // export
    {{"replica", "delete-marker", "version-delete"},
     {"bucket", "key", "tags", "encryption", "format"}}, // simulate
    {{}, {}},                                            // lint
};

bool startsWith(const std::string &s, std::string_view prefix)
{
    return s.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const OptionSet &options = kOptionSets[data[0] % std::size(kOptionSets)];
    std::vector<std::string> argv;
    const std::string_view rest(reinterpret_cast<const char *>(data) + 1, size - 1);
    std::size_t start = 0;
    while (start <= rest.size() && argv.size() < 256) {
        std::size_t end = rest.find('\0', start);
        if (end == std::string_view::npos)
            end = rest.size();
        argv.emplace_back(rest.substr(start, end - start));
        start = end + 1;
    }

    s3rd::cli::Args args(argv);
    for (const std::string &f : options.flags)
        (void)args.flag(f);
    for (const std::string &v : options.values) {
        if (const auto value = args.value(v))
            S3RD_FUZZ_CHECK(value->size() < size, "a value is part of the arguments");
    }
    const std::vector<std::string> positional = args.positional();
    S3RD_FUZZ_CHECK(positional.size() <= argv.size(), "no more positionals than arguments");
    bool dashes = false;
    for (const std::string &a : argv)
        dashes = dashes || a == "--";
    if (args.error().empty() && !dashes) {
        // Without an error every option was recognised and consumed, so none is left over to
        // be taken as a file name.
        for (const std::string &p : positional)
            S3RD_FUZZ_CHECK(!startsWith(p, "--"), "an option is never taken as a file name");
    }

    s3rd::cli::ImportArguments parsed;
    if (s3rd::cli::parseImportArguments(argv, parsed).empty()) {
        S3RD_FUZZ_CHECK(!parsed.out.empty(), "import has somewhere to write");
        S3RD_FUZZ_CHECK(!parsed.inputs.empty() || !parsed.declarations.empty(),
                        "import has something to read");
        for (const auto &input : parsed.inputs) {
            S3RD_FUZZ_CHECK(input.second.account.empty() ||
                                s3rd::model::names::checkAccountId(input.second.account).empty(),
                            "every input's account id is valid");
        }
    }
    return 0;
}
