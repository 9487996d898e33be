#include "mainwindow.h"

#include "aboutdialog.h"
#include "canvasscene.h"
#include "canvasview.h"
#include "checklistpanel.h"
#include "commands.h"
#include "core/autoarrange.h"
#include "core/designfile.h"
#include "designclipboard.h"
#include "diagramexport.h"
#include "exportdialog.h"
#include "importdialog.h"
#include "document.h"
#include "iconcache.h"
#include "minimap.h"
#include "palette.h"
#include "policiespanel.h"
#include "propertiespanel.h"
#include "selection.h"
#include "simulatorpanel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QLockFile>
#include <QMenuBar>
#include <QMimeData>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QUuid>

namespace s3rd::designer {

using document::Document;
using views::CanvasScene;

namespace {

constexpr int kMaxRecentFiles = 8;
constexpr int kAutosaveMs = 30 * 1000;
constexpr int kStateVersion = 1;
constexpr int kMaxProblemsShown = 12;

// SHA-256 of a file's bytes; empty when it cannot be read.
QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return hash.result();
}

QString recoveryBase(const QString &designPath)
{
    QString base = designPath;
    base.chop(int(qstrlen(".s3rd.json")));
    return base;
}

QString problemsText(const std::vector<model::LoadProblem> &problems)
{
    QStringList lines;
    for (size_t i = 0; i < problems.size() && int(i) < kMaxProblemsShown; ++i) {
        const auto &p = problems[i];
        lines << (p.location.empty() ? QString::fromStdString(p.message)
                                     : QStringLiteral("%1: %2").arg(
                                           QString::fromStdString(p.location),
                                           QString::fromStdString(p.message)));
    }
    if (int(problems.size()) > kMaxProblemsShown)
        lines << QObject::tr("… and %n more", nullptr, int(problems.size()) - kMaxProblemsShown);
    return lines.join(QLatin1Char('\n'));
}

// Reads a design from a file or a compiled-in resource; the same checks either way.
model::LoadResult loadFrom(const QString &path)
{
    if (path.startsWith(QLatin1Char(':'))) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            model::LoadResult r;
            r.problems.push_back({"", "cannot read the template"});
            return r;
        }
        return model::parseDesign(file.readAll().toStdString());
    }
    return model::loadDesignFile(QFile::encodeName(path).toStdString());
}

QDockWidget *makeDock(QMainWindow *window, const QString &title, const QString &objectName,
                      QWidget *widget)
{
    auto *dock = new QDockWidget(title, window);
    dock->setObjectName(objectName); // saveState() needs it
    dock->setWidget(widget);
    return dock;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_doc(std::make_unique<Document>())
    , m_undo(std::make_unique<QUndoStack>())
    , m_selection(std::make_unique<views::Selection>())
{
    views::initResources();
    setWindowIcon(views::icon(views::IconKind::App));
    m_doc->resetDesign([] {
        model::Design d;
        d.name = "Untitled design";
        return d;
    }());

    m_scene = new CanvasScene(*m_doc, *m_undo, *m_selection, this);
    m_view = new views::CanvasView(m_scene, this);
    setCentralWidget(m_view);

    m_reportError = [this](const QString &title, const QString &text) {
        QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
        box.exec();
    };
    m_askDiscard = [this](const QString &question) {
        return QMessageBox::warning(this, tr("Unsaved changes"), question,
                                    QMessageBox::Save | QMessageBox::Discard
                                        | QMessageBox::Cancel,
                                    QMessageBox::Save);
    };
    m_confirm = [this](const QString &title, const QString &question) {
        return QMessageBox::question(this, title, question, QMessageBox::Yes | QMessageBox::No,
                                     QMessageBox::No)
               == QMessageBox::Yes;
    };
    m_sessionId = QUuid::createUuid().toString(QUuid::WithoutBraces);

    createActions();
    createMenus(); // before the docks: they add their toggles to the View menu
    createDocks();

    m_errorsLabel = new QLabel(this);
    m_warningsLabel = new QLabel(this);
    m_infoLabel = new QLabel(this);
    m_zoomLabel = new QLabel(this);
    m_errorsLabel->setToolTip(tr("Findings that will make replication fail"));
    m_warningsLabel->setToolTip(tr("Findings that may surprise you"));
    m_infoLabel->setToolTip(tr("Notes about the setup"));
    m_zoomLabel->setToolTip(tr("Zoom (Ctrl+wheel, Ctrl+= / Ctrl+- / Ctrl+0)"));
    for (QLabel *label : {m_errorsLabel, m_warningsLabel, m_infoLabel, m_zoomLabel}) {
        label->setContentsMargins(8, 0, 8, 0);
        statusBar()->addPermanentWidget(label);
    }

    // The checks run once per event-loop turn at most, however many changes a gesture makes.
    m_statusTimer = new QTimer(this);
    m_statusTimer->setSingleShot(true);
    m_statusTimer->setInterval(0);
    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatusCounts);
    connect(m_doc.get(), &Document::changed, this, &MainWindow::scheduleStatusRefresh);
    connect(m_doc.get(), &Document::changed, this, &MainWindow::updateTitle);

    connect(m_undo.get(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(m_selection.get(), &views::Selection::selectionChanged, this,
            &MainWindow::updateEditActions);
    connect(m_scene, &CanvasScene::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 6000); });
    connect(m_view, &views::CanvasView::zoomChanged, this, [this](qreal zoom) {
        m_zoomLabel->setText(tr("%1 %").arg(qRound(zoom * 100)));
    });
    m_zoomLabel->setText(tr("100 %"));

    m_autosaveTimer = new QTimer(this);
    m_autosaveTimer->setInterval(kAutosaveMs);
    connect(m_autosaveTimer, &QTimer::timeout, this, &MainWindow::autosave);
    m_autosaveTimer->start();

    readSettings();
    updateTitle();
    updateStatusCounts();
    updateEditActions();
}

