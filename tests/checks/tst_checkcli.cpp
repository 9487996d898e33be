// `s3rd check`: exit codes, the JSON keys, the severity filter and load errors, run as a user
// would run it.

#include "basedesign.h"
#include "checks/findings.h"
#include "cli.h"
#include "core/designfile.h"
#include "files.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace s3rd::model;
using namespace s3rd::test;

class TestCheckCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void exitCodes_data();
    void exitCodes();
    void jsonKeys();
    void minSeverityFiltersOutputNotExitCode();
    void textFormat();
    void loadErrorsNameTheLocation();
    void fixRewritesFileAndReportsWhatIsLeft();
    void fixOnlyNamedRules();
    void fixWithoutFixesLeavesFileAlone();
    void fixNeverRewritesFileThatDoesNotLoad();
    void fixJson();
    void helpListsRules();

private:
    QString write(const QString &name, const Design &d);
    QString writeText(const QString &name, const QByteArray &text);
    QTemporaryDir m_dir;
    QString m_clean;
    QString m_broken;
    QString m_warnings;
};

QString TestCheckCli::writeText(const QString &name, const QByteArray &text)
{
    const QString path = m_dir.filePath(name);
    if (!writeFile(path, text))
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QString TestCheckCli::write(const QString &name, const Design &d)
{
    return writeText(name, QByteArray::fromStdString(serializeDesign(d)));
}

void TestCheckCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_clean = write("clean.s3rd.json", baseDesign());
    Design broken = baseDesign();
    broken.buckets[1].versioning = Versioning::Unversioned; // dst
    m_broken = write("broken.s3rd.json", broken);
    Design warnings = baseDesign();
    warnings.rules[0].metrics = false;
    m_warnings = write("warnings.s3rd.json", warnings);
}

void TestCheckCli::exitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("clean") << QStringList{"check", m_clean} << 0;
    QTest::newRow("warnings only") << QStringList{"check", m_warnings} << 0;
    QTest::newRow("error") << QStringList{"check", m_broken} << 1;
    QTest::newRow("error, json") << QStringList{"check", m_broken, "--format", "json"} << 1;
    QTest::newRow("missing file") << QStringList{"check", m_dir.filePath("none.s3rd.json")} << 2;
    QTest::newRow("no file") << QStringList{"check"} << 2;
    QTest::newRow("two files") << QStringList{"check", m_clean, m_broken} << 2;
    QTest::newRow("bad format") << QStringList{"check", m_clean, "--format", "xml"} << 2;
    QTest::newRow("bad severity") << QStringList{"check", m_clean, "--min-severity", "fatal"} << 2;
    QTest::newRow("unknown option") << QStringList{"check", m_clean, "--frobnicate"} << 2;
}

void TestCheckCli::exitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    const RunResult r = runS3rd(args);
    QVERIFY2(r.exitCode == exitCode, r.err.constData());
}

void TestCheckCli::jsonKeys()
{
    const RunResult r = runS3rd({"check", m_broken, "--format", "json"});
    QCOMPARE(r.exitCode, 1);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject root = doc.object();
    QCOMPARE(root.keys(), (QStringList{"findings", "preflight"}));
    const QJsonArray findings = root["findings"].toArray();
    QVERIFY(!findings.isEmpty());
    bool sawVersioning = false;
    for (const QJsonValue &v : findings) {
        const QJsonObject f = v.toObject();
        QCOMPARE(f.keys(), (QStringList{"elements", "fix", "message", "rule", "severity"}));
        QVERIFY(f["elements"].isArray());
        QVERIFY(f["fix"].isString() || f["fix"].isNull());
        QVERIFY(QStringList({"error", "warning", "info"}).contains(f["severity"].toString()));
        if (f["rule"].toString() == "versioning-destination-off") {
            sawVersioning = true;
            QCOMPARE(f["severity"].toString(), QStringLiteral("error"));
            QCOMPARE(f["elements"].toArray().first().toString(), QStringLiteral("dst"));
            QVERIFY(f["fix"].isString());
        }
    }
    QVERIFY(sawVersioning);
    // Errors come first.
    QCOMPARE(findings.first().toObject()["severity"].toString(), QStringLiteral("error"));
    const QJsonArray preflight = root["preflight"].toArray();
    QCOMPARE(preflight.size(), 8);
    for (const QJsonValue &v : preflight) {
        const QJsonObject p = v.toObject();
        QCOMPARE(p.keys(), (QStringList{"item", "ok", "rules"}));
        QVERIFY(p["ok"].isBool());
    }
    QCOMPARE(preflight.first().toObject()["ok"].toBool(), false);
    QCOMPARE(preflight.first().toObject()["rules"].toArray().first().toString(),
             QStringLiteral("versioning-destination-off"));
}

