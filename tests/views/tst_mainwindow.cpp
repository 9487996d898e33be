// The main window: templates and examples open without errors, a broken file is reported and
// the current design kept, title and modified mark, unsaved-changes prompt, autosave and
// recovery after a crash, two windows on one file, Delete.

#include "canvasscene.h"
#include "canvasview.h"
#include "commands.h"
#include "designsession.h"
#include "document.h"
#include "mainwindow.h"
#include "selection.h"
#include "testpaths.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using s3rd::designer::MainWindow;
using s3rd::document::DesignSession;
using namespace s3rd;

namespace {

struct Reported
{
    int count = 0;
    QString text;
};

void quiet(MainWindow &w, Reported &r)
{
    w.setErrorReporter([&r](const QString &, const QString &text) {
        ++r.count;
        r.text = text;
    });
}

QString example(const char *name)
{
    return s3rd::test::examplePath(QLatin1String(name));
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void templatesOpenWithoutErrors_data();
    void templatesOpenWithoutErrors();
    void brokenFileKeepsTheCurrentDesign_data();
    void brokenFileKeepsTheCurrentDesign();
    void titleShowsFileAndModifiedMark();
    void statusCountsFollowTheFirstPaint();
    void askBeforeDiscarding();
    void autosaveWritesAndSaveRemovesRecovery();
    void recoveryOfferedWithTheTimeItWasTaken();
    void corruptAutosaveIsSetAside();
    void liveWindowsAutosaveIsNotOffered();
    void twoWindowsOnOneFileWarnBeforeOverwriting();
    void deleteKeyRemovesBucketWithItsRules();
    void recentFilesMenuOpensWhatWasOpened();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("s3rd-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QVERIFY(!MainWindow::templatePaths().isEmpty());
}

void TestMainWindow::templatesOpenWithoutErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("asTemplate");
    for (const QString &path : MainWindow::templatePaths())
        QTest::newRow(qPrintable("template " + QFileInfo(path).fileName())) << path << true;
    for (const QString &name : s3rd::test::exampleNames())
        QTest::newRow(qPrintable("file " + name)) << s3rd::test::examplePath(name) << false;
}

void TestMainWindow::templatesOpenWithoutErrors()
{
    QFETCH(QString, path);
    QFETCH(bool, asTemplate);
    MainWindow w;
    Reported r;
    quiet(w, r);
    QVERIFY(asTemplate ? w.newFromTemplate(path) : w.openFile(path));
    QCOMPARE(r.count, 0);
    QVERIFY(w.scene()->nodeCount() > 0);
    QCOMPARE(w.document().report().count(model::Severity::Error), 0);
    QVERIFY(!w.isWindowModified());
    QCOMPARE(w.currentFile().isEmpty(), asTemplate); // a template starts untitled
}

void TestMainWindow::brokenFileKeepsTheCurrentDesign_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("not json") << QByteArray("{ \"format\": ");
    QTest::newRow("wrong shape") << QByteArray("[1, 2, 3]\n");
    QTest::newRow("empty") << QByteArray();
}

void TestMainWindow::brokenFileKeepsTheCurrentDesign()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    const QString broken = dir.filePath("broken.s3rd.json");
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    MainWindow w;
    Reported r;
    quiet(w, r);
    QVERIFY(w.openFile(example("cross-account-sse-kms.s3rd.json")));
    const model::Design before = w.document().design();
    const int nodes = w.scene()->nodeCount();
    QVERIFY(!w.openFile(broken));
    QCOMPARE(r.count, 1);
    QVERIFY(r.text.contains("broken.s3rd.json")); // names the file
    QVERIFY(w.document().design() == before);
    QCOMPARE(w.scene()->nodeCount(), nodes);
    QVERIFY(w.currentFile().endsWith("cross-account-sse-kms.s3rd.json"));
    QVERIFY(!w.openFile(dir.filePath("does-not-exist.s3rd.json")));
    QCOMPARE(r.count, 2);
}

