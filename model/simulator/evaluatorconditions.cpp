// Condition evaluation: the operator families' value matching (strings, ARNs, numbers, dates,
// IP ranges, Null) and the set operators over a request's context values.
#include "evaluatormatching.h"

#include "core/arn.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace s3rd::model::evaluation {

namespace detail {

std::string toLower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = lower(c);
    return out;
}

Pattern makePattern(std::string_view text, bool noCase)
{
    Pattern p;
    p.text = noCase ? toLower(text) : std::string(text);
    const auto wild = p.text.find_first_of("*?");
    if (p.text == "*")
        p.kind = Pattern::Kind::Any;
    else if (wild == std::string::npos)
        p.kind = Pattern::Kind::Exact;
    else if (wild == p.text.size() - 1 && p.text.back() == '*') {
        p.kind = Pattern::Kind::Prefix;
        p.text.pop_back();
    } else
        p.kind = Pattern::Kind::Glob;
    return p;
}

namespace {

bool arnMatches(std::string_view pattern, std::string_view value)
{
    std::array<std::string_view, 6> pp, vp;
    if (!arn::split(pattern, pp) || !arn::split(value, vp))
        return glob<false>(pattern, value);
    for (std::size_t i = 0; i < 6; ++i) {
        if (!glob<false>(pp[i], vp[i]))
            return false;
    }
    return true;
}

std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + std::int64_t(doe) - 719468;
}

// Reads n decimal digits at pos; more than 9 could overflow an int and are refused.
bool digits(std::string_view s, std::size_t pos, std::size_t n, int &out)
{
    if (n == 0 || n > 9 || pos + n > s.size())
        return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

} // namespace

bool parseNumber(std::string_view s, double &out)
{
    if (s.empty() || s.size() > 64)
        return false;
    char buf[65];
    std::memcpy(buf, s.data(), s.size());
    buf[s.size()] = 0;
    char *end = nullptr;
    out = std::strtod(buf, &end);
    return end == buf + s.size() && std::isfinite(out);
}

bool parseDate(std::string_view s, double &out)
{
    if (s.find('-') == std::string_view::npos || s.size() < 10)
        return parseNumber(s, out);
    int y, mo, d;
    if (!digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-'
        || !digits(s, 8, 2, d) || mo < 1 || mo > 12 || d < 1 || d > 31)
        return false;
    double secs = double(daysFromCivil(y, unsigned(mo), unsigned(d))) * 86400.0;
    std::size_t pos = 10;
    if (pos < s.size() && (s[pos] == 'T' || s[pos] == 't' || s[pos] == ' ')) {
        int h, mi, se = 0;
        if (!digits(s, pos + 1, 2, h) || pos + 3 >= s.size() || s[pos + 3] != ':'
            || !digits(s, pos + 4, 2, mi))
            return false;
        pos += 6;
        if (pos < s.size() && s[pos] == ':') {
            if (!digits(s, pos + 1, 2, se))
                return false;
            pos += 3;
        }
        secs += h * 3600.0 + mi * 60.0 + se;
        if (pos < s.size() && s[pos] == '.') {
            double frac = 0, scale = 0.1;
            for (++pos; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, scale /= 10)
                frac += (s[pos] - '0') * scale;
            secs += frac;
        }
        if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
            ++pos;
        } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
            int oh, om = 0;
            const int sign = s[pos] == '+' ? 1 : -1;
            if (!digits(s, pos + 1, 2, oh))
                return false;
            pos += 3;
            if (pos < s.size() && s[pos] == ':')
                ++pos;
            if (pos < s.size() && !digits(s, pos, 2, om))
                return false;
            pos = std::min(s.size(), pos + 2);
            secs -= sign * (oh * 3600.0 + om * 60.0);
        }
    }
    if (pos != s.size())
        return false;
    out = secs;
    return true;
}

bool parseIp(std::string_view s, Cidr &out, bool allowPrefix)
{
    std::string addr(s);
    int prefix = -1;
    if (const auto slash = addr.find('/'); slash != std::string::npos) {
        if (!allowPrefix || !digits(addr, slash + 1, addr.size() - slash - 1, prefix)
            || slash + 1 == addr.size())
            return false;
        addr.resize(slash);
    }
    out = Cidr{};
    if (inet_pton(AF_INET, addr.c_str(), out.address.data()) == 1) {
        out.v6 = false;
        out.prefix = prefix < 0 ? 32 : prefix;
        return out.prefix <= 32;
    }
    if (inet_pton(AF_INET6, addr.c_str(), out.address.data()) == 1) {
        out.v6 = true;
        out.prefix = prefix < 0 ? 128 : prefix;
        return out.prefix <= 128;
    }
    return false;
}

