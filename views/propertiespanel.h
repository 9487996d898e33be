#pragma once

// The properties panel: every property of the selected element, editable, with immediate
// validation next to each field and the checklist findings about the element at the bottom.
//
// Contract: reads the Document and the Selection; changes the design only by pushing
// UpdateElementCommand (one merge key per field, so typing in a field is one undo step) onto the
// undo stack. Refreshes once per event-loop turn after Document::changed().

#include "document.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <vector>

class QComboBox;
class QDialog;
class QFormLayout;
class QLabel;
class QScrollArea;
class QUndoStack;
class QVBoxLayout;

namespace s3rd::views {

class Selection;

class PropertiesPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PropertiesPanel)

public:
    PropertiesPanel(document::Document &doc, QUndoStack &undo, Selection &selection,
                    QWidget *parent = nullptr);
    ~PropertiesPanel() override;

    // Brings the panel up to date now (normally done once per event-loop turn).
    void refresh();

    // The element whose properties are shown; empty when none (or several) are selected.
    QString shownElement() const { return m_id; }

private:
    void scheduleRefresh();
    void rebuild();      // a new element (or kind) to show: builds the form anew
    void loadValues();   // the same element changed: updates the widgets in place
    void clearForm();
    void showMessage(const QString &text);
    void updateFindings();

    // Form builders, one per element kind.
    void buildAccount();
    void buildBucket();
    void buildKey();
    void buildRole();
    void buildRule();

    // Adds a labelled row; returns the label under the editor that shows validation problems.
    QLabel *addRow(const QString &label, QWidget *editor, const QString &toolTip = {});
    void addSection(const QString &title);

    template<typename T, typename F>
    void edit(const QString &field, F &&change, bool merge = false);
    template<typename T>
    const T *current() const;

    template<typename T>
    void addText(const QString &label, const QString &field, std::string T::*member,
                 std::function<std::string(const T &)> check = {}, const QString &toolTip = {});
    template<typename T>
    void addNote();
    template<typename T>
    void addCheck(const QString &text, const QString &field, bool T::*member,
                  const QString &toolTip = {});
    template<typename T, typename E>
    void addEnumCombo(const QString &label, const QString &field, E T::*member,
                      const std::vector<std::pair<E, QString>> &values,
                      const QString &toolTip = {});
    template<typename T>
    void addAccountCombo(std::string T::*member);
    template<typename T>
    void addRegionCombo(std::string T::*member);
    template<typename T>
    void addKeyCombo(const QString &label, const QString &field, std::string T::*member,
                     std::function<std::string(const T &)> check, const QString &toolTip);
    template<typename T>
    void addCustomPolicy(const QString &label, const QString &field,
                         std::optional<model::CustomPolicy> T::*member, model::ArtifactKind kind);
    template<typename T>
    void addGuardrails(const QString &label, std::vector<model::GuardrailKind> kinds);
    void addTagsTable();

    void onLoad(std::function<void()> load) { m_loaders.push_back(std::move(load)); }

    document::Document &m_doc;
    QUndoStack &m_undo;
    Selection &m_selection;
    QTimer m_refreshTimer;

    QLabel *m_title = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_formHost = nullptr;
    QFormLayout *m_form = nullptr;
    QLabel *m_message = nullptr;
    QWidget *m_findingsBox = nullptr;
    QVBoxLayout *m_findingsLayout = nullptr;
    std::vector<std::string> m_findingsShown;

    QString m_id; // element shown, empty when none
    document::ElementKind m_kind = document::ElementKind::Account;
    std::vector<std::function<void()>> m_loaders;
    const void *m_loaded = nullptr; // the element being loaded (see current())
    QPointer<QDialog> m_openDialog;
};

} // namespace s3rd::views
