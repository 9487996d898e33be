// Structural checks of the generated documents that a user would notice: AWS's required
// fields, least-privilege scoping, merging, limits, paths and custom policies.

#include "artifactlookup.h"
#include "policies/artifacts.h"
#include "policycases.h"

#include <QtTest>

#include <set>

using namespace s3rd::model;
using nlohmann::ordered_json;
using s3rd::test::findArtifact;

namespace {

Design caseDesign(const std::string &name)
{
    for (const auto &c : s3rd::test::policyCases()) {
        if (c.name == name)
            return c.design;
    }
    return {};
}

const ordered_json *statement(const Artifact &a, const std::string &sid)
{
    for (const ordered_json &s : a.document()["Statement"]) {
        if (s["Sid"] == sid)
            return &s;
    }
    return nullptr;
}

std::set<std::string> strings(const ordered_json &v)
{
    std::set<std::string> out;
    if (v.is_string())
        out.insert(v.get<std::string>());
    else
        for (const ordered_json &e : v)
            out.insert(e.get<std::string>());
    return out;
}

std::vector<const Artifact *> managedParts(const std::vector<Artifact> &artifacts,
                                          const std::string &role)
{
    std::vector<const Artifact *> parts;
    for (const Artifact &a : artifacts) {
        if (a.kind == ArtifactKind::RoleManagedPolicy && a.element == role)
            parts.push_back(&a);
    }
    return parts;
}

// What a set of statements allows, one entry per effect, action, resource and value of a
// multi-valued condition key, with the statement's other conditions: equal for two policies that
// allow exactly the same requests however their statements are cut.
std::set<std::string> atoms(const std::vector<const Artifact *> &policies)
{
    std::set<std::string> out;
    for (const Artifact *p : policies) {
        for (const ordered_json &s : p->document()["Statement"]) {
            ordered_json fixed = ordered_json::object();
            std::string multiKey;
            std::set<std::string> multiValues{""};
            if (s.contains("Condition")) {
                for (const auto &[op, keys] : s["Condition"].items()) {
                    for (const auto &[key, values] : keys.items()) {
                        if (values.is_array() && values.size() > 1) {
                            multiKey = op + " " + key;
                            multiValues = strings(values);
                        } else {
                            fixed[op][key] = values;
                        }
                    }
                }
            }
            for (const std::string &action : strings(s["Action"])) {
                for (const std::string &resource : strings(s["Resource"])) {
                    for (const std::string &value : multiValues)
                        out.insert(s["Effect"].get<std::string>() + " " + action + " " +
                                   resource + " " + fixed.dump() + " " + multiKey + "=" + value);
                }
            }
        }
    }
    return out;
}

} // namespace

class TestPolicies : public QObject
{
    Q_OBJECT

private slots:
    void everyCaseIsWellFormed_data();
    void everyCaseIsWellFormed();
    void replicationRulesAreV2_data();
    void replicationRulesAreV2();
    void tagRulesNeverReplicateDeleteMarkers();
    void ownerOverrideOnlyAcrossAccounts();
    void kmsContexts_data();
    void kmsContexts();
    void sharedRoleIsMergedWithoutRedundancy();
    void unusedRoleGetsTrustOnly();
    void awsManagedKeyGetsNoPolicy();
    void keyPolicyNamesCrossAccountRole();
    void batchAndConfusedDeputyTrust();
    void destinationBucketPolicy();
    void keyPoliciesAsTightAsRolePolicies_data();
    void keyPoliciesAsTightAsRolePolicies();
    void batchReplicationManifestAndReport();
    void emptyRuleIdIsLeftOut();
    void customPoliciesVerbatim();
    void invalidCustomPolicyIsMarked();
    void oversizedPolicyIsMarked();
    void twoHundredBucketsPerRoleAreSplit();
    void managedAttachmentOnRequest();
    void tooManyManagedPoliciesAreMarked();
    void pathsStayInsideTheOutputFolder();
    void partitionAwareArns();
};

void TestPolicies::everyCaseIsWellFormed_data()
{
    s3rd::test::addPolicyCaseRows();
}

