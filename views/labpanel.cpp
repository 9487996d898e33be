#include "labpanel.h"

#include "designerlabs.h"
#include "labchooser.h"
#include "qtext.h"
#include "selection.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace s3rd::views {

namespace {

using model::review::Change;

constexpr int kClockMs = 30 * 1000;

QLabel *wrapped(const QString &text = {})
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel *heading(const QString &text)
{
    auto *label = new QLabel(text);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    label->setContentsMargins(0, 8, 0, 0);
    return label;
}

void clearLayout(QVBoxLayout *layout)
{
    while (QLayoutItem *item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

QString changeText(const document::SolutionDifference &d)
{
    switch (d.change) {
    case Change::Added:
        return LabPanel::tr("%1: only in the solution").arg(d.label);
    case Change::Removed:
        return LabPanel::tr("%1: not in the solution").arg(d.label);
    case Change::Changed:
        break;
    }
    return (d.fields.size() == 1 ? LabPanel::tr("%1: %2 differs") : LabPanel::tr("%1: %2 differ"))
        .arg(d.label, d.fields.join(QStringLiteral(", ")));
}

} // namespace

LabPanel::LabPanel(document::Document &doc, Selection &selection, QWidget *parent)
    : DesignPanel(doc, selection, QStringLiteral("labPanel"), parent)
{
    m_confirm = questionDialogPrompt(this);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);

    // Without a lab: how to get one.
    m_empty = new QWidget;
    auto *emptyLayout = new QVBoxLayout(m_empty);
    emptyLayout->addWidget(wrapped(tr("No lab is open. A lab is a design that does not work "
                                      "and a story of what goes wrong: fix it, and the goals "
                                      "here tick as you go.")));
    auto *choose = new QPushButton(tr("Choose a &lab…"));
    choose->setObjectName(QStringLiteral("chooseLabButton"));
    connect(choose, &QPushButton::clicked, this, &LabPanel::chooseLabRequested);
    emptyLayout->addWidget(choose, 0, Qt::AlignLeft);
    emptyLayout->addStretch(1);
    outer->addWidget(m_empty);

    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_content = scroll;
    outer->addWidget(scroll);
    auto *body = new QWidget;
    scroll->setWidget(body);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(8, 6, 8, 8);

    m_title = wrapped();
    m_title->setObjectName(QStringLiteral("labTitle"));
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_title->setFont(big);
    layout->addWidget(m_title);
    m_facts = wrapped();
    m_facts->setObjectName(QStringLiteral("labFacts"));
    m_facts->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_facts);
    m_briefing = wrapped();
    m_briefing->setObjectName(QStringLiteral("labBriefing"));
    layout->addWidget(m_briefing);

    m_complete = wrapped();
    m_complete->setObjectName(QStringLiteral("labComplete"));
    m_complete->setStyleSheet(
        QStringLiteral("QLabel { background: #dff3e4; color: #1b5e20; border: 1px solid #7bc88a;"
                       " border-radius: 4px; padding: 6px; font-weight: bold; }"));
    layout->addWidget(m_complete);

    m_goalsHeading = heading(tr("Goals"));
    layout->addWidget(m_goalsHeading);
    m_goals = new QVBoxLayout;
    m_goals->setSpacing(6);
    layout->addLayout(m_goals);

    m_hintsHeading = heading(tr("Hints"));
    layout->addWidget(m_hintsHeading);
    m_hints = new QVBoxLayout;
    layout->addLayout(m_hints);

    auto *buttons = new QHBoxLayout;
    m_hintButton = new QPushButton(tr("&Hint"));
    m_hintButton->setObjectName(QStringLiteral("hintButton"));
    m_hintButton->setToolTip(tr("Reveal the next hint, from a nudge to nearly the answer"));
    m_solutionButton = new QPushButton(tr("Show &solution…"));
    m_solutionButton->setObjectName(QStringLiteral("solutionButton"));
    m_solutionButton->setToolTip(
        tr("Mark on the canvas what differs between your design and the solution"));
    buttons->addWidget(m_hintButton);
    buttons->addWidget(m_solutionButton);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(m_hintButton, &QPushButton::clicked, this, &LabPanel::revealHint);
    connect(m_solutionButton, &QPushButton::clicked, this, [this] {
        if (m_solutionShown)
            hideSolution();
        else
            showSolution();
    });

