// Import: hand-written real-world AWS CLI outputs (tests/data/import/<case>/, run through the
// s3rd command line exactly as a user would), bad input with precise errors, and the round trip
// of every example: importing the generated documents gives an equivalent design whose
// documents are byte-identical.

#include "cli.h"
#include "core/designfile.h"
#include "exchange/importer.h"
#include "files.h"
#include "golden.h"
#include "policies/artifacts.h"
#include "testpaths.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace s3rd::model;
using namespace s3rd::model::exchange;
using namespace s3rd::test;

namespace {

const QString kImportData = s3rd::test::testDataPath("import");

const Bucket *bucketNamed(const Design &d, const std::string &name)
{
    for (const Bucket &b : d.buckets) {
        if (b.name == name)
            return &b;
    }
    return nullptr;
}

const ReplicationRule *ruleNamed(const Design &d, const std::string &ruleId)
{
    for (const ReplicationRule &r : d.rules) {
        if (r.ruleId == ruleId)
            return &r;
    }
    return nullptr;
}

std::string accountIdOf(const Design &d, const std::string &element)
{
    for (const Account &a : d.accounts) {
        if (a.id == element)
            return a.accountId;
    }
    return "?";
}

// `s3rd import` run in the case's folder, with the arguments listed in its args file.
RunResult runImport(const QString &caseDir, const QString &outFile)
{
    QStringList args{"import", "--out", outFile};
    for (const QString &line : readText(caseDir + "/args").split('\n', Qt::SkipEmptyParts))
        args << line;
    RunOptions options;
    options.workingDirectory = caseDir;
    return runS3rd(args, options);
}

} // namespace

class TestImporter : public QObject
{
    Q_OBJECT

private slots:
    void samples_data();
    void samples();
    void sampleFacts();
    void lifecycleAndKeyState();
    void subjectNotUtf8();
    void badInput_data();
    void badInput();
    void roundTrip_data();
    void roundTrip();
};

void TestImporter::samples_data()
{
    QTest::addColumn<QString>("caseName");
    const QStringList cases = QDir(kImportData).entryList(QDir::Dirs | QDir::NoDotAndDotDot,
                                                          QDir::Name);
    QVERIFY(cases.size() >= 6);
    for (const QString &c : cases)
        QTest::newRow(qPrintable(c)) << c;
}

// Each sample imports to its golden design, or is rejected with the expected error and no file.
void TestImporter::samples()
{
    QFETCH(QString, caseName);
    const QString caseDir = kImportData + "/" + caseName;
    QTemporaryDir tmp;
    const QString out = tmp.path() + "/imported.s3rd.json";
    const RunResult r = runImport(caseDir, out);
    const QString expectedError = readText(caseDir + "/expected-error").trimmed();
    if (!expectedError.isEmpty()) {
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(expectedError), r.err.constData());
        QVERIFY(!QFile::exists(out));
        return;
    }
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString message =
        compareWithGolden(caseDir + "/expected.s3rd.json", readFile(out),
                          buildPath("import-" + caseName + ".actual.s3rd.json"));
    QVERIFY2(message.isEmpty(), qPrintable(message));
}

