// The simulator: every example design replicates a representative object; broken variants fail
// with the reason S3 reports, at the check that causes it.

#include "artifactlookup.h"
#include "core/designfile.h"
#include "designbuilder.h"
#include "golden.h"
#include "policies/artifacts.h"
#include "policies/artifactsubset.h"
#include "policycases.h"
#include "simulator/replicationsteps.h"
#include "simulator/simulationelements.h"
#include "simulator/simulator.h"
#include "testpaths.h"

#include <QtTest>

#include <functional>
#include <map>
#include <set>

using namespace s3rd::model;
using namespace s3rd::test;

namespace {

// Two accounts: src (111122223333, us-east-1, SSE-KMS with a Bucket Key off) replicates to
// dst (444455556666, eu-west-1, SSE-KMS) with a cross-account rule and a replica key.
Design baseDesign()
{
    DesignBuilder b("simulator test");
    b.account("a1", "111122223333", "source");
    b.account("a2", "444455556666", "destination");
    b.key("ksrc", "a1", "us-east-1", "alias/src-data", "1234abcd-12ab-34cd-56ef-1234567890ab");
    b.key("kdst", "a2", "eu-west-1", "alias/replica-data", "5678abcd-12ab-34cd-56ef-1234567890ab");
    b.key("kwrong", "a2", "us-east-1", "alias/wrong-region",
          "9999abcd-12ab-34cd-56ef-1234567890ab");
    b.kmsBucket("bsrc", "sim-source-bucket", "a1", "us-east-1", "ksrc");
    Bucket &dst = b.bucket("bdst", "sim-destination-bucket", "a2", "eu-west-1");
    dst.defaultEncryption = DefaultEncryption::SseKms;
    dst.defaultKey = "kdst";
    b.role("r1", "a1", "s3-replication").path = "/service-role/";
    ReplicationRule &rule = b.kmsRule("rule1", "bsrc", "bdst", "r1", "kdst");
    rule.ruleId = "to-destination";
    rule.deleteMarkerReplication = true;
    rule.filterPrefix = "docs/";
    return b.design();
}

// The generated document of a kind, with every occurrence of `from` replaced by `to`.
std::string editedGenerated(const Design &d, ArtifactKind kind, const std::string &element,
                            const std::string &from, const std::string &to)
{
    const auto artifacts = generateArtifacts(d);
    const Artifact *a = findArtifact(artifacts, kind, element);
    if (!a)
        return {};
    std::string text = a->text;
    for (std::size_t pos = text.find(from); pos != std::string::npos;
         pos = text.find(from, pos + to.size()))
        text.replace(pos, from.size(), to);
    return text;
}

Role &role(Design &d)
{
    return d.roles[0];
}
Bucket &source(Design &d)
{
    return d.buckets[0];
}
Bucket &destination(Design &d)
{
    return d.buckets[1];
}
ReplicationRule &rule(Design &d)
{
    return d.rules[0];
}

using Mutation = std::function<void(Design &, TestObject &)>;

TestObject kmsObject()
{
    TestObject o;
    o.bucket = "bsrc";
    o.key = "docs/report.pdf";
    o.encryption = ObjectWrite::SseKms;
    return o;
}

const SimulationStep *failingStep(const DestinationResult &r)
{
    for (const SimulationStep &s : r.steps) {
        if (!s.passed && s.fatal)
            return &s;
    }
    return nullptr;
}

} // namespace

Q_DECLARE_METATYPE(Mutation)

class TestSimulator : public QObject
{
    Q_OBJECT

private slots:
    void outcomes_data();
    void outcomes();
    void onlyTheObjectsDocumentsSuffice();
    void exampleDesignsReplicate_data();
    void exampleDesignsReplicate();
    void traceOfAReplicatedObject();
    void roleWithManagedPoliciesReplicates();
    void priorityPicksOneRulePerDestination();
    void unknownOperatorSurfaces();
    void policySetIsReusable();
    void badInput();
    void encryptionArgument();
    void kmsViaServiceInEveryPartition_data();
    void kmsViaServiceInEveryPartition();
    void bucketKeyContexts_data();
    void bucketKeyContexts();
    void everyRequestComesFromTheTable();
    void whatS3SendsDocumentIsCurrent();
};