void TestPolicies::everyCaseIsWellFormed()
{
    QFETCH(int, index);
    const Design d = s3rd::test::policyCases()[std::size_t(index)].design;
    const auto artifacts = generateArtifacts(d);
    QVERIFY(!artifacts.empty());
    std::set<std::string> paths;
    for (const Artifact &a : artifacts) {
        QVERIFY2(paths.insert(a.path).second, a.path.c_str());
        QVERIFY(!a.text.empty());
        QCOMPARE(a.accountId.size(), std::size_t(12));
        QVERIFY(!a.overLimit);
        if (a.custom)
            continue; // verbatim, however the user wrote it
        QCOMPARE(a.text.back(), '\n');
        // The text is the document, 2-space indented.
        QCOMPARE(a.text, a.document().dump(2) + "\n");
        if (a.kind == ArtifactKind::ReplicationConfiguration) {
            QCOMPARE(a.notes.size(), a.document()["Rules"].size());
            continue;
        }
        QCOMPARE(a.document().begin().key(), std::string("Version"));
        QVERIFY(a.document()["Version"] == "2012-10-17");
        const ordered_json &statements = a.document()["Statement"];
        QCOMPARE(a.notes.size(), statements.size());
        std::set<std::string> sids;
        const std::vector<std::string> order{"Sid",    "Effect",   "Principal",
                                             "Action", "Resource", "Condition"};
        for (std::size_t i = 0; i < statements.size(); ++i) {
            const ordered_json &s = statements[i];
            const std::string sid = s["Sid"];
            QVERIFY2(sids.insert(sid).second, sid.c_str());
            for (char c : sid)
                QVERIFY2(std::isalnum(static_cast<unsigned char>(c)), sid.c_str());
            QCOMPARE(a.notes[i].sid, sid);
            QVERIFY(!a.notes[i].why.empty());
            QVERIFY(a.notes[i].docUrl.rfind("https://docs.aws.amazon.com/", 0) == 0);
            QVERIFY(!a.notes[i].elements.empty());
            std::size_t last = 0;
            for (auto it = s.begin(); it != s.end(); ++it) {
                const auto pos = std::find(order.begin(), order.end(), it.key()) - order.begin();
                QVERIFY2(std::size_t(pos) < order.size(), it.key().c_str());
                QVERIFY(std::size_t(pos) >= last);
                last = std::size_t(pos);
                if (it->is_array())
                    QVERIFY2(!it->empty(), it.key().c_str());
            }
            QVERIFY(s["Action"] != "*");
        }
    }
}

void TestPolicies::replicationRulesAreV2_data()
{
    everyCaseIsWellFormed_data();
}

void TestPolicies::replicationRulesAreV2()
{
    QFETCH(int, index);
    const Design d = s3rd::test::policyCases()[std::size_t(index)].design;
    for (const Artifact &a : generateArtifacts(d)) {
        if (a.kind != ArtifactKind::ReplicationConfiguration)
            continue;
        QVERIFY(a.document()["Role"].get<std::string>().find(":role/") != std::string::npos);
        QVERIFY(!a.document()["Rules"].empty());
        for (const ordered_json &rule : a.document()["Rules"]) {
            // An empty ID is left out for S3 to assign.
            QCOMPARE(rule.contains("ID"), !a.notes[&rule - &a.document()["Rules"][0]].sid.empty());
            QVERIFY(rule.contains("Filter"));
            QVERIFY(rule.contains("Priority"));
            QVERIFY(rule["DeleteMarkerReplication"].contains("Status"));
            QVERIFY(!rule.contains("ExistingObjectReplication"));
            QVERIFY(!rule.contains("Prefix"));
            const ordered_json &dest = rule["Destination"];
            if (dest.contains("ReplicationTime")) {
                QCOMPARE(dest["ReplicationTime"]["Time"]["Minutes"], 15);
                QCOMPARE(dest["Metrics"]["EventThreshold"]["Minutes"], 15);
            }
            if (dest.contains("AccessControlTranslation"))
                QVERIFY(dest.contains("Account"));
            if (rule.contains("SourceSelectionCriteria"))
                QVERIFY(rule["SourceSelectionCriteria"].contains("SseKmsEncryptedObjects"));
        }
    }
}

void TestPolicies::tagRulesNeverReplicateDeleteMarkers()
{
    const auto artifacts = generateArtifacts(caseDesign("filters"));
    const Artifact *config = findArtifact(artifacts, ArtifactKind::ReplicationConfiguration, "src");
    QVERIFY(config);
    const ordered_json &rules = config->document()["Rules"];
    QCOMPARE(rules.size(), std::size_t(4));
    QCOMPARE(rules[0]["Filter"]["Tag"]["Key"], "classification");
    QCOMPARE(rules[0]["DeleteMarkerReplication"]["Status"], "Disabled");
    QCOMPARE(rules[1]["Filter"]["And"]["Prefix"], "reports/");
    QCOMPARE(rules[1]["Filter"]["And"]["Tags"].size(), std::size_t(2));
    QCOMPARE(rules[1]["DeleteMarkerReplication"]["Status"], "Disabled");
    QCOMPARE(rules[2]["Filter"]["Prefix"], "invoices/*special?");
    QCOMPARE(rules[2]["DeleteMarkerReplication"]["Status"], "Enabled");
    QCOMPARE(rules[3]["Status"], "Disabled");
    // Tag rules without a prefix may match any key, so they cover the prefixed rules.
    const Artifact *perms = findArtifact(artifacts, ArtifactKind::RolePermissionsPolicy, "role");
    QVERIFY(perms);
    QCOMPARE(strings((*statement(*perms, "ReadSourceObjects"))["Resource"]),
             std::set<std::string>{"arn:aws:s3:::docs-use1/*"});

    // A wildcard character in a prefix is matched literally in the role's ARNs, and the
    // disabled rule's prefix gets no permission.
    Design d = caseDesign("filters");
    d.rules.erase(d.rules.begin(), d.rules.begin() + 2);
    const auto narrowed = generateArtifacts(d);
    perms = findArtifact(narrowed, ArtifactKind::RolePermissionsPolicy, "role");
    QCOMPARE(strings((*statement(*perms, "ReadSourceObjects"))["Resource"]),
             std::set<std::string>{"arn:aws:s3:::docs-use1/invoices/${*}special${?}*"});
    QVERIFY(perms->text.find("drafts/") == std::string::npos);
}