// What each sample must say, independently of the golden files.
void TestImporter::sampleFacts()
{
    QTemporaryDir tmp;
    const auto load = [&](const QString &c) {
        const QString out = tmp.path() + "/" + c + ".s3rd.json";
        const RunResult r = runImport(kImportData + "/" + c, out);
        if (r.exitCode != 0)
            qWarning("%s", r.err.constData());
        return loadDesignFile(out.toStdString());
    };

    // V2 with two destinations: RTC, a tag filter, owner override across accounts, and a
    // console-created role under service-role/ whose policies are kept verbatim.
    {
        const LoadResult l = load("v2-multi-destination-rtc");
        QVERIFY(l.ok());
        const Design &d = l.design;
        QCOMPARE(d.buckets.size(), std::size_t(3));
        QCOMPARE(d.rules.size(), std::size_t(2));
        const ReplicationRule *dr = ruleNamed(d, "orders-to-dr");
        const ReplicationRule *audit = ruleNamed(d, "audit-copy");
        QVERIFY(dr && audit);
        QVERIFY(dr->replicationTimeControl && dr->metrics && dr->deleteMarkerReplication);
        QCOMPARE(dr->storageClass, std::string("STANDARD_IA"));
        QCOMPARE(dr->priority, 2);
        QCOMPARE(audit->filterPrefix, std::string("orders/"));
        QCOMPARE(audit->filterTags.size(), std::size_t(1));
        QCOMPARE(audit->filterTags.front().key, std::string("classification"));
        QVERIFY(audit->ownerOverride && !audit->deleteMarkerReplication);
        QCOMPARE(accountIdOf(d, bucketNamed(d, "audit-orders-eu")->account),
                 std::string("444455556666"));
        QCOMPARE(bucketNamed(d, "prod-orders-dr")->region, std::string("us-west-2"));
        QCOMPARE(d.roles.size(), std::size_t(1));
        QCOMPARE(d.roles.front().path, std::string("/service-role/"));
        QCOMPARE(d.roles.front().name, std::string("s3crr_role_for_prod-orders"));
        // The console's permissions and trust policies (no Sid) and the hand-written bucket
        // policy differ from what the designer generates: kept verbatim.
        QVERIFY(d.roles.front().customPermissionsPolicy);
        QVERIFY(d.roles.front().customPermissionsPolicy->document.find(
                    "s3crr_for_prod-orders_to_prod-orders-dr")
                    == std::string::npos); // the name is the policy's, the text the document
        QCOMPARE(d.roles.front().customPermissionsPolicy->name,
                 std::string("s3crr_for_prod-orders_to_prod-orders-dr"));
        QVERIFY(d.roles.front().customTrustPolicy);
        QVERIFY(d.roles.front().customTrustPolicy->document.find("sts:AssumeRole")
                != std::string::npos);
        QVERIFY(bucketNamed(d, "audit-orders-eu")->customBucketPolicy);
        // A console policy granting GetObjectRetention does not make the bucket Object Lock.
        QVERIFY(!bucketNamed(d, "prod-orders")->objectLock);
    }
    // V1: rule-level prefixes, no priorities; regenerated as V2 and flagged.
    {
        const LoadResult l = load("v1-legacy");
        QVERIFY(l.ok());
        const Design &d = l.design;
        QCOMPARE(d.rules.size(), std::size_t(2));
        for (const ReplicationRule &r : d.rules)
            QVERIFY(r.importedAsV1);
        QCOMPARE(ruleNamed(d, "legacy-logs")->filterPrefix, std::string("logs/"));
        QVERIFY(!ruleNamed(d, "legacy-audit")->enabled);
        QCOMPARE(ruleNamed(d, "legacy-logs")->storageClass, std::string("GLACIER_IR"));
        QCOMPARE(accountIdOf(d, bucketNamed(d, "legacy-logs")->account),
                 std::string("210987654321"));
        QCOMPARE(bucketNamed(d, "legacy-logs")->region, std::string()); // unknown, not invented
    }
    // SSE-KMS with the AWS managed key at the source and a customer managed replica key.
    {
        const LoadResult l = load("sse-kms-aws-managed");
        QVERIFY(l.ok());
        const Design &d = l.design;
        const Bucket *src = bucketNamed(d, "ledger-primary");
        QVERIFY(src && src->objectLock && src->bucketKey);
        QCOMPARE(int(src->defaultEncryption), int(DefaultEncryption::SseKms));
        const KmsKey *srcKey = nullptr, *replicaKey = nullptr;
        for (const KmsKey &k : d.keys) {
            if (k.id == src->defaultKey)
                srcKey = &k;
        }
        const ReplicationRule *r = ruleNamed(d, "ledger-all");
        QVERIFY(r && r->replicateKmsObjects && r->replicaModificationSync && r->metrics);
        QCOMPARE(r->priority, 0);
        for (const KmsKey &k : d.keys) {
            if (k.id == r->replicaKey)
                replicaKey = &k;
        }
        QVERIFY(srcKey && replicaKey);
        QCOMPARE(int(srcKey->kind), int(KeyKind::AwsManaged));
        QCOMPARE(srcKey->alias, std::string("alias/aws/s3"));
        QCOMPARE(int(replicaKey->kind), int(KeyKind::CustomerManaged));
        QVERIFY(replicaKey->rotation);
        QCOMPARE(replicaKey->region, std::string("us-west-2"));
        QVERIFY(replicaKey->customKeyPolicy); // the console's default policy, verbatim
        QVERIFY(bucketNamed(d, "ledger-replica")->objectLock);
        QCOMPARE(d.roles.front().path, std::string("/"));
        // The URL-encoded trust policy of the raw API output, decoded.
        QVERIFY(d.roles.front().customTrustPolicy);
        QVERIFY(d.roles.front().customTrustPolicy->document.rfind("{\"Version\":\"2012-10-17\"", 0)
                == 0);
    }
}

