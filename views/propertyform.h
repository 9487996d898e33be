#pragma once

// The fields of the properties panel's form, one kind of field per function: each adds a
// labelled editor with the problem under it, pushes an UpdateElementCommand when the user edits
// it, and registers a loader that shows the element's current value (without pushing anything).
// The per-kind editors (propertyeditors.h) are lists of these calls.
//
// Contract: a form shows one element, by id; load() reads it again into every field. Edits go
// through the undo stack only. The form is a child of the widget hosting the fields, so the
// connections it is the context of go with them.

#include "commands.h"
#include "core/names.h"
#include "jsonhighlighter.h"
#include "panelparts.h"
#include "policydialog.h"
#include "qtext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QObject>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSignalBlocker>
#include <QUndoStack>
#include <QVBoxLayout>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace s3rd::views {

using ComboItems = std::vector<std::pair<QString, QString>>; // text, data

// Shows a problem under a field (hidden when there is none).
void setError(QLabel *label, const std::string &problem);
// A combo box named `objectName` for a reference by name (an account, region, key, role): as
// narrow as 16 characters, however long the names it lists, so the form fits a narrow dock.
QComboBox *newReferenceCombo(const QString &objectName);
// Fills a combo only when its items differ (so an open popup or a scroll position survives
// unrelated edits), then selects value; a value that is not in the list is shown as such.
void syncCombo(QComboBox *box, const ComboItems &items, const QString &value,
               const QString &missingText = {});
// "name (123456789012)"
QString accountLabel(const model::Account &a);
// "(none)" and every key of the design, for a key reference.
ComboItems keyItems(const model::Design &d);

class PropertyForm : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PropertyForm)

public:
    // Builds into layout, inside host (the parent of the form and of its dialogs).
    PropertyForm(document::Document &doc, QUndoStack &undo, document::ElementKind kind,
                 const QString &id, QFormLayout *layout, QWidget *host);

    const model::Design &design() const { return m_doc.design(); }
    const document::Document &doc() const { return m_doc; }

    // Reads the element again into every field; nothing when it is gone.
    void load();

    // Adds a labelled row; returns the label under the editor that shows validation problems.
    QLabel *addRow(const QString &label, QWidget *editor, const QString &toolTip = {});
    void addSection(const QString &title);
    void onLoad(std::function<void()> load) { m_loaders.push_back(std::move(load)); }

    // The element shown, of type T; nullptr when it is gone.
    template<typename T>
    const T *current() const;
    // Pushes the change of the shown element as an undo command (nothing when it changes
    // nothing). merge: consecutive changes of this field are one undo step (typing).
    template<typename T, typename F>
    void edit(const QString &field, F &&change, bool merge = false);

    template<typename T>
    void addText(const QString &label, const QString &field, std::string T::*member,
                 std::function<std::string(const T &)> check = {}, const QString &toolTip = {});
    template<typename T>
    void addNote();
    // The element's presentation step (View › Present); "Automatic" when unset.
    template<typename T>
    void addPresentStep();
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

private:
    document::Document &m_doc;
    QUndoStack &m_undo;
    document::ElementKind m_kind;
    QString m_id;
    QFormLayout *m_form;
    QWidget *m_host;
    std::vector<std::function<void()>> m_loaders;
    const void *m_loaded = nullptr; // the element being loaded (see current())
};

template<typename T>
const T *PropertyForm::current() const
{
    // While the loaders run, the element is looked up once for all of them.
    if (m_loaded)
        return static_cast<const T *>(m_loaded);
    return document::findElement<T>(m_doc.design(), m_id.toStdString());
}

template<typename T, typename F>
void PropertyForm::edit(const QString &field, F &&change, bool merge)
{
    const T *before = current<T>();
    if (!before)
        return;
    T after = *before;
    change(after);
    if (after == *before)
        return;
    // Typing merges into one undo step per field; a click (a combo, a check box) is a step.
    m_undo.push(new document::UpdateElementCommand(m_doc, document::Element(std::move(after)),
                                                   merge ? field : QString()));
}

template<typename T>
void PropertyForm::addText(const QString &label, const QString &field, std::string T::*member,
                           std::function<std::string(const T &)> check, const QString &toolTip)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(field);
    edit->setClearButtonEnabled(false);
    QLabel *error = addRow(label, edit, toolTip);
    connect(edit, &QLineEdit::textChanged, this, [this, field, member](const QString &text) {
        this->edit<T>(
            field, [&](T &e) { e.*member = text.toStdString(); }, true);
    });
    onLoad([this, edit, error, member, check] {
        const T *e = current<T>();
        if (!e)
            return;
        const QString value = qs(e->*member);
        if (edit->text() != value) {
            const QSignalBlocker blocker(edit);
            edit->setText(value);
        }
        setError(error, check ? check(*e) : std::string());
    });
}

