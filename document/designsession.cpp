#include "designsession.h"

#include "core/autoarrange.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QUndoStack>
#include <QUuid>

namespace s3rd::document {

namespace {

constexpr const char *kSuffix = ".s3rd.json";
const QString kRecentKey = QStringLiteral("recentFiles");

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

// "…/x.s3rd.json" → "…/x": recovery sidecars and export bases sit next to it.
QString withoutSuffix(const QString &designPath)
{
    QString base = designPath;
    if (base.endsWith(QLatin1String(kSuffix)))
        base.chop(int(qstrlen(kSuffix)));
    return base;
}

// A lock on a recovery copy that never goes stale on its own: QLockFile still takes over a lock
// whose process is gone, which is how a crashed designer's copy is told from a live one's.
std::unique_ptr<QLockFile> tryLock(const QString &recoveryCopy)
{
    auto lock = std::make_unique<QLockFile>(withoutSuffix(recoveryCopy) + QStringLiteral(".lock"));
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0))
        return nullptr;
    return lock;
}

} // namespace

QString FileError::describe(int maxLines) const
{
    QStringList lines;
    for (size_t i = 0; i < problems.size() && int(i) < maxLines; ++i) {
        const auto &p = problems[i];
        lines << (p.location.empty() ? QString::fromStdString(p.message)
                                     : QStringLiteral("%1: %2").arg(
                                           QString::fromStdString(p.location),
                                           QString::fromStdString(p.message)));
    }
    if (int(problems.size()) > maxLines)
        lines << QObject::tr("… and %n more", nullptr, int(problems.size()) - maxLines);
    return lines.join(QLatin1Char('\n'));
}

// --- RecoveryCandidate ---

RecoveryCandidate::RecoveryCandidate(QString path, QString originPath,
                                     std::unique_ptr<QLockFile> lock)
    : m_path(std::move(path))
    , m_originPath(std::move(originPath))
    , m_lock(std::move(lock))
{
    QFile originFile(m_originPath);
    if (originFile.open(QIODevice::ReadOnly))
        m_origin = QString::fromUtf8(originFile.read(64 * 1024));
}

RecoveryCandidate::RecoveryCandidate(RecoveryCandidate &&) noexcept = default;
RecoveryCandidate::~RecoveryCandidate() = default;

QDateTime RecoveryCandidate::taken() const
{
    return QFileInfo(m_path).lastModified();
}

void RecoveryCandidate::remove() const
{
    QFile::remove(m_path);
    QFile::remove(m_originPath);
}

QString RecoveryCandidate::setAside() const
{
    // Kept for whoever wants to look at it, out of the way of later starts.
    const QString now = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"));
    const QString aside = m_path + QStringLiteral(".unreadable-") + now;
    const bool moved = QFile::rename(m_path, aside);
    if (!moved)
        QFile::remove(m_path);
    QFile::remove(m_originPath);
    return moved ? aside : QString();
}

// --- DesignSession ---

DesignSession::DesignSession(QObject *parent)
    : QObject(parent)
    , m_doc(std::make_unique<Document>(untitledDesign()))
    , m_undo(std::make_unique<QUndoStack>())
    , m_sessionId(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    connect(m_undo.get(), &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit modifiedChanged(!clean); });
}

DesignSession::~DesignSession() = default;

model::Design DesignSession::untitledDesign()
{
    model::Design d;
    d.name = "Untitled design";
    return d;
}

bool DesignSession::isModified() const
{
    return !m_undo->isClean();
}

model::LoadResult DesignSession::read(const QString &path)
{
    // Compiled-in templates go through the same checks as files.
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

void DesignSession::replace(model::Design design, const QString &path)
{
    // Designs written by hand or imported come without positions.
    if (model::lacksLayout(design))
        design = model::autoArrange(design);
    emit designAboutToBeReplaced();
    m_doc->resetDesign(std::move(design));
    m_undo->clear(); // clean again: QUndoStack emits cleanChanged if it was not
    setPath(path);
    emit designReplaced();
}

void DesignSession::setPath(const QString &path)
{
    const bool changed = path != m_path;
    m_path = path;
    m_fileHash = m_path.isEmpty() ? QByteArray() : fileHash(m_path);
    if (changed)
        emit filePathChanged(m_path);
}

std::optional<FileError> DesignSession::open(const QString &path)
{
    model::LoadResult loaded = read(path);
    if (!loaded.ok())
        return FileError{path, std::move(loaded.problems)};
    replace(std::move(loaded.design), QFileInfo(path).absoluteFilePath());
    addRecentFile(m_path);
    return std::nullopt;
}

std::optional<FileError> DesignSession::openTemplate(const QString &path)
{
    model::LoadResult loaded = read(path);
    if (!loaded.ok())
        return FileError{path, std::move(loaded.problems)};
    replace(std::move(loaded.design), QString());
    return std::nullopt;
}

void DesignSession::startNew(model::Design design)
{
    replace(std::move(design), QString());
    removeRecoveryFile();
}

bool DesignSession::changedOnDisk(const QString &path) const
{
    return !m_fileHash.isEmpty() && QFileInfo(path).absoluteFilePath() == m_path
           && QFileInfo::exists(path) && fileHash(path) != m_fileHash;
}

SaveResult DesignSession::saveAs(const QString &path, bool overwriteChangedFile)
{
    // Saving over someone else's change would silently throw it away.
    if (!overwriteChangedFile && changedOnDisk(path))
        return {SaveStatus::ChangedOnDisk, std::nullopt};
    const std::string error
        = model::saveDesignFile(m_doc->design(), QFile::encodeName(path).toStdString());
    if (!error.empty())
        return {SaveStatus::Failed, FileError{path, {{"", error}}}};
    setPath(QFileInfo(path).absoluteFilePath());
    m_undo->setClean();
    removeRecoveryFile();
    addRecentFile(m_path);
    return {};
}

QString DesignSession::suggestedSavePath() const
{
    if (!m_path.isEmpty())
        return m_path;
    QString base = QString::fromStdString(m_doc->design().name).toLower();
    base.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    base = base.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    return QDir::home().filePath((base.isEmpty() ? QStringLiteral("design") : base)
                                 + QLatin1String(kSuffix));
}

QString DesignSession::basePath() const
{
    return m_path.isEmpty() ? QDir::home().filePath(QStringLiteral("design"))
                            : withoutSuffix(m_path);
}

// --- Autosave and recovery ---

QString DesignSession::recoveryFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("recovery"));
}

