// File › Compare With: against a file that lacks one rule (so the role's grant is new), the
// list puts the granted access first, the changed elements are lit on the canvas and a click
// selects one; against the last saved version after an edit, following undo; a broken file is
// reported with its location and changes nothing.

#include "commands.h"
#include "comparepanel.h"
#include "designsession.h"
#include "document.h"
#include "mainwindow.h"
#include "selection.h"
#include "testpaths.h"

#include "core/designfile.h"
#include "files.h"

#include <QAction>
#include <QDockWidget>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

using s3rd::designer::MainWindow;
using s3rd::views::ComparePanel;
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

// The row under `section` whose text contains `text`.
QTreeWidgetItem *rowWith(const ComparePanel &panel, ComparePanel::Section section,
                         const QString &text)
{
    QTreeWidgetItem *top = panel.sectionItem(section);
    for (int i = 0; top && i < top->childCount(); ++i)
        if (top->child(i)->text(0).contains(text))
            return top->child(i);
    return nullptr;
}

void click(QTreeWidget *list, QTreeWidgetItem *item)
{
    list->scrollToItem(item);
    // Rows may be wider than the list: click near the start of the text.
    const QRect rect = list->visualItemRect(item);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      QPoint(std::max(rect.left(), 0) + 8, rect.center().y()));
}

} // namespace

class TestCompareWith : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void grantedAccessFirstAndElementsLit();
    void lastSavedVersionAfterAnEdit();
    void brokenFileChangesNothing();
};

void TestCompareWith::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("s3rd-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_comparewith"));
}

void TestCompareWith::grantedAccessFirstAndElementsLit()
{
    MainWindow w;
    Reported reported;
    quiet(w, reported);
    QVERIFY(w.openFile(test::examplePath("sse-s3-starter.s3rd.json")));
    const model::Design now = w.document().design();
    QVERIFY(!now.rules.empty());
    const model::ReplicationRule rule = now.rules.front();

    // The other version: the same design without the rule (so its role grants nothing).
    model::Design before = now;
    before.rules.erase(before.rules.begin());
    QTemporaryDir dir;
    const QString other = dir.filePath("before.s3rd.json");
    QCOMPARE(QString::fromStdString(model::saveDesignFile(before, other.toStdString())), QString());

    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.compareWith(other));
    QCOMPARE(reported.count, 0);
    ComparePanel *panel = w.comparePanel();
    QVERIFY(panel && panel->isVisible());
    QCOMPARE(panel->otherLabel(), QStringLiteral("before.s3rd.json"));

    // New access and new findings first, then what went away, then the details.
    QTreeWidget *list = panel->list();
    QVERIFY(list->topLevelItem(0)->text(0).startsWith("Access newly granted"));
    QVERIFY(list->topLevelItem(1)->text(0).startsWith("Findings introduced"));
    QVERIFY(list->topLevelItem(2)->text(0).startsWith("Access removed"));
    QVERIFY(list->topLevelItem(3)->text(0).startsWith("Findings resolved"));
    QVERIFY(list->topLevelItem(4)->text(0).startsWith("Elements"));
    QVERIFY(list->topLevelItem(5)->text(0).startsWith("Documents"));
    QVERIFY(!panel->review().access.granted.empty());
    QVERIFY(rowWith(*panel, ComparePanel::Granted, "s3:ReplicateObject"));
    QVERIFY(panel->sectionItem(ComparePanel::Granted)->isExpanded());
    QCOMPARE(panel->sectionItem(ComparePanel::Removed)->childCount(), 0);

    // The added rule is lit on the canvas while the panel shows.
    const QString ruleId = QString::fromStdString(rule.id);
    QVERIFY(panel->changedIds().contains(ruleId));
    QVERIFY(w.selection().highlights().contains(ruleId));

    // A click on the rule's row selects it.
    QTreeWidgetItem *ruleRow = rowWith(*panel, ComparePanel::Elements, "added");
    QVERIFY(ruleRow);
    click(list, ruleRow);
    QCOMPARE(w.selection().ids(), QStringList{ruleId});

    // A document's row shows its unified diff.
    QTreeWidgetItem *docs = panel->sectionItem(ComparePanel::Documents);
    QVERIFY(docs->childCount() > 0);
    docs->setExpanded(true);
    click(list, docs->child(0));
    QVERIFY(panel->diffView()->toPlainText().contains("@@"));
    QVERIFY(!panel->diffView()->extraSelections().isEmpty());

    // Closing the panel takes the highlights away.
    auto *dock = w.findChild<QDockWidget *>("compareDock");
    QVERIFY(dock);
    dock->close();
    QVERIFY(!w.selection().highlights().contains(ruleId));
    w.session().undoStack().setClean();
}

void TestCompareWith::lastSavedVersionAfterAnEdit()
{
    MainWindow w;
    Reported reported;
    quiet(w, reported);
    auto *saved = w.findChild<QAction *>("compareSavedAction");
    QVERIFY(saved);
    QVERIFY(!saved->isEnabled()); // an untitled design has no saved version

    QVERIFY(w.openFile(test::examplePath("sse-s3-starter.s3rd.json")));
    QTemporaryDir dir;
    const QString path = dir.filePath("design.s3rd.json");
    QVERIFY(w.saveTo(path));
    QVERIFY(saved->isEnabled());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));

    const QString ruleId = QString::fromStdString(w.document().design().rules.front().id);
    w.undoStack().push(new document::RemoveElementsCommand(w.document(), {ruleId}));
    saved->trigger();
    ComparePanel *panel = w.comparePanel();
    QVERIFY(panel);
    QVERIFY(panel->otherLabel().contains("last saved version"));
    QVERIFY(rowWith(*panel, ComparePanel::Elements, "removed"));
    QVERIFY(!panel->review().access.removed.empty());
    QVERIFY(panel->sectionItem(ComparePanel::Removed)->childCount() > 0);

    // The comparison follows the design: undo, and nothing differs from the saved file.
    w.undoStack().undo();
    QTRY_VERIFY(panel->review().empty());
    QCOMPARE(panel->sectionItem(ComparePanel::Elements)->childCount(), 0);
    QCOMPARE(reported.count, 0);
}

void TestCompareWith::brokenFileChangesNothing()
{
    MainWindow w;
    Reported reported;
    quiet(w, reported);
    QVERIFY(w.openFile(test::examplePath("sse-s3-starter.s3rd.json")));
    const model::Design design = w.document().design();
    QTemporaryDir dir;
    const QString broken = dir.filePath("broken.s3rd.json");
    QVERIFY(test::writeFile(broken, "{\n  \"format\": \"s3-replication-designer\",\n  oops\n}\n"));

    // No comparison yet: nothing is made.
    QVERIFY(!w.compareWith(broken));
    QCOMPARE(reported.count, 1);
    QVERIFY2(reported.text.contains(broken + ":line 3"), qPrintable(reported.text));
    QVERIFY(!w.comparePanel());

    // With a comparison shown: it stays as it was.
    const QString good = dir.filePath("good.s3rd.json");
    QCOMPARE(QString::fromStdString(model::saveDesignFile(design, good.toStdString())), QString());
    QVERIFY(w.compareWith(good));
    QVERIFY(!w.compareWith(broken));
    QCOMPARE(reported.count, 2);
    QCOMPARE(w.comparePanel()->otherLabel(), QStringLiteral("good.s3rd.json"));
    QVERIFY(w.comparePanel()->review().empty());
    QVERIFY(w.document().design() == design);
}

QTEST_MAIN(TestCompareWith)
#include "tst_comparewith.moc"
