// Copy, paste and duplicate as model operations: the payload travels with what the copied
// elements refer to, a paste gets fresh ids and unique names, reuses what the document still
// has, and is one undo step; anything that is not a payload pastes nothing.

#include "commands.h"
#include "core/designfile.h"
#include "designclipboard.h"
#include "testpaths.h"

#include <QTest>
#include <QUndoStack>

#include <memory>
#include <set>

using namespace s3rd;
using namespace s3rd::model;
using document::Document;

namespace {

Design example(const char *name)
{
    return s3rd::test::loadExample(QLatin1String(name) + QLatin1String(".s3rd.json"));
}

// Every element id of the design, to check that pasted ids are new and unique.
std::multiset<std::string> idsOf(const Design &d)
{
    std::multiset<std::string> ids;
    const auto add = [&](const auto &list) {
        for (const auto &e : list)
            ids.insert(e.id);
    };
    add(d.accounts);
    add(d.buckets);
    add(d.keys);
    add(d.roles);
    add(d.rules);
    return ids;
}

bool idsUnique(const Design &d)
{
    const auto ids = idsOf(d);
    return std::set<std::string>(ids.begin(), ids.end()).size() == ids.size();
}

} // namespace

class TestDesignClipboard : public QObject
{
    Q_OBJECT

private slots:
    void pasteCreatesFreshElements();
    void pastingTwiceGivesNewIdsAndNames();
    void payloadCarriesItsContextToAnotherDesign();
    void copiedAccountBringsItsContents();
    void notAPayloadPastesNothing();
};

void TestDesignClipboard::pasteCreatesFreshElements()
{
    const Design original = example("cross-account-sse-kms");
    Document doc(original);
    QUndoStack undo;
    QStringList added;
    std::unique_ptr<QUndoCommand> none(document::duplicateCommand(doc, {}, &added));
    QVERIFY(!none);
    undo.push(document::duplicateCommand(doc, {"b-src", "b-dst"}, &added));
    const Design &d = doc.design();
    QCOMPARE(d.buckets.size(), size_t(4));
    QCOMPARE(d.rules.size(), size_t(2)); // the rule between them came along
    QCOMPARE(added.size(), 3);
    QCOMPARE(d.buckets[2].name, original.buckets[0].name + "-copy");
    QCOMPARE(d.buckets[2].account, std::string("acct-prod")); // accounts still there are reused
    QCOMPARE(d.buckets[2].defaultKey, std::string("k-src"));  // and keys too
    QCOMPARE(d.rules[1].source, d.buckets[2].id);
    QCOMPARE(d.rules[1].destination, d.buckets[3].id);
    QCOMPARE(d.rules[1].role, std::string("r-repl"));
    QVERIFY(idsUnique(d));
    QCOMPARE(undo.count(), 1);
    undo.undo();
    QVERIFY(doc.design() == original);
}

void TestDesignClipboard::pastingTwiceGivesNewIdsAndNames()
{
    Document doc(example("sse-s3-starter"));
    QUndoStack undo;
    const QByteArray payload = document::copyPayload(doc, {"b-site"});
    QVERIFY(!payload.isEmpty());
    QStringList first, second;
    undo.push(document::pasteCommand(doc, payload, &first));
    undo.push(document::pasteCommand(doc, payload, &second));
    QCOMPARE(first.size(), 1);
    QCOMPARE(second.size(), 1);
    QVERIFY(first != second);
    const Design &d = doc.design();
    QCOMPARE(d.buckets.size(), size_t(4));
    QCOMPARE(d.buckets[2].name, d.buckets[0].name + "-copy");
    QCOMPARE(d.buckets[3].name, d.buckets[0].name + "-copy-2");
    // Pasted into the same account, a little below and to the right of the original.
    QCOMPARE(d.buckets[2].geometry.x, d.buckets[0].geometry.x + 40);
    QCOMPARE(d.buckets[2].geometry.y, d.buckets[0].geometry.y + 40);
    QVERIFY(idsUnique(d));
}

void TestDesignClipboard::payloadCarriesItsContextToAnotherDesign()
{
    const Document source(example("cross-account-sse-kms"));
    const QByteArray payload = document::copyPayload(source, {"b-src"});
    // The payload is a design file of its own.
    QVERIFY(payload.contains("\"design\""));

    Document target(example("sse-s3-starter"));
    const Design before = target.design();
    QStringList added;
    std::unique_ptr<QUndoCommand> paste(document::pasteCommand(target, payload, &added));
    QVERIFY(paste);
    paste->redo();
    const Design &d = target.design();
    // The bucket's account and key do not exist here: they come along, with ids of this design.
    QCOMPARE(added.size(), 3);
    QCOMPARE(d.accounts.size(), before.accounts.size() + 1);
    QCOMPARE(d.keys.size(), before.keys.size() + 1);
    const Bucket &pasted = d.buckets.back();
    QCOMPARE(pasted.account, d.accounts.back().id);
    QCOMPARE(pasted.defaultKey, d.keys.back().id);
    QCOMPARE(d.keys.back().account, d.accounts.back().id);
    QVERIFY(idsUnique(d));
    QVERIFY(d.rules == before.rules); // the rule's destination was not copied
    paste->undo();
    QVERIFY(target.design() == before);
}

void TestDesignClipboard::copiedAccountBringsItsContents()
{
    const Design original = example("fan-out-two-regions");
    Document doc(original);
    QStringList added;
    std::unique_ptr<QUndoCommand> dup(document::duplicateCommand(doc, {"acct-logs"}, &added));
    QVERIFY(dup);
    dup->redo();
    const Design &d = doc.design();
    QCOMPARE(d.accounts.size(), size_t(2));
    QCOMPARE(d.buckets.size(), original.buckets.size() * 2);
    QCOMPARE(d.keys.size(), original.keys.size() * 2);
    QCOMPARE(d.roles.size(), size_t(2));
    QCOMPARE(d.rules.size(), original.rules.size() * 2);
    const std::string copy = d.accounts.back().id;
    for (size_t i = original.buckets.size(); i < d.buckets.size(); ++i) {
        QCOMPARE(d.buckets[i].account, copy);
        // Keys are named per account: the copies keep their aliases in the new account.
        QCOMPARE(d.buckets[i].geometry.x, original.buckets[i - original.buckets.size()].geometry.x);
    }
    QCOMPARE(d.keys.back().alias, original.keys.back().alias);
    QVERIFY(idsUnique(d));
}

void TestDesignClipboard::notAPayloadPastesNothing()
{
    Document doc(example("sse-s3-starter"));
    QVERIFY(document::copyPayload(doc, {}).isEmpty());
    QVERIFY(document::copyPayload(doc, {"no-such-element"}).isEmpty());
    QStringList added{"untouched"};
    for (const QByteArray &junk : {QByteArray(), QByteArray("not json"), QByteArray("[1,2]"),
                                   QByteArray("{\"copied\":[\"b1\"],\"design\":\"{\"}")}) {
        std::unique_ptr<QUndoCommand> cmd(document::pasteCommand(doc, junk, &added));
        QVERIFY2(!cmd, junk.constData());
    }
    QCOMPARE(added, QStringList{"untouched"});
}

QTEST_GUILESS_MAIN(TestDesignClipboard)
#include "tst_designclipboard.moc"
