// Exports: refusal of hostile names, the bundle's layout and deploy.sh behaviour (with a fake
// aws command that records its calls), the zip archive, and path containment.

#include "cli.h"
#include "core/designfile.h"
#include "exchange/exporter.h"
#include "files.h"
#include "policies/artifacts.h"
#include "policycases.h"
#include "testpaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <zip.h>

#include <filesystem>
#include <functional>
#include <sys/stat.h>

using namespace s3rd::model;
using namespace s3rd::model::exchange;
using namespace s3rd::test;

using Mutation = std::function<void(Design &)>;
Q_DECLARE_METATYPE(Mutation)

namespace {

// A fake `aws` that records each call and answers sts get-caller-identity with $FAKE_ACCOUNT.
QString writeFakeAws(const QString &dir)
{
    const QString path = dir + "/aws";
    writeFile(path, "#!/bin/bash\n"
                    "echo \"$*\" >> \"$AWS_CALL_LOG\"\n"
                    "case \"$*\" in\n"
                    "*'sts get-caller-identity'*) echo \"$FAKE_ACCOUNT\" ;;\n"
                    "*'iam get-role'*) exit 254 ;;\n"
                    "esac\n"
                    "exit 0\n");
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

// The design's bundle exported into dir with the fake `aws` next to it: the path of the first
// account's deploy.sh, or empty when the export failed.
QString exportWithFakeAws(const Design &design, const QString &dir)
{
    if (!writeExportFolder(exportFiles(design, ExportFormat::Bundle), dir.toStdString()).empty())
        return {};
    writeFakeAws(dir);
    return dir + "/" + QString::fromStdString(design.accounts.front().accountId) + "/deploy.sh";
}

ScriptRun runDeploy(const QString &script, const QStringList &args, const QString &fakeDir,
                    const QString &account, const QByteArray &stdinText = {})
{
    return runWithFakeAws(script, args, fakeDir, {"FAKE_ACCOUNT=" + account}, stdinText);
}

bool mutating(const QString &call)
{
    return !call.contains("sts get-caller-identity") && !call.contains("iam get-role")
           && !call.contains("head-bucket") && !call.contains("describe-key");
}

} // namespace

class TestExporter : public QObject
{
    Q_OBJECT

private slots:
    void examplesExport_data();
    void examplesExport();
    void hostileNamesRefused_data();
    void hostileNamesRefused();
    void hostileValuesEscaped();
    void disabledKeyStaysDisabled();
    void ruleWithoutIdHasNoTerraformId();
    void deployDryRunTouchesNothing();
    void deployRefusesOtherAccount();
    void deployAsksForConfirmation();
    void shellQuoting_data();
    void shellQuoting();
    void zipArchive();
    void pathsStayInside_data();
    void pathsStayInside();
    void symlinkOutsideRefused();
    void managedPoliciesInEveryExport();
};

void TestExporter::examplesExport_data()
{
    QTest::addColumn<QString>("example");
    QVERIFY2(!exampleNames().isEmpty(), "no example designs");
    for (const QString &name : exampleNames())
        QTest::newRow(qPrintable(name)) << name;
}

// Every example exports in every format; the bundle holds exactly the generated documents, one
// folder per account id, and a deploy.sh that bash accepts.
void TestExporter::examplesExport()
{
    QFETCH(QString, example);
    const Design design = loadExample(example);
    QVERIFY(exportProblems(design).empty());
    QTemporaryDir dir;
    const QString out = dir.path() + "/bundle";
    QCOMPARE(QString::fromStdString(
                 writeExportFolder(exportFiles(design, ExportFormat::Bundle), out.toStdString())),
             QString());
    QVERIFY(QFile::exists(out + "/README.md"));
    for (const Account &a : design.accounts) {
        bool owns = false;
        for (const Bucket &b : design.buckets)
            owns = owns || b.account == a.id;
        if (!owns)
            continue;
        const QString folder = out + "/" + QString::fromStdString(a.accountId);
        QVERIFY2(QFileInfo(folder + "/deploy.sh").isExecutable(), qPrintable(folder));
        QVERIFY(readText(folder + "/README.md").contains("## Steps, in apply order"));
        const QString script = readText(folder + "/deploy.sh");
        QVERIFY(script.contains("set -euo pipefail"));
        QVERIFY(script.contains("sts get-caller-identity"));
        QCOMPARE(runProgram("bash", {"-n", folder + "/deploy.sh"}).exitCode, 0);
    }
    for (const Artifact &a : generateArtifacts(design)) {
        const QString path = out + "/" + QString::fromStdString(a.path);
        QVERIFY2(QFile::exists(path), qPrintable(path));
        QCOMPARE(readText(path), QString::fromStdString(a.text));
    }
    for (ExportFormat f : {ExportFormat::CloudFormation, ExportFormat::Terraform}) {
        const std::vector<ExportFile> files = exportFiles(design, f);
        QVERIFY(files.size() >= 2);
        QCOMPARE(QString::fromStdString(
                     writeExportFolder(files, (dir.path() + "/" + exportFormatName(f)).toStdString())),
                 QString());
    }
}

void TestExporter::hostileNamesRefused_data()
{
    QTest::addColumn<QString>("element");
    QTest::addColumn<Mutation>("mutate");
    QTest::newRow("bucket name with command substitution")
        << "bucket" << Mutation([](Design &d) {
               d.buckets.front().name = "'$(rm -rf /)'";
           });
    QTest::newRow("bucket name with a semicolon")
        << "bucket" << Mutation([](Design &d) {
               d.buckets.front().name = "logs;touch pwned";
           });
    QTest::newRow("bucket name leaving the folder")
        << "bucket" << Mutation([](Design &d) {
               d.buckets.front().name = "../../etc";
           });
    QTest::newRow("account id as a path")
        << "account" << Mutation([](Design &d) {
               d.accounts.front().accountId = "../../tmp/x";
           });
    QTest::newRow("role name with backticks")
        << "role" << Mutation([](Design &d) {
               d.roles.front().name = "r`id`";
           });
    QTest::newRow("role path with a space")
        << "role" << Mutation([](Design &d) {
               d.roles.front().path = "/a b/";
           });
    QTest::newRow("region with a quote")
        << "bucket" << Mutation([](Design &d) {
               d.buckets.front().region = "us-east-1' --profile 'x";
           });
    QTest::newRow("storage class with a substitution")
        << "rule" << Mutation([](Design &d) {
               d.rules.front().storageClass = "STANDARD$(id)";
           });
}

// A hostile name stops the export before anything is written, naming the element.
void TestExporter::hostileNamesRefused()
{
    QFETCH(QString, element);
    QFETCH(Mutation, mutate);
    Design design = loadExample("sse-s3-starter.s3rd.json");
    mutate(design);
    const std::vector<ExportProblem> problems = exportProblems(design);
    QVERIFY(!problems.empty());
    std::string expectedId = element == "bucket"    ? design.buckets.front().id
                             : element == "account" ? design.accounts.front().id
                             : element == "role"    ? design.roles.front().id
                                                    : design.rules.front().id;
    bool named = false;
    for (const ExportProblem &p : problems)
        named = named || p.element == expectedId;
    QVERIFY(named);

    // The command line refuses with exit 2 and writes nothing.
    QTemporaryDir dir;
    const QString file = dir.path() + "/hostile.s3rd.json";
    QCOMPARE(QString::fromStdString(saveDesignFile(design, file.toStdString())), QString());
    const RunResult cli = runS3rd({"export", file, "--out", dir.path() + "/out"});
    QCOMPARE(cli.exitCode, 2);
    QVERIFY(cli.errText().contains(QString::fromStdString(expectedId)));
    QVERIFY(!QFile::exists(dir.path() + "/out"));
}

// Values AWS allows to hold anything (rule IDs, tags) reach only JSON and HCL strings, escaped.
void TestExporter::hostileValuesEscaped()
{
    Design design = loadExample("sse-s3-starter.s3rd.json");
    design.rules.front().ruleId = "x\"${file(\"/etc/passwd\")}'$(id)";
    // IAM allows any printable ASCII in a role path: it reaches deploy.sh single-quoted.
    design.roles.front().path = "/a'$(id)'/";
    QVERIFY(exportProblems(design).empty());
    bool found = false;
    for (const ExportFile &f : exportFiles(design, ExportFormat::Terraform)) {
        if (!QString::fromStdString(f.path).endsWith("main.tf"))
            continue;
        const QString text = QString::fromStdString(f.content);
        if (text.contains("id = \"x\\\"$${file(\\\"/etc/passwd\\\")}'$(id)\""))
            found = true;
        QVERIFY(!text.contains("\"${file"));
    }
    QVERIFY(found);
    for (const ExportFile &f : exportFiles(design, ExportFormat::Bundle)) {
        if (QString::fromStdString(f.path).endsWith("deploy.sh")) {
            const QString script = QString::fromStdString(f.content);
            QVERIFY(script.contains(QStringLiteral("'/a'\\''$(id)'\\''/'")));
            QVERIFY(!script.contains(QStringLiteral("x\"${file")));
        }
    }
}

void TestExporter::disabledKeyStaysDisabled()
{
    // A key the design records as disabled is created disabled, not silently enabled.
    Design design = loadExample("cross-account-sse-kms.s3rd.json");
    QVERIFY(!design.keys.empty());
    for (KmsKey &k : design.keys)
        k.state = KeyState::Disabled;
    QVERIFY(exportProblems(design).empty());
    bool terraform = false;
    for (const ExportFile &f : exportFiles(design, ExportFormat::Terraform))
        terraform |= QString::fromStdString(f.content).contains("is_enabled = false");
    QVERIFY(terraform);
    bool cloudFormation = false;
    for (const ExportFile &f : exportFiles(design, ExportFormat::CloudFormation)) {
        const QString text = QString::fromStdString(f.content);
        QVERIFY(!text.contains(QStringLiteral("\"Enabled\": true")));
        cloudFormation |= text.contains(QStringLiteral("\"Enabled\": false"));
    }
    QVERIFY(cloudFormation);
}

void TestExporter::ruleWithoutIdHasNoTerraformId()
{
    // S3 assigns an ID to a rule that has none; Terraform must not send an empty one.
    Design design = loadExample("cross-account-sse-kms.s3rd.json");
    QVERIFY(!design.rules.empty());
    for (ReplicationRule &r : design.rules)
        r.ruleId.clear();
    QVERIFY(exportProblems(design).empty());
    bool ruleBlock = false;
    for (const ExportFile &f : exportFiles(design, ExportFormat::Terraform)) {
        const QString text = QString::fromStdString(f.content);
        ruleBlock |= text.contains(QStringLiteral("rule {"));
        QVERIFY2(!text.contains(QStringLiteral("id = \"\"")), f.path.c_str());
    }
    QVERIFY(ruleBlock);
}

void TestExporter::deployDryRunTouchesNothing()
{
    const Design design = loadExample("sse-s3-starter.s3rd.json");
    QTemporaryDir dir;
    const QString script = exportWithFakeAws(design, dir.path());
    QVERIFY(!script.isEmpty());
    const ScriptRun r = runDeploy(script, {"--dry-run", "--endpoint-url", "http://127.0.0.1:9"},
                                  dir.path(), "000000000000");
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.calls.isEmpty(), qPrintable(r.calls.join('\n')));
    QVERIFY(r.out.contains("s3api put-bucket-replication"));
    QVERIFY(r.out.contains("--endpoint-url http://127.0.0.1:9"));
}