MainWindow::~MainWindow()
{
    // Panels and the scene hold references to the document: destroy them first.
    const auto docks = findChildren<QDockWidget *>();
    for (QDockWidget *dock : docks)
        delete dock;
    delete m_view;
    delete m_scene;
}

// --- Layout ---

void MainWindow::createDocks()
{
    setDockNestingEnabled(true);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);

    m_palette = new views::PaletteWidget(this);
    auto *paletteDock = makeDock(this, tr("Palette"), QStringLiteral("paletteDock"), m_palette);
    addDockWidget(Qt::LeftDockWidgetArea, paletteDock);
    connect(m_palette->connectButton(), &QToolButton::toggled, m_connectAction,
            &QAction::setChecked);
    connect(m_connectAction, &QAction::toggled, m_palette->connectButton(),
            &QToolButton::setChecked);

    m_minimap = new views::Minimap(m_view, this);
    auto *overviewDock = makeDock(this, tr("Overview"), QStringLiteral("overviewDock"), m_minimap);
    addDockWidget(Qt::LeftDockWidgetArea, overviewDock);
    splitDockWidget(paletteDock, overviewDock, Qt::Vertical);

    auto *properties = new views::PropertiesPanel(*m_doc, *m_undo, *m_selection, this);
    auto *propertiesDock
        = makeDock(this, tr("Properties"), QStringLiteral("propertiesDock"), properties);
    addDockWidget(Qt::RightDockWidgetArea, propertiesDock);

    auto *policies = new views::PoliciesPanel(*m_doc, *m_undo, *m_selection, this);
    auto *policiesDock
        = makeDock(this, tr("Generated policies"), QStringLiteral("policiesDock"), policies);
    addDockWidget(Qt::RightDockWidgetArea, policiesDock);
    tabifyDockWidget(propertiesDock, policiesDock);
    propertiesDock->raise();

    auto *checklist = new views::ChecklistPanel(*m_doc, *m_undo, *m_selection, this);
    auto *checklistDock
        = makeDock(this, tr("Checklist"), QStringLiteral("checklistDock"), checklist);
    addDockWidget(Qt::BottomDockWidgetArea, checklistDock);

    auto *simulator = new views::SimulatorPanel(*m_doc, *m_undo, *m_selection, this);
    auto *simulatorDock
        = makeDock(this, tr("Test an object"), QStringLiteral("simulatorDock"), simulator);
    addDockWidget(Qt::BottomDockWidgetArea, simulatorDock);
    tabifyDockWidget(checklistDock, simulatorDock);
    checklistDock->raise();

    // Sensible first-run sizes; restoreState() overrides them afterwards.
    resizeDocks({paletteDock, propertiesDock}, {120, 420}, Qt::Horizontal);
    resizeDocks({paletteDock, overviewDock}, {420, 200}, Qt::Vertical);
    resizeDocks({checklistDock}, {230}, Qt::Vertical);

    for (QDockWidget *dock : {paletteDock, overviewDock, propertiesDock, policiesDock,
                              checklistDock, simulatorDock})
        m_viewMenu->addAction(dock->toggleViewAction());
}

