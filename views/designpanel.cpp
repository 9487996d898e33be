#include "designpanel.h"

#include "selection.h"

#include <QStyle>

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

void DesignPanel::setOwnHighlights(const QHash<QString, Highlight> &highlights)
{
    if (highlights.isEmpty() && !highlightsAreOwn()) {
        m_ownHighlights.clear();
        return;
    }
    m_ownHighlights = highlights;
    m_selection.setHighlights(highlights);
}

bool DesignPanel::highlightsAreOwn() const
{
    return m_selection.highlights() == m_ownHighlights;
}

QIcon severityIcon(const QStyle *style, model::Severity severity)
{
    switch (severity) {
    case model::Severity::Error: return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case model::Severity::Warning: return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case model::Severity::Info: break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxInformation);
}

} // namespace s3rd::views
