#include "replicationsteps.h"

#include "core/arn.h"
#include "core/awsdocs.h"

#include <algorithm>
#include <stdexcept>

namespace s3rd::model::steps {

namespace {

constexpr std::string_view kS3Service = "s3.amazonaws.com";

constexpr unsigned kKms = kViaService | kEncryptionContext | kCallerAccount;

// Texts that several steps share: what allows them, the AWS page's words.
constexpr std::string_view kReadConfiguration =
    "role permissions policy, statement ReadSourceReplicationConfiguration; the source bucket "
    "policy must not deny it";
constexpr std::string_view kReplicateToDestination =
    "role permissions policy, statement ReplicateToDestination; across accounts also the "
    "destination bucket policy, statement AllowReplicationRoleToReplicateObjects";
constexpr std::string_view kReadSourceObjects =
    "role permissions policy, statement ReadSourceObjects";
constexpr std::string_view kEncryptReplicas =
    "role permissions policy, statement EncryptReplicas, and the replica key policy "
    "(AllowReplicationRoleToEncryptReplicas)";
constexpr std::string_view kReadSourceObjectLock =
    "role permissions policy, statement ReadSourceObjectLock";
constexpr std::string_view kObjectLockPermissions =
    "To use Object Lock with replication, you must grant two additional permissions on the source "
    "S3 bucket: s3:GetObjectRetention and s3:GetObjectLegalHold.";

// clang-format off
constexpr Step kTable[] = {
    {"source-versioning", {}, Principal::None, Resource::None, kNoContext, EncryptionContext::None,
     "always",
     "SrcBucketReplicationConfigMissing",
     "versioning enabled on the source bucket (a configuration cannot be put without it)",
     doc::kRequirements,
     "Both source and destination buckets must have versioning enabled."},
    {"destination-exists", {}, Principal::None, Resource::None, kNoContext,
     EncryptionContext::None,
     "always",
     "DstBucketNotFound",
     "the rule's destination bucket exists",
     doc::kMetricsEvents,
     "DstBucketNotFound: The destination bucket specified in the replication configuration "
     "couldn't be found."},
    {"assume-role", "sts:AssumeRole", Principal::S3Service, Resource::Role,
     kSourceAccount | kSourceArn, EncryptionContext::None,
     "always",
     "AssumeRoleNotPermitted",
     "role trust policy, statement AllowS3ReplicationToAssumeRole",
     doc::kPermissions,
     "\"Principal\":{\"Service\":\"s3.amazonaws.com\"}, \"Action\":\"sts:AssumeRole\" (the "
     "replication role's trust policy); a service calling on a customer's behalf sends "
     "aws:SourceArn and aws:SourceAccount (IAM confused deputy page)."},
    {"read-replication-configuration", "s3:GetReplicationConfiguration",
     Principal::ReplicationRole, Resource::SourceBucket, kNoContext, EncryptionContext::None,
     "always",
     "SrcBucketReplicationConfigMissing",
     kReadConfiguration,
     doc::kPermissions,
     "\"Action\":[\"s3:GetReplicationConfiguration\",\"s3:ListBucket\"], \"Resource\": the "
     "source bucket. The troubleshooting page lists a Deny of either in the source bucket "
     "policy among the causes of failed replication (AWS names no failure reason for it)."},
    {"list-source-bucket", "s3:ListBucket", Principal::ReplicationRole, Resource::SourceBucket,
     kNoContext, EncryptionContext::None,
     "always",
     "SrcGetObjectNotPermitted",
     kReadConfiguration,
     doc::kPermissions,
     "The current permissions model requires the s3:ListBucket permission for accessing delete "
     "markers. (AWS names no failure reason for it; a denial stops S3 reading the source.)"},
    {"replicate-delete", "s3:ReplicateDelete", Principal::ReplicationRole,
     Resource::DestinationObject, kNoContext, EncryptionContext::None,
     "a delete marker, with delete marker replication on",
     "DstDelObjNotPermitted",
     kReplicateToDestination,
     doc::kMetricsEvents,
     "DstDelObjNotPermitted: Amazon S3 is unable to replicate delete markers to the destination "
     "bucket. The s3:ReplicateDelete permission might be missing for the destination bucket."},
    {"read-source", "s3:GetObjectVersionForReplication", Principal::ReplicationRole,
     Resource::SourceObject, kExistingObjectTags, EncryptionContext::None,
     "every object",
     "SrcGetObjectNotPermitted",
     kReadSourceObjects,
     doc::kKms,
     "We recommend that you use the s3:GetObjectVersionForReplication action instead of the "
     "s3:GetObjectVersion action ... the s3:GetObjectVersion action allows replication of "
     "unencrypted and SSE-S3-encrypted objects, but not of objects that are encrypted by using "
     "KMS keys."},
    {"read-source-acl", "s3:GetObjectVersionAcl", Principal::ReplicationRole,
     Resource::SourceObject, kNoContext, EncryptionContext::None,
     "every object",
     "SrcGetAclNotPermitted",
     kReadSourceObjects,
     doc::kMetricsEvents,
     "SrcGetAclNotPermitted: The s3:GetObjectVersionAcl permission might be missing for the "
     "replication source bucket."},
    {"read-source-tags", "s3:GetObjectVersionTagging", Principal::ReplicationRole,
     Resource::SourceObject, kNoContext, EncryptionContext::None,
     "an object with tags (a denial drops the tags only)",
     "SrcGetTaggingNotPermitted",
     kReadSourceObjects,
     doc::kPermissions,
     "If Amazon S3 doesn't have the s3:GetObjectVersionTagging permission, it replicates the "
     "objects, but not the object tags."},
    {"source-key", {}, Principal::None, Resource::None, kNoContext, EncryptionContext::None,
     "an SSE-KMS or DSSE-KMS object",
     "SrcKmsKeyInvalidState",
     "the object's KMS key exists",
     doc::kMetricsEvents,
     "SrcKmsKeyInvalidState: The AWS KMS key for the source bucket isn't in a valid state."},
    {"decrypt-source", "kms:Decrypt", Principal::ReplicationRole, Resource::SourceKey, kKms,
     EncryptionContext::Source,
     "an SSE-KMS or DSSE-KMS object",
     "SrcGetObjectNotPermitted",
     "role permissions policy, statement DecryptSourceObjects, and the source key policy "
     "(AllowReplicationRoleToDecryptSource, or root delegation in the role's account)",
     doc::kKms,
     "\"Action\":[\"kms:Decrypt\"], \"Condition\":{\"StringLike\":{\"kms:ViaService\":"
     "\"s3.us-east-1.amazonaws.com\", \"kms:EncryptionContext:aws:s3:arn\":"
     "[\"arn:aws:s3:::amzn-s3-demo-source-bucket/key-prefix1*\"]}}. When an S3 Bucket Key is "
     "enabled for the source or destination bucket, the encryption context will be the "
     "bucket's Amazon Resource Name (ARN), not the object's ARN."},
    {"destination-versioning", {}, Principal::None, Resource::None, kNoContext,
     EncryptionContext::None,
     "always",
     "DstBucketUnversioned",
     "versioning enabled on the destination bucket",
     doc::kRequirements,
     "If you disable versioning on the destination bucket, replication fails. The source object "
     "has the replication status FAILED."},
    {"destination-object-lock", {}, Principal::None, Resource::None, kNoContext,
     EncryptionContext::None,
     "the source bucket uses Object Lock",
     "DstBucketObjectLockConfigMissing",
     "Object Lock enabled on the destination bucket",
     doc::kRequirements,
     "If the source bucket has S3 Object Lock enabled, the destination buckets must also have "
     "S3 Object Lock enabled."},
    {"destination-sse-c", {}, Principal::None, Resource::None, kNoContext,
     EncryptionContext::None,
     "an SSE-C object",
     "DstPutObjectNotPermitted",
     "the destination bucket does not block SSE-C",
     doc::kSseCBlocking,
     "When SSE-C is blocked for a bucket, any PutObject, CopyObject, PostObject, Multipart "
     "Upload, or replication request that specifies SSE-C encryption will be rejected with an "
     "HTTP 403 AccessDenied error."},
    {"replica-key", {}, Principal::None, Resource::None, kNoContext, EncryptionContext::None,
     "an SSE-KMS or DSSE-KMS replica",
     "DstKmsKeyNotFound",
     "the replica key exists, is symmetric and is in the destination bucket's Region",
     doc::kKms,
     "The KMS key must have been created in the same AWS Region as the destination bucket."},
    {"write-replica", "s3:ReplicateObject", Principal::ReplicationRole,
     Resource::DestinationObject, kReplicaEncryption, EncryptionContext::None,
     "every object",
     "DstPutObjectNotPermitted",
     kReplicateToDestination,
     doc::kPermissions,
     "Permissions for the s3:ReplicateObject action ... also allow replication of metadata "
     "such as object tags and ACLs."},
    {"replicate-tags", "s3:ReplicateTags", Principal::ReplicationRole,
     Resource::DestinationObject, kNoContext, EncryptionContext::None,
     "an object with tags (only an explicit Deny drops the tags)",
     "DstPutTaggingNotPermitted",
     "covered by s3:ReplicateObject; statement ReplicateToDestination grants it too",
     doc::kPermissions,
     "Therefore, you don't need to explicitly grant permission for the s3:ReplicateTags "
     "action."},
    {"encrypt-replica", "kms:Encrypt", Principal::ReplicationRole, Resource::ReplicaKey, kKms,
     EncryptionContext::Replica,
     "an SSE-KMS or DSSE-KMS object",
     "DstPutObjectNotPermitted",
     kEncryptReplicas,
     doc::kKms,
     "\"Action\":[\"kms:Encrypt\"], \"Condition\":{\"StringLike\":{\"kms:ViaService\":"
     "\"s3.us-east-1.amazonaws.com\", \"kms:EncryptionContext:aws:s3:arn\":"
     "[\"arn:aws:s3:::amzn-s3-demo-destination-bucket/prefix1*\"]}}"},
    {"generate-replica-data-key", "kms:GenerateDataKey", Principal::ReplicationRole,
     Resource::ReplicaKey, kKms, EncryptionContext::Replica,
     "an unencrypted object into a bucket whose default encryption is SSE-KMS or DSSE-KMS",
     "DstPutObjectNotPermitted",
     kEncryptReplicas,
     doc::kKms,
     "If you're replicating plaintext objects to a bucket with SSE-KMS or DSSE-KMS encryption "
     "enabled by default, you must include the kms:GenerateDataKey permission for the "
     "destination encryption context and the KMS key in the IAM policy."},
    {"decrypt-replica-key", "kms:Decrypt", Principal::ReplicationRole, Resource::ReplicaKey,
     kKms, EncryptionContext::Replica,
     "the replica uses an S3 Bucket Key (the destination's, or the source's carried over)",
     "DstPutObjectNotPermitted",
     kEncryptReplicas,
     doc::kBucketKey,
     "To use replication with an S3 Bucket Key, the AWS KMS key policy for the KMS key that's "
     "used to encrypt the object replica must include the kms:Decrypt permission. If your "
     "source object uses an S3 Bucket Key but your destination bucket uses default encryption "
     "with SSE-KMS, the replica object maintains its S3 Bucket Key encryption settings in the "
     "destination bucket."},
    {"owner-override", "s3:ObjectOwnerOverrideToBucketOwner", Principal::ReplicationRole,
     Resource::DestinationObject, kNoContext, EncryptionContext::None,
     "the rule changes the replica owner",
     "DstPutObjectNotPermitted",
     "role permissions policy, statement ChangeReplicaOwner, and the destination bucket policy, "
     "statement AllowReplicationRoleToChangeReplicaOwner",
     doc::kOwnerOverride,
     "{\"Effect\":\"Allow\",\"Action\":[\"s3:ObjectOwnerOverrideToBucketOwner\"],"
     "\"Resource\":\"arn:aws:s3:::DEST/*\"}"},
    {"read-retention", "s3:GetObjectRetention", Principal::ReplicationRole,
     Resource::SourceObject, kNoContext, EncryptionContext::None,
     "the source bucket uses Object Lock",
     "SrcGetRetentionNotPermitted",
     kReadSourceObjectLock,
     doc::kObjectLock,
     kObjectLockPermissions},
    {"read-legal-hold", "s3:GetObjectLegalHold", Principal::ReplicationRole,
     Resource::SourceObject, kNoContext, EncryptionContext::None,
     "the source bucket uses Object Lock",
     "SrcGetLegalHoldNotPermitted",
     kReadSourceObjectLock,
     doc::kObjectLock,
     kObjectLockPermissions},
};
// clang-format on

std::string resourceArn(Resource r, const Subjects &s)
{
    switch (r) {
    case Resource::None: return {};
    case Resource::Role: return s.roleArn;
    case Resource::SourceBucket: return arn::bucket(s.partition, s.sourceBucket);
    case Resource::SourceObject: return arn::object(s.partition, s.sourceBucket, s.objectKey);
    case Resource::SourceKey: return s.sourceKeyArn;
    case Resource::DestinationObject:
        return arn::object(s.partition, s.destinationBucket, s.objectKey);
    case Resource::ReplicaKey: return s.replicaKeyArn;
    }
    return {};
}

std::string_view resourcePattern(Resource r)
{
    switch (r) {
    case Resource::None: return {};
    case Resource::Role: return "arn:PARTITION:iam::ROLE-ACCOUNT:role/PATH/ROLE";
    case Resource::SourceBucket: return "arn:PARTITION:s3:::SOURCE";
    case Resource::SourceObject: return "arn:PARTITION:s3:::SOURCE/KEY";
    case Resource::SourceKey: return "the object's KMS key ARN";
    case Resource::DestinationObject: return "arn:PARTITION:s3:::DESTINATION/KEY";
    case Resource::ReplicaKey: return "the replica key ARN";
    }
    return {};
}

// The ARN S3 puts into the encryption context.
std::string encryptionContextArn(EncryptionContext ec, const Subjects &s)
{
    switch (ec) {
    case EncryptionContext::None: return {};
    case EncryptionContext::Source:
        return s.sourceBucketKey ? arn::bucket(s.partition, s.sourceBucket)
                                 : arn::object(s.partition, s.sourceBucket, s.objectKey);
    case EncryptionContext::Replica:
        return s.replicaBucketKey ? arn::bucket(s.partition, s.destinationBucket)
                                  : arn::object(s.partition, s.destinationBucket, s.objectKey);
    }
    return {};
}

} // namespace

std::span<const Step> table()
{
    return kTable;
}

const Step &step(std::string_view check)
{
    const auto it = std::find_if(std::begin(kTable), std::end(kTable),
                                 [&](const Step &s) { return s.check == check; });
    if (it == std::end(kTable))
        throw std::out_of_range("no replication step " + std::string(check));
    return *it;
}

bool replicaUsesBucketKey(bool sourceObjectUsedBucketKey, bool destinationBucketKey,
                          bool replicaIsSseKms)
{
    // DSSE-KMS does not support Bucket Keys; an SSE-KMS replica keeps the source object's
    // Bucket Key setting or takes the destination's.
    return replicaIsSseKms && (sourceObjectUsedBucketKey || destinationBucketKey);
}

std::string viaService(std::string_view region)
{
    // "Use the .amazonaws.com suffix of the AWS KMS ViaService name in all AWS partitions."
    // (KMS developer guide, kms:ViaService)
    std::string via = "s3.";
    via += region;
    via += ".amazonaws.com";
    return via;
}

Request request(const Step &step, const Subjects &s)
{
    Request r;
    if (step.action.empty())
        return r;
    r.action = std::string(step.action);
    r.resource = resourceArn(step.resource, s);
    if (step.principal == Principal::S3Service) {
        r.principal = std::string(kS3Service);
        r.context["aws:PrincipalServiceName"] = {std::string(kS3Service)};
        r.context["aws:PrincipalIsAWSService"] = {"true"};
    } else {
        r.principal = s.roleArn;
        r.context["aws:PrincipalArn"] = {s.roleArn};
        r.context["aws:PrincipalAccount"] = {s.roleAccountId};
        r.context["aws:PrincipalType"] = {"AssumedRole"};
    }
    if (step.context & kSourceAccount)
        r.context["aws:SourceAccount"] = {s.sourceAccountId};
    if (step.context & kSourceArn)
        r.context["aws:SourceArn"] = {arn::bucket(s.partition, s.sourceBucket)};
    if (step.context & kViaService) {
        const bool source = step.resource == Resource::SourceKey;
        r.context["kms:ViaService"] = {viaService(source ? s.sourceRegion : s.destinationRegion)};
    }
    if (step.context & kEncryptionContext) {
        r.context["kms:EncryptionContext:aws:s3:arn"] = {
            encryptionContextArn(step.encryptionContext, s)};
        r.context["kms:EncryptionContextKeys"] = {"aws:s3:arn"};
    }
    if (step.context & kCallerAccount)
        r.context["kms:CallerAccount"] = {s.roleAccountId};
    if (step.context & kExistingObjectTags) {
        for (const Tag &t : s.objectTags)
            r.context["s3:ExistingObjectTag/" + t.key] = {t.value};
    }
    if ((step.context & kReplicaEncryption) && !s.replicaEncryptionHeader.empty()) {
        r.context["s3:x-amz-server-side-encryption"] = {s.replicaEncryptionHeader};
        if (!s.replicaKeyArn.empty())
            r.context["s3:x-amz-server-side-encryption-aws-kms-key-id"] = {s.replicaKeyArn};
    }
    return r;
}

Request request(std::string_view check, const Subjects &subjects)
{
    return request(step(check), subjects);
}

namespace {

std::string contextText(const Step &st)
{
    std::vector<std::string> keys;
    if (st.context & kSourceAccount)
        keys.emplace_back("`aws:SourceAccount` (source account)");
    if (st.context & kSourceArn)
        keys.emplace_back("`aws:SourceArn` (source bucket ARN)");
    if (st.context & kViaService)
        keys.emplace_back(st.resource == Resource::SourceKey
                              ? "`kms:ViaService` = `s3.SOURCE-REGION.amazonaws.com`"
                              : "`kms:ViaService` = `s3.DESTINATION-REGION.amazonaws.com`");
    if (st.context & kEncryptionContext)
        keys.emplace_back(st.encryptionContext == EncryptionContext::Source
                              ? "`kms:EncryptionContext:aws:s3:arn` (source, see below)"
                              : "`kms:EncryptionContext:aws:s3:arn` (replica, see below)");
    if (st.context & kCallerAccount)
        keys.emplace_back("`kms:CallerAccount` (role's account)");
    if (st.context & kExistingObjectTags)
        keys.emplace_back("`s3:ExistingObjectTag/KEY`");
    if (st.context & kReplicaEncryption)
        keys.emplace_back("`s3:x-amz-server-side-encryption`, "
                          "`s3:x-amz-server-side-encryption-aws-kms-key-id`");
    std::string out;
    for (const std::string &k : keys)
        out += (out.empty() ? "" : "<br>") + k;
    return out.empty() ? "—" : out;
}

std::string escapeCell(std::string_view text)
{
    std::string out;
    for (char c : text) {
        if (c == '|')
            out += "\\|";
        else
            out += c;
    }
    return out;
}

} // namespace

std::string markdown()
{
    std::string md;
    md += "<!-- Generated from the table in model/simulator/replicationsteps.cpp; "
          "tst_simulator fails when this file differs (S3RD_REGENERATE_GOLDEN=1 rewrites it). "
          "Do not edit by hand. -->\n";
    md += "# What S3 sends when it replicates an object\n\n"
          "When an object is written to a bucket with a replication rule, Amazon S3 makes the "
          "checks below, in this order, for each destination whose rule matches the object. "
          "Each request is made by the principal shown, on the resource shown, with the "
          "condition keys shown; a policy that allows it must match those values. A denied "
          "request stops replication with the failure reason S3 reports (in the replication "
          "failure event and metrics). Rows without a request are facts S3 checks itself.\n\n"
          "`s3rd simulate` builds every request from this table, and the generated documents "
          "allow each one through the statement named in the last column but one.\n\n";
    md += "| # | Step | Request | Context keys S3 sends | When | Failure reason | Allowed by | "
          "AWS source |\n";
    md += "|---|---|---|---|---|---|---|---|\n";
    int n = 0;
    for (const Step &st : kTable) {
        std::string requestText;
        if (st.action.empty()) {
            requestText = "(no request: S3 checks it)";
        } else {
            requestText = "`" + std::string(st.action) + "` on `" +
                          std::string(resourcePattern(st.resource)) + "` by " +
                          (st.principal == Principal::S3Service ? "`s3.amazonaws.com`"
                                                                : "the replication role");
        }
        md += "| " + std::to_string(++n) + " | `" + std::string(st.check) + "` | " +
              escapeCell(requestText) + " | " + contextText(st) + " | " + escapeCell(st.when) +
              " | `" + std::string(st.failureReason) + "` | " + escapeCell(st.allowedBy) + " | [" +
              std::string(st.sourceUrl.substr(st.sourceUrl.rfind('/') + 1)) + "](" +
              std::string(st.sourceUrl) + "): “" + escapeCell(st.quote) + "” |\n";
    }

    md += "\n## The encryption context, for each S3 Bucket Key state\n\n"
          "`kms:EncryptionContext:aws:s3:arn` is the object's ARN, or the bucket's ARN when an "
          "S3 Bucket Key is used. A source Bucket Key carries over to the replica: \"If your "
          "source object uses an S3 Bucket Key but your destination bucket uses default "
          "encryption with SSE-KMS, the replica object maintains its S3 Bucket Key encryption "
          "settings in the destination bucket\" ([bucket-key.html](" +
          std::string(doc::kBucketKey) +
          ")). For an SSE-KMS object `docs/a.pdf` replicated from `SOURCE` to `DESTINATION`:\n\n";
    md += "| Source Bucket Key | Destination Bucket Key | `decrypt-source` context | "
          "`encrypt-replica` context | `decrypt-replica-key` made |\n";
    md += "|---|---|---|---|---|\n";
    for (int i = 0; i < 4; ++i) {
        Subjects s;
        s.sourceBucket = "SOURCE";
        s.destinationBucket = "DESTINATION";
        s.objectKey = "docs/a.pdf";
        const bool srcKey = i & 2;
        const bool dstKey = i & 1;
        s.sourceBucketKey = srcKey;
        s.replicaBucketKey = replicaUsesBucketKey(srcKey, dstKey, true);
        md += std::string("| ") + (srcKey ? "on" : "off") + " | " + (dstKey ? "on" : "off") +
              " | `" + encryptionContextArn(EncryptionContext::Source, s) + "` | `" +
              encryptionContextArn(EncryptionContext::Replica, s) + "` | " +
              (s.replicaBucketKey ? "yes" : "no") + " |\n";
    }
    md += "\nThe generated role and key policies allow both forms on a key whose bucket uses a "
          "Bucket Key (objects written before it was turned on keep the object context, and "
          "AWS's pages disagree on the destination-only case).\n\n"
          "`kms:ViaService` is `s3.REGION.amazonaws.com` in every partition, China included: "
          "\"Use the .amazonaws.com suffix of the AWS KMS ViaService name in all AWS "
          "partitions.\" ([conditions-kms.html](" +
          std::string(doc::kKmsConditions) + "#conditions-kms-via-service)).\n";
    return md;
}

} // namespace s3rd::model::steps
