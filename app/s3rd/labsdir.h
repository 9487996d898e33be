#pragma once

// Where s3rd finds the labs: --labs-dir DIR, else S3RD_LABS_DIR, else the shipped ones
// (installed next to the binary, or the source tree the binary was built from).

#include "cli.h"

#include <string>

namespace s3rd::cli {

// Takes --labs-dir from args (consumed).
std::string labsDir(Args &args);
// The same with --labs-dir's value already taken (nullopt when not given).
std::string labsDir(const std::optional<std::string> &option);

} // namespace s3rd::cli