void MainWindow::createActions()
{
    m_exportAction = new QAction(tr("&Export…"), this);
    m_exportAction->setShortcut(QKeySequence(tr("Ctrl+E")));
    m_exportAction->setStatusTip(
        tr("Export policy bundles, CloudFormation, Terraform or the diagram"));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportDesign);

    m_importAction = new QAction(tr("&Import…"), this);
    m_importAction->setShortcut(QKeySequence(tr("Ctrl+I")));
    m_importAction->setStatusTip(tr("Build a design from AWS CLI outputs and policy documents"));
    connect(m_importAction, &QAction::triggered, this, &MainWindow::importFiles);

    // Canvas edits work where the canvas has focus, so typing in a panel never deletes or
    // pastes elements.
    auto canvasAction = [this](const QString &text, const QKeySequence &key, auto slot) {
        auto *a = new QAction(text, this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_view->addAction(a);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_cutAction = canvasAction(tr("Cu&t"), QKeySequence::Cut, &MainWindow::cut);
    m_copyAction = canvasAction(tr("&Copy"), QKeySequence::Copy, &MainWindow::copy);
    m_pasteAction = canvasAction(tr("&Paste"), QKeySequence::Paste, &MainWindow::paste);
    m_duplicateAction
        = canvasAction(tr("D&uplicate"), QKeySequence(tr("Ctrl+D")), &MainWindow::duplicate);
    m_deleteAction
        = canvasAction(tr("&Delete"), QKeySequence::Delete, &MainWindow::deleteSelection);
    m_deleteAction->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    m_selectAllAction
        = canvasAction(tr("Select &All"), QKeySequence::SelectAll, &MainWindow::selectAll);

    m_snapAction = new QAction(tr("&Snap to Grid"), this);
    m_snapAction->setCheckable(true);
    m_snapAction->setChecked(m_scene->snapToGrid());
    m_snapAction->setShortcut(QKeySequence(tr("Ctrl+Shift+G")));
    connect(m_snapAction, &QAction::toggled, this, [this](bool on) {
        m_scene->setSnapToGrid(on);
        m_view->viewport()->update();
    });

    m_connectAction = new QAction(views::icon(views::IconKind::Rule), tr("&Connect Tool"), this);
    m_connectAction->setCheckable(true);
    m_connectAction->setShortcut(QKeySequence(tr("C")));
    m_connectAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(m_connectAction);
    m_connectAction->setStatusTip(tr("Drag from one bucket to another to replicate"));
    connect(m_connectAction, &QAction::toggled, this, [this](bool on) {
        m_scene->setTool(on ? CanvasScene::Tool::Connect : CanvasScene::Tool::Select);
    });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, this, &MainWindow::newDesign);
    m_templateMenu = file->addMenu(tr("New from &Template"));
    fillTemplateMenu();
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDesign);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    file->addSeparator();
    file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveAs);
    file->addSeparator();
    file->addAction(m_importAction);
    file->addAction(m_exportAction);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence::Redo, QKeySequence(tr("Ctrl+Shift+Z"))});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(m_cutAction);
    edit->addAction(m_copyAction);
    edit->addAction(m_pasteAction);
    edit->addAction(m_duplicateAction);
    edit->addAction(m_deleteAction);
    edit->addSeparator();
    edit->addAction(m_selectAllAction);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(tr("Zoom &In"), this, [this] { m_view->zoomIn(); })
        ->setShortcuts({QKeySequence::ZoomIn, QKeySequence(tr("Ctrl+="))});
    m_viewMenu->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, m_view,
                          &views::CanvasView::zoomOut);
    m_viewMenu->addAction(tr("&Actual Size"), QKeySequence(tr("Ctrl+0")), m_view,
                          &views::CanvasView::resetZoom);
    m_viewMenu->addAction(tr("&Fit to Contents"), QKeySequence(tr("Ctrl+Shift+F")), m_view,
                          &views::CanvasView::fitToContents);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_snapAction);
    m_viewMenu->addAction(m_connectAction);
    m_viewMenu->addAction(tr("Auto-&arrange"), QKeySequence(tr("Ctrl+Shift+L")), this, [this] {
        m_scene->autoArrange();
        QTimer::singleShot(0, m_view, &views::CanvasView::fitToContents);
    });
    m_viewMenu->addSeparator();
    // Dock toggles are appended by createDocks().

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About S3 Replication Designer"), this,
                                     &MainWindow::about);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::readSettings()
{
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        QSize size(1400, 900);
        if (const QScreen *screen = QGuiApplication::primaryScreen())
            size = size.boundedTo(screen->availableSize() * 0.95);
        resize(size);
    }
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray(), kStateVersion);
    m_snapAction->setChecked(settings.value(QStringLiteral("canvas/snap"), true).toBool());
}

