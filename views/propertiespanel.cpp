#include "propertiespanel.h"

#include "commands.h"
#include "core/names.h"
#include "jsonhighlighter.h"
#include "qtext.h"
#include "selection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace s3rd::views {

using namespace s3rd::model;
using document::ElementKind;

namespace {

template<typename T>
const std::vector<T> &elementsOf(const Design &d)
{
    if constexpr (std::is_same_v<T, Account>)
        return d.accounts;
    else if constexpr (std::is_same_v<T, Bucket>)
        return d.buckets;
    else if constexpr (std::is_same_v<T, KmsKey>)
        return d.keys;
    else if constexpr (std::is_same_v<T, Role>)
        return d.roles;
    else
        return d.rules;
}

template<typename T>
const T *findById(const Design &d, std::string_view id)
{
    for (const T &e : elementsOf<T>(d)) {
        if (e.id == id)
            return &e;
    }
    return nullptr;
}

QColor errorColour(const QPalette &palette)
{
    return isDarkPalette(palette) ? QColor(0xff, 0x80, 0x80) : QColor(0xb0, 0x00, 0x20);
}

void setError(QLabel *label, const std::string &problem)
{
    const QString text = qs(problem);
    if (label->text() != text)
        label->setText(text);
    label->setVisible(!text.isEmpty());
}

using ComboItems = std::vector<std::pair<QString, QString>>; // text, data

// Fills a combo only when its items differ (so an open popup or a scroll position survives
// unrelated edits), then selects value; a value that is not in the list is shown as such.
void syncCombo(QComboBox *box, const ComboItems &items, const QString &value,
               const QString &missingText = {})
{
    const QSignalBlocker blocker(box);
    bool same = box->count() == qsizetype(items.size());
    for (int i = 0; same && i < box->count(); ++i)
        same = box->itemText(i) == items[std::size_t(i)].first
               && box->itemData(i).toString() == items[std::size_t(i)].second;
    if (!same) {
        box->clear();
        for (const auto &[text, data] : items)
            box->addItem(text, data);
    }
    int index = box->findData(value);
    if (index < 0) {
        box->addItem(missingText.isEmpty() ? value + QObject::tr(" (unknown)") : missingText, value);
        index = box->count() - 1;
    }
    box->setCurrentIndex(index);
}

QString accountLabel(const Account &a)
{
    return QStringLiteral("%1 (%2)").arg(qs(a.name), qs(a.accountId));
}

ComboItems keyItems(const Design &d)
{
    ComboItems items{{QObject::tr("(none)"), QString()}};
    for (const KmsKey &k : d.keys) {
        const Account *a = findById<Account>(d, k.account);
        items.emplace_back(QStringLiteral("%1 — %2, %3")
                               .arg(qs(k.alias.empty() ? k.keyId : k.alias), qs(k.region),
                                    a ? qs(a->name) : QObject::tr("no account")),
                           qs(k.id));
    }
    return items;
}

QIcon severityIcon(const QStyle *style, Severity s)
{
    switch (s) {
    case Severity::Error: return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case Severity::Warning: return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case Severity::Info: break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxInformation);
}

// A modal editor for one custom policy or guardrail: a name and the JSON text, checked before
// it is accepted (the error names the line and column and the cursor jumps there).
class PolicyDialog : public QDialog
{
public:
    PolicyDialog(const QString &title, const QString &name, const QString &text, QWidget *parent)
        : QDialog(parent)
    {
        setWindowTitle(title);
        auto *layout = new QVBoxLayout(this);
        auto *form = new QFormLayout;
        m_name = new QLineEdit(name);
        m_name->setObjectName(QStringLiteral("policyName"));
        form->addRow(tr("Name:"), m_name);
        layout->addLayout(form);
        m_text = new QPlainTextEdit;
        m_text->setObjectName(QStringLiteral("policyText"));
        m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
        m_text->setPlainText(text);
        new JsonHighlighter(m_text->document(), m_text->palette());
        layout->addWidget(m_text, 1);
        m_error = new QLabel;
        m_error->setWordWrap(true);
        QPalette p = m_error->palette();
        p.setColor(QPalette::WindowText, errorColour(p));
        m_error->setPalette(p);
        m_error->hide();
        layout->addWidget(m_error);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
        connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
        layout->addWidget(buttons);
        connect(m_text, &QPlainTextEdit::textChanged, m_error, &QLabel::hide);
        resize(640, 520);
    }

    QString name() const { return m_name->text().trimmed(); }
    QString text() const { return m_text->toPlainText(); }

    void accept() override
    {
        if (const auto problem = checkJsonObject(text())) {
            m_error->setText(tr("Not valid JSON — %1").arg(problem->toString()));
            m_error->show();
            QTextCursor cursor = m_text->textCursor();
            cursor.setPosition(std::min(problem->position, int(text().size())));
            m_text->setTextCursor(cursor);
            m_text->setFocus();
            return;
        }
        if (name().isEmpty()) {
            m_error->setText(tr("Give the policy a name."));
            m_error->show();
            m_name->setFocus();
            return;
        }
        QDialog::accept();
    }

private:
    QLineEdit *m_name;
    QPlainTextEdit *m_text;
    QLabel *m_error;
};

const char *kEmptyPolicy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": []\n}\n";

} // namespace

PropertiesPanel::PropertiesPanel(document::Document &doc, QUndoStack &undo, Selection &selection,
                                 QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_undo(undo)
    , m_selection(selection)
{
    setObjectName(QStringLiteral("PropertiesPanel"));
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(0);
    connect(&m_refreshTimer, &QTimer::timeout, this, &PropertiesPanel::refresh);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("title"));
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_title->setFont(f);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_message, 1); // with the form hidden, the message takes the space below
    m_scroll = new QScrollArea;
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    layout->addWidget(m_scroll, 1);

    connect(&m_doc, &document::Document::changed, this, &PropertiesPanel::scheduleRefresh);
    connect(&m_selection, &Selection::selectionChanged, this, &PropertiesPanel::scheduleRefresh);
    refresh();
}

