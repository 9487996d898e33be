// Presenter mode as a trainer uses it: View › Present (F5) shows the design full screen, one
// build step at a time, driven by the arrow keys and a clicker's Page Up and Page Down; the
// arrow's statements per account; Esc back to the designer as it was; a trainer's override of
// the order read from the file; an edit made live drawn as a failing check on the arrow; the
// speaker notes; the "Presentation step" field of the properties panel.

#include "canvasitems.h"
#include "canvasscene.h"
#include "commands.h"
#include "core/designfile.h"
#include "document.h"
#include "mainwindow.h"
#include "presenter.h"
#include "presenternotes.h"
#include "presenterwindow.h"
#include "selection.h"
#include "testpaths.h"

#include <QAction>
#include <QDockWidget>
#include <QGraphicsView>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using s3rd::designer::MainWindow;
using namespace s3rd;

namespace {

const char *const kExample = "cross-account-sse-kms.s3rd.json";

views::Presenter *presenterOf(MainWindow &w)
{
    return w.findChild<views::Presenter *>(QStringLiteral("presenter"));
}

bool shown(views::PresenterWindow &p, const char *id)
{
    const QString key = QString::fromLatin1(id);
    if (views::NodeItem *n = p.scene().nodeItem(key))
        return n->isVisible();
    if (views::RuleItem *r = p.scene().ruleItem(key))
        return r->isVisible();
    return false;
}

QStringList visibleDocks(MainWindow &w)
{
    QStringList out;
    for (QDockWidget *d : w.findChildren<QDockWidget *>())
        if (d->isVisible())
            out << d->objectName();
    out.sort();
    return out;
}

// Starts presenting with F5 in a shown window; nullptr when it did not start.
views::PresenterWindow *pressF5(MainWindow &w)
{
    w.activateWindow();
    if (!QTest::qWaitForWindowActive(&w))
        return nullptr;
    QTest::keyClick(&w, Qt::Key_F5);
    views::Presenter *p = presenterOf(w);
    return p ? p->window() : nullptr;
}

} // namespace

class TestPresenter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void f5StepsThroughTheDesign();
    void escapeRestoresTheDesigner();
    void overrideFromFileChangesTheOrder();
    void liveEditShowsFailingCheckOnArrow();
    void speakerNotes();
    void presentationStepField();
};

void TestPresenter::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("s3rd-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_presenter"));
    QSettings().clear();
}