void TestPolicies::ownerOverrideOnlyAcrossAccounts()
{
    Design d = caseDesign("owner-override");
    auto artifacts = generateArtifacts(d);
    const Artifact *config = findArtifact(artifacts, ArtifactKind::ReplicationConfiguration, "src");
    const ordered_json &dest = config->document()["Rules"][0]["Destination"];
    QCOMPARE(dest["Account"], "444455556666");
    QCOMPARE(dest["AccessControlTranslation"]["Owner"], "Destination");
    QCOMPARE(dest["StorageClass"], "STANDARD_IA");
    const Artifact *perms = findArtifact(artifacts, ArtifactKind::RolePermissionsPolicy, "role");
    QVERIFY(statement(*perms, "ChangeReplicaOwner"));
    const Artifact *bucket = findArtifact(artifacts, ArtifactKind::BucketPolicy, "dst");
    QVERIFY(bucket);
    QVERIFY(statement(*bucket, "AllowReplicationRoleToChangeReplicaOwner"));
    QCOMPARE(bucket->account, std::string("archive"));

    // Same account: S3 would apply the override anyway, so it is left out.
    d.buckets[1].account = "prod";
    artifacts = generateArtifacts(d);
    config = findArtifact(artifacts, ArtifactKind::ReplicationConfiguration, "src");
    QVERIFY(!config->document()["Rules"][0]["Destination"].contains("AccessControlTranslation"));
    QVERIFY(!config->document()["Rules"][0]["Destination"].contains("Account"));
    QVERIFY(!statement(*findArtifact(artifacts, ArtifactKind::RolePermissionsPolicy, "role"),
                       "ChangeReplicaOwner"));
    QVERIFY(!findArtifact(artifacts, ArtifactKind::BucketPolicy, "dst"));
}

void TestPolicies::kmsContexts_data()
{
    QTest::addColumn<QString>("caseName");
    QTest::addColumn<QString>("sid");
    QTest::addColumn<QStringList>("actions");
    QTest::addColumn<QStringList>("contexts");
    QTest::addColumn<QString>("viaService");
    QTest::newRow("source bucket key: decrypt")
        << "bucket-key-source"
        << "DecryptSourceObjects" << QStringList{"kms:Decrypt"}
        << QStringList{"arn:aws:s3:::orders-src-use1", "arn:aws:s3:::orders-src-use1/orders/*"}
        << "s3.us-east-1.amazonaws.com";
    // The source's Bucket Key carries over to the replica: bucket ARN context and Decrypt.
    QTest::newRow("source bucket key: encrypt")
        << "bucket-key-source"
        << "EncryptReplicas" << QStringList{"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"}
        << QStringList{"arn:aws:s3:::orders-dst-usw2", "arn:aws:s3:::orders-dst-usw2/orders/*"}
        << "s3.us-west-2.amazonaws.com";
    QTest::newRow("destination bucket key: decrypt")
        << "bucket-key-destination"
        << "DecryptSourceObjects" << QStringList{"kms:Decrypt"}
        << QStringList{"arn:aws:s3:::media-src-euw1/*"} << "s3.eu-west-1.amazonaws.com";
    QTest::newRow("destination bucket key: encrypt")
        << "bucket-key-destination"
        << "EncryptReplicas" << QStringList{"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"}
        << QStringList{"arn:aws:s3:::media-dst-euc1", "arn:aws:s3:::media-dst-euc1/*"}
        << "s3.eu-central-1.amazonaws.com";
    QTest::newRow("both bucket keys: decrypt")
        << "bucket-key-both"
        << "DecryptSourceObjects" << QStringList{"kms:Decrypt"}
        << QStringList{"arn:aws:s3:::ledger-src-use1", "arn:aws:s3:::ledger-src-use1/entries/*"}
        << "s3.us-east-1.amazonaws.com";
    QTest::newRow("both bucket keys: encrypt")
        << "bucket-key-both"
        << "EncryptReplicas" << QStringList{"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"}
        << QStringList{"arn:aws:s3:::ledger-dst-usw2", "arn:aws:s3:::ledger-dst-usw2/entries/*"}
        << "s3.us-west-2.amazonaws.com";
    QTest::newRow("dsse ignores bucket key")
        << "dsse-kms"
        << "DecryptSourceObjects" << QStringList{"kms:Decrypt"}
        << QStringList{"arn:aws:s3:::secret-src/*"} << "s3.us-east-1.amazonaws.com";
    // "Use the .amazonaws.com suffix of the AWS KMS ViaService name in all AWS partitions."
    QTest::newRow("china: amazonaws.com, not .com.cn")
        << "china-partition"
        << "DecryptSourceObjects" << QStringList{"kms:Decrypt"}
        << QStringList{"arn:aws-cn:s3:::records-bjs/*"} << "s3.cn-north-1.amazonaws.com";
    QTest::newRow("govcloud")
        << "govcloud-sse-kms"
        << "EncryptReplicas" << QStringList{"kms:Encrypt", "kms:GenerateDataKey"}
        << QStringList{"arn:aws-us-gov:s3:::cases-gov-east/cases/*"}
        << "s3.us-gov-east-1.amazonaws.com";
}

