#include "elements.h"

#include <cstdint>

namespace s3rd::model {

ElementKind kindOf(const Element &element)
{
    return ElementKind(element.index());
}

const std::string &idOf(const Element &element)
{
    return std::visit([](const auto &e) -> const std::string & { return e.id; }, element);
}

std::string displayName(const Account &a)
{
    return a.name.empty() ? a.accountId : a.name;
}

std::string displayName(const Bucket &b)
{
    return b.name;
}

std::string displayName(const KmsKey &k)
{
    return !k.alias.empty() ? k.alias : !k.keyId.empty() ? k.keyId : k.id;
}

std::string displayName(const Role &r)
{
    return r.name;
}

std::string displayName(const ReplicationRule &r)
{
    return r.ruleId.empty() ? r.id : r.ruleId;
}

std::string displayName(const Element &element)
{
    return std::visit([](const auto &e) { return displayName(e); }, element);
}

int indexOf(const Design &design, ElementKind kind, std::string_view id)
{
    return withElementsOf(design, kind, [&](const auto &elements) {
        const auto *e = findById(elements, id);
        return e ? int(e - elements.data()) : -1;
    });
}

std::optional<Element> findElement(const Design &design, ElementKind kind, std::string_view id)
{
    return withElementsOf(design, kind, [&](const auto &elements) -> std::optional<Element> {
        if (const auto *e = findById(elements, id))
            return Element(*e);
        return std::nullopt;
    });
}

std::optional<ElementKind> kindOfId(const Design &design, std::string_view id)
{
    for (ElementKind kind : kElementKinds) {
        if (indexOf(design, kind, id) >= 0)
            return kind;
    }
    return std::nullopt;
}

std::string freshId(const Design &design, std::string_view prefix)
{
    // Numbers of up to 15 digits count (a longer run is not one this function made, and would
    // overflow); the loop below still steps over any id that happens to be taken.
    constexpr std::size_t kMaxDigits = 15;
    std::uint64_t next = 1;
    forEachElement(design, [&](const auto &e) {
        const std::string_view id = e.id;
        if (id.size() <= prefix.size() || id.size() - prefix.size() > kMaxDigits
            || id.substr(0, prefix.size()) != prefix)
            return;
        std::uint64_t n = 0;
        for (const char c : id.substr(prefix.size())) {
            if (c < '0' || c > '9')
                return;
            n = n * 10 + std::uint64_t(c - '0');
        }
        next = std::max(next, n + 1);
    });
    for (;; ++next) {
        std::string id(prefix);
        id += std::to_string(next);
        if (!kindOfId(design, id))
            return id;
    }
}

} // namespace s3rd::model