namespace {

bool cidrContains(const Cidr &net, const Cidr &ip)
{
    if (net.v6 != ip.v6)
        return false;
    int bits = net.prefix;
    for (std::size_t i = 0; bits > 0; ++i, bits -= 8) {
        const std::uint8_t mask = bits >= 8 ? 0xff : std::uint8_t(0xff << (8 - bits));
        if ((net.address[i] & mask) != (ip.address[i] & mask))
            return false;
    }
    return true;
}

const std::vector<std::string> *lookup(const Request &r, std::string_view lowerKey)
{
    for (const auto &[k, v] : r.context) {
        if (equalsNoCase(k, lowerKey))
            return &v;
    }
    return nullptr;
}

bool valueMatches(const Condition &c, std::size_t i, std::string_view v)
{
    switch (c.family) {
    case Family::StringEquals:
    case Family::Binary: return v == c.values[i];
    case Family::StringEqualsIgnoreCase: return equalsNoCase(v, c.values[i]);
    case Family::StringLike: return matches<false>(c.patterns[i], v);
    case Family::Arn: return arnMatches(c.values[i], v);
    case Family::Bool: return equalsNoCase(v, c.values[i]);
    case Family::Numeric:
    case Family::Date: {
        double d = 0;
        if (!(c.family == Family::Numeric ? parseNumber(v, d) : parseDate(v, d)))
            return false;
        const double p = c.numbers[i];
        switch (c.compare) {
        case Compare::Equal: return d == p;
        case Compare::Less: return d < p;
        case Compare::LessEqual: return d <= p;
        case Compare::Greater: return d > p;
        case Compare::GreaterEqual: return d >= p;
        }
        return false;
    }
    case Family::IpAddress: {
        Cidr ip;
        return parseIp(v, ip, false) && cidrContains(c.cidrs[i], ip);
    }
    case Family::Null: return false;
    }
    return false;
}

std::size_t valueCount(const Condition &c)
{
    switch (c.family) {
    case Family::StringLike: return c.patterns.size();
    case Family::Numeric:
    case Family::Date: return c.numbers.size();
    case Family::IpAddress: return c.cidrs.size();
    default: return c.values.size();
    }
}

// Does one context value match any of the condition's values (the positive operator)?
bool anyPolicyValue(const Condition &c, std::string_view v)
{
    const std::size_t n = valueCount(c);
    for (std::size_t i = 0; i < n; ++i) {
        if (valueMatches(c, i, v))
            return true;
    }
    return false;
}

} // namespace

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
bool conditionHolds(const Condition &c, const Request &r)
{
    const std::vector<std::string> *vals = lookup(r, c.key);
    const bool present = vals && !vals->empty();
    if (c.family == Family::Null) {
        // Null: "true" asks for the key to be absent, "false" for it to be present.
        for (const std::string &want : c.values) {
            if ((want == "true") == !present)
                return true;
        }
        return false;
    }
    if (!present) {
        if (c.setOp == SetOp::ForAllValues)
            return true; // vacuously true for a missing key or an empty set
        // ForAnyValue needs a value to compare, IfExists or not: "If there are no context keys
        // in the request ... the condition returns false" (IAM User Guide, single-valued vs.
        // multivalued context keys), and AWS denies ForAnyValue:StringEqualsIfExists without
        // the key (re:Post QU9HFmDzP0QGuU-fd7rS6B7w).
        if (c.setOp == SetOp::ForAnyValue)
            return false;
        if (c.ifExists)
            return true;
        return c.negated; // negated operators hold when the key is absent
    }
    switch (c.setOp) {
    case SetOp::None:
    case SetOp::ForAnyValue:
        for (const std::string &v : *vals) {
            const bool m = anyPolicyValue(c, v);
            if (c.setOp == SetOp::ForAnyValue && c.negated && !m)
                return true;
            if (!c.negated && m)
                return true;
            if (c.setOp == SetOp::None && c.negated && m)
                return false;
        }
        return c.setOp == SetOp::None && c.negated;
    case SetOp::ForAllValues:
        for (const std::string &v : *vals) {
            if (anyPolicyValue(c, v) == c.negated)
                return false;
        }
        return true;
    }
    return false;
}

} // namespace detail

bool globMatch(std::string_view pattern, std::string_view text)
{
    return detail::glob<false>(pattern, text);
}

bool globMatchNoCase(std::string_view lowerPattern, std::string_view text)
{
    return detail::glob<true>(lowerPattern, text);
}

} // namespace s3rd::model::evaluation
