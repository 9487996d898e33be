#pragma once

// The lab panel: while a lab is open, its briefing and its goals, each ticked live as the
// learner edits (graded once per event-loop turn after a change of content, never for a box
// moved); "Hint" reveals the next hint; "Show solution" (after a confirmation) lists what
// differs from the solution and marks those elements on the canvas until Esc or "Hide"; once
// every goal is met, the time taken and the hints used. The progress itself (goals, hints,
// time, what is remembered per user) is document::LabProgress; this only shows it.
//
// Contract: the panel follows the document: when a design arrives whose `lab` field names a
// lab of the catalogue, the panel opens that lab, and closes it for a design without one;
// labChanged() says so (the main window shows or hides the dock).

#include "confirmprompt.h"
#include "designpanel.h"
#include "labprogress.h"

#include "labs/catalogue.h"

#include <functional>
#include <memory>

class QLabel;
class QListWidget;
class QPushButton;
class QShortcut;
class QVBoxLayout;

namespace s3rd::views {

class LabPanel : public DesignPanel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabPanel)

public:
    LabPanel(document::Document &doc, Selection &selection, QWidget *parent = nullptr);
    ~LabPanel() override;

    // The labs the panel can follow (the shipped ones and the user's folder).
    const model::labs::Catalogue &catalogue() const { return m_catalogue; }
    void reloadCatalogue();
    // Follows this lab from now on (a lab just started from the chooser), whatever the
    // catalogue holds.
    void openLab(const model::labs::Lab &lab);
    void closeLab();
    bool hasLab() const { return m_progress != nullptr; }
    const document::LabProgress *progress() const { return m_progress.get(); }

    // How "Show solution" confirms; tests replace it. The default is a question dialog.
    void setConfirmPrompt(ConfirmPrompt prompt) { m_confirm = std::move(prompt); }

    void revealHint();
    // Asks first; then lists the differences and marks them on the canvas.
    void showSolution();
    void hideSolution();
    bool isSolutionShown() const { return m_solutionShown; }
    const std::vector<document::SolutionDifference> &differences() const { return m_differences; }

    // For tests: the goal rows' text ("✔ description") and the hints shown, in order.
    QStringList goalTexts() const;
    QStringList hintTexts() const;
    QString completionText() const;

signals:
    void labChanged(bool open);
    void chooseLabRequested();

protected:
    void refreshContents() override;

private:
    // Follows this lab's progress from now on; none: no lab.
    void followLab(std::unique_ptr<document::LabProgress> progress);
    void followDocument();
    void rebuild();
    void showGoals();
    void showHints();
    void showDifferences();
    void updateClock();

    model::labs::Catalogue m_catalogue;
    std::unique_ptr<document::LabProgress> m_progress;
    std::vector<document::SolutionDifference> m_differences;
    bool m_solutionShown = false;
    ConfirmPrompt m_confirm;

    QWidget *m_empty = nullptr;
    QWidget *m_content = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_facts = nullptr;
    QLabel *m_briefing = nullptr;
    QLabel *m_goalsHeading = nullptr;
    QVBoxLayout *m_goals = nullptr;
    QLabel *m_complete = nullptr;
    QLabel *m_hintsHeading = nullptr;
    QVBoxLayout *m_hints = nullptr;
    QPushButton *m_hintButton = nullptr;
    QPushButton *m_solutionButton = nullptr;
    QListWidget *m_differenceList = nullptr;
    QShortcut *m_escape = nullptr;
    QTimer *m_clock = nullptr;
};

} // namespace s3rd::views
