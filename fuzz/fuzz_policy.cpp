// The policy compiler and evaluator: any policy document and any request compile and evaluate
// without a crash, an exception or unbounded work, whichever part the policy plays (identity,
// bucket, key or trust policy, boundary, SCP). The wildcard matcher agrees with a plain
// dynamic-programming matcher on every pattern and text.
//
// Input: the policy document, then the byte 0xFF, then the request, one field per line:
//     principal ARN, action, resource ARN, then condition keys as key=value (repeatable).

#include "fuzzcheck.h"

#include "simulator/evaluator.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace s3rd::model;

// The textbook O(pattern × text) matcher, as the reference for the evaluator's own.
bool referenceGlob(std::string_view pat, std::string_view s)
{
    std::vector<char> row(s.size() + 1, 0), next(s.size() + 1, 0);
    row[0] = 1;
    for (const char p : pat) {
        next.assign(s.size() + 1, 0);
        if (p == '*') {
            char any = 0;
            for (std::size_t i = 0; i <= s.size(); ++i) {
                any = char(any | row[i]);
                next[i] = any;
            }
        } else {
            for (std::size_t i = 0; i < s.size(); ++i)
                next[i + 1] = char(row[i] && (p == '?' || p == s[i]));
        }
        row.swap(next);
    }
    return row[s.size()] != 0;
}

std::vector<std::string_view> splitLines(std::string_view text)
{
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= text.size() && lines.size() < 64) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view all(reinterpret_cast<const char *>(data), size);
    const std::size_t cut = all.find('\xff');
    const std::string_view policyText = all.substr(0, cut);
    const std::string_view requestText =
        cut == std::string_view::npos ? std::string_view() : all.substr(cut + 1);

    Request request;
    const std::vector<std::string_view> lines = splitLines(requestText);
    if (lines.size() > 0)
        request.principal = lines[0];
    if (lines.size() > 1)
        request.action = lines[1];
    if (lines.size() > 2)
        request.resource = lines[2];
    for (std::size_t i = 3; i < lines.size(); ++i) {
        const std::size_t eq = lines[i].find('=');
        request.context[std::string(lines[i].substr(0, eq))].emplace_back(
            eq == std::string_view::npos ? std::string_view() : lines[i].substr(eq + 1));
    }
    if (request.principal.size() <= 256 && request.resource.size() <= 256) {
        S3RD_FUZZ_CHECK(evaluation::globMatch(request.principal, request.resource) ==
                            referenceGlob(request.principal, request.resource),
                        "globMatch agrees with the reference matcher");
    }

    const CompiledPolicy policy = CompiledPolicy::compileText("fuzz", policyText);
    const CompiledPolicy *const one[] = {&policy};
    const std::string_view account = evaluation::principalAccount(request.principal);

    EvaluationResult result;
    for (const ResourcePolicyKind kind :
         {ResourcePolicyKind::Shared, ResourcePolicyKind::Authoritative}) {
        PolicyContext asResource;
        asResource.resource = &policy;
        asResource.resourceKind = kind;
        asResource.resourceAccount = account;
        evaluate(request, asResource, result);
        if (result.decision == Decision::Allowed)
            S3RD_FUZZ_CHECK(!result.matched.empty(), "an allow names the statement that allowed");
        (void)result.trace();
    }
    PolicyContext everywhere;
    everywhere.identity = one;
    everywhere.boundaries = one;
    everywhere.scps = one;
    everywhere.resource = &policy;
    everywhere.resourceAccount = "111122223333";
    evaluate(request, everywhere, result);
    if (result.decision == Decision::Allowed)
        S3RD_FUZZ_CHECK(!result.matched.empty(), "an allow names the statement that allowed");
    (void)result.trace();
    return 0;
}