void TestPolicies::kmsContexts()
{
    QFETCH(QString, caseName);
    QFETCH(QString, sid);
    QFETCH(QStringList, actions);
    QFETCH(QStringList, contexts);
    QFETCH(QString, viaService);
    const auto artifacts = generateArtifacts(caseDesign(caseName.toStdString()));
    const Artifact *perms = findArtifact(artifacts, ArtifactKind::RolePermissionsPolicy, "role");
    QVERIFY(perms);
    const ordered_json *s = statement(*perms, sid.toStdString());
    QVERIFY(s);
    std::set<std::string> expectedActions, expectedContexts;
    for (const QString &a : actions)
        expectedActions.insert(a.toStdString());
    for (const QString &c : contexts)
        expectedContexts.insert(c.toStdString());
    QCOMPARE(strings((*s)["Action"]), expectedActions);
    const ordered_json &like = (*s)["Condition"]["StringLike"];
    QCOMPARE(strings(like["kms:EncryptionContext:aws:s3:arn"]), expectedContexts);
    QCOMPARE(like["kms:ViaService"], viaService.toStdString());
}

void TestPolicies::sharedRoleIsMergedWithoutRedundancy()
{
    const auto artifacts = generateArtifacts(caseDesign("shared-role"));
    const Artifact *perms = findArtifact(artifacts, ArtifactKind::RolePermissionsPolicy, "role");
    QVERIFY(perms);
    // One statement per purpose; "central-logs-use1/logs/*" is covered by ".../*".
    QCOMPARE(perms->document()["Statement"].size(), std::size_t(5));
    QCOMPARE(strings((*statement(*perms, "ReplicateToDestination"))["Resource"]),
             std::set<std::string>{"arn:aws:s3:::central-logs-use1/*"});
    QCOMPARE(strings((*statement(*perms, "ReadSourceObjects"))["Resource"]),
             (std::set<std::string>{"arn:aws:s3:::app-logs-use1/logs/*",
                                    "arn:aws:s3:::web-logs-use1/*"}));
    QCOMPARE(strings((*statement(*perms, "ReadSourceReplicationConfiguration"))["Resource"]),
             (std::set<std::string>{"arn:aws:s3:::app-logs-use1", "arn:aws:s3:::web-logs-use1"}));
    // The key is both source and replica key: one statement, contexts of both sides.
    const ordered_json *decrypt = statement(*perms, "DecryptSourceObjects");
    QCOMPARE(strings((*decrypt)["Condition"]["StringLike"]["kms:EncryptionContext:aws:s3:arn"]),
             (std::set<std::string>{"arn:aws:s3:::app-logs-use1/logs/*",
                                    "arn:aws:s3:::web-logs-use1/*"}));
    // The key policy is as tight as the role policy: one statement per use, each with the
    // role statement's own conditions.
    const Artifact *key = findArtifact(artifacts, ArtifactKind::KeyPolicy, "k");
    QCOMPARE(key->document()["Statement"].size(), std::size_t(3));
    const ordered_json *keyDecrypt = statement(*key, "AllowReplicationRoleToDecryptSource");
    QVERIFY(keyDecrypt);
    QCOMPARE((*keyDecrypt)["Condition"], (*decrypt)["Condition"]);
    const ordered_json *keyEncrypt = statement(*key, "AllowReplicationRoleToEncryptReplicas");
    QVERIFY(keyEncrypt);
    QCOMPARE((*keyEncrypt)["Condition"], (*statement(*perms, "EncryptReplicas"))["Condition"]);
}

void TestPolicies::unusedRoleGetsTrustOnly()
{
    const auto artifacts = generateArtifacts(caseDesign("shared-role"));
    QVERIFY(findArtifact(artifacts, ArtifactKind::RoleTrustPolicy, "unused"));
    QVERIFY(!findArtifact(artifacts, ArtifactKind::RolePermissionsPolicy, "unused"));
}

void TestPolicies::awsManagedKeyGetsNoPolicy()
{
    const auto artifacts = generateArtifacts(caseDesign("three-accounts"));
    QVERIFY(!findArtifact(artifacts, ArtifactKind::KeyPolicy, "k-managed"));
    QVERIFY(findArtifact(artifacts, ArtifactKind::KeyPolicy, "k-prod"));
}