void TestExporter::deployRefusesOtherAccount()
{
    const Design design = loadExample("sse-s3-starter.s3rd.json");
    QTemporaryDir dir;
    const QString script = exportWithFakeAws(design, dir.path());
    QVERIFY(!script.isEmpty());
    const ScriptRun r = runDeploy(script, {"--yes"}, dir.path(), "999999999999");
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("999999999999"));
    QCOMPARE(r.calls.size(), 1);
    QVERIFY(r.calls.front().contains("sts get-caller-identity"));
}

void TestExporter::deployAsksForConfirmation()
{
    const Design design = loadExample("sse-s3-starter.s3rd.json");
    const QString account = QString::fromStdString(design.accounts.front().accountId);
    QTemporaryDir dir;
    const QString script = exportWithFakeAws(design, dir.path());
    QVERIFY(!script.isEmpty());

    ScriptRun no = runDeploy(script, {}, dir.path(), account, "n\n");
    QCOMPARE(no.exitCode, 1);
    for (const QString &call : no.calls)
        QVERIFY2(!mutating(call), qPrintable(call));

    ScriptRun yes = runDeploy(script, {}, dir.path(), account, "y\n");
    QCOMPARE(yes.exitCode, 0);
    // Apply order: role, then versioning, then the replication configuration.
    const auto indexOf = [&](const QString &what) {
        for (int i = 0; i < yes.calls.size(); ++i) {
            if (yes.calls[i].contains(what))
                return i;
        }
        return -1;
    };
    QVERIFY(indexOf("iam create-role") >= 0);
    QVERIFY(indexOf("iam put-role-policy") > indexOf("iam create-role"));
    QVERIFY(indexOf("s3api put-bucket-versioning") > indexOf("iam put-role-policy"));
    QVERIFY(indexOf("s3api put-bucket-replication") > indexOf("s3api put-bucket-versioning"));
}

