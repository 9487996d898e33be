// The canvas: model→scene sync without a view, and gestures on a shown view (draw an arrow,
// drag, drop into another account, delete), palette drops, selection sync.

#include "canvasitems.h"
#include "canvasscene.h"
#include "canvasview.h"
#include "commands.h"
#include "designbuilder.h"
#include "diagramexport.h"
#include "diagramlayout.h"
#include "largedesign.h"
#include "selection.h"

#include <QGraphicsSceneDragDropEvent>
#include <QHashSeed>
#include <QMimeData>
#include <QMouseEvent>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace s3rd;
using namespace s3rd::model;
using document::AddElementCommand;
using document::Document;
using document::MoveElementsCommand;
using document::RemoveElementsCommand;
using document::UpdateElementCommand;
using views::CanvasScene;
using s3rd::test::DesignBuilder;

namespace {

// Two accounts side by side with one SSE-KMS bucket and one key each; no role, no rule.
Design twoAccounts()
{
    DesignBuilder b("canvas test");
    b.account("a1", "111122223333", "source").geometry = {0, 0, 400, 320};
    b.account("a2", "444455556666", "destination").geometry = {700, 0, 400, 320};
    const std::string keyId = "11111111-2222-3333-4444-555555555555";
    b.key("k1", "a1", "us-east-1", "alias/src", keyId).geometry = {20, 200, 0, 0};
    b.key("k2", "a2", "eu-west-1", "alias/dst", keyId).geometry = {20, 200, 0, 0};
    b.kmsBucket("b1", "source-bucket", "a1", "us-east-1", "k1").geometry = {20, 80, 0, 0};
    b.kmsBucket("b2", "destination-bucket", "a2", "eu-west-1", "k2").geometry = {20, 80, 0, 0};
    return b.design();
}

Design withRule()
{
    Design d = twoAccounts();
    Role r;
    r.id = "role1";
    r.account = "a1";
    r.name = "replication";
    r.geometry = {220, 200, 0, 0};
    d.roles = {r};
    ReplicationRule rule;
    rule.id = "rule1";
    rule.ruleId = "to-destination";
    rule.source = "b1";
    rule.destination = "b2";
    rule.role = "role1";
    d.rules = {rule};
    return d;
}

// withRule() and the rule back from b2 to b1.
Design twoWay()
{
    Design d = withRule();
    ReplicationRule back = d.rules[0];
    back.id = "rule2";
    back.ruleId = "back";
    back.source = "b2";
    back.destination = "b1";
    d.rules.push_back(back);
    return d;
}

struct Fixture
{
    explicit Fixture(Design d)
        : doc(std::move(d))
        , scene(doc, undo, selection)
    {
    }
    Document doc;
    QUndoStack undo;
    views::Selection selection;
    CanvasScene scene;
};

void sendMouse(QWidget *viewport, QEvent::Type type, const QPoint &pos, Qt::MouseButtons buttons,
               Qt::MouseButton button = Qt::LeftButton)
{
    const QPointF global = viewport->mapToGlobal(QPointF(pos));
    QMouseEvent event(type, QPointF(pos), global, button, buttons, Qt::NoModifier);
    QApplication::sendEvent(viewport, &event);
}

// Press at from, move in steps to to, release: what a user's drag sends.
void drag(views::CanvasView &view, const QPointF &fromScene, const QPointF &toScene)
{
    QWidget *vp = view.viewport();
    const QPoint from = view.mapFromScene(fromScene);
    const QPoint to = view.mapFromScene(toScene);
    sendMouse(vp, QEvent::MouseButtonPress, from, Qt::LeftButton);
    for (int i = 1; i <= 8; ++i)
        sendMouse(vp, QEvent::MouseMove, from + (to - from) * i / 8, Qt::LeftButton,
                  Qt::NoButton);
    sendMouse(vp, QEvent::MouseButtonRelease, to, Qt::NoButton);
}

std::unique_ptr<views::CanvasView> showView(CanvasScene &scene)
{
    auto view = std::make_unique<views::CanvasView>(&scene);
    view->resize(1300, 600);
    view->setSceneRect(-50, -50, 1250, 500);
    view->show();
    if (!QTest::qWaitForWindowExposed(view.get()))
        return nullptr;
    view->centerOn(550, 160);
    return view;
}

} // namespace