// Opening a design in a shown window paints the canvas before the checks run: the status bar
// says "Checking…" until the window has been painted, then how many findings of each severity
// the design has.
void TestMainWindow::statusCountsFollowTheFirstPaint()
{
    MainWindow w;
    Reported r;
    quiet(w, r);
    w.resize(1366, 768);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openFile(example("cross-account-different-keys.s3rd.json")));
    const auto statusTexts = [&w] {
        QStringList texts;
        for (const QLabel *label : w.statusBar()->findChildren<QLabel *>()) {
            if (label->isVisible())
                texts << label->text();
        }
        return texts;
    };
    QCoreApplication::processEvents(); // the turn after the design was opened
    QVERIFY2(statusTexts().contains(QStringLiteral("Checking…")), qPrintable(statusTexts().join('|')));

    const model::CheckReport &report = w.document().report();
    const QString warnings = QObject::tr("%n warning(s)", nullptr,
                                         report.count(model::Severity::Warning));
    const QString notes = QObject::tr("%n note(s)", nullptr, report.count(model::Severity::Info));
    QTRY_VERIFY2(statusTexts().contains(warnings), qPrintable(statusTexts().join('|')));
    QVERIFY(statusTexts().contains(notes));
    QVERIFY(!statusTexts().contains(QStringLiteral("Checking…")));
    QCOMPARE(r.count, 0);
}

void TestMainWindow::titleShowsFileAndModifiedMark()
{
    MainWindow w;
    Reported r;
    quiet(w, r);
    QVERIFY(w.windowTitle().startsWith("Untitled[*]"));
    QVERIFY(w.openFile(example("cross-account-sse-kms.s3rd.json")));
    QCOMPARE(w.windowTitle(),
             QStringLiteral("cross-account-sse-kms.s3rd.json[*] — S3 Replication Designer"));
    QVERIFY(!w.isWindowModified());
    model::Bucket b = w.document().design().buckets.front();
    b.note = "changed";
    w.undoStack().push(new document::UpdateElementCommand(w.document(), b));
    QVERIFY(w.isWindowModified());
    w.undoStack().undo();
    QVERIFY(!w.isWindowModified());
    w.undoStack().redo();
    QTemporaryDir dir;
    const QString saved = dir.filePath("saved.s3rd.json");
    QVERIFY(w.saveTo(saved));
    QVERIFY(!w.isWindowModified());
    QVERIFY(w.windowTitle().startsWith("saved.s3rd.json[*]"));
    // What was saved opens again as the same design.
    MainWindow again;
    quiet(again, r);
    QVERIFY(again.openFile(saved));
    QVERIFY(again.document().design() == w.document().design());
}

void TestMainWindow::askBeforeDiscarding()
{
    MainWindow w;
    Reported r;
    quiet(w, r);
    QVERIFY(w.openFile(example("cross-account-sse-kms.s3rd.json")));
    model::Bucket b = w.document().design().buckets.front();
    b.note = "unsaved";
    w.undoStack().push(new document::UpdateElementCommand(w.document(), b));
    int asked = 0;
    w.setDiscardPrompt([&](const QString &) {
        ++asked;
        return QMessageBox::Cancel;
    });
    w.newDesign();
    QCOMPARE(asked, 1);
    QCOMPARE(w.document().design().buckets.front().note, std::string("unsaved"));
    w.setDiscardPrompt([&](const QString &) {
        ++asked;
        return QMessageBox::Discard;
    });
    w.newDesign();
    QCOMPARE(asked, 2);
    QVERIFY(w.document().design().buckets.empty());
    QVERIFY(!w.isWindowModified());
}

void TestMainWindow::autosaveWritesAndSaveRemovesRecovery()
{
    MainWindow w;
    Reported r;
    quiet(w, r);
    QVERIFY(w.openFile(example("cross-account-sse-kms.s3rd.json")));
    const QString recovery = w.session().recoveryFilePath();
    QFile::remove(recovery);
    w.session().autosave();
    QVERIFY(!QFile::exists(recovery)); // nothing unsaved, nothing to recover
    model::Bucket b = w.document().design().buckets.front();
    b.note = "recover me";
    w.undoStack().push(new document::UpdateElementCommand(w.document(), b));
    w.session().autosave();
    QVERIFY(QFile::exists(recovery));
    MainWindow other;
    quiet(other, r);
    QVERIFY(other.openFile(recovery));
    QCOMPARE(other.document().design().buckets.front().note, std::string("recover me"));
    QTemporaryDir dir;
    QVERIFY(w.saveTo(dir.filePath("x.s3rd.json")));
    QVERIFY(!QFile::exists(recovery));
}

