#pragma once

// The current selection: view state shared by the canvas and the panels. Not in the model and
// not on the undo stack.
//
// Contract: setSelected() emits selectionChanged() only when the set of ids really changes.
// highlight() is a transient emphasis (a hovered statement, a simulated path) that the canvas
// draws on top of the selection; it does not change the selection.

#include <QHash>
#include <QObject>
#include <QStringList>

namespace s3rd::views {

// How the canvas emphasises an element or arrow on top of the selection.
enum class Highlight { Emphasis, Pass, Fail };

class Selection : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Selection)

public:
    explicit Selection(QObject *parent = nullptr)
        : QObject(parent)
    {
    }

    const QStringList &ids() const { return m_ids; }
    QString current() const { return m_ids.isEmpty() ? QString() : m_ids.first(); }
    bool contains(const QString &id) const { return m_ids.contains(id); }

    void setSelected(const QStringList &ids)
    {
        if (ids == m_ids)
            return;
        m_ids = ids;
        emit selectionChanged();
    }
    void clear() { setSelected({}); }

    // Asks the canvas to select these ids and scroll them into view (a finding was clicked).
    void selectAndCentre(const QStringList &ids)
    {
        setSelected(ids);
        emit centreRequested(ids);
    }

    // Transient emphasis by element id: a statement's elements in the policies panel, or the
    // simulated path (green where it passes, red at the failing step).
    const QHash<QString, Highlight> &highlights() const { return m_highlights; }
    void setHighlights(const QHash<QString, Highlight> &highlights)
    {
        if (highlights == m_highlights)
            return;
        m_highlights = highlights;
        emit highlightsChanged();
    }
    void clearHighlights() { setHighlights({}); }

signals:
    void selectionChanged();
    void highlightsChanged();
    void centreRequested(const QStringList &ids);

private:
    QStringList m_ids;
    QHash<QString, Highlight> m_highlights;
};

} // namespace s3rd::views
