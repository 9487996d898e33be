// The checklist: every rule fires on a design that breaks it and stays quiet on a near miss; each
// fix removes its finding; the pre-flight list, the order of findings, the example designs.

#include "basedesign.h"
#include "checks/findings.h"
#include "commands.h"
#include "core/designfile.h"
#include "document.h"
#include "files.h"
#include "policies/artifacts.h"
#include "testpaths.h"

#include <QSet>
#include <QUndoStack>
#include <QtTest>

#include <functional>
#include <map>
#include <set>

using namespace s3rd::model;
using namespace s3rd::test;

namespace {

Bucket &bucket(Design &d, const std::string &id)
{
    for (Bucket &b : d.buckets) {
        if (b.id == id)
            return b;
    }
    qFatal("no bucket %s", id.c_str());
}

KmsKey &key(Design &d, const std::string &id)
{
    for (KmsKey &k : d.keys) {
        if (k.id == id)
            return k;
    }
    qFatal("no key %s", id.c_str());
}

ReplicationRule &rule(Design &d)
{
    return d.rules.front();
}

// A copy of the base design's rule under another element id, from source to destination.
ReplicationRule &addRuleLike(Design &d, const std::string &id, const std::string &source,
                             const std::string &destination)
{
    ReplicationRule r = rule(d);
    r.id = id;
    r.source = source;
    r.destination = destination;
    d.rules.push_back(r);
    return d.rules.back();
}

KmsKey addKey(Design &d, const std::string &id, const std::string &account,
              const std::string &region, KeyKind kind = KeyKind::CustomerManaged)
{
    KmsKey k;
    k.id = id;
    k.account = account;
    k.region = region;
    k.kind = kind;
    k.alias = kind == KeyKind::AwsManaged ? "alias/aws/s3" : "alias/" + id;
    k.keyId = kind == KeyKind::MultiRegionPrimary || kind == KeyKind::MultiRegionReplica
                  ? "mrk-1234abcd12ab34cd56ef1234567890ab"
                  : "3234abcd-12ab-34cd-56ef-" + std::string("1234567890ab");
    d.keys.push_back(k);
    return k;
}

// A second rule from src to a new bucket dst2 in prod (eu-west-1).
ReplicationRule &addSecondRule(Design &d, int priority = 2)
{
    Bucket b2 = bucket(d, "dst");
    b2.id = "dst2";
    b2.name = "dst-second-eu";
    b2.account = "a1";
    b2.defaultKey.clear();
    b2.defaultEncryption = DefaultEncryption::SseS3;
    d.buckets.push_back(b2);
    const std::string replicaKey = addKey(d, "k-src-eu", "a1", "eu-west-1").id;
    ReplicationRule &r = addRuleLike(d, "rule2", rule(d).source, "dst2");
    r.ruleId = "to-second";
    r.priority = priority;
    r.replicateKmsObjects = true;
    r.replicaKey = replicaKey;
    return r;
}

// The AWS CLI's put-bucket-replication example role policy: s3:* (and here kms:*) on *.
const char *const kAllowAll = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                              "\"Allow\",\"Action\":[\"s3:*\",\"kms:*\"],\"Resource\":\"*\"}]}";

// An identity-perimeter RCP: nobody outside the listed accounts reaches the account's
// resources (the service principals S3 uses are exempt).
Guardrail perimeterRcp(const std::string &accounts)
{
    return {GuardrailKind::ResourceControlPolicy, "perimeter",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            "\"*\",\"Action\":\"*\",\"Resource\":\"*\"},{\"Sid\":\"Perimeter\",\"Effect\":"
            "\"Deny\",\"Principal\":\"*\",\"Action\":[\"s3:*\",\"kms:*\"],\"Resource\":\"*\","
            "\"Condition\":{\"StringNotEqualsIfExists\":{\"aws:PrincipalAccount\":[\"" +
                accounts + "\"]},\"BoolIfExists\":{\"aws:PrincipalIsAWSService\":\"false\"}}}]}"};
}

using Edit = std::function<void(Design &)>;

// `count` more SSE-S3 source buckets of account prod, each replicating under its own prefix into
// dst with the base design's role: its permissions grow with every one.
void addSources(Design &d, int count)
{
    for (int i = 0; i < count; ++i) {
        Bucket b = bucket(d, "other");
        b.id = "many" + std::to_string(i);
        b.name = "many-sources-bucket-" + std::to_string(i);
        d.buckets.push_back(b);
        ReplicationRule &r =
            addRuleLike(d, "many-rule" + std::to_string(i), b.id, rule(d).destination);
        r.ruleId = "many-" + std::to_string(i);
        r.replicateKmsObjects = false;
        r.replicaKey.clear();
        r.filterPrefix = "p" + std::to_string(i) + "/";
    }
}

struct Case
{
    const char *name;
    const char *rule;
    bool triggers;
    Edit edit;
};

const std::vector<Case> &cases()
{
    static const std::vector<Case> all = {
        {"source unversioned", "versioning-source-off", true,
         [](Design &d) { bucket(d, "src").versioning = Versioning::Suspended; }},
        {"unversioned bucket without rules", "versioning-source-off", false,
         [](Design &d) { bucket(d, "other").versioning = Versioning::Unversioned; }},
        {"destination unversioned", "versioning-destination-off", true,
         [](Design &d) { bucket(d, "dst").versioning = Versioning::Unversioned; }},
        {"unversioned bucket not a destination", "versioning-destination-off", false,
         [](Design &d) { bucket(d, "other").versioning = Versioning::Suspended; }},
        {"object lock on source only", "object-lock-destination-missing", true,
         [](Design &d) { bucket(d, "src").objectLock = true; }},
        {"object lock on both", "object-lock-destination-missing", false,
         [](Design &d) {
             bucket(d, "src").objectLock = true;
             bucket(d, "dst").objectLock = true;
         }},
        {"kms source not opted in", "kms-objects-not-selected", true,
         [](Design &d) { rule(d).replicateKmsObjects = false; }},
        {"sse-s3 source not opted in", "kms-objects-not-selected", false,
         [](Design &d) {
             Bucket &s = bucket(d, "src");
             s.defaultEncryption = DefaultEncryption::SseS3;
             s.defaultKey.clear();
             s.objectEncryptions.sseKms = false;
             rule(d).replicateKmsObjects = false;
         }},
        {"no replica key", "kms-replica-key-missing", true,
         [](Design &d) { rule(d).replicaKey.clear(); }},
        {"dangling replica key", "kms-replica-key-missing", true,
         [](Design &d) { rule(d).replicaKey = "k-gone"; }},
        {"no replica key, kms not opted in", "kms-replica-key-missing", false,
         [](Design &d) {
             rule(d).replicaKey.clear();
             rule(d).replicateKmsObjects = false;
         }},
        {"replica key in another region", "kms-replica-key-region", true,
         [](Design &d) { rule(d).replicaKey = addKey(d, "k-west", "a2", "us-west-2").id; }},
        {"replica key of another account in the right region", "kms-replica-key-region", false,
         [](Design &d) { rule(d).replicaKey = addKey(d, "k-eu", "a1", "eu-west-1").id; }},
        {"aws managed replica key cross-account", "kms-aws-managed-cross-account", true,
         [](Design &d) {
             rule(d).replicaKey = addKey(d, "k-aws", "a2", "eu-west-1", KeyKind::AwsManaged).id;
         }},
        {"aws managed replica key same account", "kms-aws-managed-cross-account", false,
         [](Design &d) {
             bucket(d, "dst").account = "a1";
             bucket(d, "dst").defaultKey.clear();
             rule(d).replicaKey = addKey(d, "k-aws", "a1", "eu-west-1", KeyKind::AwsManaged).id;
         }},
        {"asymmetric replica key", "kms-key-asymmetric", true,
         [](Design &d) { key(d, "k-dst").symmetric = false; }},
        {"asymmetric key unused", "kms-key-asymmetric", false,
         [](Design &d) {
             addKey(d, "k-sign", "a1", "us-east-1");
             key(d, "k-sign").symmetric = false;
         }},
        {"kms source without key", "kms-source-key-missing", true,
         [](Design &d) { bucket(d, "src").defaultKey.clear(); }},
        {"kms source without key, not opted in", "kms-source-key-missing", false,
         [](Design &d) {
             bucket(d, "src").defaultKey.clear();
             rule(d).replicateKmsObjects = false;
         }},
        {"default key in another region", "bucket-default-key-region", true,
         [](Design &d) { bucket(d, "src").defaultKey = addKey(d, "k-eu", "a1", "eu-west-1").id; }},
        {"sse-s3 bucket naming a key elsewhere", "bucket-default-key-region", false,
         [](Design &d) { bucket(d, "other").defaultKey = "k-dst"; }},
        {"no role", "role-missing", true, [](Design &d) { rule(d).role.clear(); }},
        {"no role and none in the account", "role-missing", true,
         [](Design &d) {
             rule(d).role.clear();
             d.roles.clear();
         }},
        {"dangling role", "role-missing", true, [](Design &d) { rule(d).role = "r-gone"; }},
        {"role present", "role-missing", false, [](Design &) {}},
        {"role in destination account", "role-account", true,
         [](Design &d) {
             Role r = d.roles.front();
             r.id = "r-dst";
             r.account = "a2";
             d.roles.push_back(r);
             rule(d).role = "r-dst";
         }},
        {"role of another account unused", "role-account", false,
         [](Design &d) {
             Role r = d.roles.front();
             r.id = "r-dst";
             r.account = "a2";
             d.roles.push_back(r);
         }},
        {"two roles for one source", "role-multiple-per-source", true,
         [](Design &d) {
             Role r = d.roles.front();
             r.id = "r-second";
             r.name = "s3-replication-2";
             d.roles.push_back(r);
             addSecondRule(d).role = "r-second";
         }},
        {"one role for two rules", "role-multiple-per-source", false,
         [](Design &d) { addSecondRule(d); }},
        {"role name with a space", "role-name-invalid", true,
         [](Design &d) { d.roles.front().name = "bad name"; }},
        {"role name with every allowed sign", "role-name-invalid", false,
         [](Design &d) { d.roles.front().name = "s3_repl+=,.@-role"; }},
        {"dangling destination", "element-missing", true,
         [](Design &d) { rule(d).destination = "gone"; }},
        {"dangling account", "element-missing", true,
         [](Design &d) { bucket(d, "other").account = "gone"; }},
        {"all references resolve", "element-missing", false, [](Design &) {}},
        {"rule into itself", "rule-self", true, [](Design &d) { rule(d).destination = "src"; }},
        {"rule to another bucket", "rule-self", false, [](Design &) {}},
        {"two rules with priority 1", "rule-duplicate-priority", true,
         [](Design &d) { addSecondRule(d, 1); }},
        {"two rules with priorities 1 and 2", "rule-duplicate-priority", false,
         [](Design &d) { addSecondRule(d, 2); }},
        {"two rules with one ID", "rule-id-duplicate", true,
         [](Design &d) { addSecondRule(d).ruleId = "to-backup"; }},
        {"one ID on rules of two buckets", "rule-id-duplicate", false,
         [](Design &d) { addRuleLike(d, "rule-other", "other", rule(d).destination); }},
        {"tag rule replicating delete markers", "tag-filter-delete-markers", true,
         [](Design &d) { rule(d).filterTags = {{"replicate", "yes"}}; }},
        {"tag rule without delete markers", "tag-filter-delete-markers", false,
         [](Design &d) {
             rule(d).filterTags = {{"replicate", "yes"}};
             rule(d).deleteMarkerReplication = false;
         }},
        {"requester pays destination cross-account", "requester-pays-destination", true,
         [](Design &d) { bucket(d, "dst").requesterPays = true; }},
        {"requester pays destination same account", "requester-pays-destination", false,
         [](Design &d) {
             bucket(d, "dst").requesterPays = true;
             bucket(d, "dst").account = "a1";
         }},
        {"destination in aws-cn", "partition-mismatch", true,
         [](Design &d) { d.accounts[1].partition = Partition::AwsCn; }},
        {"both accounts in aws-us-gov", "partition-mismatch", false,
         [](Design &d) {
             d.accounts[0].partition = Partition::AwsUsGov;
             d.accounts[1].partition = Partition::AwsUsGov;
         }},
        {"sse-c into a blocking destination", "sse-c-destination-blocked", true,
         [](Design &d) { bucket(d, "src").objectEncryptions.sseC = true; }},
        {"sse-c into a destination allowing it", "sse-c-destination-blocked", false,
         [](Design &d) {
             bucket(d, "src").objectEncryptions.sseC = true;
             bucket(d, "dst").sseCBlocked = false;
         }},
        {"bucket name with uppercase", "bucket-name-invalid", true,
         [](Design &d) { bucket(d, "other").name = "Other_Bucket"; }},
        {"bucket name with dots and digits", "bucket-name-invalid", false,
         [](Design &d) { bucket(d, "other").name = "a.b-c1"; }},
        {"two buckets with one name", "bucket-name-duplicate", true,
         [](Design &d) { bucket(d, "other").name = "src-data-us"; }},
        {"one name in two partitions", "bucket-name-duplicate", false,
         [](Design &d) {
             d.accounts[1].partition = Partition::AwsCn;
             bucket(d, "dst").name = "src-data-us";
         }},
        {"short account id", "account-id-invalid", true,
         [](Design &d) { d.accounts[0].accountId = "12345"; }},
        {"account id with leading zeros", "account-id-invalid", false,
         [](Design &d) { d.accounts[0].accountId = "000011112222"; }},
        {"unknown region", "region-unknown", true,
         [](Design &d) { bucket(d, "other").region = "us-east-9"; }},
        {"unknown key region", "region-unknown", true,
         [](Design &d) { key(d, "k-dst").region = "eu-nowhere-1"; }},
        {"opt-in region is known", "region-unknown", false,
         [](Design &d) { bucket(d, "other").region = "ap-east-1"; }},
        {"bad key id", "key-id-invalid", true,
         [](Design &d) { key(d, "k-src").keyId = "not-a-uuid"; }},
        {"bad alias", "key-id-invalid", true,
         [](Design &d) { key(d, "k-src").alias = "no-prefix"; }},
        {"multi-region key id", "key-id-invalid", false,
         [](Design &d) {
             key(d, "k-src").kind = KeyKind::MultiRegionPrimary;
             key(d, "k-src").keyId = "mrk-1234abcd12ab34cd56ef1234567890ab";
         }},
        {"rule id of 256 characters", "rule-limits", true,
         [](Design &d) { rule(d).ruleId = std::string(256, 'r'); }},
        {"prefix of 1,025 characters", "rule-limits", true,
         [](Design &d) { rule(d).filterPrefix = std::string(1025, 'p'); }},
        {"1,001 rules on one bucket", "rule-limits", true,
         [](Design &d) {
             for (int i = 2; i <= 1001; ++i) {
                 ReplicationRule &r =
                     addRuleLike(d, "rule" + std::to_string(i), "src", "dst");
                 r.ruleId = "to-backup-" + std::to_string(i);
                 r.priority = i;
                 r.filterPrefix = "p" + std::to_string(i) + "/";
             }
         }},
        {"rule id of 255 characters", "rule-limits", false,
         [](Design &d) {
             rule(d).ruleId = std::string(255, 'r');
             rule(d).filterPrefix = std::string(1024, 'p');
         }},
        {"custom role policy over 10,240 characters", "policy-too-large", true,
         [](Design &d) {
             d.roles.front().customPermissionsPolicy =
                 CustomPolicy{"big", "{\"Version\":\"2012-10-17\",\"Sid\":\"" + std::string(10300, 'x')
                                         + "\"}"};
         }},
        {"role serving 200 buckets kept inline", "policy-too-large", true,
         [](Design &d) {
             addSources(d, 200);
             d.roles.front().permissionsAttachment = PermissionsAttachment::Inline;
         }},
        {"role serving 200 buckets", "policy-too-large", false,
         [](Design &d) { addSources(d, 200); }},
        {"role serving 200 buckets", "role-permissions-managed", true,
         [](Design &d) { addSources(d, 200); }},
        {"role serving 200 buckets, managed on request", "role-permissions-managed", false,
         [](Design &d) {
             addSources(d, 200);
             d.roles.front().permissionsAttachment = PermissionsAttachment::Managed;
         }},
        {"role serving 700 buckets", "role-permissions-too-large", true,
         [](Design &d) { addSources(d, 700); }},
        {"role serving 200 buckets", "role-permissions-too-large", false,
         [](Design &d) { addSources(d, 200); }},
        {"custom role policy under the limit, with whitespace", "policy-too-large", false,
         [](Design &d) {
             d.roles.front().customPermissionsPolicy = CustomPolicy{
                 "big", "{\"Version\":\"2012-10-17\",\"Sid\":\"" + std::string(9000, 'x')
                            + "\"" + std::string(5000, ' ') + "}"};
         }},
        {"custom bucket policy not JSON", "custom-policy-invalid", true,
         [](Design &d) { bucket(d, "dst").customBucketPolicy = CustomPolicy{"mine", "{oops"}; }},
        {"custom role policy not JSON", "custom-policy-invalid", true,
         [](Design &d) { d.roles.front().customTrustPolicy = CustomPolicy{"mine", "[1,"}; }},
        {"custom policy valid JSON", "custom-policy-invalid", false,
         [](Design &d) {
             bucket(d, "dst").customBucketPolicy =
                 CustomPolicy{"mine", "{\"Version\":\"2012-10-17\",\"Statement\":[]}"};
         }},
        {"storage class FSX_OPENZFS", "storage-class-invalid", true,
         [](Design &d) { rule(d).storageClass = "FSX_OPENZFS"; }},
        {"storage class GLACIER_IR", "storage-class-invalid", false,
         [](Design &d) { rule(d).storageClass = "GLACIER_IR"; }},
        {"A to B to C", "chain-not-replicated", true,
         [](Design &d) { addRuleLike(d, "rule-onward", "dst", "other"); }},
        {"A to B and back", "chain-not-replicated", false,
         [](Design &d) { addRuleLike(d, "rule-back", "dst", "src"); }},
        {"two-way without sync", "two-way-without-replica-sync", true,
         [](Design &d) {
             addRuleLike(d, "rule-back", "dst", "src").replicaModificationSync = true;
         }},
        {"two-way with sync on both", "two-way-without-replica-sync", false,
         [](Design &d) {
             rule(d).replicaModificationSync = true;
             addRuleLike(d, "rule-back", "dst", "src");
         }},
        {"metrics off", "metrics-off", true, [](Design &d) { rule(d).metrics = false; }},
        {"metrics off but RTC on", "metrics-off", false,
         [](Design &d) {
             rule(d).metrics = false;
             rule(d).replicationTimeControl = true;
         }},
        {"owner override in one account", "owner-override-same-account", true,
         [](Design &d) {
             bucket(d, "dst").account = "a1";
             rule(d).ownerOverride = true;
         }},
        {"owner override across accounts", "owner-override-same-account", false,
         [](Design &d) {
             bucket(d, "dst").objectOwnership = ObjectOwnership::ObjectWriter;
             rule(d).ownerOverride = true;
         }},
        {"owner override into bucket owner enforced", "owner-override-not-needed", true,
         [](Design &d) { rule(d).ownerOverride = true; }},
        {"owner override into object writer", "owner-override-not-needed", false,
         [](Design &d) {
             bucket(d, "dst").objectOwnership = ObjectOwnership::ObjectWriter;
             rule(d).ownerOverride = true;
         }},
        {"cross-account into ACL bucket without override", "owner-override-missing", true,
         [](Design &d) { bucket(d, "dst").objectOwnership = ObjectOwnership::BucketOwnerPreferred; }},
        {"same account into ACL bucket", "owner-override-missing", false,
         [](Design &d) {
             bucket(d, "dst").objectOwnership = ObjectOwnership::BucketOwnerPreferred;
             bucket(d, "dst").account = "a1";
         }},
        {"rotation off", "key-rotation-off", true,
         [](Design &d) { key(d, "k-src").rotation = false; }},
        {"aws managed key rotation off", "key-rotation-off", false,
         [](Design &d) {
             addKey(d, "k-aws", "a1", "us-east-1", KeyKind::AwsManaged);
             key(d, "k-aws").rotation = false;
         }},
        {"key of prod encrypting a backup bucket", "key-shared-across-accounts", true,
         [](Design &d) {
             Bucket &o = bucket(d, "other");
             o.account = "a2";
             o.defaultEncryption = DefaultEncryption::SseKms;
             o.defaultKey = "k-src";
         }},
        {"key of prod encrypting prod buckets", "key-shared-across-accounts", false,
         [](Design &d) {
             Bucket &o = bucket(d, "other");
             o.defaultEncryption = DefaultEncryption::SseKms;
             o.defaultKey = "k-src";
         }},
        {"bucket key on a KMS source with a custom role policy", "bucket-key-context", true,
         [](Design &d) {
             bucket(d, "src").bucketKey = true;
             d.roles.front().customPermissionsPolicy = CustomPolicy{"mine", kAllowAll};
         }},
        {"bucket key on a KMS source, every policy generated", "bucket-key-context", false,
         [](Design &d) { bucket(d, "src").bucketKey = true; }},
        {"bucket key on a bucket outside replication", "bucket-key-context", false,
         [](Design &d) {
             Bucket &o = bucket(d, "other");
             o.defaultEncryption = DefaultEncryption::SseKms;
             o.defaultKey = "k-src";
             o.bucketKey = true;
         }},
        {"bucket key with DSSE-KMS", "bucket-key-dsse", true,
         [](Design &d) {
             bucket(d, "src").defaultEncryption = DefaultEncryption::DsseKms;
             bucket(d, "src").bucketKey = true;
         }},
        {"bucket key with SSE-KMS", "bucket-key-dsse", false,
         [](Design &d) { bucket(d, "src").bucketKey = true; }},
        {"multi-region replica key", "multi-region-key", true,
         [](Design &d) {
             key(d, "k-dst").kind = KeyKind::MultiRegionReplica;
             key(d, "k-dst").keyId = "mrk-1234abcd12ab34cd56ef1234567890ab";
         }},
        {"multi-region key unused", "multi-region-key", false,
         [](Design &d) { addKey(d, "k-mrk", "a1", "us-east-1", KeyKind::MultiRegionPrimary); }},
        {"sse-c source", "sse-c-source", true,
         [](Design &d) { bucket(d, "src").objectEncryptions.sseC = true; }},
        {"sse-c bucket without rules", "sse-c-source", false,
         [](Design &d) { bucket(d, "other").objectEncryptions.sseC = true; }},
        {"opt-in destination region", "region-opt-in", true,
         [](Design &d) {
             bucket(d, "dst").region = "ap-east-1";
             key(d, "k-dst").region = "ap-east-1";
         }},
        {"opt-in region outside replication", "region-opt-in", false,
         [](Design &d) { bucket(d, "other").region = "ap-east-1"; }},
        {"existing objects", "existing-objects-need-batch", true,
         [](Design &d) { bucket(d, "src").hasExistingObjects = true; }},
        {"existing objects with batch replication", "existing-objects-need-batch", false,
         [](Design &d) {
             bucket(d, "src").hasExistingObjects = true;
             bucket(d, "src").batchReplication = true;
         }},
        {"delete markers off", "delete-markers-not-replicated", true,
         [](Design &d) { rule(d).deleteMarkerReplication = false; }},
        {"delete markers on", "delete-markers-not-replicated", false, [](Design &) {}},
        {"replicating design", "version-deletes-never-replicated", true, [](Design &) {}},
        {"no rules", "version-deletes-never-replicated", false,
         [](Design &d) { d.rules.clear(); }},
        {"source with lifecycle rules", "lifecycle-not-replicated", true,
         [](Design &d) { bucket(d, "src").lifecycle = Lifecycle::Rules; }},
        {"source without lifecycle rules", "lifecycle-not-replicated", false, [](Design &) {}},
        {"lifecycle rules on a bucket without rules", "lifecycle-not-replicated", false,
         [](Design &d) { bucket(d, "other").lifecycle = Lifecycle::GlacierTransitions; }},
        {"source moving objects to Glacier", "glacier-objects-not-replicated", true,
         [](Design &d) { bucket(d, "src").lifecycle = Lifecycle::GlacierTransitions; }},
        {"source lifecycle without Glacier", "glacier-objects-not-replicated", false,
         [](Design &d) { bucket(d, "src").lifecycle = Lifecycle::Rules; }},
        {"tag filter", "tag-filter-needs-tags-at-put", true,
         [](Design &d) {
             rule(d).filterTags = {{"replicate", "yes"}};
             rule(d).deleteMarkerReplication = false;
         }},
        {"prefix filter", "tag-filter-needs-tags-at-put", false,
         [](Design &d) { rule(d).filterPrefix = "logs/"; }},
        {"client-side encrypted source", "client-side-encryption", true,
         [](Design &d) { bucket(d, "src").objectEncryptions.clientSide = true; }},
        {"client-side encrypted bucket without rules", "client-side-encryption", false,
         [](Design &d) { bucket(d, "other").objectEncryptions.clientSide = true; }},
        {"imported V1 rule", "v1-config-regenerated", true,
         [](Design &d) {
             rule(d).importedAsV1 = true;
             rule(d).deleteMarkerReplication = false;
         }},
        {"imported V1 rule with delete markers", "v1-config-regenerated", true,
         [](Design &d) { rule(d).importedAsV1 = true; }},
        {"V2 rule", "v1-config-regenerated", false, [](Design &) {}},
        {"confused-deputy conditions", "confused-deputy-test-object", true,
         [](Design &d) { d.roles.front().confusedDeputyConditions = true; }},
        {"confused-deputy conditions on an unused role", "confused-deputy-test-object", false,
         [](Design &d) {
             Role r = d.roles.front();
             r.id = "r-idle";
             r.confusedDeputyConditions = true;
             d.roles.push_back(r);
         }},
        {"aws managed source key", "aws-managed-key-policy", true,
         [](Design &d) {
             bucket(d, "src").defaultKey =
                 addKey(d, "k-aws", "a1", "us-east-1", KeyKind::AwsManaged).id;
         }},
        {"aws managed key unused", "aws-managed-key-policy", false,
         [](Design &d) { addKey(d, "k-aws", "a1", "us-east-1", KeyKind::AwsManaged); }},
        {"replica key of the destination account", "key-policy-cross-account", true,
         [](Design &) {}},
        {"replica key of the role's account", "key-policy-cross-account", false,
         [](Design &d) { rule(d).replicaKey = addKey(d, "k-eu", "a1", "eu-west-1").id; }},
        {"cross-account destination", "dst-bucket-policy-needed", true, [](Design &) {}},
        {"same-account destination", "dst-bucket-policy-needed", false,
         [](Design &d) { bucket(d, "dst").account = "a1"; }},
        {"disabled cross-account rule", "dst-bucket-policy-needed", false,
         [](Design &d) { rule(d).enabled = false; }},
        {"replica key of a disabled cross-account rule", "key-policy-cross-account", false,
         [](Design &d) { rule(d).enabled = false; }},
        {"A to B and back, C into B", "chain-not-replicated", true,
         [](Design &d) {
             ReplicationRule back = rule(d);
             back.id = "rule-back";
             back.source = "dst";
             back.destination = "src";
             d.rules.push_back(back);
             ReplicationRule in = rule(d);
             in.id = "rule-in";
             in.source = "other";
             d.rules.push_back(in);
         }},
        {"RTC with delete markers", "rtc-delete-markers-no-sla", true,
         [](Design &d) { rule(d).replicationTimeControl = true; }},
        {"RTC without delete markers", "rtc-delete-markers-no-sla", false,
         [](Design &d) {
             rule(d).replicationTimeControl = true;
             rule(d).deleteMarkerReplication = false;
         }},
        {"destination bucket policy denying everything", "custom-policy-blocks-replication", true,
         [](Design &d) {
             bucket(d, "dst").customBucketPolicy = CustomPolicy{
                 "deny-all",
                 "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyAll\",\"Effect\":\"Deny\","
                 "\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::dst-backup-eu\","
                 "\"arn:aws:s3:::dst-backup-eu/*\"]}]}"};
         }},
        {"custom bucket policy equal to the generated one", "custom-policy-blocks-replication",
         false,
         [](Design &d) {
             for (const Artifact &a : generateArtifacts(d)) {
                 if (a.kind == ArtifactKind::BucketPolicy && a.element == "dst")
                     bucket(d, "dst").customBucketPolicy = CustomPolicy{"mine", a.text};
             }
             QVERIFY(bucket(d, "dst").customBucketPolicy.has_value());
         }},
        {"sse-s3 writes into a sse-kms destination", "replica-encryption-not-destination-default",
         true, [](Design &d) { bucket(d, "src").objectEncryptions.sseS3 = true; }},
        {"sse-kms writes into a sse-kms destination",
         "replica-encryption-not-destination-default", false, [](Design &) {}},
        {"replica key of the source account", "replica-key-not-destination-owned", true,
         [](Design &d) { rule(d).replicaKey = addKey(d, "k-eu", "a1", "eu-west-1").id; }},
        {"replica key of the destination account", "replica-key-not-destination-owned", false,
         [](Design &) {}},
        {"overlapping rules to one destination", "rules-overlap-same-destination", true,
         [](Design &d) {
             ReplicationRule &r = addRuleLike(d, "rule-logs", "src", "dst");
             r.ruleId = "logs-to-backup";
             r.filterPrefix = "logs/";
             r.priority = 2;
             r.storageClass = "GLACIER_IR";
         }},
        {"disjoint prefixes to one destination", "rules-overlap-same-destination", false,
         [](Design &d) {
             rule(d).filterPrefix = "data/";
             ReplicationRule &r = addRuleLike(d, "rule-logs", "src", "dst");
             r.ruleId = "logs-to-backup";
             r.filterPrefix = "logs/";
             r.priority = 2;
         }},
        {"other accounts write to an ACL source", "source-objects-foreign-owned", true,
         [](Design &d) {
             bucket(d, "src").otherAccountsWrite = true;
             bucket(d, "src").objectOwnership = ObjectOwnership::ObjectWriter;
         }},
        {"other accounts write to a bucket owner enforced source",
         "source-objects-foreign-owned", false,
         [](Design &d) { bucket(d, "src").otherAccountsWrite = true; }},
        {"cross-region KMS without bucket key", "kms-request-quota", true, [](Design &) {}},
        {"cross-region KMS with bucket key", "kms-request-quota", false,
         [](Design &d) { bucket(d, "src").bucketKey = true; }},
        {"RTC rule", "rtc-limits", true,
         [](Design &d) { rule(d).replicationTimeControl = true; }},
        {"rule without RTC", "rtc-limits", false, [](Design &) {}},
        {"directory bucket as destination", "directory-bucket-unsupported", true,
         [](Design &d) { bucket(d, "dst").name = "backup--euw1-az1--x-s3"; }},
        {"directory type as source", "directory-bucket-unsupported", true,
         [](Design &d) { bucket(d, "src").type = BucketType::Directory; }},
        {"directory bucket outside replication", "directory-bucket-unsupported", false,
         [](Design &d) { bucket(d, "other").name = "scratch--use1-az4--x-s3"; }},
        {"directory bucket name", "bucket-name-invalid", false,
         [](Design &d) { bucket(d, "dst").name = "backup--euw1-az1--x-s3"; }},
        {"replica key disabled", "kms-key-state-invalid", true,
         [](Design &d) { key(d, "k-dst").state = KeyState::Disabled; }},
        {"source key pending deletion", "kms-key-state-invalid", true,
         [](Design &d) { key(d, "k-src").state = KeyState::PendingDeletion; }},
        {"disabled key nothing uses", "kms-key-state-invalid", false,
         [](Design &d) { addKey(d, "k-spare", "a1", "us-east-1"); d.keys.back().state = KeyState::Disabled; }},
        {"role policy allowing s3:* and kms:* on *", "custom-policy-over-privileged", true,
         [](Design &d) { d.roles.front().customPermissionsPolicy = CustomPolicy{"cli", kAllowAll}; }},
        {"bucket policy granting the role everything", "custom-policy-over-privileged", true,
         [](Design &d) {
             bucket(d, "dst").customBucketPolicy = CustomPolicy{
                 "open",
                 "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                 "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/s3-replication\"},"
                 "\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::dst-backup-eu\","
                 "\"arn:aws:s3:::dst-backup-eu/*\"]}]}"};
         }},
        {"custom role policy equal to the generated one", "custom-policy-over-privileged", false,
         [](Design &d) {
             for (const Artifact &a : generateArtifacts(d)) {
                 if (a.kind == ArtifactKind::RolePermissionsPolicy && a.element == "r-repl")
                     d.roles.front().customPermissionsPolicy = CustomPolicy{"mine", a.text};
             }
             QVERIFY(d.roles.front().customPermissionsPolicy.has_value());
         }},
        {"RCP on the destination account denying other accounts",
         "custom-policy-blocks-replication", true,
         [](Design &d) { d.accounts[1].guardrails.push_back(perimeterRcp("444455556666")); }},
        {"RCP on the destination account allowing the source account",
         "custom-policy-blocks-replication", false,
         [](Design &d) {
             d.accounts[1].guardrails.push_back(perimeterRcp("444455556666\",\"111122223333"));
         }},
        {"disabled rule", "rule-disabled", true, [](Design &d) { rule(d).enabled = false; }},
        {"enabled rule", "rule-disabled", false, [](Design &) {}},
    };
    return all;
}

std::vector<const Finding *> findingsOf(const CheckReport &report, const std::string &rule)
{
    std::vector<const Finding *> out;
    for (const Finding &f : report.findings) {
        if (f.rule == rule)
            out.push_back(&f);
    }
    return out;
}
// The pointers point into the report: it must outlive them.
std::vector<const Finding *> findingsOf(CheckReport &&, const std::string &) = delete;

CheckReport check(const Design &d)
{
    return runChecks(d, generateArtifacts(d));
}

QStringList ruleIds(const CheckReport &report, Severity atMost)
{
    QStringList ids;
    for (const Finding &f : report.findings) {
        if (f.severity <= atMost)
            ids << QString::fromStdString(f.rule + ": " + f.message);
    }
    return ids;
}

} // namespace

