// The design session without widgets: open is one step (clean, no history, path, recent file),
// a bad file keeps everything as it was and says where it is broken, save is atomic and marks
// clean, undo back to the saved state is clean again, a file changed on disk is not silently
// overwritten, autosave and recovery after a crash, recent files.

#include "commands.h"
#include "designsession.h"
#include "testpaths.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace s3rd;
using document::DesignSession;
using document::SaveStatus;

namespace {

QString example(const char *name)
{
    return s3rd::test::examplePath(QLatin1String(name));
}

const char *kSample = "cross-account-sse-kms.s3rd.json";

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

// An edit through the undo stack, as the panels make it.
void edit(DesignSession &session, const char *note)
{
    model::Bucket b = session.document().design().buckets.front();
    b.note = note;
    session.undoStack().push(new document::UpdateElementCommand(session.document(), b));
}

// A recovery copy as a designer that crashed leaves it: no lock held.
QString plantOrphan(const QString &id, const QByteArray &content, const QString &origin)
{
    QDir().mkpath(DesignSession::recoveryFolder());
    const QDir dir(DesignSession::recoveryFolder());
    writeAll(dir.filePath(id + ".origin"), origin.toUtf8());
    const QString path = dir.filePath(id + ".s3rd.json");
    writeAll(path, content);
    return path;
}

} // namespace

class TestDesignSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void startsUntitledAndClean();
    void openIsOneStep();
    void badFileKeepsThePreviousDesign_data();
    void badFileKeepsThePreviousDesign();
    void templateStartsUntitled();
    void saveMarksCleanAndUndoBackIsClean();
    void failedSaveKeepsEverything();
    void fileChangedOnDiskIsNotOverwritten();
    void autosaveOnlyWithUnsavedChanges();
    void crashedSessionsCopyIsRecovered();
    void liveSessionsCopyIsNotOffered();
    void unreadableCopyIsSetAside();
    void recentFilesAreMostRecentFirst();
    void suggestedNames();
};

void TestDesignSession::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("s3rd-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_designsession"));
}

void TestDesignSession::init()
{
    QDir(DesignSession::recoveryFolder()).removeRecursively();
    QSettings().remove(QStringLiteral("recentFiles"));
}

void TestDesignSession::startsUntitledAndClean()
{
    DesignSession session;
    QVERIFY(session.filePath().isEmpty());
    QVERIFY(!session.isModified());
    QCOMPARE(session.document().design().name, std::string("Untitled design"));
    QVERIFY(session.document().design().buckets.empty());
}

void TestDesignSession::openIsOneStep()
{
    DesignSession session;
    QVERIFY(!session.open(example("sse-s3-starter.s3rd.json")));
    edit(session, "unsaved");
    QVERIFY(session.isModified());
    QSignalSpy modified(&session, &DesignSession::modifiedChanged);
    QSignalSpy path(&session, &DesignSession::filePathChanged);
    QSignalSpy replaced(&session, &DesignSession::designReplaced);

    QVERIFY(!session.open(example(kSample)));
    QCOMPARE(session.filePath(), QFileInfo(example(kSample)).absoluteFilePath());
    QVERIFY(!session.isModified());
    QCOMPARE(session.undoStack().count(), 0); // the other design's history is gone
    QVERIFY(session.document().design()
            == model::loadDesignFile(example(kSample).toStdString()).design);
    QCOMPARE(modified.count(), 1);
    QCOMPARE(modified.front().front().toBool(), false);
    QCOMPARE(path.count(), 1);
    QCOMPARE(replaced.count(), 1);
    QCOMPARE(DesignSession::recentFiles().value(0), session.filePath());
}

void TestDesignSession::badFileKeepsThePreviousDesign_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("location"); // what the first problem's location starts with
    QTest::newRow("not json") << QByteArray("{\n  \"format\": \n") << "line 3";
    QTest::newRow("wrong shape") << QByteArray("[1, 2, 3]\n") << "";
    QTest::newRow("empty") << QByteArray() << "line 1";
    QTest::newRow("missing") << QByteArray("(no file)") << "";
}

void TestDesignSession::badFileKeepsThePreviousDesign()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, location);
    QTemporaryDir dir;
    const QString broken = dir.filePath("broken.s3rd.json");
    if (content != "(no file)")
        QVERIFY(writeAll(broken, content));

    DesignSession session;
    QVERIFY(!session.open(example(kSample)));
    edit(session, "unsaved work");
    const model::Design before = session.document().design();
    QSignalSpy replaced(&session, &DesignSession::designReplaced);

    const auto error = session.open(broken);
    QVERIFY(error);
    QCOMPARE(error->path, broken);
    QVERIFY(!error->problems.empty());
    QVERIFY2(QString::fromStdString(error->problems.front().location).startsWith(location),
             qPrintable(error->describe()));
    QVERIFY(!error->describe().isEmpty());
    // Nothing changed: design, file, history, modified state, recent files.
    QVERIFY(session.document().design() == before);
    QCOMPARE(session.filePath(), QFileInfo(example(kSample)).absoluteFilePath());
    QCOMPARE(session.undoStack().count(), 1);
    QVERIFY(session.isModified());
    QCOMPARE(replaced.count(), 0);
    QVERIFY(!DesignSession::recentFiles().contains(broken));
}

