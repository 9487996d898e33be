// The main window's layout: the docks, where a first start puts them and how large, the layout
// remembered between runs, and the start page shown in place of the canvas before a design
// (with the window to itself: the docks hide while it shows and come back with the design).

#include "mainwindow.h"

#include "canvasview.h"
#include "checklistpanel.h"
#include "designsession.h"
#include "document.h"
#include "minimap.h"
#include "labpanel.h"
#include "palette.h"
#include "policiespanel.h"
#include "propertiespanel.h"
#include "simulatorpanel.h"
#include "startpage.h"

#include <QAction>
#include <QDockWidget>
#include <QGuiApplication>
#include <QLabel>
#include <QMenu>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>

namespace s3rd::designer {

void MainWindow::createDocks()
{
    setDockNestingEnabled(true);
    // The right-hand docks run the full height; the bottom one stays under the canvas only.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);

    const auto newDock = [this](QWidget *widget, const QString &title, const char *name) {
        auto *d = new QDockWidget(title, this);
        d->setObjectName(QLatin1String(name)); // what saveState() stores
        d->setWidget(widget);
        m_viewMenu->addAction(d->toggleViewAction());
        return d;
    };
    m_palette = new views::PaletteWidget(this);
    m_paletteDock = newDock(m_palette, tr("Palette"), "paletteDock");
    connect(m_palette->connectButton(), &QToolButton::toggled, m_connectAction,
            &QAction::setChecked);
    connect(m_connectAction, &QAction::toggled, m_palette->connectButton(),
            &QToolButton::setChecked);
    m_minimap = new views::Minimap(m_view, this);
    m_overviewDock = newDock(m_minimap, tr("Overview"), "overviewDock");

    // Every panel works on the same document, undo stack and selection.
    document::Document &doc = document();
    QUndoStack &undo = undoStack();
    m_propertiesDock = newDock(new views::PropertiesPanel({doc, undo, *m_selection}, this),
                               tr("Properties"), "propertiesDock");
    m_policiesDock = newDock(new views::PoliciesPanel(doc, *m_selection, this),
                             tr("Generated policies"), "policiesDock");
    m_checklistDock = newDock(new views::ChecklistPanel({doc, undo, *m_selection}, this),
                              tr("Checklist"), "checklistDock");
    m_simulatorDock = newDock(new views::SimulatorPanel(doc, *m_selection, this),
                              tr("Test an object"), "simulatorDock");
    m_viewMenu->addSeparator();
    QAction *reset = m_viewMenu->addAction(tr("&Reset Layout"), this, &MainWindow::resetLayout);
    reset->setObjectName(QStringLiteral("resetLayoutAction"));
    reset->setStatusTip(tr("Put every panel back where it was on the first start"));
    applyDefaultLayout();
}

void MainWindow::applyDefaultLayout()
{
    const QList<QDockWidget *> docks{m_paletteDock,  m_overviewDock,  m_propertiesDock,
                                     m_policiesDock, m_checklistDock, m_simulatorDock};
    for (QDockWidget *d : docks) {
        d->setFloating(false);
        removeDockWidget(d);
    }
    addDockWidget(Qt::LeftDockWidgetArea, m_paletteDock);
    splitDockWidget(m_paletteDock, m_overviewDock, Qt::Vertical);
    // The edit and its effect side by side: the properties, then the documents they change.
    addDockWidget(Qt::RightDockWidgetArea, m_propertiesDock);
    splitDockWidget(m_propertiesDock, m_policiesDock, Qt::Horizontal);
    addDockWidget(Qt::BottomDockWidgetArea, m_checklistDock);
    tabifyDockWidget(m_checklistDock, m_simulatorDock);
    for (QDockWidget *d : docks)
        d->show();
    m_checklistDock->raise();
    applyDefaultSizes();
    // The final size is known only once shown; the sizes above are a first guess.
    m_defaultSizesDue = !isVisible();
}

void MainWindow::applyDefaultSizes()
{
    // Shares of the window, so a 1366×768 screen keeps a usable canvas as a large one does:
    // the bottom dock gets about a quarter of the height, the panels about half the width.
    const int w = std::max(width(), 800);
    const int h = std::max(height(), 500);
    const int palette = std::clamp(w / 12, 100, 140);
    const int properties = std::clamp(w * 21 / 100, 290, 400);
    const int policies = std::clamp(w * 27 / 100, 350, 600);
    resizeDocks({m_paletteDock}, {palette}, Qt::Horizontal);
    // One at a time: each call moves the separator on the dock's canvas side.
    resizeDocks({m_propertiesDock}, {properties}, Qt::Horizontal);
    resizeDocks({m_policiesDock}, {policies}, Qt::Horizontal);
    resizeDocks({m_paletteDock, m_overviewDock}, {h * 2 / 3, h / 3}, Qt::Vertical);
    resizeDocks({m_checklistDock}, {std::clamp(h * 25 / 100, 160, 300)}, Qt::Vertical);
}

void MainWindow::resetLayout()
{
    const bool onStartPage = std::exchange(m_docksHiddenForStart, false);
    applyDefaultLayout();
    if (onStartPage) // the default layout is what the next design gets
        hideDocksForStartPage();
    QSettings().remove(QStringLiteral("window/state"));
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // With the docks hidden for the start page, their sizes wait for the first design.
    if (!m_docksHiddenForStart && std::exchange(m_defaultSizesDue, false)) {
        QTimer::singleShot(0, this, [this] {
            applyDefaultSizes();
            // The canvas got its size only now: fit the design into it again.
            QTimer::singleShot(0, m_view, &views::CanvasView::fitToContents);
        });
    }
}

void MainWindow::readSettings()
{
    // The remembered layout is the one a design gets; the start page keeps the docks hidden.
    const bool onStartPage = m_docksHiddenForStart;
    if (onStartPage)
        showDocksAfterStartPage();
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        QSize size(1400, 900);
        if (const QScreen *screen = QGuiApplication::primaryScreen())
            size = size.boundedTo(screen->availableSize() * 0.95);
        resize(size);
    }
    // A state saved by another layout version is ignored (restoreState() checks the version).
    if (restoreState(settings.value(QStringLiteral("window/state")).toByteArray(),
                     kLayoutVersion))
        m_defaultSizesDue = false;
    else
        applyDefaultSizes();
    m_snapAction->setChecked(settings.value(QStringLiteral("canvas/snap"), true).toBool());
    if (onStartPage)
        hideDocksForStartPage();
}

