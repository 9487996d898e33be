#include "canvasscene.h"

#include "canvasitems.h"
#include "commands.h"
#include "connectplanner.h"
#include "core/autoarrange.h"
#include "selection.h"

#include <QApplication>
#include <QGraphicsPathItem>
#include <QGraphicsView>
#include <QUndoStack>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace s3rd::views {

using namespace s3rd::model;
using document::Element;
using document::ElementKind;

namespace {

constexpr int kIndexDepth = 8; // 256 cells

bool naturalLess(const QString &a, const QString &b)
{
    return a.size() != b.size() ? a.size() < b.size() : a < b;
}

} // namespace

CanvasScene::CanvasScene(document::Document &doc, QUndoStack &undo, Selection &selection,
                         QObject *parent)
    : QGraphicsScene(parent)
    , m_doc(doc)
    , m_undo(undo)
    , m_selection(selection)
{
    // Qt sizes its item index by the number of items (some 32,000 cells for 20,000 items), and
    // files an item in every cell it covers: the long arrows of a large design in thousands
    // each, which made building the index take seconds at the first paint.
    setBspTreeDepth(kIndexDepth);
    connect(&m_doc, &document::Document::elementAdded, this, &CanvasScene::addItemFor);
    connect(&m_doc, &document::Document::elementAboutToBeRemoved, this,
            &CanvasScene::removeItemFor);
    connect(&m_doc, &document::Document::elementRemoved, this,
            [this](ElementKind kind, const QString &id) {
                invalidateIndex();
                if (kind == ElementKind::Bucket)
                    updateArrowsOfBucket(id);
            });
    connect(&m_doc, &document::Document::elementChanged, this, &CanvasScene::changeItemFor);
    connect(&m_doc, &document::Document::designReset, this, &CanvasScene::rebuild);
    connect(&m_doc, &document::Document::changed, this, &CanvasScene::invalidateIndex);

    connect(this, &QGraphicsScene::selectionChanged, this, &CanvasScene::onSceneSelectionChanged);
    connect(&m_selection, &Selection::selectionChanged, this, &CanvasScene::onSelectionChanged);
    connect(&m_selection, &Selection::selectionChanged, this, &CanvasScene::updateRelated);
    connect(&m_doc, &document::Document::contentChanged, this, &CanvasScene::updateRelated);
    connect(&m_selection, &Selection::highlightsChanged, this, &CanvasScene::onHighlightsChanged);
    connect(&m_selection, &Selection::centreRequested, this, &CanvasScene::onCentreRequested);

    rebuild();
}

CanvasScene::~CanvasScene()
{
    // Items must not call back into a half-destroyed scene through selection signals.
    disconnect(this, &QGraphicsScene::selectionChanged, this,
               &CanvasScene::onSceneSelectionChanged);
}

const DesignIndex &CanvasScene::index() const
{
    if (!m_index)
        m_index = std::make_unique<DesignIndex>(m_doc.design());
    return *m_index;
}

void CanvasScene::invalidateIndex()
{
    m_index.reset();
    m_boxesDirty = true;
}

AccountItem *CanvasScene::accountItem(const QString &id) const
{
    NodeItem *n = m_nodes.value(id);
    return n && n->kind() == ElementKind::Account ? static_cast<AccountItem *>(n) : nullptr;
}

BucketItem *CanvasScene::bucketItem(const QString &id) const
{
    NodeItem *n = m_nodes.value(id);
    return n && n->kind() == ElementKind::Bucket ? static_cast<BucketItem *>(n) : nullptr;
}

// --- Building and keeping in sync ---

