// File › Compare With: the compare panel in a dock of its own, made on the first comparison and
// tabbed with the checklist under the canvas.

#include "mainwindow.h"

#include "comparepanel.h"
#include "designsession.h"

#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QStatusBar>

namespace s3rd::designer {

bool MainWindow::compareWith(const QString &path, const QString &label)
{
    const model::LoadResult loaded = document::DesignSession::read(path);
    if (!loaded.ok()) {
        m_reportError(tr("Cannot compare"),
                      tr("%1 does not load, so nothing was compared.\n\n%2")
                          .arg(QDir::toNativeSeparators(path),
                               views::ComparePanel::loadProblemsText(path, loaded.problems)));
        return false;
    }
    if (!m_compareDock) {
        m_comparePanel = new views::ComparePanel(document(), *m_selection, this);
        m_compareDock = new QDockWidget(tr("Compare"), this);
        m_compareDock->setObjectName(QStringLiteral("compareDock"));
        m_compareDock->setWidget(m_comparePanel);
        m_viewMenu->insertAction(m_viewMenu->actions().value(m_viewMenu->actions().size() - 2),
                                 m_compareDock->toggleViewAction());
        tabifyDockWidget(m_checklistDock, m_compareDock);
    }
    m_comparePanel->compareWith(loaded.design,
                                label.isEmpty() ? QFileInfo(path).fileName() : label);
    m_compareDock->show();
    m_compareDock->raise();
    statusBar()->showMessage(tr("Compared with %1").arg(m_comparePanel->otherLabel()), 4000);
    return true;
}

void MainWindow::compareWithFile()
{
    const QString file = m_session->filePath();
    const QString dir = file.isEmpty() ? QDir::homePath() : QFileInfo(file).absolutePath();
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Compare With Design"), dir,
                                     tr("Replication designs (*.s3rd.json);;All files (*)"));
    if (!path.isEmpty())
        compareWith(path);
}

void MainWindow::compareWithSaved()
{
    const QString file = m_session->filePath();
    if (!file.isEmpty())
        compareWith(file, tr("the last saved version of %1").arg(QFileInfo(file).fileName()));
}

} // namespace s3rd::designer
