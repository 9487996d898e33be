#include "labchooser.h"

#include "designerlabs.h"
#include "iconcache.h"
#include "labprogress.h"
#include "panelparts.h"
#include "qtext.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace s3rd::views {

namespace {

enum Column
{
    Title,
    Difficulty,
    Time,
    Progress
};

// What this user did with the lab: done (in how long), started, or nothing yet.
QString progressText(const QString &id)
{
    const document::LabRecord r = document::labRecord(id);
    if (r.done) {
        const qint64 minutes = std::max<qint64>(1, (r.seconds + 59) / 60);
        return LabChooser::tr("✔ Done in %1 min").arg(minutes);
    }
    if (r.started.isValid())
        return LabChooser::tr("Started");
    return {};
}

} // namespace

QString labDifficultyText(model::labs::Difficulty d)
{
    switch (d) {
    case model::labs::Difficulty::Easy:
        return LabChooser::tr("Easy");
    case model::labs::Difficulty::Medium:
        return LabChooser::tr("Medium");
    case model::labs::Difficulty::Hard:
        return LabChooser::tr("Hard");
    }
    return {};
}

LabChooser::LabChooser(QWidget *parent) : QDialog(parent)
{
    initResources();
    setObjectName(QStringLiteral("labChooser"));
    setWindowTitle(tr("Labs"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Break-and-fix exercises: each lab opens a design that does not work. Read the "
           "briefing, fix the design; the lab panel ticks the goals as you go."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("labList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({tr("Lab"), tr("Difficulty"), tr("Time"), tr("Progress")});
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(Title, QHeaderView::Stretch);
    for (int c : {Difficulty, Time, Progress})
        m_list->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    layout->addWidget(m_list, 3);

    m_briefing = newWrappingLabel(QStringLiteral("labBriefing"));
    m_briefing->setTextFormat(Qt::RichText);
    m_briefing->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_briefing->setMinimumHeight(fontMetrics().lineSpacing() * 5);
    layout->addWidget(m_briefing, 1);

    m_problems = newWrappingLabel(QStringLiteral("labProblems"));
    m_problems->setStyleSheet(QStringLiteral("color: #d64541;"));
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_problems);

    auto *row = new QHBoxLayout;
    auto *openFolderButton = new QPushButton(tr("Open lab &folder…"));
    openFolderButton->setObjectName(QStringLiteral("openLabFolderButton"));
    openFolderButton->setToolTip(tr("Add the labs of a folder (one subfolder per lab, as "
                                    "docs/lab-format.md describes); remembered"));
    row->addWidget(openFolderButton);
    m_folder = new QLabel;
    m_folder->setObjectName(QStringLiteral("labFolderLabel"));
    m_folder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(m_folder, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_start = buttons->addButton(tr("&Start lab"), QDialogButtonBox::AcceptRole);
    m_start->setObjectName(QStringLiteral("startLabButton"));
    m_start->setDefault(true);
    row->addWidget(buttons);
    layout->addLayout(row);

    m_askFolder = [this] {
        return QFileDialog::getExistingDirectory(
            this, tr("Open Lab Folder"),
            document::labFolder().isEmpty() ? QDir::homePath() : document::labFolder());
    };
    connect(openFolderButton, &QPushButton::clicked, this, [this] {
        const QString folder = m_askFolder();
        if (!folder.isEmpty())
            openFolder(folder);
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &LabChooser::showSelected);
    connect(m_list, &QTreeWidget::itemActivated, this, &QDialog::accept);

    reload(document::labFolder());
    resize(760, 520);
}

void LabChooser::reload(const QString &folder)
{
    const QString previous = m_list->currentItem()
                                 ? m_list->currentItem()->data(Title, Qt::UserRole).toString()
                                 : QString();
    m_catalogue = document::loadDesignerLabs(folder);
    m_list->clear();
    for (const model::labs::Lab &lab : m_catalogue.labs) {
        const QString id = qs(lab.id);
        auto *item = new QTreeWidgetItem(m_list, {qs(lab.title), labDifficultyText(lab.difficulty),
                                                  tr("%1 min").arg(lab.minutes), progressText(id)});
        item->setData(Title, Qt::UserRole, id);
        item->setToolTip(Title, id);
        item->setTextAlignment(Time, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_folder->setText(folder.isEmpty() ? QString()
                                       : tr("Also from %1").arg(QDir::toNativeSeparators(folder)));
    QStringList problems;
    for (const model::labs::LabProblem &p : m_catalogue.problems)
        problems << qs(model::labs::problemText(p));
    m_problems->setText(problems.isEmpty()
                            ? QString()
                            : (problems.size() == 1
                                   ? tr("A lab did not load: %1")
                                   : tr("%1 labs did not load; the first: %2").arg(problems.size()))
                                  .arg(problems.first()));
    m_problems->setToolTip(problems.join(QLatin1Char('\n')));
    m_problems->setVisible(!problems.isEmpty());
    if (previous.isEmpty() || !selectLab(previous))
        m_list->setCurrentItem(m_list->topLevelItem(0));
    m_start->setEnabled(m_list->currentItem() != nullptr);
}

void LabChooser::openFolder(const QString &folder)
{
    document::setLabFolder(folder);
    reload(folder);
}

bool LabChooser::selectLab(const QString &id)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(Title, Qt::UserRole).toString() == id) {
            m_list->setCurrentItem(item);
            return true;
        }
    }
    return false;
}

void LabChooser::showSelected()
{
    const QTreeWidgetItem *item = m_list->currentItem();
    const model::labs::Lab *lab =
        item ? m_catalogue.find(item->data(Title, Qt::UserRole).toString().toStdString()) : nullptr;
    m_start->setEnabled(lab != nullptr);
    if (!lab) {
        m_briefing->clear();
        return;
    }
    m_briefing->setText(QStringLiteral("<b>%1</b><br>%2<br><i>%3</i>")
                            .arg(qs(lab->title).toHtmlEscaped(), qs(lab->briefing).toHtmlEscaped(),
                                 lab->goals.size() == 1
                                     ? tr("1 goal to meet.")
                                     : tr("%1 goals to meet.").arg(lab->goals.size())));
}

std::optional<model::labs::Lab> LabChooser::chosenLab() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    if (!item)
        return std::nullopt;
    if (const model::labs::Lab *lab =
            m_catalogue.find(item->data(Title, Qt::UserRole).toString().toStdString()))
        return *lab;
    return std::nullopt;
}

} // namespace s3rd::views
