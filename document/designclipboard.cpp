#include "designclipboard.h"

#include "commands.h"
#include "core/designfile.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <map>
#include <set>
#include <type_traits>

namespace s3rd::document {

using namespace s3rd::model;

namespace {

constexpr double kPasteOffset = 40;

// Fresh ids for the pasted elements: the document's next free id per prefix, then counting
// up as the paste adds more.
class FreshIds
{
public:
    explicit FreshIds(const Document &doc)
        : m_doc(doc)
    {
    }
    std::string operator()(const QString &prefix)
    {
        auto it = m_next.find(prefix);
        if (it == m_next.end())
            it = m_next.emplace(prefix, m_doc.newId(prefix).mid(prefix.size()).toLongLong())
                     .first;
        return (prefix + QString::number(it->second++)).toStdString();
    }

private:
    const Document &m_doc;
    std::map<QString, long long> m_next;
};

std::string copyName(const std::string &name, const std::set<std::string> &used,
                     size_t maxLength = 63)
{
    std::string base = name + "-copy";
    if (base.size() > maxLength)
        base = name.substr(0, maxLength - 5) + "-copy";
    if (!used.count(base))
        return base;
    for (int i = 2;; ++i) {
        std::string candidate = base + "-" + std::to_string(i);
        if (candidate.size() > maxLength)
            candidate = base.substr(0, maxLength - candidate.size() + base.size()) + "-"
                        + std::to_string(i);
        if (!used.count(candidate))
            return candidate;
    }
}

} // namespace

QByteArray copyPayload(const Document &doc, const QStringList &ids)
{
    const Design &d = doc.design();
    std::set<std::string> copied;
    for (const QString &id : ids)
        copied.insert(id.toStdString());
    // An account brings its contents; rules come along when both their buckets do.
    for (const Account &a : d.accounts) {
        if (!copied.count(a.id))
            continue;
        for (const Bucket &b : d.buckets)
            if (b.account == a.id)
                copied.insert(b.id);
        for (const KmsKey &k : d.keys)
            if (k.account == a.id)
                copied.insert(k.id);
        for (const Role &r : d.roles)
            if (r.account == a.id)
                copied.insert(r.id);
    }
    Design clip;
    clip.name = d.name;
    std::set<std::string> context;
    for (const ReplicationRule &r : d.rules)
        if (copied.count(r.source) && copied.count(r.destination))
            copied.insert(r.id);
        else
            copied.erase(r.id);
    // What the copied elements refer to travels along as context.
    for (const Bucket &b : d.buckets)
        if (copied.count(b.id)) {
            context.insert(b.account);
            if (!b.defaultKey.empty())
                context.insert(b.defaultKey);
        }
    for (const ReplicationRule &r : d.rules)
        if (copied.count(r.id)) {
            if (!r.role.empty())
                context.insert(r.role);
            if (!r.replicaKey.empty())
                context.insert(r.replicaKey);
        }
    for (const KmsKey &k : d.keys)
        if (copied.count(k.id) || context.count(k.id))
            context.insert(k.account);
    for (const Role &r : d.roles)
        if (copied.count(r.id) || context.count(r.id))
            context.insert(r.account);

    auto take = [&](const auto &from, auto &to) {
        for (const auto &e : from)
            if (copied.count(e.id) || context.count(e.id))
                to.push_back(e);
    };
    take(d.accounts, clip.accounts);
    take(d.buckets, clip.buckets);
    take(d.keys, clip.keys);
    take(d.roles, clip.roles);
    take(d.rules, clip.rules);
    bool any = false;
    QJsonArray copiedIds;
    for (const std::string &id : copied)
        if (doc.kindOfId(QString::fromStdString(id))) {
            copiedIds.append(QString::fromStdString(id));
            any = true;
        }
    if (!any)
        return {};
    QJsonObject payload;
    payload[QStringLiteral("copied")] = copiedIds;
    payload[QStringLiteral("design")] = QString::fromStdString(serializeDesign(clip));
    return QJsonDocument(payload).toJson(QJsonDocument::Compact);
}

QUndoCommand *pasteCommand(Document &doc, const QByteArray &data, QStringList *newIds)
{
    const QJsonObject payload = QJsonDocument::fromJson(data).object();
    const LoadResult loaded
        = parseDesign(payload.value(QStringLiteral("design")).toString().toStdString());
    if (!loaded.ok())
        return nullptr;
    const Design &clip = loaded.design;
    std::set<std::string> copied;
    for (const auto &v : payload.value(QStringLiteral("copied")).toArray())
        copied.insert(v.toString().toStdString());

    Design out = doc.design();
    std::map<std::string, std::string> idMap; // clip id → id in the document
    // Context that still exists is reused; anything else is created anew.
    auto exists = [&](const std::string &id) {
        return doc.kindOfId(QString::fromStdString(id)).has_value();
    };
    auto isNew = [&](const std::string &id) { return copied.count(id) || !exists(id); };
    auto mapId = [&](const std::string &id) {
        const auto it = idMap.find(id);
        return it == idMap.end() ? id : it->second;
    };
    QStringList added;
    FreshIds freshId(doc);

    std::set<std::string> accountNames;
    for (const Account &a : out.accounts)
        accountNames.insert(a.name);
    for (const Account &a : clip.accounts) {
        if (!isNew(a.id))
            continue;
        Account n = a;
        n.id = freshId(QStringLiteral("a"));
        n.name = copyName(a.name, accountNames, 64);
        accountNames.insert(n.name);
        n.geometry.x += kPasteOffset;
        n.geometry.y += kPasteOffset;
        idMap[a.id] = n.id;
        out.accounts.push_back(n);
        added << QString::fromStdString(n.id);
    }
    // Children keep their place in a pasted account and shift a little in an existing one.
    auto place = [&](auto &e, const std::string &oldAccount) {
        e.account = mapId(oldAccount);
        if (e.account == oldAccount) {
            e.geometry.x += kPasteOffset;
            e.geometry.y += kPasteOffset;
        }
    };
    std::set<std::string> bucketNames;
    for (const Bucket &b : out.buckets)
        bucketNames.insert(b.name);
    std::vector<std::pair<size_t, std::string>> bucketKeys; // fixed up once keys have ids
    for (const Bucket &b : clip.buckets) {
        if (!isNew(b.id))
            continue;
        Bucket n = b;
        n.id = freshId(QStringLiteral("b"));
        n.name = copyName(b.name, bucketNames);
        bucketNames.insert(n.name);
        place(n, b.account);
        idMap[b.id] = n.id;
        bucketKeys.push_back({out.buckets.size(), b.defaultKey});
        out.buckets.push_back(n);
        added << QString::fromStdString(n.id);
    }
    // Keys and roles are named uniquely within their account; an AWS managed key keeps its
    // alias (AWS gives it).
    auto pasteIntoAccount = [&](const auto &from, auto &to, const QString &prefix, auto name,
                                size_t maxLength) {
        for (const auto &e : from) {
            if (!isNew(e.id))
                continue;
            auto n = e;
            n.id = freshId(prefix);
            std::set<std::string> names;
            for (const auto &o : to)
                if (o.account == mapId(e.account))
                    names.insert(o.*name);
            bool renamable = true;
            if constexpr (std::is_same_v<decltype(n), KmsKey>)
                renamable = n.kind != KeyKind::AwsManaged;
            if (names.count(n.*name) && renamable)
                n.*name = copyName(e.*name, names, maxLength);
            place(n, e.account);
            idMap[e.id] = n.id;
            to.push_back(n);
            added << QString::fromStdString(n.id);
        }
    };
    pasteIntoAccount(clip.keys, out.keys, QStringLiteral("k"), &KmsKey::alias, 256);
    for (const auto &[index, key] : bucketKeys)
        if (!key.empty())
            out.buckets[index].defaultKey = mapId(key);
    pasteIntoAccount(clip.roles, out.roles, QStringLiteral("role"), &Role::name, 64);
    for (const ReplicationRule &r : clip.rules) {
        if (!copied.count(r.id))
            continue;
        ReplicationRule n = r;
        n.id = freshId(QStringLiteral("rule"));
        n.source = mapId(r.source);
        n.destination = mapId(r.destination);
        n.role = mapId(r.role);
        n.replicaKey = mapId(r.replicaKey);
        out.rules.push_back(n);
        added << QString::fromStdString(n.id);
    }
    if (added.isEmpty())
        return nullptr;
    if (newIds)
        *newIds = added;
    return new ReplaceDesignCommand(
        doc, std::move(out),
        QCoreApplication::translate("Clipboard", "Paste %n element(s)", nullptr,
                                    int(added.size())));
}

QUndoCommand *duplicateCommand(Document &doc, const QStringList &ids, QStringList *newIds)
{
    QUndoCommand *cmd = pasteCommand(doc, copyPayload(doc, ids), newIds);
    if (cmd)
        cmd->setText(QCoreApplication::translate("Clipboard", "Duplicate"));
    return cmd;
}

} // namespace s3rd::document