void TestImporter::lifecycleAndKeyState()
{
    // get-bucket-lifecycle-configuration: only enabled rules count, and only transitions to
    // Glacier Flexible Retrieval or Deep Archive (not Glacier Instant Retrieval) are the ones
    // replication skips. describe-key's KeyState is kept.
    const std::string glacier = R"({"TransitionDefaultMinimumObjectSize": "all_storage_classes_128K",
        "Rules": [{"ID": "old", "Status": "Disabled", "Filter": {},
                   "Transitions": [{"Days": 1, "StorageClass": "DEEP_ARCHIVE"}]},
                  {"ID": "archive", "Status": "Enabled", "Filter": {"Prefix": "logs/"},
                   "NoncurrentVersionTransitions": [{"NoncurrentDays": 30,
                                                     "StorageClass": "GLACIER"}]}]})";
    const std::string instant = R"({"Rules": [{"ID": "ir", "Status": "Enabled", "Filter": {},
        "Transitions": [{"Days": 30, "StorageClass": "GLACIER_IR"}],
        "Expiration": {"Days": 365}}]})";
    const std::string disabledOnly = R"({"Rules": [{"ID": "x", "Status": "Disabled",
        "Filter": {}, "Expiration": {"Days": 1}}]})";
    const std::string key = R"({"KeyMetadata": {"AWSAccountId": "111122223333",
        "KeyId": "1234abcd-12ab-34cd-56ef-1234567890ab",
        "Arn": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "KeyState": "PendingDeletion", "KeyManager": "CUSTOMER",
        "KeySpec": "SYMMETRIC_DEFAULT", "MultiRegion": false}})";
    const ImportSubject a{"111122223333", "us-east-1", "archive-src", "", ""};
    const ImportSubject b{"111122223333", "us-east-1", "instant-src", "", ""};
    const ImportSubject c{"111122223333", "us-east-1", "quiet-src", "", ""};
    const ImportResult r = importDocuments({{"a.json", glacier, a}, {"b.json", instant, b},
                                            {"c.json", disabledOnly, c},
                                            {"key.json", key, ImportSubject{}}});
    for (const ImportProblem &p : r.problems)
        qWarning("%s %s: %s", p.input.c_str(), p.location.c_str(), p.message.c_str());
    QVERIFY(r.ok());
    QCOMPARE(int(bucketNamed(r.design, "archive-src")->lifecycle),
             int(Lifecycle::GlacierTransitions));
    QCOMPARE(int(bucketNamed(r.design, "instant-src")->lifecycle), int(Lifecycle::Rules));
    QCOMPARE(int(bucketNamed(r.design, "quiet-src")->lifecycle), int(Lifecycle::None));
    QCOMPARE(r.design.keys.size(), std::size_t(1));
    QCOMPARE(int(r.design.keys[0].state), int(KeyState::PendingDeletion));
}

void TestImporter::subjectNotUtf8()
{
    // A subject option is command-line text, not JSON: bytes that are not UTF-8 are named, not
    // turned into U+FFFD in the design.
    ImportSubject subject;
    subject.bucket = "src-bucket";
    subject.account = "1111\x8d" "22223333";
    const ImportResult r = importDocuments({{"versioning.json", R"({"Status": "Enabled"})", subject}});
    QVERIFY(!r.ok());
    QCOMPARE(r.problems.size(), std::size_t(1));
    QCOMPARE(r.problems[0].input, std::string("versioning.json"));
    QCOMPARE(r.problems[0].location, std::string("--account"));
    QVERIFY(r.problems[0].message.find("not valid UTF-8") != std::string::npos);
}

