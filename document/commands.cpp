#include "commands.h"

#include <QCoreApplication>

#include <algorithm>
#include <set>
#include <string>
#include <unordered_map>

namespace s3rd::document {

using namespace s3rd::model;

namespace {

QString kindName(ElementKind kind)
{
    switch (kind) {
    case ElementKind::Account: return QCoreApplication::translate("Commands", "account");
    case ElementKind::Bucket: return QCoreApplication::translate("Commands", "bucket");
    case ElementKind::Key: return QCoreApplication::translate("Commands", "KMS key");
    case ElementKind::Role: return QCoreApplication::translate("Commands", "role");
    case ElementKind::Rule: break;
    }
    return QCoreApplication::translate("Commands", "replication rule");
}

// A short label naming an element for the Undo/Redo menu entries.
QString labelOf(const Element &e)
{
    const std::string label = std::visit(
        [](const auto &v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, Account> || std::is_same_v<T, Bucket>
                          || std::is_same_v<T, Role>)
                return v.name;
            else if constexpr (std::is_same_v<T, KmsKey>)
                return v.alias;
            else
                return v.ruleId;
        },
        e);
    return QString::fromStdString(label.empty() ? std::visit([](const auto &v) { return v.id; }, e)
                                                : label);
}

// Brings the document to the target design with fine-grained signals, so views update only
// what changed (rebuilding a 1,000-bucket scene for one deleted bucket would be wasteful).
// Removals go dependants first (rules, then roles, keys, buckets, accounts), insertions
// containers first; changed elements are updated last. If anything else differs (order, the
// design's name or note), the document is reset to the target.
template<typename T>
void removeMissing(Document &doc, ElementKind kind, const std::vector<T> &current,
                   const std::vector<T> &target)
{
    std::set<std::string> keep;
    for (const T &e : target)
        keep.insert(e.id);
    std::vector<std::string> gone;
    for (const T &e : current)
        if (!keep.count(e.id))
            gone.push_back(e.id);
    for (const std::string &id : gone)
        doc.removeElement(kind, QString::fromStdString(id));
}

template<typename T>
void insertMissing(Document &doc, const std::vector<T> &current, const std::vector<T> &target)
{
    std::set<std::string> have;
    for (const T &e : current)
        have.insert(e.id);
    for (size_t i = 0; i < target.size(); ++i)
        if (!have.count(target[i].id))
            doc.insertElement(Element(target[i]), int(i));
}

template<typename T>
void updateChanged(Document &doc, const std::vector<T> &current, const std::vector<T> &target)
{
    std::unordered_map<std::string, const T *> byId;
    for (const T &e : current)
        byId.emplace(e.id, &e);
    std::vector<const T *> changed;
    for (const T &e : target) {
        const auto it = byId.find(e.id);
        if (it != byId.end() && !(*it->second == e))
            changed.push_back(&e);
    }
    for (const T *e : changed)
        doc.updateElement(Element(*e));
}

void applyDesign(Document &doc, const Design &target)
{
    if (doc.design() == target)
        return;
    // Each step reads doc.design() afresh: the previous step changed it.
    removeMissing(doc, ElementKind::Rule, doc.design().rules, target.rules);
    removeMissing(doc, ElementKind::Role, doc.design().roles, target.roles);
    removeMissing(doc, ElementKind::Key, doc.design().keys, target.keys);
    removeMissing(doc, ElementKind::Bucket, doc.design().buckets, target.buckets);
    removeMissing(doc, ElementKind::Account, doc.design().accounts, target.accounts);
    insertMissing(doc, doc.design().accounts, target.accounts);
    insertMissing(doc, doc.design().buckets, target.buckets);
    insertMissing(doc, doc.design().keys, target.keys);
    insertMissing(doc, doc.design().roles, target.roles);
    insertMissing(doc, doc.design().rules, target.rules);
    updateChanged(doc, doc.design().accounts, target.accounts);
    updateChanged(doc, doc.design().buckets, target.buckets);
    updateChanged(doc, doc.design().keys, target.keys);
    updateChanged(doc, doc.design().roles, target.roles);
    updateChanged(doc, doc.design().rules, target.rules);
    if (doc.design().name != target.name)
        doc.setDesignName(QString::fromStdString(target.name));
    if (!(doc.design() == target))
        doc.resetDesign(target);
}

// The design without the given elements and everything that depends on them.
Design withoutElements(const Design &design, const QStringList &ids)
{
    std::set<std::string> gone;
    for (const QString &id : ids)
        gone.insert(id.toStdString());
    Design d = design;

    // An account takes its buckets, keys and roles along.
    std::set<std::string> goneAccounts;
    for (const Account &a : d.accounts)
        if (gone.count(a.id))
            goneAccounts.insert(a.id);
    auto takeAlong = [&](const auto &owned) {
        for (const auto &e : owned)
            if (goneAccounts.count(e.account))
                gone.insert(e.id);
    };
    takeAlong(d.buckets);
    takeAlong(d.keys);
    takeAlong(d.roles);
    // A bucket takes its rules (both directions) along.
    for (const ReplicationRule &r : d.rules)
        if (gone.count(r.source) || gone.count(r.destination))
            gone.insert(r.id);

    auto erase = [&](auto &v) {
        std::erase_if(v, [&](const auto &e) { return gone.count(e.id) > 0; });
    };
    erase(d.accounts);
    erase(d.buckets);
    erase(d.keys);
    erase(d.roles);
    erase(d.rules);

    // Remaining elements no longer point at removed keys and roles.
    for (Bucket &b : d.buckets)
        if (gone.count(b.defaultKey))
            b.defaultKey.clear();
    for (ReplicationRule &r : d.rules) {
        if (gone.count(r.role))
            r.role.clear();
        if (gone.count(r.replicaKey))
            r.replicaKey.clear();
    }
    return d;
}

} // namespace

