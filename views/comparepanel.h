#pragma once

// File › Compare with…: what the current design changes against another version of it (a design
// file, or the last saved version of this one), as `s3rd diff` reports it
// (model/review/designreview.h), listed for review: access newly granted and findings
// introduced first, then access removed, findings resolved, the elements added, removed and
// changed (with the fields), the generated documents that change (a click shows the unified
// diff, coloured) and the simulate outcomes that change.
//
// Contract:
// - compareWith() takes the other design (already loaded; files are read by the caller) and
//   reviews old = that design, new = the document's design. The review follows the document:
//   it is made again once per event-loop turn after a change of content while the panel is
//   shown (and when it is shown again), or at once with refresh().
// - While the panel is shown, every element the change added or changed that is on the canvas
//   is lit (Selection::setHighlights, Highlight::Emphasis); hiding the panel (closing its dock)
//   clears them. Clicking a row of an element, a finding or an outcome selects its elements on
//   the canvas and centres them.

#include "designpanel.h"

#include "core/designfile.h"
#include "review/designreview.h"

#include <optional>
#include <vector>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace s3rd::views {

class ComparePanel : public DesignPanel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComparePanel)

public:
    // The sections, in the order they are listed.
    enum Section
    {
        Granted,
        Introduced,
        Removed,
        Resolved,
        Elements,
        Documents,
        Simulate
    };

    ComparePanel(document::Document &doc, Selection &selection, QWidget *parent = nullptr);
    ~ComparePanel() override;

    // Compares the document's design with `other`, named `label` ("design-v1.s3rd.json", "the
    // last saved version").
    void compareWith(model::Design other, const QString &label);
    bool hasComparison() const { return m_other.has_value(); }
    QString otherLabel() const { return m_label; }
    const model::review::DesignReview &review() const { return m_review; }

    // The ids lit on the canvas: the elements added or changed that the design holds.
    QStringList changedIds() const;

    QTreeWidget *list() const { return m_list; }
    QPlainTextEdit *diffView() const { return m_diff; }
    QTreeWidgetItem *sectionItem(Section section) const;

    // Why a file does not load, one problem a line in the form `s3rd diff` prints:
    // "FILE:LOCATION: message".
    static QString loadProblemsText(const QString &path,
                                    const std::vector<model::LoadProblem> &problems);

protected:
    void refreshContents() override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void fill();
    void addElementRows(QTreeWidgetItem *section);
    void activate(QTreeWidgetItem *item);
    void showDetails(QTreeWidgetItem *item);
    void showDiff(const QString &diff);
    void updateHighlights();

    std::optional<model::Design> m_other;
    QString m_label;
    model::review::DesignReview m_review;
    bool m_stale = false; // the design changed while the panel was hidden

    QLabel *m_header = nullptr;
    QPushButton *m_refresh = nullptr;
    QTreeWidget *m_list = nullptr;
    QPlainTextEdit *m_diff = nullptr;
};

} // namespace s3rd::views
