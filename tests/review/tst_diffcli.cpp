// `s3rd diff` run as a user (or a CI job) runs it: exit codes, the JSON shape, standard input,
// Markdown for a pull request, and files that do not load.

#include "cli.h"
#include "core/designfile.h"
#include "files.h"
#include "reviewdesigns.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace s3rd::model;
using namespace s3rd::test;

class TestDiffCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void exitCodes_data();
    void exitCodes();
    void jsonShape();
    void oldDesignFromStandardInput();
    void markdownForPullRequests();
    void brokenFileNamesLineAndColumn();

private:
    QString write(const QString &name, const Design &d);
    QTemporaryDir m_dir;
    QString m_base, m_moved, m_wider, m_broken, m_suspended, m_syntax;
};

QString TestDiffCli::write(const QString &name, const Design &d)
{
    const QString path = m_dir.filePath(name);
    if (!writeFile(path, QByteArray::fromStdString(serializeDesign(d))))
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestDiffCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_base = write("base.s3rd.json", baseDesign());
    Design moved = baseDesign();
    moved.buckets[0].geometry.x += 300;
    m_moved = write("moved.s3rd.json", moved);
    m_wider = write("wider.s3rd.json", withSecondDestination());
    Design suspended = baseDesign();
    suspended.buckets[1].versioning = Versioning::Suspended;
    m_suspended = write("suspended.s3rd.json", suspended);
    m_syntax = m_dir.filePath("syntax.s3rd.json");
    QVERIFY(
        writeFile(m_syntax, "{\n  \"format\": \"s3-replication-designer\",\n  \"name\": \n}\n"));
}

void TestDiffCli::exitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("same design") << QStringList{"diff", m_base, m_base} << 0;
    QTest::newRow("box moved") << QStringList{"diff", m_base, m_moved} << 0;
    QTest::newRow("new access") << QStringList{"diff", m_base, m_wider} << 1;
    QTest::newRow("access removed only") << QStringList{"diff", m_wider, m_base} << 0;
    QTest::newRow("new error finding") << QStringList{"diff", m_base, m_suspended} << 1;
    QTest::newRow("error resolved") << QStringList{"diff", m_suspended, m_base} << 0;
    QTest::newRow("json, new access")
        << QStringList{"diff", m_base, m_wider, "--format", "json"} << 1;
    QTest::newRow("missing file") << QStringList{"diff", m_base, m_dir.filePath("none.s3rd.json")}
                                  << 2;
    QTest::newRow("syntax error") << QStringList{"diff", m_syntax, m_base} << 2;
    QTest::newRow("one file") << QStringList{"diff", m_base} << 2;
    QTest::newRow("bad format") << QStringList{"diff", m_base, m_base, "--format", "xml"} << 2;
    QTest::newRow("stdin twice") << QStringList{"diff", "-", "-"} << 2;
}

void TestDiffCli::exitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    const RunResult r = runS3rd(args);
    QVERIFY2(!r.crashed, qPrintable(r.errText()));
    QCOMPARE(r.exitCode, exitCode);
    if (exitCode == 2)
        QVERIFY(r.out.isEmpty());
}

void TestDiffCli::jsonShape()
{
    const RunResult r = runS3rd({"diff", m_base, m_wider, "--format", "json"});
    QCOMPARE(r.exitCode, 1);
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(r.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(root.keys(), (QStringList{"access", "documents", "elements", "findings", "simulate"}));
    const QJsonObject element = root["elements"].toArray().first().toObject();
    QCOMPARE(element.keys(), (QStringList{"change", "fields", "id", "kind"}));
    QCOMPARE(element["id"].toString(), QStringLiteral("dst2"));
    QCOMPARE(element["kind"].toString(), QStringLiteral("bucket"));
    QCOMPARE(element["change"].toString(), QStringLiteral("added"));
    const QJsonObject document = root["documents"].toArray().first().toObject();
    QCOMPARE(document.keys(), (QStringList{"change", "diff", "path"}));
    QVERIFY(document["diff"].toString().contains("\n@@ "));
    const QJsonObject access = root["access"].toObject();
    QCOMPARE(access.keys(), (QStringList{"granted", "removed"}));
    QVERIFY(access["removed"].toArray().isEmpty());
    bool replicate = false;
    for (const QJsonValue &v : access["granted"].toArray()) {
        const QJsonObject a = v.toObject();
        QCOMPARE(a.keys(), (QStringList{"action", "conditions", "principal", "resource"}));
        QVERIFY(a["conditions"].isObject());
        replicate |= a["action"] == "s3:ReplicateObject" &&
                     a["resource"] == "arn:aws:s3:::dst-second-eu/*" &&
                     a["principal"] == "arn:aws:iam::111122223333:role/s3-replication";
    }
    QVERIFY(replicate);
    QCOMPARE(root["findings"].toObject().keys(), (QStringList{"introduced", "resolved"}));
    QVERIFY(root["simulate"].isArray());
    const QJsonObject sim = root["simulate"].toArray().first().toObject();
    QCOMPARE(sim["destination"].toString(), QStringLiteral("dst-second-eu"));
    QCOMPARE(sim["before"].toString(), QStringLiteral("none"));
    QCOMPARE(sim["after"].toString(), QStringLiteral("replicated"));
}

void TestDiffCli::oldDesignFromStandardInput()
{
    RunOptions options;
    options.input = readFile(m_base);
    const RunResult r = runS3rd({"diff", "-", m_wider}, options);
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.outText().contains("s3:ReplicateObject on arn:aws:s3:::dst-second-eu/*"));
    options.input = readFile(m_wider);
    const RunResult same = runS3rd({"diff", m_wider, "-"}, options);
    QCOMPARE(same.exitCode, 0);
    QVERIFY(same.outText().contains("No difference."));
    options.input = "not json";
    const RunResult bad = runS3rd({"diff", "-", m_base}, options);
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.errText().startsWith("<stdin>:"));
}

void TestDiffCli::markdownForPullRequests()
{
    const RunResult r = runS3rd({"diff", m_base, m_wider, "--format", "markdown"});
    QCOMPARE(r.exitCode, 1);
    const QString md = r.outText();
    QVERIFY(md.contains("grants new access"));
    QVERIFY(md.contains("| Principal | Action | Resource | Conditions |"));
    QVERIFY(md.contains("```diff\n--- a/"));
    QVERIFY(md.indexOf("#### Access granted") < md.indexOf("#### Documents"));
}

void TestDiffCli::brokenFileNamesLineAndColumn()
{
    const RunResult r = runS3rd({"diff", m_syntax, m_base});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.errText().startsWith(m_syntax + ":line 4, column 1: "), qPrintable(r.errText()));
}

QTEST_GUILESS_MAIN(TestDiffCli)
#include "tst_diffcli.moc"