PropertiesPanel::~PropertiesPanel() = default;

void PropertiesPanel::scheduleRefresh()
{
    m_refreshTimer.start();
}

void PropertiesPanel::refresh()
{
    m_refreshTimer.stop();
    const QStringList &ids = m_selection.ids();
    if (ids.size() > 1) {
        // A summary by kind: "3 elements selected: 2 buckets, 1 rule".
        int counts[5] = {};
        for (const QString &id : ids) {
            if (const auto kind = m_doc.kindOfId(id))
                ++counts[int(*kind)];
        }
        const QString names[5] = {tr("%n account(s)", nullptr, counts[0]),
                                  tr("%n bucket(s)", nullptr, counts[1]),
                                  tr("%n KMS key(s)", nullptr, counts[2]),
                                  tr("%n role(s)", nullptr, counts[3]),
                                  tr("%n replication rule(s)", nullptr, counts[4])};
        QStringList parts;
        for (int i = 0; i < 5; ++i) {
            if (counts[i] > 0)
                parts << names[i];
        }
        m_title->setText(tr("%1 elements selected").arg(ids.size()));
        showMessage(parts.join(QStringLiteral(", "))
                    + tr("\n\nSelect a single element to edit its properties."));
        return;
    }
    const QString id = m_selection.current();
    const auto kind = id.isEmpty() ? std::nullopt : m_doc.kindOfId(id);
    if (!kind) {
        m_title->setText(tr("Properties"));
        showMessage(tr("Select an account, bucket, key, role or replication arrow on the canvas "
                       "to see and edit its properties."));
        return;
    }
    if (id != m_id || *kind != m_kind || m_loaders.empty()) {
        m_id = id;
        m_kind = *kind;
        rebuild();
    }
    loadValues();
    updateFindings();
}

void PropertiesPanel::showMessage(const QString &text)
{
    clearForm();
    m_message->setText(text);
    m_message->show();
    m_scroll->hide();
}

void PropertiesPanel::clearForm()
{
    m_loaders.clear();
    m_findingsShown.clear();
    m_id.clear();
    if (QWidget *old = m_scroll->takeWidget())
        old->deleteLater();
    m_formHost = nullptr;
    m_form = nullptr;
    m_findingsBox = nullptr;
    m_findingsLayout = nullptr;
}

void PropertiesPanel::rebuild()
{
    const QString id = m_id;
    const ElementKind kind = m_kind;
    clearForm();
    m_id = id;
    m_kind = kind;
    m_message->hide();
    m_scroll->show();

    m_formHost = new QWidget;
    auto *outer = new QVBoxLayout(m_formHost);
    outer->setContentsMargins(0, 0, 4, 0);
    m_form = new QFormLayout;
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    outer->addLayout(m_form);

    auto *idLabel = new QLabel(m_id);
    idLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    idLabel->setToolTip(tr("The element id used in the design file"));
    switch (m_kind) {
    case ElementKind::Account: buildAccount(); break;
    case ElementKind::Bucket: buildBucket(); break;
    case ElementKind::Key: buildKey(); break;
    case ElementKind::Role: buildRole(); break;
    case ElementKind::Rule: buildRule(); break;
    }
    addRow(tr("Element id:"), idLabel);

    m_findingsBox = new QWidget;
    m_findingsBox->setObjectName(QStringLiteral("findings"));
    m_findingsLayout = new QVBoxLayout(m_findingsBox);
    m_findingsLayout->setContentsMargins(0, 8, 0, 0);
    outer->addWidget(m_findingsBox);
    outer->addStretch(1);
    m_scroll->setWidget(m_formHost);
}

void PropertiesPanel::loadValues()
{
    QString title;
    const Design &d = m_doc.design();
    const std::string id = m_id.toStdString();
    switch (m_kind) {
    case ElementKind::Account:
        if (const auto *a = findById<Account>(d, id))
            title = tr("Account — %1").arg(qs(a->name));
        break;
    case ElementKind::Bucket:
        if (const auto *b = findById<Bucket>(d, id))
            title = tr("Bucket — %1").arg(qs(b->name));
        break;
    case ElementKind::Key:
        if (const auto *k = findById<KmsKey>(d, id))
            title = tr("KMS key — %1").arg(qs(k->alias.empty() ? k->keyId : k->alias));
        break;
    case ElementKind::Role:
        if (const auto *r = findById<Role>(d, id))
            title = tr("IAM role — %1").arg(qs(r->name));
        break;
    case ElementKind::Rule:
        if (const auto *r = findById<ReplicationRule>(d, id))
            title = tr("Replication rule — %1").arg(qs(r->ruleId));
        break;
    }
    m_title->setText(title);
    switch (m_kind) {
    case ElementKind::Account: m_loaded = findById<Account>(d, id); break;
    case ElementKind::Bucket: m_loaded = findById<Bucket>(d, id); break;
    case ElementKind::Key: m_loaded = findById<KmsKey>(d, id); break;
    case ElementKind::Role: m_loaded = findById<Role>(d, id); break;
    case ElementKind::Rule: m_loaded = findById<ReplicationRule>(d, id); break;
    }
    if (m_loaded) {
        for (const auto &load : m_loaders)
            load();
    }
    m_loaded = nullptr;
}

