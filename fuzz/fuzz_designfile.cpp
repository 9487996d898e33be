// The design file loader, bytes in: never crashes, never throws, never takes unbounded time or
// memory, and either loads the whole design or names at least one problem with a message.

#include "fuzzcheck.h"

#include "core/designfile.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const s3rd::model::LoadResult result = s3rd::model::parseDesign(text);
    for (const s3rd::model::LoadProblem &p : result.problems)
        S3RD_FUZZ_CHECK(!p.message.empty(), "every problem has a message");
    if (result.ok())
        S3RD_FUZZ_CHECK(result.problems.empty(), "a loaded design has no problems");
    return 0;
}
