// Element lookup, iteration and fresh ids (core/elements.h): the one implementation the
// document, the clipboard and the checklist fixes use.

#include "core/elements.h"

#include <QTest>

using namespace s3rd::model;

namespace {

// One element of each kind, with ids shaped the way the designer makes them.
Design sampleDesign()
{
    Design d;
    Account account;
    account.id = "a1";
    account.accountId = "111111111111";
    d.accounts.push_back(account);
    for (const char *id : {"b1", "b7"}) {
        Bucket b;
        b.id = id;
        b.name = std::string("bucket-") + id;
        b.account = "a1";
        d.buckets.push_back(b);
    }
    KmsKey key;
    key.id = "k2";
    key.account = "a1";
    d.keys.push_back(key);
    Role role;
    role.id = "role1";
    role.account = "a1";
    d.roles.push_back(role);
    ReplicationRule rule;
    rule.id = "rule1";
    rule.source = "b1";
    rule.destination = "b7";
    d.rules.push_back(rule);
    return d;
}

} // namespace

class TestElements : public QObject
{
    Q_OBJECT

private slots:
    void findsEachKind_data();
    void findsEachKind();
    void absentIds();
    void mutableLookupEditsTheDesign();
    void iteratesInDesignOrder();
    void freshId_data();
    void freshId();
    void freshIdNeverReturnsAnIdInUse();
    void displayNameFallsBackInOrder();
};

void TestElements::findsEachKind_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("index");

    QTest::newRow("account") << "a1" << int(ElementKind::Account) << 0;
    QTest::newRow("first bucket") << "b1" << int(ElementKind::Bucket) << 0;
    QTest::newRow("second bucket") << "b7" << int(ElementKind::Bucket) << 1;
    QTest::newRow("key") << "k2" << int(ElementKind::Key) << 0;
    QTest::newRow("role") << "role1" << int(ElementKind::Role) << 0;
    QTest::newRow("rule") << "rule1" << int(ElementKind::Rule) << 0;
}

void TestElements::findsEachKind()
{
    QFETCH(QString, id);
    QFETCH(int, kind);
    QFETCH(int, index);
    const Design d = sampleDesign();
    const std::string sid = id.toStdString();

    const auto k = kindOfId(d, sid);
    QVERIFY(k.has_value());
    QCOMPARE(int(*k), kind);
    QCOMPARE(indexOf(d, ElementKind(kind), sid), index);

    const auto e = findElement(d, ElementKind(kind), sid);
    QVERIFY(e.has_value());
    QCOMPARE(int(kindOf(*e)), kind);
    QCOMPARE(idOf(*e), sid);
    // The copy is the element the design holds, not just one with the same id.
    withElementsOf(d, ElementKind(kind), [&](const auto &elements) {
        using T = std::decay_t<decltype(elements[0])>;
        QVERIFY(std::get<T>(*e) == elements[std::size_t(index)]);
    });
}

void TestElements::absentIds()
{
    const Design d = sampleDesign();
    QVERIFY(!kindOfId(d, "b2"));
    QVERIFY(!kindOfId(d, ""));
    // An id of another kind is not found under this one.
    QCOMPARE(indexOf(d, ElementKind::Bucket, "a1"), -1);
    QVERIFY(!findElement(d, ElementKind::Role, "rule1"));
    QVERIFY(!findById(d.keys, "b1"));
}

void TestElements::mutableLookupEditsTheDesign()
{
    Design d = sampleDesign();
    Bucket *b = findById(elementsOf<Bucket>(d), "b7");
    QVERIFY(b);
    b->region = "ap-south-1";
    QCOMPARE(d.buckets[1].region, std::string("ap-south-1"));
}

void TestElements::iteratesInDesignOrder()
{
    Design d = sampleDesign();
    std::vector<std::string> ids;
    forEachElement(std::as_const(d), [&](const auto &e) { ids.push_back(e.id); });
    const std::vector<std::string> expected{"a1", "b1", "b7", "k2", "role1", "rule1"};
    QVERIFY(ids == expected);

    // The mutable walk reaches the design's own elements.
    forEachElement(d, [](auto &e) { e.note = "seen"; });
    QCOMPARE(d.rules[0].note, std::string("seen"));
    QCOMPARE(d.accounts[0].note, std::string("seen"));
}

void TestElements::freshId_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("expected");

    QTest::newRow("past the highest, not in a gap") << "b" << "b8";
    QTest::newRow("counts every kind") << "k" << "k3";
    QTest::newRow("role is not r") << "role" << "role2";
    QTest::newRow("rule prefix") << "rule" << "rule2";
    // "role1" and "rule1" have letters after the "r": not numbered "r" ids.
    QTest::newRow("unused prefix") << "r" << "r1";
    QTest::newRow("new prefix") << "x" << "x1";
}

void TestElements::freshId()
{
    QFETCH(QString, prefix);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(s3rd::model::freshId(sampleDesign(), prefix.toStdString())),
             expected);
}

void TestElements::freshIdNeverReturnsAnIdInUse()
{
    Design d = sampleDesign();
    // Ids the numbering cannot read (too many digits, leading zeros) are still never reused.
    d.buckets[0].id = "b1000000000000000"; // 16 digits: beyond the numbers freshId reads
    d.buckets[1].id = "b999999999999999";  // 15 digits: the next number is the id above
    QCOMPARE(s3rd::model::freshId(d, "b"), std::string("b1000000000000001"));

    d.buckets[0].id = "b01";
    d.buckets[1].id = "b2";
    QCOMPARE(s3rd::model::freshId(d, "b"), std::string("b3"));
}

// Lists, the presenter and the compare panel name an element as the canvas does: a name the
// user gave wins, then the AWS identifier, then the element id.
void TestElements::displayNameFallsBackInOrder()
{
    Design d = sampleDesign();
    QCOMPARE(displayName(Element(d.accounts[0])), std::string("111111111111"));
    d.accounts[0].name = "Production";
    QCOMPARE(displayName(Element(d.accounts[0])), std::string("Production"));
    QCOMPARE(displayName(Element(d.buckets[1])), std::string("bucket-b7"));
    QCOMPARE(displayName(Element(d.keys[0])), std::string("k2"));
    d.keys[0].keyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
    QCOMPARE(displayName(Element(d.keys[0])), d.keys[0].keyId);
    d.keys[0].alias = "alias/replica";
    QCOMPARE(displayName(Element(d.keys[0])), std::string("alias/replica"));
    QCOMPARE(displayName(Element(d.rules[0])), std::string("rule1"));
    d.rules[0].ruleId = "to-dr";
    QCOMPARE(displayName(Element(d.rules[0])), std::string("to-dr"));
}

QTEST_GUILESS_MAIN(TestElements)
#include "tst_elements.moc"
