#include "designpanel.h"

#include "refreshafterpaint.h"
#include "selection.h"

#include <QLabel>
#include <QResizeEvent>
#include <QSplitter>
#include <QStyle>
#include <QVBoxLayout>

#include <utility>

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
    connect(&m_refreshTimer, &QTimer::timeout, this, &DesignPanel::refreshDue);
    connect(&m_doc, &document::Document::contentChanged, this, &DesignPanel::scheduleRefresh);
    m_afterPaint = new RefreshAfterPaint(m_doc, m_refreshTimer, this);
}

DesignPanel::~DesignPanel() = default;

void DesignPanel::scheduleRefresh()
{
    m_refreshTimer.start();
}

void DesignPanel::refreshDue()
{
    if (m_afterPaint->takeNewDesign() && isVisible() && !m_working) {
        // One cover at a time: a second new design before the paint fills the panel at once.
        m_working = new QLabel(tr("Working…"), this);
        m_working->setAlignment(Qt::AlignCenter);
        m_working->setAutoFillBackground(true);
        m_working->setGeometry(rect());
        m_working->show();
        m_working->raise();
        m_afterPaint->refreshOncePainted(m_working);
        return;
    }
    refresh();
}

void DesignPanel::refresh()
{
    m_refreshTimer.stop();
    m_afterPaint->clear();
    refreshContents();
    if (m_working) {
        m_working->hide();
        m_working->deleteLater();
        m_working = nullptr;
    }
    emit refreshed();
}

QVBoxLayout *DesignPanel::newPanelLayout()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    return layout;
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

void DesignPanel::followShape(QSplitter *splitter, QList<int> shares)
{
    m_shapeSplitters.append({splitter, std::move(shares)});
}

void DesignPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_working)
        m_working->setGeometry(rect());
    const Qt::Orientation shape = event->size().width() > event->size().height() * 3 / 2
                                      ? Qt::Horizontal
                                      : Qt::Vertical;
    for (const auto &[splitter, shares] : std::as_const(m_shapeSplitters)) {
        if (splitter->orientation() == shape)
            continue;
        splitter->setOrientation(shape);
        if (shape == Qt::Horizontal) {
            QList<int> sizes;
            for (int share : shares)
                sizes << share * 100;
            splitter->setSizes(sizes);
        }
    }
}

void setStretchFactors(QSplitter *splitter, std::initializer_list<int> factors)
{
    int index = 0;
    for (int factor : factors)
        splitter->setStretchFactor(index++, factor);
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