QString DesignSession::recoveryFilePath() const
{
    return QDir(recoveryFolder()).filePath(m_sessionId + QLatin1String(kSuffix));
}

void DesignSession::autosave()
{
    if (m_undo->isClean())
        return;
    const QString path = recoveryFilePath();
    QDir().mkpath(recoveryFolder());
    if (!m_recoveryLock) {
        m_recoveryLock = tryLock(path); // held for the session's life, however long
        if (!m_recoveryLock)
            return; // best effort: without the lock another designer could take the copy
    }
    const std::string error
        = model::saveDesignFile(m_doc->design(), QFile::encodeName(path).toStdString());
    if (!error.empty())
        return; // best effort: the user's own file is untouched either way
    // The recovery copy remembers which file it belongs to in a sidecar.
    QSaveFile origin(withoutSuffix(path) + QStringLiteral(".origin"));
    if (origin.open(QIODevice::WriteOnly)) {
        origin.write(m_path.toUtf8());
        origin.commit();
    }
}

void DesignSession::removeRecoveryFile()
{
    QFile::remove(recoveryFilePath());
    QFile::remove(withoutSuffix(recoveryFilePath()) + QStringLiteral(".origin"));
    m_recoveryLock.reset(); // removes the lock file
}

QStringList DesignSession::orphanedRecoveryFiles()
{
    const QDir dir(recoveryFolder());
    QStringList orphans;
    const QFileInfoList files
        = dir.entryInfoList({QStringLiteral("*.s3rd.json")}, QDir::Files, QDir::Time);
    for (const QFileInfo &file : files) {
        // A live designer holds the lock of its own copy.
        if (tryLock(file.absoluteFilePath()))
            orphans << file.absoluteFilePath();
    }
    // Versions before per-window recovery files kept one copy in the folder above.
    const QString legacy = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                               .filePath(QStringLiteral("recovery.s3rd.json"));
    if (QFileInfo::exists(legacy))
        orphans << legacy;
    return orphans;
}

std::optional<RecoveryCandidate> DesignSession::findRecovery()
{
    const QStringList orphans = orphanedRecoveryFiles();
    if (orphans.isEmpty())
        return std::nullopt;
    const QString path = orphans.front();
    auto lock = tryLock(path);
    if (!lock)
        return std::nullopt;
    // Versions before per-window copies named the sidecar "recovery.s3rd.json.origin".
    const QString base = withoutSuffix(path);
    const QString originPath = QFileInfo::exists(base + QStringLiteral(".origin"))
                                   ? base + QStringLiteral(".origin")
                                   : path + QStringLiteral(".origin");
    return RecoveryCandidate(path, originPath, std::move(lock));
}

std::optional<FileError> DesignSession::recover(const RecoveryCandidate &candidate,
                                                QString *setAsideAs)
{
    model::LoadResult loaded = read(candidate.path());
    if (!loaded.ok()) {
        FileError error{candidate.path(), std::move(loaded.problems)};
        const QString aside = candidate.setAside();
        if (setAsideAs)
            *setAsideAs = aside;
        return error;
    }
    replace(std::move(loaded.design), candidate.origin());
    m_undo->resetClean(); // recovered work is unsaved until the user saves it
    candidate.remove();   // from now on this session autosaves it under its own name
    return std::nullopt;
}

// --- Recent files ---

QStringList DesignSession::recentFiles()
{
    QStringList existing;
    for (const QString &path : QSettings().value(kRecentKey).toStringList())
        if (QFileInfo::exists(path))
            existing << path;
    return existing;
}

void DesignSession::addRecentFile(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecentFiles)
        recent.removeLast();
    settings.setValue(kRecentKey, recent);
}

} // namespace s3rd::document
