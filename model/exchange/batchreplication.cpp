// Day two of a bucket that already held objects: the S3 Batch Replication job that replicates
// them (a script per source bucket, `batch-replication-<bucket>.sh`) and its runbook section.
//
// Sources (reference §2.2, §6.5):
// - UG23 replication-how-setup: "Objects that existed before you set up replication aren't
//   replicated automatically … use S3 Batch Replication."
// - UG23 s3-batch-replication-batch: the source bucket must have a replication configuration;
//   an S3-generated manifest must be in the source Region; consider disabling Lifecycle rules
//   while the job runs; Glacier Flexible Retrieval and Deep Archive objects are not supported.
// - Every CreateJob member below is checked against botocore 1.43.11's s3control model
//   (botocore/data/s3control/2018-08-20/service-2.json), and tests/exchange/
//   test_batch_replication.py validates the script's arguments with botocore's ParamValidator:
//   CreateJobRequest requires AccountId, Operation, Report, ClientRequestToken (1-64
//   characters: "An idempotency token to ensure that you don't accidentally submit the same
//   request twice"), Priority and RoleArn; S3JobManifestGenerator requires SourceBucket ("The
//   ARN of the source bucket used by the ManifestGenerator") and EnableManifestOutput;
//   S3ManifestOutputLocation requires Bucket ("The bucket ARN") and ManifestFormat
//   (S3InventoryReport_CSV_20211130); JobManifestGeneratorFilter.EligibleForReplication:
//   "Include objects in the generated manifest only if they are eligible for replication
//   according to the Replication configuration on the source bucket";
//   ObjectReplicationStatuses is one of COMPLETED, FAILED, REPLICA, NONE; JobReport requires
//   Enabled, Format Report_CSV_20180820, ReportScope AllTasks or FailedTasksOnly.
// - The completion report layout, https://docs.aws.amazon.com/AmazonS3/latest/userguide/
//   batch-ops-examples-reports.html: "The top-level manifest.json file contains the locations
//   of each succeeded report and (if the job had any failures) the location of failed reports",
//   under "job-<job id>/results/…csv", with "ReportSchema": "Bucket, Key, VersionId,
//   TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage".
//
// The manifest and the report go under batch-replication/ in the source bucket: the prefix the
// role's permissions policy grants the job (policies/rolepolicies.cpp,
// WriteBatchManifestAndReport), in the job's Region as a generated manifest must be.

#include "exchange/exportplan.h"

#include "policies/generators.h"

#include <nlohmann/json.hpp>

#include <sstream>