    m_differenceList = new QListWidget;
    m_differenceList->setObjectName(QStringLiteral("differenceList"));
    m_differenceList->setWordWrap(true);
    m_differenceList->setIconSize(QSize(16, 16));
    m_differenceList->setToolTip(tr("Click to select the element on the canvas; Esc hides"));
    layout->addWidget(m_differenceList);
    connect(m_differenceList, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        const QString id = item->data(Qt::UserRole).toString();
        if (!id.isEmpty())
            m_selection.selectAndCentre({id});
    });
    layout->addStretch(1);

    // Esc hides the solution, wherever the focus is in the window, only while it is shown.
    m_escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    m_escape->setContext(Qt::WindowShortcut);
    m_escape->setEnabled(false);
    connect(m_escape, &QShortcut::activated, this, &LabPanel::hideSolution);
    // The find bar of the policies panel also takes Esc while its panel has the focus.
    connect(m_escape, &QShortcut::activatedAmbiguously, this, &LabPanel::hideSolution);

    m_clock = new QTimer(this);
    m_clock->setInterval(kClockMs);
    connect(m_clock, &QTimer::timeout, this, &LabPanel::updateClock);

    connect(&m_doc, &document::Document::designReset, this, &LabPanel::followDocument);
    reloadCatalogue();
    followDocument();
    rebuild();
}

LabPanel::~LabPanel() = default;

void LabPanel::reloadCatalogue()
{
    m_catalogue = document::loadDesignerLabs(document::labFolder());
}

void LabPanel::followDocument()
{
    const std::string &id = m_doc.design().lab;
    if (id.empty()) {
        closeLab();
        return;
    }
    if (m_progress && m_progress->lab().id == id)
        return;
    if (const model::labs::Lab *lab = m_catalogue.find(id))
        openLab(*lab);
    else
        closeLab(); // a lab this designer does not have: the design opens as any other
}

void LabPanel::openLab(const model::labs::Lab &lab)
{
    followLab(std::make_unique<document::LabProgress>(lab));
}

void LabPanel::closeLab()
{
    if (m_progress)
        followLab(nullptr);
}

void LabPanel::followLab(std::unique_ptr<document::LabProgress> progress)
{
    hideSolution();
    m_progress = std::move(progress);
    const bool open = m_progress != nullptr;
    if (open) {
        m_progress->update(m_doc.design());
        m_clock->start();
    } else {
        m_clock->stop();
    }
    rebuild();
    emit labChanged(open);
}

void LabPanel::refreshContents()
{
    if (!m_progress)
        return;
    const bool wasDone = m_progress->completed();
    if (m_progress->update(m_doc.design()) || wasDone != m_progress->completed())
        showGoals();
    if (m_solutionShown)
        showDifferences();
}

void LabPanel::rebuild()
{
    m_empty->setVisible(!m_progress);
    m_content->setVisible(m_progress != nullptr);
    if (!m_progress) {
        clearLayout(m_goals);
        clearLayout(m_hints);
        return;
    }
    const model::labs::Lab &lab = m_progress->lab();
    m_title->setText(qs(lab.title));
    m_briefing->setText(qs(lab.briefing));
    showGoals();
    showHints();
    updateClock();
    m_differenceList->setVisible(false);
}

void LabPanel::showGoals()
{
    clearLayout(m_goals);
    const model::labs::Lab &lab = m_progress->lab();
    const auto &results = m_progress->results();
    for (std::size_t i = 0; i < lab.goals.size() && i < results.size(); ++i) {
        const bool met = results[i].met;
        auto *row = wrapped(QStringLiteral("<span style=\"color:%1\">%2</span> %3<br>"
                                           "<small style=\"color:%4\">%5</small>")
                                .arg(met ? QStringLiteral("#2e7d32") : QStringLiteral("#c62828"),
                                     met ? QStringLiteral("✔") : QStringLiteral("✘"),
                                     qs(lab.goals[i].description).toHtmlEscaped(),
                                     palette().color(QPalette::PlaceholderText).name(),
                                     qs(results[i].reason).toHtmlEscaped()));
        row->setTextFormat(Qt::RichText);
        row->setObjectName(QStringLiteral("goal%1").arg(i));
        row->setProperty("met", met);
        row->setProperty("plainText", (met ? QStringLiteral("✔ ") : QStringLiteral("✘ ")) +
                                          qs(lab.goals[i].description));
        m_goals->addWidget(row);
    }
    m_goalsHeading->setText(
        tr("Goals: %1 of %2 met").arg(m_progress->goalsMet()).arg(results.size()));
    m_complete->setText(m_progress->completionText());
    m_complete->setVisible(m_progress->completed());
    updateClock();
}

