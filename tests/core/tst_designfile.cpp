// The design file format: examples load and save byte-identically, every field round-trips,
// a one-field change is a one-line diff, and saving is atomic.

#include "cli.h"
#include "core/designfile.h"
#include "files.h"
#include "testpaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <functional>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace s3rd::model;
using namespace s3rd::test;

using DesignChange = std::function<void(Design &)>;
Q_DECLARE_METATYPE(DesignChange)

namespace {

const char *const kExamples[] = {
    "same-account-sse-kms.s3rd.json", "cross-account-sse-kms.s3rd.json",
    "cross-account-different-keys.s3rd.json", "two-way-replica-sync.s3rd.json",
    "fan-out-two-regions.s3rd.json", "sse-s3-starter.s3rd.json",
};

// A design that sets every field to something other than its default.
Design everyField()
{
    Design d;
    d.name = "Every field";
    d.note = "Notes may hold \"quotes\", tabs\tand non-ASCII: \xc3\xa9\xe2\x82\xac";
    d.lab = "unversioned-destination";
    Account a;
    a.id = "a1";
    a.accountId = "012345678901";
    a.name = "gov";
    a.partition = Partition::AwsUsGov;
    a.note = "account note";
    a.presentStep = 1;
    a.geometry = {12.5, -40, 420, 360};
    a.guardrails.push_back({GuardrailKind::ServiceControlPolicy, "deny-regions",
                            R"({"Version":"2012-10-17","Statement":[]})"});
    a.guardrails.push_back({GuardrailKind::ResourceControlPolicy, "org-perimeter", "{}"});
    d.accounts.push_back(a);
    Account a2 = a;
    a2.id = "a2";
    a2.partition = Partition::AwsCn;
    a2.guardrails.clear();
    a2.note.clear();
    a2.geometry = {500, 0, 0, 0};
    d.accounts.push_back(a2);

    Bucket b;
    b.id = "b1";
    b.name = "every-field-source";
    b.account = "a1";
    b.region = "us-gov-west-1";
    b.versioning = Versioning::Suspended;
    b.objectLock = true;
    b.defaultEncryption = DefaultEncryption::DsseKms;
    b.defaultKey = "k1";
    b.bucketKey = true;
    b.objectEncryptions = {false, true, true, true, true};
    b.sseCBlocked = false;
    b.objectOwnership = ObjectOwnership::ObjectWriter;
    b.requesterPays = true;
    b.hasExistingObjects = true;
    b.batchReplication = true;
    b.type = BucketType::Directory;
    b.otherAccountsWrite = true;
    b.lifecycle = Lifecycle::GlacierTransitions;
    b.defaultRetention = {RetentionMode::Compliance, 365};
    b.customBucketPolicy = CustomPolicy{"mine", "{\n  \"Version\": \"2012-10-17\"\n}\n"};
    b.note = "bucket note";
    b.presentStep = 3;
    b.geometry = {20.25, 150, 180, 70};
    d.buckets.push_back(b);
    Bucket b2;
    b2.id = "b2";
    b2.name = "every-field-destination";
    b2.account = "a2";
    b2.region = "cn-north-1";
    b2.versioning = Versioning::Unversioned;
    b2.objectOwnership = ObjectOwnership::BucketOwnerPreferred;
    b2.defaultEncryption = DefaultEncryption::SseKms;
    d.buckets.push_back(b2);

    KmsKey k;
    k.id = "k1";
    k.account = "a1";
    k.region = "us-gov-west-1";
    k.alias = "alias/every";
    k.keyId = "mrk-1234abcd12ab34cd56ef1234567890ab";
    k.kind = KeyKind::MultiRegionReplica;
    k.symmetric = false;
    k.rotation = false;
    k.allowS3ServicePrincipal = true;
    k.state = KeyState::PendingDeletion;
    k.customKeyPolicy = CustomPolicy{"", "not even JSON, kept verbatim"};
    k.note = "key note";
    k.presentStep = 2;
    k.geometry = {250, 160, 170, 50};
    d.keys.push_back(k);
    KmsKey k2;
    k2.id = "k2";
    k2.account = "a2";
    k2.region = "cn-north-1";
    k2.alias = "alias/aws/s3";
    k2.kind = KeyKind::AwsManaged;
    d.keys.push_back(k2);
    KmsKey k3 = k2;
    k3.id = "k3";
    k3.kind = KeyKind::MultiRegionPrimary;
    d.keys.push_back(k3);

    Role r;
    r.id = "r1";
    r.account = "a1";
    r.name = "replication";
    r.path = "/service-role/";
    r.confusedDeputyConditions = true;
    r.customTrustPolicy = CustomPolicy{"trust", "{}"};
    r.customPermissionsPolicy = CustomPolicy{"perm", "{\"a\":1}"};
    r.permissionsAttachment = PermissionsAttachment::Managed;
    r.guardrails.push_back({GuardrailKind::PermissionsBoundary, "boundary", "{}"});
    r.note = "role note";
    r.presentStep = kMaxPresentStep;
    r.geometry = {20, 60, 0, 50};
    d.roles.push_back(r);

    ReplicationRule ru;
    ru.id = "rule1";
    ru.ruleId = "every-field";
    ru.source = "b1";
    ru.destination = "b2";
    ru.role = "r1";
    ru.priority = 0;
    ru.enabled = false;
    ru.filterPrefix = "logs/";
    ru.filterTags = {{"team", "data"}, {"env", ""}};
    ru.deleteMarkerReplication = true;
    ru.replicaModificationSync = true;
    ru.replicateKmsObjects = true;
    ru.replicaKey = "k2";
    ru.storageClass = "GLACIER_IR";
    ru.ownerOverride = true;
    ru.replicationTimeControl = true;
    ru.metrics = true;
    ru.importedAsV1 = true;
    ru.note = "rule note";
    ru.presentStep = 4;
    d.rules.push_back(ru);
    ReplicationRule ru2;
    ru2.id = "rule2";
    ru2.source = "b2";
    ru2.destination = "b1";
    ru2.priority = 2147483647;
    d.rules.push_back(ru2);
    return d;
}

// Lines removed and added between two texts, ignoring the common head and tail.
std::pair<int, int> changedLines(const QByteArray &before, const QByteArray &after)
{
    const QList<QByteArray> a = before.split('\n');
    const QList<QByteArray> b = after.split('\n');
    qsizetype head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head])
        ++head;
    qsizetype tail = 0;
    while (tail < a.size() - head && tail < b.size() - head
           && a[a.size() - 1 - tail] == b[b.size() - 1 - tail])
        ++tail;
    return {int(a.size() - head - tail), int(b.size() - head - tail)};
}

} // namespace

