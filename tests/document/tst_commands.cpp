// The undo commands: push, undo → the design before, redo → the design after; merging;
// cascade deletes; obsolete commands; what the document says changed.

#include "commands.h"
#include "designbuilder.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include <functional>

using namespace s3rd::document;
using namespace s3rd::model;
using s3rd::test::DesignBuilder;

Q_DECLARE_METATYPE(std::function<QUndoCommand *(Document &)>)
Q_DECLARE_METATYPE(std::function<void(Element &)>)

namespace {

// Two accounts, a source bucket with a key and a role, a destination bucket, one rule.
Design sampleDesign()
{
    DesignBuilder b("sample");
    b.account("a1", "111122223333", "source").geometry = {0, 0, 400, 300};
    b.account("a2", "444455556666", "destination").geometry = {600, 0, 400, 300};
    b.key("k1", "a1", "us-east-1", "alias/source", "1234abcd-12ab-34cd-56ef-1234567890ab");
    Bucket &b1 = b.bucket("b1", "source-bucket", "a1", "us-east-1");
    b1.defaultEncryption = DefaultEncryption::SseKms;
    b1.defaultKey = "k1";
    b1.geometry = {20, 60, 0, 0};
    b.bucket("b2", "destination-bucket", "a2", "eu-west-1").geometry = {20, 60, 0, 0};
    b.role("role1", "a1", "replication");
    ReplicationRule &rule = b.rule("rule1", "b1", "b2", "role1");
    rule.ruleId = "to-destination";
    rule.replicaKey = "k1";
    return b.design();
}

} // namespace

class TestCommands : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void removeBucketTakesItsRules();
    void removeAccountCascades();
    void removeKeyClearsReferences();
    void removeEmitsRemovalsBeforeTheDataGoes();
    void updatesMergeWithSameKey();
    void updatesWithoutKeyDoNotMerge();
    void updateBackToStartIsObsolete();
    void movesMergeWithinAGesture();
    void movesOfDifferentGesturesStaySeparate();
    void moveBackToStartIsObsolete();
    void moveIntoAnotherAccount();
    void replaceDesignRoundTrip();
    void changedPropertiesCompareValues_data();
    void changedPropertiesCompareValues();
    void moveSaysGeometryOnly();
    void renameSaysContent();
    void moveIntoAnotherAccountSaysOwner();
    void moveKeepsElementsInPlace();
    void autoArrangeSaysGeometryOnly();
};

void TestCommands::roundTrip_data()
{
    using Make = std::function<QUndoCommand *(Document &)>;
    QTest::addColumn<Make>("make");

    QTest::newRow("add bucket") << Make([](Document &doc) {
        Bucket b;
        b.id = "b3";
        b.name = "third";
        b.account = "a2";
        b.region = "eu-west-1";
        return new AddElementCommand(doc, b);
    });
    QTest::newRow("add rule") << Make([](Document &doc) {
        ReplicationRule r;
        r.id = "rule2";
        r.ruleId = "back";
        r.source = "b2";
        r.destination = "b1";
        return new AddElementCommand(doc, r);
    });
    QTest::newRow("remove bucket") << Make([](Document &doc) {
        return new RemoveElementsCommand(doc, {"b2"});
    });
    QTest::newRow("remove account") << Make([](Document &doc) {
        return new RemoveElementsCommand(doc, {"a1"});
    });
    QTest::newRow("remove key and role") << Make([](Document &doc) {
        return new RemoveElementsCommand(doc, {"k1", "role1"});
    });
    QTest::newRow("update bucket") << Make([](Document &doc) {
        Bucket b = doc.design().buckets[1];
        b.versioning = Versioning::Suspended;
        return new UpdateElementCommand(doc, b, "versioning");
    });
    QTest::newRow("update rule") << Make([](Document &doc) {
        ReplicationRule r = doc.design().rules[0];
        r.replicationTimeControl = true;
        r.metrics = true;
        return new UpdateElementCommand(doc, r);
    });
    QTest::newRow("move two") << Make([](Document &doc) {
        Account a = doc.design().accounts[0];
        a.geometry.x += 100;
        Bucket b = doc.design().buckets[1];
        b.geometry.y += 40;
        return new MoveElementsCommand(doc, {a, b}, 1);
    });
    QTest::newRow("replace design") << Make([](Document &doc) {
        Design d = doc.design();
        d.name = "renamed";
        d.buckets[0].name = "renamed-bucket";
        d.rules.clear();
        return new ReplaceDesignCommand(doc, d, "Fix");
    });
}

