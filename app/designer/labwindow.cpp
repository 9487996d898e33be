// The main window's labs: Help › Labs, starting a lab, and the Lab dock that shows while one is
// open (the panel itself is views/labpanel).

#include "mainwindow.h"

#include "designsession.h"
#include "labchooser.h"
#include "labpanel.h"

#include <QDockWidget>
#include <QStatusBar>
#include <QTimer>

namespace s3rd::designer {

void MainWindow::createLabDock()
{
    m_labPanel = new views::LabPanel(document(), *m_selection, this);
    m_labDock = new QDockWidget(tr("Lab"), this);
    m_labDock->setObjectName(QStringLiteral("labDock"));
    m_labDock->setWidget(m_labPanel);
    // Beside the properties, in front of the generated policies: the learner reads the goals
    // and edits the design side by side.
    addDockWidget(Qt::RightDockWidgetArea, m_labDock);
    tabifyDockWidget(m_policiesDock, m_labDock);
    m_labDock->hide();
    connect(m_labPanel, &views::LabPanel::labChanged, this, [this](bool open) {
        m_labDock->setVisible(open);
        if (open)
            m_labDock->raise();
    });
    connect(m_labPanel, &views::LabPanel::chooseLabRequested, this, &MainWindow::showLabs);
    // A remembered layout may show the dock: only a lab does.
    QTimer::singleShot(0, this, [this] {
        if (!m_labPanel->hasLab())
            m_labDock->hide();
    });
}

void MainWindow::showLabs()
{
    views::LabChooser chooser(this);
    if (chooser.exec() != QDialog::Accepted)
        return;
    if (const std::optional<model::labs::Lab> lab = chooser.chosenLab())
        startLab(*lab);
}

bool MainWindow::startLab(const model::labs::Lab &chosen)
{
    if (!maybeSave())
        return false;
    // A copy: `chosen` may live in the panel's catalogue, which is reloaded below.
    const model::labs::Lab lab = chosen;
    m_labPanel->reloadCatalogue(); // the chooser may have opened a folder of labs
    model::Design design = lab.start;
    design.lab = lab.id; // so the saved file reopens with its lab
    m_session->startNew(design);
    if (!m_labPanel->progress() || m_labPanel->progress()->lab().id != lab.id)
        m_labPanel->openLab(lab);
    statusBar()->showMessage(tr("Lab: %1").arg(QString::fromStdString(lab.title)), 6000);
    return true;
}

} // namespace s3rd::designer