class TestChecks : public QObject
{
    Q_OBJECT

private slots:
    void baseDesignIsClean();
    void eachRule_data();
    void eachRule();
    void everyRuleHasTriggerAndNearMiss();
    void everyFixLeavesNoError_data();
    void everyFixLeavesNoError();
    void fixesAreMinimal();
    void chainNamesTwoWayPartner();
    void findingsNameElements();
    void findingsAreSorted();
    void preflight_data();
    void preflight();
    void examplesRaiseNoErrors();
    void docsListEveryRule();
    void roleTooLargeIsSplitIntoRoles();

private:
    std::vector<Edit> *m_preflightEdits = nullptr;
};

void TestChecks::baseDesignIsClean()
{
    const CheckReport report = check(baseDesign());
    QCOMPARE(ruleIds(report, Severity::Warning), QStringList());
    for (const PreflightItem &item : report.preflight)
        QVERIFY2(item.ok, item.item.c_str());
    QCOMPARE(int(report.preflight.size()), kPreflightCheckCount);
}

void TestChecks::eachRule_data()
{
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < cases().size(); ++i) {
        const Case &c = cases()[i];
        QTest::addRow("%s: %s", c.rule, c.name) << int(i);
    }
}

void TestChecks::eachRule()
{
    QFETCH(int, index);
    const Case &c = cases()[std::size_t(index)];
    Design d = baseDesign();
    c.edit(d);
    const std::vector<Artifact> artifacts = generateArtifacts(d);
    const CheckReport report = runChecks(d, artifacts);
    const auto found = findingsOf(report, c.rule);

    // runRule gives the same findings as the full run.
    const std::vector<Finding> alone = runRule(c.rule, d, artifacts);
    QCOMPARE(alone.size(), found.size());

    if (!c.triggers) {
        QVERIFY2(found.empty(), found.empty() ? "" : found.front()->message.c_str());
        return;
    }
    QVERIFY2(!found.empty(), qPrintable(ruleIds(report, Severity::Info).join("\n")));
    const auto catalog = ruleCatalog();
    const auto def = std::find_if(catalog.begin(), catalog.end(),
                                  [&](const RuleInfo &r) { return r.id == c.rule; });
    QVERIFY(def != catalog.end());
    for (const Finding *f : found) {
        QCOMPARE(f->severity, def->severity);
        QVERIFY(!f->elements.empty());
        QVERIFY(!f->message.empty());
        QVERIFY(f->message.find('\n') == std::string::npos);
        QVERIFY(!f->explanation.empty());
        QVERIFY(f->docUrl.starts_with("https://docs.aws.amazon.com/"));
    }

    // Each fix removes its finding.
    const Finding &first = *found.front();
    if (first.fix) {
        QVERIFY(!first.fix->label.empty());
        QVERIFY(first.fix->apply);
        Design fixed = d;
        first.fix->apply(fixed);
        QVERIFY2(!(fixed == d), "the fix changed nothing");
        const CheckReport after = check(fixed);
        const auto left = findingsOf(after, c.rule);
        for (const Finding *f : left)
            QVERIFY2(f->elements != first.elements, f->message.c_str());
        QVERIFY2(left.size() < found.size(), first.fix->label.c_str());
    }
}

