// Writes the benchmark designs to files, for timing the whole `s3rd` process and for opening
// them in the designer (bench/cli_timings.sh uses it):
//
//   make_large_design DIR
//
// DIR/large-1k.s3rd.json          1,000 buckets, 50 accounts (largeDesign())
// DIR/large-1k-changed.s3rd.json  the same with one rule's destination moved (for s3rd diff)
// DIR/large-10k.s3rd.json         10,000 buckets and rules, 200 accounts
// DIR/overlap-10k.s3rd.json       10,000 buckets, 200 per account, boxes overlapping

#include "largedesign.h"

#include "core/designfile.h"

#include <filesystem>
#include <iostream>
#include <string_view>

int main(int argc, char **argv)
{
    // An option is not a folder: `--help` would otherwise make a folder named "--help".
    const std::string_view arg = argc == 2 ? argv[1] : "";
    if (arg == "--help" || arg == "-h") {
        std::cout << "Usage: make_large_design DIR\nWrites the benchmark designs into DIR.\n";
        return 0;
    }
    if (argc != 2 || arg.empty() || arg.starts_with('-')) {
        std::cerr << "Usage: make_large_design DIR\n";
        return 2;
    }
    using namespace s3rd;
    const std::filesystem::path dir(argv[1]);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const struct
    {
        const char *file;
        model::Design design;
    } designs[] = {
        {"large-1k.s3rd.json", bench::largeDesign()},
        {"large-1k-changed.s3rd.json", bench::largeDesignOneRuleChanged()},
        {"large-10k.s3rd.json", bench::largeDesign(10000, 200, 400)},
        {"overlap-10k.s3rd.json", bench::overlappingDesign(10000, 200)},
    };
    for (const auto &d : designs) {
        const std::string path = (dir / d.file).string();
        if (const std::string e = model::saveDesignFile(d.design, path); !e.empty()) {
            std::cerr << path << ": " << e << "\n";
            return 1;
        }
        std::cout << path << "\n";
    }
    return 0;
}
