#pragma once

// The checklist panel: the findings of Document::report() with severity icons, counts and a
// severity filter; the explanation, documentation link and one-click fix of the current finding;
// and the pre-flight checklist with its ticks (none while the design has no replication rule:
// an empty design is not ready for anything).
//
// Contract: clicking a finding asks the canvas to select and centre its elements
// (Selection::selectAndCentre). A fix edits a copy of the design and is pushed as one
// ReplaceDesignCommand named after the fix. Refreshes once per event-loop turn.

#include "designpanel.h"
#include "editcontext.h"

#include <QTimer>

#include <string>
#include <unordered_set>
#include <vector>

class QLabel;
class QPushButton;
class QToolButton;
class QModelIndex;
class QTreeView;
class QListWidget;
class QUndoStack;

namespace s3rd::views {

class FindingsModel;
class ChecklistPanel : public DesignPanel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChecklistPanel)

public:
    explicit ChecklistPanel(const EditContext &context, QWidget *parent = nullptr);

    // Applies the fix of the current finding (what the Fix button does); false when it has none.
    bool applyCurrentFix();
    // After an edit, findings that appeared are tinted (FindingAppearedRole on their rows) and
    // those that went are listed struck through, for a few seconds.
    static constexpr int FindingAppearedRole = Qt::UserRole + 3;
    // The id of a finding's rule (e.g. "versioning-destination-off"), on each row.
    static constexpr int RuleRole = Qt::UserRole + 4;
    QStringList goneFindings() const;
    QTreeView *findingList() const { return m_findings; }

private:
    void refreshContents() override;
    void applyFilter();
    void showDetails();
    void selectElementsOf(const QModelIndex &index);
    const model::Finding *currentFinding() const;
    void restoreCurrent();
    void placeResolved();
    void retint(); // repaints the visible rows whose tint changed (m_retint)
    bool eventFilter(QObject *watched, QEvent *event) override;
    void flashChanges(const std::vector<std::size_t> &hashes, const model::CheckReport &report);

    QUndoStack &m_undo;

    QToolButton *m_filters[3] = {};
    FindingsModel *m_model = nullptr;
    QTreeView *m_findings = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_details = nullptr;
    QPushButton *m_fix = nullptr;
    QListWidget *m_preflight = nullptr;
    QLabel *m_preflightNote = nullptr; // shown while the design has no rule to check
    std::vector<std::size_t> m_findingHashes; // to skip resetting an unchanged list
    std::vector<std::string> m_preflightKeys;
    // The current finding, by identity (the report is recomputed after every edit).
    std::string m_currentRule;
    std::vector<std::string> m_currentElements;
    std::string m_currentMessage;
    bool m_syncing = false;
    bool m_filled = false; // refreshed once: later changes are an edit's
    std::vector<std::string> m_findingMessages; // parallel to m_findingHashes
    std::unordered_set<std::size_t> m_appeared;
    std::unordered_set<std::size_t> m_retint; // hashOf() of findings tinted before or now
    QLabel *m_resolved = nullptr;
    QTimer m_flashTimer;
};

} // namespace s3rd::views