class TestDesignFile : public QObject
{
    Q_OBJECT

private slots:
    void examples_data();
    void examples();
    void exampleDirectoryComplete();
    void everyFieldRoundTrips();
    void serializationIsCanonical();
    void defaultsMayBeOmitted();
    void firstReleaseFileLoadsUnchanged();
    void permissionsAttachment();
    void presentStepOverride();
    void oneFieldChangeIsOneLineDiff_data();
    void oneFieldChangeIsOneLineDiff();
    void formatCheckOnExamples();
    void formatRewritesNonCanonicalFile();
    void formatRefusesBrokenFile();
    void saveCreatesFileWithUsualPermissions();
    void saveKeepsPermissionsAndLeavesNoTemporaryFile();
    void saveFollowsSymlink();
    void failedSaveKeepsOldFile();
    void saveIntoMissingDirectoryFails();
    void cliHelp();
};

void TestDesignFile::examples_data()
{
    QTest::addColumn<QString>("path");
    for (const char *name : kExamples)
        QTest::newRow(name) << examplePath(name);
}

void TestDesignFile::examples()
{
    QFETCH(QString, path);
    const LoadResult r = loadDesignFile(path.toStdString());
    for (const LoadProblem &p : r.problems)
        qWarning("%s: %s", p.location.c_str(), p.message.c_str());
    QVERIFY(r.ok());
    QVERIFY(!r.design.accounts.empty());
    QVERIFY(!r.design.buckets.empty());
    QVERIFY(!r.design.rules.empty());

    // Canonical: serialising gives back the file's bytes.
    const QByteArray original = readFile(path);
    QCOMPARE(QByteArray::fromStdString(serializeDesign(r.design)), original);

    // Saving writes the same bytes; loading the saved file gives an equal design.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QStringLiteral("copy.s3rd.json"));
    QCOMPARE(QString::fromStdString(saveDesignFile(r.design, copy.toStdString())), QString());
    QCOMPARE(readFile(copy), original);
    const LoadResult again = loadDesignFile(copy.toStdString());
    QVERIFY(again.ok());
    QVERIFY(again.design == r.design);
}

