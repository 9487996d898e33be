// The rule table: every rule id, its severity, its function, and the pre-flight items its
// findings untick. To add a rule: write its function in the file of its topic (or a new file
// listed in CMakeLists.txt), declare it below, add one row. Ids are part of the interface.

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
// topologyrules.cpp
S3RD_RULE(ruleChainNotReplicated);
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
constexpr PreflightMask kCrossAccount = preflightBit(PreflightCheck::CrossAccount);
constexpr PreflightMask kMonitoring = preflightBit(PreflightCheck::Monitoring);

const RuleDefinition kRules[] = {
    // Errors: AWS rejects it, or replication fails or silently skips objects.
    {"versioning-source-off", E, ruleVersioningSourceOff, kVersioning},
    {"versioning-destination-off", E, ruleVersioningDestinationOff, kVersioning},
    {"object-lock-destination-missing", E, ruleObjectLockDestinationMissing, kVersioning},
    {"kms-objects-not-selected", E, ruleKmsObjectsNotSelected, kDestinationKey},
    {"kms-replica-key-missing", E, ruleKmsReplicaKeyMissing, kDestinationKey},
    {"kms-replica-key-region", E, ruleKmsReplicaKeyRegion, kDestinationKey},
    {"kms-aws-managed-cross-account", E, ruleKmsAwsManagedCrossAccount, kDestinationKey},
    {"kms-key-asymmetric", E, ruleKmsKeyAsymmetric, kSourceKey | kDestinationKey},
    {"kms-source-key-missing", E, ruleKmsSourceKeyMissing, kSourceKey},
    {"bucket-default-key-region", E, ruleBucketDefaultKeyRegion, kSourceKey},
    {"role-missing", E, ruleRoleMissing, kRoleTrust | kRolePermissions},
    {"role-account", E, ruleRoleAccount, kRoleTrust},
    {"role-multiple-per-source", E, ruleRoleMultiplePerSource, kRolePermissions},
    {"role-name-invalid", E, ruleRoleNameInvalid, kRoleTrust},
    {"element-missing", E, ruleElementMissing, kNone},
    {"rule-self", E, ruleRuleSelf, kNone},
    {"rule-duplicate-priority", E, ruleRuleDuplicatePriority, kNone},
    {"rule-id-duplicate", E, ruleRuleIdDuplicate, kNone},
    {"tag-filter-delete-markers", E, ruleTagFilterDeleteMarkers, kNone},
    {"requester-pays-destination", E, ruleRequesterPaysDestination, kCrossAccount},
    {"partition-mismatch", E, rulePartitionMismatch, kCrossAccount},
    {"sse-c-destination-blocked", E, ruleSseCDestinationBlocked, kNone},
    {"bucket-name-invalid", E, ruleBucketNameInvalid, kNone},
    {"bucket-name-duplicate", E, ruleBucketNameDuplicate, kNone},
    {"account-id-invalid", E, ruleAccountIdInvalid, kNone},
    {"region-unknown", E, ruleRegionUnknown, kNone},
    {"key-id-invalid", E, ruleKeyIdInvalid, kSourceKey | kDestinationKey},
    {"rule-limits", E, ruleRuleLimits, kNone},
    {"policy-too-large", E, rulePolicyTooLarge, kNone},
    {"role-permissions-too-large", E, ruleRolePermissionsTooLarge, kRolePermissions},
    {"custom-policy-invalid", E, ruleCustomPolicyInvalid, kNone},
    {"custom-policy-blocks-replication", E, ruleCustomPolicyBlocksReplication, kRolePermissions},
    {"storage-class-invalid", E, ruleStorageClassInvalid, kNone},
    {"directory-bucket-unsupported", E, ruleDirectoryBucketUnsupported, kNone},
    {"kms-key-state-invalid", E, ruleKmsKeyStateInvalid, kSourceKey | kDestinationKey},
    // Warnings: works, but risky or surprising.
    {"chain-not-replicated", W, ruleChainNotReplicated, kNone},
    {"two-way-without-replica-sync", W, ruleTwoWayWithoutReplicaSync, kNone},
    {"metrics-off", W, ruleMetricsOff, kMonitoring},
    {"owner-override-same-account", W, ruleOwnerOverrideSameAccount, kNone},

    {"owner-override-missing", W, ruleOwnerOverrideMissing, kCrossAccount},
    {"key-rotation-off", W, ruleKeyRotationOff, kNone},
    {"key-shared-across-accounts", W, ruleKeySharedAcrossAccounts, kNone},
    {"bucket-key-context", W, ruleBucketKeyContext, kNone},
    {"bucket-key-dsse", W, ruleBucketKeyDsse, kNone},

    {"sse-c-source", W, ruleSseCSource, kNone},
    {"region-opt-in", W, ruleRegionOptIn, kCrossAccount},
    {"replica-encryption-not-destination-default", W, ruleReplicaEncryptionNotDestinationDefault,
     kNone},
    {"replica-key-not-destination-owned", W, ruleReplicaKeyNotDestinationOwned, kDestinationKey},
    {"rules-overlap-same-destination", W, ruleRulesOverlapSameDestination, kNone},
    {"source-objects-foreign-owned", W, ruleSourceObjectsForeignOwned, kNone},
    {"custom-policy-over-privileged", W, ruleCustomPolicyOverPrivileged, kNone},
    // Info: worth knowing.
    {"existing-objects-need-batch", I, ruleExistingObjectsNeedBatch, kNone},
    {"delete-markers-not-replicated", I, ruleDeleteMarkersNotReplicated, kNone},
    {"version-deletes-never-replicated", I, ruleVersionDeletesNeverReplicated, kNone},
    {"lifecycle-not-replicated", I, ruleLifecycleNotReplicated, kNone},
    {"glacier-objects-not-replicated", I, ruleGlacierObjectsNotReplicated, kNone},
    {"tag-filter-needs-tags-at-put", I, ruleTagFilterNeedsTagsAtPut, kNone},
    {"client-side-encryption", I, ruleClientSideEncryption, kNone},
    {"v1-config-regenerated", I, ruleV1ConfigRegenerated, kNone},
    {"confused-deputy-test-object", I, ruleConfusedDeputyTestObject, kNone},
    {"aws-managed-key-policy", I, ruleAwsManagedKeyPolicy, kNone},
    {"key-policy-cross-account", I, ruleKeyPolicyCrossAccount, kNone},
    {"dst-bucket-policy-needed", I, ruleDstBucketPolicyNeeded, kNone},
    {"rtc-delete-markers-no-sla", I, ruleRtcDeleteMarkersNoSla, kNone},
    {"rule-disabled", I, ruleRuleDisabled, kNone},
    {"owner-override-not-needed", I, ruleOwnerOverrideNotNeeded, kNone},
    {"multi-region-key", I, ruleMultiRegionKey, kNone},
    {"kms-request-quota", I, ruleKmsRequestQuota, kNone},
    {"rtc-limits", I, ruleRtcLimits, kNone},
    {"role-permissions-managed", I, ruleRolePermissionsManaged, kNone},
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