// --- AddElementCommand ---

AddElementCommand::AddElementCommand(Document &doc, Element element, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_doc(doc)
    , m_element(std::move(element))
{
    setText(QCoreApplication::translate("Commands", "Add %1 %2")
                .arg(kindName(kindOf(m_element)), labelOf(m_element)));
}

void AddElementCommand::redo()
{
    m_doc.insertElement(m_element, -1);
}

void AddElementCommand::undo()
{
    m_doc.removeElement(kindOf(m_element), elementId(m_element));
}

// --- RemoveElementsCommand ---

RemoveElementsCommand::RemoveElementsCommand(Document &doc, const QStringList &ids,
                                             QUndoCommand *parent)
    : ReplaceDesignCommand(doc, withoutElements(doc.design(), ids), QString(), parent)
{
    if (ids.size() == 1) {
        const auto kind = doc.kindOfId(ids.first());
        const auto element = kind ? doc.element(*kind, ids.first()) : std::nullopt;
        setText(element ? QCoreApplication::translate("Commands", "Delete %1 %2")
                              .arg(kindName(*kind), labelOf(*element))
                        : QCoreApplication::translate("Commands", "Delete"));
    } else {
        setText(QCoreApplication::translate("Commands", "Delete %n elements", nullptr,
                                            int(ids.size())));
    }
}

// --- UpdateElementsCommand ---

UpdateElementsCommand::UpdateElementsCommand(Document &doc, std::vector<Element> after,
                                             MergeId mergeId, const QString &gesture,
                                             QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_doc(doc)
    , m_after(std::move(after))
    , m_mergeId(mergeId)
    , m_gesture(gesture)
{
    m_before.reserve(m_after.size());
    for (const Element &e : m_after)
        m_before.push_back(doc.element(kindOf(e), elementId(e)).value_or(e));
}

void UpdateElementsCommand::redo()
{
    for (const Element &e : m_after)
        m_doc.updateElement(e);
    setObsolete(m_before == m_after);
}

void UpdateElementsCommand::undo()
{
    for (auto it = m_before.rbegin(); it != m_before.rend(); ++it)
        m_doc.updateElement(*it);
}

int UpdateElementsCommand::id() const
{
    return m_gesture.isEmpty() ? -1 : int(m_mergeId);
}

bool UpdateElementsCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = dynamic_cast<const UpdateElementsCommand *>(other);
    if (!o || &o->m_doc != &m_doc || o->m_mergeId != m_mergeId || o->m_gesture != m_gesture
        || m_gesture.isEmpty())
        return false;
    for (size_t i = 0; i < o->m_after.size(); ++i) {
        const Element &value = o->m_after[i];
        const auto it = std::find_if(m_after.begin(), m_after.end(), [&](const Element &e) {
            return kindOf(e) == kindOf(value) && elementId(e) == elementId(value);
        });
        if (it != m_after.end()) {
            *it = value;
        } else {
            m_after.push_back(value);
            m_before.push_back(o->m_before[i]);
        }
    }
    setObsolete(m_before == m_after);
    merged();
    return true;
}

// --- UpdateElementCommand ---

namespace {

// Typing in one field of one element is one gesture.
QString fieldGesture(const Element &e, const QString &mergeKey)
{
    if (mergeKey.isEmpty())
        return {};
    return QString::number(int(kindOf(e))) + u'/' + elementId(e) + u'/' + mergeKey;
}

} // namespace

UpdateElementCommand::UpdateElementCommand(Document &doc, Element after, const QString &mergeKey,
                                           QUndoCommand *parent)
    : UpdateElementsCommand(doc, {after}, MergeId::UpdateElement, fieldGesture(after, mergeKey),
                            parent)
{
    setText(QCoreApplication::translate("Commands", "Edit %1 %2")
                .arg(kindName(kindOf(m_after.front())), labelOf(m_after.front())));
}

// --- MoveElementsCommand ---

MoveElementsCommand::MoveElementsCommand(Document &doc, std::vector<Element> after, int gesture,
                                         QUndoCommand *parent)
    : UpdateElementsCommand(doc, std::move(after), MergeId::MoveElements,
                            QString::number(gesture), parent)
{
    bool changesAccount = false;
    for (size_t i = 0; i < m_after.size(); ++i)
        changesAccount = changesAccount
                         || changedProperties(m_before[i], m_after[i])
                                .testFlag(ChangedProperty::Owner);
    setText(changesAccount ? QCoreApplication::translate("Commands", "Move to another account")
            : m_after.size() == 1
                ? QCoreApplication::translate("Commands", "Move %1").arg(labelOf(m_after.front()))
                : QCoreApplication::translate("Commands", "Move %n elements", nullptr,
                                              int(m_after.size())));
}

void MoveElementsCommand::merged()
{
    if (m_after.size() > 1 && text().startsWith(QCoreApplication::translate("Commands", "Move ")))
        setText(QCoreApplication::translate("Commands", "Move %n elements", nullptr,
                                            int(m_after.size())));
}

// --- ReplaceDesignCommand ---

ReplaceDesignCommand::ReplaceDesignCommand(Document &doc, Design after, const QString &text,
                                           QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_doc(doc)
    , m_before(doc.design())
    , m_after(std::move(after))
{
}

void ReplaceDesignCommand::redo()
{
    applyDesign(m_doc, m_after);
    setObsolete(m_before == m_after);
}

void ReplaceDesignCommand::undo()
{
    applyDesign(m_doc, m_before);
}

} // namespace s3rd::document