void TestPolicies::keyPolicyNamesCrossAccountRole()
{
    const auto artifacts = generateArtifacts(caseDesign("three-accounts"));
    const Artifact *key = findArtifact(artifacts, ArtifactKind::KeyPolicy, "k-backup");
    QVERIFY(key);
    QCOMPARE(key->accountId, std::string("444455556666"));
    const ordered_json *root = statement(*key, "EnableIAMUserPermissions");
    QCOMPARE((*root)["Principal"]["AWS"], "arn:aws:iam::444455556666:root");
    const ordered_json *role = statement(*key, "AllowReplicationRoleToEncryptReplicas");
    QVERIFY(role);
    QCOMPARE((*role)["Principal"]["AWS"], "arn:aws:iam::111122223333:role/prod-replication");
    QCOMPARE((*role)["Condition"]["StringLike"]["kms:ViaService"], "s3.us-west-2.amazonaws.com");
    QCOMPARE(strings((*role)["Condition"]["StringLike"]["kms:EncryptionContext:aws:s3:arn"]),
             std::set<std::string>{"arn:aws:s3:::backup-data-usw2/*"});
    const ordered_json *service = statement(*key, "AllowS3ServiceForReplication");
    QVERIFY(service);
    QCOMPARE((*service)["Condition"]["StringEquals"]["aws:SourceAccount"], "111122223333");
    QCOMPARE((*service)["Condition"]["ArnLike"]["aws:SourceArn"], "arn:aws:s3:::prod-data-use1");
    // Destination with a Bucket Key: Decrypt verifies it.
    const Artifact *analytics = findArtifact(artifacts, ArtifactKind::KeyPolicy, "k-analytics");
    QVERIFY(strings((*statement(*analytics, "AllowReplicationRoleToEncryptReplicas"))["Action"])
                .count("kms:Decrypt"));
    QVERIFY(!statement(*analytics, "AllowS3ServiceForReplication"));
}

void TestPolicies::batchAndConfusedDeputyTrust()
{
    const auto artifacts = generateArtifacts(caseDesign("three-accounts"));
    const Artifact *trust = findArtifact(artifacts, ArtifactKind::RoleTrustPolicy, "role");
    const ordered_json *s3 = statement(*trust, "AllowS3ReplicationToAssumeRole");
    QCOMPARE((*s3)["Principal"]["Service"], "s3.amazonaws.com");
    QCOMPARE((*s3)["Condition"]["StringEquals"]["aws:SourceAccount"], "111122223333");
    QCOMPARE((*s3)["Condition"]["ArnLike"]["aws:SourceArn"], "arn:aws:s3:::prod-data-use1");
    const ordered_json *batch = statement(*trust, "AllowBatchReplicationToAssumeRole");
    QVERIFY(batch);
    QCOMPARE((*batch)["Principal"]["Service"], "batchoperations.s3.amazonaws.com");
    QCOMPARE((*batch)["Condition"]["ArnLike"]["aws:SourceArn"],
             "arn:aws:s3:us-east-1:111122223333:job/*");

    // Without the opt-in: AWS's documented trust, both services in one statement.
    Design d = caseDesign("three-accounts");
    d.roles[0].confusedDeputyConditions = false;
    const auto plain = generateArtifacts(d);
    trust = findArtifact(plain, ArtifactKind::RoleTrustPolicy, "role");
    QCOMPARE(trust->document()["Statement"].size(), std::size_t(1));
    const ordered_json &only = trust->document()["Statement"][0];
    QCOMPARE(strings(only["Principal"]["Service"]),
             (std::set<std::string>{"batchoperations.s3.amazonaws.com", "s3.amazonaws.com"}));
    QCOMPARE(only["Action"], "sts:AssumeRole");
    QVERIFY(!only.contains("Condition"));
    QVERIFY(!only.contains("Resource"));
}

void TestPolicies::destinationBucketPolicy()
{
    const auto artifacts = generateArtifacts(caseDesign("three-accounts"));
    const Artifact *backup = findArtifact(artifacts, ArtifactKind::BucketPolicy, "backup-dst");
    QVERIFY(backup);
    const ordered_json *objects = statement(*backup, "AllowReplicationRoleToReplicateObjects");
    QCOMPARE((*objects)["Principal"]["AWS"], "arn:aws:iam::111122223333:role/prod-replication");
    QCOMPARE(strings((*objects)["Resource"]),
             std::set<std::string>{"arn:aws:s3:::backup-data-usw2/*"});
    // Unlike AWS's example, no bucket-level statement: the role uses no bucket-level action
    // there, and s3:PutBucketVersioning would let the source account suspend versioning.
    QVERIFY(!statement(*backup, "AllowReplicationRoleBucketAccess"));
    QVERIFY(backup->text.find("s3:PutBucketVersioning") == std::string::npos);
    QVERIFY(backup->text.find("s3:List") == std::string::npos);
    QVERIFY(statement(*backup, "AllowReplicationRoleToChangeReplicaOwner"));
    const Artifact *analytics =
        findArtifact(artifacts, ArtifactKind::BucketPolicy, "analytics-dst");
    QCOMPARE(
        strings((*statement(*analytics, "AllowReplicationRoleToReplicateObjects"))["Resource"]),
        std::set<std::string>{"arn:aws:s3:::analytics-data-use1/events/*"});
    QVERIFY(!statement(*analytics, "AllowReplicationRoleToChangeReplicaOwner"));
    // Same-account destinations need no bucket policy.
    QVERIFY(
        !findArtifact(generateArtifacts(caseDesign("fan-out")), ArtifactKind::BucketPolicy, "eu"));
}