class TestCanvas : public QObject
{
    Q_OBJECT

private slots:
    void buildsItemsFromTheModel();
    void followsAddRemoveMoveChange();
    void rebuildsOnReset();
    void movingABucketUpdatesOnlyItsArrows();
    void twoWayArrowsDoNotOverlap();
    void crowdedLabelsLandTheSameEachTime();
    void arrowsGoAroundOtherBoxes();
    void selectionSyncsBothWays();
    void drawingAnArrowCreatesRuleAndRole();
    void dragIsOneUndoStep();
    void dropIntoAnotherAccountChangesAccount();
    void deletingABucketTakesItsArrows();
    void paletteDrops_data();
    void paletteDrops();
    void exportsPngAndSvg();
    void canvasAndExportDrawTheSameDiagram();
};

void TestCanvas::buildsItemsFromTheModel()
{
    Fixture f(withRule());
    QCOMPARE(f.scene.nodeCount(), 2 + 2 + 2 + 1);
    QCOMPARE(f.scene.ruleCount(), 1);
    auto *b1 = f.scene.bucketItem("b1");
    QVERIFY(b1);
    QCOMPARE(b1->parentItem(), f.scene.accountItem("a1"));
    QCOMPARE(b1->scenePos(), QPointF(20, 80));
    QVERIFY(!f.scene.ruleItem("rule1")->path().isEmpty());
    QVERIFY(f.scene.ruleItem("rule1")->label().startsWith("CRR"));
}

void TestCanvas::followsAddRemoveMoveChange()
{
    Fixture f(withRule());
    // Add.
    Bucket b3;
    b3.id = "b3";
    b3.name = "third";
    b3.account = "a2";
    b3.region = "eu-west-1";
    b3.geometry = {20, 200, 0, 0};
    f.undo.push(new AddElementCommand(f.doc, b3));
    QVERIFY(f.scene.bucketItem("b3"));
    QCOMPARE(f.scene.bucketItem("b3")->scenePos(), QPointF(720, 200));
    // Move the account: its bucket moves along.
    Account a2 = f.doc.design().accounts[1];
    a2.geometry.x = 800;
    f.undo.push(new MoveElementsCommand(f.doc, {a2}, 1));
    QCOMPARE(f.scene.bucketItem("b3")->scenePos(), QPointF(820, 200));
    // Change: same region on both ends makes the arrow SRR.
    Bucket b2 = f.doc.design().buckets[1];
    b2.region = "us-east-1";
    f.undo.push(new UpdateElementCommand(f.doc, b2));
    QVERIFY(f.scene.ruleItem("rule1")->label().startsWith("SRR"));
    // Remove.
    f.undo.push(new RemoveElementsCommand(f.doc, {"b3"}));
    QVERIFY(!f.scene.bucketItem("b3"));
    // Undo all the way: the scene matches the model again.
    while (f.undo.canUndo())
        f.undo.undo();
    QVERIFY(!f.scene.bucketItem("b3"));
    QCOMPARE(f.scene.bucketItem("b2")->scenePos(), QPointF(720, 80));
    QVERIFY(f.scene.ruleItem("rule1")->label().startsWith("CRR"));
}

void TestCanvas::rebuildsOnReset()
{
    Fixture f(withRule());
    f.doc.resetDesign(twoAccounts());
    QCOMPARE(f.scene.ruleCount(), 0);
    QCOMPARE(f.scene.nodeCount(), 6);
    QVERIFY(!f.scene.nodeItem("role1"));
}

void TestCanvas::movingABucketUpdatesOnlyItsArrows()
{
    Design d = withRule();
    // A second, unrelated rule between two other buckets.
    Bucket b3 = d.buckets[0];
    b3.id = "b3";
    b3.name = "other-source";
    b3.geometry = {20, 400, 0, 0};
    Bucket b4 = d.buckets[1];
    b4.id = "b4";
    b4.name = "other-destination";
    b4.geometry = {20, 400, 0, 0};
    d.buckets.push_back(b3);
    d.buckets.push_back(b4);
    ReplicationRule r2 = d.rules[0];
    r2.id = "rule2";
    r2.source = "b3";
    r2.destination = "b4";
    d.rules.push_back(r2);
    Fixture f(d);
    const QPainterPath before = f.scene.ruleItem("rule2")->path();
    const int updates = f.scene.arrowPathUpdates();
    Bucket b1 = f.doc.design().buckets[0];
    b1.geometry.y += 40;
    f.undo.push(new MoveElementsCommand(f.doc, {b1}, 1));
    QCOMPARE(f.scene.arrowPathUpdates() - updates, 1); // rule1 only
    QCOMPARE(f.scene.ruleItem("rule2")->path(), before);
}