void LabPanel::showHints()
{
    clearLayout(m_hints);
    const QStringList hints = m_progress->revealedHints();
    for (int i = 0; i < hints.size(); ++i) {
        auto *hint = wrapped(tr("%1. %2").arg(i + 1).arg(hints[i]));
        hint->setObjectName(QStringLiteral("hint%1").arg(i));
        m_hints->addWidget(hint);
    }
    const int total = int(m_progress->lab().hints.size());
    m_hintsHeading->setText(hints.isEmpty() ? tr("Hints: %1 available").arg(total)
                                            : tr("Hints: %1 of %2").arg(hints.size()).arg(total));
    m_hintButton->setEnabled(m_progress->hasNextHint());
    m_hintButton->setText(m_progress->hasNextHint() ? tr("&Hint") : tr("No more hints"));
}

void LabPanel::revealHint()
{
    if (!m_progress || m_progress->revealNextHint().isEmpty())
        return;
    showHints();
    m_complete->setText(m_progress->completionText());
}

void LabPanel::showSolution()
{
    if (!m_progress || m_solutionShown)
        return;
    if (!m_confirm(tr("Show the solution?"),
                   tr("This marks on the canvas what differs between your design and the lab's "
                      "solution, which gives the answer away. Show it?")))
        return;
    m_progress->markSolutionShown();
    m_solutionShown = true;
    m_escape->setEnabled(true);
    m_solutionButton->setText(tr("Hide &solution"));
    showDifferences();
    m_complete->setText(m_progress->completionText());
}

void LabPanel::hideSolution()
{
    if (!m_solutionShown)
        return;
    m_solutionShown = false;
    m_escape->setEnabled(false);
    m_solutionButton->setText(tr("Show &solution…"));
    m_differences.clear();
    m_differenceList->clear();
    m_differenceList->setVisible(false);
    setOwnHighlights({});
}

void LabPanel::showDifferences()
{
    m_differences = document::solutionDifferences(m_doc.design(), m_progress->lab());
    m_differenceList->clear();
    QHash<QString, Highlight> marks;
    QStyle *s = style();
    for (const document::SolutionDifference &d : m_differences) {
        auto *item = new QListWidgetItem(changeText(d), m_differenceList);
        if (d.change == Change::Added) {
            item->setIcon(s->standardIcon(QStyle::SP_FileDialogNewFolder));
            item->setToolTip(tr("The solution has this element; your design does not"));
            continue; // nothing on the canvas to mark
        }
        item->setData(Qt::UserRole, d.id);
        item->setIcon(s->standardIcon(d.change == Change::Removed ? QStyle::SP_DialogCancelButton
                                                                  : QStyle::SP_MessageBoxWarning));
        marks.insert(d.id, d.change == Change::Removed ? Highlight::Fail : Highlight::Emphasis);
    }
    if (m_differences.empty())
        new QListWidgetItem(tr("Your design matches the solution."), m_differenceList);
    m_differenceList->setVisible(true);
    m_differenceList->setFixedHeight(std::min(8, std::max(2, m_differenceList->count())) *
                                         (fontMetrics().lineSpacing() + 8) +
                                     4);
    setOwnHighlights(marks);
}

void LabPanel::updateClock()
{
    if (!m_progress)
        return;
    const model::labs::Lab &lab = m_progress->lab();
    const qint64 minutes = m_progress->elapsedSeconds() / 60;
    m_facts->setText(
        tr("%1 · about %2 min · %3")
            .arg(labDifficultyText(lab.difficulty))
            .arg(lab.minutes)
            .arg(m_progress->completed() ? tr("done") : tr("%1 min so far").arg(minutes)));
}

QStringList LabPanel::goalTexts() const
{
    QStringList out;
    for (int i = 0; i < m_goals->count(); ++i) {
        if (QWidget *w = m_goals->itemAt(i)->widget())
            out << w->property("plainText").toString();
    }
    return out;
}

QStringList LabPanel::hintTexts() const
{
    QStringList out;
    for (int i = 0; i < m_hints->count(); ++i) {
        if (auto *label = qobject_cast<QLabel *>(m_hints->itemAt(i)->widget()))
            out << label->text();
    }
    return out;
}

QString LabPanel::completionText() const
{
    return m_complete->isVisibleTo(this) ? m_complete->text() : QString();
}

} // namespace s3rd::views
