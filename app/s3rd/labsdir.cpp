// Where s3rd finds the labs.

#include "labsdir.h"

#include <cstdlib>
#include <filesystem>

namespace s3rd::cli {

namespace {

// Where the shipped labs are: installed next to the binary (bin/../share/...), else the
// source tree the binary was built from, so s3rd runs from the build tree too.
std::string shippedLabsDir()
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / S3RD_INSTALLED_LABS_DIR;
        if (fs::is_directory(installed, ec))
            return installed.string();
    }
    return S3RD_SOURCE_LABS_DIR;
}

} // namespace

std::string labsDir(Args &args)
{
    return labsDir(args.value("labs-dir"));
}

std::string labsDir(const std::optional<std::string> &option)
{
    if (option)
        return *option;
    if (const char *env = std::getenv("S3RD_LABS_DIR"); env && *env)
        return env;
    return shippedLabsDir();
}

} // namespace s3rd::cli