void TestChecks::everyRuleHasTriggerAndNearMiss()
{
    std::set<std::string> triggered;
    std::set<std::string> missed;
    for (const Case &c : cases())
        (c.triggers ? triggered : missed).insert(c.rule);
    for (const RuleInfo &r : ruleCatalog()) {
        const std::string id(r.id);
        QVERIFY2(triggered.count(id), ("no design triggers " + id).c_str());
        QVERIFY2(missed.count(id), ("no near miss for " + id).c_str());
    }
    // The required ids are all in the table, with their severities.
    const std::pair<const char *, Severity> required[] = {
        {"versioning-source-off", Severity::Error},
        {"versioning-destination-off", Severity::Error},
        {"object-lock-destination-missing", Severity::Error},
        {"kms-objects-not-selected", Severity::Error},
        {"kms-replica-key-missing", Severity::Error},
        {"kms-replica-key-region", Severity::Error},
        {"kms-aws-managed-cross-account", Severity::Error},
        {"kms-key-asymmetric", Severity::Error},
        {"role-missing", Severity::Error},
        {"role-account", Severity::Error},
        {"rule-self", Severity::Error},
        {"rule-duplicate-priority", Severity::Error},
        {"tag-filter-delete-markers", Severity::Error},
        {"requester-pays-destination", Severity::Error},
        {"sse-c-destination-blocked", Severity::Error},
        {"bucket-name-invalid", Severity::Error},
        {"bucket-name-duplicate", Severity::Error},
        {"account-id-invalid", Severity::Error},
        {"region-unknown", Severity::Error},
        {"rule-limits", Severity::Error},
        {"policy-too-large", Severity::Error},
        {"storage-class-invalid", Severity::Error},
        {"chain-not-replicated", Severity::Warning},
        {"two-way-without-replica-sync", Severity::Warning},
        {"metrics-off", Severity::Warning},
        {"owner-override-same-account", Severity::Warning},
        {"owner-override-not-needed", Severity::Info},
        {"key-rotation-off", Severity::Warning},
        {"key-shared-across-accounts", Severity::Warning},
        {"bucket-key-context", Severity::Warning},
        {"multi-region-key", Severity::Info},
        {"replica-encryption-not-destination-default", Severity::Warning},
        {"replica-key-not-destination-owned", Severity::Warning},
        {"rules-overlap-same-destination", Severity::Warning},
        {"source-objects-foreign-owned", Severity::Warning},
        {"custom-policy-over-privileged", Severity::Warning},
        {"kms-request-quota", Severity::Info},
        {"rtc-limits", Severity::Info},
        {"directory-bucket-unsupported", Severity::Error},
        {"kms-key-state-invalid", Severity::Error},
        {"sse-c-source", Severity::Warning},
        {"region-opt-in", Severity::Warning},
        {"existing-objects-need-batch", Severity::Info},
        {"delete-markers-not-replicated", Severity::Info},
        {"version-deletes-never-replicated", Severity::Info},
        {"tag-filter-needs-tags-at-put", Severity::Info},
        {"client-side-encryption", Severity::Info},
    };
    const auto catalog = ruleCatalog();
    for (const auto &[requiredId, severity] : required) {
        const char *id = requiredId; // a lambda may not capture a structured binding (C++17)
        const auto it = std::find_if(catalog.begin(), catalog.end(),
                                     [&](const RuleInfo &r) { return r.id == id; });
        QVERIFY2(it != catalog.end(), id);
        QCOMPARE(it->severity, severity);
    }
    std::set<std::string_view> unique;
    for (const RuleInfo &r : catalog)
        QVERIFY2(unique.insert(r.id).second, std::string(r.id).c_str());
}

