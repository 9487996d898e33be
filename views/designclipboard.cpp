#include "designclipboard.h"

#include "commands.h"
#include "core/designfile.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

namespace s3rd::views {

using namespace s3rd::model;

namespace {

constexpr double kPasteOffset = 40;

template<typename T>
const T *find(const std::vector<T> &v, const std::string &id)
{
    const auto it = std::find_if(v.begin(), v.end(), [&](const T &e) { return e.id == id; });
    return it == v.end() ? nullptr : &*it;
}

// Element ids are short ("b12"): the next free number for a prefix in the design.
std::string freshId(const Design &d, const std::string &prefix)
{
    long long next = 1;
    auto consider = [&](const std::string &id) {
        if (id.size() <= prefix.size() || id.compare(0, prefix.size(), prefix) != 0)
            return;
        const std::string rest = id.substr(prefix.size());
        if (rest.size() > 15 || !std::all_of(rest.begin(), rest.end(), ::isdigit))
            return;
        next = std::max(next, std::stoll(rest) + 1);
    };
    for (const auto &e : d.accounts)
        consider(e.id);
    for (const auto &e : d.buckets)
        consider(e.id);
    for (const auto &e : d.keys)
        consider(e.id);
    for (const auto &e : d.roles)
        consider(e.id);
    for (const auto &e : d.rules)
        consider(e.id);
    return prefix + std::to_string(next);
}

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

QMimeData *copyElements(const document::Document &doc, const QStringList &ids)
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
        return nullptr;
    QJsonObject payload;
    payload[QStringLiteral("copied")] = copiedIds;
    payload[QStringLiteral("design")] = QString::fromStdString(serializeDesign(clip));
    auto *mime = new QMimeData;
    mime->setData(QString::fromLatin1(kDesignMimeType),
                  QJsonDocument(payload).toJson(QJsonDocument::Compact));
    return mime;
}

bool canPaste(const QMimeData *mime)
{
    return mime && mime->hasFormat(QString::fromLatin1(kDesignMimeType));
}

QUndoCommand *pasteCommand(document::Document &doc, const QMimeData *mime, QStringList *newIds)
{
    if (!canPaste(mime))
        return nullptr;
    const QJsonObject payload
        = QJsonDocument::fromJson(mime->data(QString::fromLatin1(kDesignMimeType))).object();
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

    std::set<std::string> accountNames;
    for (const Account &a : out.accounts)
        accountNames.insert(a.name);
    for (const Account &a : clip.accounts) {
        if (!isNew(a.id))
            continue;
        Account n = a;
        n.id = freshId(out, "a");
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
        n.id = freshId(out, "b");
        n.name = copyName(b.name, bucketNames);
        bucketNames.insert(n.name);
        place(n, b.account);
        idMap[b.id] = n.id;
        bucketKeys.push_back({out.buckets.size(), b.defaultKey});
        out.buckets.push_back(n);
        added << QString::fromStdString(n.id);
    }
    for (const KmsKey &k : clip.keys) {
        if (!isNew(k.id))
            continue;
        KmsKey n = k;
        n.id = freshId(out, "k");
        std::set<std::string> aliases;
        for (const KmsKey &o : out.keys)
            if (o.account == mapId(k.account))
                aliases.insert(o.alias);
        if (aliases.count(n.alias) && n.kind != KeyKind::AwsManaged)
            n.alias = copyName(k.alias, aliases, 256);
        place(n, k.account);
        idMap[k.id] = n.id;
        out.keys.push_back(n);
        added << QString::fromStdString(n.id);
    }
    for (const auto &[index, key] : bucketKeys)
        if (!key.empty())
            out.buckets[index].defaultKey = mapId(key);
    for (const Role &r : clip.roles) {
        if (!isNew(r.id))
            continue;
        Role n = r;
        n.id = freshId(out, "role");
        std::set<std::string> names;
        for (const Role &o : out.roles)
            if (o.account == mapId(r.account))
                names.insert(o.name);
        if (names.count(n.name))
            n.name = copyName(r.name, names, 64);
        place(n, r.account);
        idMap[r.id] = n.id;
        out.roles.push_back(n);
        added << QString::fromStdString(n.id);
    }
    for (const ReplicationRule &r : clip.rules) {
        if (!copied.count(r.id))
            continue;
        ReplicationRule n = r;
        n.id = freshId(out, "rule");
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
    return new document::ReplaceDesignCommand(
        doc, std::move(out),
        QCoreApplication::translate("Clipboard", "Paste %n element(s)", nullptr,
                                    int(added.size())));
}

QUndoCommand *duplicateCommand(document::Document &doc, const QStringList &ids,
                               QStringList *newIds)
{
    std::unique_ptr<QMimeData> mime(copyElements(doc, ids));
    QUndoCommand *cmd = pasteCommand(doc, mime.get(), newIds);
    if (cmd)
        cmd->setText(QCoreApplication::translate("Clipboard", "Duplicate"));
    return cmd;
}

} // namespace s3rd::views