void MainWindow::writeSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState(kStateVersion));
    settings.setValue(QStringLiteral("canvas/snap"), m_snapAction->isChecked());
}

// --- Title and status ---

void MainWindow::updateTitle()
{
    const QString name = m_file.isEmpty() ? tr("Untitled") : QFileInfo(m_file).fileName();
    setWindowTitle(tr("%1[*] — S3 Replication Designer").arg(name));
    setWindowModified(!m_undo->isClean());
}

void MainWindow::scheduleStatusRefresh()
{
    m_statusTimer->start();
}

void MainWindow::updateStatusCounts()
{
    const model::CheckReport &report = m_doc->report();
    const int errors = report.count(model::Severity::Error);
    const int warnings = report.count(model::Severity::Warning);
    const int infos = report.count(model::Severity::Info);
    m_errorsLabel->setText(tr("%n error(s)", nullptr, errors));
    m_warningsLabel->setText(tr("%n warning(s)", nullptr, warnings));
    m_infoLabel->setText(tr("%n note(s)", nullptr, infos));
    // Colour only when there is something to see; palette text otherwise (light and dark).
    m_errorsLabel->setStyleSheet(errors ? QStringLiteral("color: #d64541; font-weight: bold;")
                                        : QString());
    m_warningsLabel->setStyleSheet(warnings ? QStringLiteral("color: #c98a1b;") : QString());
}

void MainWindow::updateEditActions()
{
    const bool any = !m_selection->ids().isEmpty();
    m_cutAction->setEnabled(any);
    m_copyAction->setEnabled(any);
    m_duplicateAction->setEnabled(any);
    m_deleteAction->setEnabled(any);
}

// --- Files ---

bool MainWindow::maybeSave()
{
    if (m_undo->isClean())
        return true;
    const QString name = m_file.isEmpty() ? tr("The new design") : QFileInfo(m_file).fileName();
    switch (m_askDiscard(tr("%1 has unsaved changes. Save them first?").arg(name))) {
    case QMessageBox::Save: return save();
    case QMessageBox::Discard: return true;
    default: return false;
    }
}

void MainWindow::replaceDesign(model::Design design, const QString &file)
{
    // Designs written by hand or imported come without positions.
    if (model::lacksLayout(design))
        design = model::autoArrange(design);
    m_selection->clear();
    m_selection->clearHighlights();
    m_doc->resetDesign(std::move(design));
    m_undo->clear();
    m_undo->setClean();
    m_file = file;
    rememberFileOnDisk();
    updateTitle();
    QTimer::singleShot(0, m_view, &views::CanvasView::fitToContents);
}

void MainWindow::newDesign()
{
    if (!maybeSave())
        return;
    model::Design d;
    d.name = "Untitled design";
    replaceDesign(std::move(d), QString());
    removeRecoveryFile();
}

bool MainWindow::newFromTemplate(const QString &path)
{
    if (!maybeSave())
        return false;
    model::LoadResult loaded = loadFrom(path);
    if (!loaded.ok()) {
        m_reportError(tr("Cannot open the template"),
                      tr("The template %1 does not load:\n\n%2")
                          .arg(QFileInfo(path).fileName(), problemsText(loaded.problems)));
        return false;
    }
    replaceDesign(std::move(loaded.design), QString());
    return true;
}

