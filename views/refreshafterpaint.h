#pragma once

// After a new design (File › Open, File › New), what a panel or the status bar makes from the
// design (the documents, the checks) waits until the window has been painted, so that the
// diagram shows first. The owner refreshes at the timeout of a zero-timeout timer; at that
// timeout it asks takeNewDesign(), and when it should wait it shows that work is under way
// ("Working…", "Checking…") and calls refreshOncePainted() with that widget: the timer starts
// again once the widget has been painted, at the end of the window's paint.

#include <QObject>
#include <QPointer>

class QTimer;
class QWidget;

namespace s3rd::document {
class Document;
}

namespace s3rd::views {

class RefreshAfterPaint : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefreshAfterPaint)

public:
    RefreshAfterPaint(document::Document &doc, QTimer &refresh, QObject *parent);

    // True when a design was opened since the last call or clear().
    bool takeNewDesign();
    // Starts the refresh timer once `widget` has been painted.
    void refreshOncePainted(QWidget *widget);
    // Refreshed: nothing opened is waiting any more.
    void clear();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTimer &m_refresh;
    QPointer<QWidget> m_watched;
    bool m_newDesign = false;
};

} // namespace s3rd::views
