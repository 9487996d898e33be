#pragma once

// Presenter mode's full-screen window: the design on a canvas of its own (its own scene and
// selection on the same Document, so the designer's canvas keeps its state), revealed step by
// step in the order of document/presentation.h, with larger type, a step caption, the
// statements each account applies for an arrow, and failing checks drawn in red on the arrows.
//
// Contract:
// - Keys: Right, Down, Page Down, Space, Return and a left click go forward; Left, Up,
//   Page Up and Backspace go back (presenter clickers send Page Up and Page Down); Home and End
//   jump to the first and the last step; N shows or hides the notes overlay; Esc emits
//   leaveRequested(). Ctrl+Z and Ctrl+Shift+Z undo and redo on the design's undo stack.
// - Edits made while presenting (here or in the designer) are followed: the steps are derived
//   again, the current step number is kept, and every error of the checklist that names a
//   revealed arrow is drawn on it in red with its message (the arrow red as the simulator
//   draws a failing step).
// - Elements not revealed yet are hidden; an account whose elements are revealed before it
//   (a trainer's override) is drawn faint around them.

#include "presentation.h"

#include <QHash>
#include <QWidget>

#include <vector>

class QGraphicsView;
class QLabel;
class QTimer;
class QUndoStack;

namespace s3rd::document {
class Document;
}

namespace s3rd::views {

class CanvasScene;
class Selection;

class PresenterWindow : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PresenterWindow)

public:
    PresenterWindow(document::Document &doc, QUndoStack &undo, QWidget *parent = nullptr);
    ~PresenterWindow() override;

    const std::vector<document::PresentationStep> &steps() const { return m_steps; }
    int stepCount() const { return int(m_steps.size()); }
    int currentStep() const { return m_step; } // from 0; -1 when the design is empty
    void setStep(int index);                   // clamped to the steps

    CanvasScene &scene() const { return *m_scene; }
    QGraphicsView &view() const { return *m_view; }

    // "Step 5 of 14: bucket logs-replica"
    QString caption() const;
    // The statements overlay of a statements step, as plain text; empty on other steps.
    QString statementsText() const;
    // The speaker notes of a step (the notes of its elements), as HTML; empty when none.
    QString notesHtml(int index) const;
    // The error messages drawn on a revealed arrow; empty when it has none.
    QStringList failures(const QString &ruleId) const { return m_failures.value(ruleId); }
    bool notesOverlayShown() const { return m_notesOverlayShown; }
    void setNotesOverlayShown(bool on);

    // Handles one presenter key (also for the notes window); false when it is not one.
    bool handleKey(int key, Qt::KeyboardModifiers modifiers);

    // Derives the steps again and redraws now (edits are otherwise followed once per
    // event-loop turn).
    void refreshNow();

signals:
    // The step shown, after every change of step and every redraw after an edit.
    void stepChanged(int index);
    void leaveRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void scheduleRefresh(bool steps);
    void applyReveal();
    void updateFailures();
    void updateHighlights();
    void fitView();
    void layoutOverlays();
    bool isStatementsStep() const;
    void placeNear(QLabel *label, const QRectF &anchor, int maxWidth);
    QString statementsHtml() const;

    document::Document &m_doc;
    Selection *m_selection = nullptr;
    CanvasScene *m_scene = nullptr;
    QGraphicsView *m_view = nullptr;
    QLabel *m_caption = nullptr;
    QLabel *m_statements = nullptr;
    QRect m_statementsRoom; // in the viewport: where fitView() left room for the statements
    QLabel *m_notes = nullptr;
    QHash<QString, QLabel *> m_failureLabels;
    QHash<QString, QStringList> m_failures; // revealed rule id -> error messages
    QTimer *m_refreshTimer = nullptr;
    bool m_stepsDue = true;
    bool m_notesOverlayShown = false;

    std::vector<document::PresentationStep> m_steps;
    int m_step = -1;
};

} // namespace s3rd::views