void CanvasScene::rebuild()
{
    invalidateIndex();
    m_move.reset();
    m_dropTarget = nullptr;
    m_connectTarget = nullptr;
    m_connectSource.clear();
    m_syncingSelection = true;
    clear(); // deletes every item, including a connect line in progress
    m_syncingSelection = false;
    m_connectLine = nullptr;
    m_nodes.clear();
    m_nodesById.clear();
    m_rules.clear();
    m_ruleGrid.clear();
    m_ruleCells.clear();
    m_arrowSegments = {};
    m_labelRects = diagram::RectIndex();
    m_rulesOfBucket.clear();
    m_ruleEnds.clear();

    const Design &d = m_doc.design();
    m_rebuilding = true;
    for (const Account &a : d.accounts)
        addItemFor(ElementKind::Account, QString::fromStdString(a.id));
    for (const Bucket &b : d.buckets)
        addItemFor(ElementKind::Bucket, QString::fromStdString(b.id));
    for (const KmsKey &k : d.keys)
        addItemFor(ElementKind::Key, QString::fromStdString(k.id));
    for (const Role &r : d.roles)
        addItemFor(ElementKind::Role, QString::fromStdString(r.id));
    m_rebuilding = false;
    for (const Account &a : d.accounts) {
        if (AccountItem *item = accountItem(QString::fromStdString(a.id)))
            item->fitChildren();
    }
    std::vector<RuleItem *> rules;
    for (const ReplicationRule &r : d.rules)
        rules.push_back(addRuleItem(QString::fromStdString(r.id), QString::fromStdString(r.source),
                                    QString::fromStdString(r.destination)));
    // Paths once all rules are known, so lanes and ports are right the first time; labels once
    // all paths are, in design order, as the exported diagram places them.
    std::vector<RuleItem *> routed;
    std::vector<diagram::RouteRequest> requests;
    for (RuleItem *item : rules) {
        item->updateLabel();
        if (std::optional<diagram::RouteRequest> request = item->routeRequest()) {
            routed.push_back(item);
            requests.push_back(std::move(*request));
        }
    }
    fileBoxes(); // before the threads read the grids
    std::vector<diagram::ArrowRoute> routes = diagram::routeArrows(requests);
    for (std::size_t i = 0; i < routed.size(); ++i)
        routed[i]->setRoute(std::move(routes[i]), false);
    for (RuleItem *item : rules)
        item->placeLabel();
    onSelectionChanged();
    m_related.clear();
    updateRelated();
    m_lastHighlights.clear();
    onHighlightsChanged();
}

RuleItem *CanvasScene::addRuleItem(const QString &id, const QString &source,
                                   const QString &destination)
{
    auto *item = new RuleItem(*this, id);
    addItem(item);
    m_rules.insert(id, item);
    m_ruleEnds.insert(id, {source, destination});
    m_rulesOfBucket[source].insert(id);
    m_rulesOfBucket[destination].insert(id);
    return item;
}

void CanvasScene::updateLabelsFrom(const QString &bucketId)
{
    for (const QString &rule : m_rulesOfBucket.value(bucketId))
        if (m_ruleEnds.value(rule).first == bucketId)
            m_rules.value(rule)->updateLabel();
}

QString CanvasScene::accountOfElement(const QString &id) const
{
    const std::string sid = id.toStdString();
    const auto &idx = index();
    if (const Bucket *b = idx.bucket(sid))
        return QString::fromStdString(b->account);
    if (const KmsKey *k = idx.key(sid))
        return QString::fromStdString(k->account);
    if (const Role *r = idx.role(sid))
        return QString::fromStdString(r->account);
    return {};
}

void CanvasScene::reparent(NodeItem *item, const QString &accountId)
{
    AccountItem *account = accountItem(accountId);
    QGraphicsItem *current = item->parentItem();
    if (current == account && (account || item->scene() == this))
        return;
    auto *oldAccount = dynamic_cast<AccountItem *>(current);
    if (account) {
        item->setParentItem(account);
    } else {
        item->setParentItem(nullptr);
        if (item->scene() != this)
            addItem(item);
    }
    if (oldAccount)
        oldAccount->fitChildren();
}

