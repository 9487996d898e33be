#include "ruleitem.h"

#include "canvasscene.h"
#include "qtext.h"

#include <QPainter>
#include <QPainterPathStroker>

#include <utility>

namespace s3rd::views {

using namespace s3rd::model;
using diagram::Style;

RuleItem::RuleItem(CanvasScene &scene, const QString &id)
    : CanvasItem(scene, id)
{
    setZValue(10);
}

diagram::ObstacleQuery RuleItem::obstacles(const QGraphicsItem *source,
                                           const QGraphicsItem *destination) const
{
    return [this, source, destination](const QRectF &area, std::vector<QRectF> &out) {
        m_canvas.boxesIn(area, out, source, destination);
    };
}

void RuleItem::placeLabel()
{
    prepareGeometryChange();
    m_place = {};
    const ReplicationRule *r = m_canvas.index().rule(m_id.toStdString());
    if (r && !m_route.path.isEmpty()) {
        const QGraphicsItem *source = m_canvas.bucketItem(qs(r->source));
        const QGraphicsItem *destination = m_canvas.bucketItem(qs(r->destination));
        diagram::LabelSurroundings around;
        around.boxes = obstacles(source, destination);
        around.frames = [this](const QRectF &area, std::vector<QRectF> &out) {
            m_canvas.accountsIn(area, out);
        };
        around.labels = [this](const QRectF &area, std::vector<QRectF> &out) {
            m_canvas.labelsIn(area, this, out);
        };
        around.arrows = [this](const QRectF &area, qreal limit) {
            return m_canvas.arrowLengthIn(area, this, limit);
        };
        m_place = diagram::placeLabel(m_route, m_ends,
                                      diagram::labelSize(Style::fromApplication(), m_label),
                                      around);
    }
    updateShape();
    update();
}

void RuleItem::updateShape()
{
    m_shape = QPainterPath();
    m_shapeDue = true;
    m_bounds = m_route.bounds().united(m_place.rect).adjusted(-6, -6, 6, 6);
    m_canvas.fileRuleItem(this, m_route.line, m_place.rect);
}

void RuleItem::updateLabel()
{
    const auto &idx = m_canvas.index();
    const ReplicationRule *r = idx.rule(m_id.toStdString());
    if (!r)
        return;
    const Bucket *src = idx.bucket(r->source);
    const Bucket *dst = idx.bucket(r->destination);
    const QString label = diagram::ruleLabel(Style::fromApplication(), *r, src, dst,
                                             src && idx.rulesFrom(src->id).size() > 1);
    m_enabled = r->enabled;

    QString tip = QObject::tr("<b>Rule %1</b><br>%2 → %3<br>Priority %4")
                      .arg(qs(r->ruleId).toHtmlEscaped(),
                           src ? qs(src->name).toHtmlEscaped() : QObject::tr("(missing)"),
                           dst ? qs(dst->name).toHtmlEscaped() : QObject::tr("(missing)"))
                      .arg(r->priority);
    if (!r->filterPrefix.empty())
        tip += QObject::tr("<br>Prefix filter: %1").arg(qs(r->filterPrefix).toHtmlEscaped());
    if (r->replicateKmsObjects)
        tip += QObject::tr("<br>Replicates SSE-KMS objects");
    if (r->replicationTimeControl)
        tip += QObject::tr("<br>Replication Time Control (15 minutes)");
    if (r->deleteMarkerReplication)
        tip += QObject::tr("<br>Replicates delete markers");
    setToolTip(tip);

    if (label != m_label) {
        m_label = label;
        if (!m_route.path.isEmpty())
            placeLabel();
    }
    update();
}

void RuleItem::updatePath(bool withLabel)
{
    if (const std::optional<diagram::RouteRequest> request = routeRequest())
        setRoute(diagram::routeArrow(request->ends, request->obstacles), withLabel);
}

std::optional<diagram::RouteRequest> RuleItem::routeRequest()
{
    m_canvas.countArrowPathUpdate();
    const ReplicationRule *r = m_canvas.index().rule(m_id.toStdString());
    BucketItem *src = r ? m_canvas.bucketItem(qs(r->source)) : nullptr;
    BucketItem *dst = r ? m_canvas.bucketItem(qs(r->destination)) : nullptr;
    if (!src || !dst) {
        prepareGeometryChange();
        m_route = {};
        m_place = {};
        m_canvas.fileRuleItem(this, {}, {});
        m_bounds = QRectF();
        m_shape = QPainterPath();
        m_shapeDue = false;
        return std::nullopt;
    }
    const auto [lane, lanes] = m_canvas.laneOf(m_id);
    m_ends = {src->mapRectToScene(src->rect()), dst->mapRectToScene(dst->rect()), lane, lanes,
              m_canvas.portOffset(m_id, src->id()), m_canvas.portOffset(m_id, dst->id())};
    return diagram::RouteRequest{m_ends, obstacles(src, dst)};
}

void RuleItem::setRoute(diagram::ArrowRoute route, bool withLabel)
{
    prepareGeometryChange();
    m_route = std::move(route);
    if (withLabel) {
        placeLabel();
        return;
    }
    m_place = {};
    updateShape();
    update();
}

QRectF RuleItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath RuleItem::shape() const
{
    if (std::exchange(m_shapeDue, false)) {
        QPainterPathStroker stroker;
        stroker.setWidth(10);
        m_shape = stroker.createStroke(m_route.path);
        m_shape.addPolygon(m_route.head);
        if (!m_place.rect.isNull())
            m_shape.addRect(m_place.rect);
    }
    return m_shape;
}

void RuleItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    diagram::paintArrow(*painter, Style::fromApplication(), m_route, m_enabled, m_label, m_place,
                        paintState(option, painter));
}

} // namespace s3rd::views
