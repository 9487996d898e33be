// The key policy of a customer managed KMS key (reference §3, §4.4, §8).

#include "core/arn.h"
#include "policies/generators.h"
#include "policies/policywriter.h"

#include <algorithm>

namespace s3rd::model::gen {

using policy::Statement;

namespace {

constexpr std::string_view kDecrypt = "kms:Decrypt";
constexpr std::string_view kEncrypt = "kms:Encrypt";
constexpr std::string_view kGenerateDataKey = "kms:GenerateDataKey";

// The annotation of a role's statement; the sentences are built once, as views must outlive
// the statement.
std::string_view roleWhy(bool replica, bool bucketKey, bool crossAccount)
{
    static const std::vector<std::string> sentences = [] {
        std::vector<std::string> out;
        for (int i = 0; i < 8; ++i) {
            std::string why = (i & 4) ? "The replication role encrypts replicas with this key"
                                      : "The replication role decrypts source objects with this "
                                        "key";
            if ((i & 4) && (i & 2))
                why += " (kms:Decrypt verifies the S3 Bucket Key)";
            why += ", only through Amazon S3 in the bucket's Region and for the encryption "
                   "contexts of the rule's objects: the same conditions as the role's own "
                   "policy, so the key policy alone allows no other bucket and no other service";
            if (i & 1)
                why += "; the role is in another account, whose IAM policy must also allow it";
            why += '.';
            out.push_back(std::move(why));
        }
        return out;
    }();
    return sentences[std::size_t((replica ? 4 : 0) + (bucketKey ? 2 : 0) + (crossAccount ? 1 : 0))];
}

} // namespace

Artifact keyPolicy(const Context &ctx, const KmsKey &key)
{
    Artifact a = newArtifact(ArtifactKind::KeyPolicy, key.id, ctx.keyArn(key), key.customKeyPolicy);
    if (a.custom)
        return a;
    const Partition partition = ctx.partitionOf(key.account);
    const std::string keyAccountId(ctx.accountIdOf(key.account));

    std::vector<Statement> statements;
    Statement root;
    root.sidBase = "EnableIAMUserPermissions";
    root.principalAws = {arn::accountRoot(partition, keyAccountId)};
    root.actions = {"kms:*"};
    root.scalarAction = true;
    root.resources = {"*"};
    root.elements = {key.id};
    root.why = "Lets the key's own account use IAM policies to grant access to the key; without "
               "it, IAM policies that allow access to the key are ineffective.";
    root.docUrl = doc::kKeyPolicyDefault;
    statements.push_back(std::move(root));

    // One statement per rule and use, with the role policy's own conditions; the merge then
    // gathers the rules and roles that differ only in contexts or principals.
    bool anyUse = false;
    bool serviceDecrypts = false, serviceEncrypts = false, serviceBucketKey = false;
    std::vector<std::string_view> serviceElements{key.id};
    std::vector<std::string> sourceAccounts, sourceArns;
    for (const ReplicationRule *rp : ctx.rulesUsingKey(key.id)) {
        const ReplicationRule &r = *rp;
        const Role *role = ctx.roleOf(r);
        const Bucket *src = ctx.source(r);
        const Bucket *dst = ctx.destination(r);
        if (!role || !src || !dst)
            continue;
        const bool crossAccount = ctx.accountIdOf(role->account) != keyAccountId;
        for (const KmsUse &use : kmsUses(ctx, r)) {
            if (use.key->id != key.id)
                continue;
            anyUse = true;
            const bool bucketKey = use.replica && replicasUseBucketKey(*src, *dst);
            Statement s;
            s.rank = 1;
            s.sidBase = use.replica ? "AllowReplicationRoleToEncryptReplicas"
                                    : "AllowReplicationRoleToDecryptSource";
            s.principalAws = {ctx.roleArn(*role)};
            s.actions = use.actions;
            s.resources = {"*"};
            s.conditions.push_back({"StringLike", "kms:ViaService", {use.viaService}});
            s.conditions.push_back({"StringLike", kContextKey, use.contexts});
            s.elements = {key.id, role->id, r.id, use.replica ? dst->id : src->id};
            s.why = roleWhy(use.replica, bucketKey, crossAccount);
            s.docUrl = crossAccount ? doc::kKeyCrossAccount : use.docUrl;
            statements.push_back(std::move(s));

            (use.replica ? serviceEncrypts : serviceDecrypts) = true;
            serviceBucketKey = serviceBucketKey || bucketKey;
            for (const std::string *e : {&role->id, &r.id, &src->id, &dst->id})
                addUnique(serviceElements, std::string_view(*e));
            addUnique(sourceAccounts, std::string(ctx.accountIdOf(src->account)));
            addUnique(sourceArns, ctx.bucketArn(*src));
        }
    }

    if (key.allowS3ServicePrincipal && anyUse) {
        // The opt-in pattern of allowing the S3 service principal, never without the
        // source account and source bucket conditions.
        Statement s;
        s.rank = 2;
        s.sidBase = "AllowS3ServiceForReplication";
        s.principalService = {"s3.amazonaws.com"};
        if (serviceDecrypts || serviceBucketKey)
            s.actions.push_back(kDecrypt);
        if (serviceEncrypts) {
            s.actions.push_back(kEncrypt);
            s.actions.push_back(kGenerateDataKey);
        }
        s.resources = {"*"};
        s.limitToSources(sourceAccounts, sourceArns); // never empty: anyUse added one
        s.elements = serviceElements;
        s.why = "Opt-in: lets Amazon S3 itself use the key for replication, only on behalf of the "
                "listed source accounts and buckets.";
        s.docUrl = doc::kConfusedDeputy;
        statements.push_back(std::move(s));
    }

    policy::mergeStatements(statements, kContextKey);
    policy::assignSids(statements);
    a.notes = policy::policyNotes(statements);
    a.text = policy::policyText(statements);
    return a;
}

} // namespace s3rd::model::gen
