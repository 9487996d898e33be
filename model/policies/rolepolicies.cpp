// The replication role's trust policy and permissions policy (reference §2, §3).

#include "core/arn.h"
#include "policies/generators.h"
#include "policies/policywriter.h"

#include <algorithm>

namespace s3rd::model::gen {

using policy::Condition;
using policy::Statement;

namespace {

constexpr std::string_view kS3Service = "s3.amazonaws.com";
constexpr std::string_view kBatchService = "batchoperations.s3.amazonaws.com";

} // namespace

Artifact roleTrustPolicy(const Context &ctx, const Role &role)
{
    Artifact a = newArtifact(ArtifactKind::RoleTrustPolicy, role.id, ctx.roleArn(role),
                             role.customTrustPolicy);
    if (a.custom)
        return a;

    // Every rule using the role, enabled or not: S3 assumes the role for the whole
    // configuration, and Batch Replication jobs may run while a rule is off.
    std::vector<std::string> sourceAccounts, sourceArns, batchJobArns;
    std::vector<std::string_view> elements{role.id};
    bool batch = false;
    for (const ReplicationRule *r : ctx.index().rulesUsingRole(role.id)) {
        const Bucket *src = ctx.source(*r);
        if (!src)
            continue;
        addUnique(elements, std::string_view(r->id));
        addUnique(elements, std::string_view(src->id));
        addUnique(sourceAccounts, std::string(ctx.accountIdOf(src->account)));
        addUnique(sourceArns, ctx.bucketArn(*src));
        if (src->batchReplication) {
            batch = true;
            // Batch Operations jobs run in the source bucket's Region and account.
            addUnique(batchJobArns,
                      "arn:" + std::string(arn::partitionName(ctx.partitionOf(src->account))) +
                          ":s3:" + src->region + ":" + std::string(ctx.accountIdOf(src->account)) +
                          ":job/*");
        }
    }
    if (sourceAccounts.empty())
        sourceAccounts.emplace_back(ctx.accountIdOf(role.account));

    std::vector<Statement> statements;
    Statement s3;
    s3.sidBase = "AllowS3ReplicationToAssumeRole";
    s3.principalService = {std::string(kS3Service)};
    s3.actions = {"sts:AssumeRole"};
    s3.scalarAction = true;
    s3.elements = elements;
    s3.docUrl = doc::kPermissions;
    if (role.confusedDeputyConditions) {
        s3.limitToSources(sourceAccounts, sourceArns);
        s3.why = "Lets Amazon S3 assume the role to replicate, only for the source buckets and "
                 "accounts named here (opt-in confused-deputy conditions; AWS's replication "
                 "examples do not show them, so prove the role with one test object).";
        s3.docUrl = doc::kConfusedDeputy;
    } else {
        s3.why = "Lets Amazon S3 assume the role to replicate objects, exactly as AWS documents "
                 "the replication trust policy.";
    }
    if (batch && !role.confusedDeputyConditions) {
        // AWS's documented variant: one statement naming both services.
        s3.principalService.emplace_back(kBatchService);
        s3.why = "Lets Amazon S3 assume the role to replicate new objects, and S3 Batch "
                 "Operations to replicate existing objects with Batch Replication.";
        s3.docUrl = doc::kBatch;
    }
    statements.push_back(std::move(s3));
    if (batch && role.confusedDeputyConditions) {
        // Batch Operations calls with the job as source, so it gets its own conditions.
        Statement b;
        b.sidBase = "AllowBatchReplicationToAssumeRole";
        b.principalService = {std::string(kBatchService)};
        b.actions = {"sts:AssumeRole"};
        b.scalarAction = true;
        b.limitToSources(sourceAccounts, batchJobArns); // never empty with batch
        b.elements = elements;
        b.why = "Lets S3 Batch Operations jobs of the source accounts assume the role to "
                "replicate existing objects with Batch Replication.";
        b.docUrl = doc::kBatch;
        statements.push_back(std::move(b));
    }
    policy::mergeStatements(statements);
    policy::assignSids(statements);
    a.notes = policy::policyNotes(statements);
    a.text = policy::policyText(statements);
    return a;
}

bool rolePermissionsPolicy(const Context &ctx, const Role &role, std::vector<Artifact> &out)
{
    Artifact a = newArtifact(ArtifactKind::RolePermissionsPolicy, role.id, ctx.roleArn(role),
                             role.customPermissionsPolicy);
    if (a.custom) {
        out.push_back(std::move(a));
        return true;
    }

    std::vector<Statement> st;
    // Statements are listed in the order of this table, whatever the order of the rules.
    static constexpr std::string_view kOrder[] = {"ReadSourceReplicationConfiguration",
                                                  "ReadSourceObjects",
                                                  "ReadSourceObjectLock",
                                                  "InitiateBatchReplication",
                                                  "GenerateBatchManifest",
                                                  "WriteBatchManifestAndReport",
                                                  "ReplicateToDestination",
                                                  "ChangeReplicaOwner",
                                                  "DecryptSourceObjects",
                                                  "EncryptReplicas"};
    // The statements without conditions differ between rules only in their resources, so each
    // kind is one statement that every rule adds to (what mergeStatements() would make of them);
    // the KMS statements, one per rule, are merged below.
    constexpr int kFirstKmsRank = 8;
    int slotOfRank[kFirstKmsRank];
    std::fill(std::begin(slotOfRank), std::end(slotOfRank), -1);
    std::vector<std::size_t> gathered;      // statements more than one rule added to
    std::vector<std::size_t> kmsStatements; // positions of the KMS statements in `st`
    const auto &rules = ctx.index().rulesUsingRole(role.id);
    st.reserve(kFirstKmsRank + rules.size() * 2);
    // Each statement names the role, then the rule's elements.
    const auto add = [&](std::string_view sidBase, std::initializer_list<std::string_view> actions,
                         std::string resource, std::initializer_list<std::string_view> elements,
                         std::string_view why, std::string_view url) -> Statement & {
        const int rank =
            int(std::find(std::begin(kOrder), std::end(kOrder), sidBase) - std::begin(kOrder));
        if (rank < kFirstKmsRank && slotOfRank[rank] >= 0) {
            Statement &s = st[std::size_t(slotOfRank[rank])];
            s.resources.push_back(std::move(resource));
            s.elements.insert(s.elements.end(), elements);
            gathered.push_back(std::size_t(slotOfRank[rank]));
            return s;
        }
        if (rank < kFirstKmsRank)
            slotOfRank[rank] = int(st.size());
        Statement &s = st.emplace_back();
        s.sidBase = sidBase;
        s.rank = rank;
        s.actions = actions;
        s.resources.push_back(std::move(resource));
        s.elements.reserve(elements.size() + 1);
        s.elements.push_back(role.id);
        s.elements.insert(s.elements.end(), elements);
        s.why = why;
        s.docUrl = url;
        return s;
    };
    // A KMS statement: on the key, through S3 in one Region, for the encryption contexts.
    // Rules that share the key, the actions and the Region differ only in their contexts, so
    // they share one statement (what the merge's first pass made of them).
    const auto addKms = [&](const KmsUse &use, std::initializer_list<std::string_view> elements) {
        const std::string_view sidBase = use.replica ? "EncryptReplicas" : "DecryptSourceObjects";
        const std::string &keyArn = ctx.keyArn(*use.key);
        for (std::size_t i : kmsStatements) {
            Statement &s = st[i];
            if (s.sidBase == sidBase && s.actions == use.actions && s.resources.front() == keyArn &&
                s.conditions.front().values.front() == use.viaService) {
                s.conditions.back().values.insert(s.conditions.back().values.end(),
                                                  use.contexts.begin(), use.contexts.end());
                s.elements.insert(s.elements.end(), elements);
                gathered.push_back(i);
                return;
            }
        }
        kmsStatements.push_back(st.size());
        Statement &s = add(sidBase, {}, keyArn, elements, use.why, use.docUrl);
        s.actions = use.actions;
        s.conditions.reserve(2);
        s.conditions.push_back({"StringLike", "kms:ViaService", {use.viaService}});
        s.conditions.push_back({"StringLike", kContextKey, use.contexts});
    };

    for (const ReplicationRule *rp : rules) {
        const ReplicationRule &r = *rp;
        const Bucket *src = ctx.source(r);
        const Bucket *dst = ctx.destination(r);
        if (!r.enabled || !src || !dst)
            continue; // a disabled rule replicates nothing, so it needs no permission
        const auto ruleElements = {std::string_view(r.id), std::string_view(src->id),
                                   std::string_view(dst->id)};
        const std::string srcObjects = ctx.objectArn(*src, r.filterPrefix);
        const std::string dstObjects = ctx.objectArn(*dst, r.filterPrefix);

        add("ReadSourceReplicationConfiguration",
            {"s3:GetReplicationConfiguration", "s3:ListBucket"}, ctx.bucketArn(*src), ruleElements,
            "S3 reads the source bucket's replication configuration, and lists it to replicate "
            "delete markers.",
            doc::kPermissions);
        add("ReadSourceObjects",
            {"s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl",
             "s3:GetObjectVersionTagging"},
            srcObjects, ruleElements,
            "S3 reads each source object version, its ACL and its tags under the rule's prefix "
            "to replicate them.",
            doc::kPermissions);
        if (src->objectLock) {
            add("ReadSourceObjectLock", {"s3:GetObjectRetention", "s3:GetObjectLegalHold"},
                srcObjects, ruleElements,
                "The source bucket uses Object Lock, so S3 must read each object's retention and "
                "legal hold to replicate them.",
                doc::kObjectLock);
        }
        if (src->batchReplication) {
            add("InitiateBatchReplication", {"s3:InitiateReplication"}, srcObjects, ruleElements,
                "Existing objects are replicated with Batch Replication, whose job uses this role "
                "to start replication of each object.",
                doc::kBatch);
            add("GenerateBatchManifest", {"s3:PutInventoryConfiguration"}, ctx.bucketArn(*src),
                ruleElements,
                "A Batch Replication job with an S3-generated manifest configures an inventory on "
                "the source bucket.",
                doc::kBatch);
            // AWS's "Policy if using and storing an S3 generated manifest": s3:GetObject and
            // s3:GetObjectVersion on the manifest bucket, s3:PutObject on the manifest and
            // completion report buckets (s3-batch-replication-policies). Both go to one prefix
            // of the source bucket, which is in the job's Region as a generated manifest must be.
            add("WriteBatchManifestAndReport", {"s3:GetObject", "s3:GetObjectVersion",
                                                "s3:PutObject"},
                ctx.objectArn(*src, kBatchReportPrefix), ruleElements,
                "The Batch Replication job writes its generated manifest and its completion "
                "report under batch-replication/ in the source bucket, and reads the manifest "
                "back; give the job that bucket and prefix for both.",
                doc::kBatchPolicies);
        }
        add("ReplicateToDestination",
            {"s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"}, dstObjects,
            ruleElements,
            "S3 writes replicas, delete markers and tags into the destination bucket under the "
            "same keys.",
            doc::kPermissions);
        if (ctx.ownerOverrideInEffect(r)) {
            add("ChangeReplicaOwner", {"s3:ObjectOwnerOverrideToBucketOwner"}, dstObjects,
                ruleElements,
                "The rule gives replicas to the destination account (owner override), which needs "
                "this permission on the destination objects.",
                doc::kOwnerOverride);
        }
        for (const KmsUse &use : kmsUses(ctx, r)) {
            const std::string_view bucketId = use.replica ? dst->id : src->id;
            addKms(use, {r.id, bucketId, use.key->id});
        }
    }
    if (st.empty())
        return false;
    std::sort(gathered.begin(), gathered.end());
    gathered.erase(std::unique(gathered.begin(), gathered.end()), gathered.end());
    for (std::size_t i : gathered)
        policy::dropRepeatedElements(st[i].elements);
    policy::mergeStatements(st, kContextKey);
    attachPermissions(ctx, role, std::move(a), std::move(st), kContextKey, out);
    return true;
}

} // namespace s3rd::model::gen
