#include "policycases.h"

#include "designbuilder.h"

#include <QTest>

#include <cstdio>

namespace s3rd::test {

using namespace s3rd::model;

namespace {

// Every element gets a canvas position, so the designs open readable in the designer.
constexpr DesignBuilder::Layout kGrid = DesignBuilder::Layout::Grid;

// The cases replicate delete markers unless they say otherwise.
ReplicationRule &rule(DesignBuilder &b, const std::string &id, const std::string &source,
                      const std::string &destination, const std::string &role)
{
    ReplicationRule &r = b.rule(id, source, destination, role);
    r.deleteMarkerReplication = true;
    return r;
}

// rule() replicating SSE-KMS objects too, encrypting the replicas with replicaKey.
ReplicationRule &kmsRule(DesignBuilder &b, const std::string &id, const std::string &source,
                         const std::string &destination, const std::string &role,
                         const std::string &replicaKey)
{
    ReplicationRule &r = b.kmsRule(id, source, destination, role, replicaKey);
    r.deleteMarkerReplication = true;
    return r;
}

PolicyCase bucketKeySource()
{
    DesignBuilder b("S3 Bucket Key on the source bucket", kGrid);
    b.account("acct", "111122223333");
    b.key("k-src", "acct", "us-east-1", "alias/orders-src", "1234abcd-12ab-34cd-56ef-1234567890ab");
    b.key("k-dst", "acct", "us-west-2", "alias/orders-dst", "0987dcba-09fe-87dc-65ba-ab0987654321");
    b.kmsBucket("src", "orders-src-use1", "acct", "us-east-1", "k-src", true);
    b.kmsBucket("dst", "orders-dst-usw2", "acct", "us-west-2", "k-dst", false);
    b.role("role", "acct", "orders-replication");
    ReplicationRule &r = kmsRule(b, "orders-to-west", "src", "dst", "role", "k-dst");
    r.filterPrefix = "orders/";
    return {"bucket-key-source", b.design()};
}

PolicyCase bucketKeyDestination()
{
    DesignBuilder b("S3 Bucket Key on the destination bucket", kGrid);
    b.account("acct", "111122223333");
    b.key("k-src", "acct", "eu-west-1", "alias/media-src", "1234abcd-12ab-34cd-56ef-1234567890ab");
    b.key("k-dst", "acct", "eu-central-1", "alias/media-dst",
          "0987dcba-09fe-87dc-65ba-ab0987654321");
    b.kmsBucket("src", "media-src-euw1", "acct", "eu-west-1", "k-src", false);
    b.kmsBucket("dst", "media-dst-euc1", "acct", "eu-central-1", "k-dst", true);
    b.role("role", "acct", "media-replication");
    kmsRule(b, "media-to-frankfurt", "src", "dst", "role", "k-dst");
    return {"bucket-key-destination", b.design()};
}

PolicyCase ownerOverride()
{
    DesignBuilder b("Owner override to a destination account", kGrid);
    b.account("prod", "111122223333");
    b.account("archive", "444455556666");
    Bucket &src = b.bucket("src", "ledger-prod", "prod", "us-east-1");
    src.objectOwnership = ObjectOwnership::ObjectWriter;
    Bucket &dst = b.bucket("dst", "ledger-archive", "archive", "us-east-2");
    dst.objectOwnership = ObjectOwnership::BucketOwnerPreferred;
    Role &role = b.role("role", "prod", "ledger-replication");
    role.path = "/service-role/";
    ReplicationRule &r = rule(b, "ledger-to-archive", "src", "dst", "role");
    r.ownerOverride = true;
    r.storageClass = "STANDARD_IA";
    return {"owner-override", b.design()};
}

PolicyCase objectLock()
{
    DesignBuilder b("Object Lock on both buckets", kGrid);
    b.account("acct", "111122223333");
    b.bucket("src", "evidence-primary", "acct", "us-east-1").objectLock = true;
    b.bucket("dst", "evidence-secondary", "acct", "us-west-2").objectLock = true;
    b.role("role", "acct", "evidence-replication");
    ReplicationRule &r = rule(b, "evidence-copy", "src", "dst", "role");
    r.replicationTimeControl = true;
    r.metrics = true;
    return {"object-lock", b.design()};
}

PolicyCase dsseKms()
{
    DesignBuilder b("DSSE-KMS objects", kGrid);
    b.account("acct", "111122223333");
    b.key("k-src", "acct", "us-east-1", "alias/secret-src", "1234abcd-12ab-34cd-56ef-1234567890ab");
    b.key("k-dst", "acct", "us-west-2", "alias/secret-dst", "0987dcba-09fe-87dc-65ba-ab0987654321");
    Bucket &src = b.kmsBucket("src", "secret-src", "acct", "us-east-1", "k-src", true);
    src.defaultEncryption = DefaultEncryption::DsseKms;
    src.objectEncryptions = {false, false, true, false, false};
    Bucket &dst = b.kmsBucket("dst", "secret-dst", "acct", "us-west-2", "k-dst", true);
    dst.defaultEncryption = DefaultEncryption::DsseKms;
    dst.objectEncryptions = {false, false, true, false, false};
    b.role("role", "acct", "secret-replication");
    kmsRule(b, "secret-copy", "src", "dst", "role", "k-dst");
    return {"dsse-kms", b.design()};
}

PolicyCase multiRegionKey()
{
    DesignBuilder b("Multi-Region key: the replica key encrypts replicas", kGrid);
    b.account("acct", "111122223333");
    b.key("k-primary", "acct", "us-east-1", "alias/global-data",
          "mrk-1234abcd12ab34cd56ef1234567890ab", KeyKind::MultiRegionPrimary);
    b.key("k-replica", "acct", "ap-southeast-2", "alias/global-data-apse2",
          "mrk-1234abcd12ab34cd56ef1234567890ab", KeyKind::MultiRegionReplica);
    b.kmsBucket("src", "global-data-use1", "acct", "us-east-1", "k-primary", false);
    b.kmsBucket("dst", "global-data-apse2", "acct", "ap-southeast-2", "k-replica", false);
    b.role("role", "acct", "global-data-replication");
    kmsRule(b, "global-to-sydney", "src", "dst", "role", "k-replica");
    return {"multi-region-key", b.design()};
}

PolicyCase sharedRole()
{
    DesignBuilder b("Two rules share one role", kGrid);
    b.account("acct", "111122223333");
    b.key("k", "acct", "us-east-1", "alias/logs", "1234abcd-12ab-34cd-56ef-1234567890ab");
    b.kmsBucket("app", "app-logs-use1", "acct", "us-east-1", "k", false);
    b.kmsBucket("web", "web-logs-use1", "acct", "us-east-1", "k", false);
    b.kmsBucket("central", "central-logs-use1", "acct", "us-east-1", "k", false);
    b.role("role", "acct", "logs-replication");
    b.role("unused", "acct", "spare-role");
    kmsRule(b, "app-logs", "app", "central", "role", "k").filterPrefix = "logs/";
    kmsRule(b, "web-logs", "web", "central", "role", "k");
    ReplicationRule &r3 = kmsRule(b, "app-audit", "app", "central", "role", "k");
    r3.filterPrefix = "logs/audit/";
    r3.priority = 2;
    return {"shared-role", b.design()};
}

PolicyCase fanOut()
{
    DesignBuilder b("One source, two destinations", kGrid);
    b.account("acct", "111122223333");
    b.bucket("src", "catalog-use1", "acct", "us-east-1");
    b.bucket("eu", "catalog-euw1", "acct", "eu-west-1");
    b.bucket("ap", "catalog-apne1", "acct", "ap-northeast-1");
    b.role("role", "acct", "catalog-replication");
    ReplicationRule &r1 = rule(b, "to-europe", "src", "eu", "role");
    r1.priority = 2;
    r1.replicationTimeControl = true;
    r1.metrics = true;
    ReplicationRule &r2 = rule(b, "to-tokyo", "src", "ap", "role");
    r2.priority = 1;
    r2.storageClass = "GLACIER_IR";
    r2.metrics = true;
    r2.replicaModificationSync = true;
    return {"fan-out", b.design()};
}

PolicyCase threeAccounts()
{
    DesignBuilder b("Three accounts, guarded role and service-principal key", kGrid);
    b.account("prod", "111122223333");
    b.account("backup", "444455556666");
    b.account("analytics", "777788889999");
    b.key("k-prod", "prod", "us-east-1", "alias/prod-data", "11111111-2222-3333-4444-555555555555");
    b.key("k-backup", "backup", "us-west-2", "alias/backup-data",
          "66666666-7777-8888-9999-000000000000")
        .allowS3ServicePrincipal = true;
    b.key("k-analytics", "analytics", "us-east-1", "alias/analytics-data",
          "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
    b.key("k-managed", "prod", "us-east-1", "alias/aws/s3", "99999999-8888-7777-6666-555555555555",
          KeyKind::AwsManaged);
    Bucket &src = b.kmsBucket("src", "prod-data-use1", "prod", "us-east-1", "k-prod", false);
    src.hasExistingObjects = true;
    src.batchReplication = true;
    b.kmsBucket("backup-dst", "backup-data-usw2", "backup", "us-west-2", "k-backup", false);
    b.kmsBucket("analytics-dst", "analytics-data-use1", "analytics", "us-east-1", "k-analytics",
                true);
    Role &role = b.role("role", "prod", "prod-replication");
    role.confusedDeputyConditions = true;
    ReplicationRule &r1 = kmsRule(b, "prod-to-backup", "src", "backup-dst", "role", "k-backup");
    r1.ownerOverride = true;
    r1.priority = 1;
    ReplicationRule &r2 =
        kmsRule(b, "prod-to-analytics", "src", "analytics-dst", "role", "k-analytics");
    r2.filterPrefix = "events/";
    r2.priority = 2;
    return {"three-accounts", b.design()};
}

PolicyCase filters()
{
    DesignBuilder b("Tag and prefix filters", kGrid);
    b.account("acct", "111122223333");
    b.bucket("src", "docs-use1", "acct", "us-east-1");
    b.bucket("dst", "docs-usw2", "acct", "us-west-2");
    b.role("role", "acct", "docs-replication");
    ReplicationRule &tagOnly = rule(b, "classified", "src", "dst", "role");
    tagOnly.filterTags = {{"classification", "replicate"}};
    tagOnly.priority = 3; // delete markers asked for, but tag rules cannot replicate them
    ReplicationRule &both = rule(b, "reports-2026", "src", "dst", "role");
    both.filterPrefix = "reports/";
    both.filterTags = {{"year", "2026"}, {"team", "finance"}};
    both.priority = 2;
    ReplicationRule &prefix = rule(b, "invoices", "src", "dst", "role");
    prefix.filterPrefix = "invoices/*special?";
    prefix.priority = 1;
    ReplicationRule &off = rule(b, "drafts-off", "src", "dst", "role");
    off.filterPrefix = "drafts/";
    off.enabled = false;
    off.priority = 4;
    return {"filters", b.design()};
}

PolicyCase customPolicies()
{
    DesignBuilder b("Custom policies pass through verbatim", kGrid);
    b.account("prod", "111122223333");
    b.account("dr", "444455556666");
    b.key("k", "dr", "us-west-2", "alias/dr", "1234abcd-12ab-34cd-56ef-1234567890ab")
        .customKeyPolicy =
        CustomPolicy{"imported-key-policy",
                     "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Root\",\"Effect\":"
                     "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},"
                     "\"Action\":\"kms:*\",\"Resource\":\"*\"}]}"};
    b.bucket("src", "site-prod", "prod", "us-east-1");
    b.bucket("dst", "site-dr", "dr", "us-west-2");
    b.bucket("lonely", "site-static", "prod", "us-east-1").customBucketPolicy = CustomPolicy{
        "deny-insecure",
        "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            "
        "\"Sid\": \"DenyInsecureTransport\",\n            \"Effect\": \"Deny\",\n            "
        "\"Principal\": \"*\",\n            \"Action\": \"s3:*\",\n            \"Resource\": "
        "[\"arn:aws:s3:::site-static\", \"arn:aws:s3:::site-static/*\"],\n            "
        "\"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}\n        }\n    ]\n}\n"};
    Role &role = b.role("role", "prod", "site-replication");
    role.customPermissionsPolicy = CustomPolicy{
        "hand-written",
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"All\", \"Effect\": "
        "\"Allow\", \"Action\": [\"s3:GetReplicationConfiguration\", \"s3:ListBucket\"], "
        "\"Resource\": \"arn:aws:s3:::site-prod\"}]}"};
    rule(b, "site-to-dr", "src", "dst", "role");
    return {"custom-policies", b.design()};
}

PolicyCase chinaPartition()
{
    DesignBuilder b("China partition ARNs and endpoints", kGrid);
    b.account("cn", "111122223333").partition = Partition::AwsCn;
    b.key("k-src", "cn", "cn-north-1", "alias/cn-src", "1234abcd-12ab-34cd-56ef-1234567890ab");
    b.key("k-dst", "cn", "cn-northwest-1", "alias/cn-dst", "0987dcba-09fe-87dc-65ba-ab0987654321");
    b.kmsBucket("src", "records-bjs", "cn", "cn-north-1", "k-src", false);
    b.kmsBucket("dst", "records-zhy", "cn", "cn-northwest-1", "k-dst", false);
    b.role("role", "cn", "records-replication");
    kmsRule(b, "records-to-zhy", "src", "dst", "role", "k-dst");
    return {"china-partition", b.design()};
}

PolicyCase govCloudSseKms()
{
    DesignBuilder b("AWS GovCloud (US) partition with SSE-KMS", kGrid);
    b.account("gov", "111122223333").partition = Partition::AwsUsGov;
    b.key("k-src", "gov", "us-gov-west-1", "alias/gov-src", "1234abcd-12ab-34cd-56ef-1234567890ab");
    b.key("k-dst", "gov", "us-gov-east-1", "alias/gov-dst", "0987dcba-09fe-87dc-65ba-ab0987654321");
    b.kmsBucket("src", "cases-gov-west", "gov", "us-gov-west-1", "k-src", false);
    b.kmsBucket("dst", "cases-gov-east", "gov", "us-gov-east-1", "k-dst", false);
    b.role("role", "gov", "cases-replication");
    ReplicationRule &r = kmsRule(b, "cases-to-east", "src", "dst", "role", "k-dst");
    r.filterPrefix = "cases/";
    return {"govcloud-sse-kms", b.design()};
}

PolicyCase bucketKeyBoth()
{
    DesignBuilder b("S3 Bucket Keys on both buckets, across accounts", kGrid);
    b.account("prod", "111122223333");
    b.account("dr", "444455556666");
    b.key("k-src", "prod", "us-east-1", "alias/ledger-src", "1234abcd-12ab-34cd-56ef-1234567890ab");
    b.key("k-dst", "dr", "us-west-2", "alias/ledger-dst", "0987dcba-09fe-87dc-65ba-ab0987654321");
    b.kmsBucket("src", "ledger-src-use1", "prod", "us-east-1", "k-src", true);
    b.kmsBucket("dst", "ledger-dst-usw2", "dr", "us-west-2", "k-dst", true);
    b.role("role", "prod", "ledger-replication");
    ReplicationRule &r = kmsRule(b, "ledger-to-dr", "src", "dst", "role", "k-dst");
    r.filterPrefix = "entries/";
    return {"bucket-key-both", b.design()};
}

PolicyCase sseC()
{
    DesignBuilder b("SSE-C objects into a bucket that accepts SSE-C", kGrid);
    b.account("acct", "111122223333");
    Bucket &src = b.bucket("src", "vault-use1", "acct", "us-east-1");
    src.objectEncryptions = {false, false, false, true, false};
    src.sseCBlocked = false;
    Bucket &dst = b.bucket("dst", "vault-usw2", "acct", "us-west-2");
    dst.sseCBlocked = false;
    b.role("role", "acct", "vault-replication");
    rule(b, "vault-copy", "src", "dst", "role");
    return {"sse-c", b.design()};
}

PolicyCase severalRoles()
{
    DesignBuilder b("Several roles in one account", kGrid);
    b.account("acct", "111122223333");
    b.key("k", "acct", "us-east-1", "alias/shared", "1234abcd-12ab-34cd-56ef-1234567890ab");
    b.kmsBucket("a", "team-a-use1", "acct", "us-east-1", "k", false);
    b.kmsBucket("b", "team-b-use1", "acct", "us-east-1", "k", false);
    b.key("k-dr", "acct", "us-east-2", "alias/shared-dr", "0987dcba-09fe-87dc-65ba-ab0987654321");
    b.kmsBucket("a-dr", "team-a-use2", "acct", "us-east-2", "k-dr", false);
    b.kmsBucket("b-dr", "team-b-use2", "acct", "us-east-2", "k-dr", false);
    b.role("role-a", "acct", "team-a-replication");
    Role &rb = b.role("role-b", "acct", "team-b-replication");
    rb.path = "/service-role/";
    kmsRule(b, "a-to-dr", "a", "a-dr", "role-a", "k-dr");
    ReplicationRule &rbr = kmsRule(b, "b-to-dr", "b", "b-dr", "role-b", "k-dr");
    rbr.filterPrefix = "exports/";
    return {"several-roles", b.design()};
}

PolicyCase emptyRuleId()
{
    DesignBuilder b("Rules without an ID (S3 assigns one)", kGrid);
    b.account("acct", "111122223333");
    b.bucket("src", "photos-use1", "acct", "us-east-1");
    b.bucket("dst", "photos-euw1", "acct", "eu-west-1");
    b.role("role", "acct", "photos-replication");
    ReplicationRule &r1 = rule(b, "r1", "src", "dst", "role");
    r1.ruleId.clear();
    r1.filterPrefix = "raw/";
    r1.priority = 2;
    ReplicationRule &r2 = rule(b, "r2", "src", "dst", "role");
    r2.ruleId.clear();
    r2.filterPrefix = "edited/";
    return {"empty-rule-id", b.design()};
}

// A role whose permissions are attached as customer managed policies, on request: one source
// bucket fanning out by prefix to 90 destinations, two policies' worth.
PolicyCase managedPolicies()
{
    DesignBuilder b("Role permissions as customer managed policies", kGrid);
    b.account("acct", "111122223333");
    b.bucket("src", "catalog-src", "acct", "us-east-1");
    b.role("role", "acct", "catalog-replication").permissionsAttachment =
        PermissionsAttachment::Managed;
    for (int i = 1; i <= 90; ++i) {
        const std::string n = std::to_string(i);
        b.bucket("d" + n, "catalog-dst-" + n, "acct", "us-west-2");
        ReplicationRule &r = rule(b, "team-" + n, "src", "d" + n, "role");
        r.filterPrefix = "team-" + n + "/";
        r.priority = i;
        r.metrics = true;
    }
    return {"managed-policies", b.design()};
}

} // namespace

Design roleServingBuckets(int count, bool kms, bool crossAccount)
{
    DesignBuilder b("One role serving " + std::to_string(count) + " source buckets", kGrid);
    b.account("catalog", "111122223333");
    const std::string dstAccount = crossAccount ? "replicas" : "catalog";
    if (crossAccount)
        b.account("replicas", "444455556666");
    if (kms) {
        b.key("k-src", "catalog", "us-east-1", "alias/catalog-src",
              "1111aaaa-22bb-33cc-44dd-555555eeeeee");
        b.key("k-dst", dstAccount, "us-west-2", "alias/catalog-dst",
              "6666ffff-77aa-88bb-99cc-000000dddddd");
    }
    b.role("role", "catalog", "catalog-replication");
    for (int i = 0; i < count; ++i) {
        char number[16];
        std::snprintf(number, sizeof number, "%04d", i + 1);
        const std::string src = "s" + std::string(number), dst = "d" + std::string(number);
        if (kms) {
            b.kmsBucket(src, "catalog-src-" + std::string(number), "catalog", "us-east-1", "k-src",
                        i % 3 == 0);
            b.kmsBucket(dst, "catalog-dst-" + std::string(number), dstAccount, "us-west-2", "k-dst",
                        false);
        } else {
            b.bucket(src, "catalog-src-" + std::string(number), "catalog", "us-east-1");
            b.bucket(dst, "catalog-dst-" + std::string(number), dstAccount, "us-west-2");
        }
        ReplicationRule &r = rule(b, "to-replica-" + std::string(number), src, dst, "role");
        r.replicateKmsObjects = kms;
        r.replicaKey = kms ? "k-dst" : "";
        r.filterPrefix = i % 2 ? "data/" : "";
        r.metrics = true;
    }
    return b.design();
}

std::vector<PolicyCase> policyCases()
{
    return {bucketKeySource(), bucketKeyDestination(), ownerOverride(),  objectLock(),    dsseKms(),
            multiRegionKey(),  sharedRole(),           fanOut(),         threeAccounts(), filters(),
            customPolicies(),  chinaPartition(),       govCloudSseKms(), bucketKeyBoth(), sseC(),
            severalRoles(),    emptyRuleId(),          managedPolicies()};
}

void addPolicyCaseRows()
{
    QTest::addColumn<int>("index");
    const std::vector<PolicyCase> cases = policyCases();
    for (std::size_t i = 0; i < cases.size(); ++i)
        QTest::newRow(cases[i].name.c_str()) << int(i);
}

} // namespace s3rd::test
