#include "propertyform.h"

#include <QHeaderView>
#include <QTableWidget>

namespace s3rd::views {

using namespace s3rd::model;
using document::ElementKind;

void setError(QLabel *label, const std::string &problem)
{
    const QString text = qs(problem);
    if (label->text() != text)
        label->setText(text);
    label->setVisible(!text.isEmpty());
}

QComboBox *newReferenceCombo(const QString &objectName)
{
    auto *combo = new QComboBox;
    combo->setObjectName(objectName);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(16);
    return combo;
}

void syncCombo(QComboBox *box, const ComboItems &items, const QString &value,
               const QString &missingText)
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
        box->addItem(missingText.isEmpty() ? value + QObject::tr(" (unknown)") : missingText,
                     value);
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
        const Account *a = document::findElement<Account>(d, k.account);
        items.emplace_back(QStringLiteral("%1 — %2, %3")
                               .arg(qs(k.alias.empty() ? k.keyId : k.alias), qs(k.region),
                                    a ? qs(a->name) : QObject::tr("no account")),
                           qs(k.id));
    }
    return items;
}

PropertyForm::PropertyForm(document::Document &doc, QUndoStack &undo, ElementKind kind,
                           const QString &id, QFormLayout *layout, QWidget *host)
    : QObject(host)
    , m_doc(doc)
    , m_undo(undo)
    , m_kind(kind)
    , m_id(id)
    , m_form(layout)
    , m_host(host)
{
}

void PropertyForm::load()
{
            const Design &d = m_doc.design();
            const std::string id = m_id.toStdString();
            switch (m_kind) {
            case ElementKind::Account: m_loaded = document::findElement<Account>(d, id); break;
            case ElementKind::Bucket: m_loaded = document::findElement<Bucket>(d, id); break;
            case ElementKind::Key: m_loaded = document::findElement<KmsKey>(d, id); break;
            case ElementKind::Role: m_loaded = document::findElement<Role>(d, id); break;
            case ElementKind::Rule: m_loaded = document::findElement<ReplicationRule>(d, id); break;
            }
            if (m_loaded) {
                for (const auto &loader : m_loaders)
                    loader();
            }
            m_loaded = nullptr;
}

QLabel *PropertyForm::addRow(const QString &label, QWidget *editor, const QString &toolTip)
{
            auto *v = newGroupingBox<QVBoxLayout>();
            QWidget *box = v->parentWidget();
            v->setSpacing(2);
            v->addWidget(editor);
            QLabel *error = newErrorLabel();
            error->setObjectName(editor->objectName() + QStringLiteral("Error"));
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

void PropertyForm::addSection(const QString &title)
{
            auto *label = new QLabel(title);
            QFont f = label->font();
            f.setBold(true);
            label->setFont(f);
            label->setContentsMargins(0, 8, 0, 0);
            m_form->addRow(label);
}

void PropertyForm::addTagsTable()
{
            auto *v = newGroupingBox<QVBoxLayout>(QStringLiteral("filterTags"));
            QWidget *box = v->parentWidget();
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
                    QStringLiteral("filterTags"), [&](ReplicationRule &r) { r.filterTags = tags; },
                    true);
            });
            connect(add, &QPushButton::clicked, this, [this, table] {
                edit<ReplicationRule>(QStringLiteral("filterTagsAdd"),
                                      [&](ReplicationRule &r) { r.filterTags.push_back({}); });
                load();
                if (table->rowCount() > 0)
                    table->editItem(table->item(table->rowCount() - 1, 0));
            });
            connect(remove, &QPushButton::clicked, this, [this, table] {
                const int row =
                    table->currentRow() >= 0 ? table->currentRow() : table->rowCount() - 1;
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
                        table->setItem(i, 0,
                                       new QTableWidgetItem(qs(r->filterTags[std::size_t(i)].key)));
                        table->setItem(
                            i, 1, new QTableWidgetItem(qs(r->filterTags[std::size_t(i)].value)));
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

    } // namespace s3rd::views
