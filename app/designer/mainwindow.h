#pragma once

// The designer's main window: owns the DesignSession (the document, its undo stack, its file,
// autosave and recovery) and the Selection, and wires the canvas, the palette, the overview and
// the panels to them. It asks the user the questions the session cannot answer itself.
//
// Files: New, New from Template, Open, Open Recent, Save, Save As; the window title names the
// file and shows the modified mark; unsaved changes are asked about before they are discarded;
// a recovery copy is autosaved while there are unsaved changes and offered back after a crash;
// saving over a file that changed on disk since it was opened or last saved asks first.

#include "confirmprompt.h"

#include <QMainWindow>
#include <QMessageBox>

#include <array>
#include <functional>
#include <memory>

class QAction;
class QDockWidget;
class QLabel;
class QStackedWidget;
class QMenu;
class QTimer;
class QUndoStack;

namespace s3rd::document {
class Document;
class DesignSession;
} // namespace s3rd::document
namespace s3rd::model::labs {
struct Lab;
} // namespace s3rd::model::labs
namespace s3rd::views {
class CanvasScene;
class CanvasView;
class LabPanel;
class ComparePanel;
class Minimap;
class PaletteWidget;
class RefreshAfterPaint;
class Selection;
class StartPage;
} // namespace s3rd::views

namespace s3rd::designer {

class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    document::DesignSession &session() const { return *m_session; }
    document::Document &document() const;
    QUndoStack &undoStack() const;
    views::Selection &selection() const { return *m_selection; }
    views::CanvasScene *scene() const { return m_scene; }
    views::CanvasView *view() const { return m_view; }
    QString currentFile() const;
    bool isStartPageShown() const;
    // The layout version saved with the dock state: a state saved by a window with other docks
    // is not restored (it would hide or misplace them).
    static constexpr int kLayoutVersion = 2;

    // Opens a design file; on failure reports the problems and keeps the current design.
    bool openFile(const QString &path);
    // Starts an untitled design from a template (":/templates/….s3rd.json" or a file path).
    bool newFromTemplate(const QString &path);
    bool saveTo(const QString &path);
    // Starts a lab: its start design, untitled, with the lab panel beside it (labwindow.cpp).
    bool startLab(const model::labs::Lab &lab);
    views::LabPanel *labPanel() const { return m_labPanel; }
    // File › Compare With: reviews the current design against the design at `path`, named
    // `label` in the compare panel (the file name when empty). A file that does not load is
    // reported with its problems' locations, and nothing changes.
    bool compareWith(const QString &path, const QString &label = {});
    views::ComparePanel *comparePanel() const { return m_comparePanel; }

    // How errors and questions reach the user. Tests replace them; the defaults are dialogs.
    using ErrorReporter = std::function<void(const QString &title, const QString &text)>;
    using DiscardPrompt = std::function<QMessageBox::StandardButton(const QString &question)>;
    // A yes/no question (recover the autosave? overwrite a file changed on disk?).
    using ConfirmPrompt = views::ConfirmPrompt;
    void setErrorReporter(ErrorReporter reporter) { m_reportError = std::move(reporter); }
    void setDiscardPrompt(DiscardPrompt prompt) { m_askDiscard = std::move(prompt); }
    void setConfirmPrompt(ConfirmPrompt prompt) { m_confirm = std::move(prompt); }

    // The templates compiled in: resource paths of the example designs.
    static QStringList templatePaths();
    // If an autosave of a crashed designer exists, asks (with the time it was taken) whether to
    // restore the newest one. One that does not load is reported and set aside (renamed to
    // "….unreadable-<time>"); the file it belongs to is never written.
    void offerRecovery();

public slots:
    void newDesign();
    void openDesign();
    bool save();
    bool saveAs();
    // File › Export: the export dialog (policy bundles, CloudFormation, Terraform, diagram).
    void exportDesign();
    // File › Import: AWS CLI outputs and policy documents into a design.
    void importFiles();
    // File › Compare With › A Design File… and › The Last Saved Version (this design's file).
    void compareWithFile();
    void compareWithSaved();
    void about();
    // View › Reset layout: every dock back where a first start puts it, sized for this window.
    void resetLayout();
    // The start page (examples and labs) in place of the canvas; it goes when a design comes.
    void showStartPage();
    // Help › Labs: the lab chooser; starts the lab chosen.
    void showLabs();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createDocks();
    // Places the docks as on a first start; sizes follow the window's size.
    void applyDefaultLayout();
    void applyDefaultSizes();
    void createLabDock();
    void createStartPage();
    void leaveStartPage();
    // The start page has the window to itself: the docks (which would show an empty design)
    // hide while it shows, and the layout they had comes back with the design.
    void hideDocksForStartPage();
    void showDocksAfterStartPage();
    // The status bar's finding counts and zoom, in their order there.
    std::array<QLabel *, 4> statusLabels() const
    {
        return {m_countLabels[0], m_countLabels[1], m_countLabels[2], m_zoomLabel};
    }
    void createActions();
    void createMenus();
    void updateTitle();
    void updateStatusCounts();
    void updateEditActions();
    void scheduleStatusRefresh();
    // The status timer's slot: the counts, or after a new design first "Checking…" (the counts
    // follow once the window has been painted, so the canvas shows before the checks run).
    void statusRefreshDue();
    bool maybeSave();
    void fillRecentMenu();
    void fillTemplateMenu();
    void cut();
    void copy();
    void paste();
    void duplicate();
    void deleteSelection();
    void selectAll();
    void readSettings();
    void writeSettings();

    std::unique_ptr<document::DesignSession> m_session;
    std::unique_ptr<views::Selection> m_selection;
    views::CanvasScene *m_scene = nullptr;
    views::CanvasView *m_view = nullptr;
    views::Minimap *m_minimap = nullptr;
    views::PaletteWidget *m_palette = nullptr;
    QStackedWidget *m_central = nullptr;
    views::StartPage *m_startPage = nullptr;
    QDockWidget *m_paletteDock = nullptr;
    QDockWidget *m_overviewDock = nullptr;
    QDockWidget *m_propertiesDock = nullptr;
    QDockWidget *m_policiesDock = nullptr;
    QDockWidget *m_checklistDock = nullptr;
    QDockWidget *m_simulatorDock = nullptr;
    views::LabPanel *m_labPanel = nullptr;
    QDockWidget *m_labDock = nullptr; // shown while a lab is open
    QDockWidget *m_compareDock = nullptr; // made on the first comparison
    views::ComparePanel *m_comparePanel = nullptr;
    QAction *m_compareSavedAction = nullptr;
    bool m_defaultSizesDue = false; // applied once the window has its final size
    bool m_docksHiddenForStart = false;
    QByteArray m_layoutBeforeStart; // saveState() of the docks the start page hid

    ErrorReporter m_reportError;
    DiscardPrompt m_askDiscard;
    ConfirmPrompt m_confirm;

    QMenu *m_viewMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_templateMenu = nullptr;
    QList<QAction *> m_selectionActions; // Edit › Cut, Copy, Duplicate, Delete
    QAction *m_snapAction = nullptr;
    QAction *m_connectAction = nullptr;

    std::array<QLabel *, 3> m_countLabels{}; // the findings of each model::Severity
    QLabel *m_zoomLabel = nullptr;
    QTimer *m_statusTimer = nullptr;
    views::RefreshAfterPaint *m_statusAfterPaint = nullptr; // after a new design, after a paint
    QTimer *m_autosaveTimer = nullptr;
};

} // namespace s3rd::designer
