#pragma once

// What the side panels (properties, policies, checklist, simulator) have in common: they show
// what the design says, so they follow Document::contentChanged() and never a box moved on the
// canvas (Document::changed() with a change of geometry only); and however many changes come in
// during one event-loop turn, they refresh once (a zero-timeout single-shot timer).
//
// Contract: a subclass implements refreshContents() and calls refresh() at the end of its
// constructor. refresh() brings the panel up to date at once and then emits refreshed().
//
// A new design (File › Open) in a shown window: the canvas is painted first. The panel covers
// itself with "Working…" and fills once that has been painted, at the next turn of the event
// loop, so the window shows the whole diagram before the panels' documents and checks are made.

#include "checks/findings.h"
#include "document.h"

#include <QHash>
#include <QIcon>
#include <QTimer>
#include <QWidget>

#include <initializer_list>

class QLabel;
class QSplitter;
class QStyle;
class QVBoxLayout;

namespace s3rd::views {

class RefreshAfterPaint;
class Selection;
enum class Highlight;

// The icon of a finding of this severity, in every panel that lists findings.
QIcon severityIcon(const QStyle *style, model::Severity severity);

// How the splitter shares out room among its parts, the first factor for the first part.
void setStretchFactors(QSplitter *splitter, std::initializer_list<int> factors);

class DesignPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesignPanel)

public:
    ~DesignPanel() override;

    // Brings the panel up to date now (normally done once per event-loop turn after a change).
    void refresh();

signals:
    void refreshed();

protected:
    DesignPanel(document::Document &doc, Selection &selection, const QString &objectName,
                QWidget *parent);

    // Refreshes at the next turn of the event loop (once, however often it is called).
    void scheduleRefresh();
    virtual void refreshContents() = 0;
    // The panel's top-level layout: a column inside the frame every side panel has.
    QVBoxLayout *newPanelLayout();
    // Lights elements on the canvas for this panel; an empty set clears only what this panel
    // lit, never another panel's highlights.
    void setOwnHighlights(const QHash<QString, Highlight> &highlights);
    // True while the canvas shows what this panel lit last (no other panel has lit since).
    bool highlightsAreOwn() const;
    // Lays the splitter's parts side by side while the panel is wide (docked under the canvas)
    // and one above the other while it is tall (docked beside it), so neither shape wastes
    // room or forces the dock to grow.
    // `shares` are the parts' relative sizes when side by side.
    void followShape(QSplitter *splitter, QList<int> shares);
    void resizeEvent(QResizeEvent *event) override;

    document::Document &m_doc;
    Selection &m_selection;

private:
    // The refresh timer's slot: refresh(), or first "Working…" after a new design.
    void refreshDue();

    QTimer m_refreshTimer;
    RefreshAfterPaint *m_afterPaint = nullptr; // after a new design, the refresh waits for a paint
    QLabel *m_working = nullptr; // covers the panel until it fills after a new design
    QHash<QString, Highlight> m_ownHighlights;
    QList<std::pair<QSplitter *, QList<int>>> m_shapeSplitters;
};

} // namespace s3rd::views
