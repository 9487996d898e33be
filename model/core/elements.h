#pragma once

// The one place that knows how a Design holds its elements: lookup by id, the kind of an id,
// iteration over every element, and fresh ids. Everything else (the document, the clipboard,
// checklist fixes, exports) goes through these instead of walking the five vectors itself.
//
// Lookups here are linear scans in design order, which is what an edit or a fix needs; code that
// looks up many ids in one unchanged design builds a DesignIndex (designindex.h) instead.

#include "design.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace s3rd::model {

// The five kinds of element, in the order the design holds (and the file writes) them.
enum class ElementKind { Account, Bucket, Key, Role, Rule };

inline constexpr ElementKind kElementKinds[] = {ElementKind::Account, ElementKind::Bucket,
                                                ElementKind::Key, ElementKind::Role,
                                                ElementKind::Rule};

// Any one element, by value; its index is its ElementKind.
using Element = std::variant<Account, Bucket, KmsKey, Role, ReplicationRule>;

ElementKind kindOf(const Element &element);
const std::string &idOf(const Element &element);

// The name a person knows an element by, as the canvas shows it: an account's name (or its
// account id), a bucket's or role's name, a key's alias (or its key id, or its element id), a
// rule's rule id (or its element id).
std::string displayName(const Account &a);
std::string displayName(const Bucket &b);
std::string displayName(const KmsKey &k);
std::string displayName(const Role &r);
std::string displayName(const ReplicationRule &r);
std::string displayName(const Element &element);

// The design's vector of elements of type T (Account, Bucket, KmsKey, Role or ReplicationRule),
// with the design's constness.
template<typename T, typename D>
    requires std::is_same_v<std::remove_const_t<D>, Design>
auto &elementsOf(D &design)
{
    if constexpr (std::is_same_v<T, Account>)
        return design.accounts;
    else if constexpr (std::is_same_v<T, Bucket>)
        return design.buckets;
    else if constexpr (std::is_same_v<T, KmsKey>)
        return design.keys;
    else if constexpr (std::is_same_v<T, Role>)
        return design.roles;
    else {
        static_assert(std::is_same_v<T, ReplicationRule>, "not an element type");
        return design.rules;
    }
}

// Calls f(vector) with the design's vector of the given kind and returns what f returns.
// `design` may be const or not; f receives the vector with the same constness.
template<typename D, typename F>
decltype(auto) withElementsOf(D &design, ElementKind kind, F &&f)
{
    switch (kind) {
    case ElementKind::Account: return f(design.accounts);
    case ElementKind::Bucket: return f(design.buckets);
    case ElementKind::Key: return f(design.keys);
    case ElementKind::Role: return f(design.roles);
    case ElementKind::Rule: break;
    }
    return f(design.rules);
}

// Calls f(element) for every element of the design: accounts, buckets, keys, roles, then rules,
// each in design order.
template<typename D, typename F>
void forEachElement(D &design, F &&f)
{
    for (auto &e : design.accounts)
        f(e);
    for (auto &e : design.buckets)
        f(e);
    for (auto &e : design.keys)
        f(e);
    for (auto &e : design.roles)
        f(e);
    for (auto &e : design.rules)
        f(e);
}

// The first element with the given id in a vector of elements; nullptr when there is none.
template<typename T>
T *findById(std::vector<T> &elements, std::string_view id)
{
    const auto it = std::find_if(elements.begin(), elements.end(),
                                 [&](const T &e) { return e.id == id; });
    return it == elements.end() ? nullptr : &*it;
}

template<typename T>
const T *findById(const std::vector<T> &elements, std::string_view id)
{
    const auto it = std::find_if(elements.begin(), elements.end(),
                                 [&](const T &e) { return e.id == id; });
    return it == elements.end() ? nullptr : &*it;
}

// Position of the element with the given kind and id in its vector; -1 when absent.
int indexOf(const Design &design, ElementKind kind, std::string_view id);

// A copy of the element with the given kind and id; std::nullopt when absent.
std::optional<Element> findElement(const Design &design, ElementKind kind, std::string_view id);

// The kind of the element with the given id (ids are unique across kinds); std::nullopt when no
// element has it.
std::optional<ElementKind> kindOfId(const Design &design, std::string_view id);

// A fresh element id: the prefix followed by one past the largest number any element id with
// that prefix carries ("b" -> "b12" when "b11" is the highest), never one that is in use. Ids of
// deleted elements are therefore not handed out again while higher ones exist, so an id seen in
// an earlier report or undo step keeps meaning the element it meant.
std::string freshId(const Design &design, std::string_view prefix);

} // namespace s3rd::model