void TestChecks::everyFixLeavesNoError_data()
{
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < cases().size(); ++i) {
        const Case &c = cases()[i];
        if (c.triggers)
            QTest::addRow("%s: %s", c.rule, c.name) << int(i);
    }
}

void TestChecks::everyFixLeavesNoError()
{
    // Every fix a trigger case offers, applied the way the designer applies it (one
    // ReplaceDesignCommand on the undo stack), leaves a design with no error finding that the
    // trigger case did not have already, and none of the fixed rule's errors.
    QFETCH(int, index);
    const Case &c = cases()[std::size_t(index)];
    Design d = baseDesign();
    c.edit(d);
    const CheckReport before = check(d);
    std::set<std::string> errorsBefore;
    for (const Finding &f : before.findings) {
        if (f.severity == Severity::Error && f.rule != c.rule)
            errorsBefore.insert(f.rule + ": " + f.message);
    }
    int fixes = 0;
    for (const Finding *f : findingsOf(before, c.rule)) {
        if (!f->fix)
            continue;
        ++fixes;
        s3rd::document::Document doc(d);
        QUndoStack stack;
        Design after = d;
        f->fix->apply(after);
        stack.push(new s3rd::document::ReplaceDesignCommand(doc, after,
                                                            QString::fromStdString(f->fix->label)));
        QCOMPARE(stack.count(), 1);
        QVERIFY(doc.design() == after);
        stack.undo();
        QVERIFY(doc.design() == d);
        stack.redo();
        QVERIFY(doc.design() == after);

        const CheckReport report = check(after);
        for (const Finding &left : report.findings) {
            if (left.severity != Severity::Error)
                continue;
            QVERIFY2(left.rule != c.rule || left.elements != f->elements,
                     qPrintable(QString::fromStdString(f->fix->label + " left: " + left.message)));
            QVERIFY2(errorsBefore.count(left.rule + ": " + left.message),
                     qPrintable(QString::fromStdString(f->fix->label + " brought: " + left.rule +
                                                       ": " + left.message)));
        }
    }
    if (fixes == 0)
        QSKIP("the rule offers no fix here");
}