void TestImporter::badInput_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("bucket");
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("message");
    QTest::newRow("not JSON") << "{\n  \"Status\": Enabled\n}" << "src-bucket"
                              << "line 2, column" << "not JSON";
    QTest::newRow("not an object") << "[1, 2]" << "src-bucket" << "" << "expected a JSON object";
    QTest::newRow("unknown shape") << R"({"Buckets": []})" << "src-bucket" << ""
                                   << "not an AWS CLI output";
    QTest::newRow("rules not an array")
        << R"({"ReplicationConfiguration": {"Role": "arn:aws:iam::111122223333:role/r", "Rules": {}}})"
        << "src-bucket" << "ReplicationConfiguration.Rules" << "non-empty \"Rules\" array";
    QTest::newRow("role not an ARN")
        << R"({"Role": "replication-role", "Rules": [{"Status": "Enabled", "Destination": {"Bucket": "arn:aws:s3:::dst"}}]})"
        << "src-bucket" << "Role" << "not an IAM role ARN";
    QTest::newRow("destination not a bucket ARN")
        << R"({"Role": "arn:aws:iam::111122223333:role/r", "Rules": [{"Status": "Enabled", "Destination": {"Bucket": "dst"}}]})"
        << "src-bucket" << "Rules[0].Destination.Bucket" << "not an S3 bucket ARN";
    QTest::newRow("bad status")
        << R"({"Role": "arn:aws:iam::111122223333:role/r", "Rules": [{"Status": "On", "Destination": {"Bucket": "arn:aws:s3:::dst"}}]})"
        << "src-bucket" << "Rules[0].Status" << "\"Enabled\" or \"Disabled\"";
    QTest::newRow("no bucket given") << R"({"Status": "Enabled"})" << ""
                                     << "" << "--bucket NAME";
    QTest::newRow("policy text not JSON") << R"({"Policy": "{\"Version\": \"2012-10-17\", "})"
                                          << "src-bucket" << "Policy" << "not JSON";
    QTest::newRow("duplicate rule IDs")
        << R"({"Role": "arn:aws:iam::111122223333:role/r", "Rules": [{"ID": "a", "Status": "Enabled", "Destination": {"Bucket": "arn:aws:s3:::dst"}}, {"ID": "a", "Status": "Enabled", "Destination": {"Bucket": "arn:aws:s3:::dst"}}]})"
        << "src-bucket" << "Rules[1].ID" << "used twice";
    QTest::newRow("number too large") << R"({"Status": 6e6666666})" << "src-bucket" << ""
                                      << "not usable JSON";
    QTest::newRow("V1 prefix not text")
        << R"({"Role": "arn:aws:iam::111122223333:role/r", "Rules": [{"Prefix": {}, "Status": "Enabled", "Destination": {"Bucket": "arn:aws:s3:::dst"}}]})"
        << "src-bucket" << "" << "unexpected type";
}

void TestImporter::badInput()
{
    QFETCH(QString, text);
    QFETCH(QString, bucket);
    QFETCH(QString, location);
    QFETCH(QString, message);
    ImportSubject subject;
    subject.bucket = bucket.toStdString();
    // A good input next to the bad one: nothing is half-imported.
    ImportSubject goodSubject;
    goodSubject.bucket = "other-bucket";
    const ImportInput good{"good.json", R"({"Status": "Enabled"})", goodSubject};
    const ImportResult r = importDocuments({good, {"bad.json", text.toStdString(), subject}});
    QVERIFY(!r.ok());
    QVERIFY(r.design.buckets.empty());
    bool found = false;
    for (const ImportProblem &p : r.problems) {
        if (p.input == "bad.json" && QString::fromStdString(p.location).contains(location)
            && QString::fromStdString(p.message).contains(message))
            found = true;
    }
    QVERIFY2(found, r.problems.empty() ? "no problem"
                                       : (r.problems.front().location + ": "
                                          + r.problems.front().message)
                                             .c_str());
}