void TestSimulator::outcomes_data()
{
    QTest::addColumn<Mutation>("mutate");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("check"); // the failing check; empty when replicated

    auto none = [](Design &, TestObject &) {};
    QTest::newRow("baseline: cross-account SSE-KMS replicates")
        << Mutation(none) << "replicated" << "" << "";
    QTest::newRow("SSE-S3 object replicates")
        << Mutation([](Design &, TestObject &o) { o.encryption = ObjectWrite::SseS3; })
        << "replicated" << "" << "";
    QTest::newRow("unencrypted object takes the destination's default key")
        << Mutation([](Design &, TestObject &o) { o.encryption = ObjectWrite::Unencrypted; })
        << "replicated" << "" << "";
    QTest::newRow("Bucket Keys on both sides")
        << Mutation([](Design &d, TestObject &) {
               source(d).bucketKey = true;
               destination(d).bucketKey = true;
           })
        << "replicated" << "" << "";
    QTest::newRow("confused-deputy conditions on the trust policy")
        << Mutation([](Design &d, TestObject &) { role(d).confusedDeputyConditions = true; })
        << "replicated" << "" << "";
    QTest::newRow("owner override")
        << Mutation([](Design &d, TestObject &) {
               rule(d).ownerOverride = true;
               destination(d).objectOwnership = ObjectOwnership::BucketOwnerPreferred;
           })
        << "replicated" << "" << "";
    QTest::newRow("Object Lock on both sides")
        << Mutation([](Design &d, TestObject &) {
               source(d).objectLock = true;
               destination(d).objectLock = true;
           })
        << "replicated" << "" << "";
    QTest::newRow("delete marker with delete-marker replication")
        << Mutation([](Design &, TestObject &o) { o.deleteMarker = true; }) << "replicated" << ""
        << "";
    QTest::newRow("SSE-C into a bucket that accepts SSE-C")
        << Mutation([](Design &d, TestObject &o) {
               o.encryption = ObjectWrite::SseC;
               destination(d).sseCBlocked = false;
           })
        << "replicated" << "" << "";

    // Not replicated, by design.
    QTest::newRow("KMS object, rule does not opt in")
        << Mutation([](Design &d, TestObject &) { rule(d).replicateKmsObjects = false; })
        << "not-replicated" << "kms-objects-not-selected" << "";
    QTest::newRow("a replica is not replicated again")
        << Mutation([](Design &, TestObject &o) { o.isReplica = true; }) << "not-replicated"
        << "replicas-not-replicated" << "";
    QTest::newRow("version delete")
        << Mutation([](Design &, TestObject &o) { o.versionDelete = true; }) << "not-replicated"
        << "version-deletes-not-replicated" << "";
    QTest::newRow("delete marker, delete-marker replication off")
        << Mutation([](Design &d, TestObject &o) {
               o.deleteMarker = true;
               rule(d).deleteMarkerReplication = false;
           })
        << "not-replicated" << "delete-marker-replication-off" << "";
    QTest::newRow("key outside the prefix")
        << Mutation([](Design &, TestObject &o) { o.key = "tmp/report.pdf"; }) << "not-replicated"
        << "not-matched" << "";
    QTest::newRow("disabled rule")
        << Mutation([](Design &d, TestObject &) { rule(d).enabled = false; }) << "not-replicated"
        << "not-matched" << "";
    QTest::newRow("tag filter, object without the tag")
        << Mutation([](Design &d, TestObject &) {
               rule(d).filterTags = {{"replicate", "yes"}};
               rule(d).deleteMarkerReplication = false;
           })
        << "not-replicated" << "not-matched" << "";
    QTest::newRow("tag filter, object with the tag")
        << Mutation([](Design &d, TestObject &o) {
               rule(d).filterTags = {{"replicate", "yes"}};
               rule(d).deleteMarkerReplication = false;
               o.tags = {{"replicate", "yes"}, {"team", "data"}};
           })
        << "replicated" << "" << "";

    // Failures, each for its cause.
    QTest::newRow("trust policy without the S3 service")
        << Mutation([](Design &d, TestObject &) {
               role(d).customTrustPolicy = CustomPolicy{
                   "ec2-only",
                   R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})"};
           })
        << "failed" << "AssumeRoleNotPermitted" << "assume-role";
    QTest::newRow("rule without a role")
        << Mutation([](Design &d, TestObject &) { rule(d).role.clear(); }) << "failed"
        << "AssumeRoleNotPermitted" << "assume-role";
    QTest::newRow("s3:GetObjectVersion instead of ...ForReplication, SSE-KMS object")
        << Mutation([](Design &d, TestObject &) {
               role(d).customPermissionsPolicy = CustomPolicy{
                   "seed-style",
                   editedGenerated(d, ArtifactKind::RolePermissionsPolicy, "r1",
                                   "s3:GetObjectVersionForReplication", "s3:GetObjectVersion")};
           })
        << "failed" << "SrcGetObjectNotPermitted" << "read-source";
    QTest::newRow("s3:GetObjectVersion instead of ...ForReplication, SSE-S3 object")
        << Mutation([](Design &d, TestObject &o) {
               o.encryption = ObjectWrite::SseS3;
               role(d).customPermissionsPolicy = CustomPolicy{
                   "seed-style",
                   editedGenerated(d, ArtifactKind::RolePermissionsPolicy, "r1",
                                   "s3:GetObjectVersionForReplication", "s3:GetObjectVersion")};
           })
        << "replicated" << "" << "";
    QTest::newRow("permissions policy without the ACL read")
        << Mutation([](Design &d, TestObject &) {
               role(d).customPermissionsPolicy = CustomPolicy{
                   "no-acl", editedGenerated(d, ArtifactKind::RolePermissionsPolicy, "r1",
                                             "s3:GetObjectVersionAcl", "s3:GetObjectAcl")};
           })
        << "failed" << "SrcGetAclNotPermitted" << "read-source-acl";
    QTest::newRow("source key policy trusts neither the role nor the account")
        << Mutation([](Design &d, TestObject &) {
               d.keys[0].customKeyPolicy = CustomPolicy{
                   "admins-only",
                   R"({"Version":"2012-10-17","Statement":[{"Sid":"Admins","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/KeyAdmin"},"Action":"kms:*","Resource":"*"}]})"};
           })
        << "failed" << "SrcGetObjectNotPermitted" << "decrypt-source";
    QTest::newRow("permissions boundary without KMS")
        << Mutation([](Design &d, TestObject &) {
               role(d).guardrails.push_back(
                   {GuardrailKind::PermissionsBoundary, "s3-only",
                    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]})"});
           })
        << "failed" << "SrcGetObjectNotPermitted" << "decrypt-source";
    QTest::newRow("source bucket unversioned")
        << Mutation([](Design &d, TestObject &) { source(d).versioning = Versioning::Suspended; })
        << "failed" << "SrcBucketReplicationConfigMissing" << "source-versioning";
    QTest::newRow("destination unversioned")
        << Mutation([](Design &d, TestObject &) {
               destination(d).versioning = Versioning::Unversioned;
           })
        << "failed" << "DstBucketUnversioned" << "destination-versioning";
    QTest::newRow("destination bucket missing")
        << Mutation([](Design &d, TestObject &) { rule(d).destination = "gone"; }) << "failed"
        << "DstBucketNotFound" << "destination-exists";
    QTest::newRow("Object Lock on the source only")
        << Mutation([](Design &d, TestObject &) { source(d).objectLock = true; }) << "failed"
        << "DstBucketObjectLockConfigMissing" << "destination-object-lock";
    QTest::newRow("Object Lock: no retention read")
        << Mutation([](Design &d, TestObject &) {
               source(d).objectLock = true;
               destination(d).objectLock = true;
               role(d).customPermissionsPolicy = CustomPolicy{
                   "no-retention", editedGenerated(d, ArtifactKind::RolePermissionsPolicy, "r1",
                                                   "s3:GetObjectRetention", "s3:PutObjectRetention")};
           })
        << "failed" << "SrcGetRetentionNotPermitted" << "read-retention";
    QTest::newRow("Object Lock: no legal hold read")
        << Mutation([](Design &d, TestObject &) {
               source(d).objectLock = true;
               destination(d).objectLock = true;
               role(d).customPermissionsPolicy = CustomPolicy{
                   "no-legal-hold", editedGenerated(d, ArtifactKind::RolePermissionsPolicy, "r1",
                                                    "s3:GetObjectLegalHold", "s3:PutObjectLegalHold")};
           })
        << "failed" << "SrcGetLegalHoldNotPermitted" << "read-legal-hold";
    QTest::newRow("SSE-C into a bucket that blocks SSE-C")
        << Mutation([](Design &, TestObject &o) { o.encryption = ObjectWrite::SseC; }) << "failed"
        << "DstPutObjectNotPermitted" << "destination-sse-c";
    QTest::newRow("no replica key")
        << Mutation([](Design &d, TestObject &) { rule(d).replicaKey.clear(); }) << "failed"
        << "DstKmsKeyNotFound" << "replica-key";
    QTest::newRow("replica key in another region")
        << Mutation([](Design &d, TestObject &) { rule(d).replicaKey = "kwrong"; }) << "failed"
        << "DstKmsKeyNotFound" << "replica-key";
    QTest::newRow("asymmetric replica key")
        << Mutation([](Design &d, TestObject &) { d.keys[1].symmetric = false; }) << "failed"
        << "DstKmsKeyInvalidState" << "replica-key";
    QTest::newRow("replica key disabled")
        << Mutation([](Design &d, TestObject &) { d.keys[1].state = KeyState::Disabled; })
        << "failed" << "DstKmsKeyInvalidState" << "replica-key";
    QTest::newRow("source key pending deletion")
        << Mutation([](Design &d, TestObject &) { d.keys[0].state = KeyState::PendingDeletion; })
        << "failed" << "SrcKmsKeyInvalidState" << "source-key";
    QTest::newRow("RCP of the destination account keeping other accounts out")
        << Mutation([](Design &d, TestObject &) {
               d.accounts[1].guardrails.push_back(
                   {GuardrailKind::ResourceControlPolicy, "perimeter",
                    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},{"Sid":"Perimeter","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalAccount":"444455556666"}}}]})"});
           })
        << "failed" << "DstPutObjectNotPermitted" << "write-replica";
    QTest::newRow("RCP of the destination account without an allow")
        << Mutation([](Design &d, TestObject &) {
               d.accounts[1].guardrails.push_back(
                   {GuardrailKind::ResourceControlPolicy, "empty",
                    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:*","Resource":"*"}]})"});
           })
        << "failed" << "DstPutObjectNotPermitted" << "write-replica";
    QTest::newRow("RCP of the destination account allowing everything")
        << Mutation([](Design &d, TestObject &) {
               d.accounts[1].guardrails.push_back(
                   {GuardrailKind::ResourceControlPolicy, "full-access",
                    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]})"});
           })
        << "replicated" << "" << "";
    QTest::newRow("cross-account bucket policy without the replication statements")
        << Mutation([](Design &d, TestObject &) {
               destination(d).customBucketPolicy = CustomPolicy{
                   "tls-only",
                   R"({"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecure","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::sim-destination-bucket/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]})"};
           })
        << "failed" << "DstPutObjectNotPermitted" << "write-replica";
    QTest::newRow("replica key policy without the role")
        << Mutation([](Design &d, TestObject &) {
               d.keys[1].customKeyPolicy = CustomPolicy{
                   "default",
                   R"({"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"kms:*","Resource":"*"}]})"};
           })
        << "failed" << "DstPutObjectNotPermitted" << "encrypt-replica";
    QTest::newRow("Bucket Key at the destination, key policy without Decrypt")
        << Mutation([](Design &d, TestObject &) {
               destination(d).bucketKey = true;
               d.keys[1].customKeyPolicy = CustomPolicy{
                   "encrypt-only",
                   R"({"Version":"2012-10-17","Statement":[{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"kms:*","Resource":"*"},
                       {"Sid":"Replication","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/service-role/s3-replication"},"Action":["kms:Encrypt","kms:GenerateDataKey"],"Resource":"*"}]})"};
           })
        << "failed" << "DstPutObjectNotPermitted" << "decrypt-replica-key";
    QTest::newRow("SCP denying replication writes")
        << Mutation([](Design &d, TestObject &) {
               d.accounts[0].guardrails.push_back(
                   {GuardrailKind::ServiceControlPolicy, "no-replication",
                    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"NoReplicate","Effect":"Deny","Action":"s3:Replicate*","Resource":"*"}]})"});
           })
        << "failed" << "DstPutObjectNotPermitted" << "write-replica";
    QTest::newRow("owner override without the bucket policy grant")
        << Mutation([](Design &d, TestObject &) {
               rule(d).ownerOverride = true;
               destination(d).customBucketPolicy = CustomPolicy{
                   "replicate-only",
                   R"({"Version":"2012-10-17","Statement":[{"Sid":"Replicate","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/service-role/s3-replication"},"Action":["s3:ReplicateObject","s3:ReplicateDelete","s3:ReplicateTags"],"Resource":"arn:aws:s3:::sim-destination-bucket/*"}]})"};
           })
        << "failed" << "DstPutObjectNotPermitted" << "owner-override";
    QTest::newRow("source bucket policy denies s3:GetReplicationConfiguration")
        << Mutation([](Design &d, TestObject &) {
               source(d).customBucketPolicy = CustomPolicy{
                   "no-config-read",
                   R"({"Version":"2012-10-17","Statement":[{"Sid":"NoConfig","Effect":"Deny","Principal":"*","Action":"s3:GetReplicationConfiguration","Resource":"arn:aws:s3:::sim-source-bucket"}]})"};
           })
        << "failed" << "SrcBucketReplicationConfigMissing" << "read-replication-configuration";
    QTest::newRow("source bucket policy denies s3:ListBucket")
        << Mutation([](Design &d, TestObject &) {
               source(d).customBucketPolicy = CustomPolicy{
                   "no-list",
                   R"({"Version":"2012-10-17","Statement":[{"Sid":"NoList","Effect":"Deny","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::sim-source-bucket"}]})"};
           })
        << "failed" << "SrcGetObjectNotPermitted" << "list-source-bucket";
    QTest::newRow("role policy without the source bucket statement")
        << Mutation([](Design &d, TestObject &) {
               role(d).customPermissionsPolicy = CustomPolicy{
                   "objects-only",
                   editedGenerated(d, ArtifactKind::RolePermissionsPolicy, "r1",
                                   "s3:GetReplicationConfiguration", "s3:GetBucketVersioning")};
           })
        << "failed" << "SrcBucketReplicationConfigMissing" << "read-replication-configuration";
    QTest::newRow("Bucket Key at the source only carries over to the replica")
        << Mutation([](Design &d, TestObject &) { source(d).bucketKey = true; }) << "replicated"
        << "" << "";
    QTest::newRow("Bucket Key at the source only, replica key policy without Decrypt")
        << Mutation([](Design &d, TestObject &) {
               source(d).bucketKey = true;
               d.keys[1].customKeyPolicy = CustomPolicy{
                   "encrypt-only",
                   R"({"Version":"2012-10-17","Statement":[{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"kms:*","Resource":"*"},
                       {"Sid":"Replication","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/service-role/s3-replication"},"Action":["kms:Encrypt","kms:GenerateDataKey"],"Resource":"*"}]})"};
           })
        << "failed" << "DstPutObjectNotPermitted" << "decrypt-replica-key";
    QTest::newRow("Bucket Key at the source only, role allows only the object context")
        << Mutation([](Design &d, TestObject &) {
               // The documents generated before the source Bucket Key was known to carry over:
               // the replica key allowed only for replica object ARNs.
               Design before = d;
               role(d).customPermissionsPolicy = CustomPolicy{
                   "object-context", editedGenerated(before, ArtifactKind::RolePermissionsPolicy,
                                                     "r1", "placeholder", "placeholder")};
               source(d).bucketKey = true;
           })
        << "failed" << "DstPutObjectNotPermitted" << "encrypt-replica";
    QTest::newRow("unencrypted object into a KMS default bucket, no GenerateDataKey")
        << Mutation([](Design &d, TestObject &o) {
               o.encryption = ObjectWrite::Unencrypted;
               role(d).customPermissionsPolicy = CustomPolicy{
                   "encrypt-only", editedGenerated(d, ArtifactKind::RolePermissionsPolicy, "r1",
                                                   "\"kms:GenerateDataKey\"", "\"kms:ReEncryptTo\"")};
           })
        << "failed" << "DstPutObjectNotPermitted" << "generate-replica-data-key";
    QTest::newRow("delete marker without s3:ReplicateDelete")
        << Mutation([](Design &d, TestObject &o) {
               o.deleteMarker = true;
               destination(d).customBucketPolicy = CustomPolicy{
                   "objects-only",
                   R"({"Version":"2012-10-17","Statement":[{"Sid":"Replicate","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/service-role/s3-replication"},"Action":"s3:ReplicateObject","Resource":"arn:aws:s3:::sim-destination-bucket/*"}]})"};
           })
        << "failed" << "DstDelObjNotPermitted" << "replicate-delete";
}

void TestSimulator::outcomes()
{
    QFETCH(Mutation, mutate);
    QFETCH(QString, outcome);
    QFETCH(QString, reason);
    QFETCH(QString, check);

    Design d = baseDesign();
    TestObject o = kmsObject();
    mutate(d, o);
    const auto artifacts = generateArtifacts(d);
    const SimulationResult r = simulate(d, artifacts, o);
    QVERIFY(r.problems.empty());
    QVERIFY2(r.policyProblems.empty(), r.policyProblems.empty() ? "" : r.policyProblems[0].c_str());
    QCOMPARE(r.destinations.size(), std::size_t(1));
    const DestinationResult &dr = r.destinations[0];
    const SimulationStep *failed = failingStep(dr);
    const QString why = failed ? QString::fromStdString(failed->check + ": " + failed->detail)
                               : QString::fromStdString(dr.reason);
    QVERIFY2(QString::fromUtf8(outcomeName(dr.outcome)) == outcome, qPrintable(why));
    QCOMPARE(QString::fromStdString(dr.reason), reason);
    if (!check.isEmpty()) {
        QVERIFY(failed);
        QCOMPARE(QString::fromStdString(failed->check), check);
        QCOMPARE(failed, &dr.steps.back()); // the walk stops at the failing check
    } else if (outcome == "replicated") {
        QVERIFY(!failed);
        QCOMPARE(dr.replicaOwner.empty(), false);
    }
}

namespace {

// Everything a simulation result says, as text, for comparing two results.
std::string resultText(const SimulationResult &r)
{
    std::string out;
    for (const DestinationResult &d : r.destinations) {
        out += d.destination + " " + d.bucketArn + " " + d.rule + " "
               + std::string(outcomeName(d.outcome)) + " " + d.reason + " " + d.replicaSummary
               + " " + d.replicaKeyArn + "\n";
        for (const SimulationStep &s : d.steps) {
            out += "  " + s.check + " " + s.request.action + " " + s.request.resource + " "
                   + std::string(decisionName(s.decision)) + " " + s.detail + (s.passed ? "" : " X");
            for (const std::string &p : s.policies)
                out += " [" + p + "]";
            for (const MatchedStatement &m : s.matched)
                out += " {" + m.policy + " " + m.sid + "}";
            out += "\n";
        }
    }
    for (const std::string &p : r.policyProblems)
        out += "problem " + p + "\n";
    return out;
}

} // namespace

// s3rd simulate generates only the documents the object's path reads: the result is the same as
// with every document of the design, for every outcome of the table above and every bucket of
// the examples, and the documents are those of the full set, paths included (also when a
// repeated name renames some).
void TestSimulator::onlyTheObjectsDocumentsSuffice()
{
    std::vector<std::pair<Design, TestObject>> cases;
    for (const QString &f : exampleNames()) {
        const LoadResult loaded = loadDesignFile(examplePath(f).toStdString());
        QVERIFY(loaded.ok());
        for (const Bucket &b : loaded.design.buckets) {
            TestObject o;
            o.bucket = b.id;
            o.key = "sample-object.bin";
            o.encryption = defaultWrite(b);
            cases.push_back({loaded.design, o});
        }
    }
    Design renamed = baseDesign();
    renamed.buckets.push_back(renamed.buckets.front());
    renamed.buckets.back().id = "copy";
    cases.push_back({baseDesign(), kmsObject()});
    cases.push_back({renamed, kmsObject()});
    QVERIFY(cases.size() > 4);
    for (const auto &[design, object] : cases) {
        const std::vector<Artifact> all = generateArtifacts(design);
        const std::vector<std::string> ids = simulationElements(design, object);
        const std::vector<Artifact> some = generateArtifactsFor(design, ids);
        std::vector<std::string> expected, got;
        for (const Artifact &a : all) {
            if (std::find(ids.begin(), ids.end(), a.element) != ids.end())
                expected.push_back(a.path + "\n" + a.text);
        }
        for (const Artifact &a : some)
            got.push_back(a.path + "\n" + a.text);
        QCOMPARE(got, expected);
        QCOMPARE(resultText(simulate(design, some, object)),
                 resultText(simulate(design, all, object)));
    }
}

void TestSimulator::exampleDesignsReplicate_data()
{
    QTest::addColumn<QString>("path");
    const QStringList files = exampleNames();
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << examplePath(f);
    if (files.empty())
        QTest::newRow("no examples yet") << QString();
}

// Every rule of every example replicates a representative object: a key under the rule's
// prefix, carrying the rule's tags, written as the source bucket writes objects.
void TestSimulator::exampleDesignsReplicate()
{
    QFETCH(QString, path);
    if (path.isEmpty())
        QSKIP("resources/examples has no designs");
    const LoadResult loaded = loadDesignFile(path.toStdString());
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.problems[0].message.c_str());
    const Design &d = loaded.design;
    const auto artifacts = generateArtifacts(d);
    const PolicySet policies(d, artifacts);
    QVERIFY(!d.rules.empty());
    for (const ReplicationRule &rule : d.rules) {
        if (!rule.enabled)
            continue;
        const Bucket *src = policies.index().bucket(rule.source);
        QVERIFY(src);
        std::vector<ObjectWrite> writes;
        const ObjectEncryptions &e = src->objectEncryptions;
        if (e.sseS3) writes.push_back(ObjectWrite::SseS3);
        if (e.sseKms && rule.replicateKmsObjects) writes.push_back(ObjectWrite::SseKms);
        if (e.dsseKms && rule.replicateKmsObjects) writes.push_back(ObjectWrite::DsseKms);
        if (e.clientSide) writes.push_back(ObjectWrite::ClientSide);
        if (writes.empty())
            writes.push_back(ObjectWrite::Unencrypted);
        for (ObjectWrite w : writes) {
            TestObject o;
            o.bucket = src->id;
            o.key = rule.filterPrefix + "sample-object.bin";
            o.tags = rule.filterTags;
            o.encryption = w;
            const SimulationResult r = simulate(policies, o);
            QVERIFY(r.problems.empty());
            bool found = false;
            for (const DestinationResult &dr : r.destinations) {
                if (dr.destination != rule.destination)
                    continue;
                found = true;
                const SimulationStep *failed = failingStep(dr);
                const std::string msg = rule.ruleId + " (" + std::to_string(int(w)) + "): "
                                        + dr.reason
                                        + (failed ? " at " + failed->check + ": " + failed->detail
                                                  : std::string());
                QVERIFY2(dr.outcome == Outcome::Replicated, msg.c_str());
            }
            QVERIFY(found);
            QVERIFY2(r.policyProblems.empty(),
                     r.policyProblems.empty() ? "" : r.policyProblems[0].c_str());
        }
    }
}

void TestSimulator::traceOfAReplicatedObject()
{
    const Design d = baseDesign();
    const auto artifacts = generateArtifacts(d);
    const SimulationResult r = simulate(d, artifacts, kmsObject());
    QCOMPARE(r.destinations.size(), std::size_t(1));
    const DestinationResult &dr = r.destinations[0];
    QCOMPARE(dr.outcome, Outcome::Replicated);
    QCOMPARE(dr.bucketArn, std::string("arn:aws:s3:::sim-destination-bucket"));
    QCOMPARE(dr.ruleId, std::string("to-destination"));
    QCOMPARE(dr.replicaEncryption, std::string("SSE-KMS"));
    QCOMPARE(dr.replicaKeyArn,
             std::string("arn:aws:kms:eu-west-1:444455556666:key/5678abcd-12ab-34cd-56ef-1234567890ab"));
    QCOMPARE(dr.replicaOwner, std::string("444455556666")); // BucketOwnerEnforced destination

    std::vector<std::string> checks;
    for (const SimulationStep &s : dr.steps)
        checks.push_back(s.check);
    const std::vector<std::string> expected = {
        "match-rule",         "source-versioning", "destination-exists", "assume-role",
        "read-replication-configuration", "list-source-bucket",
        "read-source",        "read-source-acl",   "source-key",         "decrypt-source",
        "destination-versioning", "replica-key",   "write-replica",      "encrypt-replica"};
    QCOMPARE(checks, expected);

    auto step = [&](const char *name) -> const SimulationStep & {
        for (const SimulationStep &s : dr.steps) {
            if (s.check == name)
                return s;
        }
        return dr.steps.front();
    };
    const SimulationStep &assume = step("assume-role");
    QCOMPARE(assume.request.principal, std::string("s3.amazonaws.com"));
    QCOMPARE(assume.request.action, std::string("sts:AssumeRole"));
    QCOMPARE(assume.request.context.at("aws:SourceAccount"), std::vector<std::string>{"111122223333"});
    QCOMPARE(assume.matched.size(), std::size_t(1));

    const SimulationStep &decrypt = step("decrypt-source");
    QCOMPARE(decrypt.request.context.at("kms:ViaService"),
             std::vector<std::string>{"s3.us-east-1.amazonaws.com"});
    QCOMPARE(decrypt.request.context.at("kms:EncryptionContext:aws:s3:arn"),
             std::vector<std::string>{"arn:aws:s3:::sim-source-bucket/docs/report.pdf"});

    // Cross-account write: both the role's policy and the destination bucket policy allow.
    const SimulationStep &write = step("write-replica");
    QCOMPARE(write.policies.size(), std::size_t(2));
    bool identityAllow = false, bucketAllow = false;
    for (const MatchedStatement &m : write.matched) {
        identityAllow |= m.allow && m.policy == write.policies[0];
        bucketAllow |= m.allow && m.policy == write.policies[1];
    }
    QVERIFY(identityAllow);
    QVERIFY(bucketAllow);
    const SimulationStep &encrypt = step("encrypt-replica");
    QCOMPARE(encrypt.request.action, std::string("kms:Encrypt"));
    QCOMPARE(encrypt.request.context.at("kms:ViaService"),
             std::vector<std::string>{"s3.eu-west-1.amazonaws.com"});

    // With a Bucket Key at the source, the encryption context is the bucket ARN.
    Design withKey = baseDesign();
    withKey.buckets[0].bucketKey = true;
    const SimulationResult r2 = simulate(withKey, generateArtifacts(withKey), kmsObject());
    for (const SimulationStep &s : r2.destinations[0].steps) {
        if (s.check == "decrypt-source")
            QCOMPARE(s.request.context.at("kms:EncryptionContext:aws:s3:arn"),
                     std::vector<std::string>{"arn:aws:s3:::sim-source-bucket"});
    }
    QCOMPARE(r2.destinations[0].outcome, Outcome::Replicated);
}

void TestSimulator::priorityPicksOneRulePerDestination()
{
    Design d = baseDesign();
    ReplicationRule low = d.rules[0];
    low.id = "rule0";
    low.ruleId = "everything";
    low.priority = 0;
    low.filterPrefix.clear();
    low.storageClass = "GLACIER_IR";
    d.rules.insert(d.rules.begin(), low);
    d.rules[1].storageClass = "STANDARD_IA";
    const auto artifacts = generateArtifacts(d);

    SimulationResult r = simulate(d, artifacts, kmsObject());
    QCOMPARE(r.destinations.size(), std::size_t(1));
    QCOMPARE(r.destinations[0].ruleId, std::string("to-destination"));
    QCOMPARE(r.destinations[0].replicaStorageClass, std::string("STANDARD_IA"));

    TestObject other = kmsObject();
    other.key = "images/cat.png";
    r = simulate(d, artifacts, other);
    QCOMPARE(r.destinations.size(), std::size_t(1));
    QCOMPARE(r.destinations[0].ruleId, std::string("everything"));
    QCOMPARE(r.destinations[0].replicaStorageClass, std::string("GLACIER_IR"));
}

void TestSimulator::unknownOperatorSurfaces()
{
    Design d = baseDesign();
    role(d).customPermissionsPolicy = CustomPolicy{
        "typo", editedGenerated(d, ArtifactKind::RolePermissionsPolicy, "r1", "StringLike",
                                "StringLikee")};
    const SimulationResult r = simulate(d, generateArtifacts(d), kmsObject());
    // The source key policy names the role, so Decrypt needs no IAM allow; the cross-account
    // replica key needs the (now unreadable) IAM statement too.
    QCOMPARE(r.destinations[0].outcome, Outcome::Failed);
    QCOMPARE(r.destinations[0].reason, std::string("DstPutObjectNotPermitted"));
    QCOMPARE(r.destinations[0].steps.back().check, std::string("encrypt-replica"));
    QVERIFY(!r.policyProblems.empty());
    QVERIFY(r.policyProblems[0].find("unknown operator StringLikee") != std::string::npos);
    QVERIFY(!r.destinations[0].steps.back().problems.empty());
}

void TestSimulator::policySetIsReusable()
{
    const Design d = baseDesign();
    const PolicySet set(d, generateArtifacts(d));
    QVERIFY(set.trustPolicy("r1"));
    QVERIFY(set.permissionsPolicy("r1"));
    QVERIFY(set.keyPolicy("kdst"));
    QVERIFY(set.bucketPolicy("bdst"));
    QVERIFY(!set.isCustom(set.permissionsPolicy("r1")));
    TestObject o = kmsObject();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(simulate(set, o).destinations[0].outcome, Outcome::Replicated);
    o.key = "other/x";
    QCOMPARE(simulate(set, o).destinations[0].outcome, Outcome::NotReplicated);
    QCOMPARE(simulate(set, o).destinations[0].matched, false);
}

void TestSimulator::badInput()
{
    const Design d = baseDesign();
    TestObject o = kmsObject();
    o.bucket = "nope";
    QCOMPARE(simulate(d, generateArtifacts(d), o).problems.size(), std::size_t(1));
    o = kmsObject();
    o.kmsKey = "nope";
    QCOMPARE(simulate(d, generateArtifacts(d), o).problems.size(), std::size_t(1));

    Design broken = baseDesign();
    role(broken).customPermissionsPolicy = CustomPolicy{"broken", "{\"Version\": "};
    const SimulationResult r = simulate(broken, generateArtifacts(broken), kmsObject());
    QCOMPARE(r.destinations[0].outcome, Outcome::Failed);
    QVERIFY(!r.policyProblems.empty());
}

void TestSimulator::encryptionArgument()
{
    const Design d = baseDesign();
    TestObject o;
    QVERIFY(parseObjectEncryption(d, "sse-kms:alias/replica-data", o).empty());
    QCOMPARE(o.kmsKey, std::string("kdst"));
    QVERIFY(parseObjectEncryption(d, "dsse-kms:1234abcd-12ab-34cd-56ef-1234567890ab", o).empty());
    QCOMPARE(o.kmsKey, std::string("ksrc"));
    QCOMPARE(o.encryption, ObjectWrite::DsseKms);
    QVERIFY(parseObjectEncryption(d, "sse-kms:kwrong", o).empty());
    QCOMPARE(o.kmsKey, std::string("kwrong"));
    QVERIFY(parseObjectEncryption(d, "none", o).empty());
    QCOMPARE(o.encryption, ObjectWrite::Unencrypted);
    QVERIFY(!parseObjectEncryption(d, "sse-kms:unknown", o).empty());
    QVERIFY(!parseObjectEncryption(d, "aes", o).empty());
    QVERIFY(!parseObjectEncryption(d, "sse-s3:ksrc", o).empty());
}


void TestSimulator::kmsViaServiceInEveryPartition_data()
{
    QTest::addColumn<int>("partition");
    QTest::addColumn<QString>("sourceRegion");
    QTest::addColumn<QString>("destinationRegion");
    QTest::newRow("aws") << int(Partition::Aws) << "us-east-1" << "eu-west-1";
    QTest::newRow("aws-cn") << int(Partition::AwsCn) << "cn-north-1" << "cn-northwest-1";
    QTest::newRow("aws-us-gov") << int(Partition::AwsUsGov) << "us-gov-west-1" << "us-gov-east-1";
}

// "Use the .amazonaws.com suffix of the AWS KMS ViaService name in all AWS partitions." S3 sends
// s3.<region>.amazonaws.com in China too, and the generated documents must allow exactly that.
void TestSimulator::kmsViaServiceInEveryPartition()
{
    QFETCH(int, partition);
    QFETCH(QString, sourceRegion);
    QFETCH(QString, destinationRegion);
    Design d = baseDesign();
    for (Account &a : d.accounts)
        a.partition = Partition(partition);
    source(d).region = d.keys[0].region = sourceRegion.toStdString();
    destination(d).region = d.keys[1].region = destinationRegion.toStdString();
    const SimulationResult r = simulate(d, generateArtifacts(d), kmsObject());
    QCOMPARE(r.destinations.size(), std::size_t(1));
    const DestinationResult &dr = r.destinations[0];
    const SimulationStep *failed = failingStep(dr);
    QVERIFY2(dr.outcome == Outcome::Replicated,
             failed ? (failed->check + ": " + failed->detail).c_str() : dr.reason.c_str());
    for (const SimulationStep &s : dr.steps) {
        if (s.check == "decrypt-source")
            QCOMPARE(s.request.context.at("kms:ViaService"),
                     std::vector<std::string>{"s3." + sourceRegion.toStdString() + ".amazonaws.com"});
        if (s.check == "encrypt-replica")
            QCOMPARE(s.request.context.at("kms:ViaService"),
                     std::vector<std::string>{"s3." + destinationRegion.toStdString() +
                                              ".amazonaws.com"});
    }

    // A role policy written with a China-style ".amazonaws.com.cn" value never matches: the
    // cross-account replica key, which needs the role's own policy, is denied.
    role(d).customPermissionsPolicy = CustomPolicy{
        "com-cn", editedGenerated(d, ArtifactKind::RolePermissionsPolicy, "r1",
                                  "amazonaws.com\"", "amazonaws.com.cn\"")};
    const SimulationResult wrong = simulate(d, generateArtifacts(d), kmsObject());
    QCOMPARE(wrong.destinations.at(0).outcome, Outcome::Failed);
    QCOMPARE(wrong.destinations.at(0).steps.back().check, std::string("encrypt-replica"));
}

void TestSimulator::bucketKeyContexts_data()
{
    QTest::addColumn<bool>("sourceKey");
    QTest::addColumn<bool>("destinationKey");
    QTest::addColumn<QString>("decryptContext");
    QTest::addColumn<QString>("encryptContext");
    QTest::addColumn<bool>("decryptsReplicaKey");
    const QString srcObject = "arn:aws:s3:::sim-source-bucket/docs/report.pdf";
    const QString dstObject = "arn:aws:s3:::sim-destination-bucket/docs/report.pdf";
    QTest::newRow("no Bucket Key") << false << false << srcObject << dstObject << false;
    QTest::newRow("source only: carries over")
        << true << false << "arn:aws:s3:::sim-source-bucket"
        << "arn:aws:s3:::sim-destination-bucket" << true;
    QTest::newRow("destination only") << false << true << srcObject
                                      << "arn:aws:s3:::sim-destination-bucket" << true;
    QTest::newRow("both") << true << true << "arn:aws:s3:::sim-source-bucket"
                          << "arn:aws:s3:::sim-destination-bucket" << true;
}

// The context S3 sends for each Bucket Key state, and the generated documents allow it.
void TestSimulator::bucketKeyContexts()
{
    QFETCH(bool, sourceKey);
    QFETCH(bool, destinationKey);
    QFETCH(QString, decryptContext);
    QFETCH(QString, encryptContext);
    QFETCH(bool, decryptsReplicaKey);
    Design d = baseDesign();
    source(d).bucketKey = sourceKey;
    destination(d).bucketKey = destinationKey;
    const SimulationResult r = simulate(d, generateArtifacts(d), kmsObject());
    const DestinationResult &dr = r.destinations.at(0);
    QCOMPARE(dr.outcome, Outcome::Replicated);
    std::map<std::string, const SimulationStep *> byCheck;
    for (const SimulationStep &s : dr.steps)
        byCheck[s.check] = &s;
    const std::string key = "kms:EncryptionContext:aws:s3:arn";
    QCOMPARE(byCheck.at("decrypt-source")->request.context.at(key),
             std::vector<std::string>{decryptContext.toStdString()});
    QCOMPARE(byCheck.at("encrypt-replica")->request.context.at(key),
             std::vector<std::string>{encryptContext.toStdString()});
    QCOMPARE(byCheck.count("decrypt-replica-key") == 1, decryptsReplicaKey);
}

// Every permission check of a walk is a row of the table, with the row's action and reason.
void TestSimulator::everyRequestComesFromTheTable()
{
    Design d = baseDesign();
    source(d).objectLock = destination(d).objectLock = true;
    source(d).bucketKey = true;
    rule(d).ownerOverride = true;
    TestObject o = kmsObject();
    o.tags = {{"team", "data"}};
    const SimulationResult r = simulate(d, generateArtifacts(d), o);
    const DestinationResult &dr = r.destinations.at(0);
    QCOMPARE(dr.outcome, Outcome::Replicated);
    std::set<std::string> seen;
    for (const SimulationStep &s : dr.steps) {
        if (s.check == "match-rule")
            continue;
        const steps::Step &row = steps::step(s.check);
        QCOMPARE(s.request.action, std::string(row.action));
        seen.insert(s.check);
    }
    for (const char *check : {"assume-role", "read-replication-configuration",
                              "list-source-bucket", "read-source", "read-source-acl",
                              "read-source-tags", "decrypt-source", "write-replica",
                              "replicate-tags", "encrypt-replica", "decrypt-replica-key",
                              "owner-override", "read-retention", "read-legal-hold"})
        QVERIFY2(seen.count(check), check);
    // Check ids are unique, and every row names its failure reason and source.
    std::set<std::string_view> ids;
    for (const steps::Step &row : steps::table()) {
        QVERIFY(ids.insert(row.check).second);
        QVERIFY(!row.failureReason.empty());
        QVERIFY(row.sourceUrl.starts_with("https://docs.aws.amazon.com/"));
        QVERIFY(!row.quote.empty());
    }
}

// docs/what-s3-sends.md is the table rendered; it never drifts from the model.
void TestSimulator::whatS3SendsDocumentIsCurrent()
{
    const QString message = compareWithGolden(sourcePath("docs/what-s3-sends.md"),
                                              QByteArray::fromStdString(steps::markdown()),
                                              buildPath("tests/simulator/what-s3-sends.actual.md"));
    QVERIFY2(message.isEmpty(), qPrintable(message));
}

QTEST_GUILESS_MAIN(TestSimulator)
void TestSimulator::roleWithManagedPoliciesReplicates()
{
    // One role serving 200 SSE-KMS buckets: its permissions are customer managed policies, and
    // an object in the 200th bucket replicates through them.
    const Design d = s3rd::test::roleServingBuckets(200, true);
    const auto artifacts = generateArtifacts(d);
    std::size_t managed = 0;
    for (const Artifact &a : artifacts)
        managed += a.kind == ArtifactKind::RoleManagedPolicy;
    QVERIFY(managed > 1);
    const PolicySet policies(d, artifacts);
    QCOMPARE(policies.managedPolicies("role").size(), managed);
    QVERIFY(!policies.permissionsPolicy("role"));

    TestObject o;
    o.bucket = "s0200"; // catalog-src-0200, whose rule has the prefix "data/"
    o.key = "data/2026/12/report.csv";
    o.encryption = ObjectWrite::SseKms;
    const SimulationResult r = simulate(policies, o);
    QVERIFY(r.problems.empty() && r.policyProblems.empty());
    QCOMPARE(r.destinations.size(), std::size_t(1));
    const DestinationResult &dr = r.destinations[0];
    QCOMPARE(dr.destination, std::string("d0200"));
    QCOMPARE(dr.outcome, Outcome::Replicated);
    // The role's permissions came from its managed policies, not from an inline one.
    std::set<std::string> from;
    for (const SimulationStep &step : dr.steps) {
        for (const MatchedStatement &m : step.matched) {
            if (m.policy.find("/role-catalog-replication-permissions-") != std::string::npos)
                from.insert(m.policy);
        }
    }
    QVERIFY(from.size() > 1); // statements of several parts were needed

    // Without them the role may do nothing: the walk fails at its first request of the source,
    // reading the bucket's replication configuration.
    std::vector<Artifact> withoutManaged;
    for (const Artifact &a : artifacts) {
        if (a.kind != ArtifactKind::RoleManagedPolicy)
            withoutManaged.push_back(a);
    }
    const SimulationResult denied = simulate(d, withoutManaged, o);
    QCOMPARE(denied.destinations[0].outcome, Outcome::Failed);
    QCOMPARE(failingStep(denied.destinations[0])->check,
             std::string("read-replication-configuration"));
    QCOMPARE(denied.destinations[0].reason,
             std::string(steps::step("read-replication-configuration").failureReason));
}

#include "tst_simulator.moc"
