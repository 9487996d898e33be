#pragma once

// The generated policies panel: every artifact of Document::artifacts(), grouped by account, in
// a syntax-highlighted read-only JSON view with copy buttons. Placing the cursor in a statement
// (or picking it in the statement list) emphasises the elements behind it on the canvas and
// shows why it exists; selecting elements on the canvas lists the statements they cause.
//
// Contract: reads the Document and the Selection, writes only Selection highlights (never the
// design). Refreshes once per event-loop turn; a refresh touches only the tree model and the
// one visible document, so it stays cheap for designs with thousands of artifacts.

#include "designpanel.h"

#include <QHash>
#include <QTimer>

#include <string>
#include <unordered_map>
#include <vector>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeView;
class QTreeWidget;
class QTreeWidgetItem;
class QToolButton;

namespace s3rd::views {

class ArtifactTreeModel;
class FindBar;
class JsonHighlighter;
class PopOut;

class PoliciesPanel : public DesignPanel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PoliciesPanel)

public:
    PoliciesPanel(document::Document &doc, Selection &selection, QWidget *parent = nullptr);

    // The artifact shown in the JSON view (its relative path), empty when none.
    QString currentPath() const { return m_currentPath; }
    // Shows the artifact with this path; false when there is none.
    bool showArtifact(const QString &path);
    // Moves the cursor into the index-th statement (or rule) of the shown document.
    bool selectStatement(int index);

    // After an edit, the documents it changed (by path) stay marked for kChangeMarkMs: in the
    // tree, and in the shown document line by line (added lines green, removed ones struck
    // through). Undo marks the reverse change.
    static constexpr int kChangeMarkMs = 4000;
    QStringList changedPaths() const;
    // The shown document's lines as marked now: '+' added, '-' removed, ' ' unchanged.
    QString lineMarks() const;
    FindBar *findBar() const { return m_findBar; }
    PopOut *popOut() const { return m_popOut; }

protected:
    void changeEvent(QEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct StatementRange
    {
        int begin = 0; // character offsets in the shown text
        int end = 0;
        int note = -1; // index into the artifact's notes, -1 when none
    };

    void refreshContents() override;
    void showCurrent();
    void updateStatementList();
    void onCursorMoved(bool userAction = true);
    void onStatementPicked(QTreeWidgetItem *item);
    void activateNote(const model::Artifact *artifact, int note);
    const model::Artifact *currentArtifact() const;
    // Brings m_causes up to date for these selected ids: again only for the documents generated
    // since, when the documents kept their places.
    void updateCauses(const std::vector<std::string> &selected);
    void copyCurrent();
    void copyAll();
    // Notes which documents the last regeneration changed (only those it generated again);
    // true when the set of documents marked in the tree is another one.
    bool collectChanges();
    void clearChanges();
    // The text to show for `a`: plain, or with the removed lines of its change put back.
    QString displayText(const model::Artifact &a, std::vector<int> *lineShift);
    void markLines();

    ArtifactTreeModel *m_model = nullptr;
    QTreeView *m_tree = nullptr;
    QLabel *m_docTitle = nullptr;
    QPlainTextEdit *m_text = nullptr;
    JsonHighlighter *m_highlighter = nullptr;
    QLabel *m_listTitle = nullptr;
    QTreeWidget *m_statements = nullptr;
    QLabel *m_annotation = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_copyAll = nullptr;
    QToolButton *m_wrap = nullptr;
    QToolButton *m_popOutButton = nullptr;
    FindBar *m_findBar = nullptr;
    PopOut *m_popOut = nullptr;

    struct Change
    {
        std::string before; // the previous text; empty for a new document
        bool added = false;
    };
    std::unordered_map<std::string, Change> m_changes; // by path, while marked
    std::uint64_t m_seenGeneration = 0;
    bool m_designReset = false; // the whole design was replaced since the last regeneration
    QTimer m_changeTimer;
    std::vector<char> m_lineKinds; // per shown line: ' ', '+', '-'

    QString m_currentPath;
    bool m_namesChanged = false; // an element a row names changed since the last refresh
    std::string m_shownText; // the text in m_text, to skip re-setting an unchanged document
    bool m_shownMarked = false; // m_text shows m_shownText with its change marked
    std::vector<StatementRange> m_ranges;
    std::vector<std::string> m_listSignature;
    // Per document, the notes of the statements the selected elements cause, as of a
    // generation of the documents and a selection (statementsCaused()).
    struct Causes
    {
        std::vector<std::vector<std::size_t>> notes;
        std::uint64_t generation = 0;
        std::vector<std::string> selected;
    } m_causes;
    int m_activeRange = -2;
    bool m_syncing = false;
};

} // namespace s3rd::views
