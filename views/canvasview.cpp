#include "canvasview.h"

#include "canvasscene.h"

#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace s3rd::views {

namespace {
constexpr qreal kMinZoom = 0.05;
constexpr qreal kMaxZoom = 4.0;
constexpr qreal kZoomStep = 1.2;
} // namespace

CanvasView::CanvasView(CanvasScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                   | QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setOptimizationFlags(QGraphicsView::DontSavePainterState);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
}

void CanvasView::setZoom(qreal zoom)
{
    zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    setTransform(QTransform::fromScale(zoom, zoom));
    emit zoomChanged(zoom);
    emit visibleRectChanged();
}

void CanvasView::zoomBy(qreal factor, const QPointF &viewPos)
{
    const qreal target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    if (qFuzzyCompare(target, zoom()))
        return;
    // Keep the scene point under the cursor where it is.
    const QPointF before = mapToScene(viewPos.toPoint());
    setTransform(QTransform::fromScale(target, target));
    const QPointF after = mapToScene(viewPos.toPoint());
    const QPointF shift = (after - before) * target;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - int(std::round(shift.x())));
    verticalScrollBar()->setValue(verticalScrollBar()->value() - int(std::round(shift.y())));
    emit zoomChanged(target);
    emit visibleRectChanged();
}

void CanvasView::zoomIn()
{
    zoomBy(kZoomStep, viewport()->rect().center());
}

void CanvasView::zoomOut()
{
    zoomBy(1 / kZoomStep, viewport()->rect().center());
}

void CanvasView::resetZoom()
{
    const QPointF centre = mapToScene(viewport()->rect().center());
    setZoom(1.0);
    centerOn(centre);
}

void CanvasView::fitToContents()
{
    if (!scene())
        return;
    const QRectF r = scene()->itemsBoundingRect();
    if (r.isEmpty()) {
        resetZoom();
        return;
    }
    fitInView(r.adjusted(-40, -40, 40, 40), Qt::KeepAspectRatio);
    // Never blow a small design up past 100 %: text would look oversized.
    if (zoom() > 1.0)
        setZoom(1.0);
    centerOn(r.center());
    emit zoomChanged(zoom());
    emit visibleRectChanged();
}

void CanvasView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const qreal steps = event->angleDelta().y() / 120.0;
        if (steps != 0)
            zoomBy(std::pow(kZoomStep, steps), event->position());
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void CanvasView::startPan(const QPoint &pos)
{
    m_panning = true;
    m_panLast = pos;
    viewport()->setCursor(Qt::ClosedHandCursor);
}

void CanvasView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton
        || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        startPan(event->position().toPoint());
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void CanvasView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint pos = event->position().toPoint();
        const QPoint delta = pos - m_panLast;
        m_panLast = pos;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void CanvasView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        viewport()->setCursor(m_spaceHeld ? Qt::OpenHandCursor : Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

bool CanvasView::event(QEvent *event)
{
    // Holding Space turns the left button into a pan (as in drawing programs); the cursor says so.
    const bool press = event->type() == QEvent::KeyPress;
    if (press || event->type() == QEvent::KeyRelease) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Space && !key->isAutoRepeat()) {
            m_spaceHeld = press;
            if (press || !m_panning)
                viewport()->setCursor(press ? Qt::OpenHandCursor : Qt::ArrowCursor);
            key->accept();
            return true;
        }
    }
    return QGraphicsView::event(event);
}

void CanvasView::drawBackground(QPainter *painter, const QRectF &rect)
{
    const QPalette pal = palette();
    painter->fillRect(rect, pal.color(QPalette::Base));
    // A dot grid helps aligning; hidden when zoomed out (it would be noise, and slow).
    auto *canvas = qobject_cast<CanvasScene *>(scene());
    if (!canvas || canvas->exportMode() || zoom() < 0.5)
        return;
    const qreal g = CanvasScene::kGridSize * (canvas->snapToGrid() ? 1 : 2);
    QColor dot = pal.color(QPalette::Text);
    dot.setAlphaF(0.12);
    painter->setPen(QPen(dot, 1.5 / zoom()));
    const qreal left = std::floor(rect.left() / g) * g;
    const qreal top = std::floor(rect.top() / g) * g;
    QVector<QPointF> points;
    for (qreal x = left; x < rect.right(); x += g)
        for (qreal y = top; y < rect.bottom(); y += g)
            points.append(QPointF(x, y));
    painter->drawPoints(points.constData(), int(points.size()));
}

void CanvasView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    emit visibleRectChanged();
}

void CanvasView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    emit visibleRectChanged();
}

} // namespace s3rd::views