void TestDesignFile::exampleDirectoryComplete()
{
    // Every file in the examples directory is one of the tested examples.
    const QStringList files = exampleNames();
    QCOMPARE(files.size(), qsizetype(std::size(kExamples)));
}

void TestDesignFile::everyFieldRoundTrips()
{
    const Design d = everyField();
    const std::string text = serializeDesign(d);
    const LoadResult r = parseDesign(text);
    for (const LoadProblem &p : r.problems)
        qWarning("%s: %s", p.location.c_str(), p.message.c_str());
    QVERIFY(r.ok());
    QVERIFY(r.design == d);
    // Custom policies are kept verbatim, including text that is not JSON.
    QCOMPARE(r.design.keys[0].customKeyPolicy->document,
             std::string("not even JSON, kept verbatim"));
    QCOMPARE(r.design.buckets[0].customBucketPolicy->document,
             std::string("{\n  \"Version\": \"2012-10-17\"\n}\n"));
}

void TestDesignFile::serializationIsCanonical()
{
    const Design d = everyField();
    const std::string once = serializeDesign(d);
    QCOMPARE(serializeDesign(d), once); // deterministic
    QCOMPARE(serializeDesign(parseDesign(once).design), once);
    QVERIFY(once.ends_with("}\n"));
    QVERIFY(once.starts_with("{\n  \"format\": \"s3-replication-designer\",\n"
                             "  \"formatVersion\": 1,\n"));
    // Top-level keys in the documented order.
    std::size_t last = 0;
    for (const char *key : {"\"name\"", "\"note\"", "\"lab\"", "\"accounts\"", "\"buckets\"", "\"keys\"",
                            "\"roles\"", "\"rules\""}) {
        const std::size_t at = once.find(std::string("\n  ") + key);
        QVERIFY2(at != std::string::npos && at > last, key);
        last = at;
    }
    // Whole numbers carry no fraction; empty optional fields are left out.
    QVERIFY(once.find("\"width\": 420,") != std::string::npos);
    QVERIFY(once.find("\"x\": 12.5,") != std::string::npos);
    QVERIFY(once.find(".0,") == std::string::npos);
    Design empty;
    const std::string minimal = serializeDesign(empty);
    QCOMPARE(minimal, std::string("{\n  \"format\": \"s3-replication-designer\",\n"
                                  "  \"formatVersion\": 1,\n  \"name\": \"\",\n"
                                  "  \"accounts\": [],\n  \"buckets\": [],\n  \"keys\": [],\n"
                                  "  \"roles\": [],\n  \"rules\": []\n}\n"));
}

void TestDesignFile::defaultsMayBeOmitted()
{
    // A hand-written file with only the required fields loads with the model's defaults.
    const char *text = R"({
      "format": "s3-replication-designer", "formatVersion": 1,
      "accounts": [{"id": "a", "accountId": "111122223333"}],
      "buckets": [{"id": "s", "name": "src-bucket", "account": "a", "region": "us-east-1"},
                  {"id": "d", "name": "dst-bucket", "account": "a", "region": "us-west-2"}],
      "rules": [{"id": "r", "source": "s", "destination": "d"}]
    })";
    const LoadResult r = parseDesign(text);
    QVERIFY(r.ok());
    QCOMPARE(r.design.buckets[0].versioning, Versioning::Enabled);
    QCOMPARE(r.design.buckets[0].objectEncryptions, ObjectEncryptions{});
    QCOMPARE(r.design.rules[0].priority, 1);
    QVERIFY(r.design.rules[0].enabled);
    QCOMPARE(r.design.roles.size(), std::size_t(0));
}

