// What the canvas gestures do to the design, without a canvas: drawing an arrow (rule, role,
// replica key), dropping palette elements into an account or a key on a bucket, moving boxes
// into another account, auto-arrange. Every command is one undo step that undoes exactly.

#include "commands.h"
#include "connectplanner.h"
#include "core/autoarrange.h"
#include "core/designfile.h"
#include "testpaths.h"

#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace s3rd;
using namespace s3rd::model;
using document::Document;
using document::ElementKind;

namespace {

Design example(const char *name)
{
    return s3rd::test::loadExample(QLatin1String(name) + QLatin1String(".s3rd.json"));
}

// The bucket with the id, as it is now (a copy: commands change the design).
Bucket bucket(const Document &doc, const std::string &id)
{
    for (const Bucket &b : doc.design().buckets)
        if (b.id == id)
            return b;
    return {};
}

// Pushes the command; undo must give the design before, redo the design after.
void pushAndCheckUndo(Document &doc, QUndoStack &undo, QUndoCommand *cmd)
{
    QVERIFY(cmd);
    const Design before = doc.design();
    undo.push(cmd);
    const Design after = doc.design();
    QVERIFY(after != before);
    undo.undo();
    QVERIFY(doc.design() == before);
    undo.redo();
    QVERIFY(doc.design() == after);
}

} // namespace

class TestConnectPlanner : public QObject
{
    Q_OBJECT

private slots:
    void firstArrowCreatesTheRole();
    void drawingUsesTheExistingRole();
    void replicaKeyFallsBackToAKeyOfTheDestination();
    void keyDroppedOnABucketEncryptsIt_data();
    void keyDroppedOnABucketEncryptsIt();
    void paletteElementsInAnAccount();
    void defaultRegionIsTheAccountsMostUsed();
    void movingBoxesIntoAnotherAccount();
    void autoArrangeIsOneStepAndThenNothing();
};

void TestConnectPlanner::firstArrowCreatesTheRole()
{
    Design d = example("sse-s3-starter");
    d.roles.clear();
    d.rules.clear();
    Document doc(d);
    QUndoStack undo;
    const auto plan = document::planReplication(doc, "b-site", "b-site-copy");
    QVERIFY(plan.newRole);
    QCOMPARE(plan.newRole->name, std::string("s3-replication-role"));
    QCOMPARE(plan.newRole->path, std::string("/service-role/"));
    QCOMPARE(plan.newRole->account, std::string("acct-main"));
    // At the left of the account, below everything in it.
    QCOMPARE(plan.newRole->geometry.x, layout::kAccountPadding);
    for (const Bucket &b : d.buckets)
        QVERIFY(plan.newRole->geometry.y >= b.geometry.y + layout::kItemGap);
    const ReplicationRule &rule = plan.rule;
    QCOMPARE(rule.role, plan.newRole->id);
    QCOMPARE(rule.priority, 1);
    QCOMPARE(rule.ruleId, "replicate-to-" + bucket(doc, "b-site-copy").name);
    QVERIFY(rule.deleteMarkerReplication);
    QVERIFY(rule.metrics);
    QVERIFY(!rule.replicateKmsObjects); // SSE-S3 source: nothing KMS-encrypted to replicate

    pushAndCheckUndo(doc, undo, document::replicationCommand(doc, "b-site", "b-site-copy"));
    QCOMPARE(undo.count(), 1);
    QCOMPARE(doc.design().roles.size(), size_t(1));
    QCOMPARE(doc.design().rules.size(), size_t(1));
}

void TestConnectPlanner::drawingUsesTheExistingRole()
{
    Document doc(example("fan-out-two-regions"));
    // A third arrow from the same source: same role, next priority, unique rule ID, and the
    // destination's key for the replicas of the SSE-KMS source.
    const auto plan = document::planReplication(doc, "b-src", "b-usw2");
    QVERIFY(!plan.newRole);
    QCOMPARE(plan.rule.role, std::string("r-repl"));
    QCOMPARE(plan.rule.priority, 3);
    for (const ReplicationRule &r : doc.design().rules)
        QVERIFY(plan.rule.ruleId != r.ruleId && plan.rule.id != r.id);
    QVERIFY(plan.rule.replicateKmsObjects);
    QCOMPARE(plan.rule.replicaKey, std::string("k-usw2"));
    // Same bucket at both ends, or an end that is not a bucket, is not a replication.
    QVERIFY(!document::replicationCommand(doc, "b-src", "b-src"));
    QVERIFY(!document::replicationCommand(doc, "b-src", "k-usw2"));
    QVERIFY(!document::replicationCommand(doc, "nothing", "b-usw2"));
}

