#pragma once

// The AWS documentation pages that findings and policy annotations cite, one constant per page.

namespace s3rd::model::doc {

inline constexpr const char *kRequirements =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-requirements.html";
inline constexpr const char *kAddConfig =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-add-config.html";
inline constexpr const char *kPermissions =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/setting-repl-config-perm-overview.html";
inline constexpr const char *kKms =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html";
inline constexpr const char *kObjectLock =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html";
inline constexpr const char *kOwnerOverride =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-change-owner.html";
inline constexpr const char *kWhatIsReplicated =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/"
    "replication-what-is-isnot-replicated.html";
inline constexpr const char *kDeleteMarkers =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/delete-marker-replication.html";
inline constexpr const char *kBatch =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-batch-replication-batch.html";
inline constexpr const char *kBatchPolicies =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-batch-replication-policies.html";
inline constexpr const char *kReplicaSync =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-for-metadata-changes.html";
inline constexpr const char *kMetricsEvents =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-metrics-events.html";
inline constexpr const char *kRtc =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html";
inline constexpr const char *kTroubleshoot =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-troubleshoot.html";
inline constexpr const char *kBucketNaming =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html";
inline constexpr const char *kIamIdentifiers =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html";
inline constexpr const char *kIamQuotas =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html";
inline constexpr const char *kRegions =
    "https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html";
inline constexpr const char *kReplicationApi =
    "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketReplication.html";
inline constexpr const char *kDestinationApi =
    "https://docs.aws.amazon.com/AmazonS3/latest/API/API_Destination.html";
inline constexpr const char *kBucketKey =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html";
inline constexpr const char *kKeyRotation =
    "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html";
inline constexpr const char *kMultiRegionKeys =
    "https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html";
inline constexpr const char *kAwsManagedKeys =
    "https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-cmk";
inline constexpr const char *kKeyCrossAccount =
    "https://docs.aws.amazon.com/kms/latest/developerguide/"
    "key-policy-modifying-external-accounts.html";
inline constexpr const char *kSymmetricKeys =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/specifying-kms-encryption.html";
inline constexpr const char *kSseCBlocking =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/"
    "blocking-unblocking-s3-c-encryption-gpb.html";
inline constexpr const char *kClientSide =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingClientSideEncryption.html";
inline constexpr const char *kConfusedDeputy =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html";
inline constexpr const char *kRequesterPays =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/RequesterPaysBuckets.html";
inline constexpr const char *kObjectOwnership =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html";
inline constexpr const char *kDefaultEncryption =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html";
inline constexpr const char *kKeyPolicyDefault =
    "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html";
inline constexpr const char *kKeyState =
    "https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html";
inline constexpr const char *kDirectoryBuckets =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/directory-buckets-overview.html";
inline constexpr const char *kResourceControlPolicies =
    "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html";
inline constexpr const char *kLeastPrivilege =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege";
inline constexpr const char *kKmsQuotas =
    "https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html";

} // namespace s3rd::model::doc
