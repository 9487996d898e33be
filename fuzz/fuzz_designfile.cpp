// The design file loader, bytes in: never crashes, never throws, never takes unbounded time or
// memory, and either loads the whole design or names at least one problem with a message. The
// fast path (simdjson) loads only what the exact path (nlohmann) loads, to the same design.

#include "fuzzcheck.h"

#include "core/designfile.h"
#include "core/designformat.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const s3rd::model::LoadResult result = s3rd::model::parseDesign(text);
    for (const s3rd::model::LoadProblem &p : result.problems)
        S3RD_FUZZ_CHECK(!p.message.empty(), "every problem has a message");
    if (result.ok())
        S3RD_FUZZ_CHECK(result.problems.empty(), "a loaded design has no problems");
    if (const std::optional<s3rd::model::Design> fast =
            s3rd::model::designformat::readDesignFast(text, false)) {
        const s3rd::model::LoadResult exact = s3rd::model::designformat::parseDesignExactly(text);
        S3RD_FUZZ_CHECK(exact.ok(), "the fast path loads only what the exact path loads");
        S3RD_FUZZ_CHECK(serializeDesign(*fast) == serializeDesign(exact.design),
                        "both paths read the same design");
    }
    return 0;
}
