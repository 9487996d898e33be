// The canvas's relationship emphasis and its keyboard selection (Tab, Shift+Tab): the parts of
// CanvasScene that follow the selection rather than the model.

#include "canvasrelations.h"

#include "canvasitems.h"
#include "canvasscene.h"
#include "qtext.h"
#include "selection.h"

namespace s3rd::views {

using namespace s3rd::model;

namespace {

// The key the rule reads its source objects with, when it replicates SSE-KMS objects.
const std::string *sourceKeyOf(const DesignIndex &index, const ReplicationRule &rule)
{
    const Bucket *source = index.bucket(rule.source);
    if (!rule.replicateKmsObjects || !source || !source->encryptsWithKms()
        || source->defaultKey.empty())
        return nullptr;
    return &source->defaultKey;
}

void addIfSet(QSet<QString> &out, const std::string &id)
{
    if (!id.empty())
        out.insert(qs(id));
}

} // namespace

QSet<QString> relatedElements(const DesignIndex &index, const QStringList &selected)
{
    QSet<QString> out;
    const Design &design = index.design();
    for (const QString &id : selected) {
        const std::string sid = id.toStdString();
        if (const ReplicationRule *rule = index.rule(sid)) {
            addIfSet(out, rule->role);
            addIfSet(out, rule->replicaKey);
            if (const std::string *key = sourceKeyOf(index, *rule))
                addIfSet(out, *key);
        } else if (index.key(sid)) {
            for (const Bucket &b : design.buckets)
                if (b.encryptsWithKms() && b.defaultKey == sid)
                    out.insert(qs(b.id));
            for (const ReplicationRule &r : design.rules) {
                const std::string *sourceKey = sourceKeyOf(index, r);
                if (r.replicaKey == sid || (sourceKey && *sourceKey == sid))
                    out.insert(qs(r.id));
            }
        } else if (index.role(sid)) {
            for (const ReplicationRule *r : index.rulesUsingRole(sid))
                out.insert(qs(r->id));
        } else if (const Bucket *bucket = index.bucket(sid)) {
            if (bucket->encryptsWithKms())
                addIfSet(out, bucket->defaultKey);
        }
    }
    for (const QString &id : selected)
        out.remove(id);
    return out;
}

// --- CanvasScene: relations ---

void CanvasScene::updateRelated()
{
    QSet<QString> related = relatedElements(index(), m_selection.ids());
    if (related == m_related)
        return;
    QSet<QString> repaint = related;
    repaint.unite(m_related);
    m_related = std::move(related);
    for (const QString &id : std::as_const(repaint)) {
        if (NodeItem *n = m_nodes.value(id))
            n->update();
        else if (RuleItem *r = m_rules.value(id))
            r->update();
    }
}

// --- CanvasScene: keyboard selection ---

QStringList CanvasScene::tabOrder() const
{
    // Buckets first, then the arrows, keys, roles and accounts: what one works on most.
    const Design &d = m_doc.design();
    QStringList ids;
    for (const Bucket &b : d.buckets)
        ids << qs(b.id);
    for (const ReplicationRule &r : d.rules)
        ids << qs(r.id);
    for (const KmsKey &k : d.keys)
        ids << qs(k.id);
    for (const Role &r : d.roles)
        ids << qs(r.id);
    for (const Account &a : d.accounts)
        ids << qs(a.id);
    return ids;
}

bool CanvasScene::focusNextPrevChild(bool next)
{
    QStringList ids;
    for (const QString &id : tabOrder())
        if (m_nodes.contains(id) || (m_rules.contains(id) && !m_rules.value(id)->path().isEmpty()))
            ids << id;
    if (ids.isEmpty())
        return false;
    const qsizetype at = ids.indexOf(m_selection.current());
    qsizetype to = 0;
    if (at < 0)
        to = next ? 0 : ids.size() - 1;
    else
        to = (at + (next ? 1 : ids.size() - 1)) % ids.size();
    m_selection.selectAndCentre({ids[to]});
    return true;
}

} // namespace s3rd::views
