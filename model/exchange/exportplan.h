#pragma once

// Internal to the exporters: what each account must apply, gathered once from the design and its
// generated artifacts, in the apply order of the runbook.

#include "checks/findings.h"
#include "exchange/exporter.h"
#include "core/designindex.h"
#include "policies/artifacts.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace s3rd::model::exchange::detail {

struct BucketStep
{
    const Bucket *bucket = nullptr;
    bool setVersioning = false;  // takes part in an enabled rule and the design says Enabled
    bool setEncryption = false;  // default encryption with a KMS key, or SSE-C explicitly allowed
    const Artifact *policy = nullptr;      // bucket policy (cross-account destination or custom)
    const Artifact *replication = nullptr; // replication configuration (source)
};

struct RoleStep
{
    const Role *role = nullptr;
    const Artifact *trust = nullptr;
    const Artifact *permissions = nullptr; // may be null: no enabled rule uses the role
    // Or, instead of the inline permissions, the customer managed policies they were split
    // into (Artifact::name, Artifact::target its ARN), in order.
    std::vector<const Artifact *> managed;
};

struct KeyStep
{
    const KmsKey *key = nullptr;
    const Artifact *policy = nullptr; // null for AWS managed keys
};

struct AccountPlan
{
    const Account *account = nullptr;
    std::vector<KeyStep> keys;
    std::vector<RoleStep> roles;
    std::vector<BucketStep> buckets;            // every bucket of the account, design order
    std::vector<const ReplicationRule *> rules; // rules whose source is in this account
    std::vector<const ReplicationRule *> incoming; // rules from other accounts into this one
    std::vector<const Finding *> findings;         // findings concerning this account's elements
    bool empty() const { return keys.empty() && roles.empty() && buckets.empty(); }
};

struct ExportPlan
{
    explicit ExportPlan(const Design &design);

    const Design &design;
    DesignIndex index;
    std::vector<Artifact> artifacts;
    CheckReport report;
    std::vector<AccountPlan> accounts; // design order; accounts without elements are left out

    std::string accountIdOf(const std::string &accountElement) const;
    Partition partitionOf(const std::string &accountElement) const;
    std::string bucketArn(const Bucket &b) const;
    std::string keyArn(const KmsKey &k) const;
    std::string roleArn(const Role &r) const;
    // The bucket's default encryption as put-bucket-encryption sets it (its one rule).
    struct EncryptionRule
    {
        std::string algorithm;         // SSEAlgorithm: "AES256", "aws:kms", "aws:kms:dsse"
        std::string keyArn;            // KMSMasterKeyID; empty: none given
        std::optional<bool> bucketKey; // BucketKeyEnabled, given with a key
        bool allowSseC = false;        // BlockedEncryptionTypes NONE: SSE-C allowed explicitly
    };
    EncryptionRule encryptionRule(const Bucket &b) const;
    // The bucket's put-bucket-encryption body (ServerSideEncryptionConfiguration), 2-space JSON.
    std::string encryptionConfiguration(const Bucket &b) const;
};

// The argument loop of a generated script named `script`: --yes, --dry-run, then the arms in
// `before`, --endpoint-url, the arms in `after`, --help and unknown options; ends with "done\n".
// Arms are case arms as the loop writes them ("    --phase) ... ;;\n").
std::string shellOptionLoop(const std::string &script, std::string_view before,
                            std::string_view after);

// An export of one folder per account: README.md at the top ("# <title>: <design name>",
// `intro`, then one `entry` line per account), followed by the files of every account in order.
struct AccountFolder
{
    std::vector<ExportFile> files;
    std::string entry; // "- [111122223333](111122223333/README.md) Production\n", or ""
};
struct FolderExport
{
    std::string_view title;
    std::string_view intro;
    AccountFolder (*folder)(const ExportPlan &, const AccountPlan &);
};
std::vector<ExportFile> accountFolders(const ExportPlan &plan, const FolderExport &format);
extern const FolderExport kCloudFormationExport;
extern const FolderExport kTerraformExport;

// The last path component of an artifact path ("111122223333/x.json" -> "x.json").
std::string baseName(const std::string &path);

// The S3 Batch Replication job of a source bucket that holds existing objects and is marked for
// Batch Replication (Bucket::batchReplication), with a replication configuration and a role.
struct BatchJob
{
    const Bucket *bucket = nullptr;
    std::string accountId; // the job runs in the bucket's account and Region
    std::string bucketArn; // also where the manifest and the completion report go
    std::string roleArn;   // the replication configuration's role
};
std::vector<BatchJob> batchJobs(const ExportPlan &plan, const AccountPlan &account);
// "batch-replication-<bucket>.sh", in the account's folder of the bundle.
std::string batchScriptName(const Bucket &bucket);
// The prefixes of the source bucket for the generated manifest and the completion report
// (under gen::kBatchReportPrefix, which the role may write), without a trailing slash.
std::string batchManifestPrefix();
std::string batchReportPrefix();
// create-job's --manifest-generator (statuses NONE and FAILED, or FAILED only) and --report
// arguments, compact JSON.
std::string batchCreateJobArgs(const BatchJob &job, bool failedOnly);
std::string batchReportArg(const BatchJob &job);
// The script that creates the job, and the account README's section about it (empty without
// jobs).
std::string batchReplicationScript(const BatchJob &job);
std::string batchReplicationRunbook(const std::vector<BatchJob> &jobs);

std::vector<ExportFile> bundleFiles(const ExportPlan &plan);

} // namespace s3rd::model::exchange::detail
