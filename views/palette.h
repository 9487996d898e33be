#pragma once

// The palette: an account, a bucket, a KMS key and a role to drag onto the canvas, and the
// connect tool. Drags carry kPaletteMimeType (canvasscene.h) with the element kind.

#include <QWidget>

class QToolButton;

namespace s3rd::views {

class PaletteWidget : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PaletteWidget)

public:
    explicit PaletteWidget(QWidget *parent = nullptr);

    // Checkable: while on, dragging from any bucket draws a replication rule.
    QToolButton *connectButton() const { return m_connect; }

private:
    QToolButton *m_connect = nullptr;
};

} // namespace s3rd::views
