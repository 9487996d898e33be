#pragma once

// Help › Labs: the break-and-fix exercises to choose from, easy to hard, each with its
// difficulty, estimated time and whether this user has done it; the briefing of the one
// selected. The labs are the shipped ones and those of a folder the user opens ("Open lab
// folder…", remembered).
//
// Contract: loads the labs itself (document::loadDesignerLabs); a lab that does not load is
// named under the list, never a crash. After exec() returns Accepted, chosenLab() is the lab to
// start.

#include "labs/catalogue.h"

#include <QDialog>

#include <functional>
#include <optional>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace s3rd::views {

// "Easy", "Medium" or "Hard", as the chooser and the lab panel show a lab's difficulty.
QString labDifficultyText(model::labs::Difficulty d);

class LabChooser : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabChooser)

public:
    explicit LabChooser(QWidget *parent = nullptr);

    const model::labs::Catalogue &catalogue() const { return m_catalogue; }
    // The lab to start, once accepted.
    std::optional<model::labs::Lab> chosenLab() const;

    // Selects the lab of this id in the list; false when there is none.
    bool selectLab(const QString &id);
    // Adds the labs of `folder` (what "Open lab folder…" does once a folder is picked) and
    // remembers it for the next time.
    void openFolder(const QString &folder);
    // How "Open lab folder…" asks for the folder; tests replace it. Returns empty on cancel.
    void setFolderPrompt(std::function<QString()> prompt) { m_askFolder = std::move(prompt); }

    QTreeWidget *list() const { return m_list; }
    QPushButton *startButton() const { return m_start; }

private:
    void reload(const QString &folder);
    void showSelected();

    model::labs::Catalogue m_catalogue;
    QTreeWidget *m_list = nullptr;
    QLabel *m_briefing = nullptr;
    QLabel *m_problems = nullptr;
    QLabel *m_folder = nullptr;
    QPushButton *m_start = nullptr;
    std::function<QString()> m_askFolder;
};

} // namespace s3rd::views
