// The key policy of a customer managed KMS key (reference §3, §4.4, §8).

#include "core/arn.h"
#include "policies/generators.h"
#include "policies/policywriter.h"

#include <algorithm>
#include <map>

namespace s3rd::model::gen {

using policy::Statement;

namespace {

constexpr const char *kDecrypt = "kms:Decrypt";
constexpr const char *kEncrypt = "kms:Encrypt";
constexpr const char *kGenerateDataKey = "kms:GenerateDataKey";

// What one principal needs from the key, gathered over every rule.
struct Use
{
    bool decrypt = false;
    bool encrypt = false; // Encrypt and GenerateDataKey
    bool decryptForBucketKey = false;
    std::vector<std::string> viaServices;
    std::vector<std::string_view> elements;
    std::vector<std::string> sourceAccounts;
    std::vector<std::string> sourceArns;
    bool crossAccount = false;

    policy::ActionList actions() const
    {
        policy::ActionList out;
        if (decrypt || decryptForBucketKey)
            out.push_back(kDecrypt);
        if (encrypt) {
            out.push_back(kEncrypt);
            out.push_back(kGenerateDataKey);
        }
        return out;
    }
};

template <typename String, typename Value> void addUnique(std::vector<String> &list, Value &&value)
{
    if (std::find(list.begin(), list.end(), value) == list.end())
        list.push_back(std::forward<Value>(value));
}

// The annotation of a role's statement; the sentences are built once, as views must outlive
// the statement.
std::string_view roleWhy(const Use &use)
{
    static const std::vector<std::string> sentences = [] {
        std::vector<std::string> out;
        for (int i = 0; i < 12; ++i) {
            const int kind = i / 4; // 0 both, 1 encrypt, 2 decrypt
            const bool bucketKey = i & 2;
            const bool cross = i & 1;
            std::string why = kind == 0   ? "The replication role decrypts source objects and "
                                            "encrypts replicas with this key, only through Amazon S3"
                              : kind == 1 ? "The replication role encrypts replicas with this key, "
                                            "only through Amazon S3"
                                          : "The replication role decrypts source objects with "
                                            "this key, only through Amazon S3";
            if (bucketKey && kind == 1)
                why += " (kms:Decrypt verifies the destination's S3 Bucket Key)";
            if (cross)
                why += "; the role is in another account, whose IAM policy must also allow it";
            why += '.';
            out.push_back(std::move(why));
        }
        return out;
    }();
    const int kind = use.encrypt && use.decrypt ? 0 : use.encrypt ? 1 : 2;
    return sentences[std::size_t(kind * 4 + (use.decryptForBucketKey ? 2 : 0) +
                                 (use.crossAccount ? 1 : 0))];
}

} // namespace

Artifact keyPolicy(const Context &ctx, const KmsKey &key)
{
    Artifact a;
    a.kind = ArtifactKind::KeyPolicy;
    a.element = key.id;
    a.target = ctx.keyArn(key);
    if (key.customKeyPolicy) {
        setCustom(a, *key.customKeyPolicy);
        return a;
    }
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

    // Per role (by ARN, in order of first use) and for the S3 service principal.
    std::vector<std::pair<std::string, Use>> roles;
    Use service;
    auto useOf = [&roles](const std::string &roleArn) -> Use & {
        for (auto &[arnText, use] : roles) {
            if (arnText == roleArn)
                return use;
        }
        roles.emplace_back(roleArn, Use());
        return roles.back().second;
    };
    for (const ReplicationRule *rp : ctx.rulesUsingKey(key.id)) {
        const ReplicationRule &r = *rp;
        const KmsKey *srcKey = ctx.sourceKey(r);
        const KmsKey *replicaKey = ctx.replicaKey(r);
        const bool isSource = srcKey && srcKey->id == key.id;
        const bool isReplica = replicaKey && replicaKey->id == key.id;
        const Role *role = ctx.roleOf(r);
        const Bucket *src = ctx.source(r);
        const Bucket *dst = ctx.destination(r);
        if ((!isSource && !isReplica) || !role || !src || !dst)
            continue;
        Use &use = useOf(ctx.roleArn(*role));
        for (Use *u : {&use, &service}) {
            if (isSource) {
                u->decrypt = true;
                addUnique(u->viaServices, ctx.viaService(*src));
            }
            if (isReplica) {
                u->encrypt = true;
                // With a Bucket Key S3 calls Decrypt to verify the bucket-level key.
                u->decryptForBucketKey = u->decryptForBucketKey || usesBucketKey(*dst);
                addUnique(u->viaServices, ctx.viaService(*dst));
            }
            for (const std::string *e : {&role->id, &r.id, &src->id, &dst->id})
                addUnique(u->elements, std::string_view(*e));
            addUnique(u->sourceAccounts, std::string(ctx.accountIdOf(src->account)));
            addUnique(u->sourceArns, ctx.bucketArn(*src));
            u->crossAccount = u->crossAccount || ctx.accountIdOf(role->account) != keyAccountId;
        }
    }

    for (auto &[roleArn, use] : roles) {
        Statement s;
        s.rank = 1;
        s.sidBase = use.encrypt && use.decrypt ? "AllowReplicationRoleToUseKey"
                    : use.encrypt              ? "AllowReplicationRoleToEncryptReplicas"
                                               : "AllowReplicationRoleToDecryptSource";
        s.principalAws = {roleArn};
        s.actions = use.actions();
        s.resources = {"*"};
        s.conditions.push_back({"StringEquals", "kms:ViaService", use.viaServices});
        s.elements = use.elements;
        s.elements.insert(s.elements.begin(), key.id);
        s.why = roleWhy(use);
        s.docUrl = use.crossAccount ? doc::kKeyCrossAccount : doc::kKms;
        statements.push_back(std::move(s));
    }

    if (key.allowS3ServicePrincipal && !roles.empty()) {
        // The opt-in pattern of allowing the S3 service principal, never without the
        // source account and source bucket conditions.
        Statement s;
        s.rank = 2;
        s.sidBase = "AllowS3ServiceForReplication";
        s.principalService = {"s3.amazonaws.com"};
        s.actions = service.actions();
        s.resources = {"*"};
        s.conditions.push_back({"StringEquals", "aws:SourceAccount", service.sourceAccounts});
        s.conditions.push_back({"ArnLike", "aws:SourceArn", service.sourceArns});
        s.elements = service.elements;
        s.elements.insert(s.elements.begin(), key.id);
        s.why = "Opt-in: lets Amazon S3 itself use the key for replication, only on behalf of the "
                "listed source accounts and buckets.";
        s.docUrl = doc::kConfusedDeputy;
        statements.push_back(std::move(s));
    }

    policy::mergeStatements(statements);
    policy::assignSids(statements);
    a.notes = policy::policyNotes(statements);
    a.text = policy::policyText(statements);
    return a;
}

} // namespace s3rd::model::gen