void CanvasScene::addItemFor(ElementKind kind, const QString &id)
{
    // An element added to the design changes it; rebuild() reads one unchanged design.
    if (!m_rebuilding)
        invalidateIndex();
    else
        m_boxesDirty = true;
    if (kind == ElementKind::Rule) {
        const ReplicationRule *r = index().rule(id.toStdString());
        if (!r || m_rules.contains(id))
            return;
        const QString src = QString::fromStdString(r->source);
        const QString dst = QString::fromStdString(r->destination);
        addRuleItem(id, src, dst)->updateLabel();
        // The new arrow takes a lane and a port at each bucket: the others there make room.
        updateArrowsOfBucket(src);
        updateArrowsOfBucket(dst);
        // "P1/P2" appears on the source's arrows once it has several rules.
        updateLabelsFrom(src);
        return;
    }
    if (m_nodes.contains(id))
        return;

    NodeItem *item = nullptr;
    switch (kind) {
    case ElementKind::Account: item = new AccountItem(*this, id); break;
    case ElementKind::Bucket: item = new BucketItem(*this, id); break;
    case ElementKind::Key: item = new KeyItem(*this, id); break;
    case ElementKind::Role: item = new RoleItem(*this, id); break;
    case ElementKind::Rule: return;
    }
    m_nodes.insert(id, item);
    m_nodesById.clear();
    if (kind == ElementKind::Account) {
        addItem(item);
        item->sync();
        if (m_rebuilding)
            return; // accounts come first: nothing is waiting for this one yet
        // Elements that were waiting for this account (an undo restoring it) move into it.
        for (NodeItem *n : std::as_const(m_nodes))
            if (n != item && !n->parentItem() && n->kind() != ElementKind::Account
                && accountOfElement(n->id()) == id)
                reparent(n, id);
        static_cast<AccountItem *>(item)->fitChildren();
        return;
    }
    reparent(item, accountOfElement(id));
    if (syncAndFitAccount(item) && kind == ElementKind::Bucket)
        updateArrowsOfBucket(id);
}

bool CanvasScene::syncAndFitAccount(NodeItem *item)
{
    item->sync();
    if (m_rebuilding)
        return false; // no rule yet; rebuild() fits each account once
    if (auto *account = dynamic_cast<AccountItem *>(item->parentItem()))
        account->fitChildren();
    return true;
}

void CanvasScene::removeItemFor(ElementKind kind, const QString &id)
{
    m_boxesDirty = true;
    if (kind == ElementKind::Rule) {
        RuleItem *item = m_rules.take(id);
        if (item)
            fileRuleItem(item, {}, {});
        const auto ends = m_ruleEnds.take(id);
        m_rulesOfBucket[ends.first].remove(id);
        m_rulesOfBucket[ends.second].remove(id);
        delete item;
        // The remaining arrows of the pair close ranks once the rule is gone from the model.
        QMetaObject::invokeMethod(
            this,
            [this, ends] {
                updateArrowsOfBucket(ends.first);
                updateArrowsOfBucket(ends.second);
                updateLabelsFrom(ends.first);
            },
            Qt::QueuedConnection);
        return;
    }
    NodeItem *item = m_nodes.take(id);
    m_nodesById.clear();
    if (!item)
        return;
    if (m_dropTarget == item)
        m_dropTarget = nullptr;
    if (m_connectTarget == item)
        m_connectTarget = nullptr;
    if (m_move && m_move->ids.contains(id))
        m_move.reset();
    if (m_connectSource == id) {
        m_connectSource.clear();
        delete m_connectLine;
        m_connectLine = nullptr;
    }
    // Children still in the model (the account is removed on its own) stay on the canvas.
    const QList<QGraphicsItem *> children = item->childItems();
    for (QGraphicsItem *child : children) {
        if (auto *node = dynamic_cast<NodeItem *>(child)) {
            const QPointF scenePos = node->scenePos();
            node->setParentItem(nullptr);
            node->setPos(scenePos);
        }
    }
    auto *account = dynamic_cast<AccountItem *>(item->parentItem());
    delete item;
    if (account)
        account->fitChildren();
}