void TestCanvas::twoWayArrowsDoNotOverlap()
{
    Fixture f(twoWay());
    const QPointF m1 = f.scene.ruleItem("rule1")->path().pointAtPercent(0.5);
    const QPointF m2 = f.scene.ruleItem("rule2")->path().pointAtPercent(0.5);
    QVERIFY(QLineF(m1, m2).length() >= 12); // labels and lines stay apart
}

void TestCanvas::arrowsGoAroundOtherBoxes()
{
    // A bucket and a key in a third account, right on the straight line between the ends.
    Design d = withRule();
    Account middle = d.accounts[0];
    middle.id = "a3";
    middle.accountId = "777788889999";
    middle.geometry = {430, 40, 240, 200};
    d.accounts.push_back(middle);
    Bucket inTheWay = d.buckets[0];
    inTheWay.id = "b3";
    inTheWay.name = "in-the-way";
    inTheWay.account = "a3";
    inTheWay.geometry = {10, 30, 200, 0};
    d.buckets.push_back(inTheWay);
    Fixture f(d);
    const QRectF box = f.scene.bucketItem("b3")->mapRectToScene(f.scene.bucketItem("b3")->rect());
    const QPainterPath arrow = f.scene.ruleItem("rule1")->path();
    for (int i = 0; i <= 100; ++i)
        QVERIFY2(!box.contains(arrow.pointAtPercent(i / 100.0)),
                 "the arrow runs through a bucket that is not one of its ends");

    // With nothing in the way, the arrow takes the direct curve: it stays level with its ends.
    Fixture direct(withRule());
    const QPainterPath straight = direct.scene.ruleItem("rule1")->path();
    const QRectF b1 = direct.scene.bucketItem("b1")->mapRectToScene(direct.scene.bucketItem("b1")->rect());
    QVERIFY(std::abs(straight.pointAtPercent(0.5).y() - b1.center().y()) < 60);
}

void TestCanvas::selectionSyncsBothWays()
{
    Fixture f(withRule());
    f.selection.setSelected({"b2", "rule1"});
    QVERIFY(f.scene.bucketItem("b2")->isSelected());
    QVERIFY(f.scene.ruleItem("rule1")->isSelected());
    QVERIFY(!f.scene.bucketItem("b1")->isSelected());
    f.scene.clearSelection();
    QVERIFY(f.selection.ids().isEmpty());
    f.scene.bucketItem("b1")->setSelected(true);
    QCOMPARE(f.selection.ids(), QStringList{"b1"});
    // Highlights do not change the selection.
    f.selection.setHighlights({{"b2", views::Highlight::Fail}});
    QCOMPARE(f.selection.ids(), QStringList{"b1"});
}

void TestCanvas::drawingAnArrowCreatesRuleAndRole()
{
    Fixture f(twoAccounts());
    auto view = showView(f.scene);
    QVERIFY(view);
    const QPointF from = f.scene.connectorPos("b1");
    const QPointF to = f.scene.bucketItem("b2")->sceneBoundingRect().center();
    drag(*view, from, to);

    const Design &d = f.doc.design();
    QCOMPARE(d.rules.size(), size_t(1));
    QCOMPARE(d.roles.size(), size_t(1));
    const ReplicationRule &rule = d.rules[0];
    QCOMPARE(rule.source, std::string("b1"));
    QCOMPARE(rule.destination, std::string("b2"));
    QCOMPARE(rule.role, d.roles[0].id);
    QCOMPARE(d.roles[0].account, std::string("a1"));
    QCOMPARE(d.roles[0].name, std::string("s3-replication-role"));
    QCOMPARE(d.roles[0].path, std::string("/service-role/"));
    QVERIFY(rule.deleteMarkerReplication);
    QVERIFY(rule.metrics);
    QCOMPARE(rule.priority, 1);
    // SSE-KMS source, destination with a key: replicate KMS objects with the replica key.
    QVERIFY(rule.replicateKmsObjects);
    QCOMPARE(rule.replicaKey, std::string("k2"));
    QVERIFY(f.scene.ruleItem(QString::fromStdString(rule.id)));
    QCOMPARE(f.undo.count(), 1);
    f.undo.undo();
    QVERIFY(f.doc.design().rules.empty());
    QVERIFY(f.doc.design().roles.empty());
}

