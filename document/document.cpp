#include "document.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

namespace s3rd::document {

using namespace s3rd::model;


namespace {

// The strings of an element that the design index keeps views of: its id, and a rule's ends
// and role (the keys of the per-bucket and per-role rule lists); and a rule's replica key, which
// the context of the checks keeps a view of (model::LiveChecks keeps it across such edits).
template <typename T> std::vector<std::string_view> indexedStrings(const T &e)
{
    if constexpr (std::is_same_v<T, model::ReplicationRule>)
        return {e.id, e.source, e.destination, e.role, e.replicaKey};
    else
        return {e.id};
}

// The same buffers (by address only: `before` may point at freed ones) and lengths: what the
// index points at is still there, holding what it held (compared before the assignment).
bool sameIndexed(const std::vector<std::string_view> &before,
                 const std::vector<std::string_view> &after)
{
    if (before.size() != after.size())
        return false;
    for (std::size_t i = 0; i < before.size(); ++i) {
        if (before[i].data() != after[i].data() || before[i].size() != after[i].size())
            return false;
    }
    return true;
}

} // namespace

QString elementId(const Element &e)
{
    return QString::fromStdString(model::idOf(e));
}

ChangedProperties changedProperties(const Element &before, const Element &after)
{
    if (before.index() != after.index())
        return ChangedProperty::Content;
    ChangedProperties what;
    std::visit(
        [&](const auto &a) {
            using T = std::decay_t<decltype(a)>;
            T b = std::get<T>(before);
            if constexpr (requires { b.geometry; }) {
                if (!(b.geometry == a.geometry))
                    what |= ChangedProperty::Geometry;
                b.geometry = a.geometry;
            }
            if constexpr (requires { b.account; }) {
                if (b.account != a.account)
                    what |= ChangedProperty::Owner;
                b.account = a.account;
            }
            if (!(b == a))
                what |= ChangedProperty::Content;
        },
        after);
    return what;
}

Document::Document(QObject *parent)
    : QObject(parent)
{
}

Document::Document(Design design, QObject *parent)
    : QObject(parent)
    , m_design(std::move(design))
{
}

const std::vector<Artifact> &Document::artifacts() const
{
    return m_artifacts.artifacts(m_design, m_artifacts.upToDate() ? nullptr : &index());
}

const CheckReport &Document::report() const
{
    const std::vector<Artifact> &current = artifacts();
    return m_checks.report(m_design, current, index());
}

const DesignIndex &Document::index() const
{
    if (!m_index)
        m_index.emplace(m_design);
    return *m_index;
}

void Document::contentMutated()
{
    m_checks.invalidateAll();
    m_index.reset();
}

std::optional<Element> Document::element(ElementKind kind, const QString &id) const
{
    return findElement(m_design, kind, id.toStdString());
}

std::optional<ElementKind> Document::kindOfId(const QString &id) const
{
    return model::kindOfId(m_design, id.toStdString());
}

int Document::indexOf(ElementKind kind, const QString &id) const
{
    return model::indexOf(m_design, kind, id.toStdString());
}

QString Document::newId(const QString &prefix) const
{
    return QString::fromStdString(freshId(m_design, prefix.toStdString()));
}

void Document::insertElement(const Element &element, int index)
{
    std::visit(
        [&](const auto &value) {
            using T = std::decay_t<decltype(value)>;
            auto &v = elementsOf<T>(m_design);
            const auto pos = index < 0 || std::size_t(index) > v.size() ? v.size()
                                                                          : std::size_t(index);
            v.insert(v.begin() + std::ptrdiff_t(pos), value);
        },
        element);
    invalidateArtifactsOf(element);
    contentMutated();
    emit elementAdded(kindOf(element), elementId(element));
    emit contentChanged();
    emit changed();
}

void Document::removeElement(ElementKind kind, const QString &id)
{
    const int i = indexOf(kind, id);
    if (i < 0)
        return;
    emit elementAboutToBeRemoved(kind, id);
    contentMutated();
    model::withElementsOf(m_design, kind, [&](auto &v) {
        invalidateArtifactsOf(Element(v[std::size_t(i)]));
        v.erase(v.begin() + i);
    });
    emit elementRemoved(kind, id);
    emit contentChanged();
    emit changed();
}

void Document::updateElement(const Element &element)
{
    const ElementKind kind = kindOf(element);
    const QString id = elementId(element);
    const int i = indexOf(kind, id);
    if (i < 0)
        return;
    ChangedProperties what;
    bool keepIndex = false;
    std::visit(
        [&](const auto &value) {
            using T = std::decay_t<decltype(value)>;
            T &slot = elementsOf<T>(m_design)[std::size_t(i)];
            what = changedProperties(Element(slot), element);
            if (what == ChangedProperty::Geometry) {
                // Where an element sits on the canvas changes no policy and no finding; the
                // rest of the element stays as it is, down to the addresses of its strings.
                if constexpr (requires { value.geometry; })
                    slot.geometry = value.geometry;
                return;
            }
            // The element's settings before the edit, for the checks that read them (an
            // account's id and partition are in every ARN: not kept).
            std::optional<T> previous;
            bool configurationOnly = false; // of the documents, only its source's configuration
            if constexpr (std::is_same_v<T, model::ReplicationRule>)
                configurationOnly = ArtifactCache::configurationOnly(slot, value);
            if constexpr (!std::is_same_v<T, model::Account>)
                previous = slot;
            if (!configurationOnly)
                invalidateArtifactsOf(Element(slot));
            const std::vector<std::string_view> before = indexedStrings(slot);
            const bool sameKeys = before.size() == indexedStrings(value).size() && [&] {
                const std::vector<std::string_view> after = indexedStrings(value);
                return std::equal(before.begin(), before.end(), after.begin());
            }();
            slot = value;
            // An edit of a setting keeps the element where it is and its ids in their
            // buffers: the index stays valid, and is not made again for the next state.
            keepIndex = sameKeys && sameIndexed(before, indexedStrings(slot));
            // The checks keep the index they ran over: a new one runs them all.
            if (!previous || !keepIndex) {
                if (!keepIndex || what != ChangedProperties())
                    m_checks.invalidateAll();
            } else if constexpr (!std::is_same_v<T, model::Account>) {
                m_checks.settingsChanged(*previous, slot);
            }
            if (configurationOnly)
                m_artifacts.invalidateConfiguration(std::get<model::ReplicationRule>(element));
            else
                invalidateArtifactsOf(element);
        },
        element);
    if (what != ChangedProperty::Geometry && !keepIndex)
        m_index.reset(); // the element was assigned (even when equal)
    if (what == ChangedProperties())
        return;
    const bool geometryOnly = what == ChangedProperty::Geometry;
    emit elementChanged(kind, id, what);
    if (!geometryOnly)
        emit contentChanged();
    emit changed();
}

void Document::setDesignName(const QString &name)
{
    m_design.name = name.toStdString(); // no policy names the design
    m_checks.invalidateAll();
    emit contentChanged();
    emit changed();
}

void Document::resetDesign(Design design)
{
    contentMutated();
    m_design = std::move(design);
    m_artifacts.invalidateAll();
    emit designReset();
    emit contentChanged();
    emit changed();
}

void Document::invalidateArtifactsOf(const Element &element)
{
    std::visit(
        [&](const auto &value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, model::Account>)
                m_artifacts.invalidateAll(); // its id and partition are in every ARN
            else
                m_artifacts.invalidate(m_design, value);
        },
        element);
}

} // namespace s3rd::document