template<typename T>
void PropertyForm::addNote()
{
    auto *note = new QPlainTextEdit;
    note->setObjectName(QStringLiteral("note"));
    note->setTabChangesFocus(true);
    note->setPlaceholderText(tr("Free text kept in the design file"));
    note->setFixedHeight(note->fontMetrics().lineSpacing() * 3 + 12);
    addRow(tr("Note:"), note);
    connect(note, &QPlainTextEdit::textChanged, this, [this, note] {
        edit<T>(
            QStringLiteral("note"), [&](T &e) { e.note = note->toPlainText().toStdString(); },
            true);
    });
    onLoad([this, note] {
        const T *e = current<T>();
        if (!e)
            return;
        const QString value = qs(e->note);
        if (note->toPlainText() != value) {
            const QSignalBlocker blocker(note);
            note->setPlainText(value);
        }
    });
}

template<typename T>
void PropertyForm::addPresentStep()
{
    auto *step = new QSpinBox;
    step->setObjectName(QStringLiteral("presentStep"));
    step->setRange(0, model::kMaxPresentStep);
    step->setSpecialValueText(tr("Automatic"));
    addRow(tr("Presentation step:"), step,
           tr("The step of View > Present at which it appears; Automatic follows the build "
              "order (accounts, buckets, keys, roles, arrows)"));
    connect(step, qOverload<int>(&QSpinBox::valueChanged), this, [this](int value) {
        edit<T>(
            QStringLiteral("presentStep"),
            [&](T &e) { e.presentStep = value > 0 ? std::optional<int>(value) : std::nullopt; },
            true);
    });
    onLoad([this, step] {
        if (const T *e = current<T>()) {
            const QSignalBlocker blocker(step);
            step->setValue(e->presentStep.value_or(0));
        }
    });
}

template<typename T>
void PropertyForm::addCheck(const QString &text, const QString &field, bool T::*member,
                            const QString &toolTip)
{
    auto *box = new QCheckBox(text);
    box->setObjectName(field);
    addRow(QString(), box, toolTip);
    connect(box, &QCheckBox::toggled, this,
            [this, field, member](bool on) { edit<T>(field, [&](T &e) { e.*member = on; }); });
    onLoad([this, box, member] {
        if (const T *e = current<T>()) {
            const QSignalBlocker blocker(box);
            box->setChecked(e->*member);
        }
    });
}

template<typename T, typename E>
void PropertyForm::addEnumCombo(const QString &label, const QString &field, E T::*member,
                                const std::vector<std::pair<E, QString>> &values,
                                const QString &toolTip)
{
    auto *combo = new QComboBox;
    combo->setObjectName(field);
    for (const auto &[value, text] : values)
        combo->addItem(text, int(value));
    addRow(label, combo, toolTip);
    connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this, combo, field, member](int) {
                const E value = E(combo->currentData().toInt());
                edit<T>(field, [&](T &e) { e.*member = value; });
            });
    onLoad([this, combo, member] {
        if (const T *e = current<T>()) {
            const QSignalBlocker blocker(combo);
            combo->setCurrentIndex(combo->findData(int(e->*member)));
        }
    });
}

template<typename T>
void PropertyForm::addAccountCombo(std::string T::*member)
{
    QComboBox *combo = newReferenceCombo(QStringLiteral("account"));
    QLabel *error = addRow(tr("Account:"), combo, tr("The AWS account that owns it"));
    connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this, combo, member](int) {
                const std::string value = combo->currentData().toString().toStdString();
                edit<T>(QStringLiteral("account"), [&](T &e) { e.*member = value; });
            });
    onLoad([this, combo, error, member] {
        const T *e = current<T>();
        if (!e)
            return;
        ComboItems items;
        for (const model::Account &a : m_doc.design().accounts)
            items.emplace_back(accountLabel(a), qs(a.id));
        syncCombo(combo, items, qs(e->*member), tr("(no account)"));
        setError(error, document::findElement<model::Account>(m_doc.design(), e->*member)
                            ? std::string()
                            : tr("Choose the account that owns it.").toStdString());
    });
}