void TestDesignFile::firstReleaseFileLoadsUnchanged()
{
    // A file written by the first release, with every field that release wrote: it has none of
    // the fields added since (bucket type, other accounts writing, lifecycle, default retention,
    // key state). It loads with their defaults and saves back byte for byte.
    const QByteArray text = readFile(examplePath("cross-account-sse-kms.s3rd.json"));
    QVERIFY(!text.isEmpty());
    for (const char *added : {"\"type\"", "\"otherAccountsWrite\"", "\"lifecycle\"",
                              "\"defaultRetention\"", "\"state\"", "\"lab\"",
                              "\"presentStep\""})
        QVERIFY2(!text.contains(added), added);
    const LoadResult r = parseDesign(text.toStdString());
    QVERIFY(r.ok());
    for (const Bucket &b : r.design.buckets) {
        QCOMPARE(b.type, BucketType::GeneralPurpose);
        QVERIFY(!b.otherAccountsWrite);
        QCOMPARE(b.lifecycle, Lifecycle::None);
        QCOMPARE(b.defaultRetention, DefaultRetention{});
    }
    for (const KmsKey &k : r.design.keys)
        QCOMPARE(k.state, KeyState::Enabled);
    QVERIFY(r.design.lab.empty());
    QCOMPARE(QByteArray::fromStdString(serializeDesign(r.design)), text);

    // The added fields, once set, are written and read back; unknown values are refused.
    Design d = r.design;
    d.buckets[0].lifecycle = Lifecycle::Rules;
    d.keys[0].state = KeyState::Disabled;
    const std::string saved = serializeDesign(d);
    QVERIFY(saved.find("\"lifecycle\": \"rules\",") != std::string::npos);
    QVERIFY(saved.find("\"state\": \"disabled\",") != std::string::npos);
    QVERIFY(parseDesign(saved).design == d);
    std::string bad = saved;
    bad.replace(bad.find("\"disabled\""), 10, "\"retired\"");
    const LoadResult refused = parseDesign(bad);
    QVERIFY(!refused.ok());
    QVERIFY(refused.problems[0].message.find("pending-deletion") != std::string::npos);

    // The lab a design was started from (s3rd lab start): after the note, read back, and a
    // value of the wrong type is refused at its location.
    Design started = r.design;
    started.lab = "chain-a-b-c";
    const std::string withLab = serializeDesign(started);
    QVERIFY(withLab.find("\n  \"lab\": \"chain-a-b-c\",\n  \"accounts\"") != std::string::npos);
    QVERIFY(parseDesign(withLab).design == started);
    std::string wrongType = withLab;
    wrongType.replace(wrongType.find("\"chain-a-b-c\""), 13, "3");
    const LoadResult notText = parseDesign(wrongType);
    QVERIFY(!notText.ok());
    QCOMPARE(notText.problems[0].location, std::string("lab"));
}

void TestDesignFile::presentStepOverride()
{
    // A trainer's presentation step: absent from every example (they save back byte for byte,
    // examples()), written after the note only when set, read back, and a bad value is refused
    // at its location with the allowed range.
    const QByteArray text = readFile(examplePath("cross-account-sse-kms.s3rd.json"));
    QVERIFY(!text.contains("\"presentStep\""));
    const LoadResult r = parseDesign(text.toStdString());
    QVERIFY(r.ok());
    for (const Bucket &b : r.design.buckets)
        QVERIFY(!b.presentStep);
    QCOMPARE(QByteArray::fromStdString(serializeDesign(r.design)), text);

    Design d = r.design;
    d.buckets[1].presentStep = 2;
    const auto [removed, added] =
        changedLines(text, QByteArray::fromStdString(serializeDesign(d)));
    QCOMPARE(removed, 0); // one line added, no neighbour touched
    QCOMPARE(added, 1);
    d.rules[0].presentStep = 7;
    const std::string saved = serializeDesign(d);
    QVERIFY(saved.find("\"presentStep\": 7,\n") != std::string::npos);
    QVERIFY(saved.find("\"presentStep\": 2,\n") != std::string::npos);
    const LoadResult back = parseDesign(saved);
    QVERIFY(back.ok());
    QVERIFY(back.design == d);
    QCOMPARE(back.design.buckets[1].presentStep, std::optional<int>(2));
    QVERIFY(!back.design.buckets[0].presentStep);

    const std::pair<const char *, const char *> bad[] = {
        {"0", "from 1 to 9999"}, {"-3", "from 1 to 9999"}, {"10000", "from 1 to 9999"},
        {"2.5", "a whole number"}, {"\"2\"", "a whole number"}};
    for (const auto &[value, says] : bad) {
        std::string broken = saved;
        broken.replace(broken.find("\"presentStep\": 2"), 16, std::string("\"presentStep\": ") + value);
        const LoadResult refused = parseDesign(broken);
        QVERIFY2(!refused.ok(), value);
        QCOMPARE(refused.problems.size(), std::size_t(1));
        QCOMPARE(refused.problems[0].location, std::string("buckets[1].presentStep"));
        QVERIFY2(refused.problems[0].message.find(says) != std::string::npos,
                 refused.problems[0].message.c_str());
    }
}

