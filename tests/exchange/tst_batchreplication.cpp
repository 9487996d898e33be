// Day two in the bundle: a source bucket that holds existing objects and is marked for Batch
// Replication gets batch-replication-<bucket>.sh (aws s3control create-job) and a runbook
// section; the script runs against a fake `aws` that records its calls, and the role's
// permissions cover what the job touches.

#include "checks/findings.h"
#include "cli.h"
#include "exchange/exporter.h"
#include "files.h"
#include "policies/artifacts.h"
#include "testpaths.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace s3rd::model;
using namespace s3rd::model::exchange;
using namespace s3rd::test;

namespace {

// The fan-out example's source bucket holds existing objects and is marked for Batch
// Replication.
const Bucket &batchSource(const Design &d)
{
    for (const Bucket &b : d.buckets)
        if (b.hasExistingObjects && b.batchReplication)
            return b;
    qFatal("the example has no bucket marked for Batch Replication");
}

const Account &accountOf(const Design &d, const std::string &id)
{
    for (const Account &a : d.accounts)
        if (a.id == id)
            return a;
    qFatal("no account %s", id.c_str());
}

// Runs the script with a fake `aws` first on PATH: it records each call, answers
// get-caller-identity with `account`, and fails get-bucket-replication when `noConfig`.
ScriptRun runScript(const QString &script, const QStringList &args, const QString &account,
                    bool noConfig = false, const QByteArray &input = {})
{
    QTemporaryDir fake;
    const QString aws = fake.path() + "/aws";
    writeFile(aws, "#!/bin/bash\n"
                   "echo \"$*\" >> \"$AWS_CALL_LOG\"\n"
                   "case \"$*\" in\n"
                   "*'sts get-caller-identity'*) echo \"$FAKE_ACCOUNT\" ;;\n"
                   "*'get-bucket-replication'*) [ -z \"$NO_CONFIG\" ] || exit 254 ;;\n"
                   "*'create-job'*) echo 'a1b2c3d4-job' ;;\n"
                   "esac\n"
                   "exit 0\n");
    QFile::setPermissions(aws, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QStringList env{"FAKE_ACCOUNT=" + account};
    if (noConfig)
        env << "NO_CONFIG=1";
    return runWithFakeAws(script, args, fake.path(), env, input);
}

// The JSON value that follows `option` in a dry run's printed command (printf %q quoting
// writes JSON with backslashes before its quotes, braces and commas).
QJsonObject jsonAfter(const QString &command, const QString &option)
{
    const int at = command.indexOf(option + ' ');
    if (at < 0)
        return {};
    QString value = command.mid(at + option.size() + 1);
    value = value.left(value.indexOf(QLatin1String(" --")));
    QString plain;
    for (int i = 0; i < value.size(); ++i) {
        if (value[i] == '\\' && i + 1 < value.size())
            plain += value[++i];
        else if (value[i] != '\'')
            plain += value[i];
    }
    return QJsonDocument::fromJson(plain.toUtf8()).object();
}

} // namespace

class TestBatchReplication : public QObject
{
    Q_OBJECT

private slots:
    void scriptAndRunbookInBundle();
    void onlyMarkedBucketsGetAJob();
    void dryRunPrintsTheJob();
    void retryFailedAsksForFailedOnly();
    void runCreatesTheJob();
    void runRefusesWithoutConfiguration();
    void runRefusesOtherAccount();
    void rolePermitsWhatTheJobTouches();
    void noticePointsToTheBundleStep();

private:
    QString exportExample(QTemporaryDir &dir, Design *designOut = nullptr);
};

QString TestBatchReplication::exportExample(QTemporaryDir &dir, Design *designOut)
{
    const Design design = loadExample("fan-out-two-regions.s3rd.json");
    if (designOut)
        *designOut = design;
    const QString out = dir.path() + "/bundle";
    if (!writeExportFolder(exportFiles(design, ExportFormat::Bundle), out.toStdString()).empty())
        return {};
    const Bucket &src = batchSource(design);
    return out + "/" + QString::fromStdString(accountOf(design, src.account).accountId) +
           "/batch-replication-" + QString::fromStdString(src.name) + ".sh";
}

void TestBatchReplication::scriptAndRunbookInBundle()
{
    QTemporaryDir dir;
    Design design;
    const QString script = exportExample(dir, &design);
    QVERIFY(!script.isEmpty());
    QVERIFY2(QFileInfo(script).isExecutable(), qPrintable(script));
    QCOMPARE(runProgram("bash", {"-n", script}).exitCode, 0);
    const QString text = readText(script);
    QVERIFY(text.contains("s3control create-job"));
    QVERIFY(text.contains("'{\"S3ReplicateObject\":{}}'"));
    QVERIFY(text.contains("--no-confirmation-required"));
    QVERIFY(text.contains("--client-request-token"));
    const QString readme = readText(QFileInfo(script).absolutePath() + "/README.md");
    QVERIFY(readme.contains("## Existing objects: Batch Replication"));
    QVERIFY(readme.contains("aws s3control describe-job"));
    QVERIFY(readme.contains("--retry-failed"));
    QVERIFY(readme.contains("Bucket, Key, VersionId, TaskStatus, ErrorCode"));
    QVERIFY(readText(dir.path() + "/bundle/README.md").contains("batch-replication-<bucket>.sh"));
}

void TestBatchReplication::onlyMarkedBucketsGetAJob()
{
    Design design = loadExample("fan-out-two-regions.s3rd.json");
    for (Bucket &b : design.buckets)
        b.batchReplication = false;
    for (const ExportFile &f : exportFiles(design, ExportFormat::Bundle)) {
        QVERIFY2(f.path.find("batch-replication-") == std::string::npos, f.path.c_str());
        QVERIFY(f.content.find("## Existing objects: Batch Replication") == std::string::npos);
    }
    // Every other example: no bucket is marked, so no job.
    for (const QString &name : exampleNames()) {
        const Design d = loadExample(name);
        bool marked = false;
        for (const Bucket &b : d.buckets)
            marked = marked || (b.hasExistingObjects && b.batchReplication);
        int scripts = 0;
        for (const ExportFile &f : exportFiles(d, ExportFormat::Bundle))
            scripts += f.path.find("/batch-replication-") != std::string::npos ? 1 : 0;
        QCOMPARE(scripts > 0, marked);
    }
}

void TestBatchReplication::dryRunPrintsTheJob()
{
    QTemporaryDir dir;
    Design design;
    const QString script = exportExample(dir, &design);
    const Bucket &src = batchSource(design);
    const QString account = QString::fromStdString(accountOf(design, src.account).accountId);
    const ScriptRun r = runScript(script, {"--dry-run"}, "999999999999");
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.calls.isEmpty(), qPrintable(r.calls.join('\n'))); // nothing called, nothing made
    QVERIFY(r.out.contains("s3control create-job --account-id " + account + " --region " +
                           QString::fromStdString(src.region)));
    QVERIFY(r.out.contains("--priority 10"));
    QVERIFY(r.out.contains("--role-arn arn:aws:iam::" + account + ":role/"));

