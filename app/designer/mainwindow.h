#pragma once

// The designer's main window: owns the one Document, its QUndoStack and the Selection, and
// wires the canvas, the palette, the overview and the panels to them.
//
// Files: New, New from Template, Open, Open Recent, Save, Save As; the window title names the
// file and shows the modified mark; unsaved changes are asked about before they are discarded;
// a recovery copy is autosaved while there are unsaved changes and offered back after a crash.
//
// Each window autosaves into a file of its own and holds a lock on it while it runs, so two
// designers never overwrite or remove each other's recovery copies; a copy whose lock is free
// was left by a designer that crashed. Saving over a file that changed on disk since it was
// opened or last saved (another designer window, an editor, a git pull) asks first.

#include <QByteArray>
#include <QMainWindow>
#include <QMessageBox>

#include <functional>
#include <memory>

class QAction;
class QLabel;
class QLockFile;
class QMenu;
class QTimer;
class QUndoStack;

namespace s3rd::document {
class Document;
}
namespace s3rd::model {
struct Design;
}
namespace s3rd::views {
class CanvasScene;
class CanvasView;
class Minimap;
class PaletteWidget;
class Selection;
} // namespace s3rd::views

namespace s3rd::designer {

class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    document::Document &document() const { return *m_doc; }
    QUndoStack &undoStack() const { return *m_undo; }
    views::Selection &selection() const { return *m_selection; }
    views::CanvasScene *scene() const { return m_scene; }
    views::CanvasView *view() const { return m_view; }
    QString currentFile() const { return m_file; }

    // Opens a design file; on failure reports the problems and keeps the current design.
    bool openFile(const QString &path);
    // Starts an untitled design from a template (":/templates/….s3rd.json" or a file path).
    bool newFromTemplate(const QString &path);
    bool saveTo(const QString &path);

    // How errors and questions reach the user. Tests replace them; the defaults are dialogs.
    using ErrorReporter = std::function<void(const QString &title, const QString &text)>;
    using DiscardPrompt = std::function<QMessageBox::StandardButton(const QString &question)>;
    // A yes/no question (recover the autosave? overwrite a file changed on disk?).
    using ConfirmPrompt = std::function<bool(const QString &title, const QString &question)>;
    void setErrorReporter(ErrorReporter reporter) { m_reportError = std::move(reporter); }
    void setDiscardPrompt(DiscardPrompt prompt) { m_askDiscard = std::move(prompt); }
    void setConfirmPrompt(ConfirmPrompt prompt) { m_confirm = std::move(prompt); }

    // The templates compiled in: resource paths of the example designs.
    static QStringList templatePaths();
    // Where this window autosaves its unsaved work (under QStandardPaths::AppDataLocation).
    QString recoveryFilePath() const;
    // Where every window autosaves: one design file, one ".origin" (the file it belongs to) and
    // one ".lock" per window.
    static QString recoveryFolder();
    // Autosaves left by designers that did not close cleanly, newest first.
    static QStringList orphanedRecoveryFiles();
    // If an autosave of a crashed designer exists, asks (with the time it was taken) whether to
    // restore the newest one. One that does not load is reported and set aside (renamed to
    // "….unreadable-<time>"); the file it belongs to is never written.
    void offerRecovery();
    // Writes the recovery file now (the autosave timer calls this every 30 s when modified).
    void autosave();

public slots:
    void newDesign();
    void openDesign();
    bool save();
    bool saveAs();
    // File › Export: the export dialog (policy bundles, CloudFormation, Terraform, diagram).
    void exportDesign();
    // File › Import: AWS CLI outputs and policy documents into a design.
    void importFiles();
    void about();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createDocks();
    void createActions();
    void createMenus();
    void updateTitle();
    void updateStatusCounts();
    void updateEditActions();
    void scheduleStatusRefresh();
    bool maybeSave();
    void replaceDesign(model::Design design, const QString &file);
    void addRecentFile(const QString &path);
    void fillRecentMenu();
    void fillTemplateMenu();
    void removeRecoveryFile();
    void rememberFileOnDisk();
    void cut();
    void copy();
    void paste();
    void duplicate();
    void deleteSelection();
    void selectAll();
    void readSettings();
    void writeSettings();

    std::unique_ptr<document::Document> m_doc;
    std::unique_ptr<QUndoStack> m_undo;
    std::unique_ptr<views::Selection> m_selection;
    views::CanvasScene *m_scene = nullptr;
    views::CanvasView *m_view = nullptr;
    views::Minimap *m_minimap = nullptr;
    views::PaletteWidget *m_palette = nullptr;
    QString m_file;

    ErrorReporter m_reportError;
    DiscardPrompt m_askDiscard;
    ConfirmPrompt m_confirm;

    QString m_sessionId;                      // names this window's recovery files
    std::unique_ptr<QLockFile> m_sessionLock; // held while this window's recovery file exists
    QByteArray m_fileHash; // SHA-256 of m_file as last opened or saved; empty if none

    QMenu *m_viewMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_templateMenu = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_cutAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_pasteAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_selectAllAction = nullptr;
    QAction *m_snapAction = nullptr;
    QAction *m_connectAction = nullptr;

    QLabel *m_errorsLabel = nullptr;
    QLabel *m_warningsLabel = nullptr;
    QLabel *m_infoLabel = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QTimer *m_statusTimer = nullptr;
    QTimer *m_autosaveTimer = nullptr;
};

} // namespace s3rd::designer
