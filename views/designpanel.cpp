#include "designpanel.h"

namespace s3rd::views {

DesignPanel::DesignPanel(document::Document &doc, Selection &selection, const QString &objectName,
                         QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_selection(selection)
{
    setObjectName(objectName);
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(0);
    connect(&m_refreshTimer, &QTimer::timeout, this, &DesignPanel::refresh);
    connect(&m_doc, &document::Document::contentChanged, this, &DesignPanel::scheduleRefresh);
}

DesignPanel::~DesignPanel() = default;

void DesignPanel::scheduleRefresh()
{
    m_refreshTimer.start();
}

void DesignPanel::refresh()
{
    m_refreshTimer.stop();
    refreshContents();
    emit refreshed();
}

} // namespace s3rd::views