void TestDesignFile::permissionsAttachment()
{
    // A role as version 1 wrote it before the field existed: automatic.
    const std::string v1 = R"({
  "format": "s3-replication-designer",
  "formatVersion": 1,
  "name": "",
  "accounts": [
    {
      "id": "a",
      "accountId": "111122223333",
      "name": "",
      "partition": "aws",
      "geometry": {
        "x": 0,
        "y": 0,
        "width": 0,
        "height": 0
      }
    }
  ],
  "buckets": [],
  "keys": [],
  "roles": [
    {
      "id": "r",
      "account": "a",
      "name": "replication",
      "path": "/",
      "confusedDeputyConditions": false,
      "geometry": {
        "x": 0,
        "y": 0,
        "width": 0,
        "height": 0
      }
    }
  ],
  "rules": []
}
)";
    const LoadResult old = parseDesign(v1);
    QVERIFY(old.ok());
    QCOMPARE(old.design.roles[0].permissionsAttachment, PermissionsAttachment::Automatic);
    // Saved without the key, so files of earlier versions stay canonical (the examples test
    // checks they are written back byte for byte).
    QVERIFY(serializeDesign(old.design).find("permissionsAttachment") == std::string::npos);

    for (const auto &[name, value] :
         {std::pair{"inline", PermissionsAttachment::Inline},
          std::pair{"managed", PermissionsAttachment::Managed},
          std::pair{"automatic", PermissionsAttachment::Automatic}}) {
        std::string text = v1;
        text.replace(text.find("\"confusedDeputyConditions\""), 0,
                     "\"permissionsAttachment\": \"" + std::string(name) + "\", ");
        const LoadResult r = parseDesign(text);
        QVERIFY2(r.ok(), name);
        QCOMPARE(r.design.roles[0].permissionsAttachment, value);
        QVERIFY(parseDesign(serializeDesign(r.design)).design == r.design);
    }
    Design managed = old.design;
    managed.roles[0].permissionsAttachment = PermissionsAttachment::Managed;
    QVERIFY(serializeDesign(managed).find("\"permissionsAttachment\": \"managed\"")
            != std::string::npos);

    // An unknown value is named with its place; nothing else of the role is lost.
    std::string bad = v1;
    bad.replace(bad.find("\"confusedDeputyConditions\""), 0,
                "\"permissionsAttachment\": \"sometimes\", ");
    const LoadResult r = parseDesign(bad);
    QVERIFY(!r.ok());
    QCOMPARE(r.problems.size(), std::size_t(1));
    QCOMPARE(r.problems[0].location, std::string("roles[0].permissionsAttachment"));
    QVERIFY(r.problems[0].message.find("\"sometimes\" is not one of \"automatic\", \"inline\" "
                                       "or \"managed\"")
            != std::string::npos);
}