void TestPolicies::keyPoliciesAsTightAsRolePolicies_data()
{
    everyCaseIsWellFormed_data();
}

// Every key policy statement naming a replication role carries exactly the conditions of a
// KMS statement of that role's own permissions policy, on the same key: the key policy alone
// allows no other bucket, Region or service.
void TestPolicies::keyPoliciesAsTightAsRolePolicies()
{
    QFETCH(int, index);
    const Design d = s3rd::test::policyCases()[std::size_t(index)].design;
    const auto artifacts = generateArtifacts(d);
    for (const Artifact &key : artifacts) {
        if (key.kind != ArtifactKind::KeyPolicy || key.custom)
            continue;
        for (const ordered_json &s : key.document()["Statement"]) {
            if (!s.contains("Principal") || !s["Principal"].contains("AWS"))
                continue;
            for (const std::string &roleArn : strings(s["Principal"]["AWS"])) {
                if (roleArn.find(":role/") == std::string::npos)
                    continue;
                QVERIFY2(s.contains("Condition"), key.path.c_str());
                const ordered_json &keyLike = s["Condition"]["StringLike"];
                QVERIFY(keyLike.contains("kms:ViaService"));
                QVERIFY(keyLike.contains("kms:EncryptionContext:aws:s3:arn"));
                // The role's own statement with the same actions on this key has the same
                // conditions (its contexts include the key policy's).
                bool found = false;
                for (const Artifact &perms : artifacts) {
                    if (perms.kind != ArtifactKind::RolePermissionsPolicy ||
                        perms.target != roleArn || found)
                        continue;
                    for (const ordered_json &r : perms.document()["Statement"]) {
                        if (strings(r["Resource"]) != std::set<std::string>{key.target} ||
                            strings(r["Action"]) != strings(s["Action"]))
                            continue;
                        const ordered_json &like = r["Condition"]["StringLike"];
                        found = like["kms:ViaService"] == keyLike["kms:ViaService"];
                        const auto roleContexts = strings(like["kms:EncryptionContext:aws:s3:arn"]);
                        for (const std::string &c :
                             strings(keyLike["kms:EncryptionContext:aws:s3:arn"]))
                            found = found && roleContexts.count(c);
                        if (found)
                            break;
                    }
                }
                QVERIFY2(found, (key.path + " " + s["Sid"].get<std::string>()).c_str());
            }
        }
    }
}

void TestPolicies::batchReplicationManifestAndReport()
{
    const auto artifacts = generateArtifacts(caseDesign("three-accounts"));
    const Artifact *perms = findArtifact(artifacts, ArtifactKind::RolePermissionsPolicy, "role");
    QVERIFY(perms);
    // AWS's "Policy if using and storing an S3 generated manifest".
    const ordered_json *report = statement(*perms, "WriteBatchManifestAndReport");
    QVERIFY(report);
    QCOMPARE(strings((*report)["Action"]),
             (std::set<std::string>{"s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"}));
    QCOMPARE(strings((*report)["Resource"]),
             std::set<std::string>{"arn:aws:s3:::prod-data-use1/batch-replication/*"});
    QCOMPARE(strings((*statement(*perms, "InitiateBatchReplication"))["Action"]),
             std::set<std::string>{"s3:InitiateReplication"});
    QCOMPARE(strings((*statement(*perms, "GenerateBatchManifest"))["Action"]),
             std::set<std::string>{"s3:PutInventoryConfiguration"});
    QVERIFY(strings((*statement(*perms, "ReadSourceReplicationConfiguration"))["Action"])
                .count("s3:GetReplicationConfiguration"));
    // Without Batch Replication, none of it.
    const auto plain = generateArtifacts(caseDesign("fan-out"));
    QVERIFY(!statement(*findArtifact(plain, ArtifactKind::RolePermissionsPolicy, "role"),
                       "WriteBatchManifestAndReport"));
}

void TestPolicies::emptyRuleIdIsLeftOut()
{
    const auto artifacts = generateArtifacts(caseDesign("empty-rule-id"));
    const Artifact *config = findArtifact(artifacts, ArtifactKind::ReplicationConfiguration, "src");
    QVERIFY(config);
    const ordered_json &rules = config->document()["Rules"];
    QCOMPARE(rules.size(), std::size_t(2));
    for (const ordered_json &r : rules) {
        QVERIFY(!r.contains("ID")); // S3 assigns one
        QCOMPARE(r.begin().key(), std::string("Priority"));
    }
}