void CanvasScene::changeItemFor(ElementKind kind, const QString &id,
                                document::ChangedProperties what)
{
    invalidateIndex();
    if (kind == ElementKind::Rule) {
        RuleItem *item = m_rules.value(id);
        const ReplicationRule *r = index().rule(id.toStdString());
        if (!item || !r)
            return;
        const auto oldEnds = m_ruleEnds.value(id);
        const QPair<QString, QString> ends(QString::fromStdString(r->source),
                                           QString::fromStdString(r->destination));
        if (ends != oldEnds) {
            m_rulesOfBucket[oldEnds.first].remove(id);
            m_rulesOfBucket[oldEnds.second].remove(id);
            m_rulesOfBucket[ends.first].insert(id);
            m_rulesOfBucket[ends.second].insert(id);
            m_ruleEnds.insert(id, ends);
            for (const QString &bucket : {oldEnds.first, oldEnds.second, ends.first, ends.second})
                updateArrowsOfBucket(bucket);
            for (const QString &bucket : {oldEnds.first, ends.first})
                for (const QString &other : m_rulesOfBucket.value(bucket))
                    m_rules.value(other)->updateLabel();
        }
        item->updateLabel();
        updateLanes(ends.first, ends.second);
        return;
    }
    NodeItem *item = m_nodes.value(id);
    if (!item)
        return;
    if (kind == ElementKind::Account) {
        item->sync();
        updateArrowsOfAccount(id);
        return;
    }
    if (what & document::ChangedProperty::Owner)
        reparent(item, accountOfElement(id));
    if (!syncAndFitAccount(item))
        return;
    if (kind == ElementKind::Bucket) {
        // Region changes turn SRR into CRR; position changes move only this bucket's arrows.
        if (what & document::ChangedProperty::Content)
            for (const QString &rule : m_rulesOfBucket.value(id))
                m_rules.value(rule)->updateLabel();
        // A change of content alone leaves the box where it was: its arrows stay.
        if (what & (document::ChangedProperty::Geometry | document::ChangedProperty::Owner))
            updateArrowsOfBucket(id);
    }
}

void CanvasScene::updateArrowsOfBucket(const QString &bucketId)
{
    if (m_rulesOfBucket.value(bucketId).isEmpty())
        return;
    QSet<const RuleItem *> changed;
    QStringList neighbours;
    for (const QString &rule : inDesignOrder(m_rulesOfBucket.value(bucketId))) {
        RuleItem *item = m_rules.value(rule);
        if (!item)
            continue;
        item->updatePath();
        changed.insert(item);
        const auto ends = m_ruleEnds.value(rule);
        neighbours << (ends.first == bucketId ? ends.second : ends.first);
    }
    // The other ends' arrows may take other ports now that this bucket moved.
    for (const QString &neighbour : std::as_const(neighbours)) {
        for (const QString &rule : inDesignOrder(m_rulesOfBucket.value(neighbour))) {
            RuleItem *item = m_rules.value(rule);
            if (!item || changed.contains(item))
                continue;
            const auto ends = m_ruleEnds.value(rule);
            const qreal now = ends.first == neighbour ? item->ends().sourcePort
                                                      : item->ends().destinationPort;
            if (portOffset(rule, neighbour) != now) {
                item->updatePath();
                changed.insert(item);
            }
        }
    }
    clearLabelsFrom(changed);
}

void CanvasScene::clearLabelsFrom(const QSet<const RuleItem *> &changed)
{
    if (changed.isEmpty())
        return;
    QRectF area;
    for (const RuleItem *item : changed)
        area |= item->sceneBoundingRect();
    std::vector<const RuleItem *> nearby;
    ruleItemsIn(area, nearby);
    for (const RuleItem *near : nearby) {
        const QRectF label = near->labelRect();
        if (changed.contains(near) || label.isNull())
            continue;
        const bool covered = std::any_of(changed.begin(), changed.end(), [&](const RuleItem *c) {
            return c->labelRect().intersects(label)
                   || diagram::lengthInside(c->route().line, label) > 0;
        });
        if (covered)
            m_rules.value(near->id())->placeLabel();
    }
}