    const QJsonObject generator =
        jsonAfter(r.out, "--manifest-generator").value("S3JobManifestGenerator").toObject();
    const QString bucketArn = "arn:aws:s3:::" + QString::fromStdString(src.name);
    QCOMPARE(generator.value("SourceBucket").toString(), bucketArn);
    QCOMPARE(generator.value("EnableManifestOutput").toBool(), true);
    QCOMPARE(generator.value("Filter").toObject().value("EligibleForReplication").toBool(), true);
    QCOMPARE(generator.value("Filter").toObject().value("ObjectReplicationStatuses").toArray(),
             QJsonArray({"NONE", "FAILED"}));
    const QJsonObject output = generator.value("ManifestOutputLocation").toObject();
    QCOMPARE(output.value("Bucket").toString(), bucketArn);
    QCOMPARE(output.value("ManifestPrefix").toString(), "batch-replication/manifests");
    const QJsonObject report = jsonAfter(r.out, "--report");
    QCOMPARE(report.value("Bucket").toString(), bucketArn);
    QCOMPARE(report.value("Prefix").toString(), "batch-replication/reports");
    QCOMPARE(report.value("ReportScope").toString(), "AllTasks");
    QCOMPARE(report.value("Enabled").toBool(), true);
}

void TestBatchReplication::retryFailedAsksForFailedOnly()
{
    QTemporaryDir dir;
    const QString script = exportExample(dir);
    const ScriptRun r = runScript(script, {"--dry-run", "--retry-failed"}, "999999999999");
    QCOMPARE(r.exitCode, 0);
    const QJsonObject generator =
        jsonAfter(r.out, "--manifest-generator").value("S3JobManifestGenerator").toObject();
    QCOMPARE(generator.value("Filter").toObject().value("ObjectReplicationStatuses").toArray(),
             QJsonArray({"FAILED"}));
}

