#pragma once

// What the side panels (properties, policies, checklist, simulator) have in common: they show
// what the design says, so they follow Document::contentChanged() and never a box moved on the
// canvas (Document::changed() with a change of geometry only); and however many changes come in
// during one event-loop turn, they refresh once (a zero-timeout single-shot timer).
//
// Contract: a subclass implements refreshContents() and calls refresh() at the end of its
// constructor. refresh() brings the panel up to date at once and then emits refreshed().

#include "document.h"

#include <QTimer>
#include <QWidget>

namespace s3rd::views {

class Selection;

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

    document::Document &m_doc;
    Selection &m_selection;

private:
    QTimer m_refreshTimer;
};

} // namespace s3rd::views