void TestExporter::shellQuoting_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("plain") << "bucket-name";
    QTest::newRow("single quote") << "it's";
    QTest::newRow("substitution") << "'$(rm -rf /)'";
    QTest::newRow("backslashes and newline") << "a\\b\nc\"d`e`";
    QTest::newRow("empty") << "";
}

// The quoted value comes back unchanged through a real shell.
void TestExporter::shellQuoting()
{
    QFETCH(QString, value);
    const std::string quoted = shellQuote(value.toStdString());
    const RunResult sh = runProgram("bash", {"-c", QString::fromStdString("printf %s " + quoted)});
    QVERIFY(!sh.timedOut);
    QCOMPARE(sh.outText(), value);
}

void TestExporter::zipArchive()
{
    const Design design = loadExample("cross-account-sse-kms.s3rd.json");
    const std::vector<ExportFile> files = exportFiles(design, ExportFormat::Bundle);
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/bundle.zip").toStdString();
    // An existing file is replaced only once the new archive is complete.
    QFile old(QString::fromStdString(path));
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old");
    old.close();
    QCOMPARE(QString::fromStdString(writeExportZip(files, path)), QString());

    int error = 0;
    zip_t *z = zip_open(path.c_str(), ZIP_RDONLY, &error);
    QVERIFY(z);
    for (const ExportFile &f : files) {
        const zip_int64_t index = zip_name_locate(z, f.path.c_str(), 0);
        QVERIFY2(index >= 0, f.path.c_str());
        zip_stat_t st;
        QCOMPARE(zip_stat_index(z, zip_uint64_t(index), 0, &st), 0);
        QCOMPARE(st.size, zip_uint64_t(f.content.size()));
        std::string content(f.content.size(), '\0');
        zip_file_t *entry = zip_fopen_index(z, zip_uint64_t(index), 0);
        QVERIFY(entry);
        QCOMPARE(zip_fread(entry, content.data(), content.size()), zip_int64_t(content.size()));
        zip_fclose(entry);
        QVERIFY(content == f.content);
        zip_uint8_t system = 0;
        zip_uint32_t attributes = 0;
        zip_file_get_external_attributes(z, zip_uint64_t(index), 0, &system, &attributes);
        QCOMPARE(bool((attributes >> 16) & S_IXUSR), f.executable);
    }
    zip_close(z);

    // A failed write leaves nothing behind.
    const std::string bad = (dir.path() + "/missing/dir/bundle.zip").toStdString();
    QVERIFY(!writeExportZip(files, bad).empty());
    QVERIFY(!QFile::exists(QString::fromStdString(bad)));
}

