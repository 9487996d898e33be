// The canonical writer: every design that loads saves to bytes that load to the same design,
// and saving that again gives the same bytes (load → save → load is a fixed point).

#include "fuzzcheck.h"

#include "core/designfile.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace s3rd::model;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const LoadResult first = parseDesign(text);
    if (!first.ok())
        return 0;
    const std::string saved = serializeDesign(first.design);
    const LoadResult second = parseDesign(saved);
    if (!second.ok()) {
        for (const LoadProblem &p : second.problems)
            std::fprintf(stderr, "%s: %s\n", p.location.c_str(), p.message.c_str());
    }
    S3RD_FUZZ_CHECK(second.ok(), "the saved design loads");
    S3RD_FUZZ_CHECK(second.design == first.design, "the saved design loads unchanged");
    S3RD_FUZZ_CHECK(serializeDesign(second.design) == saved, "saving again gives the same bytes");
    return 0;
}