bool MainWindow::openFile(const QString &path)
{
    model::LoadResult loaded = loadFrom(path);
    if (!loaded.ok()) {
        m_reportError(tr("Cannot open the design"),
                      tr("%1 does not load, so the current design stays open.\n\n%2")
                          .arg(QDir::toNativeSeparators(path), problemsText(loaded.problems)));
        return false;
    }
    replaceDesign(std::move(loaded.design), QFileInfo(path).absoluteFilePath());
    addRecentFile(m_file);
    statusBar()->showMessage(tr("Opened %1").arg(QFileInfo(path).fileName()), 4000);
    return true;
}

void MainWindow::openDesign()
{
    if (!maybeSave())
        return;
    const QString dir = m_file.isEmpty() ? QDir::homePath() : QFileInfo(m_file).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Design"), dir, tr("Replication designs (*.s3rd.json);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::rememberFileOnDisk()
{
    m_fileHash = m_file.isEmpty() ? QByteArray() : fileHash(m_file);
}

bool MainWindow::saveTo(const QString &path)
{
    // Another designer window, an editor or a git pull may have changed the file since this
    // window read or wrote it: saving would silently throw those changes away.
    if (!m_fileHash.isEmpty() && QFileInfo(path).absoluteFilePath() == m_file
        && QFileInfo::exists(path) && fileHash(path) != m_fileHash) {
        const bool overwrite = m_confirm(
            tr("File changed on disk"),
            tr("%1 was changed on disk since it was opened or last saved here, by another "
               "designer window or another program.\n\nSaving replaces those changes with "
               "this window's design. Save anyway?")
                .arg(QDir::toNativeSeparators(path)));
        if (!overwrite) {
            statusBar()->showMessage(tr("Not saved: %1 changed on disk")
                                         .arg(QFileInfo(path).fileName()),
                                     6000);
            return false;
        }
    }
    const std::string error
        = model::saveDesignFile(m_doc->design(), QFile::encodeName(path).toStdString());
    if (!error.empty()) {
        m_reportError(tr("Cannot save the design"),
                      tr("%1 could not be written: %2\nThe design is still open and unchanged.")
                          .arg(QDir::toNativeSeparators(path), QString::fromStdString(error)));
        return false;
    }
    m_file = QFileInfo(path).absoluteFilePath();
    rememberFileOnDisk();
    m_undo->setClean();
    removeRecoveryFile();
    addRecentFile(m_file);
    updateTitle();
    statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 4000);
    return true;
}

bool MainWindow::save()
{
    if (m_file.isEmpty())
        return saveAs();
    return saveTo(m_file);
}

bool MainWindow::saveAs()
{
    QString suggested = m_file;
    if (suggested.isEmpty()) {
        QString base = QString::fromStdString(m_doc->design().name).toLower();
        base.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
        base = base.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
        suggested = QDir::home().filePath((base.isEmpty() ? QStringLiteral("design") : base)
                                          + QStringLiteral(".s3rd.json"));
    }
    QString path = QFileDialog::getSaveFileName(this, tr("Save Design As"), suggested,
                                                tr("Replication designs (*.s3rd.json)"));
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QLatin1String(".s3rd.json")))
        path += QStringLiteral(".s3rd.json");
    return saveTo(path);
}

void MainWindow::exportDesign()
{
    // The dialog runs the export (bundle, CloudFormation, Terraform, PNG, SVG) and reports
    // failures itself; names that could inject block the document formats.
    const QString base = m_file.isEmpty()
                             ? QDir::home().filePath(QStringLiteral("design"))
                             : m_file.left(m_file.size() - int(qstrlen(".s3rd.json")));
    views::ExportDialog dialog(*m_doc, base, this);
    if (dialog.exec() == QDialog::Accepted)
        statusBar()->showMessage(
            tr("Exported %1").arg(QDir::toNativeSeparators(dialog.writtenPath())), 6000);
}

void MainWindow::importFiles()
{
    // AWS CLI outputs become a new, auto-arranged design; nothing is half-imported.
    if (!maybeSave())
        return;
    views::ImportDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const model::exchange::ImportResult &result = dialog.result();
    replaceDesign(result.design, QString());
    removeRecoveryFile();
    if (!result.report.empty()) {
        QString text = tr("What the imported files do not say was left unknown or assumed:");
        for (const std::string &line : result.report)
            text += QStringLiteral("\n• ") + QString::fromStdString(line);
        QMessageBox box(QMessageBox::Information, tr("Import"), tr("Imported %n rule(s).", nullptr,
                                                                 int(result.design.rules.size())),
                        QMessageBox::Ok, this);
        box.setDetailedText(text);
        box.exec();
    }
    statusBar()->showMessage(tr("Imported %n rule(s)", nullptr, int(result.design.rules.size())),
                             6000);
}