void TestExporter::pathsStayInside_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("parent") << "../escaped.txt";
    QTest::newRow("nested parent") << "a/../../escaped.txt";
    QTest::newRow("absolute") << "/tmp/escaped.txt";
    QTest::newRow("dot") << "./x";
    QTest::newRow("empty component") << "a//b";
}

void TestExporter::pathsStayInside()
{
    QFETCH(QString, path);
    QTemporaryDir dir;
    const std::vector<ExportFile> files{{"ok.txt", "fine", false}, {path.toStdString(), "x", false}};
    QVERIFY(!writeExportFolder(files, (dir.path() + "/out").toStdString()).empty());
    QVERIFY(!QFile::exists(dir.path() + "/out/ok.txt")); // nothing written at all
    QVERIFY(!QFile::exists(dir.path() + "/escaped.txt"));
    QVERIFY(!writeExportZip(files, (dir.path() + "/x.zip").toStdString()).empty());
}

void TestExporter::symlinkOutsideRefused()
{
    QTemporaryDir dir;
    QDir(dir.path()).mkpath("out");
    QDir(dir.path()).mkpath("elsewhere");
    std::filesystem::create_directory_symlink((dir.path() + "/elsewhere").toStdString(),
                                              (dir.path() + "/out/111122223333").toStdString());
    const std::vector<ExportFile> files{{"111122223333/deploy.sh", "#!/bin/sh\n", true}};
    QVERIFY(!writeExportFolder(files, (dir.path() + "/out").toStdString()).empty());
    QVERIFY(!QFile::exists(dir.path() + "/elsewhere/deploy.sh"));
}