void TestDesignFile::oneFieldChangeIsOneLineDiff_data()
{
    QTest::addColumn<DesignChange>("change");
    QTest::addColumn<int>("removed");
    QTest::addColumn<int>("added");
    using Change = DesignChange;
    QTest::newRow("versioning") << Change([](Design &d) {
        d.buckets[1].versioning = Versioning::Suspended;
    }) << 1 << 1;
    QTest::newRow("move a bucket") << Change([](Design &d) { d.buckets[0].geometry.x += 35; })
                                   << 1 << 1;
    QTest::newRow("priority") << Change([](Design &d) { d.rules[0].priority = 7; }) << 1 << 1;
    QTest::newRow("metrics off") << Change([](Design &d) { d.rules[0].metrics = false; }) << 1
                                 << 1;
    QTest::newRow("rename account") << Change([](Design &d) { d.accounts[1].name = "vault"; })
                                    << 1 << 1;
    QTest::newRow("add a note") << Change([](Design &d) { d.keys[0].note.clear(); }) << 1 << 0;
    QTest::newRow("remove a rule note") << Change([](Design &d) { d.rules[0].note.clear(); })
                                        << 1 << 0;
    QTest::newRow("add a rule note") << Change([](Design &d) {
        d.rules[0].note.clear();
        d.rules[0].note = "why";
    }) << 1 << 1;
    QTest::newRow("replica key") << Change([](Design &d) { d.rules[0].replicaKey = "k-src"; })
                                 << 1 << 1;
    QTest::newRow("storage class") << Change([](Design &d) {
        d.rules[0].storageClass = "STANDARD_IA";
    }) << 1 << 1;
    QTest::newRow("lifecycle rules") << Change([](Design &d) {
        d.buckets[0].lifecycle = Lifecycle::GlacierTransitions;
    }) << 0 << 1;
    QTest::newRow("key disabled") << Change([](Design &d) { d.keys[0].state = KeyState::Disabled; })
                                  << 0 << 1;
}

void TestDesignFile::oneFieldChangeIsOneLineDiff()
{
    QFETCH(DesignChange, change);
    QFETCH(int, removed);
    QFETCH(int, added);
    const LoadResult r = loadDesignFile(examplePath("cross-account-sse-kms.s3rd.json").toStdString());
    QVERIFY(r.ok());
    Design changed = r.design;
    change(changed);
    const auto [rem, add] = changedLines(QByteArray::fromStdString(serializeDesign(r.design)),
                                         QByteArray::fromStdString(serializeDesign(changed)));
    QCOMPARE(rem, removed);
    QCOMPARE(add, added);
}

void TestDesignFile::formatCheckOnExamples()
{
    QStringList args{QStringLiteral("format"), QStringLiteral("--check")};
    for (const char *name : kExamples)
        args << examplePath(name);
    const RunResult r = runS3rd(args);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray());
    QCOMPARE(r.err, QByteArray());
    QCOMPARE(
        runS3rd({QStringLiteral("lint"), examplePath("fan-out-two-regions.s3rd.json")}).exitCode,
        0);
}

void TestDesignFile::formatRewritesNonCanonicalFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("messy.s3rd.json"));
    const QString clean = dir.filePath(QStringLiteral("clean.s3rd.json"));
    const QByteArray canonical = readFile(examplePath("two-way-replica-sync.s3rd.json"));
    // The same design, minified and with reordered keys.
    QByteArray messy = canonical.simplified();
    messy.replace("\"format\": \"s3-replication-designer\", \"formatVersion\": 1,",
                  "\"formatVersion\": 1, \"format\": \"s3-replication-designer\",");
    QVERIFY(messy != canonical);
    QVERIFY(writeFile(path, messy));
    QVERIFY(writeFile(clean, canonical));
    const RunResult check =
        runS3rd({QStringLiteral("format"), QStringLiteral("--check"), path, clean});
    QCOMPARE(check.exitCode, 1);
    QVERIFY(check.out.contains(path.toUtf8()));
    QVERIFY(!check.out.contains(clean.toUtf8()));
    QCOMPARE(readFile(path), messy); // --check changes nothing

    QCOMPARE(runS3rd({QStringLiteral("format"), path}).exitCode, 0);
    QCOMPARE(readFile(path), canonical);
    QCOMPARE(runS3rd({QStringLiteral("format"), QStringLiteral("--check"), path}).exitCode, 0);
}

void TestDesignFile::formatRefusesBrokenFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.s3rd.json"));
    QByteArray text = readFile(examplePath("sse-s3-starter.s3rd.json"));
    text.replace("\"requesterPays\": false,", "\"requesterPays\": false, \"colour\": \"red\",");
    QVERIFY(writeFile(path, text));
    const RunResult r = runS3rd({QStringLiteral("format"), path});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(path.toUtf8() + ":buckets[0].colour:"));
    QCOMPARE(readFile(path), text); // never rewritten, so the unknown field is not lost
    QCOMPARE(runS3rd({QStringLiteral("format"), QStringLiteral("--bogus"), path}).exitCode, 2);
    QCOMPARE(runS3rd({QStringLiteral("format")}).exitCode, 2);
}