void TestChecks::fixesAreMinimal()
{
    const auto fixOf = [](const Design &d, const char *rule) -> std::optional<Fix> {
        for (const Finding &f : check(d).findings) {
            if (f.rule == rule && f.fix)
                return f.fix;
        }
        return std::nullopt;
    };
    // kms-source-key-missing records the key and leaves the default encryption alone.
    {
        Design d = baseDesign();
        Bucket &src = bucket(d, "src");
        src.defaultEncryption = DefaultEncryption::SseS3;
        src.defaultKey.clear();
        const auto fix = fixOf(d, "kms-source-key-missing");
        QVERIFY(fix);
        Design after = d;
        fix->apply(after);
        QCOMPARE(bucket(after, "src").defaultKey, std::string("k-src"));
        QCOMPARE(bucket(after, "src").defaultEncryption, DefaultEncryption::SseS3);
    }
    // owner-override-missing turns on the rule's override; the destination keeps its ACLs.
    {
        Design d = baseDesign();
        bucket(d, "dst").objectOwnership = ObjectOwnership::BucketOwnerPreferred;
        const auto fix = fixOf(d, "owner-override-missing");
        QVERIFY(fix);
        Design after = d;
        fix->apply(after);
        QVERIFY(rule(after).ownerOverride);
        QCOMPARE(bucket(after, "dst").objectOwnership, ObjectOwnership::BucketOwnerPreferred);
    }
    // A cross-account rule without a destination-account key gets a new key there, never a
    // key of the source account.
    {
        Design d = baseDesign();
        rule(d).replicaKey.clear();
        bucket(d, "dst").defaultKey.clear();
        d.keys.erase(d.keys.begin() + 1); // k-dst
        addKey(d, "k-src-eu", "a1", "eu-west-1");
        const auto fix = fixOf(d, "kms-replica-key-missing");
        QVERIFY(fix);
        QVERIFY2(fix->label.find("new customer managed key") != std::string::npos,
                 fix->label.c_str());
        Design after = d;
        fix->apply(after);
        QCOMPARE(after.keys.size(), d.keys.size() + 1);
        const KmsKey &created = after.keys.back();
        QCOMPARE(rule(after).replicaKey, created.id);
        QCOMPARE(created.account, std::string("a2"));
        QCOMPARE(created.region, std::string("eu-west-1"));
        QVERIFY(created.rotation);
        QCOMPARE(created.kind, KeyKind::CustomerManaged);
        QVERIFY(!created.alias.empty());
    }
    // Renumbering keeps the order and says it; new rule-ID suffixes never collide.
    {
        Design d = baseDesign();
        addSecondRule(d, 1);
        const auto fix = fixOf(d, "rule-duplicate-priority");
        QVERIFY(fix);
        QVERIFY2(fix->label.find("\"to-backup\" 1") != std::string::npos, fix->label.c_str());
        QVERIFY2(fix->label.find("\"to-second\" 2") != std::string::npos, fix->label.c_str());
    }
    {
        Design d = baseDesign();
        ReplicationRule &second = addSecondRule(d);
        second.ruleId = "to-backup";
        ReplicationRule third = second;
        third.id = "rule3";
        third.ruleId = "to-backup-2";
        third.priority = 3;
        d.rules.push_back(third);
        const auto fix = fixOf(d, "rule-id-duplicate");
        QVERIFY(fix);
        Design after = d;
        fix->apply(after);
        std::set<std::string> ids;
        for (const ReplicationRule &r : after.rules)
            QVERIFY2(ids.insert(r.ruleId).second, r.ruleId.c_str());
    }
    // No one-click fix removes a protection on an info finding.
    {
        Design d = baseDesign();
        rule(d).deleteMarkerReplication = false;
        QVERIFY(!fixOf(d, "delete-markers-not-replicated"));
    }
    // The SSE-C fix says what it opens.
    {
        Design d = baseDesign();
        bucket(d, "src").objectEncryptions.sseC = true;
        const auto fix = fixOf(d, "sse-c-destination-blocked");
        QVERIFY(fix);
        QVERIFY(fix->label.find("for everyone") != std::string::npos);
    }
    // Replacing an over-privileged policy keeps the custom text in the note.
    {
        Design d = baseDesign();
        d.roles.front().customPermissionsPolicy = CustomPolicy{"cli", kAllowAll};
        const auto fix = fixOf(d, "custom-policy-over-privileged");
        QVERIFY(fix);
        Design after = d;
        fix->apply(after);
        QVERIFY(!after.roles.front().customPermissionsPolicy);
        QVERIFY(after.roles.front().note.find(kAllowAll) != std::string::npos);
        const CheckReport fixed = check(after);
        QVERIFY(findingsOf(fixed, "custom-policy-over-privileged").empty());
    }
}