void TestPolicies::customPoliciesVerbatim()
{
    const Design d = caseDesign("custom-policies");
    const auto artifacts = generateArtifacts(d);
    const Artifact *perms = findArtifact(artifacts, ArtifactKind::RolePermissionsPolicy, "role");
    QVERIFY(perms && perms->custom && perms->parsed);
    QCOMPARE(perms->text, d.roles[0].customPermissionsPolicy->document);
    QCOMPARE(perms->document()["Statement"][0]["Sid"], "All");
    // A custom bucket policy is in effect even with no cross-account rule into the bucket.
    const Artifact *lonely = findArtifact(artifacts, ArtifactKind::BucketPolicy, "lonely");
    QVERIFY(lonely && lonely->custom);
    QCOMPARE(lonely->text, d.buckets[2].customBucketPolicy->document);
    const Artifact *key = findArtifact(artifacts, ArtifactKind::KeyPolicy, "k");
    QVERIFY(key && key->custom);
    // The generated destination bucket policy is still there for the cross-account rule.
    const Artifact *dst = findArtifact(artifacts, ArtifactKind::BucketPolicy, "dst");
    QVERIFY(dst && !dst->custom);
    const Artifact *trust = findArtifact(artifacts, ArtifactKind::RoleTrustPolicy, "role");
    QVERIFY(trust && !trust->custom);
}

void TestPolicies::invalidCustomPolicyIsMarked()
{
    Design d = caseDesign("custom-policies");
    d.roles[0].customTrustPolicy = CustomPolicy{"broken", "{\"Version\": "};
    const auto artifacts = generateArtifacts(d);
    const Artifact *trust = findArtifact(artifacts, ArtifactKind::RoleTrustPolicy, "role");
    QVERIFY(trust && trust->custom);
    QVERIFY(!trust->parsed);
    QVERIFY(trust->document().is_null());
    QCOMPARE(trust->text, std::string("{\"Version\": "));
}

void TestPolicies::oversizedPolicyIsMarked()
{
    // One role replicating 200 buckets with distinct prefixes outgrows an inline policy.
    Design d = caseDesign("fan-out");
    d.rules.clear();
    for (int i = 0; i < 200; ++i) {
        Bucket b = d.buckets[0];
        b.id = "s" + std::to_string(i);
        b.name = "catalog-source-bucket-number-" + std::to_string(i);
        d.buckets.push_back(b);
        ReplicationRule r;
        r.id = "r" + std::to_string(i);
        r.ruleId = r.id;
        r.source = b.id;
        r.destination = "eu";
        r.role = "role";
        r.filterPrefix = "prefix-" + std::to_string(i) + "/";
        d.rules.push_back(r);
    }
    // Kept inline on request, as one policy: too large.
    d.roles[0].permissionsAttachment = PermissionsAttachment::Inline;
    const auto artifacts = generateArtifacts(d);
    const Artifact *perms = findArtifact(artifacts, ArtifactKind::RolePermissionsPolicy, "role");
    QVERIFY(perms);
    QVERIFY(policySize(*perms) > sizeLimit(ArtifactKind::RolePermissionsPolicy));
    QVERIFY(perms->overLimit);
    QCOMPARE(sizeLimit(ArtifactKind::RolePermissionsPolicy), std::size_t(10240));
    QCOMPARE(sizeLimit(ArtifactKind::RoleManagedPolicy), std::size_t(6144));
    QCOMPARE(sizeLimit(ArtifactKind::KeyPolicy), std::size_t(32768));
    QCOMPARE(sizeLimit(ArtifactKind::BucketPolicy), std::size_t(20480));
    // IAM counts no whitespace: the size is below the text's length.
    QVERIFY(policySize(*perms) < perms->text.size());
    for (const Artifact &a : artifacts) {
        if (a.kind == ArtifactKind::ReplicationConfiguration)
            QVERIFY(!a.overLimit);
    }
}

void TestPolicies::pathsStayInsideTheOutputFolder()
{
    Design d = caseDesign("owner-override");
    d.buckets[0].name = "../../etc";
    d.roles[0].name = "a/b";
    d.accounts[0].accountId = "../x";
    const auto artifacts = generateArtifacts(d);
    for (const Artifact &a : artifacts) {
        QVERIFY2(a.path.find("..") == std::string::npos, a.path.c_str());
        QVERIFY2(a.path.find('/') == a.path.rfind('/'), a.path.c_str());
        QVERIFY(a.path.front() != '/');
    }
    const Artifact *config = findArtifact(artifacts, ArtifactKind::ReplicationConfiguration, "src");
    QCOMPARE(config->path, std::string("prod/replication-src.json"));
    const Artifact *trust = findArtifact(artifacts, ArtifactKind::RoleTrustPolicy, "role");
    QCOMPARE(trust->path, std::string("prod/role-role-trust.json"));
    const Artifact *bucket = findArtifact(artifacts, ArtifactKind::BucketPolicy, "dst");
    QCOMPARE(bucket->path, std::string("444455556666/bucket-policy-ledger-archive.json"));
}

