#include "connectplanner.h"

#include "commands.h"
#include "core/accountregion.h"
#include "core/autoarrange.h"
#include "core/designindex.h"

#include <QCoreApplication>
#include <QUuid>

#include <algorithm>
#include <map>
#include <set>

namespace s3rd::document {

using namespace s3rd::model;

namespace {

const Bucket *findBucket(const Design &d, const std::string &id)
{
    const auto it = std::find_if(d.buckets.begin(), d.buckets.end(),
                                 [&](const Bucket &b) { return b.id == id; });
    return it == d.buckets.end() ? nullptr : &*it;
}

const KmsKey *findKey(const Design &d, const std::string &id)
{
    const auto it = std::find_if(d.keys.begin(), d.keys.end(),
                                 [&](const KmsKey &k) { return k.id == id; });
    return it == d.keys.end() ? nullptr : &*it;
}

// A name not in `used`: base, base-2, base-3, ...
std::string uniqueName(const std::string &base, const std::set<std::string> &used)
{
    if (!used.count(base))
        return base;
    for (int i = 2;; ++i) {
        const std::string candidate = base + "-" + std::to_string(i);
        if (!used.count(candidate))
            return candidate;
    }
}

// The names (field) of the elements, of one account only when accountId is given.
template<typename T, typename Field>
std::set<std::string> namesIn(const std::vector<T> &elements, Field field,
                              const std::string *accountId = nullptr)
{
    std::set<std::string> names;
    for (const T &e : elements) {
        if constexpr (requires { e.account; }) {
            if (accountId && e.account != *accountId)
                continue;
        }
        names.insert(e.*field);
    }
    return names;
}

bool usesKms(const Bucket &b)
{
    return b.defaultEncryption == DefaultEncryption::SseKms
           || b.defaultEncryption == DefaultEncryption::DsseKms || b.objectEncryptions.sseKms
           || b.objectEncryptions.dsseKms;
}

// The key replicas are encrypted with: the destination's default key if it is a KMS key, else
// a customer managed key in the destination's account and region (AWS managed keys cannot be
// used by another account's role, so they are the last choice).
const KmsKey *replicaKeyFor(const Design &d, const Bucket &dest)
{
    if (!dest.defaultKey.empty())
        if (const KmsKey *k = findKey(d, dest.defaultKey))
            return k;
    const KmsKey *fallback = nullptr;
    for (const KmsKey &k : d.keys) {
        if (k.account != dest.account || k.region != dest.region)
            continue;
        if (k.kind != KeyKind::AwsManaged)
            return &k;
        if (!fallback)
            fallback = &k;
    }
    return fallback;
}

// Where a new element of the account goes: at the left, below its buckets, keys and roles,
// where auto-arrange would put it.
double belowContents(const Design &d, const std::string &accountId)
{
    double bottom = layout::kAccountHeader;
    auto consider = [&](const auto &list, double defaultHeight) {
        for (const auto &e : list)
            if (e.account == accountId)
                bottom = std::max(bottom, e.geometry.y
                                              + (e.geometry.height > 0 ? e.geometry.height
                                                                       : defaultHeight)
                                              + layout::kItemGap);
    };
    consider(d.buckets, layout::kBucketHeight);
    consider(d.keys, layout::kKeyHeight);
    consider(d.roles, layout::kRoleHeight);
    return bottom;
}

// The role a new rule from src uses: the one the source's other rules use, else one used by
// rules of other buckets in the same account, else any role of the account; empty if none.
std::string replicationRoleFor(const Design &d, const Bucket &src)
{
    for (const ReplicationRule &r : d.rules)
        if (r.source == src.id && !r.role.empty())
            return r.role;
    for (const ReplicationRule &r : d.rules) {
        const Bucket *b = findBucket(d, r.source);
        if (b && b->account == src.account && !r.role.empty())
            return r.role;
    }
    for (const Role &r : d.roles)
        if (r.account == src.account)
            return r.id;
    return {};
}

} // namespace

std::string defaultRegionOf(const Design &design, const std::string &accountId)
{
    const std::string region = model::mainRegion(design, accountId);
    return region.empty() ? std::string("us-east-1") : region;
}

ReplicationPlan planReplication(const Document &doc, const QString &sourceBucket,
                                const QString &destinationBucket)
{
    const Design &d = doc.design();
    ReplicationPlan plan;
    const Bucket *src = findBucket(d, sourceBucket.toStdString());
    const Bucket *dst = findBucket(d, destinationBucket.toStdString());
    if (!src || !dst)
        return plan;

    ReplicationRule &rule = plan.rule;
    rule.id = doc.newId(QStringLiteral("rule")).toStdString();
    rule.source = src->id;
    rule.destination = dst->id;

    // Rule IDs are unique within the source's configuration; priorities too (V2 schema).
    std::set<std::string> usedRuleIds;
    int maxPriority = 0;
    for (const ReplicationRule &r : d.rules) {
        if (r.source != src->id)
            continue;
        usedRuleIds.insert(r.ruleId);
        maxPriority = std::max(maxPriority, r.priority);
    }
    rule.ruleId = uniqueName(("replicate-to-" + dst->name).substr(0, 240), usedRuleIds);
    rule.priority = maxPriority + 1;
    rule.deleteMarkerReplication = true;
    rule.metrics = true;

    rule.role = replicationRoleFor(d, *src);
    if (rule.role.empty()) {
        Role r;
        r.id = doc.newId(QStringLiteral("role")).toStdString();
        r.account = src->account;
        r.name = "s3-replication-role";
        r.path = "/service-role/";
        r.geometry = {layout::kAccountPadding, belowContents(d, src->account), layout::kRoleWidth,
                      layout::kRoleHeight};
        rule.role = r.id;
        plan.newRole = r;
    }

    if (usesKms(*src)) {
        if (const KmsKey *key = replicaKeyFor(d, *dst)) {
            rule.replicateKmsObjects = true;
            rule.replicaKey = key->id;
        }
    }
    return plan;
}

QUndoCommand *replicationCommand(Document &doc, const QString &sourceBucket,
                                 const QString &destinationBucket)
{
    if (sourceBucket == destinationBucket)
        return nullptr;
    if (doc.indexOf(ElementKind::Bucket, sourceBucket) < 0
        || doc.indexOf(ElementKind::Bucket, destinationBucket) < 0)
        return nullptr;
    const ReplicationPlan plan = planReplication(doc, sourceBucket, destinationBucket);
    const auto *dst = findBucket(doc.design(), destinationBucket.toStdString());
    auto *macro = new QUndoCommand(
        QCoreApplication::translate("Canvas", "Replicate to %1")
            .arg(QString::fromStdString(dst ? dst->name : std::string())));
    if (plan.newRole)
        new AddElementCommand(doc, *plan.newRole, macro);
    new AddElementCommand(doc, plan.rule, macro);
    return macro;
}

Account newAccount(const Document &doc, double x, double y)
{
    Account a;
    a.id = doc.newId(QStringLiteral("a")).toStdString();
    a.name = uniqueName("account", namesIn(doc.design().accounts, &Account::name));
    a.geometry = {x, y, layout::kMinAccountWidth, layout::kMinAccountHeight};
    return a;
}

namespace {

// A new bucket, key or role: a fresh id, its account, its place and default size.
template<typename T>
T newInAccount(const Document &doc, const char *idPrefix, const QString &accountId, double x,
               double y, double width, double height)
{
    T e;
    e.id = doc.newId(QString::fromLatin1(idPrefix)).toStdString();
    e.account = accountId.toStdString();
    e.geometry = {x, y, width, height};
    return e;
}

} // namespace

Bucket newBucket(const Document &doc, const QString &accountId, double x, double y)
{
    auto b = newInAccount<Bucket>(doc, "b", accountId, x, y, layout::kBucketWidth,
                                  layout::kBucketHeight);
    b.region = defaultRegionOf(doc.design(), b.account);
    b.name = uniqueName("new-bucket", namesIn(doc.design().buckets, &Bucket::name));
    return b;
}

KmsKey newKey(const Document &doc, const QString &accountId, const std::string &region, double x,
              double y)
{
    auto k = newInAccount<KmsKey>(doc, "k", accountId, x, y, layout::kKeyWidth,
                                  layout::kKeyHeight);
    k.region = region;
    k.alias = uniqueName("alias/replication-key",
                         namesIn(doc.design().keys, &KmsKey::alias, &k.account));
    k.keyId = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    return k;
}

Role newRole(const Document &doc, const QString &accountId, double x, double y)
{
    auto r = newInAccount<Role>(doc, "role", accountId, x, y, layout::kRoleWidth,
                                layout::kRoleHeight);
    r.name = uniqueName("s3-replication-role",
                        namesIn(doc.design().roles, &Role::name, &r.account));
    r.path = "/service-role/";
    return r;
}

QUndoCommand *addToAccountCommand(Document &doc, ElementKind kind, const QString &accountId,
                                  double x, double y)
{
    if (doc.indexOf(ElementKind::Account, accountId) < 0)
        return nullptr;
    x = std::max(8.0, x);
    y = std::max(layout::kAccountHeader, y);
    switch (kind) {
    case ElementKind::Bucket: return new AddElementCommand(doc, newBucket(doc, accountId, x, y));
    case ElementKind::Key: {
        const std::string region = defaultRegionOf(doc.design(), accountId.toStdString());
        return new AddElementCommand(doc, newKey(doc, accountId, region, x, y));
    }
    case ElementKind::Role: return new AddElementCommand(doc, newRole(doc, accountId, x, y));
    case ElementKind::Account:
    case ElementKind::Rule: break;
    }
    return nullptr;
}

QUndoCommand *encryptWithNewKeyCommand(Document &doc, const QString &bucketId)
{
    const Bucket *b = findBucket(doc.design(), bucketId.toStdString());
    if (!b)
        return nullptr;
    const KmsKey key = newKey(doc, QString::fromStdString(b->account), b->region,
                              layout::kAccountPadding, belowContents(doc.design(), b->account));
    Bucket changed = *b;
    if (changed.defaultEncryption == DefaultEncryption::SseS3)
        changed.defaultEncryption = DefaultEncryption::SseKms;
    changed.defaultKey = key.id;
    if (changed.defaultEncryption == DefaultEncryption::SseKms)
        changed.objectEncryptions.sseKms = true;
    else
        changed.objectEncryptions.dsseKms = true;
    auto *macro = new QUndoCommand(QCoreApplication::translate("Canvas",
                                                               "Encrypt %1 with a new KMS key")
                                       .arg(QString::fromStdString(b->name)));
    new AddElementCommand(doc, key, macro);
    new UpdateElementCommand(doc, changed, QString(), macro);
    return macro;
}

std::vector<Element> movedToAccount(const Document &doc, const std::vector<Placement> &boxes,
                                    const QString &accountId)
{
    std::vector<Element> after;
    const DesignIndex index(doc.design());
    auto rehome = [&](auto value, const Placement &p) {
        value.account = accountId.toStdString();
        value.geometry.x = p.x;
        value.geometry.y = p.y;
        after.push_back(value);
    };
    for (const Placement &p : boxes) {
        const std::string id = p.id.toStdString();
        if (const Bucket *b = index.bucket(id))
            rehome(*b, p);
        else if (const KmsKey *k = index.key(id))
            rehome(*k, p);
        else if (const Role *r = index.role(id))
            rehome(*r, p);
    }
    return after;
}

namespace {

// The account of a bucket, key or role; empty for anything else.
std::string accountOf(const DesignIndex &index, const std::string &id)
{
    if (const Bucket *b = index.bucket(id))
        return b->account;
    if (const KmsKey *k = index.key(id))
        return k->account;
    if (const Role *r = index.role(id))
        return r->account;
    return {};
}

} // namespace

std::vector<Element> elementsToMove(const Document &doc, const QStringList &selectedIds)
{
    const DesignIndex index(doc.design());
    std::set<std::string> selectedAccounts;
    for (const QString &id : selectedIds)
        if (index.account(id.toStdString()))
            selectedAccounts.insert(id.toStdString());
    std::vector<Element> moving;
    for (const QString &id : selectedIds) {
        const std::optional<ElementKind> kind = doc.kindOfId(id);
        if (!kind || *kind == ElementKind::Rule
            || selectedAccounts.count(accountOf(index, id.toStdString())))
            continue;
        if (auto e = doc.element(*kind, id))
            moving.push_back(*e);
    }
    return moving;
}

std::vector<Element> translated(std::vector<Element> elements, double dx, double dy)
{
    for (Element &e : elements) {
        std::visit(
            [&](auto &v) {
                if constexpr (requires { v.geometry; }) {
                    v.geometry.x += dx;
                    v.geometry.y += dy;
                }
            },
            e);
    }
    return elements;
}

bool movesIntoAccount(const Document &doc, const QStringList &draggedIds,
                      const QString &accountId)
{
    if (draggedIds.isEmpty() || doc.indexOf(ElementKind::Account, accountId) < 0)
        return false;
    const DesignIndex index(doc.design());
    std::set<std::string> ownAccounts;
    for (const QString &id : draggedIds) {
        const std::optional<ElementKind> kind = doc.kindOfId(id);
        if (!kind || *kind == ElementKind::Account || *kind == ElementKind::Rule)
            return false; // an account moves as it is, never into another
        ownAccounts.insert(accountOf(index, id.toStdString()));
    }
    return !(ownAccounts.size() == 1 && *ownAccounts.begin() == accountId.toStdString());
}

QUndoCommand *autoArrangeCommand(Document &doc)
{
    Design arranged = autoArrange(doc.design());
    if (arranged == doc.design())
        return nullptr;
    return new ReplaceDesignCommand(doc, std::move(arranged),
                                    QCoreApplication::translate("Canvas", "Auto-arrange"));
}

} // namespace s3rd::document
