#include "refreshafterpaint.h"

#include "document.h"

#include <QEvent>
#include <QTimer>
#include <QWidget>

#include <utility>

namespace s3rd::views {

RefreshAfterPaint::RefreshAfterPaint(document::Document &doc, QTimer &refresh, QObject *parent)
    : QObject(parent)
    , m_refresh(refresh)
{
    connect(&doc, &document::Document::designReset, this, [this] { m_newDesign = true; });
}

bool RefreshAfterPaint::takeNewDesign()
{
    return std::exchange(m_newDesign, false);
}

void RefreshAfterPaint::refreshOncePainted(QWidget *widget)
{
    clear();
    m_watched = widget;
    widget->installEventFilter(this);
}

void RefreshAfterPaint::clear()
{
    m_newDesign = false;
    if (m_watched)
        m_watched->removeEventFilter(this);
    m_watched = nullptr;
}

bool RefreshAfterPaint::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_watched && event->type() == QEvent::Paint) {
        m_watched->removeEventFilter(this);
        m_watched = nullptr;
        m_refresh.start(); // runs once the window's paint is done
    }
    return QObject::eventFilter(watched, event);
}

} // namespace s3rd::views