void TestPolicies::partitionAwareArns()
{
    const auto artifacts = generateArtifacts(caseDesign("china-partition"));
    for (const Artifact &a : artifacts) {
        QVERIFY2(a.target.rfind("arn:aws-cn:", 0) == 0, a.target.c_str());
        QVERIFY(a.text.find("arn:aws:") == std::string::npos);
    }
}

QTEST_GUILESS_MAIN(TestPolicies)
void TestPolicies::twoHundredBucketsPerRoleAreSplit()
{
    // One role replicating 200 SSE-KMS buckets across accounts: far beyond an inline policy.
    Design d = s3rd::test::roleServingBuckets(200, true);
    const auto artifacts = generateArtifacts(d);
    QVERIFY(!findArtifact(artifacts, ArtifactKind::RolePermissionsPolicy, "role"));
    const std::vector<const Artifact *> parts = managedParts(artifacts, "role");
    QVERIFY(parts.size() > 1);
    QVERIFY(parts.size() <= kMaxManagedPoliciesPerRole);
    std::set<std::string> sids;
    std::size_t statements = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const Artifact &a = *parts[i];
        const std::string n = std::to_string(i + 1);
        QCOMPARE(a.part, int(i + 1));
        QCOMPARE(a.name, "catalog-replication-permissions-" + n);
        QCOMPARE(a.path, "111122223333/role-catalog-replication-permissions-" + n + ".json");
        QCOMPARE(a.target, "arn:aws:iam::111122223333:policy/catalog-replication-permissions-" + n);
        QCOMPARE(a.accountId, std::string("111122223333"));
        QVERIFY2(policySize(a) <= 6144, a.path.c_str());
        QVERIFY(!a.overLimit);
        QVERIFY(a.document()["Version"] == "2012-10-17");
        QCOMPARE(a.notes.size(), a.document()["Statement"].size());
        for (const ordered_json &st : a.document()["Statement"]) {
            QVERIFY(sids.insert(st["Sid"].get<std::string>()).second); // unique across parts
            ++statements;
        }
    }
    // The same permissions as the one inline policy the role would otherwise get.
    d.roles[0].permissionsAttachment = PermissionsAttachment::Inline;
    const auto inlined = generateArtifacts(d);
    const Artifact *whole = findArtifact(inlined, ArtifactKind::RolePermissionsPolicy, "role");
    QVERIFY(whole && whole->overLimit);
    QVERIFY(managedParts(inlined, "role").empty());
    const std::set<std::string> expected = atoms({whole});
    QVERIFY(expected.size() > 1000);
    QVERIFY(atoms(parts) == expected);
    // Some statement was too large for one policy and was divided.
    QVERIFY(statements > whole->document()["Statement"].size());
    // Byte-stable, and the rest of the design's documents are not affected.
    const auto again = generateArtifacts(s3rd::test::roleServingBuckets(200, true));
    QCOMPARE(again.size(), artifacts.size());
    for (std::size_t i = 0; i < again.size(); ++i) {
        QCOMPARE(again[i].path, artifacts[i].path);
        QCOMPARE(again[i].text, artifacts[i].text);
    }
    QCOMPARE(inlined.size() + parts.size() - 1, artifacts.size());
}

void TestPolicies::managedAttachmentOnRequest()
{
    Design d = caseDesign("shared-role");
    const auto inlined = generateArtifacts(d);
    const Artifact *whole = findArtifact(inlined, ArtifactKind::RolePermissionsPolicy, "role");
    QVERIFY(whole && !whole->overLimit);
    for (Role &r : d.roles)
        r.permissionsAttachment = PermissionsAttachment::Managed;
    const auto artifacts = generateArtifacts(d);
    QVERIFY(!findArtifact(artifacts, ArtifactKind::RolePermissionsPolicy, "role"));
    const std::vector<const Artifact *> parts = managedParts(artifacts, "role");
    // A small policy stays one managed policy with the inline policy's very text.
    QCOMPARE(parts.size(), std::size_t(1));
    QCOMPARE(parts[0]->text, whole->text);
    QCOMPARE(artifactKindName(parts[0]->kind), std::string_view("role-managed-policy"));

    // A custom permissions policy is the user's own: always passed through inline.
    d.roles[0].customPermissionsPolicy = CustomPolicy{"own", "{\"Version\": \"2012-10-17\"}"};
    const auto custom = generateArtifacts(d);
    QVERIFY(findArtifact(custom, ArtifactKind::RolePermissionsPolicy, "role")->custom);
    QVERIFY(managedParts(custom, "role").empty());
}

void TestPolicies::tooManyManagedPoliciesAreMarked()
{
    // So many buckets that even 10 managed policies cannot hold the role's permissions.
    const auto artifacts = generateArtifacts(s3rd::test::roleServingBuckets(700, false));
    const std::vector<const Artifact *> parts = managedParts(artifacts, "role");
    QVERIFY(parts.size() > kMaxManagedPoliciesPerRole);
    for (const Artifact *a : parts) {
        QVERIFY(policySize(*a) <= 6144);
        QVERIFY(a->overLimit); // the role cannot be deployed as is
    }
}

#include "tst_policies.moc"
