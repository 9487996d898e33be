#include "core/arn.h"
#include "policies/generators.h"
#include "policies/policywriter.h"

#include <cassert>

namespace s3rd::model::gen {

Context::Context(const Design &design) : m_ownIndex(std::in_place, design), m_index(*m_ownIndex)
{
    init();
}

Context::Context(const DesignIndex &index) : m_index(index)
{
    init();
}

void Context::init()
{
    const Design &design = m_index.design();
    m_bucketArns.resize(design.buckets.size());
    m_viaServices.resize(design.buckets.size());
    m_keyArns.resize(design.keys.size());
    m_roleArns.resize(design.roles.size());
    m_ruleEnds.resize(design.rules.size());
}

const Context::RuleEnds &Context::ends(std::size_t rule) const
{
    RuleEnds &e = m_ruleEnds[rule];
    if (!e.made) {
        const ReplicationRule &r = design().rules[rule];
        e = {m_index.bucket(r.source), m_index.bucket(r.destination), true};
    }
    return e;
}

const std::vector<const ReplicationRule *> &Context::rulesUsingKey(std::string_view keyId) const
{
    static const std::vector<const ReplicationRule *> empty;
    const KmsKey *key = m_index.key(keyId);
    if (!key)
        return empty;
    if (const auto it = m_rulesByKey.find(key->id); it != m_rulesByKey.end())
        return it->second;
    // The first keys asked for (an edit's documents name a few) are looked up alone, from the
    // buckets they encrypt and the rules naming them: comparisons of ids, where the list of
    // every key's rules looks two keys up per rule.
    constexpr std::size_t kKeysAlone = 8;
    if (m_rulesByKey.size() < kKeysAlone) {
        const std::vector<ReplicationRule> &rules = design().rules;
        std::vector<bool> fromEncrypted(rules.size(), false); // its source's default key is it
        for (const Bucket &b : design().buckets) {
            if (b.defaultKey != key->id || m_index.bucket(b.id) != &b)
                continue; // only the bucket the rules' source ids find
            for (const ReplicationRule *r : m_index.rulesFrom(b.id))
                fromEncrypted[std::size_t(r - rules.data())] = true;
        }
        std::vector<const ReplicationRule *> &uses = m_rulesByKey[key->id];
        for (std::size_t i = 0; i < rules.size(); ++i) {
            const ReplicationRule &r = rules[i];
            if ((fromEncrypted[i] || r.replicaKey == key->id) && r.enabled &&
                r.replicateKmsObjects)
                uses.push_back(&r);
        }
        return uses;
    }
    if (!m_rulesByEveryKeyMade) {
        for (const ReplicationRule &r : design().rules) {
            if (!r.enabled)
                continue;
            const KmsKey *src = sourceKey(r);
            const KmsKey *replica = replicaKey(r);
            if (src)
                m_rulesByEveryKey[src->id].push_back(&r);
            if (replica && replica != src)
                m_rulesByEveryKey[replica->id].push_back(&r);
        }
        m_rulesByEveryKeyMade = true;
    }
    const auto it = m_rulesByEveryKey.find(key->id);
    return it == m_rulesByEveryKey.end() ? empty : it->second;
}

Partition Context::partitionOf(std::string_view accountElementId) const
{
    const Account *a = m_index.account(accountElementId);
    return a ? a->partition : Partition::Aws;
}

std::string_view Context::accountIdOf(std::string_view accountElementId) const
{
    const Account *a = m_index.account(accountElementId);
    return a ? std::string_view(a->accountId) : std::string_view();
}

namespace {

template <typename T> std::size_t positionIn(const std::vector<T> &all, const T &element)
{
    assert(&element >= all.data() && &element < all.data() + all.size());
    return std::size_t(&element - all.data());
}

} // namespace

std::size_t Context::indexOf(const Bucket &b) const
{
    return positionIn(design().buckets, b);
}

std::size_t Context::indexOf(const KmsKey &k) const
{
    return positionIn(design().keys, k);
}

std::size_t Context::indexOf(const Role &r) const
{
    return positionIn(design().roles, r);
}

const std::string &Context::bucketArn(const Bucket &b) const
{
    std::string &arn = m_bucketArns[indexOf(b)];
    if (arn.empty())
        arn = arn::bucket(partitionOf(b.account), b.name);
    return arn;
}

const std::string &Context::viaService(const Bucket &b) const
{
    std::string &via = m_viaServices[indexOf(b)];
    if (via.empty())
        via = arn::s3ViaService(b.region);
    return via;
}

const std::string &Context::keyArn(const KmsKey &k) const
{
    std::string &arn = m_keyArns[indexOf(k)];
    if (arn.empty())
        arn = arn::key(partitionOf(k.account), k.region, accountIdOf(k.account), k.keyId);
    return arn;
}

const std::string &Context::roleArn(const Role &r) const
{
    std::string &arn = m_roleArns[indexOf(r)];
    if (arn.empty())
        arn = arn::role(partitionOf(r.account), accountIdOf(r.account), r.path, r.name);
    return arn;
}

std::string Context::objectArn(const Bucket &b, std::string_view prefix) const
{
    std::string pattern = policy::escapeArnLiteral(prefix);
    pattern += '*';
    return arn::object(partitionOf(b.account), b.name, pattern);
}

const KmsKey *Context::sourceKey(const ReplicationRule &r) const
{
    const Bucket *src = source(r);
    if (!src || !r.replicateKmsObjects || src->defaultKey.empty())
        return nullptr;
    return m_index.key(src->defaultKey);
}

const KmsKey *Context::replicaKey(const ReplicationRule &r) const
{
    if (!r.replicateKmsObjects || r.replicaKey.empty())
        return nullptr;
    return m_index.key(r.replicaKey);
}

bool Context::crossAccount(const ReplicationRule &r) const
{
    const Bucket *src = source(r);
    const Bucket *dst = destination(r);
    return src && dst && accountIdOf(src->account) != accountIdOf(dst->account);
}

bool Context::ownerOverrideInEffect(const ReplicationRule &r) const
{
    // S3 applies an owner override even between buckets of one account, so the generator adds
    // it only across accounts (reference §4.2); the checklist tells the user.
    return r.ownerOverride && crossAccount(r);
}

bool usesBucketKey(const Bucket &b)
{
    return b.bucketKey && b.defaultEncryption == DefaultEncryption::SseKms;
}

bool replicasUseBucketKey(const Bucket &source, const Bucket &destination)
{
    return usesBucketKey(source) || usesBucketKey(destination);
}

std::vector<KmsUse> kmsUses(const Context &ctx, const ReplicationRule &r)
{
    std::vector<KmsUse> uses;
    const Bucket *src = ctx.source(r);
    const Bucket *dst = ctx.destination(r);
    if (!r.enabled || !src || !dst)
        return uses;
    if (const KmsKey *k = ctx.sourceKey(r)) {
        KmsUse &u = uses.emplace_back();
        u.key = k;
        u.actions = {"kms:Decrypt"};
        u.viaService = ctx.viaService(*src);
        u.contexts.push_back(ctx.objectArn(*src, r.filterPrefix));
        u.docUrl = doc::kKms;
        if (usesBucketKey(*src)) {
            // Objects written before the Bucket Key was turned on keep the object context.
            u.contexts.push_back(ctx.bucketArn(*src));
            u.why = "S3 decrypts SSE-KMS source objects through S3 in the source Region; with the "
                    "source's Bucket Key the encryption context is the bucket ARN (the object ARN "
                    "for objects written before it was on).";
            u.docUrl = doc::kBucketKey;
        } else {
            u.why = "S3 decrypts SSE-KMS source objects through S3 in the source Region, only for "
                    "objects under the rule's prefix (object ARN encryption context).";
        }
    }
    if (const KmsKey *k = ctx.replicaKey(r)) {
        KmsUse &u = uses.emplace_back();
        u.key = k;
        u.replica = true;
        u.viaService = ctx.viaService(*dst);
        const std::string dstObjects = ctx.objectArn(*dst, r.filterPrefix);
        u.docUrl = doc::kKms;
        if (replicasUseBucketKey(*src, *dst)) {
            // With a Bucket Key S3 calls kms:Decrypt to verify the bucket-level key, and the
            // context is the bucket ARN. AWS's pages disagree on the destination-only case
            // (replication-config-for-kms-objects vs. bucket-key), and DSSE-KMS replicas and
            // objects written before the Bucket Key was on use the object ARN: both forms.
            u.actions = {"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"};
            u.contexts = {ctx.bucketArn(*dst), dstObjects};
            u.docUrl = doc::kBucketKey;
            u.why = usesBucketKey(*dst)
                        ? "S3 encrypts replicas with the replica key through S3 in the destination "
                          "Region. The destination's S3 Bucket Key makes the encryption context "
                          "the bucket ARN and needs kms:Decrypt to verify the Bucket Key; the "
                          "object ARN is allowed too, as AWS's pages disagree on it."
                        : "S3 encrypts replicas with the replica key through S3 in the destination "
                          "Region. The source's S3 Bucket Key carries over to the replica, so the "
                          "encryption context is the destination bucket ARN and kms:Decrypt "
                          "verifies the Bucket Key; the object ARN is allowed for objects written "
                          "before the Bucket Key was on.";
        } else {
            u.actions = {"kms:Encrypt", "kms:GenerateDataKey"};
            u.contexts = {dstObjects};
            u.why = "S3 encrypts replicas with the replica key through S3 in the destination "
                    "Region, only for replica keys under the rule's prefix.";
        }
    }
    return uses;
}

bool hasTagFilter(const ReplicationRule &r)
{
    return !r.filterTags.empty();
}

bool isCustomerManaged(const KmsKey &k)
{
    return k.kind != KeyKind::AwsManaged;
}

Artifact newArtifact(ArtifactKind kind, std::string element, std::string target,
                     const std::optional<CustomPolicy> &custom)
{
    Artifact a;
    a.kind = kind;
    a.element = std::move(element);
    a.target = std::move(target);
    if (custom) {
        a.custom = true;
        a.text = custom->document;
        a.parsed = nlohmann::ordered_json::accept(a.text);
    }
    return a;
}

} // namespace s3rd::model::gen
