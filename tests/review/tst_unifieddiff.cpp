// The unified diff of generated documents, compared with what `diff -u` prints for the same
// two texts: the hunks a reviewer reads must be the ones the usual tool shows.

#include "cli.h"
#include "files.h"
#include "review/unifieddiff.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace s3rd::model::review;
using namespace s3rd::test;

class TestUnifiedDiff : public QObject
{
    Q_OBJECT

private slots:
    void matchesDiffU_data();
    void matchesDiffU();
    void equalTextsGiveNothing();
    void headersNameBothSides();
    void hugeRewriteStaysCorrect();
};

namespace {

// n numbered lines "line 1\n" … with the given lines replaced.
QByteArray lines(int n, const std::map<int, QByteArray> &replaced = {}, int from = 1)
{
    QByteArray out;
    for (int i = from; i <= n; ++i) {
        const auto it = replaced.find(i);
        out += it != replaced.end() ? it->second : "line " + QByteArray::number(i) + "\n";
    }
    return out;
}

// Everything from the first hunk on (diff -u's headers carry file names and times).
QByteArray hunks(const QByteArray &diff)
{
    const qsizetype at = diff.indexOf("\n@@");
    return at < 0 ? QByteArray() : diff.mid(at + 1);
}

} // namespace

void TestUnifiedDiff::matchesDiffU_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::newRow("one line changed") << lines(10) << lines(10, {{5, "five\n"}});
    QTest::newRow("two hunks") << lines(30) << lines(30, {{3, "three\n"}, {25, "x\n"}});
    QTest::newRow("changes 6 lines apart join")
        << lines(20) << lines(20, {{5, "a\n"}, {12, "b\n"}});
    QTest::newRow("changes 7 lines apart split")
        << lines(20) << lines(20, {{5, "a\n"}, {13, "b\n"}});
    QTest::newRow("insert at start") << lines(8) << "new\n" + lines(8);
    QTest::newRow("append at end") << lines(8) << lines(8) + "new\n";
    QTest::newRow("delete first lines") << lines(8) << lines(8, {}, 3);
    QTest::newRow("added document") << QByteArray() << lines(4);
    QTest::newRow("removed document") << lines(4) << QByteArray();
    QTest::newRow("one line file") << QByteArray("a\n") << QByteArray("b\n");
    QTest::newRow("no final newline") << lines(5) << lines(5).chopped(1);
    QTest::newRow("final newline added") << lines(5).chopped(1) << lines(5);
    QTest::newRow("json array grows")
        << QByteArray("{\n  \"Resource\": [\n    \"arn:aws:s3:::a/*\"\n  ]\n}\n")
        << QByteArray("{\n  \"Resource\": [\n    \"arn:aws:s3:::a/*\",\n    \"arn:aws:s3:::b/*\"\n"
                      "  ]\n}\n");
}

void TestUnifiedDiff::matchesDiffU()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    const QString diff = QStandardPaths::findExecutable("diff");
    if (diff.isEmpty())
        QSKIP("diff is not installed");
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath("old"), before));
    QVERIFY(writeFile(dir.filePath("new"), after));
    const RunResult expected = runProgram(diff, {"-u", dir.filePath("old"), dir.filePath("new")});
    QCOMPARE(expected.exitCode, 1);
    const std::string ours = unifiedDiff(before.toStdString(), after.toStdString(), "a", "b");
    QCOMPARE(hunks(QByteArray::fromStdString(ours)), hunks(expected.out));
}

void TestUnifiedDiff::equalTextsGiveNothing()
{
    QCOMPARE(unifiedDiff("a\nb\n", "a\nb\n", "a", "b"), std::string());
}

void TestUnifiedDiff::headersNameBothSides()
{
    const std::string d = unifiedDiff("a\n", "b\n", "a/x.json", "b/x.json");
    QCOMPARE(QString::fromStdString(d),
             QStringLiteral("--- a/x.json\n+++ b/x.json\n@@ -1 +1 @@\n-a\n+b\n"));
}

void TestUnifiedDiff::hugeRewriteStaysCorrect()
{
    // More edits than the shortest-script search takes on: the middle is replaced whole, and
    // applying the hunks still turns one text into the other.
    std::string before, after;
    for (int i = 0; i < 3000; ++i) {
        before += "old " + std::to_string(i) + "\n";
        after += "new " + std::to_string(i) + "\n";
    }
    const std::string d = unifiedDiff("same\n" + before, "same\n" + after, "a", "b");
    std::string rebuilt = "same\n";
    std::size_t pos = 0;
    while (pos < d.size()) {
        const std::size_t nl = d.find('\n', pos);
        const std::string line = d.substr(pos, nl - pos);
        pos = nl + 1;
        if (line.starts_with("+") && !line.starts_with("+++"))
            rebuilt += line.substr(1) + "\n";
    }
    QCOMPARE(rebuilt, "same\n" + after);
    QVERIFY(d.find("@@ -1,3001 +1,3001 @@\n same\n-old 0\n") != std::string::npos);
}

QTEST_GUILESS_MAIN(TestUnifiedDiff)
#include "tst_unifieddiff.moc"