template<typename T>
void PropertyForm::addRegionCombo(std::string T::*member)
{
    QComboBox *combo = newReferenceCombo(QStringLiteral("region"));
    ComboItems items;
    for (const model::names::Region &r : model::names::regions()) {
        QString text = QStringLiteral("%1 — %2").arg(qs(r.code), qs(r.name));
        if (r.optIn)
            text += tr(" (opt-in)");
        items.emplace_back(text, qs(r.code));
    }
    QLabel *error = addRow(tr("Region:"), combo,
                           tr("Regions marked opt-in must be enabled in the account first"));
    connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this, combo, member](int) {
                const std::string value = combo->currentData().toString().toStdString();
                edit<T>(QStringLiteral("region"), [&](T &e) { e.*member = value; });
            });
    onLoad([this, combo, error, member, items] {
        const T *e = current<T>();
        if (!e)
            return;
        syncCombo(combo, items, qs(e->*member));
        const model::Account *a = document::findElement<model::Account>(m_doc.design(), e->account);
        std::string problem =
            model::names::checkRegion(e->*member, a ? a->partition : model::Partition::Aws);
        if (problem.empty()) {
            if (const model::names::Region *r = model::names::findRegion(e->*member); r && r->optIn)
                problem =
                    tr("An opt-in Region: enable it in the account before use.").toStdString();
        }
        setError(error, problem);
    });
}

template<typename T>
void PropertyForm::addKeyCombo(const QString &label, const QString &field, std::string T::*member,
                               std::function<std::string(const T &)> check, const QString &toolTip)
{
    QComboBox *combo = newReferenceCombo(field);
    QLabel *error = addRow(label, combo, toolTip);
    connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this, combo, field, member](int) {
                const std::string value = combo->currentData().toString().toStdString();
                edit<T>(field, [&](T &e) { e.*member = value; });
            });
    onLoad([this, combo, error, member, check] {
        const T *e = current<T>();
        if (!e)
            return;
        syncCombo(combo, keyItems(m_doc.design()), qs(e->*member),
                  tr("%1 (missing)").arg(qs(e->*member)));
        setError(error, check(*e));
    });
}

template<typename T>
void PropertyForm::addCustomPolicy(const QString &label, const QString &field,
                                   std::optional<model::CustomPolicy> T::*member,
                                   model::ArtifactKind kind)
{
    auto *h = newGroupingBox<QHBoxLayout>(field);
    QWidget *row = h->parentWidget();
    auto *state = new QLabel;
    state->setWordWrap(true);
    auto *editButton = new QPushButton(tr("Edit…"));
    editButton->setObjectName(field + QStringLiteral("Edit"));
    auto *resetButton = new QPushButton(tr("Use generated"));
    resetButton->setObjectName(field + QStringLiteral("Reset"));
    resetButton->setToolTip(tr("Drop the custom policy and use the generated one"));
    h->addWidget(state, 1);
    h->addWidget(editButton);
    h->addWidget(resetButton);
    QLabel *error = addRow(label, row);

    connect(editButton, &QPushButton::clicked, this, [this, label, field, member, kind] {
        const T *e = current<T>();
        if (!e)
            return;
        QString name = QStringLiteral("custom-") + field;
        QString text;
        if (e->*member) {
            name = qs((e->*member)->name);
            text = qs((e->*member)->document);
        } else {
            // Start from the generated document, so a small change stays a small change.
            for (const model::Artifact &a : m_doc.artifacts()) {
                if (a.kind == kind && a.element == e->id && !a.custom) {
                    text = qs(a.text);
                    break;
                }
            }
            if (text.isEmpty())
                text = emptyPolicyDocument();
        }
        QString title = label;
        title.remove(u':');
        PolicyDialog dialog(title, name, text, m_host);
        if (dialog.exec() != QDialog::Accepted)
            return;
        const model::CustomPolicy policy{dialog.name().toStdString(), dialog.text().toStdString()};
        edit<T>(field, [&](T &el) { el.*member = policy; });
    });
    connect(resetButton, &QPushButton::clicked, this,
            [this, field, member] { edit<T>(field, [&](T &e) { e.*member = std::nullopt; }); });
    onLoad([this, state, resetButton, error, member] {
        const T *e = current<T>();
        if (!e)
            return;
        const auto &custom = e->*member;
        state->setText(custom ? tr("Custom: %1").arg(qs(custom->name)) : tr("Generated"));
        resetButton->setEnabled(custom.has_value());
        std::string problem;
        if (custom) {
            if (const auto p = checkJsonObject(qs(custom->document)))
                problem = tr("Not valid JSON — %1").arg(p->toString()).toStdString();
        }
        setError(error, problem);
    });
}