void TestCommands::roundTrip()
{
    QFETCH(std::function<QUndoCommand *(Document &)>, make);
    Document doc(sampleDesign());
    QUndoStack stack;
    const Design before = doc.design();
    stack.push(make(doc));
    const Design after = doc.design();
    QVERIFY(after != before);
    QCOMPARE(stack.count(), 1);
    stack.undo();
    QVERIFY(doc.design() == before);
    stack.redo();
    QVERIFY(doc.design() == after);
    stack.undo();
    QVERIFY(doc.design() == before);
}

void TestCommands::removeBucketTakesItsRules()
{
    Document doc(sampleDesign());
    QUndoStack stack;
    stack.push(new RemoveElementsCommand(doc, {"b1"}));
    QCOMPARE(doc.design().buckets.size(), size_t(1));
    QVERIFY(doc.design().rules.empty());
    QCOMPARE(stack.count(), 1); // one undo step
    stack.undo();
    QCOMPARE(doc.design().rules.size(), size_t(1));
    QCOMPARE(doc.design().rules[0].id, std::string("rule1"));
}

void TestCommands::removeAccountCascades()
{
    Document doc(sampleDesign());
    QUndoStack stack;
    stack.push(new RemoveElementsCommand(doc, {"a1"}));
    const Design &d = doc.design();
    QCOMPARE(d.accounts.size(), size_t(1));
    QCOMPARE(d.buckets.size(), size_t(1));
    QCOMPARE(d.buckets[0].id, std::string("b2"));
    QVERIFY(d.keys.empty());
    QVERIFY(d.roles.empty());
    QVERIFY(d.rules.empty()); // its bucket's rule went along
}

void TestCommands::removeKeyClearsReferences()
{
    Document doc(sampleDesign());
    QUndoStack stack;
    stack.push(new RemoveElementsCommand(doc, {"k1", "role1"}));
    QVERIFY(doc.design().buckets[0].defaultKey.empty());
    QVERIFY(doc.design().rules[0].replicaKey.empty());
    QVERIFY(doc.design().rules[0].role.empty());
    stack.undo();
    QCOMPARE(doc.design().buckets[0].defaultKey, std::string("k1"));
    QCOMPARE(doc.design().rules[0].role, std::string("role1"));
}

void TestCommands::removeEmitsRemovalsBeforeTheDataGoes()
{
    Document doc(sampleDesign());
    QUndoStack stack;
    QStringList order;
    connect(&doc, &Document::elementAboutToBeRemoved, this,
            [&](ElementKind kind, const QString &id) {
                QVERIFY(doc.indexOf(kind, id) >= 0); // still there
                order << id;
            });
    QSignalSpy resets(&doc, &Document::designReset);
    stack.push(new RemoveElementsCommand(doc, {"b1"}));
    QCOMPARE(order, QStringList({"rule1", "b1"})); // dependants first
    QCOMPARE(resets.count(), 0);                   // fine-grained, no full reset
}

void TestCommands::updatesMergeWithSameKey()
{
    Document doc(sampleDesign());
    QUndoStack stack;
    Bucket b = doc.design().buckets[0];
    for (const char *name : {"n", "ne", "new"}) {
        b.name = name;
        stack.push(new UpdateElementCommand(doc, b, "name"));
    }
    QCOMPARE(stack.count(), 1);
    QCOMPARE(doc.design().buckets[0].name, std::string("new"));
    stack.undo();
    QCOMPARE(doc.design().buckets[0].name, std::string("source-bucket"));
}

