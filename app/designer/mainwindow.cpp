#include "mainwindow.h"

#include "aboutdialog.h"
#include "canvasscene.h"
#include "canvasview.h"
#include "commands.h"
#include "designclipboard.h"
#include "designsession.h"
#include "document.h"
#include "exportdialog.h"
#include "importdialog.h"
#include "iconcache.h"
#include "minimap.h"
#include "palette.h"
#include "presenter.h"
#include "refreshafterpaint.h"
#include "selection.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>

namespace s3rd::designer {

using document::DesignSession;
using document::Document;
using views::CanvasScene;

namespace {

constexpr int kAutosaveMs = 30 * 1000;

// How the status bar counts the findings of each severity, in model::Severity order; a style
// only while there is something to see (palette text otherwise, in light and dark themes).
struct SeverityCount
{
    const char *text; // %n: the count
    const char *toolTip;
    const char *style;
};
constexpr SeverityCount kSeverityCounts[] = {
    {QT_TRANSLATE_N_NOOP("s3rd::designer::MainWindow", "%n error(s)"),
     QT_TRANSLATE_NOOP("s3rd::designer::MainWindow", "Findings that will make replication fail"),
     "color: #d64541; font-weight: bold;"},
    {QT_TRANSLATE_N_NOOP("s3rd::designer::MainWindow", "%n warning(s)"),
     QT_TRANSLATE_NOOP("s3rd::designer::MainWindow", "Findings that may surprise you"),
     "color: #c98a1b;"},
    {QT_TRANSLATE_N_NOOP("s3rd::designer::MainWindow", "%n note(s)"),
     QT_TRANSLATE_NOOP("s3rd::designer::MainWindow", "Notes about the setup"), ""},
};

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_session(std::make_unique<DesignSession>())
    , m_selection(std::make_unique<views::Selection>())
{
    views::initResources();
    setWindowIcon(views::icon(views::IconKind::App));

    m_scene = new CanvasScene(document(), undoStack(), *m_selection, this);
    m_view = new views::CanvasView(m_scene, this);
    m_central = new QStackedWidget(this);
    m_central->addWidget(m_view);
    setCentralWidget(m_central);

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
    m_confirm = views::questionDialogPrompt(this);

    createActions();
    createMenus(); // before the docks: they add their toggles to the View menu
    createDocks();
    createLabDock();

    for (std::size_t s = 0; s < m_countLabels.size(); ++s) {
        m_countLabels[s] = new QLabel(this);
        m_countLabels[s]->setToolTip(tr(kSeverityCounts[s].toolTip));
    }
    m_zoomLabel = new QLabel(this);
    m_zoomLabel->setToolTip(tr("Zoom (Ctrl+wheel, Ctrl+= / Ctrl+- / Ctrl+0)"));
    for (QLabel *label : statusLabels()) {
        label->setContentsMargins(8, 0, 8, 0);
        statusBar()->addPermanentWidget(label);
    }
    createStartPage(); // after the status labels: the start page hides them

    // The checks run once per event-loop turn at most, however many changes a gesture makes.
    m_statusTimer = new QTimer(this);
    m_statusTimer->setSingleShot(true);
    m_statusTimer->setInterval(0);
    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::statusRefreshDue);
    connect(&document(), &Document::changed, this, &MainWindow::scheduleStatusRefresh);
    m_statusAfterPaint = new views::RefreshAfterPaint(document(), *m_statusTimer, this);
    connect(m_session.get(), &DesignSession::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_session.get(), &DesignSession::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_session.get(), &DesignSession::designAboutToBeReplaced, this, [this] {
        m_selection->clear();
        m_selection->clearHighlights();
    });
    connect(m_session.get(), &DesignSession::designReplaced, this, [this] {
        updateTitle();
        QTimer::singleShot(0, m_view, &views::CanvasView::fitToContents);
    });
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
    connect(m_autosaveTimer, &QTimer::timeout, m_session.get(), &DesignSession::autosave);
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

Document &MainWindow::document() const
{
    return m_session->document();
}

QUndoStack &MainWindow::undoStack() const
{
    return m_session->undoStack();
}

QString MainWindow::currentFile() const
{
    return m_session->filePath();
}

void MainWindow::createActions()
{
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
    file->addAction(tr("&Import…"), QKeySequence(tr("Ctrl+I")), this, &MainWindow::importFiles)
        ->setStatusTip(tr("Build a design from AWS CLI outputs and policy documents"));
    file->addAction(tr("&Export…"), QKeySequence(tr("Ctrl+E")), this, &MainWindow::exportDesign)
        ->setStatusTip(tr("Export policy bundles, CloudFormation, Terraform, the diagram or a "
                          "printable handout"));
    QMenu *compare = file->addMenu(tr("&Compare With"));
    compare->addAction(tr("A &Design File…"), this, &MainWindow::compareWithFile);
    m_compareSavedAction = compare->addAction(tr("The &Last Saved Version"), this,
                                              &MainWindow::compareWithSaved);
    m_compareSavedAction->setObjectName(QStringLiteral("compareSavedAction"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = undoStack().createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = undoStack().createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence::Redo, QKeySequence(tr("Ctrl+Shift+Z"))});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    // Canvas edits work where the canvas has focus, so typing in a panel never deletes or
    // pastes elements. Those on the selection are enabled while there is one.
    auto canvasAction = [this, edit](const QString &text, const QKeySequence &key, auto slot,
                                     bool onSelection) {
        auto *a = new QAction(text, this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_view->addAction(a);
        edit->addAction(a);
        connect(a, &QAction::triggered, this, slot);
        if (onSelection)
            m_selectionActions.append(a);
        return a;
    };
    canvasAction(tr("Cu&t"), QKeySequence::Cut, &MainWindow::cut, true);
    canvasAction(tr("&Copy"), QKeySequence::Copy, &MainWindow::copy, true);
    canvasAction(tr("&Paste"), QKeySequence::Paste, &MainWindow::paste, false);
    canvasAction(tr("D&uplicate"), QKeySequence(tr("Ctrl+D")), &MainWindow::duplicate, true);
    canvasAction(tr("&Delete"), QKeySequence::Delete, &MainWindow::deleteSelection, true)
        ->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    edit->addSeparator();
    canvasAction(tr("Select &All"), QKeySequence::SelectAll, &MainWindow::selectAll, false);

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
    m_viewMenu->addAction(tr("&Start Page"), this, &MainWindow::showStartPage)
        ->setStatusTip(tr("The examples and labs to start from"));
    // View › Present (F5): the design full screen, step by step (views/presenter.h).
    auto *presenter = new views::Presenter(document(), undoStack(), this);
    m_viewMenu->addActions({presenter->presentAction(), presenter->resumeAction()});
    m_viewMenu->addSeparator();
    // Dock toggles and Reset Layout are appended by createDocks().

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Labs…"), this, &MainWindow::showLabs)
        ->setStatusTip(tr("Break-and-fix exercises: fix a design that does not work"));
    QAction *about = help->addAction(tr("&About S3 Replication Designer"), this,
                                     &MainWindow::about);
    about->setMenuRole(QAction::AboutRole);
}

// --- Title and status ---

void MainWindow::updateTitle()
{
    const QString file = m_session->filePath();
    m_compareSavedAction->setEnabled(!file.isEmpty()); // an untitled design has no saved version
    const QString name = file.isEmpty() ? tr("Untitled") : QFileInfo(file).fileName();
    setWindowTitle(tr("%1[*] — S3 Replication Designer").arg(name));
    setWindowModified(m_session->isModified());
}

void MainWindow::scheduleStatusRefresh()
{
    m_statusTimer->start();
}

void MainWindow::statusRefreshDue()
{
    if (m_statusAfterPaint->takeNewDesign() && m_countLabels[0]->isVisible()) {
        m_countLabels[0]->setText(tr("Checking…"));
        m_countLabels[0]->setStyleSheet(QString());
        for (std::size_t s = 1; s < m_countLabels.size(); ++s)
            m_countLabels[s]->clear();
        m_statusAfterPaint->refreshOncePainted(m_countLabels[0]);
        return;
    }
    updateStatusCounts();
}

void MainWindow::updateStatusCounts()
{
    m_statusAfterPaint->clear();
    const model::CheckReport &report = document().report();
    for (std::size_t s = 0; s < m_countLabels.size(); ++s) {
        const int count = report.count(model::Severity(s));
        m_countLabels[s]->setText(tr(kSeverityCounts[s].text, nullptr, count));
        m_countLabels[s]->setStyleSheet(count ? QString::fromLatin1(kSeverityCounts[s].style)
                                              : QString());
    }
}

void MainWindow::updateEditActions()
{
    const bool any = !m_selection->ids().isEmpty();
    for (QAction *a : std::as_const(m_selectionActions))
        a->setEnabled(any);
}

// --- Files ---

bool MainWindow::maybeSave()
{
    if (!m_session->isModified())
        return true;
    const QString file = m_session->filePath();
    const QString name = file.isEmpty() ? tr("The new design") : QFileInfo(file).fileName();
    switch (m_askDiscard(tr("%1 has unsaved changes. Save them first?").arg(name))) {
    case QMessageBox::Save: return save();
    case QMessageBox::Discard: return true;
    default: return false;
    }
}

void MainWindow::newDesign()
{
    if (!maybeSave())
        return;
    m_session->startNew();
}

bool MainWindow::newFromTemplate(const QString &path)
{
    if (!maybeSave())
        return false;
    if (const auto error = m_session->openTemplate(path)) {
        m_reportError(tr("Cannot open the template"),
                      tr("The template %1 does not load:\n\n%2")
                          .arg(QFileInfo(path).fileName(), error->describe()));
        return false;
    }
    return true;
}

bool MainWindow::openFile(const QString &path)
{
    if (const auto error = m_session->open(path)) {
        m_reportError(tr("Cannot open the design"),
                      tr("%1 does not load, so the current design stays open.\n\n%2")
                          .arg(QDir::toNativeSeparators(path), error->describe()));
        return false;
    }
    statusBar()->showMessage(tr("Opened %1").arg(QFileInfo(path).fileName()), 4000);
    return true;
}

void MainWindow::openDesign()
{
    if (!maybeSave())
        return;
    const QString file = m_session->filePath();
    const QString dir = file.isEmpty() ? QDir::homePath() : QFileInfo(file).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Design"), dir, tr("Replication designs (*.s3rd.json);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::saveTo(const QString &path)
{
    document::SaveResult result = m_session->saveAs(path);
    if (result.status == document::SaveStatus::ChangedOnDisk) {
        const bool overwrite = m_confirm(
            tr("File changed on disk"),
            tr("%1 was changed on disk since it was opened or last saved here, by another "
               "designer window or another program.\n\nSaving replaces those changes with "
               "this window's design. Save anyway?")
                .arg(QDir::toNativeSeparators(path)));
        if (!overwrite) {
            statusBar()->showMessage(
                tr("Not saved: %1 changed on disk").arg(QFileInfo(path).fileName()), 6000);
            return false;
        }
        result = m_session->saveAs(path, true);
    }
    if (result.error) {
        m_reportError(tr("Cannot save the design"),
                      tr("%1 could not be written: %2\nThe design is still open and unchanged.")
                          .arg(QDir::toNativeSeparators(path), result.error->describe()));
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 4000);
    return true;
}

bool MainWindow::save()
{
    if (m_session->filePath().isEmpty())
        return saveAs();
    return saveTo(m_session->filePath());
}

bool MainWindow::saveAs()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save Design As"),
                                                m_session->suggestedSavePath(),
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
    views::ExportDialog dialog(document(), m_session->basePath(), this);
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
    m_session->startNew(result.design);
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

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    for (const QString &path : DesignSession::recentFiles()) {
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
        const model::LoadResult loaded = DesignSession::read(path);
        const QString title = loaded.ok() && !loaded.design.name.empty()
                                  ? QString::fromStdString(loaded.design.name)
                                  : QFileInfo(path).fileName();
        QAction *a
            = m_templateMenu->addAction(title, this, [this, path] { newFromTemplate(path); });
        if (loaded.ok() && !loaded.design.note.empty())
            a->setStatusTip(QString::fromStdString(loaded.design.note));
    }
    if (m_templateMenu->isEmpty())
        m_templateMenu->addAction(tr("No templates"))->setEnabled(false);
}

// --- Recovery ---

void MainWindow::offerRecovery()
{
    const std::optional<document::RecoveryCandidate> candidate = DesignSession::findRecovery();
    if (!candidate)
        return;
    const QString origin = candidate->origin();
    const QString what = origin.isEmpty() ? tr("an unsaved design")
                                          : QDir::toNativeSeparators(origin);
    const QString taken = QLocale().toString(candidate->taken(), QLocale::LongFormat);
    const bool recover = m_confirm(
        tr("Recover unsaved changes?"),
        tr("The designer did not close cleanly last time. Its autosave of %1, taken %2, has "
           "changes that were never saved.\n\nRecover them?")
            .arg(what, taken));
    if (!recover) {
        candidate->remove();
        return;
    }
    QString aside;
    if (const auto error = m_session->recover(*candidate, &aside)) {
        m_reportError(
            tr("Cannot recover"),
            tr("The autosave taken %1 cannot be read, so nothing was recovered%2.\n\n%3\n\n%4")
                .arg(taken,
                     origin.isEmpty()
                         ? QString()
                         : tr("; %1 was not changed").arg(QDir::toNativeSeparators(origin)),
                     error->describe(),
                     !aside.isEmpty() ? tr("The autosave was set aside as %1.")
                                            .arg(QDir::toNativeSeparators(aside))
                                      : tr("The autosave could not be kept and was removed.")));
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    writeSettings();
    m_session->removeRecoveryFile();
    event->accept();
}

// --- Editing ---

void MainWindow::copy()
{
    const QByteArray payload = document::copyPayload(document(), m_selection->ids());
    if (payload.isEmpty())
        return;
    auto *mime = new QMimeData;
    mime->setData(QString::fromLatin1(document::kDesignMimeType), payload);
    QApplication::clipboard()->setMimeData(mime);
}

void MainWindow::cut()
{
    if (document::copyPayload(document(), m_selection->ids()).isEmpty())
        return;
    copy();
    auto *cmd = new document::RemoveElementsCommand(document(), m_selection->ids());
    cmd->setText(tr("Cut"));
    undoStack().push(cmd);
}

void MainWindow::paste()
{
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    const QString type = QString::fromLatin1(document::kDesignMimeType);
    QStringList added;
    if (!mime || !mime->hasFormat(type))
        return;
    if (QUndoCommand *cmd = document::pasteCommand(document(), mime->data(type), &added)) {
        undoStack().push(cmd);
        m_selection->setSelected(added);
    }
}

void MainWindow::duplicate()
{
    QStringList added;
    if (QUndoCommand *cmd = document::duplicateCommand(document(), m_selection->ids(), &added)) {
        undoStack().push(cmd);
        m_selection->setSelected(added);
    }
}

void MainWindow::deleteSelection()
{
    if (m_selection->ids().isEmpty())
        return;
    undoStack().push(new document::RemoveElementsCommand(document(), m_selection->ids()));
}

void MainWindow::selectAll()
{
    QStringList ids;
    const model::Design &d = document().design();
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