template<typename T>
void PropertyForm::addGuardrails(const QString &label, std::vector<model::GuardrailKind> kinds)
{
    auto *v = newGroupingBox<QVBoxLayout>(QStringLiteral("guardrails"));
    QWidget *box = v->parentWidget();
    auto *list = new QListWidget;
    list->setObjectName(QStringLiteral("guardrailList"));
    list->setFixedHeight(list->fontMetrics().lineSpacing() * 3 + 10);
    v->addWidget(list);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add…"));
    add->setObjectName(QStringLiteral("addGuardrail"));
    auto *editButton = new QPushButton(tr("Edit…"));
    auto *remove = new QPushButton(tr("Remove"));
    buttons->addWidget(add);
    buttons->addWidget(editButton);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    v->addLayout(buttons);
    const bool several = kinds.size() > 1;
    QLabel *error = addRow(label, box,
                           kinds.front() == model::GuardrailKind::PermissionsBoundary
                               ? tr("Permissions boundaries: the role can do only what they "
                                    "also allow")
                               : tr("Service control policies limit what the account's "
                                    "principals may do; resource control policies limit what "
                                    "anyone may do to its buckets and customer managed keys"));

    auto openEditor = [this](int row, model::GuardrailKind kind) {
        const T *e = current<T>();
        if (!e)
            return;
        model::Guardrail g;
        g.kind = kind;
        if (row >= 0 && std::size_t(row) < e->guardrails.size()) {
            g = e->guardrails[std::size_t(row)];
        } else {
            g.name = guardrailShort(kind).toLower().toStdString();
            g.document = guardrailTemplate(kind);
        }
        PolicyDialog dialog(guardrailTitle(g.kind), qs(g.name), qs(g.document), m_host);
        if (dialog.exec() != QDialog::Accepted)
            return;
        g.name = dialog.name().toStdString();
        g.document = dialog.text().toStdString();
        edit<T>(QStringLiteral("guardrails"), [&](T &el) {
            if (row >= 0 && std::size_t(row) < el.guardrails.size())
                el.guardrails[std::size_t(row)] = g;
            else
                el.guardrails.push_back(g);
        });
    };
    if (several) {
        auto *menu = new QMenu(add);
        for (model::GuardrailKind kind : kinds) {
            QAction *action = menu->addAction(guardrailTitle(kind) + QStringLiteral("…"));
            action->setObjectName(QStringLiteral("add:") + guardrailShort(kind));
            connect(action, &QAction::triggered, this,
                    [openEditor, kind] { openEditor(-1, kind); });
        }
        add->setMenu(menu);
    } else {
        connect(add, &QPushButton::clicked, this,
                [openEditor, kind = kinds.front()] { openEditor(-1, kind); });
    }
    connect(editButton, &QPushButton::clicked, this,
            [openEditor, list] { openEditor(list->currentRow(), model::GuardrailKind{}); });
    connect(list, &QListWidget::itemDoubleClicked, this, [openEditor, list](QListWidgetItem *item) {
        openEditor(list->row(item), model::GuardrailKind{});
    });
    connect(remove, &QPushButton::clicked, this, [this, list] {
        const int row = list->currentRow();
        edit<T>(QStringLiteral("guardrails"), [&](T &e) {
            if (row >= 0 && std::size_t(row) < e.guardrails.size())
                e.guardrails.erase(e.guardrails.begin() + row);
        });
    });
    onLoad([this, list, error, editButton, remove, several] {
        const T *e = current<T>();
        if (!e)
            return;
        QStringList names;
        std::string problem;
        for (const model::Guardrail &g : e->guardrails) {
            names << (several ? guardrailShort(g.kind) + QStringLiteral(": ") + qs(g.name)
                              : qs(g.name));
            if (const auto p = checkJsonObject(qs(g.document)); p && problem.empty())
                problem =
                    tr("%1: not valid JSON — %2").arg(qs(g.name), p->toString()).toStdString();
        }
        QStringList shown;
        for (int i = 0; i < list->count(); ++i)
            shown << list->item(i)->text();
        if (shown != names) {
            const int row = list->currentRow();
            list->clear();
            list->addItems(names);
            list->setCurrentRow(std::min(row, int(names.size()) - 1));
        }
        editButton->setEnabled(!names.isEmpty());
        remove->setEnabled(!names.isEmpty());
        setError(error, problem);
    });
}

} // namespace s3rd::views