void TestImporter::roundTrip_data()
{
    QTest::addColumn<QString>("example");
    const QStringList names = exampleNames();
    QVERIFY(!names.isEmpty());
    for (const QString &n : names)
        QTest::newRow(qPrintable(n)) << n;
}

// The documents the designer generated, imported as a user would (each with the account it is
// applied in and the bucket, key or role it belongs to), give an equivalent design: the same
// rules, no custom policies, and byte-identical documents when generated again.
void TestImporter::roundTrip()
{
    QFETCH(QString, example);
    const LoadResult loaded = loadDesignFile(examplePath(example).toStdString());
    QVERIFY(loaded.ok());
    const Design &original = loaded.design;
    const std::vector<Artifact> artifacts = generateArtifacts(original);

    std::vector<ImportInput> inputs;
    for (const Artifact &a : artifacts) {
        ImportSubject s;
        s.account = a.accountId;
        switch (a.kind) {
        case ArtifactKind::ReplicationConfiguration:
        case ArtifactKind::BucketPolicy:
            s.bucket = a.target.substr(a.target.rfind(':') + 1);
            break;
        case ArtifactKind::KeyPolicy: s.key = a.target; break;
        case ArtifactKind::RoleTrustPolicy:
        case ArtifactKind::RolePermissionsPolicy:
        case ArtifactKind::RoleManagedPolicy: s.role = a.target; break;
        }
        inputs.push_back({a.path, a.text, s});
    }
    const ImportResult imported = importDocuments(inputs);
    QVERIFY2(imported.ok(), imported.ok() ? "" : imported.problems.front().message.c_str());
    const Design &d = imported.design;

    // Equivalent: every rule with the same settings, and nothing kept as a custom policy.
    QCOMPARE(d.rules.size(), original.rules.size());
    for (const ReplicationRule &o : original.rules) {
        const Bucket *src = nullptr;
        for (const Bucket &b : original.buckets) {
            if (b.id == o.source)
                src = &b;
        }
        const ReplicationRule *r = nullptr;
        for (const ReplicationRule &x : d.rules) {
            const Bucket *xs = nullptr;
            for (const Bucket &b : d.buckets) {
                if (b.id == x.source)
                    xs = &b;
            }
            if (x.ruleId == o.ruleId && xs && src && xs->name == src->name)
                r = &x;
        }
        QVERIFY2(r, o.ruleId.c_str());
        QCOMPARE(r->priority, o.priority);
        QCOMPARE(r->enabled, o.enabled);
        QCOMPARE(r->filterPrefix, o.filterPrefix);
        QVERIFY(r->filterTags == o.filterTags);
        QCOMPARE(r->replicateKmsObjects, o.replicateKmsObjects);
        QCOMPARE(r->replicaModificationSync, o.replicaModificationSync);
        QCOMPARE(r->storageClass, o.storageClass);
        QCOMPARE(r->replicationTimeControl, o.replicationTimeControl);
        QCOMPARE(r->metrics, o.metrics || o.replicationTimeControl);
    }
    for (const Role &r : d.roles) {
        QVERIFY2(!r.customTrustPolicy && !r.customPermissionsPolicy, r.name.c_str());
    }
    for (const KmsKey &k : d.keys)
        QVERIFY2(!k.customKeyPolicy, k.keyId.c_str());
    for (const Bucket &b : d.buckets)
        QVERIFY2(!b.customBucketPolicy, b.name.c_str());

    // Byte-identical documents, artifact for artifact (matched by kind and target).
    const std::vector<Artifact> again = generateArtifacts(d);
    QCOMPARE(again.size(), artifacts.size());
    std::map<std::string, std::string> byTarget;
    for (const Artifact &a : again)
        byTarget[std::string(artifactKindName(a.kind)) + " " + a.target] = a.text;
    for (const Artifact &a : artifacts) {
        const std::string key = std::string(artifactKindName(a.kind)) + " " + a.target;
        QVERIFY2(byTarget.count(key), key.c_str());
        QCOMPARE(QString::fromStdString(byTarget[key]), QString::fromStdString(a.text));
    }
}

QTEST_GUILESS_MAIN(TestImporter)
#include "tst_importer.moc"
