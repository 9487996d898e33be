#pragma once

// The AWS documentation pages that findings and policy annotations cite, one constant per page,
// each written as its guide's address and the page.

// clang-format off
#define S3RD_DOC_S3 "https://docs.aws.amazon.com/AmazonS3/latest/userguide/"
#define S3RD_DOC_S3_API "https://docs.aws.amazon.com/AmazonS3/latest/API/"
#define S3RD_DOC_KMS "https://docs.aws.amazon.com/kms/latest/developerguide/"
#define S3RD_DOC_IAM "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
#define S3RD_DOC_ACCOUNTS "https://docs.aws.amazon.com/accounts/latest/reference/"
#define S3RD_DOC_ORGS "https://docs.aws.amazon.com/organizations/latest/userguide/"

namespace s3rd::model::doc {

inline constexpr auto kRequirements = S3RD_DOC_S3 "replication-requirements.html";
inline constexpr auto kAddConfig = S3RD_DOC_S3 "replication-add-config.html";
inline constexpr auto kPermissions = S3RD_DOC_S3 "setting-repl-config-perm-overview.html";
inline constexpr auto kKms = S3RD_DOC_S3 "replication-config-for-kms-objects.html";
inline constexpr auto kObjectLock = S3RD_DOC_S3 "object-lock-managing.html";
inline constexpr auto kOwnerOverride = S3RD_DOC_S3 "replication-change-owner.html";
inline constexpr auto kWhatIsReplicated = S3RD_DOC_S3 "replication-what-is-isnot-replicated.html";
inline constexpr auto kDeleteMarkers = S3RD_DOC_S3 "delete-marker-replication.html";
inline constexpr auto kBatch = S3RD_DOC_S3 "s3-batch-replication-batch.html";
inline constexpr auto kBatchPolicies = S3RD_DOC_S3 "s3-batch-replication-policies.html";
inline constexpr auto kReplicaSync = S3RD_DOC_S3 "replication-for-metadata-changes.html";
inline constexpr auto kMetricsEvents = S3RD_DOC_S3 "replication-metrics-events.html";
inline constexpr auto kRtc = S3RD_DOC_S3 "replication-time-control.html";
inline constexpr auto kTroubleshoot = S3RD_DOC_S3 "replication-troubleshoot.html";
inline constexpr auto kBucketNaming = S3RD_DOC_S3 "bucketnamingrules.html";
inline constexpr auto kIamIdentifiers = S3RD_DOC_IAM "reference_identifiers.html";
inline constexpr auto kIamQuotas = S3RD_DOC_IAM "reference_iam-quotas.html";
inline constexpr auto kRegions = S3RD_DOC_ACCOUNTS "manage-acct-regions.html";
inline constexpr auto kReplicationApi = S3RD_DOC_S3_API "API_PutBucketReplication.html";
inline constexpr auto kDestinationApi = S3RD_DOC_S3_API "API_Destination.html";
inline constexpr auto kBucketKey = S3RD_DOC_S3 "bucket-key.html";
inline constexpr auto kKeyRotation = S3RD_DOC_KMS "rotate-keys.html";
inline constexpr auto kMultiRegionKeys = S3RD_DOC_KMS "multi-region-keys-overview.html";
inline constexpr auto kAwsManagedKeys = S3RD_DOC_KMS "concepts.html#aws-managed-cmk";
inline constexpr auto kKeyCrossAccount = S3RD_DOC_KMS "key-policy-modifying-external-accounts.html";
inline constexpr auto kSymmetricKeys = S3RD_DOC_S3 "specifying-kms-encryption.html";
inline constexpr auto kSseCBlocking = S3RD_DOC_S3 "blocking-unblocking-s3-c-encryption-gpb.html";
inline constexpr auto kClientSide = S3RD_DOC_S3 "UsingClientSideEncryption.html";
inline constexpr auto kConfusedDeputy = S3RD_DOC_IAM "confused-deputy.html";
inline constexpr auto kRequesterPays = S3RD_DOC_S3 "RequesterPaysBuckets.html";
inline constexpr auto kObjectOwnership = S3RD_DOC_S3 "about-object-ownership.html";
inline constexpr auto kDefaultEncryption = S3RD_DOC_S3 "bucket-encryption.html";
inline constexpr auto kKeyPolicyDefault = S3RD_DOC_KMS "key-policy-default.html";
inline constexpr auto kKeyState = S3RD_DOC_KMS "key-state.html";
inline constexpr auto kKmsConditions = S3RD_DOC_KMS "conditions-kms.html";
inline constexpr auto kDirectoryBuckets = S3RD_DOC_S3 "directory-buckets-overview.html";
inline constexpr auto kResourceControlPolicies = S3RD_DOC_ORGS "orgs_manage_policies_rcps.html";
inline constexpr auto kLeastPrivilege = S3RD_DOC_IAM "best-practices.html#grant-least-privilege";
inline constexpr auto kKmsQuotas = S3RD_DOC_KMS "requests-per-second.html";

} // namespace s3rd::model::doc

#undef S3RD_DOC_S3
#undef S3RD_DOC_S3_API
#undef S3RD_DOC_KMS
#undef S3RD_DOC_IAM
#undef S3RD_DOC_ACCOUNTS
#undef S3RD_DOC_ORGS
// clang-format on