void TestPresenter::f5StepsThroughTheDesign()
{
    MainWindow w;
    w.resize(1366, 740);
    QVERIFY(w.openFile(test::examplePath(kExample)));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(presenterOf(w)->presentAction()->shortcut(), QKeySequence(Qt::Key_F5));

    views::PresenterWindow *p = pressF5(w);
    QVERIFY(p);
    QVERIFY(p->isVisible());
    QVERIFY(p->isFullScreen());
    QCOMPARE(p->stepCount(), 9);
    QCOMPARE(p->currentStep(), 0);
    QCOMPARE(p->caption(), QStringLiteral("Step 1 of 9: account payments-prod (482913570246)"));
    QCOMPARE(p->findChild<QLabel *>(QStringLiteral("presenterCaption"))->text(), p->caption());
    QVERIFY(shown(*p, "acct-prod"));
    QVERIFY(!shown(*p, "acct-backup"));
    QVERIFY(!shown(*p, "b-src"));
    QVERIFY(!shown(*p, "rule-1"));
    // Larger than the designer's actual size.
    QTRY_VERIFY2(p->view().transform().m11() > 1.0, qPrintable(QStringLiteral("%1 %2x%3").arg(p->view().transform().m11()).arg(p->view().viewport()->width()).arg(p->view().viewport()->height())));

    // Forward: the arrow keys, Page Down (a clicker), Space; in build order.
    QTest::keyClick(p, Qt::Key_Right);
    QVERIFY(shown(*p, "acct-backup"));
    QTest::keyClick(p, Qt::Key_PageDown);
    QVERIFY(shown(*p, "b-src"));
    QVERIFY(!shown(*p, "k-src"));
    QTest::keyClick(p, Qt::Key_Space);
    QVERIFY(shown(*p, "k-src"));
    QTest::keyClick(p, Qt::Key_Down);
    QVERIFY(shown(*p, "r-repl"));
    QVERIFY(!shown(*p, "b-dst"));
    QCOMPARE(p->caption(), QStringLiteral("Step 5 of 9: role s3-replication-payments"));
    // Back: Left, Page Up (a clicker), Up.
    QTest::keyClick(p, Qt::Key_Left);
    QVERIFY(!shown(*p, "r-repl"));
    QTest::keyClick(p, Qt::Key_PageUp);
    QVERIFY(!shown(*p, "k-src"));
    QCOMPARE(p->currentStep(), 2);
    QTest::keyClick(p, Qt::Key_Up);
    QVERIFY(!shown(*p, "b-src"));

    // End: the last step, the statements of the arrow, next to it.
    QTest::keyClick(p, Qt::Key_End);
    QCOMPARE(p->currentStep(), 8);
    QVERIFY(shown(*p, "rule-1"));
    QVERIFY(shown(*p, "b-dst"));
    auto *statements = p->findChild<QLabel *>(QStringLiteral("presenterStatements"));
    QVERIFY(statements->isVisible());
    const QString text = p->statementsText();
    QVERIFY2(text.contains(QStringLiteral("Account payments-prod")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Account payments-backup")));
    QVERIFY(text.contains(QStringLiteral("replication configuration")));
    QVERIFY(text.contains(QStringLiteral("bucket policy")));
    QVERIFY(text.contains(QStringLiteral("KMS key policy")));
    // The overlay is on screen, clear of the caption, and the arrow is emphasised.
    const QRect viewport = p->view().viewport()->rect();
    QVERIFY(viewport.contains(statements->geometry()));
    QVERIFY(!statements->geometry().intersects(
        p->findChild<QLabel *>(QStringLiteral("presenterCaption"))->geometry()));
    bool has = false;
    p->scene().highlightColour(QStringLiteral("rule-1"), &has);
    QVERIFY(has);
    // Past the end stays at the end; Home goes back to the first step.
    QTest::keyClick(p, Qt::Key_PageDown);
    QCOMPARE(p->currentStep(), 8);
    QTest::keyClick(p, Qt::Key_Home);
    QCOMPARE(p->currentStep(), 0);
    QVERIFY(!statements->isVisible());
    QVERIFY(!shown(*p, "rule-1"));

    // The designer's own canvas is not touched by presenting.
    QVERIFY(w.scene()->ruleItem(QStringLiteral("rule-1"))->isVisible());
}

void TestPresenter::escapeRestoresTheDesigner()
{
    MainWindow w;
    w.resize(1366, 740);
    QVERIFY(w.openFile(test::examplePath(kExample)));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTest::qWait(50);
    const QStringList docks = visibleDocks(w);
    QVERIFY(!docks.isEmpty());
    const QRect geometry = w.geometry();

    views::PresenterWindow *p = pressF5(w);
    QVERIFY(p);
    QTest::keyClick(p, Qt::Key_Right);
    QTest::keyClick(p, Qt::Key_Right);
    QTest::keyClick(p, Qt::Key_Escape);
    views::Presenter *presenter = presenterOf(w);
    QVERIFY(!presenter->isPresenting());
    QTRY_VERIFY(w.isActiveWindow());
    QCOMPARE(visibleDocks(w), docks);
    QCOMPARE(w.geometry(), geometry);
    QVERIFY(!w.isFullScreen());
    QVERIFY(w.menuBar()->isVisible());

    // Shift+F5 resumes at the step where it stopped; F5 starts again from the first.
    QTest::keyClick(&w, Qt::Key_F5, Qt::ShiftModifier);
    QVERIFY(presenter->isPresenting());
    QCOMPARE(presenter->window()->currentStep(), 2);
    QTest::keyClick(presenter->window(), Qt::Key_Escape);
    QTRY_VERIFY(w.isActiveWindow());
    QTest::keyClick(&w, Qt::Key_F5);
    QCOMPARE(presenter->window()->currentStep(), 0);
    presenter->stop();
}

void TestPresenter::overrideFromFileChangesTheOrder()
{
    // The trainer wants the destination bucket first.
    const model::LoadResult loaded = model::loadDesignFile(
        test::examplePath(kExample).toStdString());
    QVERIFY(loaded.ok());
    model::Design d = loaded.design;
    for (model::Bucket &b : d.buckets)
        if (b.id == "b-dst")
            b.presentStep = 1;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("override.s3rd.json"));
    QVERIFY(model::saveDesignFile(d, path.toStdString()).empty());

    MainWindow w;
    w.resize(1366, 740);
    QVERIFY(w.openFile(path));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    views::PresenterWindow *p = pressF5(w);
    QVERIFY(p);
    QCOMPARE(p->caption(), QStringLiteral("Step 1 of 9: bucket acme-payments-backup-usw2"));
    QVERIFY(shown(*p, "b-dst"));
    QVERIFY(!shown(*p, "acct-prod"));
    QVERIFY(!shown(*p, "b-src"));
    // Its account, not revealed yet, is drawn faint around it.
    QVERIFY(shown(*p, "acct-backup"));
    QVERIFY(p->scene().nodeItem(QStringLiteral("acct-backup"))->opacity() < 0.5);
    QTest::keyClick(p, Qt::Key_Right);
    QVERIFY(shown(*p, "acct-prod"));
    QCOMPARE(p->caption(), QStringLiteral("Step 2 of 9: account payments-prod (482913570246)"));
    presenterOf(w)->stop();
}

void TestPresenter::liveEditShowsFailingCheckOnArrow()
{
    MainWindow w;
    w.resize(1366, 740);
    QVERIFY(w.openFile(test::examplePath(kExample)));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    views::PresenterWindow *p = pressF5(w);
    QVERIFY(p);
    QTest::keyClick(p, Qt::Key_End);
    QTest::keyClick(p, Qt::Key_Left); // the arrow, before its statements
    QVERIFY(shown(*p, "rule-1"));
    QVERIFY(p->failures(QStringLiteral("rule-1")).isEmpty());
    QVERIFY(!p->findChild<QLabel *>(QStringLiteral("presenterFailure:rule-1")));

    // Live, from the designer: the destination bucket loses versioning.
    const auto *dst = document::findElement<model::Bucket>(w.document().design(), "b-dst");
    QVERIFY(dst);
    model::Bucket broken = *dst;
    broken.versioning = model::Versioning::Unversioned;
    w.undoStack().push(new document::UpdateElementCommand(w.document(), broken));
    QTRY_VERIFY(!p->failures(QStringLiteral("rule-1")).isEmpty());
    QVERIFY(p->failures(QStringLiteral("rule-1")).join(u'\n').contains(
        QStringLiteral("DstBucketUnversioned")));
    auto *label = p->findChild<QLabel *>(QStringLiteral("presenterFailure:rule-1"));
    QVERIFY(label);
    QVERIFY(label->isVisible());
    QVERIFY(label->text().contains(QStringLiteral("DstBucketUnversioned")));
    QVERIFY(p->view().viewport()->rect().contains(label->geometry()));
    bool has = false;
    QCOMPARE(p->scene().highlightColour(QStringLiteral("rule-1"), &has), QColor(0xd6, 0x45, 0x41));
    QVERIFY(has);
    QCOMPARE(p->currentStep(), 7); // the step is kept

    // Before the arrow is revealed, its failure is not shown.
    QTest::keyClick(p, Qt::Key_Home);
    QVERIFY(p->failures(QStringLiteral("rule-1")).isEmpty());
    QTest::keyClick(p, Qt::Key_End);
    QVERIFY(!p->failures(QStringLiteral("rule-1")).isEmpty());

    // Undo from the presenter's window: fixed live.
    QTest::keyClick(p, Qt::Key_Z, Qt::ControlModifier);
    QTRY_VERIFY(p->failures(QStringLiteral("rule-1")).isEmpty());
    QTRY_VERIFY(!p->findChild<QLabel *>(QStringLiteral("presenterFailure:rule-1")));
    QCOMPARE(document::findElement<model::Bucket>(w.document().design(), "b-dst")->versioning,
             model::Versioning::Enabled);
    presenterOf(w)->stop();
}

void TestPresenter::speakerNotes()
{
    MainWindow w;
    w.resize(1366, 740);
    QVERIFY(w.openFile(test::examplePath(kExample)));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    views::PresenterWindow *p = pressF5(w);
    QVERIFY(p);
    views::PresenterNotes *notes = presenterOf(w)->notes();
    QVERIFY(notes);
    // One screen here: the notes window stays hidden; N shows the notes over the canvas.
    QCOMPARE(notes->isVisible(), QGuiApplication::screens().size() > 1);
    QVERIFY(notes->currentText().startsWith(QStringLiteral("Step 1 of 9")));
    QCOMPARE(notes->nextText(), QStringLiteral("Next: account payments-backup (731604298815)"));
    QVERIFY(notes->notesText().contains(QStringLiteral("Source account")));
    QVERIFY(!notes->elapsedText().isEmpty());

    auto *overlay = p->findChild<QLabel *>(QStringLiteral("presenterNotes"));
    QVERIFY(!overlay->isVisible());
    QTest::keyClick(p, Qt::Key_N);
    QVERIFY(overlay->isVisible());
    QVERIFY(overlay->text().contains(QStringLiteral("Source account")));
    QTest::keyClick(p, Qt::Key_Right);
    QVERIFY(overlay->text().contains(QStringLiteral("Destination account")));
    QVERIFY(notes->notesText().contains(QStringLiteral("Destination account")));
    QVERIFY(!notes->notesText().contains(QStringLiteral("Source account")));
    // The notes window drives the presentation as well.
    QTest::keyClick(notes, Qt::Key_PageDown);
    QCOMPARE(p->currentStep(), 2);
    QTest::keyClick(p, Qt::Key_N);
    QVERIFY(!overlay->isVisible());
    presenterOf(w)->stop();
}

void TestPresenter::presentationStepField()
{
    MainWindow w;
    w.resize(1366, 740);
    QVERIFY(w.openFile(test::examplePath(kExample)));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.selection().setSelected({QStringLiteral("b-src")});
    auto *dock = w.findChild<QDockWidget *>(QStringLiteral("propertiesDock"));
    QVERIFY(dock);
    QSpinBox *step = nullptr;
    QTRY_VERIFY((step = dock->findChild<QSpinBox *>(QStringLiteral("presentStep"))));
    QCOMPARE(step->value(), 0);
    QCOMPARE(step->text(), QStringLiteral("Automatic"));
    step->setValue(1);
    const auto bucket = [&w] {
        return document::findElement<model::Bucket>(w.document().design(), "b-src");
    };
    QCOMPARE(bucket()->presentStep, std::optional<int>(1));
    w.undoStack().undo();
    QVERIFY(!bucket()->presentStep);
    QTRY_COMPARE(step->value(), 0);
    w.undoStack().redo();
    // Presenting now starts with that bucket.
    views::PresenterWindow *p = pressF5(w);
    QVERIFY(p);
    QCOMPARE(p->caption(), QStringLiteral("Step 1 of 9: bucket acme-payments-records-use1"));
    presenterOf(w)->stop();
}

QTEST_MAIN(TestPresenter)
#include "tst_presenter.moc"