void TestBatchReplication::runCreatesTheJob()
{
    QTemporaryDir dir;
    Design design;
    const QString script = exportExample(dir, &design);
    const QString account =
        QString::fromStdString(accountOf(design, batchSource(design).account).accountId);
    // Without --yes it asks; "n" creates nothing.
    ScriptRun r = runScript(script, {}, account, false, "n\n");
    QCOMPARE(r.exitCode, 1);
    QVERIFY(!r.calls.join('\n').contains("create-job"));
    r = runScript(script, {"--yes"}, account);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.calls.size(), 3);
    QVERIFY(r.calls[0].contains("sts get-caller-identity"));
    QVERIFY(r.calls[1].contains("s3api get-bucket-replication"));
    QVERIFY(r.calls[2].contains("s3control create-job"));
    QVERIFY(r.out.contains("a1b2c3d4-job"));
    QVERIFY(r.out.contains("aws s3control describe-job"));
}

void TestBatchReplication::runRefusesWithoutConfiguration()
{
    QTemporaryDir dir;
    Design design;
    const QString script = exportExample(dir, &design);
    const QString account =
        QString::fromStdString(accountOf(design, batchSource(design).account).accountId);
    const ScriptRun r = runScript(script, {"--yes"}, account, true);
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("deploy.sh first"));
    QVERIFY(!r.calls.join('\n').contains("create-job"));
}

void TestBatchReplication::runRefusesOtherAccount()
{
    QTemporaryDir dir;
    const QString script = exportExample(dir);
    const ScriptRun r = runScript(script, {"--yes"}, "999999999999");
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("999999999999"));
    QCOMPARE(r.calls.size(), 1);
}

// The job's role: Batch Operations may assume it, and its permissions cover InitiateReplication
// on the source objects, the inventory configuration of the source bucket, and reading and
// writing the manifest and report prefixes the script names.
void TestBatchReplication::rolePermitsWhatTheJobTouches()
{
    const Design design = loadExample("fan-out-two-regions.s3rd.json");
    const Bucket &src = batchSource(design);
    QString trust, permissions;
    for (const Artifact &a : generateArtifacts(design)) {
        if (a.kind == ArtifactKind::RoleTrustPolicy)
            trust += QString::fromStdString(a.text);
        if (a.kind == ArtifactKind::RolePermissionsPolicy)
            permissions += QString::fromStdString(a.text);
    }
    QVERIFY(trust.contains("batchoperations.s3.amazonaws.com"));
    const QJsonArray statements =
        QJsonDocument::fromJson(permissions.toUtf8()).object().value("Statement").toArray();
    auto allows = [&](const QString &action, const QString &resource) {
        for (const QJsonValue &v : statements) {
            const QJsonObject st = v.toObject();
            const QJsonValue actions = st.value("Action");
            const bool hasAction = actions.isString() ? actions.toString() == action
                                                      : actions.toArray().contains(action);
            const QJsonValue res = st.value("Resource");
            const QStringList resources =
                res.isString() ? QStringList{res.toString()} : res.toVariant().toStringList();
            for (const QString &pattern : resources) {
                const QString head = pattern.endsWith('*') ? pattern.chopped(1) : pattern;
                if (hasAction &&
                    (pattern == resource || (pattern.endsWith('*') && resource.startsWith(head))))
                    return true;
            }
        }
        return false;
    };
    const QString bucket = "arn:aws:s3:::" + QString::fromStdString(src.name);
    QVERIFY(allows("s3:InitiateReplication", bucket + "/existing-object"));
    QVERIFY(allows("s3:GetReplicationConfiguration", bucket));
    QVERIFY(allows("s3:PutInventoryConfiguration", bucket));
    const QString manifest = bucket + "/batch-replication/manifests/job-1/manifest.json";
    const QString report = bucket + "/batch-replication/reports/job-1/results/1.csv";
    QVERIFY(allows("s3:GetObject", manifest));
    QVERIFY(allows("s3:GetObjectVersion", manifest));
    QVERIFY(allows("s3:PutObject", manifest));
    QVERIFY(allows("s3:PutObject", report));
}

void TestBatchReplication::noticePointsToTheBundleStep()
{
    Design design = loadExample("fan-out-two-regions.s3rd.json");
    Bucket *src = nullptr;
    for (Bucket &b : design.buckets)
        if (b.batchReplication)
            src = &b;
    QVERIFY(src);
    src->batchReplication = false;
    bool found = false;
    for (const Finding &f :
         runRule("existing-objects-need-batch", design, generateArtifacts(design))) {
        found = true;
        QVERIFY(f.explanation.find("batch-replication-" + src->name + ".sh") != std::string::npos);
    }
    QVERIFY(found);
}

QTEST_GUILESS_MAIN(TestBatchReplication)
#include "tst_batchreplication.moc"
