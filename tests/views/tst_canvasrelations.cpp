// Relationships on the canvas: selecting an arrow, a key or a role emphasises what works with
// it, by mouse and by keyboard (Tab), and each SSE-KMS bucket names its key on its badge.

#include "canvasitems.h"
#include "canvasrelations.h"
#include "canvasscene.h"
#include "canvasview.h"
#include "commands.h"
#include "designbuilder.h"
#include "selection.h"

#include <QMouseEvent>
#include <QTest>
#include <QUndoStack>

using namespace s3rd;
using namespace s3rd::model;
using views::CanvasScene;

namespace {

// Two accounts; b1 (key k1) replicates to b2 (key k2) with role r1 and SSE-KMS objects; b3
// (SSE-S3) replicates to b2 with role r2. k3 encrypts nothing.
Design design()
{
    test::DesignBuilder b("relations");
    b.account("a1", "111122223333", "source").geometry = {0, 0, 700, 420};
    b.account("a2", "444455556666", "destination").geometry = {900, 0, 400, 420};
    b.key("k1", "a1", "us-east-1", "alias/payments-source", "11111111-2222-3333-4444-555555555555")
        .geometry = {20, 300, 0, 0};
    b.key("k3", "a1", "us-east-1", "alias/spare", "11111111-2222-3333-4444-666666666666")
        .geometry = {220, 300, 0, 0};
    b.key("k2", "a2", "eu-west-1", "alias/payments-replica", "11111111-2222-3333-4444-777777777777")
        .geometry = {20, 300, 0, 0};
    b.kmsBucket("b1", "source-bucket", "a1", "us-east-1", "k1").geometry = {20, 80, 0, 0};
    b.bucket("b3", "other-source", "a1", "us-east-1").geometry = {20, 190, 0, 0};
    b.kmsBucket("b2", "destination-bucket", "a2", "eu-west-1", "k2").geometry = {20, 80, 0, 0};
    b.role("r1", "a1", "replication-one").geometry = {420, 80, 0, 0};
    b.role("r2", "a1", "replication-two").geometry = {420, 190, 0, 0};
    b.kmsRule("rule1", "b1", "b2", "r1", "k2");
    b.rule("rule2", "b3", "b2", "r2");
    return b.design();
}

struct Fixture
{
    Fixture()
        : doc(design())
        , scene(doc, undo, selection)
    {
    }
    document::Document doc;
    QUndoStack undo;
    views::Selection selection;
    CanvasScene scene;
};

QStringList related(const CanvasScene &scene)
{
    QStringList out;
    for (const char *id : {"a1", "a2", "b1", "b2", "b3", "k1", "k2", "k3", "r1", "r2", "rule1",
                           "rule2"})
        if (scene.isRelated(id))
            out << id;
    return out;
}

} // namespace

class TestCanvasRelations : public QObject
{
    Q_OBJECT

private slots:
    void selectionShowsWhatWorksWithIt_data();
    void selectionShowsWhatWorksWithIt();
    void followsEdits();
    void clickingAnArrowShowsItsRoleAndKeys();
    void tabSelectsElementsInTurn();
    void badgeNamesTheKey();
};

void TestCanvasRelations::selectionShowsWhatWorksWithIt_data()
{
    QTest::addColumn<QStringList>("selected");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("nothing") << QStringList{} << QStringList{};
    // Its role, the source bucket's key it reads with, the replica key it writes with.
    QTest::newRow("arrow with KMS") << QStringList{"rule1"} << QStringList{"k1", "k2", "r1"};
    // Not replicating SSE-KMS objects from an SSE-S3 bucket: only its role.
    QTest::newRow("arrow without KMS") << QStringList{"rule2"} << QStringList{"r2"};
    QTest::newRow("source key") << QStringList{"k1"} << QStringList{"b1", "rule1"};
    QTest::newRow("replica key") << QStringList{"k2"} << QStringList{"b2", "rule1"};
    QTest::newRow("unused key") << QStringList{"k3"} << QStringList{};
    QTest::newRow("role") << QStringList{"r2"} << QStringList{"rule2"};
    QTest::newRow("bucket") << QStringList{"b1"} << QStringList{"k1"};
    // The selected elements themselves are not emphasised twice.
    QTest::newRow("role and its arrow") << QStringList{"r1", "rule1"} << QStringList{"k1", "k2"};
}

void TestCanvasRelations::selectionShowsWhatWorksWithIt()
{
    QFETCH(QStringList, selected);
    QFETCH(QStringList, expected);
    Fixture f;
    f.selection.setSelected(selected);
    QCOMPARE(related(f.scene), expected);
    f.selection.clear();
    QCOMPARE(related(f.scene), QStringList{});
}