void TestConnectPlanner::replicaKeyFallsBackToAKeyOfTheDestination()
{
    Design d = example("cross-account-sse-kms");
    d.buckets[1].defaultKey.clear();
    d.buckets[1].defaultEncryption = DefaultEncryption::SseS3;
    Document doc(d);
    const auto plan = document::planReplication(doc, "b-src", "b-dst");
    QVERIFY(plan.rule.replicateKmsObjects);
    QCOMPARE(plan.rule.replicaKey, std::string("k-dst")); // same account and region
}

void TestConnectPlanner::keyDroppedOnABucketEncryptsIt_data()
{
    QTest::addColumn<int>("encryption");
    QTest::addColumn<int>("expected");
    QTest::newRow("SSE-S3 becomes SSE-KMS")
        << int(DefaultEncryption::SseS3) << int(DefaultEncryption::SseKms);
    QTest::newRow("DSSE-KMS stays") << int(DefaultEncryption::DsseKms)
                                    << int(DefaultEncryption::DsseKms);
}

void TestConnectPlanner::keyDroppedOnABucketEncryptsIt()
{
    QFETCH(int, encryption);
    QFETCH(int, expected);
    Design d = example("sse-s3-starter");
    d.buckets[0].defaultEncryption = DefaultEncryption(encryption);
    Document doc(d);
    QUndoStack undo;
    QVERIFY(!document::encryptWithNewKeyCommand(doc, "no-such-bucket"));
    pushAndCheckUndo(doc, undo, document::encryptWithNewKeyCommand(doc, "b-site"));
    QCOMPARE(undo.count(), 1);
    QCOMPARE(doc.design().keys.size(), size_t(1));
    const KmsKey key = doc.design().keys[0];
    const Bucket b = bucket(doc, "b-site");
    QCOMPARE(key.account, b.account);
    QCOMPARE(key.region, b.region);
    QCOMPARE(key.alias, std::string("alias/replication-key"));
    QVERIFY(key.kind != KeyKind::AwsManaged);
    QCOMPARE(int(b.defaultEncryption), expected);
    QCOMPARE(b.defaultKey, key.id);
    QVERIFY(expected == int(DefaultEncryption::SseKms) ? b.objectEncryptions.sseKms
                                                       : b.objectEncryptions.dsseKms);
    // Below the account's other elements, not on top of one.
    for (const Role &r : doc.design().roles)
        QVERIFY(key.geometry.y >= r.geometry.y + layout::kItemGap);
    // A second key gets an alias of its own.
    undo.push(document::encryptWithNewKeyCommand(doc, "b-site-copy"));
    QCOMPARE(doc.design().keys[1].alias, std::string("alias/replication-key-2"));
}

void TestConnectPlanner::paletteElementsInAnAccount()
{
    Document doc(example("sse-s3-starter"));
    QUndoStack undo;
    pushAndCheckUndo(doc, undo,
                     document::addToAccountCommand(doc, ElementKind::Bucket, "acct-main", 40, 80));
    const Bucket &added = doc.design().buckets.back();
    QCOMPARE(added.name, std::string("new-bucket"));
    QCOMPARE(added.account, std::string("acct-main"));
    QCOMPARE(added.region, document::defaultRegionOf(doc.design(), "acct-main"));
    QCOMPARE(added.geometry.x, 40.0);
    QCOMPARE(added.geometry.y, 80.0);
    undo.push(document::addToAccountCommand(doc, ElementKind::Bucket, "acct-main", 40, 200));
    QCOMPARE(doc.design().buckets.back().name, std::string("new-bucket-2"));
    undo.push(document::addToAccountCommand(doc, ElementKind::Role, "acct-main", 40, 300));
    QCOMPARE(doc.design().roles.back().name, std::string("s3-replication-role"));
    undo.push(document::addToAccountCommand(doc, ElementKind::Key, "acct-main", 40, 400));
    QCOMPARE(doc.design().keys.back().region, document::defaultRegionOf(doc.design(), "acct-main"));
    // Dropped on the account's name or edge: just inside, below the header.
    undo.push(document::addToAccountCommand(doc, ElementKind::Bucket, "acct-main", -30, 5));
    QCOMPARE(doc.design().buckets.back().geometry.x, 8.0);
    QCOMPARE(doc.design().buckets.back().geometry.y, layout::kAccountHeader);
    QCOMPARE(undo.count(), 5);
    QVERIFY(!document::addToAccountCommand(doc, ElementKind::Bucket, "no-account", 0, 0));
    QVERIFY(!document::addToAccountCommand(doc, ElementKind::Account, "acct-main", 0, 0));
    QVERIFY(!document::addToAccountCommand(doc, ElementKind::Rule, "acct-main", 0, 0));
    const Account a = document::newAccount(doc, 10, 20);
    QCOMPARE(a.name, std::string("account"));
    QCOMPARE(a.geometry.width, layout::kMinAccountWidth);
}