void MainWindow::about()
{
    views::AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::addRecentFile(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecentFiles)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString &path : recent) {
        if (!QFileInfo::exists(path))
            continue;
        QAction *a = m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] {
            if (maybeSave())
                openFile(path);
        });
        a->setToolTip(QDir::toNativeSeparators(path));
        a->setStatusTip(QDir::toNativeSeparators(path));
    }
    if (m_recentMenu->isEmpty())
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
}

QStringList MainWindow::templatePaths()
{
    views::initResources();
    QStringList paths;
    const QDir dir(QStringLiteral(":/templates"));
    for (const QString &name : dir.entryList({QStringLiteral("*.s3rd.json")}, QDir::Files,
                                             QDir::Name))
        paths << dir.filePath(name);
    return paths;
}

void MainWindow::fillTemplateMenu()
{
    for (const QString &path : templatePaths()) {
        const model::LoadResult loaded = loadFrom(path);
        const QString title = loaded.ok() && !loaded.design.name.empty()
                                  ? QString::fromStdString(loaded.design.name)
                                  : QFileInfo(path).fileName();
        QAction *a = m_templateMenu->addAction(title, this, [this, path] { newFromTemplate(path); });
        if (loaded.ok() && !loaded.design.note.empty())
            a->setStatusTip(QString::fromStdString(loaded.design.note));
    }
    if (m_templateMenu->isEmpty())
        m_templateMenu->addAction(tr("No templates"))->setEnabled(false);
}

// --- Recovery ---

QString MainWindow::recoveryFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("recovery"));
}

QString MainWindow::recoveryFilePath() const
{
    return QDir(recoveryFolder()).filePath(m_sessionId + QStringLiteral(".s3rd.json"));
}

QStringList MainWindow::orphanedRecoveryFiles()
{
    const QDir dir(recoveryFolder());
    QStringList orphans;
    const QFileInfoList files =
        dir.entryInfoList({QStringLiteral("*.s3rd.json")}, QDir::Files, QDir::Time);
    for (const QFileInfo &file : files) {
        // A live designer holds the lock of its own file; QLockFile takes over a lock whose
        // process is gone.
        QLockFile lock(recoveryBase(file.absoluteFilePath()) + QStringLiteral(".lock"));
        lock.setStaleLockTime(0); // a live designer's lock is never stale, however old
        if (lock.tryLock(0))
            orphans << file.absoluteFilePath();
    }
    // Versions before per-window recovery files kept one copy in the folder above.
    const QString legacy =
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
            .filePath(QStringLiteral("recovery.s3rd.json"));
    if (QFileInfo::exists(legacy))
        orphans << legacy;
    return orphans;
}

void MainWindow::autosave()
{
    if (m_undo->isClean())
        return;
    const QString path = recoveryFilePath();
    QDir().mkpath(recoveryFolder());
    if (!m_sessionLock) {
        auto lock = std::make_unique<QLockFile>(recoveryBase(path) + QStringLiteral(".lock"));
        lock->setStaleLockTime(0); // held for the window's life, however long
        if (!lock->tryLock(0))
            return; // best effort: without the lock another designer could take the copy
        m_sessionLock = std::move(lock);
    }
    // The recovery copy remembers which file it belongs to in a sidecar.
    const std::string error
        = model::saveDesignFile(m_doc->design(), QFile::encodeName(path).toStdString());
    if (!error.empty())
        return; // best effort: the user's own file is untouched either way
    QSaveFile origin(recoveryBase(path) + QStringLiteral(".origin"));
    if (origin.open(QIODevice::WriteOnly)) {
        origin.write(m_file.toUtf8());
        origin.commit();
    }
}

void MainWindow::removeRecoveryFile()
{
    const QString base = recoveryBase(recoveryFilePath());
    QFile::remove(recoveryFilePath());
    QFile::remove(base + QStringLiteral(".origin"));
    m_sessionLock.reset(); // removes the lock file
}

