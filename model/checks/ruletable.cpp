// The rule table: every rule id, its severity, its function, the pre-flight items its findings
// untick, and what its findings mean with the AWS page behind them. To add a rule: write its
// function in the file of its topic (or a new file listed in CMakeLists.txt), declare it below,
// add one row. Ids are part of the interface.

#include "checks/checkcontext.h"

#include <algorithm>
#include <array>

namespace s3rd::model::checks {

#define S3RD_RULE(fn) void fn(const CheckContext &, std::vector<Finding> &)
// versioningrules.cpp
S3RD_RULE(ruleVersioningSourceOff);
S3RD_RULE(ruleVersioningDestinationOff);
S3RD_RULE(ruleObjectLockDestinationMissing);
// kmsrules.cpp
S3RD_RULE(ruleKmsObjectsNotSelected);
S3RD_RULE(ruleKmsReplicaKeyMissing);
S3RD_RULE(ruleKmsReplicaKeyRegion);
S3RD_RULE(ruleKmsAwsManagedCrossAccount);
S3RD_RULE(ruleKmsSourceKeyMissing);
S3RD_RULE(ruleBucketDefaultKeyRegion);
S3RD_RULE(ruleReplicaKeyNotDestinationOwned);
S3RD_RULE(ruleKmsRequestQuota);
S3RD_RULE(ruleKmsKeyStateInvalid);
// keyrules.cpp
S3RD_RULE(ruleKmsKeyAsymmetric);
S3RD_RULE(ruleKeyRotationOff);
S3RD_RULE(ruleKeySharedAcrossAccounts);
S3RD_RULE(ruleMultiRegionKey);
S3RD_RULE(ruleAwsManagedKeyPolicy);
S3RD_RULE(ruleKeyPolicyCrossAccount);
S3RD_RULE(ruleBucketKeyContext);
S3RD_RULE(ruleBucketKeyDsse);
// rolerules.cpp
S3RD_RULE(ruleRoleMissing);
S3RD_RULE(ruleRoleAccount);
S3RD_RULE(ruleRoleMultiplePerSource);
S3RD_RULE(ruleConfusedDeputyTestObject);
// rulerules.cpp
S3RD_RULE(ruleElementMissing);
S3RD_RULE(ruleRuleSelf);
S3RD_RULE(ruleRuleDuplicatePriority);
S3RD_RULE(ruleRuleIdDuplicate);
S3RD_RULE(ruleTagFilterDeleteMarkers);
S3RD_RULE(ruleRuleDisabled);
S3RD_RULE(ruleRulesOverlapSameDestination);
// namingrules.cpp
S3RD_RULE(ruleBucketNameInvalid);
S3RD_RULE(ruleBucketNameDuplicate);
S3RD_RULE(ruleAccountIdInvalid);
S3RD_RULE(ruleRegionUnknown);
S3RD_RULE(ruleStorageClassInvalid);
S3RD_RULE(ruleRuleLimits);
S3RD_RULE(ruleRoleNameInvalid);
S3RD_RULE(ruleKeyIdInvalid);
S3RD_RULE(ruleDirectoryBucketUnsupported);
// crossaccountrules.cpp
S3RD_RULE(ruleRequesterPaysDestination);
S3RD_RULE(ruleOwnerOverrideSameAccount);
S3RD_RULE(ruleOwnerOverrideNotNeeded);
S3RD_RULE(ruleOwnerOverrideMissing);
S3RD_RULE(ruleDstBucketPolicyNeeded);
S3RD_RULE(ruleRegionOptIn);
S3RD_RULE(ruleSourceObjectsForeignOwned);
S3RD_RULE(ruleCustomPolicyBlocksReplication); // custompolicyrules.cpp
S3RD_RULE(rulePartitionMismatch);
// encryptionrules.cpp
S3RD_RULE(ruleSseCDestinationBlocked);
S3RD_RULE(ruleSseCSource);
S3RD_RULE(ruleClientSideEncryption);
S3RD_RULE(ruleReplicaEncryptionNotDestinationDefault);
void ruleReplicaEncryptionNotDestinationDefaultAt(const CheckContext &, const Anchors &,
                                                  std::vector<Finding> &);
// topologyrules.cpp
S3RD_RULE(ruleChainNotReplicated);
void ruleChainNotReplicatedAt(const CheckContext &, const Anchors &, std::vector<Finding> &);
S3RD_RULE(ruleTwoWayWithoutReplicaSync);
// monitoringrules.cpp
S3RD_RULE(ruleMetricsOff);
S3RD_RULE(ruleRtcDeleteMarkersNoSla);
S3RD_RULE(ruleRtcLimits);
// noticerules.cpp
S3RD_RULE(ruleExistingObjectsNeedBatch);
S3RD_RULE(ruleDeleteMarkersNotReplicated);
S3RD_RULE(ruleVersionDeletesNeverReplicated);
S3RD_RULE(ruleLifecycleNotReplicated);
S3RD_RULE(ruleGlacierObjectsNotReplicated);
S3RD_RULE(ruleTagFilterNeedsTagsAtPut);
S3RD_RULE(ruleV1ConfigRegenerated);
// policyrules.cpp
S3RD_RULE(rulePolicyTooLarge);
S3RD_RULE(ruleCustomPolicyInvalid);
S3RD_RULE(ruleCustomPolicyOverPrivileged); // overprivilegerules.cpp
S3RD_RULE(ruleRolePermissionsManaged);
S3RD_RULE(ruleRolePermissionsTooLarge);
#undef S3RD_RULE

namespace {

constexpr Severity E = Severity::Error;
constexpr Severity W = Severity::Warning;
constexpr Severity I = Severity::Info;

constexpr PreflightMask kNone = 0;
constexpr PreflightMask kVersioning = preflightBit(PreflightCheck::Versioning);
constexpr PreflightMask kRoleTrust = preflightBit(PreflightCheck::RoleTrust);
constexpr PreflightMask kRolePermissions = preflightBit(PreflightCheck::RolePermissions);
constexpr PreflightMask kSourceKey = preflightBit(PreflightCheck::SourceKeyPolicy);
constexpr PreflightMask kDestinationKey = preflightBit(PreflightCheck::DestinationKeyPolicy);
constexpr PreflightMask kBothKeys = kSourceKey | kDestinationKey;
constexpr PreflightMask kCrossAccount = preflightBit(PreflightCheck::CrossAccount);
constexpr PreflightMask kMonitoring = preflightBit(PreflightCheck::Monitoring);

const RuleDefinition kRules[] = {
    // Errors: AWS rejects it, or replication fails or silently skips objects.
    {"versioning-source-off", E, ruleVersioningSourceOff, kVersioning,
     "Both source and destination buckets must have versioning enabled. S3 rejects "
     "PutBucketReplication on a source bucket whose versioning is not enabled, and once "
     "replication is on, versioning cannot be suspended without removing it first.",
     doc::kRequirements},
    {"versioning-destination-off", E, ruleVersioningDestinationOff, kVersioning,
     "Both source and destination buckets must have versioning enabled. If the destination is not "
     "versioned, every replication attempt fails and the source objects get the replication "
     "status FAILED (failure reason DstBucketUnversioned).",
     doc::kRequirements},
    {"object-lock-destination-missing", E, ruleObjectLockDestinationMissing, kVersioning,
     "If the source bucket has S3 Object Lock enabled, the destination buckets must also have "
     "Object Lock enabled. Object Lock can be turned on for an existing bucket, but never turned "
     "off again, and it keeps versioning on for good.",
     doc::kObjectLock},
    {"kms-objects-not-selected", E, ruleKmsObjectsNotSelected, kDestinationKey,
     "By default, Amazon S3 doesn't replicate objects encrypted with SSE-KMS or DSSE-KMS. The "
     "rule must set SourceSelectionCriteria.SseKmsEncryptedObjects to Enabled and name a replica "
     "key (ReplicaKmsKeyID) in the destination's Region. S3 accepts the configuration without "
     "them and silently skips those objects.",
     doc::kKms},
    {"kms-replica-key-missing", E, ruleKmsReplicaKeyMissing, kDestinationKey,
     "When SseKmsEncryptedObjects is Enabled, the destination must name the KMS key that encrypts "
     "the replicas (EncryptionConfiguration.ReplicaKmsKeyID): a symmetric, customer managed key "
     "in the destination bucket's Region.",
     doc::kKms},
    {"kms-replica-key-region", E, ruleKmsReplicaKeyRegion, kDestinationKey,
     "The KMS key for the replicas must have been created in the same AWS Region as the "
     "destination bucket. S3 does not validate the key when the configuration is put: it answers "
     "200 OK and replication fails later. For a multi-Region key, name the replica of the key in "
     "the destination's Region.",
     doc::kKms},
    {"kms-aws-managed-cross-account", E, ruleKmsAwsManagedCrossAccount, kDestinationKey,
     "Cross-account replication of SSE-KMS data needs a customer managed key for the destination "
     "account. AWS managed keys (aws/s3) don't allow cross-account use, because their key "
     "policies cannot be changed.",
     doc::kKms},
    {"kms-key-asymmetric", E, ruleKmsKeyAsymmetric, kBothKeys,
     "Amazon S3 supports only symmetric encryption KMS keys, for default encryption and for "
     "replica keys alike. An asymmetric key cannot be changed into a symmetric one: use another "
     "key.",
     doc::kSymmetricKeys},
    {"kms-source-key-missing", E, ruleKmsSourceKeyMissing, kSourceKey,
     "The replication role needs kms:Decrypt on the key that encrypts the source objects. The "
     "design names that key as the bucket's default key; without one the generated role policy "
     "cannot grant it, and replication of SSE-KMS objects fails.",
     doc::kKms},
    {"bucket-default-key-region", E, ruleBucketDefaultKeyRegion, kSourceKey,
     "S3 default encryption uses a KMS key in the bucket's own Region. A key in another Region "
     "cannot encrypt the bucket's objects.",
     doc::kDefaultEncryption},
    {"role-missing", E, ruleRoleMissing, kRoleTrust | kRolePermissions,
     "A replication configuration names the IAM role that S3 assumes to read the source and write "
     "the replicas. Without one there is nothing to put in the configuration's Role and nothing "
     "replicates.",
     doc::kPermissions},
    {"role-account", E, ruleRoleAccount, kRoleTrust,
     "The role in a replication configuration must belong to the source bucket owner's account: "
     "the caller needs iam:PassRole on it, which works only for roles of its own account, and "
     "every AWS example puts the role there.",
     doc::kPermissions},
    {"role-multiple-per-source", E, ruleRoleMultiplePerSource, kRolePermissions,
     "A bucket's replication configuration has a single Role shared by all its rules. The "
     "generated configuration uses the first rule's role, so the permissions meant for the other "
     "roles are never used.",
     doc::kAddConfig},
    {"role-name-invalid", E, ruleRoleNameInvalid, kRoleTrust,
     "IAM role names are 1 to 64 characters of letters, digits and +=,.@_-; a path is \"/\" or "
     "starts and ends with \"/\".",
     doc::kIamIdentifiers},
    {"element-missing", E, ruleElementMissing, kNone,
     "An element refers to another element that is not in the design (it was deleted, or the file "
     "was edited by hand). Nothing can be generated for the missing part.",
     doc::kAddConfig},
    {"rule-self", E, ruleRuleSelf, kNone,
     "A replication rule copies objects to a different bucket. S3 rejects a configuration whose "
     "destination is the source bucket.",
     doc::kAddConfig},
    {"rule-duplicate-priority", E, ruleRuleDuplicatePriority, kNone,
     "Each rule of a V2 replication configuration has a Priority; when rules overlap, the one "
     "with the highest number wins. S3 rejects a configuration in which two rules have the same "
     "priority.",
     doc::kAddConfig},
    {"rule-id-duplicate", E, ruleRuleIdDuplicate, kNone,
     "The ID of a rule identifies it uniquely within the bucket's replication configuration (it "
     "appears in replication events and metrics). Two rules with the same ID are rejected.",
     doc::kAddConfig},
    {"tag-filter-delete-markers", E, ruleTagFilterDeleteMarkers, kNone,
     "S3 does not support replicating delete markers for tag-based rules: DeleteMarkerReplication "
     "must be Disabled when the Filter includes a tag. The generated configuration writes it "
     "Disabled, so objects deleted in the source stay visible in the destination. Use a "
     "prefix-only rule where deletions must follow.",
     doc::kDeleteMarkers},
    {"requester-pays-destination", E, ruleRequesterPaysDestination, kCrossAccount,
     "In cross-account replication, destination buckets cannot be configured as Requester Pays "
     "buckets.",
     doc::kRequirements},
    {"partition-mismatch", E, rulePartitionMismatch, kCrossAccount,
     "Accounts, roles and keys of one partition (aws, aws-cn, aws-us-gov) cannot be used in "
     "another: the source account cannot enable the destination Region, and the role cannot be "
     "trusted there.",
     doc::kRequirements},
    {"sse-c-destination-blocked", E, ruleSseCDestinationBlocked, kNone,
     "Since April 2026, new buckets block SSE-C by default. When SSE-C is blocked for a bucket, "
     "any replication request that specifies SSE-C is rejected with HTTP 403 AccessDenied. The "
     "destination must allow SSE-C (BlockedEncryptionTypes NONE only).",
     doc::kSseCBlocking},
    {"bucket-name-invalid", E, ruleBucketNameInvalid, kNone,
     "General purpose bucket names are 3 to 63 characters of lowercase letters, digits, dots and "
     "hyphens, begin and end with a letter or digit, are not IP addresses, and avoid the reserved "
     "prefixes and suffixes.",
     doc::kBucketNaming},
    {"bucket-name-duplicate", E, ruleBucketNameDuplicate, kNone,
     "A bucket name is unique across all accounts of a partition: only one of these buckets can "
     "exist.",
     doc::kBucketNaming},
    {"account-id-invalid", E, ruleAccountIdInvalid, kNone,
     "An AWS account ID is exactly 12 digits, kept as a string so leading zeros survive. It "
     "appears in every role, key and bucket policy ARN.",
     doc::kIamIdentifiers},
    {"region-unknown", E, ruleRegionUnknown, kNone,
     "The Region must be one of the AWS Regions of the account's partition; it goes into key ARNs "
     "and kms:ViaService conditions.",
     doc::kRegions},
    {"key-id-invalid", E, ruleKeyIdInvalid, kBothKeys,
     "Replication names keys by key ARN, built from the key ID (a UUID, or mrk-… for multi-Region "
     "keys). Alias names start with alias/ and only AWS managed keys use alias/aws/.",
     doc::kKms},
    {"rule-limits", E, ruleRuleLimits, kNone,
     "A replication configuration holds at most 1,000 rules and 2 MB; a rule ID is at most 255 "
     "characters, a prefix at most 1,024, and tag keys and values have their own limits. S3 "
     "rejects a configuration beyond them.",
     doc::kReplicationApi},
    {"policy-too-large", E, rulePolicyTooLarge, kNone,
     "IAM counts policy characters without whitespace: a role's inline policies hold 10,240, a "
     "customer managed policy 6,144 and a trust policy 2,048 by default. A key policy holds 32 KB "
     "and a bucket policy 20 KB. A role's generated permissions can be attached as customer "
     "managed policies instead (up to 10 per role), or the role split into one role per group of "
     "source buckets.",
     doc::kIamQuotas},
    {"role-permissions-too-large", E, ruleRolePermissionsTooLarge, kRolePermissions,
     "IAM attaches at most 10 managed policies to a role by default (an increase can be asked for "
     "in Service Quotas). Split the role: one role per group of source buckets, each with its "
     "own, smaller permissions. A source bucket's rules must keep one role, so whole source "
     "buckets move.",
     doc::kIamQuotas},
    {"custom-policy-invalid", E, ruleCustomPolicyInvalid, kNone,
     "A custom policy is passed through verbatim; AWS rejects a document that does not parse. Fix "
     "the JSON, or remove the custom policy to use the generated one.",
     doc::kPermissions},
    {"custom-policy-blocks-replication", E, ruleCustomPolicyBlocksReplication, kRolePermissions,
     "A custom policy or guardrail in effect for this rule stops a check S3 makes while "
     "replicating. The simulator walked a representative object (a key under the rule's prefix, "
     "with the rule's tags, encrypted as the source writes objects) through every check; this is "
     "the first one that failed. Explicit denies in bucket policies, key policies, permissions "
     "boundaries, SCPs and RCPs break replication, as does a custom policy that lacks a statement "
     "the generated one has. Run `s3rd simulate` for the full trace.",
     doc::kTroubleshoot},
    {"storage-class-invalid", E, ruleStorageClassInvalid, kNone,
     "The replica storage class must be one S3 accepts for replicas (FSX_OPENZFS, for one, is "
     "not). Without a storage class, replicas keep the source object's class.",
     doc::kDestinationApi},
    {"directory-bucket-unsupported", E, ruleDirectoryBucketUnsupported, kNone,
     "PutBucketReplication is not supported for directory buckets, and they cannot be the "
     "destination of a replication rule either. Directory bucket names end in --x-s3. Replicate "
     "between general purpose buckets, or copy the data with S3 Batch Operations or your own jobs.",
     doc::kDirectoryBuckets},
    {"kms-key-state-invalid", E, ruleKmsKeyStateInvalid, kBothKeys,
     "KMS uses only keys in the Enabled state. While a key is disabled or pending deletion, S3 "
     "can neither decrypt source objects with it nor encrypt replicas, and replication fails with "
     "SrcKmsKeyInvalidState or DstKmsKeyInvalidState. A key pending deletion can be recovered by "
     "cancelling the deletion, then enabling it.",
     doc::kKeyState},
    // Warnings: works, but risky or surprising.
    {"chain-not-replicated", W, ruleChainNotReplicated, kNone,
     "Objects that are replicas created by another replication rule are not replicated again: "
     "objects in B that are replicas of objects in A do not go on to C, even when C replicates "
     "back to B. Replicate from A to C directly, or use S3 Batch Replication for the replicas.",
     doc::kWhatIsReplicated, ruleChainNotReplicatedAt},
    {"two-way-without-replica-sync", W, ruleTwoWayWithoutReplicaSync, kNone,
     "In two-way replication, metadata changes made to replicas (ACLs, tags, Object Lock "
     "settings) replicate back only with replica modification sync "
     "(SourceSelectionCriteria.ReplicaModifications) enabled on the rules of both buckets. "
     "Without it the two copies drift apart.",
     doc::kReplicaSync},
    {"metrics-off", W, ruleMetricsOff, kMonitoring,
     "Replication fails silently: S3 accepts a configuration whose key or permissions are wrong, "
     "and objects just never arrive. Enable replication metrics on the rule and send "
     "s3:Replication:OperationFailedReplication events to SQS, SNS or Lambda (they are not "
     "delivered to EventBridge). Failure events need metrics, not RTC.",
     doc::kMetricsEvents},
    {"owner-override-same-account", W, ruleOwnerOverrideSameAccount, kNone,
     "Add the owner override only when source and destination are owned by different accounts. S3 "
     "does not check, and applies it anyway: ACL changes stop replicating. The generated "
     "configuration leaves it out between buckets of one account.",
     doc::kOwnerOverride},

    {"owner-override-missing", W, ruleOwnerOverrideMissing, kCrossAccount,
     "Across accounts, replicas keep the source account as object owner unless the rule changes "
     "ownership to the destination (owner override) or the destination bucket is Bucket owner "
     "enforced. Otherwise the destination account may not be able to read its replicas.",
     doc::kOwnerOverride},
    {"key-rotation-off", W, ruleKeyRotationOff, kNone,
     "Automatic rotation creates new key material yearly while keeping the key ID, ARN and "
     "policies, so replication keeps working and old objects stay readable. Without it, rotating "
     "means a new key and updating every replication rule and policy.",
     doc::kKeyRotation},
    {"key-shared-across-accounts", W, ruleKeySharedAcrossAccounts, kNone,
     "One key serving buckets of several accounts ties their security domains together: whoever "
     "controls the key policy controls access to every copy, and losing or disabling the key "
     "affects all of them. Give each account (or workload) its own customer managed key and grant "
     "the replication role exactly what it needs on each.",
     doc::kKeyCrossAccount},
    {"bucket-key-context", W, ruleBucketKeyContext, kNone,
     "With an S3 Bucket Key, the encryption context is the bucket's ARN, not the object's. The "
     "generated role and key policies allow both forms, but a custom policy or guardrail that "
     "expects the object ARN (arn:aws:s3:::bucket/*) in kms:EncryptionContext:aws:s3:arn denies "
     "replication. custom-policy-blocks-replication reports it when the simulation fails.",
     doc::kBucketKey},
    {"bucket-key-dsse", W, ruleBucketKeyDsse, kNone,
     "S3 Bucket Keys aren't supported for dual-layer server-side encryption (DSSE-KMS): every "
     "object uses its own KMS data key, with the KMS request cost that implies.",
     doc::kBucketKey},

    {"sse-c-source", W, ruleSseCSource, kNone,
     "S3 replicates SSE-C objects like unencrypted ones, with no extra permissions, but only into "
     "buckets that do not block SSE-C (new buckets block it by default since April 2026). The "
     "replicas stay encrypted with the customer's key, which S3 never stores. SSE-KMS is easier "
     "to govern.",
     doc::kKms},
    {"region-opt-in", W, ruleRegionOptIn, kCrossAccount,
     "The source bucket owner must have both the source and destination Regions enabled, and the "
     "destination bucket owner the destination Region. Regions launched after March 2019 are "
     "disabled until an account opts in.",
     doc::kRequirements},
    {"replica-encryption-not-destination-default", W, ruleReplicaEncryptionNotDestinationDefault,
     kNone,
     "For SSE-S3, SSE-KMS and DSSE-KMS source objects the replica uses the same type of "
     "encryption as the source object: the default encryption settings of the destination bucket "
     "are not used. Only unencrypted objects take the destination's default. Write the source "
     "objects with the encryption the destination expects (change the source's default "
     "encryption), or accept weaker replicas.",
     doc::kKms, ruleReplicaEncryptionNotDestinationDefaultAt},
    {"replica-key-not-destination-owned", W, ruleReplicaKeyNotDestinationOwned, kDestinationKey,
     "Replicas are encrypted with the replica key. When that key belongs to another account than "
     "the destination bucket, the destination owner depends on that account's key policy to read "
     "its own replicas, and loses them if the key is disabled or deleted there. AWS's "
     "troubleshooting guide asks for a customer managed key owned by the destination account.",
     doc::kTroubleshoot},
    {"rules-overlap-same-destination", W, ruleRulesOverlapSameDestination, kNone,
     "When several rules of a configuration match an object and name the same destination, S3 "
     "applies only the rule with the highest priority. The lower rule's settings (KMS opt-in and "
     "replica key, delete marker replication, storage class, owner override, RTC) do not apply to "
     "the objects both match, and S3 says nothing. Make the filters disjoint, or give both rules "
     "the same settings.",
     doc::kAddConfig},
    {"source-objects-foreign-owned", W, ruleSourceObjectsForeignOwned, kNone,
     "If the owner of the source bucket doesn't own an object in the bucket, the object owner "
     "must grant the bucket owner READ and READ_ACP permissions with the object ACL; otherwise "
     "replication of that object fails (SrcGetAclNotPermitted). With Object Ownership set to "
     "Bucket owner enforced the bucket owner owns every object and ACLs no longer matter; with "
     "Bucket owner preferred, writers must upload with the bucket-owner-full-control ACL.",
     doc::kRequirements},
    {"custom-policy-over-privileged", W, ruleCustomPolicyOverPrivileged, kNone,
     "Replication needs a short, fixed list of permissions on the buckets and keys of its rules. "
     "Found by evaluating the same requests against this custom policy and against the "
     "least-privilege policy the designer generates: the actions listed are allowed by the custom "
     "policy and not by the generated one (or allowed without its conditions). The AWS CLI's own "
     "put-bucket-replication example pairs its configuration with a role policy allowing s3:* on "
     "*; imported setups often look like that.",
     doc::kLeastPrivilege},
    // Info: worth knowing.
    {"existing-objects-need-batch", I, ruleExistingObjectsNeedBatch, kNone},
    {"delete-markers-not-replicated", I, ruleDeleteMarkersNotReplicated, kNone,
     "Delete markers replicate only when the rule's DeleteMarkerReplication is Enabled, which S3 "
     "does not support for tag-based rules. Not replicating them protects the destination from "
     "deletions; replicating them keeps both sides in step.",
     doc::kDeleteMarkers},
    {"version-deletes-never-replicated", I, ruleVersionDeletesNeverReplicated, kNone,
     "A DELETE request with a version ID removes that version in the source only; S3 never "
     "replicates it, which protects the replicas from malicious deletions. Delete in each bucket, "
     "or use lifecycle rules on the destination.",
     doc::kWhatIsReplicated},
    {"lifecycle-not-replicated", I, ruleLifecycleNotReplicated, kNone,
     "Lifecycle configuration is a bucket-level setting that is not replicated, and the delete "
     "markers that lifecycle expiration creates in the source are not replicated either, even "
     "with delete marker replication on.",
     doc::kWhatIsReplicated},
    {"glacier-objects-not-replicated", I, ruleGlacierObjectsNotReplicated, kNone,
     "Objects stored in the S3 Glacier Flexible Retrieval or S3 Glacier Deep Archive storage "
     "classes are skipped by replication (SrcObjectNotEligible), and Batch Replication does not "
     "take them either: restore them first, or replicate before the transition.",
     doc::kWhatIsReplicated},
    {"tag-filter-needs-tags-at-put", I, ruleTagFilterNeedsTagsAtPut, kNone,
     "With tag-based rules, new objects must have the matching tags in the PutObject request. "
     "Objects tagged after the upload are not replicated.",
     doc::kAddConfig},
    {"client-side-encryption", I, ruleClientSideEncryption, kNone,
     "S3 does not know that client-side encrypted objects are encrypted: it replicates them as "
     "ordinary objects, with their envelope metadata. The key stays outside AWS, so whoever reads "
     "the destination needs it too.",
     doc::kClientSide},
    {"v1-config-regenerated", I, ruleV1ConfigRegenerated, kNone,
     "V1 configurations have a rule-level Prefix and no Filter; V1 replicates the delete markers "
     "that user actions create. The designer always writes V2 (Filter, Priority, "
     "DeleteMarkerReplication), where delete markers replicate only if DeleteMarkerReplication is "
     "Enabled. Review the rule, then mark it reviewed.",
     doc::kAddConfig},
    {"confused-deputy-test-object", I, ruleConfusedDeputyTestObject, kNone,
     "Confused-deputy conditions in the trust policy are a hardening step AWS does not show in "
     "its replication examples. If a condition value does not match what S3 sends, every "
     "replication fails with AssumeRoleNotPermitted, so replicate one test object before relying "
     "on the setup.",
     doc::kConfusedDeputy},
    {"aws-managed-key-policy", I, ruleAwsManagedKeyPolicy, kNone,
     "AWS managed keys (alias/aws/s3) have a fixed key policy that allows use only through S3 by "
     "principals of the owning account. No generated key policy is applied to them, and they "
     "cannot serve another account.",
     doc::kAwsManagedKeys},
    {"key-policy-cross-account", I, ruleKeyPolicyCrossAccount, kNone,
     "Cross-account use of a KMS key needs permission in both places: the key policy in the key's "
     "account must name the role (kms:Encrypt and kms:GenerateDataKey), and the role's own policy "
     "must allow the key. Neither alone is sufficient.",
     doc::kKeyCrossAccount},
    {"dst-bucket-policy-needed", I, ruleDstBucketPolicyNeeded, kNone,
     "The owner of the destination bucket must grant the source account's replication role "
     "s3:ReplicateObject and s3:ReplicateDelete on the objects and the bucket-level reads in a "
     "bucket policy. The destination account applies it; the source account cannot. A custom "
     "bucket policy must include those grants itself.",
     doc::kPermissions},
    {"rtc-delete-markers-no-sla", I, ruleRtcDeleteMarkersNoSla, kNone,
     "Delete marker replication does not adhere to the 15-minute service-level agreement of S3 "
     "Replication Time Control; objects do.",
     doc::kDeleteMarkers},
    {"rule-disabled", I, ruleRuleDisabled, kNone,
     "A rule with Status Disabled stays in the configuration (and is validated with it) but "
     "replicates nothing.",
     doc::kAddConfig},
    {"owner-override-not-needed", I, ruleOwnerOverrideNotNeeded, kNone,
     "With Object Ownership set to Bucket owner enforced, ACLs are disabled and the destination "
     "owner owns all replicas, without the owner override and without the "
     "s3:ObjectOwnerOverrideToBucketOwner permission.",
     doc::kOwnerOverride},
    {"multi-region-key", I, ruleMultiRegionKey, kNone,
     "Amazon S3 treats multi-Region keys as though they were single-Region keys and does not use "
     "their multi-Region features. Objects are not decryptable with a related key in another "
     "Region through S3: the replica key must be the key (or the multi-Region replica) in the "
     "destination's own Region.",
     doc::kKms},
    {"kms-request-quota", I, ruleKmsRequestQuota, kNone,
     "Every replicated SSE-KMS or DSSE-KMS object needs a kms:Decrypt in the source Region and a "
     "kms:Encrypt (or GenerateDataKey) in the destination Region, counted against the KMS request "
     "quotas of the role's account. AWS warns that replicating many new KMS objects can be "
     "throttled (HTTP 503): with 1,000 objects a second, subtract 2,000 requests from the KMS "
     "quota. Use S3 Bucket Keys (SSE-KMS) or request a quota increase.",
     doc::kRtc},
    {"rtc-limits", I, ruleRtcLimits, kNone,
     "The S3 RTC SLA doesn't apply during time periods where the replication data transfer rate "
     "exceeds the default 1 Gbps quota (raise it with a Service Quotas request), nor when Amazon "
     "S3 performance guidelines on requests per second are exceeded. Each replicated object costs "
     "up to five GET/HEAD requests and one PUT on the source and one PUT on each destination; KMS "
     "objects also count against the KMS request quotas.",
     doc::kRtc},
    {"role-permissions-managed", I, ruleRolePermissionsManaged, kNone,
     "An inline role policy holds 10,240 characters (whitespace not counted). The permissions are "
     "split, statement by statement, across customer managed policies of at most 6,144 characters "
     "each, attached to the role: the same permissions, in documents IAM allows more of (10 per "
     "role by default). Each is created in the role's account (aws iam create-policy, then "
     "attach-role-policy); the bundle, CloudFormation and Terraform exports do it. Set the role's "
     "permissions to inline or managed to choose yourself.",
     doc::kIamQuotas},
};

} // namespace

std::span<const RuleDefinition> ruleTable()
{
    return kRules;
}

const RuleDefinition *findRule(std::string_view id)
{
    const auto it = std::find_if(std::begin(kRules), std::end(kRules),
                                 [id](const RuleDefinition &r) { return r.id == id; });
    return it == std::end(kRules) ? nullptr : it;
}

} // namespace s3rd::model::checks