void PropertiesPanel::updateFindings()
{
    if (!m_findingsLayout)
        return;
    const std::string id = m_id.toStdString();
    std::vector<const Finding *> mine;
    std::vector<std::string> signature;
    for (const Finding &f : m_doc.report().findings) {
        if (std::find(f.elements.begin(), f.elements.end(), id) != f.elements.end()) {
            mine.push_back(&f);
            signature.push_back(f.rule + '\n' + f.message);
        }
    }
    if (signature == m_findingsShown && m_findingsLayout->count() > 0)
        return;
    m_findingsShown = signature;
    while (QLayoutItem *item = m_findingsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    auto *heading = new QLabel(mine.empty() ? tr("No checklist findings for this element.")
                                            : tr("Checklist findings (%1)").arg(mine.size()));
    QFont bold = heading->font();
    bold.setBold(!mine.empty());
    heading->setFont(bold);
    m_findingsLayout->addWidget(heading);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    for (const Finding *f : mine) {
        auto *row = new QWidget;
        row->setObjectName(QStringLiteral("finding:") + qs(f->rule));
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto *icon = new QLabel;
        icon->setPixmap(severityIcon(style(), f->severity).pixmap(iconSize, iconSize));
        icon->setAlignment(Qt::AlignTop);
        h->addWidget(icon);
        auto *text = new QLabel(QStringLiteral("%1 <span style=\"color:gray\">(%2)</span>")
                                    .arg(qs(f->message).toHtmlEscaped(), qs(f->rule)));
        text->setWordWrap(true);
        text->setToolTip(qs(f->explanation));
        h->addWidget(text, 1);
        m_findingsLayout->addWidget(row);
    }
}

QLabel *PropertiesPanel::addRow(const QString &label, QWidget *editor, const QString &toolTip)
{
    auto *box = new QWidget;
    auto *v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    v->addWidget(editor);
    auto *error = new QLabel;
    error->setObjectName(editor->objectName() + QStringLiteral("Error"));
    error->setWordWrap(true);
    QPalette p = error->palette();
    p.setColor(QPalette::WindowText, errorColour(p));
    error->setPalette(p);
    error->hide();
    v->addWidget(error);
    if (!toolTip.isEmpty())
        editor->setToolTip(toolTip);
    if (label.isEmpty()) {
        m_form->addRow(box);
    } else {
        auto *l = new QLabel(label);
        l->setBuddy(editor);
        if (!toolTip.isEmpty())
            l->setToolTip(toolTip);
        m_form->addRow(l, box);
    }
    return error;
}

void PropertiesPanel::addSection(const QString &title)
{
    auto *label = new QLabel(title);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    label->setContentsMargins(0, 8, 0, 0);
    m_form->addRow(label);
}

template<typename T>
const T *PropertiesPanel::current() const
{
    // While the loaders run, the element is looked up once for all of them.
    if (m_loaded)
        return static_cast<const T *>(m_loaded);
    return findById<T>(m_doc.design(), m_id.toStdString());
}

template<typename T, typename F>
void PropertiesPanel::edit(const QString &field, F &&change, bool merge)
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
void PropertiesPanel::addText(const QString &label, const QString &field, std::string T::*member,
                              std::function<std::string(const T &)> check,
                              const QString &toolTip)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(field);
    edit->setClearButtonEnabled(false);
    QLabel *error = addRow(label, edit, toolTip);
    connect(edit, &QLineEdit::textChanged, this, [this, field, member](const QString &text) {
        this->edit<T>(field, [&](T &e) { e.*member = text.toStdString(); }, true);
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
void PropertiesPanel::addNote()
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
void PropertiesPanel::addCheck(const QString &text, const QString &field, bool T::*member,
                               const QString &toolTip)
{
    auto *box = new QCheckBox(text);
    box->setObjectName(field);
    addRow(QString(), box, toolTip);
    connect(box, &QCheckBox::toggled, this, [this, field, member](bool on) {
        edit<T>(field, [&](T &e) { e.*member = on; });
    });
    onLoad([this, box, member] {
        if (const T *e = current<T>()) {
            const QSignalBlocker blocker(box);
            box->setChecked(e->*member);
        }
    });
}

template<typename T, typename E>
void PropertiesPanel::addEnumCombo(const QString &label, const QString &field, E T::*member,
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
void PropertiesPanel::addAccountCombo(std::string T::*member)
{
    auto *combo = new QComboBox;
    combo->setObjectName(QStringLiteral("account"));
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(16);
    QLabel *error = addRow(tr("Account:"), combo, tr("The AWS account that owns it"));
    connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, [this, combo, member](int) {
        const std::string value = combo->currentData().toString().toStdString();
        edit<T>(QStringLiteral("account"), [&](T &e) { e.*member = value; });
    });
    onLoad([this, combo, error, member] {
        const T *e = current<T>();
        if (!e)
            return;
        ComboItems items;
        for (const Account &a : m_doc.design().accounts)
            items.emplace_back(accountLabel(a), qs(a.id));
        syncCombo(combo, items, qs(e->*member), tr("(no account)"));
        setError(error, findById<Account>(m_doc.design(), e->*member)
                            ? std::string()
                            : tr("Choose the account that owns it.").toStdString());
    });
}

template<typename T>
void PropertiesPanel::addRegionCombo(std::string T::*member)
{
    auto *combo = new QComboBox;
    combo->setObjectName(QStringLiteral("region"));
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(16);
    ComboItems items;
    for (const names::Region &r : names::regions()) {
        QString text = QStringLiteral("%1 — %2").arg(qs(r.code), qs(r.name));
        if (r.optIn)
            text += tr(" (opt-in)");
        items.emplace_back(text, qs(r.code));
    }
    QLabel *error = addRow(tr("Region:"), combo,
                           tr("Regions marked opt-in must be enabled in the account first"));
    connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, [this, combo, member](int) {
        const std::string value = combo->currentData().toString().toStdString();
        edit<T>(QStringLiteral("region"), [&](T &e) { e.*member = value; });
    });
    onLoad([this, combo, error, member, items] {
        const T *e = current<T>();
        if (!e)
            return;
        syncCombo(combo, items, qs(e->*member));
        const Account *a = findById<Account>(m_doc.design(), e->account);
        std::string problem = names::checkRegion(e->*member, a ? a->partition : Partition::Aws);
        if (problem.empty()) {
            if (const names::Region *r = names::findRegion(e->*member); r && r->optIn)
                problem = tr("An opt-in Region: enable it in the account before use.")
                              .toStdString();
        }
        setError(error, problem);
    });
}

template<typename T>
void PropertiesPanel::addKeyCombo(const QString &label, const QString &field,
                                  std::string T::*member, std::function<std::string(const T &)> check,
                                  const QString &toolTip)
{
    auto *combo = new QComboBox;
    combo->setObjectName(field);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(16);
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
        syncCombo(combo, keyItems(m_doc.design()), qs(e->*member), tr("%1 (missing)").arg(qs(e->*member)));
        setError(error, check(*e));
    });
}

