// `s3rd simulate`: exit codes and the JSON keys scripts depend on.

#include "cli.h"
#include "core/designfile.h"
#include "designbuilder.h"

#include <QtTest>

#include <nlohmann/json.hpp>

using namespace s3rd::model;
using namespace s3rd::test;

namespace {

Design cliDesign(bool destinationVersioned)
{
    DesignBuilder b("cli");
    b.account("a1", "111122223333", "source");
    b.account("a2", "444455556666", "destination");
    b.key("k1", "a1", "us-east-1", "alias/cli-source", "1234abcd-12ab-34cd-56ef-1234567890ab");
    b.key("k2", "a2", "eu-west-1", "alias/cli-replica", "5678abcd-12ab-34cd-56ef-1234567890ab");
    // The role may decrypt only the source keys the design names.
    b.kmsBucket("b1", "cli-source-bucket", "a1", "us-east-1", "k1");
    b.bucket("b2", "cli-destination-bucket", "a2", "eu-west-1").versioning =
        destinationVersioned ? Versioning::Enabled : Versioning::Unversioned;
    b.role("r1", "a1", "cli-replication");
    ReplicationRule &rule = b.kmsRule("rule1", "b1", "b2", "r1", "k2");
    rule.ruleId = "to-eu";
    rule.filterPrefix = "data/";
    return b.design();
}

} // namespace

class TestSimulateCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void exitCodes_data();
    void exitCodes();
    void jsonKeys();

private:
    QTemporaryDir m_dir;
    QString m_good;
    QString m_broken;
};

void TestSimulateCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_good = m_dir.filePath("good.s3rd.json");
    m_broken = m_dir.filePath("broken.s3rd.json");
    QCOMPARE(saveDesignFile(cliDesign(true), m_good.toStdString()), std::string());
    QCOMPARE(saveDesignFile(cliDesign(false), m_broken.toStdString()), std::string());
}

void TestSimulateCli::exitCodes_data()
{
    QTest::addColumn<bool>("broken");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");

    QTest::newRow("replicates") << false
                                << QStringList{"--bucket", "cli-source-bucket", "--key", "data/a.csv"}
                                << 0;
    QTest::newRow("replicates, SSE-KMS by alias")
        << false
        << QStringList{"--bucket", "cli-source-bucket", "--key", "data/a.csv", "--encryption",
                       "sse-kms:alias/cli-source", "--format", "json"}
        << 0;
    QTest::newRow("destination unversioned") << true
                                             << QStringList{"--bucket", "cli-source-bucket",
                                                            "--key", "data/a.csv"}
                                             << 1;
    QTest::newRow("no rule matches") << false
                                     << QStringList{"--bucket", "cli-source-bucket", "--key",
                                                    "other/a.csv"}
                                     << 1;
    QTest::newRow("a replica") << false
                               << QStringList{"--bucket", "cli-source-bucket", "--key",
                                              "data/a.csv", "--replica"}
                               << 1;
    QTest::newRow("unknown bucket") << false
                                    << QStringList{"--bucket", "nope", "--key", "data/a.csv"} << 2;
    QTest::newRow("missing key") << false << QStringList{"--bucket", "cli-source-bucket"} << 2;
    QTest::newRow("bad encryption") << false
                                    << QStringList{"--bucket", "cli-source-bucket", "--key",
                                                   "data/a.csv", "--encryption", "rot13"}
                                    << 2;
    QTest::newRow("unknown key id") << false
                                    << QStringList{"--bucket", "cli-source-bucket", "--key",
                                                   "data/a.csv", "--encryption", "sse-kms:nope"}
                                    << 2;
    QTest::newRow("bad tags") << false
                              << QStringList{"--bucket", "cli-source-bucket", "--key",
                                             "data/a.csv", "--tags", "novalue"}
                              << 2;
    QTest::newRow("unknown option") << false
                                    << QStringList{"--bucket", "cli-source-bucket", "--key",
                                                   "data/a.csv", "--frobnicate"}
                                    << 2;
}

void TestSimulateCli::exitCodes()
{
    QFETCH(bool, broken);
    QFETCH(QStringList, args);
    QFETCH(int, code);
    const RunResult r = runS3rd(QStringList{"simulate", broken ? m_broken : m_good} + args);
    QVERIFY2(r.exitCode == code, (r.out + r.err).constData());
    if (code == 2)
        QVERIFY(!r.err.isEmpty());
}

void TestSimulateCli::jsonKeys()
{
    RunResult r = runS3rd({"simulate", m_broken, "--bucket", "cli-source-bucket", "--key",
                           "data/a.csv", "--format", "json"});
    QCOMPARE(r.exitCode, 1);
    const auto doc = nlohmann::json::parse(r.out.toStdString(), nullptr, false);
    QVERIFY(!doc.is_discarded());
    QVERIFY(doc.contains("destinations"));
    QCOMPARE(doc["destinations"].size(), std::size_t(1));
    const auto &d = doc["destinations"][0];
    QCOMPARE(d["bucket"].get<std::string>(), std::string("arn:aws:s3:::cli-destination-bucket"));
    QCOMPARE(d["rule"].get<std::string>(), std::string("to-eu"));
    QCOMPARE(d["outcome"].get<std::string>(), std::string("failed"));
    QCOMPARE(d["reason"].get<std::string>(), std::string("DstBucketUnversioned"));
    QVERIFY(d["steps"].is_array() && !d["steps"].empty());

    r = runS3rd({"simulate", m_good, "--bucket", "cli-source-bucket", "--key", "data/a.csv",
                 "--tags", "team=data,env=prod", "--format", "json"});
    QCOMPARE(r.exitCode, 0);
    const auto ok = nlohmann::json::parse(r.out.toStdString(), nullptr, false);
    QVERIFY(!ok.is_discarded());
    const auto &dest = ok["destinations"][0];
    QCOMPARE(dest["outcome"].get<std::string>(), std::string("replicated"));
    bool sawAssume = false;
    for (const auto &s : dest["steps"]) {
        for (const char *key : {"check", "request", "policies", "decision", "matched"})
            QVERIFY2(s.contains(key), key);
        for (const char *key : {"principal", "action", "resource", "context"})
            QVERIFY2(s["request"].contains(key), key);
        for (const auto &m : s["matched"]) {
            QVERIFY(m.contains("policy") && m.contains("sid") && m.contains("effect"));
            QVERIFY(m["effect"] == "Allow" || m["effect"] == "Deny");
        }
        if (s["check"] == "assume-role") {
            sawAssume = true;
            QCOMPARE(s["request"]["principal"].get<std::string>(), std::string("s3.amazonaws.com"));
            QCOMPARE(s["request"]["context"]["aws:SourceAccount"].get<std::string>(),
                     std::string("111122223333"));
            QCOMPARE(s["decision"].get<std::string>(), std::string("allowed"));
        }
    }
    QVERIFY(sawAssume);

    // Text output names the failing check and the reason.
    r = runS3rd({"simulate", m_broken, "--bucket", "cli-source-bucket", "--key", "data/a.csv"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.contains("DstBucketUnversioned"));
    QVERIFY(r.out.contains("destination-versioning"));
}

QTEST_GUILESS_MAIN(TestSimulateCli)
#include "tst_simulatecli.moc"
