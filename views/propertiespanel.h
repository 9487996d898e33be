#pragma once

// The properties panel: every property of the selected element, editable, with immediate
// validation next to each field and the checklist findings about the element at the bottom.
// The fields are a PropertyForm, filled per kind by buildEditor() (propertyeditors.h).
//
// Contract: reads the Document and the Selection; changes the design only by pushing
// UpdateElementCommand (one merge key per field, so typing in a field is one undo step) onto the
// undo stack. Refreshes once per event-loop turn after Document::contentChanged() or a change of
// selection; a box moved on the canvas shows nothing new here and refreshes nothing.

#include "designpanel.h"
#include "editcontext.h"

#include <string>
#include <vector>

class QLabel;
class QScrollArea;
class QUndoStack;
class QVBoxLayout;

namespace s3rd::views {

class PropertyForm;

class PropertiesPanel : public DesignPanel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PropertiesPanel)

public:
    explicit PropertiesPanel(const EditContext &context, QWidget *parent = nullptr);

    // The element whose properties are shown; empty when none (or several) are selected.
    QString shownElement() const { return m_id; }

private:
    void refreshContents() override;
    void rebuild();    // a new element (or kind) to show: builds the form anew
    void loadValues(); // the same element changed: updates the widgets in place
    void clearForm();
    void showMessage(const QString &text);
    static QString countsText(const int counts[5]); // "2 buckets, 1 role"
    void updateFindings();
    // Shows a finding in a row of the findings list (its severity icon and text labels).
    void showFinding(QWidget *row, const model::Finding &f);

    QUndoStack &m_undo;

    QLabel *m_title = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_formHost = nullptr;
    PropertyForm *m_fields = nullptr; // a child of m_formHost
    QLabel *m_message = nullptr;
    QWidget *m_findingsBox = nullptr;
    QVBoxLayout *m_findingsLayout = nullptr;
    std::vector<std::string> m_findingsShown;

    QString m_id; // element shown, empty when none
    document::ElementKind m_kind = document::ElementKind::Account;
};

} // namespace s3rd::views
