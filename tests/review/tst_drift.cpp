// `s3rd drift`: AWS CLI outputs of what runs, compared with the design they were imported
// from, then with what changed on either side.

#include "cli.h"
#include "files.h"
#include "testpaths.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace s3rd::test;

class TestDrift : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void matchingSetupHasNoDrift();
    void ruleChangedInDesign();
    void versioningSuspendedInAws();
    void bucketPolicyStatementGone();
    void badInput_data();
    void badInput();

private:
    // The import arguments of the case, with files taken from the temporary copy.
    QStringList inputArgs() const;
    QTemporaryDir m_dir;
    QString m_design;
};

namespace {
const QString kCase = QStringLiteral("import/v2-multi-destination-rtc");
}

void TestDrift::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QDir data(testDataPath(kCase));
    for (const QString &name : data.entryList(QDir::Files))
        QVERIFY(writeFile(m_dir.filePath(name), readFile(data.filePath(name))));
    m_design = m_dir.filePath("expected.s3rd.json");
}

QStringList TestDrift::inputArgs() const
{
    QStringList out;
    for (const QString &a : readText(m_dir.filePath("args")).split('\n', Qt::SkipEmptyParts))
        out << (a.startsWith("--") || !a.endsWith(".json") ? a : m_dir.filePath(a));
    return out;
}

void TestDrift::matchingSetupHasNoDrift()
{
    const RunResult r = runS3rd(QStringList{"drift", m_design} + inputArgs());
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.outText().contains("AWS matches"));
}

void TestDrift::ruleChangedInDesign()
{
    QString text = readText(m_design);
    QVERIFY(text.contains("\"filterPrefix\": \"orders/\""));
    text.replace("\"filterPrefix\": \"orders/\"", "\"filterPrefix\": \"other/\"");
    const QString changed = m_dir.filePath("changed.s3rd.json");
    QVERIFY(writeFile(changed, text.toUtf8()));
    const RunResult r = runS3rd(QStringList{"drift", changed, "--format", "json"} + inputArgs());
    QCOMPARE(r.exitCode, 1);
    const QJsonArray drift = QJsonDocument::fromJson(r.out).object()["drift"].toArray();
    QVERIFY(!drift.isEmpty());
    bool prefix = false;
    for (const QJsonValue &v : drift) {
        const QJsonObject d = v.toObject();
        prefix |= d["rule"] == "drift-document" &&
                  d["document"] == "111122223333/replication-prod-orders.json" &&
                  d["location"].toString().endsWith("].Filter.Prefix");
    }
    QVERIFY2(prefix, r.out.constData());
}

void TestDrift::versioningSuspendedInAws()
{
    const QString versioning = m_dir.filePath("dr-get-bucket-versioning.json");
    const QByteArray before = readFile(versioning);
    QVERIFY(writeFile(versioning, "{\"Status\": \"Suspended\", \"MFADelete\": \"Disabled\"}\n"));
    const RunResult r = runS3rd(QStringList{"drift", m_design} + inputArgs());
    QVERIFY(writeFile(versioning, before));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.outText().contains("drift-versioning") &&
                 r.outText().contains("bucket prod-orders-dr: versioning is suspended in AWS"),
             r.out.constData());
}

void TestDrift::bucketPolicyStatementGone()
{
    const QString policy = m_dir.filePath("audit-get-bucket-policy.json");
    const QByteArray before = readFile(policy);
    // The AWS policy keeps only its first statement: "Permissions on bucket" is gone.
    QJsonObject outer = QJsonDocument::fromJson(before).object();
    QJsonObject inner = QJsonDocument::fromJson(outer["Policy"].toString().toUtf8()).object();
    QJsonArray statements = inner["Statement"].toArray();
    statements.removeLast();
    inner["Statement"] = statements;
    outer["Policy"] = QString::fromUtf8(QJsonDocument(inner).toJson(QJsonDocument::Compact));
    QVERIFY(writeFile(policy, QJsonDocument(outer).toJson()));
    // The design is the import of the full policy: AWS no longer has the second statement.
    const RunResult r = runS3rd(QStringList{"drift", m_design, "--format", "json"} + inputArgs());
    QVERIFY(writeFile(policy, before));
    QCOMPARE(r.exitCode, 1);
    bool gone = false;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).object()["drift"].toArray()) {
        const QJsonObject d = v.toObject();
        gone |= d["document"].toString().contains("bucket-policy") &&
                d["location"].toString().startsWith("Statement[1]") &&
                d["message"].toString().contains("AWS does not have");
    }
    QVERIFY2(gone, r.out.constData());
}

void TestDrift::badInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");
    QTest::newRow("no design") << QStringList{"drift"} << "missing DESIGN";
    QTest::newRow("design does not load")
        << QStringList{"drift", m_dir.filePath("get-role.json"), m_dir.filePath("get-role.json")}
        << "get-role.json:";
    QTest::newRow("input is not JSON")
        << QStringList{"drift", m_design, m_dir.filePath("args")} << "args";
    QTest::newRow("--out is not an option")
        << QStringList{"drift", m_design, "--out", "x.s3rd.json", m_dir.filePath("get-role.json")}
        << "unknown option --out";
}

void TestDrift::badInput()
{
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    const RunResult r = runS3rd(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.errText().contains(error), qPrintable(r.errText()));
}

QTEST_GUILESS_MAIN(TestDrift)
#include "tst_drift.moc"
