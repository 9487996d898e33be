#include "exportdialog.h"

#include "diagramexport.h"
#include "dialogbuttons.h"
#include "document.h"
#include "exchange/exporter.h"
#include "designerlabs.h"
#include "handout.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace s3rd::views {

namespace {

using model::exchange::ExportFormat;

enum Choice { Bundle, CloudFormation, Terraform, Png, Svg, Handout };

} // namespace

ExportDialog::ExportDialog(const document::Document &doc, const QString &suggestedName,
                           QWidget *parent)
    : QDialog(parent)
    , m_doc(doc)
    , m_baseName(QFileInfo(suggestedName).fileName().isEmpty()
                     ? QStringLiteral("design")
                     : QFileInfo(suggestedName).fileName())
{
    setWindowTitle(tr("Export"));
    m_format = new QComboBox(this);
    m_format->addItem(tr("Policy bundle (folder per account, runbook, deploy.sh)"), Bundle);
    m_format->addItem(tr("CloudFormation templates"), CloudFormation);
    m_format->addItem(tr("Terraform configuration"), Terraform);
    m_format->addItem(tr("Diagram as PNG (2×)"), Png);
    m_format->addItem(tr("Diagram as SVG"), Svg);
    m_format->addItem(tr("Handout for printing (PDF: diagram, documents and why, checklists)"),
                      Handout);
    m_path = new QLineEdit(this);
    // Outputs go next to the design file by default.
    if (!suggestedName.isEmpty())
        m_path->setText(QFileInfo(suggestedName).absoluteFilePath());
    auto *browseButton = new QPushButton(tr("Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);
    m_zip = new QCheckBox(tr("Write one zip archive"), this);
    m_withSolution = new QCheckBox(tr("Add the lab's hints and solution (a trainer's copy)"), this);
    m_withSolution->setObjectName(QStringLiteral("withSolutionCheck"));
    m_problems = new QLabel(this);
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Output:"), pathRow);
    form->addRow(QString(), m_zip);
    form->addRow(QString(), m_withSolution);
    QDialogButtonBox *buttons = newOkCancelButtons(this, tr("Export"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problems);
    layout->addWidget(buttons);

    connect(browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateForFormat);
    connect(m_zip, &QCheckBox::toggled, this, &ExportDialog::updateForFormat);

    // Names that could inject into a script, a template or a path block the text exports.
    const auto problems = model::exchange::exportProblems(m_doc.design());
    if (!problems.empty()) {
        QString text = tr("This design cannot be exported as documents until these are fixed:");
        for (const auto &p : problems)
            text += QStringLiteral("\n• ") + QString::fromStdString(p.what);
        m_problems->setText(text);
        m_format->setCurrentIndex(Png);
    }
    updateForFormat();
}

bool ExportDialog::drawn() const
{
    const int choice = m_format->currentData().toInt();
    return choice == Png || choice == Svg || choice == Handout;
}

void ExportDialog::updateForFormat()
{
    const int choice = m_format->currentData().toInt();
    m_zip->setEnabled(!drawn());
    // A design started from a lab prints the lab's briefing and goals first.
    m_withSolution->setVisible(choice == Handout && !m_doc.design().lab.empty());
    const QString dir = m_path->text().isEmpty() ? QDir::homePath()
                                                 : QFileInfo(m_path->text()).path();
    QString name;
    switch (choice) {
    case Bundle: name = m_baseName + "-bundle"; break;
    case CloudFormation: name = m_baseName + "-cloudformation"; break;
    case Terraform: name = m_baseName + "-terraform"; break;
    case Png: name = m_baseName + ".png"; break;
    case Svg: name = m_baseName + ".svg"; break;
    case Handout: name = m_baseName + ".pdf"; break;
    }
    if (!drawn() && m_zip->isChecked())
        name += ".zip";
    m_path->setText(QDir(dir).filePath(name));
    const bool blocked = !drawn() && !model::exchange::exportProblems(m_doc.design()).empty();
    if (auto *box = findChild<QDialogButtonBox *>())
        box->button(QDialogButtonBox::Ok)->setEnabled(!blocked);
}

void ExportDialog::browse()
{
    QString chosen;
    if (drawn() || m_zip->isChecked())
        chosen = QFileDialog::getSaveFileName(this, tr("Export to"), m_path->text());
    else
        chosen = QFileDialog::getExistingDirectory(this, tr("Export into folder"),
                                                   QFileInfo(m_path->text()).path());
    if (!chosen.isEmpty())
        m_path->setText(drawn() || m_zip->isChecked()
                            ? chosen
                            : QDir(chosen).filePath(QFileInfo(m_path->text()).fileName()));
}

void ExportDialog::accept()
{
    const QString path = m_path->text().trimmed();
    if (path.isEmpty())
        return;
    QString error;
    const int choice = m_format->currentData().toInt();
    if (choice == Handout) {
        handout::HandoutOptions options;
        if (const std::string &id = m_doc.design().lab; !id.empty()) {
            const model::labs::Catalogue labs = document::loadDesignerLabs(document::labFolder());
            if (const model::labs::Lab *lab = labs.find(id))
                options.lab = handout::labSheet(*lab, m_withSolution->isChecked());
        }
        error = handout::exportHandout(m_doc.design(), path, options);
    } else if (drawn()) {
        using s3rd::diagram::DiagramFormat;
        error = s3rd::diagram::exportDiagram(m_doc.design(), path,
                                             choice == Png ? DiagramFormat::Png : DiagramFormat::Svg);
    } else {
        const ExportFormat format = choice == Bundle          ? ExportFormat::Bundle
                                    : choice == CloudFormation ? ExportFormat::CloudFormation
                                                               : ExportFormat::Terraform;
        if (!model::exchange::exportProblems(m_doc.design()).empty())
            return;
        const auto files = model::exchange::exportFiles(m_doc.design(), format);
        const std::string result =
            m_zip->isChecked() ? model::exchange::writeExportZip(files, path.toStdString())
                               : model::exchange::writeExportFolder(files, path.toStdString());
        error = QString::fromStdString(result);
    }
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Export failed"), error);
        return;
    }
    m_written = path;
    QDialog::accept();
}

} // namespace s3rd::views
