// Value matching shared by the policy compiler (evaluator.cpp) and the condition evaluation
// (evaluatorconditions.cpp): case folding, wildcard patterns, numbers, dates and addresses.
// Internal to the simulator layer; the public interface is evaluator.h.
#pragma once

#include "evaluator.h"

#include <string>
#include <string_view>
#include <vector>

namespace s3rd::model::evaluation::detail {

inline char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// lowerB must already be lower case.
inline bool equalsNoCase(std::string_view a, std::string_view lowerB)
{
    if (a.size() != lowerB.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lowerB[i])
            return false;
    }
    return true;
}

template<bool NoCase>
bool glob(std::string_view pat, std::string_view s)
{
    std::size_t p = 0, i = 0, starP = std::string_view::npos, starI = 0;
    while (i < s.size()) {
        const char c = NoCase ? lower(s[i]) : s[i];
        if (p < pat.size() && pat[p] == '*') {
            starP = p++;
            starI = i;
        } else if (p < pat.size() && (pat[p] == '?' || pat[p] == c)) {
            ++p;
            ++i;
        } else if (starP != std::string_view::npos) {
            p = starP + 1;
            i = ++starI;
        } else {
            return false;
        }
    }
    while (p < pat.size() && pat[p] == '*')
        ++p;
    return p == pat.size();
}

template<bool NoCase>
bool matches(const Pattern &p, std::string_view s)
{
    switch (p.kind) {
    case Pattern::Kind::Any: return true;
    case Pattern::Kind::Exact:
        if constexpr (NoCase)
            return equalsNoCase(s, p.text);
        else
            return s == p.text;
    case Pattern::Kind::Prefix:
        if (s.size() < p.text.size())
            return false;
        if constexpr (NoCase)
            return equalsNoCase(s.substr(0, p.text.size()), p.text);
        else
            return s.compare(0, p.text.size(), p.text) == 0;
    case Pattern::Kind::Glob: return glob<NoCase>(p.text, s);
    }
    return false;
}

template<bool NoCase>
bool matchesAny(const std::vector<Pattern> &patterns, std::string_view s)
{
    for (const Pattern &p : patterns) {
        if (matches<NoCase>(p, s))
            return true;
    }
    return false;
}

std::string toLower(std::string_view s);
Pattern makePattern(std::string_view text, bool noCase);
bool parseNumber(std::string_view s, double &out);
// ISO 8601 ("2026-11-27", "2026-11-27T07:00:00Z", with fractions or an offset) or epoch seconds.
bool parseDate(std::string_view s, double &out);
bool parseIp(std::string_view s, Cidr &out, bool allowPrefix);

// Does the request satisfy this one compiled condition (operator, key and values)?
bool conditionHolds(const Condition &c, const Request &r);

} // namespace s3rd::model::evaluation::detail