void MainWindow::offerRecovery()
{
    const QStringList orphans = orphanedRecoveryFiles();
    if (orphans.isEmpty())
        return;
    const QString path = orphans.front();
    const QString base = recoveryBase(path);
    // Hold the copy's lock while deciding, so a designer started meanwhile does not offer it too.
    QLockFile lock(base + QStringLiteral(".lock"));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0))
        return;
    // Versions before per-window copies named the sidecar "recovery.s3rd.json.origin".
    const QString originPath = QFileInfo::exists(base + QStringLiteral(".origin"))
                                   ? base + QStringLiteral(".origin")
                                   : path + QStringLiteral(".origin");
    const auto removeCopy = [&] {
        QFile::remove(path);
        QFile::remove(originPath);
    };
    QString origin;
    QFile originFile(originPath);
    if (originFile.open(QIODevice::ReadOnly))
        origin = QString::fromUtf8(originFile.read(64 * 1024));
    const QString what = origin.isEmpty() ? tr("an unsaved design")
                                          : QDir::toNativeSeparators(origin);
    const QString taken =
        QLocale().toString(QFileInfo(path).lastModified(), QLocale::LongFormat);
    const bool recover = m_confirm(
        tr("Recover unsaved changes?"),
        tr("The designer did not close cleanly last time. Its autosave of %1, taken %2, has "
           "changes that were never saved.\n\nRecover them?")
            .arg(what, taken));
    if (!recover) {
        removeCopy();
        return;
    }
    model::LoadResult loaded = loadFrom(path);
    if (!loaded.ok()) {
        // Keep the broken copy for whoever wants to look at it, out of the way of later starts.
        const QString aside = path + QStringLiteral(".unreadable-")
                              + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"));
        const bool moved = QFile::rename(path, aside);
        if (!moved)
            QFile::remove(path);
        QFile::remove(originPath);
        m_reportError(
            tr("Cannot recover"),
            tr("The autosave taken %1 cannot be read, so nothing was recovered%2.\n\n%3\n\n%4")
                .arg(taken,
                     origin.isEmpty() ? QString()
                                      : tr("; %1 was not changed").arg(QDir::toNativeSeparators(origin)),
                     problemsText(loaded.problems),
                     moved ? tr("The autosave was set aside as %1.")
                                 .arg(QDir::toNativeSeparators(aside))
                           : tr("The autosave could not be kept and was removed.")));
        return;
    }
    replaceDesign(std::move(loaded.design), origin);
    m_undo->resetClean(); // recovered work is unsaved until the user saves it
    updateTitle();
    removeCopy(); // from now on this window autosaves the recovered work under its own name
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    writeSettings();
    removeRecoveryFile();
    event->accept();
}

// --- Editing ---

void MainWindow::copy()
{
    if (QMimeData *mime = views::copyElements(*m_doc, m_selection->ids()))
        QApplication::clipboard()->setMimeData(mime);
}

void MainWindow::cut()
{
    QMimeData *mime = views::copyElements(*m_doc, m_selection->ids());
    if (!mime)
        return;
    QApplication::clipboard()->setMimeData(mime);
    auto *cmd = new document::RemoveElementsCommand(*m_doc, m_selection->ids());
    cmd->setText(tr("Cut"));
    m_undo->push(cmd);
}

void MainWindow::paste()
{
    QStringList added;
    if (QUndoCommand *cmd
        = views::pasteCommand(*m_doc, QApplication::clipboard()->mimeData(), &added)) {
        m_undo->push(cmd);
        m_selection->setSelected(added);
    }
}

void MainWindow::duplicate()
{
    QStringList added;
    if (QUndoCommand *cmd = views::duplicateCommand(*m_doc, m_selection->ids(), &added)) {
        m_undo->push(cmd);
        m_selection->setSelected(added);
    }
}

void MainWindow::deleteSelection()
{
    if (m_selection->ids().isEmpty())
        return;
    m_undo->push(new document::RemoveElementsCommand(*m_doc, m_selection->ids()));
}

void MainWindow::selectAll()
{
    QStringList ids;
    const model::Design &d = m_doc->design();
    for (const auto &e : d.accounts)
        ids << QString::fromStdString(e.id);
    for (const auto &e : d.buckets)
        ids << QString::fromStdString(e.id);
    for (const auto &e : d.keys)
        ids << QString::fromStdString(e.id);
    for (const auto &e : d.roles)
        ids << QString::fromStdString(e.id);
    for (const auto &e : d.rules)
        ids << QString::fromStdString(e.id);
    m_selection->setSelected(ids);
}

} // namespace s3rd::designer