void TestCommands::updatesWithoutKeyDoNotMerge()
{
    Document doc(sampleDesign());
    QUndoStack stack;
    Bucket b = doc.design().buckets[0];
    b.name = "one";
    stack.push(new UpdateElementCommand(doc, b));
    b.name = "two";
    stack.push(new UpdateElementCommand(doc, b));
    b.region = "us-west-2";
    stack.push(new UpdateElementCommand(doc, b, "region"));
    b.name = "three";
    stack.push(new UpdateElementCommand(doc, b, "name"));
    QCOMPARE(stack.count(), 4);
}

void TestCommands::updateBackToStartIsObsolete()
{
    Document doc(sampleDesign());
    QUndoStack stack;
    Bucket b = doc.design().buckets[0];
    b.name = "changed";
    stack.push(new UpdateElementCommand(doc, b, "name"));
    b.name = "source-bucket";
    stack.push(new UpdateElementCommand(doc, b, "name"));
    QCOMPARE(stack.count(), 0); // typed and typed back: nothing to undo
    stack.push(new UpdateElementCommand(doc, doc.design().buckets[0]));
    QCOMPARE(stack.count(), 0); // no change at all
    QVERIFY(doc.design() == sampleDesign());
}

void TestCommands::movesMergeWithinAGesture()
{
    Document doc(sampleDesign());
    QUndoStack stack;
    Bucket b = doc.design().buckets[0];
    Account a = doc.design().accounts[1];
    for (int step = 1; step <= 5; ++step) {
        b.geometry.x = 20 + step * 10;
        stack.push(new MoveElementsCommand(doc, {b}, 7));
    }
    a.geometry.y = 50; // joins the gesture later
    stack.push(new MoveElementsCommand(doc, {a}, 7));
    QCOMPARE(stack.count(), 1);
    QCOMPARE(doc.design().buckets[0].geometry.x, 70.0);
    stack.undo();
    QVERIFY(doc.design() == sampleDesign());
    stack.redo();
    QCOMPARE(doc.design().buckets[0].geometry.x, 70.0);
    QCOMPARE(doc.design().accounts[1].geometry.y, 50.0);
}

void TestCommands::movesOfDifferentGesturesStaySeparate()
{
    Document doc(sampleDesign());
    QUndoStack stack;
    Bucket b = doc.design().buckets[0];
    b.geometry.x = 100;
    stack.push(new MoveElementsCommand(doc, {b}, 1));
    b.geometry.x = 200;
    stack.push(new MoveElementsCommand(doc, {b}, 2));
    QCOMPARE(stack.count(), 2);
    stack.undo();
    QCOMPARE(doc.design().buckets[0].geometry.x, 100.0);
}

void TestCommands::moveBackToStartIsObsolete()
{
    Document doc(sampleDesign());
    QUndoStack stack;
    Bucket b = doc.design().buckets[0];
    b.geometry.x = 100;
    stack.push(new MoveElementsCommand(doc, {b}, 3));
    b.geometry.x = 20;
    stack.push(new MoveElementsCommand(doc, {b}, 3));
    QCOMPARE(stack.count(), 0);
    QVERIFY(doc.design() == sampleDesign());
}

void TestCommands::moveIntoAnotherAccount()
{
    Document doc(sampleDesign());
    QUndoStack stack;
    Bucket b = doc.design().buckets[0];
    b.geometry.x = 500;
    stack.push(new MoveElementsCommand(doc, {b}, 9));
    b.account = "a2";
    b.geometry.x = 40;
    stack.push(new MoveElementsCommand(doc, {b}, 9));
    QCOMPARE(stack.count(), 1);
    QCOMPARE(doc.design().buckets[0].account, std::string("a2"));
    stack.undo();
    QCOMPARE(doc.design().buckets[0].account, std::string("a1"));
    QCOMPARE(doc.design().buckets[0].geometry.x, 20.0);
}