void TestCheckCli::minSeverityFiltersOutputNotExitCode()
{
    const RunResult all = runS3rd({"check", m_broken, "--format", "json"});
    const RunResult errors =
        runS3rd({"check", m_broken, "--format", "json", "--min-severity", "error"});
    QCOMPARE(errors.exitCode, 1);
    const QJsonArray a = QJsonDocument::fromJson(all.out).object()["findings"].toArray();
    const QJsonArray e = QJsonDocument::fromJson(errors.out).object()["findings"].toArray();
    QVERIFY(e.size() < a.size());
    QVERIFY(!e.isEmpty());
    for (const QJsonValue &v : e)
        QCOMPARE(v.toObject()["severity"].toString(), QStringLiteral("error"));
}

void TestCheckCli::textFormat()
{
    const RunResult r = runS3rd({"check", m_broken});
    QCOMPARE(r.exitCode, 1);
    const QString text = QString::fromUtf8(r.out);
    QVERIFY2(text.contains("1 error"), qPrintable(text));
    QVERIFY(text.contains("versioning-destination-off"));
    QVERIFY(text.contains("Fix: "));
    QVERIFY(text.contains("Pre-flight checklist"));
    QVERIFY(text.contains("[ ] Versioning"));
    QVERIFY(text.contains("[x] Replication metrics"));
}