void TestChecks::chainNamesTwoWayPartner()
{
    // src <-> dst, and other -> dst: replicas from other stop at dst instead of going on to
    // src, dst's two-way partner; src's own replicas are not said to miss src.
    Design d = baseDesign();
    ReplicationRule back = rule(d);
    back.id = "rule-back";
    back.source = "dst";
    back.destination = "src";
    d.rules.push_back(back);
    ReplicationRule in = rule(d);
    in.id = "rule-in";
    in.source = "other";
    d.rules.push_back(in);
    const CheckReport report = check(d);
    const auto found = findingsOf(report, "chain-not-replicated");
    QCOMPARE(found.size(), std::size_t(1));
    const std::string &m = found.front()->message;
    QVERIFY2(m.find("from other-bucket do not continue to src-data-us (its two-way partner)") !=
                 std::string::npos,
             m.c_str());
    QVERIFY2(m.find("src-data-us do not continue to src-data-us") == std::string::npos, m.c_str());
}

void TestChecks::findingsNameElements()
{
    Design d = baseDesign();
    bucket(d, "dst").versioning = Versioning::Unversioned;
    const CheckReport report = check(d);
    const auto found = findingsOf(report, "versioning-destination-off");
    QCOMPARE(found.size(), std::size_t(1));
    const Finding &f = *found.front();
    QCOMPARE(f.elements.front(), std::string("dst"));
    QVERIFY(std::find(f.elements.begin(), f.elements.end(), "rule1") != f.elements.end());
    // Messages name buckets by name and account id, not by element id.
    QVERIFY(f.message.find("dst-backup-eu (444455556666)") != std::string::npos);
    QVERIFY(f.message.find("DstBucketUnversioned") != std::string::npos);
}