void TestDesignSession::templateStartsUntitled()
{
    DesignSession session;
    QVERIFY(!session.openTemplate(example("fan-out-two-regions.s3rd.json")));
    QVERIFY(session.filePath().isEmpty());
    QVERIFY(!session.isModified());
    QCOMPARE(session.document().design().buckets.size(), size_t(3));
    QVERIFY(DesignSession::recentFiles().isEmpty()); // a template is not a file of the user's
    QVERIFY(session.openTemplate(QStringLiteral(":/templates/none.s3rd.json")));
}

void TestDesignSession::saveMarksCleanAndUndoBackIsClean()
{
    QTemporaryDir dir;
    const QString file = dir.filePath("mine.s3rd.json");
    DesignSession session;
    QVERIFY(!session.open(example(kSample)));
    edit(session, "saved note");
    QSignalSpy modified(&session, &DesignSession::modifiedChanged);
    const document::SaveResult result = session.saveAs(file);
    QCOMPARE(result.status, SaveStatus::Saved);
    QCOMPARE(session.filePath(), file);
    QVERIFY(!session.isModified());
    QCOMPARE(modified.count(), 1);
    // What was saved opens again as the same design, with no temporary left next to it.
    QVERIFY(model::loadDesignFile(file.toStdString()).design == session.document().design());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"mine.s3rd.json"});
    // The history survives a save; going back to the saved state is clean again.
    QCOMPARE(session.undoStack().count(), 1);
    session.undoStack().undo();
    QVERIFY(session.isModified());
    session.undoStack().redo();
    QVERIFY(!session.isModified());
    QCOMPARE(DesignSession::recentFiles().value(0), file);
}

void TestDesignSession::failedSaveKeepsEverything()
{
    QTemporaryDir dir;
    DesignSession session;
    QVERIFY(!session.open(example(kSample)));
    edit(session, "not saved");
    const QString target = dir.filePath("missing/folder/x.s3rd.json");
    const document::SaveResult result = session.saveAs(target);
    QCOMPARE(result.status, SaveStatus::Failed);
    QVERIFY(result.error);
    QCOMPARE(result.error->path, target);
    QVERIFY(!result.error->describe().isEmpty());
    QCOMPARE(session.filePath(), QFileInfo(example(kSample)).absoluteFilePath());
    QVERIFY(session.isModified());
}

void TestDesignSession::fileChangedOnDiskIsNotOverwritten()
{
    QTemporaryDir dir;
    const QString file = dir.filePath("shared.s3rd.json");
    QVERIFY(QFile::copy(example(kSample), file));
    QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
    DesignSession first, second;
    QVERIFY(!first.open(file));
    QVERIFY(!second.open(file));

    edit(first, "from the first");
    QCOMPARE(first.saveAs(file).status, SaveStatus::Saved); // nobody else wrote it

    edit(second, "from the second");
    QVERIFY(second.changedOnDisk(file));
    QCOMPARE(second.saveAs(file).status, SaveStatus::ChangedOnDisk);
    QVERIFY(readAll(file).contains("from the first")); // untouched
    QVERIFY(second.isModified());
    QCOMPARE(second.saveAs(file, true).status, SaveStatus::Saved);
    QVERIFY(readAll(file).contains("from the second"));
    QCOMPARE(second.saveAs(file).status, SaveStatus::Saved); // its own save is no conflict
    // Saving somewhere else is never a conflict.
    QCOMPARE(first.saveAs(dir.filePath("elsewhere.s3rd.json")).status, SaveStatus::Saved);
}

void TestDesignSession::autosaveOnlyWithUnsavedChanges()
{
    DesignSession session;
    QVERIFY(!session.open(example(kSample)));
    const QString recovery = session.recoveryFilePath();
    QVERIFY(recovery.startsWith(DesignSession::recoveryFolder()));
    session.autosave();
    QVERIFY(!QFile::exists(recovery)); // nothing unsaved, nothing to recover
    edit(session, "recover me");
    session.autosave();
    QVERIFY(QFile::exists(recovery));
    const model::LoadResult copy = DesignSession::read(recovery);
    QVERIFY(copy.ok());
    QCOMPARE(copy.design.buckets.front().note, std::string("recover me"));
    // The copy names the file it belongs to.
    QString origin = recovery;
    origin.replace(".s3rd.json", ".origin");
    QCOMPARE(QString::fromUtf8(readAll(origin)), session.filePath());
    // Two sessions never share a copy.
    DesignSession other;
    QVERIFY(other.recoveryFilePath() != recovery);

    QTemporaryDir dir;
    QCOMPARE(session.saveAs(dir.filePath("x.s3rd.json")).status, SaveStatus::Saved);
    QVERIFY(!QFile::exists(recovery));
    QVERIFY(!QFile::exists(origin));
}

