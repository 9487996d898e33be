// The importer of AWS CLI outputs: any inputs, with any subject options, either import into a
// design that loads (the design file loader accepts what the importer makes) or name their
// problems; never a crash, an exception or unbounded work.
//
// Input: records separated by the byte 0xFF (which valid UTF-8 JSON never contains). A record
// is one line of subject options, then the input's text:
//     a=111122223333 r=us-east-1 b=src-bucket
//     {"Status": "Enabled"}
// The options are a= account, r= Region, b= bucket, k= key, o= role, like --account, --region,
// --bucket, --key and --role of `s3rd import`. A record with no text after its subject line is
// a declaration (a subject option with no input after it).

#include "fuzzcheck.h"

#include "core/designfile.h"
#include "exchange/importer.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace s3rd::model;

exchange::ImportSubject parseSubject(std::string_view line)
{
    exchange::ImportSubject s;
    std::size_t start = 0;
    while (start < line.size()) {
        std::size_t end = line.find(' ', start);
        if (end == std::string_view::npos)
            end = line.size();
        const std::string_view token = line.substr(start, end - start);
        if (token.size() >= 2 && token[1] == '=') {
            const std::string value(token.substr(2));
            switch (token[0]) {
            case 'a':
                s.account = value;
                break;
            case 'r':
                s.region = value;
                break;
            case 'b':
                s.bucket = value;
                break;
            case 'k':
                s.key = value;
                break;
            case 'o':
                s.role = value;
                break;
            default:
                break;
            }
        }
        start = end + 1;
    }
    return s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view all(reinterpret_cast<const char *>(data), size);
    std::vector<exchange::ImportInput> inputs;
    std::vector<exchange::ImportSubject> declarations;
    std::size_t start = 0;
    while (start <= all.size() && inputs.size() + declarations.size() < 16) {
        std::size_t end = all.find('\xff', start);
        if (end == std::string_view::npos)
            end = all.size();
        const std::string_view record = all.substr(start, end - start);
        const std::size_t newline = record.find('\n');
        const std::string_view line = record.substr(0, newline);
        const exchange::ImportSubject subject = parseSubject(line);
        const std::string_view text =
            newline == std::string_view::npos ? std::string_view() : record.substr(newline + 1);
        if (text.empty()) {
            declarations.push_back(subject);
        } else {
            inputs.push_back({"input" + std::to_string(inputs.size() + 1) + ".json",
                              std::string(text), subject});
        }
        start = end + 1;
    }

    const exchange::ImportResult result = exchange::importDocuments(inputs, declarations);
    if (!result.ok()) {
        for (const exchange::ImportProblem &p : result.problems)
            S3RD_FUZZ_CHECK(!p.message.empty(), "every import problem has a message");
        return 0;
    }
    const LoadResult reloaded = parseDesign(serializeDesign(result.design));
    if (!reloaded.ok()) {
        for (const LoadProblem &p : reloaded.problems)
            std::fprintf(stderr, "%s: %s\n", p.location.c_str(), p.message.c_str());
    }
    S3RD_FUZZ_CHECK(reloaded.ok(), "an imported design loads");
    S3RD_FUZZ_CHECK(reloaded.design == result.design, "an imported design loads unchanged");
    return 0;
}