template<typename T>
void PropertiesPanel::addCustomPolicy(const QString &label, const QString &field,
                                      std::optional<CustomPolicy> T::*member, ArtifactKind kind)
{
    auto *row = new QWidget;
    row->setObjectName(field);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
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
            for (const Artifact &a : m_doc.artifacts()) {
                if (a.kind == kind && a.element == e->id && !a.custom) {
                    text = qs(a.text);
                    break;
                }
            }
            if (text.isEmpty())
                text = QString::fromLatin1(kEmptyPolicy);
        }
        QString title = label;
        title.remove(u':');
        PolicyDialog dialog(title, name, text, this);
        m_openDialog = &dialog;
        if (dialog.exec() != QDialog::Accepted)
            return;
        const CustomPolicy policy{dialog.name().toStdString(), dialog.text().toStdString()};
        edit<T>(field, [&](T &el) { el.*member = policy; });
    });
    connect(resetButton, &QPushButton::clicked, this, [this, field, member] {
        edit<T>(field, [&](T &e) { e.*member = std::nullopt; });
    });
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

namespace {

QString guardrailTitle(GuardrailKind kind)
{
    switch (kind) {
    case GuardrailKind::ServiceControlPolicy: return PropertiesPanel::tr("Service control policy");
    case GuardrailKind::ResourceControlPolicy:
        return PropertiesPanel::tr("Resource control policy");
    case GuardrailKind::PermissionsBoundary: return PropertiesPanel::tr("Permissions boundary");
    }
    return {};
}

QString guardrailShort(GuardrailKind kind)
{
    switch (kind) {
    case GuardrailKind::ServiceControlPolicy: return QStringLiteral("SCP");
    case GuardrailKind::ResourceControlPolicy: return QStringLiteral("RCP");
    case GuardrailKind::PermissionsBoundary: return QStringLiteral("boundary");
    }
    return {};
}

// A starting document that changes nothing: a guardrail that allows everything the replication
// needs. RCPs need a Principal, like resource policies.
std::string guardrailTemplate(GuardrailKind kind)
{
    switch (kind) {
    case GuardrailKind::ServiceControlPolicy:
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n"
               "      \"Effect\": \"Allow\",\n      \"Action\": \"*\",\n"
               "      \"Resource\": \"*\"\n    }\n  ]\n}\n";
    case GuardrailKind::ResourceControlPolicy:
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n"
               "      \"Effect\": \"Allow\",\n      \"Principal\": \"*\",\n"
               "      \"Action\": \"*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}\n";
    case GuardrailKind::PermissionsBoundary:
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n"
               "      \"Effect\": \"Allow\",\n      \"Action\": [\"s3:*\", "
               "\"kms:*\"],\n      \"Resource\": \"*\"\n    }\n  ]\n}\n";
    }
    return {};
}

} // namespace

