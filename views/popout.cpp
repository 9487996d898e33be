#include "popout.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace s3rd::views {

PopOut::PopOut(QWidget *content, QWidget *holder, const QSize &windowSize)
    : QObject(holder)
    , m_content(content)
    , m_holder(holder)
    , m_windowSize(windowSize)
{
    auto *layout = new QVBoxLayout(holder);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(content, 1);

    m_placeholder = new QWidget;
    m_placeholder->setObjectName(QStringLiteral("poppedOutPlaceholder"));
    auto *row = new QHBoxLayout(m_placeholder);
    row->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("Shown in its own window."));
    label->setWordWrap(true);
    auto *back = new QPushButton(tr("Bring back"));
    back->setObjectName(QStringLiteral("bringBackButton"));
    row->addWidget(label, 1);
    row->addWidget(back);
    layout->addWidget(m_placeholder);
    m_placeholder->hide();
    connect(back, &QPushButton::clicked, this, &PopOut::bringBack);
}

PopOut::~PopOut()
{
    // The content belongs to the panel: take it home before the window goes.
    if (m_window) {
        m_window->removeEventFilter(this);
        bringBack();
    }
}

void PopOut::setWindowTitle(const QString &title)
{
    m_title = title;
    if (m_window)
        m_window->setWindowTitle(title);
}

void PopOut::popOut()
{
    if (m_window) {
        m_window->raise();
        m_window->activateWindow();
        return;
    }
    // A tool window of the panel's top-level window: it stays in front and closes with it.
    m_window = new QWidget(m_holder->window(), Qt::Window);
    m_window->setObjectName(QStringLiteral("popOutWindow"));
    m_window->setAttribute(Qt::WA_DeleteOnClose);
    m_window->setWindowTitle(m_title);
    auto *layout = new QVBoxLayout(m_window);
    layout->addWidget(m_content);
    m_window->installEventFilter(this);
    m_window->resize(m_windowSize);
    m_placeholder->show();
    m_window->show();
    emit poppedOutChanged(true);
}

void PopOut::bringBack()
{
    if (!m_window)
        return;
    QWidget *window = m_window;
    m_window = nullptr;
    window->removeEventFilter(this);
    m_windowSize = window->size();
    static_cast<QVBoxLayout *>(m_holder->layout())->insertWidget(0, m_content, 1);
    m_content->show();
    m_placeholder->hide();
    window->close();
    emit poppedOutChanged(false);
}

bool PopOut::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Close)
        bringBack();
    return QObject::eventFilter(watched, event);
}

} // namespace s3rd::views