void TestCommands::replaceDesignRoundTrip()
{
    Document doc(sampleDesign());
    QUndoStack stack;
    Design reordered = doc.design();
    std::swap(reordered.buckets[0], reordered.buckets[1]); // not expressible as a diff
    stack.push(new ReplaceDesignCommand(doc, reordered, "Reorder"));
    QVERIFY(doc.design() == reordered);
    stack.undo();
    QVERIFY(doc.design() == sampleDesign());
    stack.push(new ReplaceDesignCommand(doc, doc.design(), "Nothing"));
    QCOMPARE(stack.count(), 0); // no change: obsolete
}

void TestCommands::changedPropertiesCompareValues_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<std::function<void(Element &)>>("change");
    QTest::addColumn<int>("expected");
    using Edit = std::function<void(Element &)>;
    const int geometry = int(ChangedProperty::Geometry);
    const int owner = int(ChangedProperty::Owner);
    const int content = int(ChangedProperty::Content);
    QTest::newRow("nothing") << "b1" << Edit([](Element &) {}) << 0;
    QTest::newRow("bucket moved") << "b1" << Edit([](Element &e) {
        std::get<Bucket>(e).geometry.x += 5;
    }) << geometry;
    QTest::newRow("bucket resized") << "b1" << Edit([](Element &e) {
        std::get<Bucket>(e).geometry.width = 180;
    }) << geometry;
    QTest::newRow("account moved") << "a1" << Edit([](Element &e) {
        std::get<Account>(e).geometry.y = 90;
    }) << geometry;
    QTest::newRow("bucket renamed") << "b1" << Edit([](Element &e) {
        std::get<Bucket>(e).name = "renamed";
    }) << content;
    QTest::newRow("note only") << "k1" << Edit([](Element &e) {
        std::get<KmsKey>(e).note = "rotated yearly";
    }) << content;
    QTest::newRow("role to another account") << "role1" << Edit([](Element &e) {
        std::get<Role>(e).account = "a2";
    }) << owner;
    QTest::newRow("bucket dragged into another account") << "b1" << Edit([](Element &e) {
        auto &b = std::get<Bucket>(e);
        b.account = "a2";
        b.geometry.x = 40;
    }) << (owner | geometry);
    QTest::newRow("moved and renamed") << "b1" << Edit([](Element &e) {
        auto &b = std::get<Bucket>(e);
        b.geometry.x = 40;
        b.name = "renamed";
    }) << (geometry | content);
    QTest::newRow("rule priority") << "rule1" << Edit([](Element &e) {
        std::get<ReplicationRule>(e).priority = 3;
    }) << content;
}

void TestCommands::changedPropertiesCompareValues()
{
    QFETCH(QString, id);
    QFETCH(std::function<void(Element &)>, change);
    QFETCH(int, expected);
    Document doc(sampleDesign());
    const Element before = *doc.element(*doc.kindOfId(id), id);
    Element after = before;
    change(after);
    QCOMPARE(int(changedProperties(before, after)), expected);
}

namespace {

// Records what the document says about one pushed command.
struct ChangeLog
{
    explicit ChangeLog(Document &doc)
        : elementChanged(&doc, &Document::elementChanged)
        , contentChanged(&doc, &Document::contentChanged)
        , changed(&doc, &Document::changed)
    {
    }

    // What elementChanged said each time, in order.
    QList<ChangedProperties> what() const
    {
        QList<ChangedProperties> list;
        for (const QList<QVariant> &args : elementChanged)
            list << args.at(2).value<ChangedProperties>();
        return list;
    }

    void clear()
    {
        elementChanged.clear();
        contentChanged.clear();
        changed.clear();
    }

    QSignalSpy elementChanged;
    QSignalSpy contentChanged;
    QSignalSpy changed;
};

} // namespace

