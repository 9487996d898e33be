#include "document.h"

#include <algorithm>

namespace s3rd::document {

using namespace s3rd::model;

namespace {

template<typename T>
int indexIn(const std::vector<T> &v, const std::string &id)
{
    const auto it = std::find_if(v.begin(), v.end(), [&](const T &e) { return e.id == id; });
    return it == v.end() ? -1 : int(it - v.begin());
}

// Calls f(vector) with the design's vector for the given kind.
template<typename D, typename F>
decltype(auto) withVector(D &design, ElementKind kind, F &&f)
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

} // namespace

ElementKind kindOf(const Element &e)
{
    return ElementKind(e.index());
}

QString idOf(const Element &e)
{
    return std::visit([](const auto &v) { return QString::fromStdString(v.id); }, e);
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
    return m_artifacts.artifacts(m_design);
}

const CheckReport &Document::report() const
{
    if (!m_report)
        m_report = runChecks(m_design, artifacts());
    return *m_report;
}

std::optional<Element> Document::element(ElementKind kind, const QString &id) const
{
    const std::string sid = id.toStdString();
    return withVector(m_design, kind, [&](const auto &v) -> std::optional<Element> {
        const int i = indexIn(v, sid);
        if (i < 0)
            return std::nullopt;
        return Element(v[std::size_t(i)]);
    });
}

std::optional<ElementKind> Document::kindOfId(const QString &id) const
{
    for (ElementKind k : {ElementKind::Account, ElementKind::Bucket, ElementKind::Key,
                          ElementKind::Role, ElementKind::Rule}) {
        if (indexOf(k, id) >= 0)
            return k;
    }
    return std::nullopt;
}

int Document::indexOf(ElementKind kind, const QString &id) const
{
    const std::string sid = id.toStdString();
    return withVector(m_design, kind, [&](const auto &v) { return indexIn(v, sid); });
}

QString Document::newId(const QString &prefix) const
{
    // Ids are short and human-readable ("b12"); pick one past the largest number in use.
    long long next = 1;
    const std::string p = prefix.toStdString();
    auto consider = [&](const std::string &id) {
        if (id.size() <= p.size() || id.compare(0, p.size(), p) != 0)
            return;
        const std::string rest = id.substr(p.size());
        if (!std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; })
            || rest.size() > 15)
            return;
        next = std::max(next, std::stoll(rest) + 1);
    };
    for (const auto &e : m_design.accounts)
        consider(e.id);
    for (const auto &e : m_design.buckets)
        consider(e.id);
    for (const auto &e : m_design.keys)
        consider(e.id);
    for (const auto &e : m_design.roles)
        consider(e.id);
    for (const auto &e : m_design.rules)
        consider(e.id);
    return prefix + QString::number(next);
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
    m_report.reset();
    emit elementAdded(kindOf(element), idOf(element));
    emit contentChanged();
    emit changed();
}

void Document::removeElement(ElementKind kind, const QString &id)
{
    const int i = indexOf(kind, id);
    if (i < 0)
        return;
    emit elementAboutToBeRemoved(kind, id);
    withVector(m_design, kind, [&](auto &v) {
        invalidateArtifactsOf(Element(v[std::size_t(i)]));
        v.erase(v.begin() + i);
    });
    m_report.reset();
    emit elementRemoved(kind, id);
    emit contentChanged();
    emit changed();
}

void Document::updateElement(const Element &element)
{
    const ElementKind kind = kindOf(element);
    const QString id = idOf(element);
    const int i = indexOf(kind, id);
    if (i < 0)
        return;
    ChangedProperties what;
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
            invalidateArtifactsOf(Element(slot));
            slot = value;
            invalidateArtifactsOf(element);
        },
        element);
    if (what == ChangedProperties())
        return;
    const bool geometryOnly = what == ChangedProperty::Geometry;
    if (!geometryOnly)
        m_report.reset();
    emit elementChanged(kind, id, what);
    if (!geometryOnly)
        emit contentChanged();
    emit changed();
}

void Document::setDesignName(const QString &name)
{
    m_design.name = name.toStdString(); // no policy names the design
    m_report.reset();
    emit contentChanged();
    emit changed();
}

void Document::resetDesign(Design design)
{
    m_design = std::move(design);
    m_artifacts.invalidateAll();
    m_report.reset();
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
