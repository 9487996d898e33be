#pragma once

// The view on the canvas: zoom (Ctrl+wheel, zoomIn/zoomOut/resetZoom), pan (middle button,
// Space+drag, scroll bars), fit to contents, rubber-band selection, and a grid background.

#include <QGraphicsView>

namespace s3rd::views {

class CanvasScene;

class CanvasView : public QGraphicsView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CanvasView)

public:
    explicit CanvasView(CanvasScene *scene, QWidget *parent = nullptr);

    qreal zoom() const { return transform().m11(); }
    void setZoom(qreal zoom);

public slots:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void fitToContents();

signals:
    void zoomChanged(qreal zoom);
    // The visible scene area changed (scroll, zoom, resize): the minimap follows it.
    void visibleRectChanged();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override; // Space held: pan
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void scrollContentsBy(int dx, int dy) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void zoomBy(qreal factor, const QPointF &viewPos);
    void startPan(const QPoint &pos);

    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panLast;
};

} // namespace s3rd::views
