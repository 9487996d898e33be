#include "review/policyfingerprint.h"

#include <functional>
#include <string>

namespace s3rd::model::review {

namespace {

using namespace evaluation;

void put(std::string &out, std::string_view text)
{
    out += std::to_string(text.size());
    out += ':';
    out += text;
}

void put(std::string &out, const Pattern &p)
{
    out += char('0' + int(p.kind));
    put(out, p.text);
}

void put(std::string &out, const std::string &text);
void put(std::string &out, const Condition &c);
void put(std::string &out, const Statement &s);

template <typename T> void putList(std::string &out, const std::vector<T> &items)
{
    out += '[';
    out += std::to_string(items.size());
    for (const T &item : items)
        put(out, item);
    out += ']';
}

void put(std::string &out, const std::string &text)
{
    put(out, std::string_view(text));
}

void put(std::string &out, const Condition &c)
{
    out += char('0' + int(c.family));
    out += char('0' + int(c.compare));
    out += c.negated ? 'n' : '-';
    out += c.ifExists ? 'e' : '-';
    out += char('0' + int(c.setOp));
    put(out, c.key);
    putList(out, c.values);
    putList(out, c.patterns);
    out += '[';
    for (double d : c.numbers)
        out += std::to_string(d) + ",";
    for (const Cidr &cidr : c.cidrs) {
        out.append(reinterpret_cast<const char *>(cidr.address.data()), cidr.address.size());
        out += std::to_string(cidr.prefix) + (cidr.v6 ? "6," : "4,");
    }
    out += ']';
}

void put(std::string &out, const Statement &s)
{
    put(out, s.sid);
    out += s.allow ? 'A' : 'D';
    out += s.notAction ? 'a' : '-';
    out += s.notResource ? 'r' : '-';
    out += s.hasPrincipal ? 'p' : '-';
    out += s.notPrincipal ? 'n' : '-';
    out += s.principals.any ? '*' : '-';
    putList(out, s.actions);
    putList(out, s.resources);
    putList(out, s.principals.arns);
    putList(out, s.principals.accounts);
    putList(out, s.principals.services);
    putList(out, s.conditions);
    putList(out, s.problems);
}

} // namespace

PolicyFingerprints::PolicyFingerprints(const std::vector<Artifact> &artifacts)
{
    for (const Artifact &a : artifacts) {
        if (!a.path.empty())
            m_artifacts.emplace(a.path, &a);
    }
}

std::size_t PolicyFingerprints::of(const CompiledPolicy *policy)
{
    if (!policy)
        return 0;
    const auto it = m_cache.find(policy);
    if (it != m_cache.end())
        return it->second;
    // A 64-bit hash: two different policies collide with a chance of about 2^-64; odd, so never
    // 0 (no policy).
    std::size_t print;
    if (const auto artifact = m_artifacts.find(policy->id()); artifact != m_artifacts.end()) {
        print = std::hash<std::string_view>{}(artifact->second->text) | 1;
    } else {
        std::string text;
        putList(text, policy->problems());
        putList(text, policy->statements());
        print = std::hash<std::string>{}(text) | 1;
    }
    m_cache.emplace(policy, print);
    return print;
}

} // namespace s3rd::model::review