QStringList CanvasScene::inDesignOrder(const QSet<QString> &ruleIds) const
{
    if (ruleIds.size() < 2) // no order to find (and no index to build while the scene is made)
        return QStringList(ruleIds.begin(), ruleIds.end());
    const auto &idx = index();
    const ReplicationRule *first = m_doc.design().rules.data();
    std::vector<std::pair<std::ptrdiff_t, QString>> order;
    for (const QString &id : ruleIds) {
        const ReplicationRule *r = idx.rule(id.toStdString());
        order.emplace_back(r ? r - first : PTRDIFF_MAX, id);
    }
    std::sort(order.begin(), order.end());
    QStringList out;
    for (const auto &entry : order)
        out << entry.second;
    return out;
}

qreal CanvasScene::portOffset(const QString &ruleId, const QString &bucketId) const
{
    const auto boxOf = [this](const QString &id) -> std::optional<QRectF> {
        const BucketItem *b = bucketItem(id);
        if (!b)
            return std::nullopt;
        return b->mapRectToScene(b->rect());
    };
    const auto bucket = boxOf(bucketId);
    if (!bucket)
        return 0;
    std::vector<diagram::ArrowBoxes> arrows;
    std::size_t which = 0;
    for (const QString &rule : inDesignOrder(m_rulesOfBucket.value(bucketId))) {
        const auto ends = m_ruleEnds.value(rule);
        const auto from = boxOf(ends.first), to = boxOf(ends.second);
        if (!from || !to)
            continue;
        if (rule == ruleId)
            which = arrows.size();
        arrows.push_back({*from, *to});
    }
    return diagram::portOffset(*bucket, arrows, which);
}

void CanvasScene::updateArrowsOfAccount(const QString &accountId)
{
    AccountItem *account = accountItem(accountId);
    if (!account)
        return;
    for (QGraphicsItem *child : account->childItems())
        if (auto *bucket = dynamic_cast<BucketItem *>(child))
            updateArrowsOfBucket(bucket->id());
}

void CanvasScene::updateLanes(const QString &sourceId, const QString &destinationId)
{
    for (const QString &rule : m_rulesOfBucket.value(sourceId)) {
        const auto ends = m_ruleEnds.value(rule);
        if ((ends.first == sourceId && ends.second == destinationId)
            || (ends.first == destinationId && ends.second == sourceId))
            m_rules.value(rule)->updatePath();
    }
}

std::pair<int, int> CanvasScene::laneOf(const QString &ruleId) const
{
    const auto ends = m_ruleEnds.value(ruleId);
    QStringList pair;
    for (const QString &rule : m_rulesOfBucket.value(ends.first)) {
        const auto e = m_ruleEnds.value(rule);
        if ((e.first == ends.first && e.second == ends.second)
            || (e.first == ends.second && e.second == ends.first))
            pair << rule;
    }
    std::sort(pair.begin(), pair.end(), naturalLess);
    const int lane = int(pair.indexOf(ruleId));
    return {std::max(0, lane), std::max<int>(1, int(pair.size()))};
}

// --- Colours ---

QColor CanvasScene::accentColour(ElementKind kind) const
{
    return diagram::Style::fromApplication().accent(diagram::Kind(int(kind)));
}

QColor CanvasScene::highlightColour(const QString &id, bool *has) const
{
    const auto &h = m_selection.highlights();
    const auto it = h.find(id);
    if (has)
        *has = it != h.end();
    if (it == h.end())
        return {};
    switch (*it) {
    case Highlight::Pass: return QColor(0x2e, 0x9d, 0x5b);
    case Highlight::Fail: return QColor(0xd6, 0x45, 0x41);
    case Highlight::Emphasis: break;
    }
    return QColor(0xf0, 0x9a, 0x10);
}

// --- Selection, highlights, centring ---

