#pragma once

// Moves a part of a panel into a window of its own (to widen or enlarge it) and back: the part
// lives in a holder in the panel; popped out, the holder shows a line saying where it went with
// a button to bring it back, and closing the window brings it back too.

#include <QObject>
#include <QPointer>
#include <QSize>
#include <QString>

class QLabel;
class QPushButton;
class QWidget;

namespace s3rd::views {

class PopOut : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PopOut)

public:
    // `content` is put into `holder` (which must have no layout yet).
    PopOut(QWidget *content, QWidget *holder, const QSize &windowSize);
    ~PopOut() override;

    bool isPoppedOut() const { return m_window != nullptr; }
    QWidget *window() const { return m_window; }
    void setWindowTitle(const QString &title);

public slots:
    void popOut();
    void bringBack();

signals:
    void poppedOutChanged(bool out);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *m_content;
    QWidget *m_holder;
    QWidget *m_placeholder = nullptr;
    QPointer<QWidget> m_window;
    QSize m_windowSize;
    QString m_title;
};

} // namespace s3rd::views