void TestCanvas::dragIsOneUndoStep()
{
    Fixture f(withRule());
    auto view = showView(f.scene);
    QVERIFY(view);
    const QRectF r = f.scene.bucketItem("b1")->sceneBoundingRect();
    const QPointF grab = r.center() - QPointF(30, 0); // on the body, away from the handle
    drag(*view, grab, grab + QPointF(60, 100));
    QCOMPARE(f.undo.count(), 1);
    const Bucket &b1 = f.doc.design().buckets[0];
    QCOMPARE(b1.account, std::string("a1"));
    QCOMPARE(b1.geometry.x, 80.0); // snapped to the 20 px grid
    QCOMPARE(b1.geometry.y, 180.0);
    QCOMPARE(f.scene.bucketItem("b1")->scenePos(), QPointF(80, 180));
    f.undo.undo();
    QCOMPARE(f.doc.design().buckets[0].geometry.x, 20.0);
    QCOMPARE(f.doc.design().buckets[0].geometry.y, 80.0);
}

void TestCanvas::dropIntoAnotherAccountChangesAccount()
{
    Fixture f(withRule());
    auto view = showView(f.scene);
    QVERIFY(view);
    const QPointF grab = f.scene.bucketItem("b1")->sceneBoundingRect().center() - QPointF(30, 0);
    // Into the empty lower part of the destination account.
    const QPointF target(700 + 250, 280);
    drag(*view, grab, target);
    QCOMPARE(f.undo.count(), 1);
    const Bucket &b1 = f.doc.design().buckets[0];
    QCOMPARE(b1.account, std::string("a2"));
    QCOMPARE(f.scene.bucketItem("b1")->parentItem(), f.scene.accountItem("a2"));
    // Where it was dropped, now relative to its new account.
    QVERIFY(qAbs(f.scene.bucketItem("b1")->sceneBoundingRect().center().x() - (target.x() + 30))
            < 25);
    f.undo.undo();
    QCOMPARE(f.doc.design().buckets[0].account, std::string("a1"));
    QCOMPARE(f.scene.bucketItem("b1")->parentItem(), f.scene.accountItem("a1"));
}

void TestCanvas::deletingABucketTakesItsArrows()
{
    Fixture f(withRule());
    f.selection.setSelected({"b2"});
    f.undo.push(new RemoveElementsCommand(f.doc, f.selection.ids()));
    QVERIFY(!f.scene.bucketItem("b2"));
    QVERIFY(!f.scene.ruleItem("rule1"));
    QVERIFY(f.selection.ids().isEmpty());
    QCOMPARE(f.undo.count(), 1);
    f.undo.undo();
    QVERIFY(f.scene.bucketItem("b2"));
    QVERIFY(f.scene.ruleItem("rule1"));
    QVERIFY(!f.scene.ruleItem("rule1")->path().isEmpty());
}

void TestCanvas::paletteDrops_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QPointF>("pos");
    QTest::addColumn<int>("accounts");
    QTest::addColumn<int>("buckets");
    QTest::addColumn<int>("keys");
    QTest::addColumn<int>("roles");

    QTest::newRow("account on empty canvas") << "account" << QPointF(1500, 100) << 3 << 2 << 2 << 0;
    QTest::newRow("bucket in account") << "bucket" << QPointF(900, 260) << 2 << 3 << 2 << 0;
    QTest::newRow("bucket outside accounts") << "bucket" << QPointF(550, 100) << 2 << 2 << 2 << 0;
    QTest::newRow("role in account") << "role" << QPointF(200, 280) << 2 << 2 << 2 << 1;
    QTest::newRow("key in account") << "key" << QPointF(900, 280) << 2 << 2 << 3 << 0;
}

void TestCanvas::paletteDrops()
{
    QFETCH(QString, kind);
    QFETCH(QPointF, pos);
    Fixture f(twoAccounts());
    QMimeData mime;
    mime.setData(views::kPaletteMimeType, kind.toUtf8());
    QGraphicsSceneDragDropEvent drop(QEvent::GraphicsSceneDrop);
    drop.setScenePos(pos);
    drop.setMimeData(&mime);
    drop.setProposedAction(Qt::CopyAction);
    drop.setPossibleActions(Qt::CopyAction);
    QApplication::sendEvent(&f.scene, &drop);

    const Design &d = f.doc.design();
    QTEST(int(d.accounts.size()), "accounts");
    QTEST(int(d.buckets.size()), "buckets");
    QTEST(int(d.keys.size()), "keys");
    QTEST(int(d.roles.size()), "roles");
    if (d.buckets.size() == 3) {
        QCOMPARE(d.buckets[2].account, std::string("a2"));
        QCOMPARE(d.buckets[2].region, std::string("eu-west-1")); // the account's region
    }
    QCOMPARE(f.undo.count(), d == twoAccounts() ? 0 : 1);
}