void TestCheckCli::loadErrorsNameTheLocation()
{
    const QString path = writeText("bad.s3rd.json", "{ \"format\": 1, \"buckets\": [ }");
    const RunResult r = runS3rd({"check", path});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.startsWith((path + ":").toUtf8()), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

namespace {

// Two errors with fixes (destination unversioned, metrics off is a warning) and a warning.
Design fixable()
{
    Design d = baseDesign();
    d.buckets[1].versioning = Versioning::Unversioned; // dst: versioning-destination-off
    d.keys[0].rotation = false;                        // k-src: key-rotation-off (warning)
    d.rules[0].replicaKey.clear();                     // kms-replica-key-missing
    return d;
}

} // namespace

void TestCheckCli::fixRewritesFileAndReportsWhatIsLeft()
{
    const QString path = write("fix-all.s3rd.json", fixable());
    const RunResult r = runS3rd({"check", path, "--fix"});
    QVERIFY2(r.exitCode == 0, r.out.constData());
    const QString text = QString::fromUtf8(r.out);
    QVERIFY2(text.contains("fixed versioning-destination-off: "), qPrintable(text));
    QVERIFY(text.contains("fixed kms-replica-key-missing: "));
    QVERIFY(text.contains("fixed key-rotation-off: "));
    QVERIFY(text.contains(" fixes applied"));
    // Then the findings that remain (none of them an error), and the pre-flight list.
    QVERIFY(text.contains("0 errors"));
    QVERIFY(text.contains("Pre-flight checklist"));

    // The file holds the fixed design, in canonical form.
    const QByteArray saved = readFile(path);
    const LoadResult loaded = parseDesign(saved.toStdString());
    QVERIFY(loaded.ok());
    QCOMPARE(QByteArray::fromStdString(serializeDesign(loaded.design)), saved);
    QCOMPARE(loaded.design.buckets[1].versioning, Versioning::Enabled);
    QCOMPARE(loaded.design.rules[0].replicaKey, std::string("k-dst"));
    QVERIFY(loaded.design.keys[0].rotation);
    QCOMPARE(QDir(m_dir.path()).entryList({"fix-all*"}, QDir::Files).size(), 1); // no temp left

    // Checking again: nothing left to fix, and the file is not touched.
    const RunResult again = runS3rd({"check", path, "--fix"});
    QCOMPARE(again.exitCode, 0);
    QVERIFY(QString::fromUtf8(again.out).contains("0 fixes applied; the file is unchanged"));
    QCOMPARE(readFile(path), saved);
}

void TestCheckCli::fixOnlyNamedRules()
{
    const QString path = write("fix-some.s3rd.json", fixable());
    const RunResult r = runS3rd({"check", path, "--fix", "--rule", "key-rotation-off"});
    // The errors were not fixed: exit status as for check on the result.
    QCOMPARE(r.exitCode, 1);
    const QString text = QString::fromUtf8(r.out);
    QVERIFY(text.contains("fixed key-rotation-off: "));
    QVERIFY(!text.contains("fixed versioning-destination-off"));
    QVERIFY(text.contains("[E] versioning-destination-off"));
    const LoadResult loaded = loadDesignFile(path.toStdString());
    QVERIFY(loaded.ok());
    QVERIFY(loaded.design.keys[0].rotation);
    QCOMPARE(loaded.design.buckets[1].versioning, Versioning::Unversioned);

    // Several rules: repeated, or separated by commas.
    const RunResult more = runS3rd(
        {"check", path, "--fix", "--rule", "versioning-destination-off,kms-replica-key-missing"});
    QCOMPARE(more.exitCode, 0);

    // Unknown rule ids and --rule without --fix are usage errors; the file is not touched.
    const QByteArray before = readFile(path);
    QCOMPARE(runS3rd({"check", path, "--fix", "--rule", "no-such-rule"}).exitCode, 2);
    QCOMPARE(runS3rd({"check", path, "--rule", "key-rotation-off"}).exitCode, 2);
    QCOMPARE(readFile(path), before);
}

void TestCheckCli::fixWithoutFixesLeavesFileAlone()
{
    // A hand-written, non-canonical file with nothing to fix stays byte for byte.
    QByteArray text = QByteArray::fromStdString(serializeDesign(baseDesign()));
    text.replace("\n  ", "\n    ");
    const QString path = writeText("nothing.s3rd.json", text);
    const RunResult r = runS3rd({"check", path, "--fix", "--rule", "rule-disabled"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(readFile(path), text);
}

void TestCheckCli::fixNeverRewritesFileThatDoesNotLoad()
{
    const QByteArray text = "{ \"format\": \"s3-replication-designer\", \"formatVersion\": 1, "
                            "\"buckets\": [{\"id\": \"b\"}] }";
    const QString path = writeText("broken-fix.s3rd.json", text);
    const RunResult r = runS3rd({"check", path, "--fix"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.startsWith((path + ":").toUtf8()));
    QCOMPARE(readFile(path), text);
}

void TestCheckCli::fixJson()
{
    const QString path = write("fix-json.s3rd.json", fixable());
    const RunResult r = runS3rd({"check", path, "--fix", "--format", "json"});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject root = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(root.keys(), (QStringList{"findings", "fixed", "preflight"}));
    const QJsonArray fixed = root["fixed"].toArray();
    QCOMPARE(fixed.size(), 3);
    for (const QJsonValue &v : fixed) {
        QCOMPARE(v.toObject().keys(), (QStringList{"elements", "fix", "rule"}));
        QVERIFY(!v.toObject()["fix"].toString().isEmpty());
    }
}

void TestCheckCli::helpListsRules()
{
    // The usage names --fix and --rule and lists every rule id (the man page and the bash
    // completion read it from there).
    const RunResult r = runS3rd({"help", "check"});
    QCOMPARE(r.exitCode, 0);
    const QString text = QString::fromUtf8(r.out);
    QVERIFY2(text.contains("--fix") && text.contains("--rule RULE"), qPrintable(text));
    const qsizetype rules = text.indexOf("\nRules:\n");
    QVERIFY(rules > 0);
    for (const RuleInfo &info : ruleCatalog())
        QVERIFY2(text.indexOf(QString::fromUtf8(info.id.data(), qsizetype(info.id.size())), rules) >
                     0,
                 info.id.data());
}

QTEST_GUILESS_MAIN(TestCheckCli)
#include "tst_checkcli.moc"