void TestCanvasRelations::followsEdits()
{
    Fixture f;
    f.selection.setSelected({"k3"});
    QCOMPARE(related(f.scene), QStringList{});
    // b1 now encrypts with k3: selecting k3 shows it, and the arrow reading b1's objects.
    Bucket b1 = f.doc.design().buckets[0];
    b1.defaultKey = "k3";
    f.undo.push(new document::UpdateElementCommand(f.doc, b1));
    QCOMPARE(related(f.scene), (QStringList{"b1", "rule1"}));
    f.undo.undo();
    QCOMPARE(related(f.scene), QStringList{});
}

void TestCanvasRelations::clickingAnArrowShowsItsRoleAndKeys()
{
    Fixture f;
    views::CanvasView view(&f.scene);
    view.resize(1400, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.fitToContents();
    const views::RuleItem *arrow = f.scene.ruleItem("rule1");
    const QPointF onArrow = arrow->path().pointAtPercent(0.5);
    QVERIFY(f.scene.itemAt(onArrow, view.transform()) == arrow); // nothing on top of it
    QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::NoModifier, view.mapFromScene(onArrow));
    QCOMPARE(f.selection.ids(), QStringList{"rule1"});
    QCOMPARE(related(f.scene), (QStringList{"k1", "k2", "r1"}));
}

void TestCanvasRelations::tabSelectsElementsInTurn()
{
    Fixture f;
    views::CanvasView view(&f.scene);
    view.resize(800, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setFocus();
    // Buckets, arrows, keys, roles, accounts; each in design order.
    const QStringList order{"b1", "b3", "b2", "rule1", "rule2", "k1", "k3", "k2", "r1", "r2",
                            "a1", "a2"};
    for (const QString &id : order) {
        QTest::keyClick(&view, Qt::Key_Tab);
        QCOMPARE(f.selection.ids(), QStringList{id});
        QVERIFY(view.hasFocus()); // Tab stays in the canvas
    }
    QTest::keyClick(&view, Qt::Key_Tab); // round again
    QCOMPARE(f.selection.ids(), QStringList{"b1"});
    QTest::keyClick(&view, Qt::Key_Backtab);
    QCOMPARE(f.selection.ids(), QStringList{"a2"});
    // Tab to an arrow: its role and keys light up, as with the mouse.
    f.selection.setSelected({"rule2"});
    QTest::keyClick(&view, Qt::Key_Backtab);
    QCOMPARE(f.selection.ids(), QStringList{"rule1"});
    QCOMPARE(related(f.scene), (QStringList{"k1", "k2", "r1"}));
    // The selected element is scrolled into view.
    const QRectF visible = view.mapToScene(view.viewport()->rect()).boundingRect();
    QVERIFY(visible.contains(f.scene.ruleItem("rule1")->path().pointAtPercent(0.5)));
}

void TestCanvasRelations::badgeNamesTheKey()
{
    const diagram::Style style = diagram::Style::fromApplication();
    Fixture f;
    const Design &d = f.doc.design();
    const Bucket &b1 = d.buckets[0];
    const KmsKey &k1 = d.keys[0];
    const QRectF wide(0, 0, 320, 88);
    const auto encryption = [&](const Bucket &b, const QRectF &rect) {
        for (const diagram::Badge &badge : diagram::bucketBadges(style, b, &k1, rect))
            if (badge.text.startsWith("SSE-KMS"))
                return badge;
        return diagram::Badge{};
    };
    QCOMPARE(encryption(b1, wide).text, QString("SSE-KMS · payments-source"));
    QCOMPARE(diagram::bucketSubtitle(style, b1, &k1, wide), QString("us-east-1"));
    // Less room: the key's name is elided, and the badge stays inside the bucket.
    const QRectF middle(0, 0, 260, 88);
    const diagram::Badge elided = encryption(b1, middle);
    QVERIFY(elided.text.startsWith("SSE-KMS · pay"));
    QVERIFY(elided.text.endsWith(QChar(0x2026)));
    QVERIFY(elided.rect.right() <= middle.right() - 4);
    // No room on the badge (the default width): the key is named under the bucket's name.
    const QRectF narrow(0, 0, 200, 88);
    if (encryption(b1, narrow).text == "SSE-KMS")
        QCOMPARE(diagram::bucketSubtitle(style, b1, &k1, narrow),
                 QString("us-east-1 · key payments-source"));
    else
        QCOMPARE(diagram::bucketSubtitle(style, b1, &k1, narrow), QString("us-east-1"));
    QVERIFY(encryption(b1, narrow).rect.right() <= narrow.right() - 4);
    // With Object Lock, the key's name leaves room for the Lock badge after it.
    Bucket locked = b1;
    locked.objectLock = true;
    const auto badges = diagram::bucketBadges(style, locked, &k1, wide);
    QCOMPARE(badges.last().text, QString("Lock"));
    QVERIFY(badges.last().rect.right() <= wide.right() - 4);
    QVERIFY(badges[1].text.startsWith("SSE-KMS · "));
}

QTEST_MAIN(TestCanvasRelations)
#include "tst_canvasrelations.moc"
