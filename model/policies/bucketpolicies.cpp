// The destination bucket policy for cross-account rules (reference §4.1, §4.2).

#include "policies/generators.h"
#include "policies/policywriter.h"

namespace s3rd::model::gen {

using policy::Statement;

bool bucketPolicy(const Context &ctx, const Bucket &bucket, Artifact &a)
{
    a = Artifact();
    a.kind = ArtifactKind::BucketPolicy;
    a.element = bucket.id;
    a.target = ctx.bucketArn(bucket);
    if (bucket.customBucketPolicy) {
        // The user's policy is the one in effect, whether or not replication needs one.
        setCustom(a, *bucket.customBucketPolicy);
        return true;
    }

    std::vector<Statement> st;
    st.reserve(3 * ctx.index().rulesTo(bucket.id).size());
    for (const ReplicationRule *rp : ctx.index().rulesTo(bucket.id)) {
        const ReplicationRule &r = *rp;
        const Bucket *src = ctx.source(r);
        const Role *role = ctx.roleOf(r);
        if (!r.enabled || !src || !role || !ctx.crossAccount(r))
            continue;
        const std::string &roleArn = ctx.roleArn(*role);
        const std::string objects = ctx.objectArn(bucket, r.filterPrefix);
        const std::vector<std::string_view> elements{bucket.id, r.id, src->id, role->id};

        Statement objectsStmt;
        objectsStmt.sidBase = "AllowReplicationRoleToReplicateObjects";
        objectsStmt.principalAws = {roleArn};
        objectsStmt.actions = {"s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"};
        objectsStmt.resources = {objects};
        objectsStmt.elements = elements;
        objectsStmt.why = "The destination account lets the source account's replication role "
                          "write replicas, delete markers and tags under the rule's prefix.";
        objectsStmt.docUrl = doc::kPermissions;
        st.push_back(std::move(objectsStmt));

        Statement bucketStmt;
        bucketStmt.rank = 1;
        bucketStmt.sidBase = "AllowReplicationRoleBucketAccess";
        bucketStmt.principalAws = {roleArn};
        // Exactly AWS's documented bucket-level statement for a cross-account destination.
        bucketStmt.actions = {"s3:List*", "s3:GetBucketVersioning", "s3:PutBucketVersioning"};
        bucketStmt.resources = {ctx.bucketArn(bucket)};
        bucketStmt.elements = elements;
        bucketStmt.why = "The destination account lets the replication role check the "
                         "destination bucket and its versioning, as AWS documents for "
                         "cross-account replication.";
        bucketStmt.docUrl = doc::kPermissions;
        st.push_back(std::move(bucketStmt));

        if (ctx.ownerOverrideInEffect(r)) {
            Statement owner;
            owner.rank = 2;
            owner.sidBase = "AllowReplicationRoleToChangeReplicaOwner";
            owner.principalAws = {roleArn};
            owner.actions = {"s3:ObjectOwnerOverrideToBucketOwner"};
            owner.resources = {objects};
            owner.elements = elements;
            owner.why = "The rule gives replicas to the destination account (owner override), "
                        "which the destination bucket must allow.";
            owner.docUrl = doc::kOwnerOverride;
            st.push_back(std::move(owner));
        }
    }
    if (st.empty())
        return false;
    policy::mergeStatements(st);
    policy::assignSids(st);
    a.notes = policy::policyNotes(st);
    a.text = policy::policyText(st);
    return true;
}

} // namespace s3rd::model::gen