void MainWindow::writeSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    // On the start page the docks are hidden for it only: the layout kept is the design's.
    settings.setValue(QStringLiteral("window/state"),
                      m_docksHiddenForStart ? m_layoutBeforeStart : saveState(kLayoutVersion));
    settings.setValue(QStringLiteral("canvas/snap"), m_snapAction->isChecked());
}

// --- Start page ---

void MainWindow::createStartPage()
{
    m_startPage = new views::StartPage(templatePaths(), m_labPanel->catalogue(), this);
    m_central->addWidget(m_startPage);
    connect(m_startPage, &views::StartPage::exampleChosen, this,
            [this](const QString &path) { newFromTemplate(path); });
    connect(m_startPage, &views::StartPage::labChosen, this, [this](const QString &id) {
        if (const model::labs::Lab *lab = m_labPanel->catalogue().find(id.toStdString()))
            startLab(*lab);
    });
    connect(m_startPage, &views::StartPage::labsRequested, this, &MainWindow::showLabs);
    connect(m_startPage, &views::StartPage::newRequested, this, &MainWindow::newDesign);
    connect(m_startPage, &views::StartPage::openRequested, this, &MainWindow::openDesign);
    // Any design that arrives (opened, new, recovered) or any edit replaces the start page.
    connect(m_session.get(), &document::DesignSession::designReplaced, this,
            &MainWindow::leaveStartPage);
    connect(&document(), &document::Document::changed, this, &MainWindow::leaveStartPage);
    showStartPage();
}

void MainWindow::showStartPage()
{
    m_central->setCurrentWidget(m_startPage);
    hideDocksForStartPage();
    m_startPage->setFocus();
}

bool MainWindow::isStartPageShown() const
{
    return m_central->currentWidget() == m_startPage;
}

void MainWindow::leaveStartPage()
{
    if (!isStartPageShown())
        return;
    m_central->setCurrentWidget(m_view);
    showDocksAfterStartPage();
    m_view->setFocus();
}

void MainWindow::hideDocksForStartPage()
{
    if (m_docksHiddenForStart)
        return;
    m_layoutBeforeStart = saveState(kLayoutVersion);
    m_docksHiddenForStart = true;
    const auto docks = findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly);
    for (QDockWidget *d : docks)
        d->hide();
    // Finding counts and zoom speak of a design: none shows yet.
    for (QLabel *label : statusLabels())
        label->hide();
}

void MainWindow::showDocksAfterStartPage()
{
    if (!std::exchange(m_docksHiddenForStart, false))
        return;
    for (QLabel *label : statusLabels())
        label->show();
    // A dock the user showed meanwhile (View menu) or a lab's dock stays shown.
    QList<QDockWidget *> shown;
    const auto docks = findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly);
    for (QDockWidget *d : docks) {
        if (d->isVisibleTo(this))
            shown << d;
    }
    restoreState(m_layoutBeforeStart, kLayoutVersion);
    m_layoutBeforeStart.clear();
    for (QDockWidget *d : std::as_const(shown)) {
        d->show();
        // In front of its tab group, as when it was shown (the lab's dock). A window not shown
        // yet has no tab bars to switch: the raise waits for the event loop, after show().
        QTimer::singleShot(0, d, &QDockWidget::raise);
    }
    // A first start: the default sizes wait for the docks to be in place in the shown window.
    if (isVisible() && std::exchange(m_defaultSizesDue, false))
        QTimer::singleShot(0, this, [this] {
            applyDefaultSizes();
            QTimer::singleShot(0, m_view, &views::CanvasView::fitToContents);
        });
}

} // namespace s3rd::designer