void TestDesignFile::saveCreatesFileWithUsualPermissions()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("new.s3rd.json"));
    const mode_t old = ::umask(022);
    const std::string error = saveDesignFile(everyField(), path.toStdString());
    ::umask(old);
    QCOMPARE(QString::fromStdString(error), QString());
    struct stat st{};
    QCOMPARE(::stat(path.toLocal8Bit().constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0644)); // not mkstemp's 0600
}

void TestDesignFile::saveKeepsPermissionsAndLeavesNoTemporaryFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("kept.s3rd.json"));
    QVERIFY(saveDesignFile(Design{}, path.toStdString()).empty());
    QVERIFY(::chmod(path.toLocal8Bit().constData(), 0640) == 0);
    QVERIFY(saveDesignFile(everyField(), path.toStdString()).empty());
    struct stat st{};
    QCOMPARE(::stat(path.toLocal8Bit().constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0640));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("kept.s3rd.json")});
    QVERIFY(loadDesignFile(path.toStdString()).design == everyField());
}

void TestDesignFile::saveFollowsSymlink()
{
    QTemporaryDir dir;
    const QString real = dir.filePath(QStringLiteral("real.s3rd.json"));
    const QString link = dir.filePath(QStringLiteral("link.s3rd.json"));
    QVERIFY(saveDesignFile(Design{}, real.toStdString()).empty());
    QVERIFY(QFile::link(real, link));
    QVERIFY(saveDesignFile(everyField(), link.toStdString()).empty());
    QVERIFY(QFileInfo(link).isSymLink());
    QVERIFY(loadDesignFile(real.toStdString()).design == everyField());
}

void TestDesignFile::failedSaveKeepsOldFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("precious.s3rd.json"));
    QVERIFY(saveDesignFile(everyField(), path.toStdString()).empty());
    const QByteArray before = readFile(path);

    // A write that fails half-way (file size limit: works even when running as root).
    Design big = everyField();
    big.note = std::string(64 * 1024, 'n');
    std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit old{};
    QCOMPARE(::getrlimit(RLIMIT_FSIZE, &old), 0);
    struct rlimit small = old;
    small.rlim_cur = 16 * 1024;
    QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
    const std::string error = saveDesignFile(big, path.toStdString());
    ::setrlimit(RLIMIT_FSIZE, &old);
    QVERIFY(!error.empty());
    QVERIFY(error.find(path.toStdString()) != std::string::npos);
    QCOMPARE(readFile(path), before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), qsizetype(1));

    // An unwritable directory (permissions do not apply to root).
    if (::geteuid() != 0) {
        QVERIFY(::chmod(dir.path().toLocal8Bit().constData(), 0555) == 0);
        const std::string denied = saveDesignFile(big, path.toStdString());
        ::chmod(dir.path().toLocal8Bit().constData(), 0755);
        QVERIFY(!denied.empty());
        QCOMPARE(readFile(path), before);
    }
}

void TestDesignFile::saveIntoMissingDirectoryFails()
{
    QTemporaryDir dir;
    const std::string error =
        saveDesignFile(everyField(), dir.filePath(QStringLiteral("no/such/dir/x.s3rd.json"))
                                         .toStdString());
    QVERIFY(!error.empty());
    QVERIFY(error.find("no/such/dir") != std::string::npos);
}

void TestDesignFile::cliHelp()
{
    RunResult r = runS3rd({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("lint"));
    QVERIFY(r.out.contains("format"));
    r = runS3rd({QStringLiteral("help"), QStringLiteral("lint")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("Usage: s3rd lint"));
    r = runS3rd({QStringLiteral("format"), QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("Usage: s3rd format"));
    r = runS3rd({QStringLiteral("--version")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("s3rd "));
}

QTEST_GUILESS_MAIN(TestDesignFile)
#include "tst_designfile.moc"
