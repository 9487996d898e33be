#pragma once

// The overview of a big design: the whole scene at a small scale with the main view's visible
// area outlined. Clicking or dragging in it scrolls the main view there.

#include <QGraphicsView>

namespace s3rd::views {

class CanvasView;

class Minimap : public QGraphicsView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Minimap)

public:
    explicit Minimap(CanvasView *mainView, QWidget *parent = nullptr);
    QSize sizeHint() const override { return {260, 180}; }

public slots:
    void refit();

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    CanvasView *m_main;
    bool m_needsFit = true;
};

} // namespace s3rd::views