QTEST_GUILESS_MAIN(TestExporter)
// A role serving 200 buckets: its customer managed policies are created and attached by the
// bundle's deploy.sh, the CloudFormation template and the Terraform configuration.
void TestExporter::managedPoliciesInEveryExport()
{
    const Design design = s3rd::test::roleServingBuckets(200, true);
    QVERIFY(exportProblems(design).empty());
    std::vector<const Artifact *> parts;
    const std::vector<Artifact> artifacts = generateArtifacts(design);
    for (const Artifact &a : artifacts) {
        if (a.kind == ArtifactKind::RoleManagedPolicy)
            parts.push_back(&a);
    }
    QVERIFY(parts.size() > 1);
    const QString n = QString::number(parts.size());

    // The bundle: the documents, byte for byte, and deploy.sh creating and attaching them.
    QTemporaryDir dir;
    QVERIFY(writeExportFolder(exportFiles(design, ExportFormat::Bundle), dir.path().toStdString())
                .empty());
    const QString folder = dir.path() + "/111122223333/";
    for (const Artifact *a : parts)
        QCOMPARE(readText(dir.path() + "/" + QString::fromStdString(a->path)),
                 QString::fromStdString(a->text));
    QVERIFY(!QFileInfo::exists(folder + "role-catalog-replication-permissions.json"));
    const QString script = readText(folder + "deploy.sh");
    QVERIFY(script.contains("ensure_managed_policy 'catalog-replication' "
                            "'catalog-replication-permissions-1' '/' "
                            "'role-catalog-replication-permissions-1.json' "
                            "'arn:aws:iam::111122223333:policy/catalog-replication-permissions-1'"));
    QVERIFY(script.contains("remove_stale_permissions 'catalog-replication' 'managed' '" + n + "'"));
    QVERIFY(!script.contains("put-role-policy"));
    // Roles and their policies come first, before any key policy names the role.
    QVERIFY(script.indexOf("in_phase prepare") < script.indexOf("    ensure_managed_policy '"));
    QVERIFY(script.indexOf("    ensure_managed_policy '") < script.indexOf("in_phase grants"));
    const QString readme = readText(folder + "README.md");
    QVERIFY(readme.contains("aws iam create-policy --policy-name catalog-replication-permissions-"
                            + n));
    QVERIFY(readme.contains("aws iam attach-role-policy --role-name catalog-replication"));

    writeFakeAws(dir.path());
    const ScriptRun run = runDeploy(folder + "deploy.sh", {"--yes", "--phase", "prepare"},
                                    dir.path(), "111122223333");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(!run.err.contains("integer expression"), qPrintable(run.err));
    // The fake answers get-policy: each policy gets a new default version, then is attached.
    QCOMPARE(run.calls.filter("iam create-policy-version").size(), qsizetype(parts.size()));
    QCOMPARE(run.calls.filter("iam attach-role-policy").size(), qsizetype(parts.size()));
    QVERIFY(run.calls.filter("iam list-attached-role-policies").size() == 1);
    const ScriptRun dry = runDeploy(folder + "deploy.sh", {"--dry-run"}, dir.path(), "0");
    QCOMPARE(dry.exitCode, 0);
    QCOMPARE(QString(dry.out).count("iam create-policy --policy-name"), qsizetype(parts.size()));

    // CloudFormation: one AWS::IAM::ManagedPolicy per part, attached to the role by Roles.
    QTemporaryDir cfn;
    QVERIFY(writeExportFolder(exportFiles(design, ExportFormat::CloudFormation),
                              cfn.path().toStdString())
                .empty());
    const auto tpl = nlohmann::json::parse(
        readText(cfn.path() + "/111122223333/cloudformation-us-east-1.json").toStdString());
    std::size_t managed = 0;
    std::string roleLogical;
    for (const auto &[logical, res] : tpl["Resources"].items()) {
        if (res["Type"] == "AWS::IAM::Role")
            roleLogical = logical;
    }
    for (const auto &[logical, res] : tpl["Resources"].items()) {
        if (res["Type"] != "AWS::IAM::ManagedPolicy")
            continue;
        ++managed;
        const auto &props = res["Properties"];
        QCOMPARE(props["ManagedPolicyName"].get<std::string>(),
                 "catalog-replication-permissions-" + std::to_string(managed));
        nlohmann::json roles = nlohmann::json::array();
        roles.push_back(nlohmann::json{{"Ref", roleLogical}});
        QVERIFY2(props["Roles"] == roles, props["Roles"].dump().c_str());
        QVERIFY(props["PolicyDocument"]["Statement"].is_array());
    }
    QCOMPARE(managed, parts.size());
    QVERIFY(!tpl["Resources"][roleLogical]["Properties"].contains("Policies"));

    // Terraform: aws_iam_policy and its attachment per part, the documents as heredocs.
    const std::vector<ExportFile> tf = exportFiles(design, ExportFormat::Terraform);
    const auto mainTf = std::find_if(tf.begin(), tf.end(), [](const ExportFile &f) {
        return f.path == "111122223333/main.tf";
    });
    QVERIFY(mainTf != tf.end());
    const QString hcl = QString::fromStdString(mainTf->content);
    QCOMPARE(hcl.count("resource \"aws_iam_policy\""), qsizetype(parts.size()));
    QCOMPARE(hcl.count("resource \"aws_iam_role_policy_attachment\""), qsizetype(parts.size()));
    QVERIFY(hcl.contains("policy_arn = aws_iam_policy.policy_catalog_replication_permissions_1.arn"));
    QVERIFY(!hcl.contains("resource \"aws_iam_role_policy\""));
    QVERIFY(mainTf->content.find(parts.back()->text) != std::string::npos);
}

#include "tst_exporter.moc"
