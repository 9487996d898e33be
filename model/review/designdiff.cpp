#include "review/designdiff.h"

#include "core/designfile.h"
#include "core/enumnames.h"
#include "review/unifieddiff.h"

#include <algorithm>
#include <map>
#include <type_traits>

namespace s3rd::model::review {

std::string_view changeName(Change c)
{
    static constexpr EnumName<Change> kNames[] = {
        {Change::Added, "added"}, {Change::Removed, "removed"}, {Change::Changed, "changed"}};
    return enumName(kNames, c);
}

std::string_view elementKindName(ElementKind kind)
{
    static constexpr EnumName<ElementKind> kNames[] = {
        {ElementKind::Account, "account"}, {ElementKind::Bucket, "bucket"},
        {ElementKind::Key, "key"}, {ElementKind::Role, "role"}, {ElementKind::Rule, "rule"}};
    return enumName(kNames, kind);
}

namespace {

// The elements of one kind by id, in id order.
template <typename T> std::map<std::string_view, const T *> byId(const std::vector<T> &elements)
{
    std::map<std::string_view, const T *> out;
    for (const T &e : elements)
        out.emplace(e.id, &e);
    return out;
}

// Every field of one element, as added (after) or removed (before).
std::vector<FieldChange> allFields(const nlohmann::ordered_json &element, bool added)
{
    std::vector<FieldChange> fields;
    for (const auto &[key, value] : element.items()) {
        FieldChange f;
        f.field = key;
        (added ? f.after : f.before) = value;
        fields.push_back(std::move(f));
    }
    return fields;
}

// The fields that differ, in the order the file writes them (the new element's, then the ones
// only the old element has).
std::vector<FieldChange> changedFields(const nlohmann::ordered_json &before,
                                       const nlohmann::ordered_json &after)
{
    std::vector<FieldChange> fields;
    for (const auto &[key, value] : after.items()) {
        const auto old = before.find(key);
        if (old != before.end() && *old == value)
            continue;
        fields.push_back({key, old == before.end() ? nlohmann::ordered_json() : *old, value});
    }
    for (const auto &[key, value] : before.items()) {
        if (!after.contains(key))
            fields.push_back({key, value, nullptr});
    }
    return fields;
}

} // namespace

std::vector<ElementChange> elementChanges(const Design &oldDesign, const Design &newDesign)
{
    std::vector<ElementChange> out;
    for (ElementKind kind : kElementKinds) {
        withElementsOf(oldDesign, kind, [&](const auto &oldElements) {
            const auto before = byId(oldElements);
            const auto after =
                byId(elementsOf<std::decay_t<decltype(oldElements.front())>>(newDesign));
            auto o = before.begin();
            auto n = after.begin();
            // Both maps are sorted by id: one merge walk. Only elements that differ are written
            // as JSON (a large design has few).
            while (o != before.end() || n != after.end()) {
                const std::string_view oldId = o == before.end() ? std::string_view() : o->first;
                const std::string_view newId = n == after.end() ? std::string_view() : n->first;
                if (n == after.end() || (o != before.end() && oldId < newId)) {
                    out.push_back({kind, std::string(oldId), Change::Removed,
                                   allFields(elementJson(Element(*o->second)), false)});
                    ++o;
                } else if (o == before.end() || newId < oldId) {
                    out.push_back({kind, std::string(newId), Change::Added,
                                   allFields(elementJson(Element(*n->second)), true)});
                    ++n;
                } else {
                    if (!(*o->second == *n->second)) {
                        auto fields = changedFields(elementJson(Element(*o->second)),
                                                    elementJson(Element(*n->second)));
                        if (!fields.empty()) // a difference the file does not keep is none
                            out.push_back(
                                {kind, std::string(newId), Change::Changed, std::move(fields)});
                    }
                    ++o;
                    ++n;
                }
            }
        });
    }
    return out;
}

std::vector<DocumentChange> documentChanges(const std::vector<Artifact> &oldArtifacts,
                                            const std::vector<Artifact> &newArtifacts)
{
    std::map<std::string_view, const Artifact *> before, after;
    for (const Artifact &a : oldArtifacts)
        before.emplace(a.path, &a);
    for (const Artifact &a : newArtifacts)
        after.emplace(a.path, &a);
    std::vector<DocumentChange> out;
    auto o = before.begin();
    auto n = after.begin();
    while (o != before.end() || n != after.end()) {
        if (n == after.end() || (o != before.end() && o->first < n->first)) {
            const std::string path(o->first);
            out.push_back({path, Change::Removed,
                           unifiedDiff(o->second->text, {}, "a/" + path, "/dev/null")});
            ++o;
        } else if (o == before.end() || n->first < o->first) {
            const std::string path(n->first);
            out.push_back(
                {path, Change::Added, unifiedDiff({}, n->second->text, "/dev/null", "b/" + path)});
            ++n;
        } else {
            if (o->second->text != n->second->text) {
                const std::string path(n->first);
                out.push_back(
                    {path, Change::Changed,
                     unifiedDiff(o->second->text, n->second->text, "a/" + path, "b/" + path)});
            }
            ++o;
            ++n;
        }
    }
    return out;
}

} // namespace s3rd::model::review
