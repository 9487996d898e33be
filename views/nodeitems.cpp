#include "nodeitems.h"

#include "canvasscene.h"
#include "core/autoarrange.h"
#include "core/names.h"
#include "diagramlayout.h"
#include "qtext.h"

#include <QGraphicsSceneHoverEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace s3rd::views {

using namespace s3rd::model;
using document::ElementKind;
using diagram::Kind;
using diagram::Style;

// The painter's kinds follow the document's, so one converts to the other by value.
static_assert(int(ElementKind::Account) == int(Kind::Account)
              && int(ElementKind::Bucket) == int(Kind::Bucket)
              && int(ElementKind::Key) == int(Kind::Key) && int(ElementKind::Role) == int(Kind::Role)
              && int(ElementKind::Rule) == int(Kind::Rule));

// --- CanvasItem ---

CanvasItem::CanvasItem(CanvasScene &scene, const QString &id)
    : m_canvas(scene)
    , m_id(id)
{
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
}

diagram::PaintState CanvasItem::paintState(const QStyleOptionGraphicsItem *option,
                                           const QPainter *painter) const
{
    diagram::PaintState state;
    const bool onScreen = !m_canvas.exportMode();
    state.selected = isSelected() && onScreen;
    state.hovered = m_hovered && onScreen;
    state.related = onScreen && m_canvas.isRelated(m_id);
    bool highlighted = false;
    const QColor colour = m_canvas.highlightColour(m_id, &highlighted);
    if (highlighted)
        state.highlight = colour;
    state.detail =
        option->levelOfDetailFromTransform(painter->worldTransform()) >= diagram::kDetailLod;
    return state;
}

void CanvasItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void CanvasItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

// --- NodeItem ---

NodeItem::NodeItem(CanvasScene &scene, ElementKind kind, const QString &id)
    : CanvasItem(scene, id)
    , m_kind(kind)
{
    setZValue(kind == ElementKind::Account ? 0 : 1);
}

QRectF NodeItem::boundingRect() const
{
    // Room for the selection outline and the bucket connector handle.
    return m_rect.adjusted(-4, -4, diagram::kConnectorRadius + 4, 4);
}

void NodeItem::setRect(const QRectF &rect)
{
    if (rect == m_rect)
        return;
    prepareGeometryChange();
    m_rect = rect;
}

void NodeItem::place(const Geometry &geometry)
{
    setPos(geometry.x, geometry.y);
    setRect(QRectF(QPointF(0, 0), diagram::boxSize(Kind(int(m_kind)), geometry)));
}

// --- ElementItem ---

template<typename Element>
const Element *ElementItem<Element>::element() const
{
    return m_canvas.index().template element<Element>(m_id.toStdString());
}

template<typename Element>
void ElementItem<Element>::paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
                                 QWidget *)
{
    const Element *e = element();
    if (!e)
        return;
    diagram::PaintState state = paintState(option, painter);
    addPaintState(state);
    const Style style = Style::fromApplication();
    if constexpr (std::is_same_v<Element, Account>)
        diagram::paintAccount(*painter, style, *e, m_rect, state);
    else if constexpr (std::is_same_v<Element, Bucket>)
        diagram::paintBucket(*painter, style, *e, m_canvas.index().key(e->defaultKey), m_rect,
                             state);
    else if constexpr (std::is_same_v<Element, KmsKey>)
        diagram::paintKey(*painter, style, *e, m_rect, state);
    else
        diagram::paintRole(*painter, style, *e, m_rect, state);
}

template class ElementItem<Account>;
template class ElementItem<Bucket>;
template class ElementItem<KmsKey>;
template class ElementItem<Role>;

// --- AccountItem ---

void AccountItem::sync()
{
    const Account *a = element();
    if (!a)
        return;
    setPos(a->geometry.x, a->geometry.y);
    m_modelSize = diagram::boxSize(Kind::Account, a->geometry);
    QString tip = QObject::tr("<b>%1</b><br>Account %2 · partition %3")
                      .arg(qs(a->name).toHtmlEscaped(),
                           a->accountId.empty() ? QObject::tr("(no account ID)") : qs(a->accountId),
                           qs(std::string(names::partitionName(a->partition))));
    if (!a->note.empty())
        tip += QStringLiteral("<br>") + qs(a->note).toHtmlEscaped();
    setToolTip(tip);
    fitChildren();
    update();
}