void TestChecks::findingsAreSorted()
{
    Design d = baseDesign();
    bucket(d, "dst").versioning = Versioning::Suspended;
    rule(d).metrics = false;
    rule(d).deleteMarkerReplication = false;
    key(d, "k-src").rotation = false;
    key(d, "k-dst").rotation = false;
    addSecondRule(d, 1);
    const CheckReport a = check(d);
    QVERIFY(a.count(Severity::Error) > 0);
    QVERIFY(a.count(Severity::Warning) > 1);
    QVERIFY(a.count(Severity::Info) > 0);
    for (std::size_t i = 1; i < a.findings.size(); ++i) {
        const Finding &x = a.findings[i - 1];
        const Finding &y = a.findings[i];
        QVERIFY(std::tie(x.severity, x.rule, x.elements) <=
                std::tie(y.severity, y.rule, y.elements));
    }
    // Same design, same order; a reordered design file gives the same findings.
    Design reversed = d;
    std::reverse(reversed.keys.begin(), reversed.keys.end());
    std::reverse(reversed.buckets.begin(), reversed.buckets.end());
    const CheckReport b = check(reversed);
    QCOMPARE(a.findings.size(), b.findings.size());
    for (std::size_t i = 0; i < a.findings.size(); ++i) {
        QCOMPARE(a.findings[i].rule, b.findings[i].rule);
        QCOMPARE(a.findings[i].elements, b.findings[i].elements);
    }
}

