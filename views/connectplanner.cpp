#include "connectplanner.h"

#include "commands.h"
#include "core/autoarrange.h"

#include <QCoreApplication>
#include <QUuid>

#include <algorithm>
#include <map>
#include <set>

namespace s3rd::views {

using namespace s3rd::model;
using document::AddElementCommand;
using document::Document;

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

} // namespace

std::string defaultRegionOf(const Design &design, const std::string &accountId)
{
    std::map<std::string, int> counts;
    for (const Bucket &b : design.buckets)
        if (b.account == accountId && !b.region.empty())
            ++counts[b.region];
    std::string best = "us-east-1";
    int bestCount = 0;
    for (const auto &[region, count] : counts) {
        if (count > bestCount) {
            best = region;
            bestCount = count;
        }
    }
    return best;
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

    // The role: the one the source's other rules use, else one used by rules of other buckets
    // in the same account, else any role of the account.
    std::string role;
    for (const ReplicationRule &r : d.rules)
        if (r.source == src->id && !r.role.empty()) {
            role = r.role;
            break;
        }
    if (role.empty()) {
        for (const ReplicationRule &r : d.rules) {
            const Bucket *b = findBucket(d, r.source);
            if (b && b->account == src->account && !r.role.empty()) {
                role = r.role;
                break;
            }
        }
    }
    if (role.empty()) {
        for (const Role &r : d.roles)
            if (r.account == src->account) {
                role = r.id;
                break;
            }
    }
    if (role.empty()) {
        Role r;
        r.id = doc.newId(QStringLiteral("role")).toStdString();
        r.account = src->account;
        r.name = "s3-replication-role";
        r.path = "/service-role/";
        // Below the account's other elements, where auto-arrange would put it.
        double bottom = layout::kAccountHeader;
        auto consider = [&](const auto &list, double defaultHeight) {
            for (const auto &e : list)
                if (e.account == src->account)
                    bottom = std::max(bottom, e.geometry.y + (e.geometry.height > 0
                                                                  ? e.geometry.height
                                                                  : defaultHeight)
                                                  + layout::kItemGap);
        };
        consider(d.buckets, layout::kBucketHeight);
        consider(d.keys, layout::kKeyHeight);
        consider(d.roles, layout::kRoleHeight);
        r.geometry = {layout::kAccountPadding, bottom, layout::kRoleWidth, layout::kRoleHeight};
        role = r.id;
        plan.newRole = r;
    }
    rule.role = role;

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
    if (doc.indexOf(document::ElementKind::Bucket, sourceBucket) < 0
        || doc.indexOf(document::ElementKind::Bucket, destinationBucket) < 0)
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
    const Design &d = doc.design();
    std::set<std::string> names;
    for (const Account &a : d.accounts)
        names.insert(a.name);
    Account a;
    a.id = doc.newId(QStringLiteral("a")).toStdString();
    a.name = uniqueName("account", names);
    a.geometry = {x, y, layout::kMinAccountWidth, layout::kMinAccountHeight};
    return a;
}

Bucket newBucket(const Document &doc, const QString &accountId, double x, double y)
{
    const Design &d = doc.design();
    std::set<std::string> names;
    for (const Bucket &b : d.buckets)
        names.insert(b.name);
    Bucket b;
    b.id = doc.newId(QStringLiteral("b")).toStdString();
    b.account = accountId.toStdString();
    b.region = defaultRegionOf(d, b.account);
    b.name = uniqueName("new-bucket", names);
    b.geometry = {x, y, layout::kBucketWidth, layout::kBucketHeight};
    return b;
}

KmsKey newKey(const Document &doc, const QString &accountId, const std::string &region, double x,
              double y)
{
    const Design &d = doc.design();
    std::set<std::string> aliases;
    for (const KmsKey &k : d.keys)
        if (k.account == accountId.toStdString())
            aliases.insert(k.alias);
    KmsKey k;
    k.id = doc.newId(QStringLiteral("k")).toStdString();
    k.account = accountId.toStdString();
    k.region = region;
    k.alias = uniqueName("alias/replication-key", aliases);
    k.keyId = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    k.geometry = {x, y, layout::kKeyWidth, layout::kKeyHeight};
    return k;
}

Role newRole(const Document &doc, const QString &accountId, double x, double y)
{
    const Design &d = doc.design();
    std::set<std::string> names;
    for (const Role &r : d.roles)
        if (r.account == accountId.toStdString())
            names.insert(r.name);
    Role r;
    r.id = doc.newId(QStringLiteral("role")).toStdString();
    r.account = accountId.toStdString();
    r.name = uniqueName("s3-replication-role", names);
    r.path = "/service-role/";
    r.geometry = {x, y, layout::kRoleWidth, layout::kRoleHeight};
    return r;
}

} // namespace s3rd::views
