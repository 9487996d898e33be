#pragma once

// One open design: the Document, its QUndoStack, the file it belongs to, whether it is saved,
// its autosave (recovery copy) and the list of recent files. A window wires to it and asks the
// user the questions; every decision about files is made here, without widgets.
//
// Contract:
// - open() is one operation: read the file, and only when it loads: reset the document, clear
//   the undo stack, set the path, mark clean. On failure nothing changes and the error is
//   returned with every problem's location ("line 4, column 7", "rules[2].destination").
// - isModified() is !undoStack().isClean(); modifiedChanged() follows QUndoStack::cleanChanged
//   (a new design replacing modified work is clean again). filePathChanged() fires whenever
//   the path changes; designAboutToBeReplaced() and designReplaced() bracket every
//   open/new/recovery (not an edit).
// - saveAs() writes atomically (model::saveDesignFile) and refuses, returning
//   SaveStatus::ChangedOnDisk, when the file was changed on disk since it was opened or last
//   saved here, unless told to overwrite.
// - Each session autosaves into a file of its own under recoveryFolder() and holds a lock on
//   it while it exists, so two designers never overwrite or remove each other's copies; a copy
//   whose lock is free was left by a designer that did not close cleanly (a crash).

#include "core/designfile.h"
#include "document.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

class QLockFile;
class QUndoStack;

namespace s3rd::document {

// Why a file could not be read or written: the file, and every problem with its location.
struct FileError
{
    QString path;
    std::vector<model::LoadProblem> problems; // reading; one entry without location for writing

    // The problems, one a line ("line 3, column 9: …"), at most maxLines of them.
    QString describe(int maxLines = 12) const;
};

enum class SaveStatus { Saved, ChangedOnDisk, Failed };

struct SaveResult
{
    SaveStatus status = SaveStatus::Saved;
    std::optional<FileError> error; // when Failed
};

// A recovery copy left by a designer that did not close cleanly. While this object lives it
// holds the copy's lock, so a designer started meanwhile does not offer the same copy.
class RecoveryCandidate
{
public:
    RecoveryCandidate(QString path, QString originPath, std::unique_ptr<QLockFile> lock);
    RecoveryCandidate(RecoveryCandidate &&) noexcept;
    ~RecoveryCandidate();

    QString path() const { return m_path; }
    // The design file the copy belongs to; empty for an untitled design.
    QString origin() const { return m_origin; }
    // When the copy was written.
    QDateTime taken() const;
    // Removes the copy and its sidecar (the user declined it, or it was recovered).
    void remove() const;
    // Renames the copy to "….unreadable-<time>" (or removes it if that fails); returns the new
    // name, empty when the copy had to be removed.
    QString setAside() const;

private:
    QString m_path;
    QString m_originPath;
    QString m_origin;
    std::unique_ptr<QLockFile> m_lock;
};

class DesignSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesignSession)

public:
    // Starts with an untitled, empty design.
    explicit DesignSession(QObject *parent = nullptr);
    ~DesignSession() override;

    Document &document() const { return *m_doc; }
    QUndoStack &undoStack() const { return *m_undo; }
    // Absolute path of the design's file; empty while untitled.
    QString filePath() const { return m_path; }
    bool isModified() const;

    // Reads a design file or a compiled-in resource (":/templates/…") without opening it.
    static model::LoadResult read(const QString &path);

    // Opens a design file; on failure keeps the current design, path and undo history.
    std::optional<FileError> open(const QString &path);
    // Starts an untitled design from a template (a resource or a file path).
    std::optional<FileError> openTemplate(const QString &path);
    // Replaces the design by a new untitled one (File › New, an import), clean, no history.
    void startNew(model::Design design = untitledDesign());
    // What File › New starts with: no elements, named "Untitled design".
    static model::Design untitledDesign();

    // Writes the design to path (atomically). On success path becomes the file, the undo stack
    // is marked clean, the recovery copy is removed and path is added to the recent files.
    SaveResult saveAs(const QString &path, bool overwriteChangedFile = false);
    // True when path is this design's file and was changed on disk since it was opened or
    // last saved here (another designer window, an editor, a git pull).
    bool changedOnDisk(const QString &path) const;

    // A file name for Save As when the design is untitled: the design's name in lower case,
    // in the home folder ("Prod DR" → ~/prod-dr.s3rd.json).
    QString suggestedSavePath() const;
    // The design's file without ".s3rd.json" (the default base of exports), or ~/design.
    QString basePath() const;

    // --- Autosave and recovery ---
    // Where every designer autosaves: per session one design file, one ".origin" (the file it
    // belongs to) and one ".lock".
    static QString recoveryFolder();
    QString recoveryFilePath() const;
    // Writes the recovery copy when there are unsaved changes; best effort, the user's own file
    // is never touched.
    void autosave();
    void removeRecoveryFile();
    // Autosaves left by designers that did not close cleanly, newest first.
    static QStringList orphanedRecoveryFiles();
    // The newest orphaned copy, locked; std::nullopt when there is none (or another designer
    // is deciding about it right now).
    static std::optional<RecoveryCandidate> findRecovery();
    // Opens the copy as unsaved work belonging to its origin file, then removes the copy (from
    // now on this session autosaves it). A copy that does not load is set aside (see
    // RecoveryCandidate::setAside, the new name in setAsideAs) and its error returned; nothing
    // else changes.
    std::optional<FileError> recover(const RecoveryCandidate &candidate,
                                     QString *setAsideAs = nullptr);

    // --- Recent files (QSettings "recentFiles", most recent first) ---
    static constexpr int kMaxRecentFiles = 8;
    // The recent files that still exist.
    static QStringList recentFiles();
    static void addRecentFile(const QString &path);

signals:
    // Before and after a new design replaces the current one (open, new, template, recovery):
    // views drop their selection first, then show the new design.
    void designAboutToBeReplaced();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString &path);
    void designReplaced();

private:
    void replace(model::Design design, const QString &path);
    void setPath(const QString &path);

    std::unique_ptr<Document> m_doc;
    std::unique_ptr<QUndoStack> m_undo;
    QString m_path;
    QByteArray m_fileHash; // SHA-256 of m_path as last opened or saved; empty if none
    QString m_sessionId;   // names this session's recovery files
    std::unique_ptr<QLockFile> m_recoveryLock; // held while this session's recovery copy exists
};

} // namespace s3rd::document