void TestCommands::moveSaysGeometryOnly()
{
    Document doc(sampleDesign());
    QUndoStack stack;
    ChangeLog log(doc);
    Bucket b = doc.design().buckets[0];
    b.geometry.x += 30;
    stack.push(new MoveElementsCommand(doc, {b}, 1));
    QCOMPARE(log.what(), QList<ChangedProperties>{ChangedProperty::Geometry});
    QCOMPARE(log.elementChanged.at(0).at(1).toString(), QStringLiteral("b1"));
    QCOMPARE(log.contentChanged.count(), 0); // no panel, policy or check has to look again
    QCOMPARE(log.changed.count(), 1);        // the canvas does
    log.clear();
    stack.undo();
    QCOMPARE(log.what(), QList<ChangedProperties>{ChangedProperty::Geometry});
    QCOMPARE(log.contentChanged.count(), 0);
    QVERIFY(doc.design() == sampleDesign());
}

void TestCommands::renameSaysContent()
{
    Document doc(sampleDesign());
    QUndoStack stack;
    ChangeLog log(doc);
    Bucket b = doc.design().buckets[0];
    b.name = "renamed-bucket";
    stack.push(new UpdateElementCommand(doc, b, QStringLiteral("name")));
    QCOMPARE(log.what(), QList<ChangedProperties>{ChangedProperty::Content});
    QCOMPARE(log.contentChanged.count(), 1);
    QCOMPARE(log.changed.count(), 1);
    // A "move" that changes more than geometry is told as what it is: the document compares.
    log.clear();
    b.geometry.x += 10;
    b.name = "renamed-again";
    stack.push(new MoveElementsCommand(doc, {b}, 4));
    QCOMPARE(log.what(), QList<ChangedProperties>{ChangedProperty::Geometry
                                                  | ChangedProperty::Content});
    QCOMPARE(log.contentChanged.count(), 1);
}

void TestCommands::moveIntoAnotherAccountSaysOwner()
{
    Document doc(sampleDesign());
    QUndoStack stack;
    ChangeLog log(doc);
    Bucket b = doc.design().buckets[0];
    b.account = "a2";
    b.geometry.x = 40;
    stack.push(new MoveElementsCommand(doc, {b}, 9));
    QCOMPARE(log.what(), QList<ChangedProperties>{ChangedProperty::Owner
                                                  | ChangedProperty::Geometry});
    QCOMPARE(log.contentChanged.count(), 1); // its policies name another account now
    QCOMPARE(stack.text(0), QStringLiteral("Move to another account"));
}

void TestCommands::moveKeepsElementsInPlace()
{
    // The simulator keeps pointers into the design while nothing but geometry changes.
    Document doc(sampleDesign());
    QUndoStack stack;
    const Bucket *bucket = &doc.design().buckets[0];
    const char *name = bucket->name.data();
    auto texts = [&doc] {
        std::vector<std::string> t;
        for (const Artifact &a : doc.artifacts())
            t.push_back(a.path + '\n' + a.text);
        return t;
    };
    const std::vector<std::string> before = texts();
    Bucket b = *bucket;
    b.geometry.y += 15;
    stack.push(new MoveElementsCommand(doc, {b}, 2));
    QCOMPARE(&doc.design().buckets[0], bucket);
    QCOMPARE(doc.design().buckets[0].name.data(), name);
    QCOMPARE(doc.design().buckets[0].geometry.y, b.geometry.y);
    QVERIFY(texts() == before);
}

void TestCommands::autoArrangeSaysGeometryOnly()
{
    // Auto-arrange replaces the design with one where only places differ.
    Document doc(sampleDesign());
    QUndoStack stack;
    ChangeLog log(doc);
    Design arranged = doc.design();
    for (Bucket &b : arranged.buckets)
        b.geometry.y += 100;
    arranged.accounts[1].geometry.x = 900;
    stack.push(new ReplaceDesignCommand(doc, arranged, QStringLiteral("Arrange")));
    QCOMPARE(log.what().size(), 3);
    for (ChangedProperties what : log.what())
        QCOMPARE(what, ChangedProperties(ChangedProperty::Geometry));
    QCOMPARE(log.contentChanged.count(), 0);
    QVERIFY(doc.design() == arranged);
}

QTEST_GUILESS_MAIN(TestCommands)
#include "tst_commands.moc"