namespace {

// A recovery copy as a designer that crashed leaves it: no lock held.
QString plantOrphan(const QString &id, const QByteArray &content, const QString &origin,
                    const QDateTime &taken)
{
    QDir().mkpath(DesignSession::recoveryFolder());
    const QString path = QDir(DesignSession::recoveryFolder()).filePath(id + ".s3rd.json");
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(content);
    f.close();
    QFile o(QDir(DesignSession::recoveryFolder()).filePath(id + ".origin"));
    o.open(QIODevice::WriteOnly);
    o.write(origin.toUtf8());
    o.close();
    QFile touched(path);
    touched.open(QIODevice::ReadWrite);
    touched.setFileTime(taken, QFileDevice::FileModificationTime);
    return path;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

void clearRecoveryFolder()
{
    QDir(DesignSession::recoveryFolder()).removeRecursively();
}

} // namespace

void TestMainWindow::recoveryOfferedWithTheTimeItWasTaken()
{
    clearRecoveryFolder();
    QTemporaryDir dir;
    const QString userFile = dir.filePath("mine.s3rd.json");
    QVERIFY(QFile::copy(example("sse-s3-starter.s3rd.json"), userFile));
    const QDateTime taken(QDate(2026, 3, 14), QTime(9, 26, 53));
    plantOrphan("crashed", readAll(example("cross-account-sse-kms.s3rd.json")), userFile, taken);

    MainWindow w;
    Reported r;
    quiet(w, r);
    QString asked;
    w.setConfirmPrompt([&](const QString &, const QString &question) {
        asked = question;
        return true;
    });
    w.offerRecovery();
    QVERIFY2(asked.contains(QLocale().toString(taken, QLocale::LongFormat)), qPrintable(asked));
    QVERIFY(asked.contains("mine.s3rd.json"));
    QCOMPARE(r.count, 0);
    // The recovered design is open, belongs to the user's file and is unsaved; the file itself
    // is untouched until the user saves.
    QCOMPARE(w.currentFile(), QFileInfo(userFile).absoluteFilePath());
    QVERIFY(w.isWindowModified());
    QCOMPARE(readAll(userFile), readAll(example("sse-s3-starter.s3rd.json")));
    QVERIFY(DesignSession::orphanedRecoveryFiles().isEmpty());
}

void TestMainWindow::corruptAutosaveIsSetAside()
{
    clearRecoveryFolder();
    QTemporaryDir dir;
    const QString userFile = dir.filePath("mine.s3rd.json");
    QVERIFY(QFile::copy(example("sse-s3-starter.s3rd.json"), userFile));
    const QString broken = plantOrphan("broken", QByteArray("{\"format\": \"s3-replication-des"),
                                       userFile, QDateTime::currentDateTime());

    MainWindow w;
    Reported r;
    quiet(w, r);
    w.setConfirmPrompt([](const QString &, const QString &) { return true; });
    const model::Design before = w.document().design();
    w.offerRecovery();
    QCOMPARE(r.count, 1);
    QVERIFY2(r.text.contains("cannot be read"), qPrintable(r.text));
    QVERIFY2(r.text.contains("set aside"), qPrintable(r.text));
    QVERIFY(w.document().design() == before);
    QVERIFY(!QFile::exists(broken));
    const QStringList aside = QDir(DesignSession::recoveryFolder())
                                  .entryList({"broken.s3rd.json.unreadable-*"}, QDir::Files);
    QCOMPARE(aside.size(), 1);
    QCOMPARE(readAll(userFile), readAll(example("sse-s3-starter.s3rd.json")));
    // The next start has nothing left to offer.
    QVERIFY(DesignSession::orphanedRecoveryFiles().isEmpty());
}

void TestMainWindow::liveWindowsAutosaveIsNotOffered()
{
    clearRecoveryFolder();
    MainWindow running;
    Reported r;
    quiet(running, r);
    QVERIFY(running.openFile(example("cross-account-sse-kms.s3rd.json")));
    model::Bucket b = running.document().design().buckets.front();
    b.note = "still being edited";
    running.undoStack().push(new document::UpdateElementCommand(running.document(), b));
    running.session().autosave();
    QVERIFY(QFile::exists(running.session().recoveryFilePath()));

    MainWindow second;
    quiet(second, r);
    bool asked = false;
    second.setConfirmPrompt([&](const QString &, const QString &) { return asked = true; });
    second.offerRecovery();
    QVERIFY(!asked); // the first window is alive: its autosave is not a crash's
    QVERIFY(QFile::exists(running.session().recoveryFilePath()));
    // Two windows autosave into files of their own.
    QVERIFY(second.session().recoveryFilePath() != running.session().recoveryFilePath());
}

void TestMainWindow::twoWindowsOnOneFileWarnBeforeOverwriting()
{
    QTemporaryDir dir;
    const QString file = dir.filePath("shared.s3rd.json");
    QVERIFY(QFile::copy(example("cross-account-sse-kms.s3rd.json"), file));
    QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
    MainWindow first, second;
    Reported r;
    quiet(first, r);
    quiet(second, r);
    QVERIFY(first.openFile(file));
    QVERIFY(second.openFile(file));
    const auto edit = [](MainWindow &w, const char *note) {
        model::Bucket b = w.document().design().buckets.front();
        b.note = note;
        w.undoStack().push(new document::UpdateElementCommand(w.document(), b));
    };
    int firstAsked = 0, secondAsked = 0;
    bool secondOverwrites = false;
    first.setConfirmPrompt([&](const QString &, const QString &) { return ++firstAsked, true; });
    second.setConfirmPrompt([&](const QString &, const QString &q) {
        ++secondAsked;
        return q.contains("changed on disk") && secondOverwrites;
    });

    edit(first, "from the first window");
    QVERIFY(first.save());
    QCOMPARE(firstAsked, 0); // nobody else wrote the file

    edit(second, "from the second window");
    QVERIFY(!second.save()); // asked, and declined: the first window's save stays
    QCOMPARE(secondAsked, 1);
    QVERIFY(readAll(file).contains("from the first window"));
    QVERIFY(second.isWindowModified());

    secondOverwrites = true;
    QVERIFY(second.save());
    QVERIFY(readAll(file).contains("from the second window"));
    QVERIFY(second.save()); // its own save is not a change by someone else
    QCOMPARE(secondAsked, 2);

    edit(first, "again from the first");
    QVERIFY(first.save());
    QCOMPARE(firstAsked, 1);
}

void TestMainWindow::deleteKeyRemovesBucketWithItsRules()
{
    MainWindow w;
    Reported r;
    quiet(w, r);
    QVERIFY(w.openFile(example("cross-account-sse-kms.s3rd.json")));
    w.show();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    const model::Design before = w.document().design();
    QVERIFY(!before.rules.empty());
    const QString source = QString::fromStdString(before.rules.front().source);
    w.selection().setSelected({source});
    w.view()->setFocus();
    QTest::keyClick(w.view(), Qt::Key_Delete);
    const model::Design &after = w.document().design();
    QCOMPARE(after.buckets.size(), before.buckets.size() - 1);
    for (const auto &rule : after.rules)
        QVERIFY(rule.source != source.toStdString() && rule.destination != source.toStdString());
    QCOMPARE(w.undoStack().count(), 1);
    w.undoStack().undo();
    QVERIFY(w.document().design() == before);
}

void TestMainWindow::recentFilesMenuOpensWhatWasOpened()
{
    MainWindow w;
    Reported r;
    quiet(w, r);
    QVERIFY(w.openFile(example("sse-s3-starter.s3rd.json")));
    QVERIFY(w.openFile(example("cross-account-sse-kms.s3rd.json")));
    QMenu *recent = nullptr;
    for (QMenu *menu : w.findChildren<QMenu *>())
        if (menu->title() == "Open &Recent")
            recent = menu;
    QVERIFY(recent);
    emit recent->aboutToShow(); // what opening the menu does
    const QList<QAction *> actions = recent->actions();
    QVERIFY(actions.size() >= 2);
    QCOMPARE(actions[0]->text(), QStringLiteral("cross-account-sse-kms.s3rd.json"));
    QCOMPARE(actions[1]->text(), QStringLiteral("sse-s3-starter.s3rd.json"));
    actions[1]->trigger();
    QVERIFY(w.currentFile().endsWith("sse-s3-starter.s3rd.json"));
    QVERIFY(!w.isWindowModified());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
