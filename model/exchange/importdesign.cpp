// The importer's assembly of the design: inference from the roles' policies, then the
// elements, then custom policies dropped where they are what the designer generates.
#include "exchange/importinternal.h"

#include "core/autoarrange.h"
#include "core/elements.h"
#include "core/names.h"
#include "policies/artifacts.h"

namespace s3rd::model::exchange::importing {

// --- Inference from the role's policies ---

void Importer::inferFromPermissions(const RoleInfo &role)
{
    if (!role.permissions)
        return;
    const ojson &doc = role.permissions->document;
    const ojson statements =
        doc["Statement"].is_array() ? doc["Statement"] : ojson::array({doc["Statement"]});
    const Origin o = role.permissions->origin;
    for (const auto &st : statements) {
        if (!st.is_object() || st.value("Effect", std::string()) != "Allow")
            continue;
        const auto actions = stringList(st.value("Action", ojson()));
        const auto resources = stringList(st.value("Resource", ojson()));
        const auto bucketsOf = [&](const std::vector<std::string> &arns) {
            std::vector<std::string> out;
            for (const std::string &a : arns) {
                if (auto name = bucketFromArn(a, o, true); name && m_bucketIndex.count(*name))
                    out.push_back(*name);
            }
            return out;
        };
        if (has(actions, "s3:GetObjectRetention")) {
            for (const std::string &b : bucketsOf(resources))
                weak(bucket(b).objectLock, true, o);
        }
        if (has(actions, "s3:InitiateReplication")) {
            for (const std::string &b : bucketsOf(resources))
                weak(bucket(b).batch, true, o);
        }
        const bool decrypt = has(actions, "kms:Decrypt");
        const bool encrypt = has(actions, "kms:Encrypt");
        if (!decrypt && !encrypt)
            continue;
        const ojson cond = st.value("Condition", ojson::object());
        const ojson like = cond.value("StringLike", ojson::object());
        const auto via = stringList(like.value("kms:ViaService", ojson()));
        const auto contexts = stringList(like.value("kms:EncryptionContext:aws:s3:arn", ojson()));
        std::string region;
        if (via.size() == 1 && via[0].rfind("s3.", 0) == 0) {
            const std::size_t dot = via[0].find('.', 3);
            if (dot != std::string::npos)
                region = via[0].substr(3, dot - 3);
        }
        std::set<std::string> buckets, bucketKeyBuckets;
        for (const std::string &c : contexts) {
            if (auto name = bucketFromArn(c, o, true); name && m_bucketIndex.count(*name)) {
                buckets.insert(*name);
                if (c.find('/') == std::string::npos)
                    bucketKeyBuckets.insert(*name);
            }
        }
        for (const std::string &b : buckets) {
            if (!region.empty())
                weak(bucket(b).region, region, o);
            const bool isSource = m_roleOfBucket.count(b) > 0 && !encrypt;
            if (isSource && resources.size() == 1) {
                // The source's KMS objects are decrypted with its default key.
                weak(bucket(b).defaultKey, resources[0], o);
                weak(bucket(b).encryption, DefaultEncryption::SseKms, o);
            }
            if (bucketKeyBuckets.count(b)) {
                weak(bucket(b).bucketKey, true, o);
                weak(bucket(b).encryption, DefaultEncryption::SseKms, o);
                if (encrypt && resources.size() == 1)
                    weak(bucket(b).defaultKey, resources[0], o);
            }
        }
    }
}

namespace {

// --- Building the design ---

const char *kindText(KeyKind k)
{
    switch (k) {
    case KeyKind::CustomerManaged: return "customer managed";
    case KeyKind::AwsManaged: return "AWS managed";
    case KeyKind::MultiRegionPrimary: return "multi-Region primary";
    case KeyKind::MultiRegionReplica: return "multi-Region replica";
    }
    return "";
}

bool sameJson(const ojson &a, const nlohmann::ordered_json &b)
{
    // Key order does not matter to AWS; compare as unordered JSON values.
    return nlohmann::json::parse(a.dump()) == nlohmann::json::parse(b.dump());
}

} // namespace

Design Importer::build(const std::string &name)
{
    Design d;
    d.name = name;
    // Weak facts from the roles' permissions policies.
    for (std::size_t i = 0; i < m_roles.size(); ++i) {
        if (!ignorePermissions.count(i))
            inferFromPermissions(m_roles[i]);
    }

    // Accounts of buckets nothing places: a destination named only by a configuration without
    // Destination.Account is taken to be in its source's account (reported).
    for (const RuleInfo &ri : m_rules) {
        BucketInfo &dst = bucket(ri.rule.destination);
        const BucketInfo &src = bucket(ri.rule.source);
        if (!dst.account.value && src.account.value) {
            weak(dst.account, *src.account.value, ri.origin);
            report.push_back("bucket " + dst.name + ": its account is not stated anywhere; "
                             "placed in its source's account " + *src.account.value
                             + " (give --account ID --bucket " + dst.name + " to place it)");
        }
    }
    // Keys named only by "aws/s3" (default encryption without a key id) become the account's
    // AWS managed key.
    for (BucketInfo &b : m_buckets) {
        if (b.defaultKey.value == std::optional<std::string>("aws/s3")) {
            b.defaultKey.value.reset();
            if (b.account.value && b.region.value) {
                KeyInfo k;
                k.partition = b.partition.value.value_or("aws");
                k.account = *b.account.value;
                k.region = *b.region.value;
                k.alias = "alias/aws/s3";
                k.kind.value = KeyKind::AwsManaged;
                bool found = false;
                for (const KeyInfo &x : m_keys)
                    found = found || (x.account == k.account && x.region == k.region
                                      && x.alias == k.alias);
                if (!found)
                    m_keys.push_back(k);
                b.defaultKey.value = "arn:" + k.partition + ":kms:" + k.region + ":" + k.account
                                     + ":alias/aws/s3";
            }
        }
    }

    // Accounts.
    for (const BucketInfo &b : m_buckets) {
        if (b.account.value)
            noteAccount(*b.account.value);
    }
    std::map<std::string, std::string> accountElement;
    for (const std::string &id : m_accounts) {
        Account a;
        a.id = "a" + std::to_string(d.accounts.size() + 1);
        a.accountId = id;
        a.name = "Account " + id;
        if (auto it = m_partitions.find(id); it != m_partitions.end())
            names::parsePartition(it->second, a.partition);
        accountElement[id] = a.id;
        d.accounts.push_back(a);
    }
    std::string unknownAccount;
    const auto accountFor = [&](const std::optional<std::string> &id) -> std::string {
        if (id && accountElement.count(*id))
            return accountElement[*id];
        if (unknownAccount.empty()) {
            Account a;
            a.id = "a" + std::to_string(d.accounts.size() + 1);
            a.name = "Unknown account";
            a.note = "The account owning these buckets is not stated by the imported outputs.";
            unknownAccount = a.id;
            d.accounts.push_back(a);
            report.push_back("some buckets' account is unknown: they are in \"Unknown account\" "
                             "with an empty account id");
        }
        return unknownAccount;
    };

    // Keys.
    std::map<std::string, std::string> keyElement; // ARN (key or alias) -> element id
    for (KeyInfo &k : m_keys) {
        KmsKey key;
        key.id = "k" + std::to_string(d.keys.size() + 1);
        key.account = accountFor(k.account.empty() ? std::nullopt
                                                   : std::optional<std::string>(k.account));
        key.region = k.region;
        key.keyId = k.keyId;
        key.alias = k.alias;
        if (!k.kind.value) {
            key.kind = k.keyId.rfind("mrk-", 0) == 0 ? KeyKind::MultiRegionPrimary
                                                     : KeyKind::CustomerManaged;
            report.push_back("key " + (k.keyId.empty() ? k.alias : k.keyId)
                             + ": known only by its ARN; taken as a " + kindText(key.kind)
                             + " key (give `aws kms describe-key` output to be sure)");
        } else {
            key.kind = *k.kind.value;
        }
        if (k.keyId.empty() && key.kind != KeyKind::AwsManaged)
            report.push_back("key " + k.alias + ": its key id is unknown (only the alias is "
                                                "named); give `aws kms describe-key` output");
        key.symmetric = k.symmetric.value.value_or(true);
        key.rotation = k.rotation.value.value_or(false);
        key.state = k.state.value.value_or(KeyState::Enabled);
        if (!k.rotation.value && key.kind != KeyKind::AwsManaged)
            report.push_back("key " + (k.keyId.empty() ? k.alias : k.keyId)
                             + ": rotation status unknown, recorded as off (give `aws kms "
                               "get-key-rotation-status` output)");
        const std::string partition = k.partition.empty() ? "aws" : k.partition;
        if (!k.keyId.empty())
            keyElement["arn:" + partition + ":kms:" + k.region + ":" + k.account + ":key/"
                       + k.keyId] = key.id;
        if (!k.alias.empty())
            keyElement["arn:" + partition + ":kms:" + k.region + ":" + k.account + ":"
                       + k.alias] = key.id;
        d.keys.push_back(key);
    }
    const auto keyOf = [&](const std::string &arnText) -> std::string {
        auto it = keyElement.find(arnText);
        return it == keyElement.end() ? std::string() : it->second;
    };

    // Buckets.
    std::map<std::string, std::string> bucketElement;
    for (const BucketInfo &b : m_buckets) {
        Bucket bucket;
        bucket.id = "b" + std::to_string(d.buckets.size() + 1);
        bucket.name = b.name;
        bucket.account = accountFor(b.account.value);
        bucket.region = b.region.value.value_or("");
        if (bucket.region.empty())
            report.push_back("bucket " + b.name + ": Region unknown (left empty; give --region "
                                                  "REGION --bucket " + b.name + ")");
        if (b.versioning.value)
            bucket.versioning = *b.versioning.value;
        else
            report.push_back("bucket " + b.name
                             + ": versioning not stated, taken as Enabled (replication requires "
                               "it; give get-bucket-versioning output to be sure)");
        bucket.objectLock = b.objectLock.value.value_or(false);
        bucket.batchReplication = b.batch.value.value_or(false);
        bucket.hasExistingObjects = true; // it exists in AWS, and may hold objects
        if (b.encryption.value)
            bucket.defaultEncryption = *b.encryption.value;
        if (b.defaultKey.value) {
            bucket.defaultKey = keyOf(*b.defaultKey.value);
            if (bucket.defaultEncryption == DefaultEncryption::SseS3)
                bucket.defaultEncryption = DefaultEncryption::SseKms;
        }
        bucket.bucketKey = b.bucketKey.value.value_or(false);
        bucket.objectEncryptions.sseKms = bucket.defaultEncryption == DefaultEncryption::SseKms;
        bucket.objectEncryptions.dsseKms = bucket.defaultEncryption == DefaultEncryption::DsseKms;
        if (b.sseCBlocked.value)
            bucket.sseCBlocked = *b.sseCBlocked.value;
        if (b.ownership.value)
            bucket.objectOwnership = *b.ownership.value;
        if (b.lifecycle.value)
            bucket.lifecycle = *b.lifecycle.value;
        // Directory bucket names end in --x-s3 (with the zone id before it).
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/directory-bucket-naming-rules.html
        if (b.name.ends_with("--x-s3"))
            bucket.type = BucketType::Directory;
        if (b.policy)
            bucket.customBucketPolicy = CustomPolicy{"imported-bucket-policy", b.policy->text};
        bucketElement[b.name] = bucket.id;
        d.buckets.push_back(bucket);
    }

    // Roles.
    std::map<std::string, std::string> roleElement;
    for (const RoleInfo &r : m_roles) {
        Role role;
        role.id = "ro" + std::to_string(d.roles.size() + 1);
        role.account = accountFor(r.account);
        role.name = r.name;
        role.path = r.path.value.value_or("/");
        if (!r.path.value)
            report.push_back("role " + r.name + ": path unknown, taken as \"/\" (give `aws iam "
                                                "get-role` output)");
        if (r.trust)
            role.customTrustPolicy = CustomPolicy{"imported-trust-policy", r.trust->text};
        if (r.permissions)
            role.customPermissionsPolicy = CustomPolicy{
                r.permissions->policyName.empty() ? "imported-permissions-policy"
                                                  : r.permissions->policyName,
                r.permissions->text};
        roleElement[r.account + "/" + r.name] = role.id;
        d.roles.push_back(role);
    }

    // Rules.
    for (const RuleInfo &ri : m_rules) {
        ReplicationRule r = ri.rule;
        r.id = "r" + std::to_string(d.rules.size() + 1);
        r.source = bucketElement[ri.rule.source];
        r.destination = bucketElement[ri.rule.destination];
        r.role = roleElement[ri.rule.role];
        r.replicaKey = ri.rule.replicaKey.empty() ? std::string() : keyOf(ri.rule.replicaKey);
        if (r.importedAsV1)
            report.push_back(ri.origin.text() + ": rule " + r.ruleId
                             + " is a V1 rule (rule-level Prefix); it is written back as V2 "
                               "(see the checklist)");
        d.rules.push_back(r);
    }

    // Trust-policy inference: the opt-in conditions, Batch Replication.
    for (std::size_t i = 0; i < m_roles.size(); ++i) {
        const RoleInfo &r = m_roles[i];
        if (!r.trust || ignoreTrust.count(i))
            continue;
        const ojson statements = r.trust->document["Statement"].is_array()
                                     ? r.trust->document["Statement"]
                                     : ojson::array({r.trust->document["Statement"]});
        bool batch = false, conditions = false;
        for (const auto &st : statements) {
            if (!st.is_object())
                continue;
            const ojson principal = st.value("Principal", ojson::object());
            if (principal.is_object()
                && has(stringList(principal.value("Service", ojson())),
                       "batchoperations.s3.amazonaws.com"))
                batch = true;
            if (st.contains("Condition") && st["Condition"].dump().find("aws:SourceAccount")
                                                != std::string::npos)
                conditions = true;
        }
        d.roles[i].confusedDeputyConditions = conditions;
        if (batch) {
            for (const ReplicationRule &rule : d.rules) {
                if (rule.role != d.roles[i].id)
                    continue;
                if (Bucket *b = findById(d.buckets, rule.source))
                    b->batchReplication = true;
            }
        }
    }
    // Key-policy inference: the opt-in S3 service principal.
    for (std::size_t i = 0; i < m_keys.size(); ++i) {
        const KeyInfo &k = m_keys[i];
        if (!k.policy)
            continue;
        if (d.keys[i].kind == KeyKind::AwsManaged) {
            report.push_back("key " + k.keyId + ": an AWS managed key's policy cannot be changed; "
                                                "its imported policy is not kept");
            continue;
        }
        d.keys[i].allowS3ServicePrincipal =
            k.policy->document.dump().find("\"s3.amazonaws.com\"") != std::string::npos;
        d.keys[i].customKeyPolicy = CustomPolicy{"imported-key-policy", k.policy->text};
    }

    // Policies that are exactly what the designer generates are not custom: drop the custom copy
    // where the generated document is the same JSON.
    Design generatedFrom = d;
    for (Bucket &b : generatedFrom.buckets)
        b.customBucketPolicy.reset();
    for (KmsKey &k : generatedFrom.keys)
        k.customKeyPolicy.reset();
    for (Role &r : generatedFrom.roles) {
        r.customTrustPolicy.reset();
        r.customPermissionsPolicy.reset();
    }
    const std::vector<Artifact> generated = generateArtifacts(generatedFrom);
    const auto generatedDoc = [&](ArtifactKind kind,
                                  const std::string &element) -> const Artifact * {
        for (const Artifact &a : generated) {
            if (a.kind == kind && a.element == element)
                return &a;
        }
        return nullptr;
    };
    const auto keep = [&](std::optional<CustomPolicy> &custom, ArtifactKind kind,
                          const std::string &element, const std::string &what) {
        if (!custom)
            return;
        const Artifact *a = generatedDoc(kind, element);
        const ojson imported = ojson::parse(custom->document, nullptr, false);
        if (a && !imported.is_discarded() && sameJson(imported, a->document())) {
            custom.reset();
            return;
        }
        report.push_back(what + ": differs from what the designer generates; kept verbatim as a "
                                "custom policy");
    };
    for (Bucket &b : d.buckets)
        keep(b.customBucketPolicy, ArtifactKind::BucketPolicy, b.id,
             "bucket policy of " + b.name);
    for (KmsKey &k : d.keys)
        keep(k.customKeyPolicy, ArtifactKind::KeyPolicy, k.id,
             "key policy of " + (k.alias.empty() ? k.keyId : k.alias));
    for (std::size_t i = 0; i < d.roles.size(); ++i) {
        Role &r = d.roles[i];
        keep(r.customTrustPolicy, ArtifactKind::RoleTrustPolicy, r.id,
             "trust policy of role " + r.name);
        keep(r.customPermissionsPolicy, ArtifactKind::RolePermissionsPolicy, r.id,
             "permissions policy of role " + r.name);
        if (r.customTrustPolicy)
            customTrust.insert(i);
        if (r.customPermissionsPolicy)
            customPermissions.insert(i);
    }
    return autoArrange(d);
}

} // namespace s3rd::model::exchange::importing
