#include "textdiff.h"

#include <algorithm>

namespace s3rd::views {

namespace {

std::vector<std::string_view> splitLines(std::string_view text)
{
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

constexpr std::size_t kMaxLcsCells = 1'000'000; // beyond: a block replacement, still correct

} // namespace

std::vector<DiffLine> diffLines(std::string_view before, std::string_view after)
{
    const std::vector<std::string_view> a = splitLines(before);
    const std::vector<std::string_view> b = splitLines(after);
    const auto [prefix, suffix] = sharedEnds(a, b);

    std::vector<DiffLine> out;
    out.reserve(a.size() + b.size());
    for (std::size_t i = 0; i < prefix; ++i)
        out.push_back({DiffLine::Kind::Same, b[i]});

    const std::size_t n = a.size() - prefix - suffix;
    const std::size_t m = b.size() - prefix - suffix;
    if (n * m > kMaxLcsCells) {
        for (std::size_t i = 0; i < n; ++i)
            out.push_back({DiffLine::Kind::Removed, a[prefix + i]});
        for (std::size_t j = 0; j < m; ++j)
            out.push_back({DiffLine::Kind::Added, b[prefix + j]});
    } else {
        // lcs[i][j]: the longest common subsequence of a[i..] and b[j..] (middle part only).
        std::vector<unsigned> lcs((n + 1) * (m + 1), 0);
        const auto at = [&](std::size_t i, std::size_t j) -> unsigned & {
            return lcs[i * (m + 1) + j];
        };
        for (std::size_t i = n; i-- > 0;) {
            for (std::size_t j = m; j-- > 0;) {
                at(i, j) = a[prefix + i] == b[prefix + j] ? at(i + 1, j + 1) + 1
                                                          : std::max(at(i + 1, j), at(i, j + 1));
            }
        }
        std::size_t i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
                out.push_back({DiffLine::Kind::Same, b[prefix + j]});
                ++i;
                ++j;
            } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
                out.push_back({DiffLine::Kind::Removed, a[prefix + i]});
                ++i;
            } else {
                out.push_back({DiffLine::Kind::Added, b[prefix + j]});
                ++j;
            }
        }
    }
    for (std::size_t k = b.size() - suffix; k < b.size(); ++k)
        out.push_back({DiffLine::Kind::Same, b[k]});
    return out;
}

} // namespace s3rd::views
