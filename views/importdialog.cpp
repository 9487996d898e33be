#include "importdialog.h"

#include "dialogbuttons.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <set>

namespace s3rd::views {

namespace {

enum Column { File, Bucket, Key, Role, Account, Region, ColumnCount };

} // namespace

ImportDialog::ImportDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Import from AWS"));
    resize(900, 520);
    auto *intro = new QLabel(
        tr("Add the JSON printed by the AWS CLI: get-bucket-replication, get-bucket-versioning, "
           "get-bucket-encryption, get-bucket-policy, get-object-lock-configuration, "
           "get-bucket-ownership-controls, kms describe-key, get-key-policy, iam get-role, "
           "get-role-policy (or the bare documents). Bucket outputs do not name their bucket: "
           "fill in the Bucket column; key policies need the key ARN, bare role policies the "
           "role."),
        this);
    intro->setWordWrap(true);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setHorizontalHeaderLabels(
        {tr("File"), tr("Bucket"), tr("Key ARN"), tr("Role"), tr("Account"), tr("Region")});
    m_table->horizontalHeader()->setSectionResizeMode(File, QHeaderView::Stretch);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto *add = new QPushButton(tr("Add files…"), this);
    auto *remove = new QPushButton(tr("Remove"), this);
    auto *row = new QHBoxLayout;
    row->addWidget(add);
    row->addWidget(remove);
    row->addStretch();
    m_name = new QLineEdit(tr("Imported design"), this);
    auto *form = new QFormLayout;
    form->addRow(tr("Design name:"), m_name);
    m_messages = new QPlainTextEdit(this);
    m_messages->setReadOnly(true);
    m_messages->setPlaceholderText(tr("Problems found in the files are listed here."));
    m_messages->setMaximumHeight(120);
    QDialogButtonBox *buttons = newOkCancelButtons(this, tr("Import"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addLayout(row);
    layout->addLayout(form);
    layout->addWidget(m_messages);
    layout->addWidget(buttons);

    connect(add, &QPushButton::clicked, this, &ImportDialog::chooseFiles);
    connect(remove, &QPushButton::clicked, this, &ImportDialog::removeSelected);
}

void ImportDialog::addFiles(const QStringList &files)
{
    for (const QString &file : files) {
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        auto *item = new QTableWidgetItem(QFileInfo(file).fileName());
        item->setData(Qt::UserRole, file);
        item->setToolTip(file);
        item->setFlags(item->flags() & ~Qt::ItemIsEditable);
        m_table->setItem(r, File, item);
        // Subjects start as the row above's: files usually come in groups per bucket.
        for (int c = Bucket; c < ColumnCount; ++c) {
            const QTableWidgetItem *above = r > 0 ? m_table->item(r - 1, c) : nullptr;
            m_table->setItem(r, c, new QTableWidgetItem(above ? above->text() : QString()));
        }
    }
}

void ImportDialog::chooseFiles()
{
    addFiles(QFileDialog::getOpenFileNames(this, tr("AWS CLI outputs"), QString(),
                                           tr("JSON (*.json);;All files (*)")));
}

void ImportDialog::removeSelected()
{
    std::set<int, std::greater<int>> rows;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        rows.insert(i.row());
    for (int r : rows)
        m_table->removeRow(r);
}

void ImportDialog::accept()
{
    std::vector<std::pair<std::string, model::exchange::ImportSubject>> files;
    const auto cell = [this](int r, int c) {
        const QTableWidgetItem *item = m_table->item(r, c);
        return item ? item->text().trimmed().toStdString() : std::string();
    };
    for (int r = 0; r < m_table->rowCount(); ++r) {
        model::exchange::ImportSubject s;
        s.bucket = cell(r, Bucket);
        s.key = cell(r, Key);
        s.role = cell(r, Role);
        s.account = cell(r, Account);
        s.region = cell(r, Region);
        files.emplace_back(m_table->item(r, File)->data(Qt::UserRole).toString().toStdString(), s);
    }
    if (files.empty()) {
        m_messages->setPlainText(tr("Add at least one file."));
        return;
    }
    m_result = model::exchange::importFiles(files, {}, m_name->text().trimmed().toStdString());
    if (!m_result.ok()) {
        QString text = tr("Nothing was imported:");
        for (const auto &p : m_result.problems) {
            text += QStringLiteral("\n") + QFileInfo(QString::fromStdString(p.input)).fileName();
            if (!p.location.empty())
                text += QStringLiteral(": ") + QString::fromStdString(p.location);
            text += QStringLiteral(": ") + QString::fromStdString(p.message);
        }
        m_messages->setPlainText(text);
        return;
    }
    QDialog::accept();
}

} // namespace s3rd::views
