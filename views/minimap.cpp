#include "minimap.h"

#include "canvasview.h"

#include <QMouseEvent>
#include <QTimer>

namespace s3rd::views {

Minimap::Minimap(CanvasView *mainView, QWidget *parent)
    : QGraphicsView(mainView->scene(), parent)
    , m_main(mainView)
{
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setRenderHints(QPainter::Antialiasing);
    setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);
    setFrameShape(QFrame::NoFrame);
    setToolTip(tr("Overview: click or drag to move the canvas view"));
    connect(m_main, &CanvasView::visibleRectChanged, viewport(), qOverload<>(&QWidget::update));
    // The design's extent changes with edits; refit once per event-loop turn at most.
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setInterval(0);
    connect(timer, &QTimer::timeout, this, &Minimap::refit);
    connect(scene(), &QGraphicsScene::changed, timer, qOverload<>(&QTimer::start));
}

void Minimap::refit()
{
    if (!scene())
        return;
    const QRectF r = scene()->itemsBoundingRect().adjusted(-40, -40, 40, 40);
    if (r.isEmpty() || (r == sceneRect() && !m_needsFit))
        return;
    m_needsFit = false;
    setSceneRect(r);
    fitInView(r, Qt::KeepAspectRatio);
}

void Minimap::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, palette().color(QPalette::Base));
}

void Minimap::drawForeground(QPainter *painter, const QRectF &)
{
    const QRectF visible = m_main->mapToScene(m_main->viewport()->rect()).boundingRect();
    QColor fill = palette().color(QPalette::Highlight);
    fill.setAlphaF(0.15);
    painter->setBrush(fill);
    painter->setPen(QPen(palette().color(QPalette::Highlight), 0));
    painter->drawRect(visible);
}

void Minimap::mousePressEvent(QMouseEvent *event)
{
    m_main->centerOn(mapToScene(event->position().toPoint()));
    event->accept();
}

void Minimap::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        m_main->centerOn(mapToScene(event->position().toPoint()));
    event->accept();
}

void Minimap::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    m_needsFit = true;
    refit();
}

void Minimap::wheelEvent(QWheelEvent *event)
{
    event->accept(); // the overview always shows everything
}

} // namespace s3rd::views