void TestChecks::preflight_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("check");
    QTest::addColumn<QString>("rule");
    struct Row
    {
        const char *name;
        PreflightCheck check;
        const char *rule;
        Edit edit;
    };
    static const std::vector<Row> rows = {
        {"versioning", PreflightCheck::Versioning, "versioning-destination-off",
         [](Design &d) { bucket(d, "dst").versioning = Versioning::Unversioned; }},
        {"role trust", PreflightCheck::RoleTrust, "role-account",
         [](Design &d) {
             Role r = d.roles.front();
             r.id = "r-dst";
             r.account = "a2";
             d.roles.push_back(r);
             rule(d).role = "r-dst";
         }},
        {"role permissions", PreflightCheck::RolePermissions, "custom-policy-invalid",
         [](Design &d) {
             d.roles.front().customPermissionsPolicy = CustomPolicy{"x", "{"};
         }},
        {"source key", PreflightCheck::SourceKeyPolicy, "kms-source-key-missing",
         [](Design &d) { bucket(d, "src").defaultKey.clear(); }},
        {"destination key", PreflightCheck::DestinationKeyPolicy, "kms-replica-key-region",
         [](Design &d) { rule(d).replicaKey = addKey(d, "k-west", "a2", "us-west-2").id; }},
        {"cross-account", PreflightCheck::CrossAccount, "requester-pays-destination",
         [](Design &d) { bucket(d, "dst").requesterPays = true; }},
        {"monitoring", PreflightCheck::Monitoring, "metrics-off",
         [](Design &d) { rule(d).metrics = false; }},
        {"test object", PreflightCheck::TestObject, "rule-self",
         [](Design &d) { rule(d).destination = "src"; }},
    };
    static std::vector<Edit> edits;
    edits.clear();
    for (const Row &r : rows) {
        edits.push_back(r.edit);
        QTest::newRow(r.name) << int(edits.size() - 1) << int(r.check) << QString(r.rule);
    }
    m_preflightEdits = &edits;
}

void TestChecks::preflight()
{
    QFETCH(int, index);
    QFETCH(int, check);
    QFETCH(QString, rule);
    Design d = baseDesign();
    (*m_preflightEdits)[std::size_t(index)](d);
    const CheckReport report = ::check(d);
    QCOMPARE(int(report.preflight.size()), kPreflightCheckCount);
    const PreflightItem &item = report.preflight[std::size_t(check)];
    QCOMPARE(int(item.check), check);
    QVERIFY(!item.ok);
    QVERIFY(std::find(item.rules.begin(), item.rules.end(), rule.toStdString()) !=
            item.rules.end());
    // The one-object test waits for every error; a warning alone does not hold it back.
    const PreflightItem &test = report.preflight[std::size_t(PreflightCheck::TestObject)];
    QCOMPARE(test.ok, report.count(Severity::Error) == 0);
    // Items nobody broke stay ticked.
    int unticked = 0;
    for (const PreflightItem &p : report.preflight)
        unticked += p.ok ? 0 : 1;
    QVERIFY(unticked <= 3);
}

void TestChecks::examplesRaiseNoErrors()
{
    const QStringList files = exampleNames();
    if (files.isEmpty())
        QSKIP("no example designs in resources/examples yet");
    for (const QString &file : files) {
        const LoadResult loaded = loadDesignFile(examplePath(file).toStdString());
        if (!loaded.ok()) {
            QFAIL(qPrintable(file + ": " +
                             QString::fromStdString(loaded.problems.front().location + ": " +
                                                    loaded.problems.front().message)));
        }
        const CheckReport report = check(loaded.design);
        QVERIFY2(report.count(Severity::Error) == 0,
                 qPrintable(file + ":\n" + ruleIds(report, Severity::Error).join("\n")));
    }
}

void TestChecks::docsListEveryRule()
{
    const QString text = readText(sourcePath("docs/checklist-rules.md"));
    QVERIFY(!text.isEmpty());
    for (const RuleInfo &r : ruleCatalog()) {
        const QString row = QStringLiteral("| `%1` | %2 |")
                                .arg(QString::fromUtf8(r.id.data(), qsizetype(r.id.size())),
                                     QString::fromUtf8(severityName(r.severity).data()));
        QVERIFY2(text.contains(row), qPrintable(row));
    }
}

QTEST_GUILESS_MAIN(TestChecks)
void TestChecks::roleTooLargeIsSplitIntoRoles()
{
    Design d = baseDesign();
    addSources(d, 700);
    const CheckReport report = check(d);
    const auto found = findingsOf(report, "role-permissions-too-large");
    QCOMPARE(found.size(), std::size_t(1));
    QVERIFY(found.front()->fix);
    QVERIFY(findingsOf(report, "policy-too-large").empty()); // every part is within 6,144

    Design fixed = d;
    found.front()->fix->apply(fixed);
    // No error left: every role's permissions fit its managed policies.
    QCOMPARE(ruleIds(check(fixed), Severity::Error), QStringList());
    QVERIFY(fixed.roles.size() > 1);
    QCOMPARE(fixed.roles.front().id, std::string("r-repl"));
    std::map<std::string, std::string> roleOfSource;
    std::set<std::string> names;
    for (const Role &r : fixed.roles) {
        QCOMPARE(r.account, std::string("a1"));
        QVERIFY(names.insert(r.name).second);
        QVERIFY(r.name.size() <= 64);
    }
    for (const ReplicationRule &r : fixed.rules) {
        // A source bucket's rules keep one role: its configuration names one.
        QCOMPARE(roleOfSource.emplace(r.source, r.role).first->second, r.role);
    }
    // Only the roles changed; the buckets and rules are the same.
    QVERIFY(fixed.buckets == d.buckets);
    QCOMPARE(fixed.rules.size(), d.rules.size());
}

#include "tst_checks.moc"