void TestConnectPlanner::defaultRegionIsTheAccountsMostUsed()
{
    const Design d = example("fan-out-two-regions");
    Design more = d;
    Bucket extra = more.buckets[2];
    extra.id = "b-extra";
    more.buckets.push_back(extra);
    QCOMPARE(document::defaultRegionOf(more, "acct-logs"), std::string("eu-west-1"));
    // One bucket each: the first region in alphabetical order.
    QCOMPARE(document::defaultRegionOf(d, "acct-logs"), std::string("eu-west-1"));
    QCOMPARE(document::defaultRegionOf(example("sse-s3-starter"), "acct-main"),
             std::string("us-east-2"));
    QCOMPARE(document::defaultRegionOf(d, "no-buckets"), std::string("us-east-1"));
}

void TestConnectPlanner::movingBoxesIntoAnotherAccount()
{
    Document doc(example("cross-account-sse-kms"));
    // A selected account carries its contents: its own bucket is not moved on its own.
    const auto moving = document::elementsToMove(doc, {"acct-prod", "b-src", "b-dst", "rule-1"});
    QCOMPARE(moving.size(), size_t(2));
    QCOMPARE(document::elementId(moving[0]), QStringLiteral("acct-prod"));
    QCOMPARE(document::elementId(moving[1]), QStringLiteral("b-dst"));
    const auto shifted = document::translated(moving, 20, -40);
    const auto &account = std::get<Account>(shifted[0]);
    QCOMPARE(account.geometry.x, std::get<Account>(moving[0]).geometry.x + 20);
    QCOMPARE(account.geometry.y, std::get<Account>(moving[0]).geometry.y - 40);

    QVERIFY(document::movesIntoAccount(doc, {"b-src"}, "acct-backup"));
    QVERIFY(document::movesIntoAccount(doc, {"b-src", "b-dst"}, "acct-backup"));
    QVERIFY(document::movesIntoAccount(doc, {"k-src", "r-repl"}, "acct-backup"));
    QVERIFY(!document::movesIntoAccount(doc, {"b-src"}, "acct-prod")); // already there
    QVERIFY(!document::movesIntoAccount(doc, {"acct-prod"}, "acct-backup"));
    QVERIFY(!document::movesIntoAccount(doc, {"b-src", "acct-prod"}, "acct-backup"));
    QVERIFY(!document::movesIntoAccount(doc, {}, "acct-backup"));
    QVERIFY(!document::movesIntoAccount(doc, {"b-src"}, "no-account"));

    const auto rehomed
        = document::movedToAccount(doc, {{"b-src", 40, 100}, {"acct-prod", 0, 0}}, "acct-backup");
    QCOMPARE(rehomed.size(), size_t(1));
    const auto &b = std::get<Bucket>(rehomed[0]);
    QCOMPARE(b.account, std::string("acct-backup"));
    QCOMPARE(b.geometry.x, 40.0);
    QCOMPARE(b.geometry.y, 100.0);
    QCOMPARE(b.name, bucket(doc, "b-src").name);
}

void TestConnectPlanner::autoArrangeIsOneStepAndThenNothing()
{
    Design d = example("fan-out-two-regions");
    d.buckets[0].geometry.x += 333; // out of place
    Document doc(d);
    QUndoStack undo;
    pushAndCheckUndo(doc, undo, document::autoArrangeCommand(doc));
    QVERIFY(doc.design() == autoArrange(d));
    std::unique_ptr<QUndoCommand> again(document::autoArrangeCommand(doc));
    QVERIFY(!again); // arranged already: nothing to undo later
}

QTEST_GUILESS_MAIN(TestConnectPlanner)
#include "tst_connectplanner.moc"