void TestCanvas::exportsPngAndSvg()
{
    const Design design = withRule();
    QTemporaryDir dir;
    const QString png = dir.filePath("d.png");
    const QString svg = dir.filePath("d.svg");
    using diagram::DiagramFormat;
    QCOMPARE(diagram::exportDiagram(design, png, DiagramFormat::Png), QString());
    QCOMPARE(diagram::exportDiagram(design, svg, DiagramFormat::Svg), QString());
    QImage image(png);
    QVERIFY(!image.isNull());
    const QImage onceScale = diagram::renderDiagram(design, 1.0);
    QCOMPARE(image.width(), onceScale.width() * 2); // 2x for sharp slides
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("<svg"));
    QVERIFY(text.contains("source-bucket")); // labels are text, not pixels
    QVERIFY(!diagram::exportDiagram(design, dir.filePath("missing/dir/d.png"), DiagramFormat::Png)
                 .isEmpty());
}

void TestCanvas::canvasAndExportDrawTheSameDiagram()
{
    // Two-way arrows and a box near them: the exported layout has the canvas' boxes, arrows and
    // labels exactly, and the picture has the canvas' extent with the export's margins.
    const Design d = twoWay();
    Fixture f(d);
    const diagram::DiagramLayout layout =
        diagram::layoutDiagram(d, diagram::Style::fromApplication());
    QCOMPARE(int(layout.boxes.size()), f.scene.nodeCount());
    for (const diagram::PlacedBox &box : layout.boxes) {
        const Design &dd = f.doc.design();
        std::string id;
        switch (box.kind) {
        case diagram::Kind::Account: id = dd.accounts[box.index].id; break;
        case diagram::Kind::Bucket: id = dd.buckets[box.index].id; break;
        case diagram::Kind::Key: id = dd.keys[box.index].id; break;
        case diagram::Kind::Role: id = dd.roles[box.index].id; break;
        case diagram::Kind::Rule: QFAIL("a rule is not a box"); break;
        }
        const views::NodeItem *item = f.scene.nodeItem(QString::fromStdString(id));
        QVERIFY(item);
        QCOMPARE(item->mapRectToScene(item->rect()), box.rect);
    }
    QCOMPARE(int(layout.arrows.size()), 2);
    for (const diagram::PlacedArrow &arrow : layout.arrows) {
        const views::RuleItem *item =
            f.scene.ruleItem(QString::fromStdString(d.rules[arrow.index].id));
        QCOMPARE(item->path(), arrow.route.path);
        QCOMPARE(item->label(), arrow.label);
        QCOMPARE(item->labelRect(), arrow.labelRect);
    }
    QCOMPARE(layout.bounds, f.scene.itemsBoundingRect());
    // Neither label hides the other arrow.
    const views::RuleItem *one = f.scene.ruleItem("rule1");
    const views::RuleItem *other = f.scene.ruleItem("rule2");
    QVERIFY(!one->labelRect().intersects(other->labelRect()));
    for (int i = 0; i <= 100; ++i) {
        QVERIFY(!one->labelRect().contains(other->path().pointAtPercent(i / 100.0)));
        QVERIFY(!other->labelRect().contains(one->path().pointAtPercent(i / 100.0)));
    }
}

// A crowded design (boxes piled up, 100 to an account) opened twice, with different hash seeds
// in between: every arrow and every label lands where it landed the first time.
void TestCanvas::crowdedLabelsLandTheSameEachTime()
{
    const Design design = bench::overlappingDesign(600, 100);
    const auto placed = [&design] {
        Fixture f(design);
        QList<QRectF> out;
        for (const ReplicationRule &r : design.rules) {
            const views::RuleItem *item = f.scene.ruleItem(QString::fromStdString(r.id));
            out << item->labelRect() << item->path().boundingRect();
        }
        return out;
    };
    QHashSeed::setDeterministicGlobalSeed();
    const QList<QRectF> first = placed();
    QHashSeed::resetRandomGlobalSeed();
    for (int again = 0; again < 3; ++again)
        QCOMPARE(placed(), first);
}

QTEST_MAIN(TestCanvas)
#include "tst_canvas.moc"
