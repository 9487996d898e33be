// The destination bucket policy for cross-account rules (reference §4.1, §4.2).

#include "policies/generators.h"
#include "policies/policywriter.h"

namespace s3rd::model::gen {

using policy::Statement;

bool bucketPolicy(const Context &ctx, const Bucket &bucket, Artifact &a)
{
    a = newArtifact(ArtifactKind::BucketPolicy, bucket.id, ctx.bucketArn(bucket),
                    bucket.customBucketPolicy);
    if (a.custom) // the user's policy is the one in effect, whether or not replication needs one
        return true;

    std::vector<Statement> st;
    st.reserve(2 * ctx.index().rulesTo(bucket.id).size());
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
        // AWS's example destination bucket policy (setting-repl-config-perm-overview, Step 3)
        // adds a bucket statement with s3:List*, s3:GetBucketVersioning and
        // s3:PutBucketVersioning. Across accounts a request needs the role's own policy too,
        // and AWS's replication role policy grants none of them on the destination, so the
        // role never uses them; s3:PutBucketVersioning would let the source account suspend
        // versioning here, which stops replication and removes the versions' protection.
        objectsStmt.why = "The destination account lets the source account's replication role "
                          "write replicas, delete markers and tags under the rule's prefix. "
                          "Unlike AWS's example, no bucket-level action is granted: the role's "
                          "permissions policy uses none on this bucket, and "
                          "s3:PutBucketVersioning would let the source account suspend "
                          "versioning here, which stops replication.";
        objectsStmt.docUrl = doc::kPermissions;
        st.push_back(std::move(objectsStmt));

        if (ctx.ownerOverrideInEffect(r)) {
            Statement owner;
            owner.rank = 1;
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