void TestDesignSession::crashedSessionsCopyIsRecovered()
{
    QTemporaryDir dir;
    const QString userFile = dir.filePath("mine.s3rd.json");
    QVERIFY(QFile::copy(example("sse-s3-starter.s3rd.json"), userFile));
    const QString copy = plantOrphan("crashed", readAll(example(kSample)), userFile);
    QCOMPARE(DesignSession::orphanedRecoveryFiles(), QStringList{copy});

    DesignSession session;
    {
        const auto candidate = DesignSession::findRecovery();
        QVERIFY(candidate);
        QCOMPARE(candidate->path(), copy);
        QCOMPARE(candidate->origin(), userFile);
        QVERIFY(candidate->taken().isValid());
        // While one designer decides, another one is not offered the same copy.
        QVERIFY(!DesignSession::findRecovery());
        QVERIFY(!session.recover(*candidate));
    }
    // The recovered design is open, belongs to the user's file and is unsaved; the file itself
    // is untouched until the user saves.
    QVERIFY(session.document().design()
            == model::loadDesignFile(example(kSample).toStdString()).design);
    QCOMPARE(session.filePath(), userFile);
    QVERIFY(session.isModified());
    QCOMPARE(readAll(userFile), readAll(example("sse-s3-starter.s3rd.json")));
    QVERIFY(!QFile::exists(copy));
    QVERIFY(DesignSession::orphanedRecoveryFiles().isEmpty());
}

void TestDesignSession::liveSessionsCopyIsNotOffered()
{
    DesignSession running;
    QVERIFY(!running.open(example(kSample)));
    edit(running, "still being edited");
    running.autosave();
    QVERIFY(QFile::exists(running.recoveryFilePath()));
    QVERIFY(DesignSession::orphanedRecoveryFiles().isEmpty());
    QVERIFY(!DesignSession::findRecovery());
    QVERIFY(QFile::exists(running.recoveryFilePath()));
}

void TestDesignSession::unreadableCopyIsSetAside()
{
    const QString copy = plantOrphan("broken", QByteArray("{\"format\": \"s3-replication-des"),
                                     QString());
    DesignSession session;
    const model::Design before = session.document().design();
    const auto candidate = DesignSession::findRecovery();
    QVERIFY(candidate);
    QCOMPARE(candidate->origin(), QString());
    QString aside;
    const auto error = session.recover(*candidate, &aside);
    QVERIFY(error);
    QVERIFY2(QString::fromStdString(error->problems.front().location).startsWith("line 1"),
             qPrintable(error->describe()));
    QVERIFY(session.document().design() == before);
    QVERIFY(!session.isModified());
    QVERIFY(!QFile::exists(copy));
    QVERIFY(aside.startsWith(copy + ".unreadable-"));
    QVERIFY(QFile::exists(aside));
}

void TestDesignSession::recentFilesAreMostRecentFirst()
{
    QTemporaryDir dir;
    QStringList files;
    for (int i = 0; i < DesignSession::kMaxRecentFiles + 2; ++i) {
        files << dir.filePath(QStringLiteral("d%1.s3rd.json").arg(i));
        QVERIFY(QFile::copy(example(kSample), files.back()));
        DesignSession::addRecentFile(files.back());
    }
    QStringList recent = DesignSession::recentFiles();
    QCOMPARE(recent.size(), DesignSession::kMaxRecentFiles);
    QCOMPARE(recent.front(), files.back());
    QVERIFY(!recent.contains(files.front())); // the oldest fell off
    // Opening one again moves it to the front, once.
    DesignSession session;
    QVERIFY(!session.open(files[5]));
    recent = DesignSession::recentFiles();
    QCOMPARE(recent.front(), files[5]);
    QCOMPARE(recent.count(files[5]), 1);
    // A file that went away is not offered.
    QVERIFY(QFile::remove(files[6]));
    QVERIFY(!DesignSession::recentFiles().contains(files[6]));
}

void TestDesignSession::suggestedNames()
{
    DesignSession session;
    session.document().setDesignName(QStringLiteral("Prod DR (EU)!"));
    QCOMPARE(session.suggestedSavePath(), QDir::home().filePath("prod-dr-eu.s3rd.json"));
    QCOMPARE(session.basePath(), QDir::home().filePath("design"));
    QVERIFY(!session.open(example(kSample)));
    QCOMPARE(session.suggestedSavePath(), session.filePath());
    QCOMPARE(session.basePath() + ".s3rd.json", session.filePath());
}

QTEST_GUILESS_MAIN(TestDesignSession)
#include "tst_designsession.moc"