template<typename T>
void PropertiesPanel::addGuardrails(const QString &label, std::vector<GuardrailKind> kinds)
{
    auto *box = new QWidget;
    box->setObjectName(QStringLiteral("guardrails"));
    auto *v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
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
                           kinds.front() == GuardrailKind::PermissionsBoundary
                               ? tr("Permissions boundaries: the role can do only what they "
                                    "also allow")
                               : tr("Service control policies limit what the account's "
                                    "principals may do; resource control policies limit what "
                                    "anyone may do to its buckets and customer managed keys"));

    auto openEditor = [this](int row, GuardrailKind kind) {
        const T *e = current<T>();
        if (!e)
            return;
        Guardrail g;
        g.kind = kind;
        if (row >= 0 && std::size_t(row) < e->guardrails.size()) {
            g = e->guardrails[std::size_t(row)];
        } else {
            g.name = guardrailShort(kind).toLower().toStdString();
            g.document = guardrailTemplate(kind);
        }
        PolicyDialog dialog(guardrailTitle(g.kind), qs(g.name), qs(g.document), this);
        m_openDialog = &dialog;
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
        for (GuardrailKind kind : kinds) {
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
            [openEditor, list] { openEditor(list->currentRow(), GuardrailKind{}); });
    connect(list, &QListWidget::itemDoubleClicked, this, [openEditor, list](QListWidgetItem *item) {
        openEditor(list->row(item), GuardrailKind{});
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
        for (const Guardrail &g : e->guardrails) {
            names << (several ? guardrailShort(g.kind) + QStringLiteral(": ") + qs(g.name)
                              : qs(g.name));
            if (const auto p = checkJsonObject(qs(g.document)); p && problem.empty())
                problem = tr("%1: not valid JSON — %2").arg(qs(g.name), p->toString()).toStdString();
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

void PropertiesPanel::addTagsTable()
{
    auto *box = new QWidget;
    box->setObjectName(QStringLiteral("filterTags"));
    auto *v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    auto *table = new QTableWidget(0, 2);
    table->setObjectName(QStringLiteral("filterTagsTable"));
    table->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table->verticalHeader()->hide();
    table->setFixedHeight(table->horizontalHeader()->sizeHint().height()
                          + table->verticalHeader()->defaultSectionSize() * 3 + 4);
    v->addWidget(table);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add tag"));
    add->setObjectName(QStringLiteral("addTag"));
    auto *remove = new QPushButton(tr("Remove tag"));
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    v->addLayout(buttons);
    QLabel *error = addRow(tr("Tag filter:"), box,
                           tr("Objects must carry all these tags when they are written"));

    auto tableTags = [table] {
        std::vector<Tag> tags;
        for (int r = 0; r < table->rowCount(); ++r) {
            const QTableWidgetItem *k = table->item(r, 0);
            const QTableWidgetItem *val = table->item(r, 1);
            tags.push_back({k ? k->text().toStdString() : std::string(),
                            val ? val->text().toStdString() : std::string()});
        }
        return tags;
    };
    connect(table, &QTableWidget::itemChanged, this, [this, tableTags] {
        const std::vector<Tag> tags = tableTags();
        edit<ReplicationRule>(
            QStringLiteral("filterTags"), [&](ReplicationRule &r) { r.filterTags = tags; }, true);
    });
    connect(add, &QPushButton::clicked, this, [this, table] {
        edit<ReplicationRule>(QStringLiteral("filterTagsAdd"),
                              [&](ReplicationRule &r) { r.filterTags.push_back({}); });
        refresh();
        if (table->rowCount() > 0)
            table->editItem(table->item(table->rowCount() - 1, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this, table] {
        const int row = table->currentRow() >= 0 ? table->currentRow() : table->rowCount() - 1;
        edit<ReplicationRule>(QStringLiteral("filterTagsRemove"), [&](ReplicationRule &r) {
            if (row >= 0 && std::size_t(row) < r.filterTags.size())
                r.filterTags.erase(r.filterTags.begin() + row);
        });
    });
    onLoad([this, table, error, tableTags] {
        const auto *r = current<ReplicationRule>();
        if (!r)
            return;
        if (tableTags() != r->filterTags) {
            const QSignalBlocker blocker(table);
            table->setRowCount(int(r->filterTags.size()));
            for (int i = 0; i < int(r->filterTags.size()); ++i) {
                table->setItem(i, 0, new QTableWidgetItem(qs(r->filterTags[std::size_t(i)].key)));
                table->setItem(i, 1, new QTableWidgetItem(qs(r->filterTags[std::size_t(i)].value)));
            }
        }
        QStringList problems;
        for (const Tag &t : r->filterTags) {
            if (const std::string p = names::checkTag(t); !p.empty())
                problems << qs(p);
        }
        problems.removeDuplicates();
        setError(error, problems.join(u'\n').toStdString());
    });
}

// ---------------------------------------------------------------------------------------------

void PropertiesPanel::buildAccount()
{
    addText<Account>(tr("Name:"), QStringLiteral("name"), &Account::name,
                     [](const Account &a) {
                         return a.name.empty() ? QObject::tr("Give the account a name.").toStdString()
                                               : std::string();
                     });
    addText<Account>(tr("Account ID:"), QStringLiteral("accountId"), &Account::accountId,
                     [](const Account &a) { return names::checkAccountId(a.accountId); },
                     tr("The 12-digit AWS account ID"));
    addEnumCombo<Account, Partition>(tr("Partition:"), QStringLiteral("partition"),
                                     &Account::partition,
                                     {{Partition::Aws, QStringLiteral("aws")},
                                      {Partition::AwsCn, QStringLiteral("aws-cn (China)")},
                                      {Partition::AwsUsGov, QStringLiteral("aws-us-gov (GovCloud)")}});
    addGuardrails<Account>(tr("Guardrails (SCPs, RCPs):"),
                           {GuardrailKind::ServiceControlPolicy,
                            GuardrailKind::ResourceControlPolicy});
    addNote<Account>();
}

void PropertiesPanel::buildBucket()
{
    addText<Bucket>(tr("Name:"), QStringLiteral("name"), &Bucket::name,
                    [](const Bucket &b) { return names::checkBucketName(b.name); });
    addAccountCombo<Bucket>(&Bucket::account);
    addRegionCombo<Bucket>(&Bucket::region);
    addEnumCombo<Bucket, Versioning>(
        tr("Versioning:"), QStringLiteral("versioning"), &Bucket::versioning,
        {{Versioning::Enabled, tr("Enabled")},
         {Versioning::Suspended, tr("Suspended")},
         {Versioning::Unversioned, tr("Never enabled")}},
        tr("Replication needs versioning enabled on the source and every destination"));
    addEnumCombo<Bucket, BucketType>(
        tr("Bucket type:"), QStringLiteral("type"), &Bucket::type,
        {{BucketType::GeneralPurpose, tr("General purpose")},
         {BucketType::Directory, tr("Directory (S3 Express One Zone)")}},
        tr("Directory buckets do not support replication"));
    addCheck<Bucket>(tr("Object Lock"), QStringLiteral("objectLock"), &Bucket::objectLock);
    {
        auto *row = new QWidget;
        row->setObjectName(QStringLiteral("defaultRetention"));
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto *mode = new QComboBox;
        mode->setObjectName(QStringLiteral("defaultRetentionMode"));
        mode->addItem(tr("None"), int(RetentionMode::None));
        mode->addItem(tr("Governance"), int(RetentionMode::Governance));
        mode->addItem(tr("Compliance"), int(RetentionMode::Compliance));
        auto *days = new QSpinBox;
        days->setObjectName(QStringLiteral("defaultRetentionDays"));
        days->setRange(0, 36500);
        days->setSuffix(tr(" days"));
        h->addWidget(mode);
        h->addWidget(days);
        h->addStretch(1);
        QLabel *error = addRow(tr("Default retention:"), row,
                               tr("The bucket's default Object Lock retention"));
        connect(mode, qOverload<int>(&QComboBox::currentIndexChanged), this, [this, mode](int) {
            edit<Bucket>(QStringLiteral("defaultRetention"), [&](Bucket &b) {
                b.defaultRetention.mode = RetentionMode(mode->currentData().toInt());
            });
        });
        connect(days, qOverload<int>(&QSpinBox::valueChanged), this, [this](int value) {
            edit<Bucket>(QStringLiteral("defaultRetention"),
                         [&](Bucket &b) { b.defaultRetention.days = value; }, true);
        });
        onLoad([this, mode, days, error] {
            const auto *b = current<Bucket>();
            if (!b)
                return;
            const QSignalBlocker blockMode(mode);
            const QSignalBlocker blockDays(days);
            mode->setCurrentIndex(mode->findData(int(b->defaultRetention.mode)));
            days->setValue(b->defaultRetention.days);
            days->setEnabled(b->defaultRetention.mode != RetentionMode::None);
            setError(error, b->defaultRetention.mode != RetentionMode::None && !b->objectLock
                                ? tr("A default retention needs Object Lock.").toStdString()
                                : std::string());
        });
    }

    addSection(tr("Encryption"));
    addEnumCombo<Bucket, DefaultEncryption>(
        tr("Default encryption:"), QStringLiteral("defaultEncryption"), &Bucket::defaultEncryption,
        {{DefaultEncryption::SseS3, tr("SSE-S3 (S3 managed keys)")},
         {DefaultEncryption::SseKms, tr("SSE-KMS")},
         {DefaultEncryption::DsseKms, tr("DSSE-KMS (dual-layer)")}});
    addKeyCombo<Bucket>(
        tr("Default key:"), QStringLiteral("defaultKey"), &Bucket::defaultKey,
        [this](const Bucket &b) -> std::string {
            if (b.defaultEncryption == DefaultEncryption::SseS3)
                return b.defaultKey.empty()
                           ? std::string()
                           : tr("Ignored: the default encryption is SSE-S3.").toStdString();
            if (b.defaultKey.empty())
                return tr("SSE-KMS and DSSE-KMS need a KMS key.").toStdString();
            const auto *k = findById<KmsKey>(m_doc.design(), b.defaultKey);
            if (!k)
                return tr("This key is not in the design.").toStdString();
            if (k->region != b.region)
                return tr("The key is in %1; a bucket's key must be in the bucket's Region (%2).")
                    .arg(qs(k->region), qs(b.region))
                    .toStdString();
            if (!k->symmetric)
                return tr("S3 supports only symmetric encryption keys.").toStdString();
            return {};
        },
        tr("The KMS key for SSE-KMS / DSSE-KMS default encryption"));
    addCheck<Bucket>(tr("S3 Bucket Key"), QStringLiteral("bucketKey"), &Bucket::bucketKey,
                     tr("Fewer KMS requests; the encryption context becomes the bucket ARN"));
    {
        auto *row = new QWidget;
        row->setObjectName(QStringLiteral("objectEncryptions"));
        auto *grid = new QGridLayout(row);
        grid->setContentsMargins(0, 0, 0, 0);
        const std::pair<QString, bool ObjectEncryptions::*> boxes[] = {
            {tr("SSE-S3"), &ObjectEncryptions::sseS3},
            {tr("SSE-KMS"), &ObjectEncryptions::sseKms},
            {tr("DSSE-KMS"), &ObjectEncryptions::dsseKms},
            {tr("SSE-C"), &ObjectEncryptions::sseC},
            {tr("Client-side"), &ObjectEncryptions::clientSide},
        };
        int i = 0;
        for (const auto &[text, member] : boxes) {
            auto *box = new QCheckBox(text);
            box->setObjectName(QStringLiteral("objectEncryption:") + text);
            grid->addWidget(box, i / 3, i % 3);
            ++i;
            connect(box, &QCheckBox::toggled, this, [this, member = member](bool on) {
                edit<Bucket>(QStringLiteral("objectEncryptions"),
                             [&](Bucket &b) { b.objectEncryptions.*member = on; });
            });
            onLoad([this, box, member = member] {
                if (const auto *b = current<Bucket>()) {
                    const QSignalBlocker blocker(box);
                    box->setChecked(b->objectEncryptions.*member);
                }
            });
        }
        addRow(tr("Objects written with:"), row,
               tr("How objects in this bucket are (or may be) encrypted when written"));
    }
    addCheck<Bucket>(tr("SSE-C writes blocked"), QStringLiteral("sseCBlocked"), &Bucket::sseCBlocked);

    addSection(tr("Access and objects"));
    addEnumCombo<Bucket, ObjectOwnership>(
        tr("Object Ownership:"), QStringLiteral("objectOwnership"), &Bucket::objectOwnership,
        {{ObjectOwnership::BucketOwnerEnforced, tr("Bucket owner enforced (ACLs off)")},
         {ObjectOwnership::BucketOwnerPreferred, tr("Bucket owner preferred")},
         {ObjectOwnership::ObjectWriter, tr("Object writer")}});
    addCheck<Bucket>(tr("Requester Pays"), QStringLiteral("requesterPays"), &Bucket::requesterPays);
    addCheck<Bucket>(tr("Other accounts write objects"), QStringLiteral("otherAccountsWrite"),
                     &Bucket::otherAccountsWrite,
                     tr("Other accounts upload objects; with ACLs enabled they own them"));
    addEnumCombo<Bucket, Lifecycle>(
        tr("Lifecycle rules:"), QStringLiteral("lifecycle"), &Bucket::lifecycle,
        {{Lifecycle::None, tr("None")},
         {Lifecycle::Rules, tr("Yes, none to Glacier")},
         {Lifecycle::GlacierTransitions,
          tr("Transitions to Glacier Flexible Retrieval / Deep Archive")}},
        tr("Lifecycle actions are not replicated; objects in Glacier Flexible Retrieval or Deep "
           "Archive are not replicated either"));
    addCheck<Bucket>(tr("Has existing objects"), QStringLiteral("hasExistingObjects"),
                     &Bucket::hasExistingObjects,
                     tr("Objects already in the bucket are not replicated by live replication"));
    addCheck<Bucket>(tr("Existing objects replicated with Batch Replication"),
                     QStringLiteral("batchReplication"), &Bucket::batchReplication);
    addCustomPolicy<Bucket>(tr("Bucket policy:"), QStringLiteral("customBucketPolicy"),
                            &Bucket::customBucketPolicy, ArtifactKind::BucketPolicy);
    addNote<Bucket>();
}

void PropertiesPanel::buildKey()
{
    addText<KmsKey>(tr("Alias:"), QStringLiteral("alias"), &KmsKey::alias,
                    [](const KmsKey &k) { return names::checkKmsAliasName(k.alias, k.kind); },
                    tr("\"alias/name\"; the AWS managed key is alias/aws/s3"));
    addText<KmsKey>(tr("Key ID:"), QStringLiteral("keyId"), &KmsKey::keyId,
                    [](const KmsKey &k) { return names::checkKmsKeyId(k.keyId, k.kind); },
                    tr("A UUID, or mrk-… for multi-Region keys"));
    addAccountCombo<KmsKey>(&KmsKey::account);
    addRegionCombo<KmsKey>(&KmsKey::region);
    addEnumCombo<KmsKey, KeyKind>(tr("Kind:"), QStringLiteral("kind"), &KmsKey::kind,
                                  {{KeyKind::CustomerManaged, tr("Customer managed")},
                                   {KeyKind::AwsManaged, tr("AWS managed (aws/s3)")},
                                   {KeyKind::MultiRegionPrimary, tr("Multi-Region primary")},
                                   {KeyKind::MultiRegionReplica, tr("Multi-Region replica")}});
    addCheck<KmsKey>(tr("Symmetric"), QStringLiteral("symmetric"), &KmsKey::symmetric,
                     tr("S3 supports only symmetric encryption keys"));
    addCheck<KmsKey>(tr("Automatic rotation"), QStringLiteral("rotation"), &KmsKey::rotation);
    addEnumCombo<KmsKey, KeyState>(tr("Key state:"), QStringLiteral("state"), &KmsKey::state,
                                   {{KeyState::Enabled, tr("Enabled")},
                                    {KeyState::Disabled, tr("Disabled")},
                                    {KeyState::PendingDeletion, tr("Pending deletion")}},
                                   tr("S3 can use only an enabled key"));
    addCheck<KmsKey>(tr("Allow the S3 service principal"), QStringLiteral("allowS3ServicePrincipal"),
                     &KmsKey::allowS3ServicePrincipal,
                     tr("Adds a key policy statement letting s3.amazonaws.com use the key"));
    addCustomPolicy<KmsKey>(tr("Key policy:"), QStringLiteral("customKeyPolicy"),
                            &KmsKey::customKeyPolicy, ArtifactKind::KeyPolicy);
    addNote<KmsKey>();
}

void PropertiesPanel::buildRole()
{
    addText<Role>(tr("Name:"), QStringLiteral("name"), &Role::name,
                  [](const Role &r) { return names::checkRoleName(r.name); });
    addText<Role>(tr("Path:"), QStringLiteral("path"), &Role::path,
                  [](const Role &r) { return names::checkRolePath(r.path); },
                  tr("\"/\" or \"/…/\", e.g. /service-role/"));
    addAccountCombo<Role>(&Role::account);
    addCheck<Role>(tr("Confused-deputy conditions in the trust policy"),
                   QStringLiteral("confusedDeputyConditions"), &Role::confusedDeputyConditions,
                   tr("Adds aws:SourceAccount / aws:SourceArn conditions to the trust policy"));
    addCustomPolicy<Role>(tr("Trust policy:"), QStringLiteral("customTrustPolicy"),
                          &Role::customTrustPolicy, ArtifactKind::RoleTrustPolicy);
    addCustomPolicy<Role>(tr("Permissions policy:"), QStringLiteral("customPermissionsPolicy"),
                          &Role::customPermissionsPolicy, ArtifactKind::RolePermissionsPolicy);
    addEnumCombo<Role, PermissionsAttachment>(
        tr("Permissions:"), QStringLiteral("permissionsAttachment"), &Role::permissionsAttachment,
        {{PermissionsAttachment::Automatic, tr("Inline while it fits, else managed policies")},
         {PermissionsAttachment::Inline, tr("Always one inline policy")},
         {PermissionsAttachment::Managed, tr("Always customer managed policies")}},
        tr("IAM holds 10,240 characters of inline policy per role; larger permissions are split "
           "across customer managed policies of 6,144 characters (up to 10 per role)"));
    addGuardrails<Role>(tr("Permissions boundaries:"), {GuardrailKind::PermissionsBoundary});
    addNote<Role>();
}

void PropertiesPanel::buildRule()
{
    using Rule = ReplicationRule;
    addText<Rule>(tr("Rule ID:"), QStringLiteral("ruleId"), &Rule::ruleId,
                  [](const Rule &r) { return names::checkRuleId(r.ruleId); });

    // Source and destination are the arrow's ends: changed by redrawing the arrow, not here.
    auto endLabel = [this](bool source) {
        auto *label = new QLabel;
        label->setObjectName(source ? QStringLiteral("source") : QStringLiteral("destination"));
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        addRow(source ? tr("Source:") : tr("Destination:"), label);
        onLoad([this, label, source] {
            const auto *r = current<Rule>();
            if (!r)
                return;
            const Design &d = m_doc.design();
            const auto *b = findById<Bucket>(d, source ? r->source : r->destination);
            const Account *a = b ? findById<Account>(d, b->account) : nullptr;
            label->setText(b ? QStringLiteral("%1 — %2, %3")
                                   .arg(qs(b->name), qs(b->region),
                                        a ? qs(a->name) : tr("no account"))
                             : tr("(missing bucket)"));
        });
    };
    endLabel(true);
    endLabel(false);

    {
        auto *combo = new QComboBox;
        combo->setObjectName(QStringLiteral("role"));
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(16);
        QLabel *error = addRow(tr("Role:"), combo, tr("The IAM role S3 assumes to replicate"));
        connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, [this, combo](int) {
            const std::string value = combo->currentData().toString().toStdString();
            edit<Rule>(QStringLiteral("role"), [&](Rule &r) { r.role = value; });
        });
        onLoad([this, combo, error] {
            const auto *r = current<Rule>();
            if (!r)
                return;
            const Design &d = m_doc.design();
            ComboItems items{{tr("(none)"), QString()}};
            for (const Role &role : d.roles) {
                const Account *a = findById<Account>(d, role.account);
                items.emplace_back(QStringLiteral("%1 — %2").arg(qs(role.name),
                                                                  a ? qs(a->name) : tr("no account")),
                                   qs(role.id));
            }
            syncCombo(combo, items, qs(r->role), tr("%1 (missing)").arg(qs(r->role)));
            std::string problem;
            const auto *role = findById<Role>(d, r->role);
            const auto *src = findById<Bucket>(d, r->source);
            if (r->role.empty())
                problem = tr("The rule needs a role for S3 to assume.").toStdString();
            else if (!role)
                problem = tr("This role is not in the design.").toStdString();
            else if (src && role->account != src->account)
                problem = tr("The role must be in the source bucket's account.").toStdString();
            setError(error, problem);
        });
    }
    {
        auto *spin = new QSpinBox;
        spin->setObjectName(QStringLiteral("priority"));
        spin->setRange(0, 1000000);
        spin->setMaximumWidth(spin->fontMetrics().horizontalAdvance(QStringLiteral("0000000")) + 40);
        QLabel *error = addRow(tr("Priority:"), spin,
                               tr("Among rules to the same destination, the higher number wins"));
        connect(spin, qOverload<int>(&QSpinBox::valueChanged), this, [this](int value) {
            edit<Rule>(QStringLiteral("priority"), [&](Rule &r) { r.priority = value; }, true);
        });
        onLoad([this, spin, error] {
            const auto *r = current<Rule>();
            if (!r)
                return;
            if (spin->value() != r->priority) {
                const QSignalBlocker blocker(spin);
                spin->setValue(r->priority);
            }
            std::string problem;
            for (const Rule &other : m_doc.design().rules) {
                if (other.id != r->id && other.source == r->source && other.priority == r->priority) {
                    problem = tr("Rule %1 of the same source has this priority too.")
                                  .arg(qs(other.ruleId))
                                  .toStdString();
                    break;
                }
            }
            setError(error, problem);
        });
    }
    addCheck<Rule>(tr("Enabled"), QStringLiteral("enabled"), &Rule::enabled);

    addSection(tr("Filter"));
    addText<Rule>(tr("Prefix:"), QStringLiteral("filterPrefix"), &Rule::filterPrefix,
                  [](const Rule &r) { return names::checkRulePrefix(r.filterPrefix); },
                  tr("Only objects whose key starts with this; empty for all objects"));
    addTagsTable();

    addSection(tr("What is replicated"));
    addCheck<Rule>(tr("Replicate delete markers"), QStringLiteral("deleteMarkerReplication"),
                   &Rule::deleteMarkerReplication,
                   tr("Not supported for tag-based rules"));
    addCheck<Rule>(tr("Replica modification sync"), QStringLiteral("replicaModificationSync"),
                   &Rule::replicaModificationSync,
                   tr("Replicate metadata changes made on replicas back (two-way setups)"));
    addCheck<Rule>(tr("Replicate SSE-KMS encrypted objects"), QStringLiteral("replicateKmsObjects"),
                   &Rule::replicateKmsObjects,
                   tr("KMS-encrypted objects are not replicated unless the rule opts in"));
    addKeyCombo<Rule>(
        tr("Replica key:"), QStringLiteral("replicaKey"), &Rule::replicaKey,
        [this](const Rule &r) -> std::string {
            const Design &d = m_doc.design();
            if (r.replicaKey.empty())
                return r.replicateKmsObjects
                           ? tr("Replicating KMS objects needs a replica key.").toStdString()
                           : std::string();
            const auto *k = findById<KmsKey>(d, r.replicaKey);
            if (!k)
                return tr("This key is not in the design.").toStdString();
            const auto *dst = findById<Bucket>(d, r.destination);
            if (dst && k->region != dst->region)
                return tr("The key is in %1; the replica key must be in the destination "
                          "bucket's Region (%2).")
                    .arg(qs(k->region), qs(dst->region))
                    .toStdString();
            if (!k->symmetric)
                return tr("S3 supports only symmetric encryption keys.").toStdString();
            return {};
        },
        tr("ReplicaKmsKeyID: the key that encrypts replicas in the destination"));
    {
        auto *combo = new QComboBox;
        combo->setObjectName(QStringLiteral("storageClass"));
        ComboItems items{{tr("Same as source object"), QString()}};
        for (std::string_view c : names::replicaStorageClasses())
            items.emplace_back(qs(c), qs(c));
        QLabel *error = addRow(tr("Storage class:"), combo);
        connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, [this, combo](int) {
            const std::string value = combo->currentData().toString().toStdString();
            edit<Rule>(QStringLiteral("storageClass"), [&](Rule &r) { r.storageClass = value; });
        });
        onLoad([this, combo, error, items] {
            if (const auto *r = current<Rule>()) {
                syncCombo(combo, items, qs(r->storageClass));
                setError(error, names::checkStorageClass(r->storageClass));
            }
        });
    }
    addCheck<Rule>(tr("Owner override (replicas owned by the destination account)"),
                   QStringLiteral("ownerOverride"), &Rule::ownerOverride);
    addSection(tr("Monitoring"));
    addCheck<Rule>(tr("Replication Time Control (15 minutes)"),
                   QStringLiteral("replicationTimeControl"), &Rule::replicationTimeControl,
                   tr("RTC needs metrics"));
    addCheck<Rule>(tr("Replication metrics"), QStringLiteral("metrics"), &Rule::metrics,
                   tr("Needed for failure events"));
    addNote<Rule>();
}

} // namespace s3rd::views