void CanvasScene::onSceneSelectionChanged()
{
    if (m_syncingSelection)
        return;
    QSet<QString> selected;
    for (QGraphicsItem *item : selectedItems()) {
        if (auto *node = dynamic_cast<NodeItem *>(item))
            selected.insert(node->id());
        else if (auto *rule = dynamic_cast<RuleItem *>(item))
            selected.insert(rule->id());
    }
    // Keep the order of what stays selected (the first id is the "current" element).
    QStringList ids;
    for (const QString &id : m_selection.ids())
        if (selected.remove(id))
            ids << id;
    QStringList added(selected.begin(), selected.end());
    std::sort(added.begin(), added.end(), naturalLess);
    ids << added;
    m_syncingSelection = true;
    m_selection.setSelected(ids);
    m_syncingSelection = false;
}

void CanvasScene::onSelectionChanged()
{
    if (m_syncingSelection)
        return;
    m_syncingSelection = true;
    const QStringList &ids = m_selection.ids();
    const QSet<QString> wanted(ids.begin(), ids.end());
    for (QGraphicsItem *item : selectedItems()) {
        QString id;
        if (auto *node = dynamic_cast<NodeItem *>(item))
            id = node->id();
        else if (auto *rule = dynamic_cast<RuleItem *>(item))
            id = rule->id();
        if (!wanted.contains(id))
            item->setSelected(false);
    }
    for (const QString &id : ids) {
        if (NodeItem *n = m_nodes.value(id))
            n->setSelected(true);
        else if (RuleItem *r = m_rules.value(id))
            r->setSelected(true);
    }
    m_syncingSelection = false;
}

void CanvasScene::onHighlightsChanged()
{
    QSet<QString> ids(m_lastHighlights.keyBegin(), m_lastHighlights.keyEnd());
    m_lastHighlights.clear();
    for (auto it = m_selection.highlights().begin(); it != m_selection.highlights().end(); ++it) {
        ids.insert(it.key());
        m_lastHighlights.insert(it.key(), int(it.value()));
    }
    for (const QString &id : ids) {
        if (NodeItem *n = m_nodes.value(id))
            n->update();
        else if (RuleItem *r = m_rules.value(id))
            r->update();
    }
}

QRectF CanvasScene::boundingRectOf(const QStringList &ids) const
{
    QRectF r;
    for (const QString &id : ids) {
        if (NodeItem *n = m_nodes.value(id))
            r = r.united(n->sceneBoundingRect());
        else if (RuleItem *rule = m_rules.value(id))
            r = r.united(rule->sceneBoundingRect());
    }
    return r;
}

void CanvasScene::onCentreRequested(const QStringList &ids)
{
    const QRectF r = boundingRectOf(ids);
    if (r.isNull())
        return;
    for (QGraphicsView *view : views()) {
        const QRectF visible = view->mapToScene(view->viewport()->rect()).boundingRect();
        if (r.width() > visible.width() || r.height() > visible.height())
            view->fitInView(r.adjusted(-60, -60, 60, 60), Qt::KeepAspectRatio);
        else
            view->centerOn(r.center());
    }
}

QPointF CanvasScene::connectorPos(const QString &bucketId) const
{
    BucketItem *b = bucketItem(bucketId);
    return b ? b->mapToScene(b->connectorRect().center()) : QPointF();
}

void CanvasScene::setTool(Tool tool)
{
    if (tool == m_tool)
        return;
    m_tool = tool;
    for (NodeItem *n : std::as_const(m_nodes))
        if (n->kind() == ElementKind::Bucket)
            n->update();
}

void CanvasScene::setSnapToGrid(bool on)
{
    m_snap = on;
}

void CanvasScene::setExportMode(bool on)
{
    m_exportMode = on;
    update();
}

void CanvasScene::autoArrange()
{
    if (QUndoCommand *cmd = document::autoArrangeCommand(m_doc))
        m_undo.push(cmd);
}

QPointF CanvasScene::snapped(const QPointF &p) const
{
    if (!m_snap)
        return p;
    return QPointF(std::round(p.x() / kGridSize) * kGridSize,
                   std::round(p.y() / kGridSize) * kGridSize);
}

} // namespace s3rd::views