namespace s3rd::model::exchange::detail {

namespace {

using nlohmann::ordered_json;

std::string prefixUnder(std::string_view leaf)
{
    return std::string(gen::kBatchReportPrefix) + std::string(leaf);
}

// The manifest generator: S3 lists the source bucket's objects that its replication
// configuration makes eligible and whose replication status is one of `statuses`.
ordered_json manifestGenerator(const BatchJob &job, std::initializer_list<const char *> statuses)
{
    ordered_json filter;
    filter["EligibleForReplication"] = true;
    filter["ObjectReplicationStatuses"] = ordered_json::array();
    for (const char *s : statuses)
        filter["ObjectReplicationStatuses"].push_back(s);
    ordered_json generator;
    generator["ExpectedBucketOwner"] = job.accountId;
    generator["SourceBucket"] = job.bucketArn;
    generator["ManifestOutputLocation"] = {{"ExpectedManifestBucketOwner", job.accountId},
                                           {"Bucket", job.bucketArn},
                                           {"ManifestPrefix", batchManifestPrefix()},
                                           {"ManifestFormat", "S3InventoryReport_CSV_20211130"}};
    generator["Filter"] = std::move(filter);
    generator["EnableManifestOutput"] = true;
    return ordered_json{{"S3JobManifestGenerator", std::move(generator)}};
}

ordered_json jobReport(const BatchJob &job)
{
    return {{"Bucket", job.bucketArn},   {"Format", "Report_CSV_20180820"},
            {"Enabled", true},           {"Prefix", batchReportPrefix()},
            {"ReportScope", "AllTasks"}, {"ExpectedBucketOwner", job.accountId}};
}

std::string q(const std::string &s)
{
    return shellQuote(s);
}

} // namespace

std::string batchManifestPrefix()
{
    return prefixUnder("manifests");
}

std::string batchReportPrefix()
{
    return prefixUnder("reports");
}

std::string batchScriptName(const Bucket &bucket)
{
    return "batch-replication-" + bucket.name + ".sh";
}

std::vector<BatchJob> batchJobs(const ExportPlan &plan, const AccountPlan &account)
{
    std::vector<BatchJob> jobs;
    for (const BucketStep &b : account.buckets) {
        if (!b.replication || !b.bucket->hasExistingObjects || !b.bucket->batchReplication)
            continue;
        // The job runs with the replication configuration's role (its first rule's, as in
        // policies/replicationconfig.cpp), which gets the job's permissions from an enabled rule.
        const Role *role = nullptr;
        bool enabled = false;
        for (const ReplicationRule *r : plan.index.rulesFrom(b.bucket->id)) {
            if (!role && !r->role.empty())
                role = plan.index.role(r->role);
            enabled = enabled || r->enabled;
        }
        if (!role || !enabled)
            continue;
        BatchJob job;
        job.bucket = b.bucket;
        job.accountId = account.account->accountId;
        job.bucketArn = plan.bucketArn(*b.bucket);
        job.roleArn = plan.roleArn(*role);
        jobs.push_back(std::move(job));
    }
    return jobs;
}

std::string batchCreateJobArgs(const BatchJob &job, bool failedOnly)
{
    const ordered_json generator = failedOnly ? manifestGenerator(job, {"FAILED"})
                                              : manifestGenerator(job, {"NONE", "FAILED"});
    return generator.dump();
}

std::string batchReportArg(const BatchJob &job)
{
    return jobReport(job).dump();
}

std::string batchReplicationScript(const BatchJob &job)
{
    const Bucket &b = *job.bucket;
    // The manifest generator and description of the job, for all objects or the failed only.
    const auto jobChoice = [&](bool failedOnly, const std::string &objects) {
        return "    MANIFEST_GENERATOR=" + q(batchCreateJobArgs(job, failedOnly)) +
               "\n    DESCRIPTION=" + q("Batch Replication of " + b.name + ": " + objects) + "\n";
    };
    std::ostringstream s;
    s << "#!/usr/bin/env bash\n"
         "# Replicates the objects that bucket "
      << b.name
      << " held before replication\n"
         "# was set up, with an S3 Batch Replication job in account "
      << job.accountId << ", Region " << b.region
      << ".\n"
         "# Generated by S3 Replication Designer. README.md (\"Existing objects: Batch "
         "Replication\")\n"
         "# says when to run it, how to follow the job and how to read its completion report.\n"
         "set -euo pipefail\n\n"
         "ACCOUNT="
      << q(job.accountId) << "\nREGION=" << q(b.region) << "\nBUCKET=" << q(b.name)
      << "\nROLE_ARN=" << q(job.roleArn)
      << "\n"
         "ASSUME_YES=0\n"
         "DRY_RUN=0\n"
         "RETRY_FAILED=0\n"
         "ENDPOINT=()\n\n"
         "usage() {\n"
         "    cat <<'USAGE'\n"
         "Usage: "
      << batchScriptName(b)
      << " [--yes] [--dry-run] [--retry-failed] [--endpoint-url URL]\n\n"
         "Creates an S3 Batch Operations job that replicates the existing objects of the\n"
         "bucket (aws s3control create-job, operation S3ReplicateObject). S3 generates the\n"
         "manifest: the objects the bucket's replication configuration makes eligible whose\n"
         "replication status is NONE (never replicated) or FAILED. Run it after deploy.sh has\n"
         "put the replication configuration. The job writes its manifest and its completion\n"
         "report under batch-replication/ in the bucket.\n\n"
         "  --yes               do not ask for confirmation\n"
         "  --dry-run           print the command instead of running it\n"
         "  --retry-failed      only the objects whose replication status is FAILED (after a\n"
         "                      job or live replication failed and the cause was fixed)\n"
         "  --endpoint-url URL  send every AWS call to URL (a test endpoint)\n"
         "USAGE\n"
         "}\n\n"
      << shellOptionLoop(batchScriptName(b), "    --retry-failed) RETRY_FAILED=1 ;;\n", "")
      << "\n"
         "aws_call() {\n"
         "    aws ${ENDPOINT[@]+\"${ENDPOINT[@]}\"} \"$@\"\n"
         "}\n\n"
         "# Objects never replicated (NONE) and those whose replication failed (FAILED); with\n"
         "# --retry-failed only the FAILED ones.\n"
         "if [ \"$RETRY_FAILED\" = 1 ]; then\n"
      << jobChoice(true, "objects whose replication FAILED") << "else\n"
      << jobChoice(false, "existing objects")
      << "fi\n"
         "# The completion report of every task, next to the generated manifest.\n"
         "REPORT="
      << q(batchReportArg(job))
      << "\n"
         "# A new token per run: the same token would return the job created before.\n"
         "TOKEN=\"$( (uuidgen || cat /proc/sys/kernel/random/uuid) 2>/dev/null || true)\"\n"
         "[ -n \"$TOKEN\" ] || TOKEN=\"batch-$(date -u +%Y%m%dT%H%M%SZ)-$$\"\n\n"
         "CREATE_JOB=(s3control create-job --account-id \"$ACCOUNT\" --region \"$REGION\"\n"
         "    --operation '{\"S3ReplicateObject\":{}}'\n"
         "    --manifest-generator \"$MANIFEST_GENERATOR\"\n"
         "    --report \"$REPORT\"\n"
         "    --priority 10\n"
         "    --role-arn \"$ROLE_ARN\"\n"
         "    --no-confirmation-required\n"
         "    --client-request-token \"$TOKEN\"\n"
         "    --description \"$DESCRIPTION\")\n\n"
         "if [ \"$DRY_RUN\" = 1 ]; then\n"
         "    printf '# would check that aws sts get-caller-identity returns account %s\\n' "
         "\"$ACCOUNT\"\n"
         "    printf '# would check that %s has a replication configuration\\n' \"$BUCKET\"\n"
         "    printf '%q ' aws ${ENDPOINT[@]+\"${ENDPOINT[@]}\"} \"${CREATE_JOB[@]}\"\n"
         "    printf '\\n'\n"
         "    exit 0\n"
         "fi\n\n"
         "# Refuse to start a job with credentials of another account.\n"
         "CALLER_ACCOUNT=\"$(aws_call sts get-caller-identity --query Account --output text)\"\n"
         "if [ \"$CALLER_ACCOUNT\" != \"$ACCOUNT\" ]; then\n"
         "    echo \""
      << batchScriptName(b)
      << ": the current credentials belong to account $CALLER_ACCOUNT, not $ACCOUNT: no job "
         "created\" >&2\n"
         "    exit 1\n"
         "fi\n"
         "# Batch Replication replicates by the bucket's replication configuration: deploy.sh "
         "first.\n"
         "if ! aws_call s3api get-bucket-replication --region \"$REGION\" --bucket \"$BUCKET\" "
         ">/dev/null; then\n"
         "    echo \""
      << batchScriptName(b)
      << ": $BUCKET has no replication configuration yet: run deploy.sh first; no job "
         "created\" >&2\n"
         "    exit 1\n"
         "fi\n"
         "if [ \"$ASSUME_YES\" != 1 ]; then\n"
         "    printf 'Create a Batch Replication job for %s in account %s? [y/N] ' \"$BUCKET\" "
         "\"$ACCOUNT\"\n"
         "    answer=''\n"
         "    read -r answer || true\n"
         "    case \"$answer\" in\n"
         "    y | Y | yes | YES) ;;\n"
         "    *) echo '"
      << batchScriptName(b)
      << ": no job created' >&2; exit 1 ;;\n"
         "    esac\n"
         "fi\n\n"
         "JOB_ID=\"$(aws_call \"${CREATE_JOB[@]}\" --query JobId --output text)\"\n"
         "echo \"Created Batch Replication job $JOB_ID for $BUCKET.\"\n"
         "echo \"Follow it:  aws s3control describe-job --account-id $ACCOUNT --region $REGION "
         "--job-id $JOB_ID\"\n"
         "echo \"Its report: s3://$BUCKET/"
      << batchReportPrefix() << "/job-$JOB_ID/manifest.json\"\n";
    return s.str();
}

std::string batchReplicationRunbook(const std::vector<BatchJob> &jobs)
{
    if (jobs.empty())
        return {};
    std::ostringstream s;
    s << "## Existing objects: Batch Replication\n\n"
         "Replication rules copy only objects written after the replication configuration is "
         "in place; the objects these buckets already held are replicated by an S3 Batch "
         "Replication job, one per bucket "
         "([AWS](https://docs.aws.amazon.com/AmazonS3/latest/userguide/"
         "s3-batch-replication-batch.html)):\n\n";
    for (const BatchJob &job : jobs)
        s << "- " << job.bucket->name << " (" << job.bucket->region << "): [`"
          << batchScriptName(*job.bucket) << "`](" << batchScriptName(*job.bucket) << "), role `"
          << job.roleArn << "`\n";
    const BatchJob &first = jobs.front();
    const std::string &bucket = first.bucket->name;
    bool oneRegion = true;
    for (const BatchJob &job : jobs)
        oneRegion = oneRegion && job.bucket->region == first.bucket->region;
    // A job lives in its bucket's Region.
    const std::string where = "--account-id " + first.accountId + " --region " +
                              (oneRegion ? first.bucket->region : "BUCKET_REGION");
    const std::string reportBucket = jobs.size() == 1 ? bucket : "BUCKET";
    s << "\n### When to run it\n\n"
         "After `deploy.sh` has run every phase here and in the destination accounts, and a "
         "test object written to the bucket replicated: the job replicates by the bucket's "
         "replication configuration (S3 refuses the job without one) with the same role, whose "
         "trust policy lets `batchoperations.s3.amazonaws.com` assume it and whose permissions "
         "policy has the job's statements (`InitiateBatchReplication`, `GenerateBatchManifest`, "
         "`WriteBatchManifestAndReport`). Objects written from then on are replicated live, so "
         "the job is run once. AWS suggests pausing the bucket's lifecycle rules while it runs; "
         "objects in S3 Glacier Flexible Retrieval or Deep Archive are not replicated by it "
         "(restore them first).\n\n"
         "```sh\n./"
      << batchScriptName(*first.bucket) << " --dry-run   # the create-job call, nothing created\n./"
      << batchScriptName(*first.bucket)
      << "             # asks, then prints the job id\n```\n\n"
         "The script checks that the credentials belong to account "
      << first.accountId
      << " and that the bucket has a replication configuration, then calls `aws s3control "
         "create-job` with operation `S3ReplicateObject`, a manifest that S3 generates "
         "(objects eligible for replication whose replication status is `NONE` or `FAILED`, "
         "written under `"
      << batchManifestPrefix() << "/`), a completion report of all tasks under `"
      << batchReportPrefix()
      << "/` in the same bucket (the prefix the role may write), priority 10 and no "
         "confirmation step.\n\n"
         "### Following the job\n\n"
         "```sh\naws s3control describe-job "
      << where
      << " --job-id JOB_ID \\\n    --query 'Job.[Status,ProgressSummary,FailureReasons]'\n"
         "aws s3control list-jobs "
      << where
      << "\n```\n\n"
         "The status goes from `New` and `Preparing` (S3 builds the manifest) to `Active`, then "
         "`Complete`, or `Failed` with `FailureReasons` (a role S3 cannot assume, a missing "
         "permission, no replication configuration). `ProgressSummary` counts the tasks "
         "succeeded and failed.\n\n"
         "### Reading the completion report\n\n"
         "```sh\naws s3 cp --recursive s3://"
      << reportBucket << "/" << batchReportPrefix()
      << "/job-JOB_ID/ ./job-JOB_ID/\n```\n\n"
         "`manifest.json` lists the result files (`results/*.csv`, succeeded and failed "
         "apart); each CSV line is one object: `Bucket, Key, VersionId, TaskStatus, ErrorCode, "
         "HTTPStatusCode, ResultMessage` "
         "([AWS](https://docs.aws.amazon.com/AmazonS3/latest/userguide/"
         "batch-ops-examples-reports.html)). A failed task's message names the reason, e.g. "
         "`InitiateReplicationNotPermitted` (the role lacks `s3:InitiateReplication`), "
         "`DstObjectHardDeleted` or a KMS error.\n\n"
         "### Re-running for what failed\n\n"
         "Fix the cause, then create a job for the objects whose replication status is "
         "`FAILED` only:\n\n"
         "```sh\n./"
      << batchScriptName(*first.bucket) << " --retry-failed\n```\n\n";
    return s.str();
}

} // namespace s3rd::model::exchange::detail