void AccountItem::fitChildren()
{
    if (m_canvas.moveInProgress())
        return;
    QRectF r(QPointF(0, 0), m_modelSize);
    for (QGraphicsItem *child : childItems()) {
        if (auto *node = dynamic_cast<NodeItem *>(child)) {
            const QRectF c = node->rect().translated(node->pos());
            r = r.united(c.adjusted(-layout::kAccountPadding / 2, -layout::kAccountHeader,
                                    layout::kAccountPadding, layout::kAccountPadding));
        }
    }
    setRect(r);
}

void AccountItem::setDropTarget(bool on)
{
    if (on == m_dropTarget)
        return;
    m_dropTarget = on;
    update();
}

QPainterPath AccountItem::shape() const
{
    return diagram::accountOutline(m_rect);
}

void AccountItem::addPaintState(diagram::PaintState &state) const
{
    state.dropTarget = m_dropTarget;
}

// --- BucketItem ---

void BucketItem::sync()
{
    const Bucket *b = element();
    if (!b)
        return;
    place(b->geometry);
    setToolTip(summaryToolTip());
    update();
}

QString BucketItem::summaryToolTip() const
{
    const Bucket *b = element();
    if (!b)
        return {};
    QString tip = QObject::tr("<b>%1</b><br>Region %2<br>Drag the round handle on the right "
                              "edge to another bucket to replicate to it.")
                      .arg(qs(b->name).toHtmlEscaped(), diagram::regionLabel(b->region));
    if (!b->note.empty())
        tip += QStringLiteral("<br>") + qs(b->note).toHtmlEscaped();
    return tip;
}

QRectF BucketItem::connectorRect() const
{
    return diagram::connectorRect(m_rect);
}

void BucketItem::setConnectTarget(bool on)
{
    if (on == m_connectTarget)
        return;
    m_connectTarget = on;
    update();
}

void BucketItem::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    QString tip;
    if (connectorRect().adjusted(-3, -3, 3, 3).contains(event->pos()))
        tip = QObject::tr("Drag to another bucket to replicate to it.");
    if (const Bucket *b = element()) {
        const auto badges = diagram::bucketBadges(Style::fromApplication(), *b,
                                                  m_canvas.index().key(b->defaultKey), m_rect);
        for (const diagram::Badge &badge : badges)
            if (badge.rect.contains(event->pos()))
                tip = badge.toolTip;
    }
    setToolTip(tip.isEmpty() ? summaryToolTip() : tip);
    NodeItem::hoverMoveEvent(event);
}

void BucketItem::addPaintState(diagram::PaintState &state) const
{
    state.connectTarget = m_connectTarget;
    // Connector handle: always there on screen (discoverable), stronger on hover and in
    // connect mode.
    if (!m_canvas.exportMode())
        state.connector = m_hovered || isSelected() || m_canvas.tool() == CanvasScene::Tool::Connect
                              ? 2
                              : 1;
}

// --- KeyItem, RoleItem ---

template<typename Element>
LeafItem<Element>::LeafItem(CanvasScene &scene, const QString &id)
    : ElementItem<Element>(scene, kIsKey ? ElementKind::Key : ElementKind::Role, id)
{
}

template<typename Element>
void LeafItem<Element>::sync()
{
    const Element *e = this->element();
    if (!e)
        return;
    this->place(e->geometry);
    if constexpr (kIsKey)
        this->setToolTip(QObject::tr("<b>%1</b><br>KMS key, %2, %3<br>%4")
                             .arg(qs(e->alias).toHtmlEscaped(), diagram::keyKindLabel(e->kind),
                                  diagram::regionLabel(e->region), qs(e->keyId).toHtmlEscaped()));
    else
        this->setToolTip(
            QObject::tr("<b>%1</b><br>IAM role, path %2<br>S3 assumes it to replicate.")
                .arg(qs(e->name).toHtmlEscaped(), qs(e->path).toHtmlEscaped()));
    this->update();
}

template class LeafItem<KmsKey>;
template class LeafItem<Role>;

} // namespace s3rd::views
