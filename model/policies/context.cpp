#include "core/arn.h"
#include "policies/generators.h"
#include "policies/policywriter.h"

namespace s3rd::model::gen {

Context::Context(const Design &design) : m_index(design)
{
    for (const ReplicationRule &r : design.rules) {
        if (!r.enabled)
            continue;
        const KmsKey *src = sourceKey(r);
        const KmsKey *replica = replicaKey(r);
        if (src)
            m_rulesByKey[src->id].push_back(&r);
        if (replica && replica != src)
            m_rulesByKey[replica->id].push_back(&r);
    }
}

const std::vector<const ReplicationRule *> &Context::rulesUsingKey(std::string_view keyId) const
{
    static const std::vector<const ReplicationRule *> empty;
    const auto it = m_rulesByKey.find(keyId);
    return it == m_rulesByKey.end() ? empty : it->second;
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

std::string Context::bucketArn(const Bucket &b) const
{
    return arn::bucket(partitionOf(b.account), b.name);
}

std::string Context::objectArn(const Bucket &b, std::string_view prefix) const
{
    std::string pattern = policy::escapeArnLiteral(prefix);
    pattern += '*';
    return arn::object(partitionOf(b.account), b.name, pattern);
}

std::string Context::keyArn(const KmsKey &k) const
{
    return arn::key(partitionOf(k.account), k.region, accountIdOf(k.account), k.keyId);
}

std::string Context::roleArn(const Role &r) const
{
    return arn::role(partitionOf(r.account), accountIdOf(r.account), r.path, r.name);
}

std::string Context::viaService(const Bucket &b) const
{
    return arn::s3ViaService(partitionOf(b.account), b.region);
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

bool hasTagFilter(const ReplicationRule &r)
{
    return !r.filterTags.empty();
}

bool isCustomerManaged(const KmsKey &k)
{
    return k.kind != KeyKind::AwsManaged;
}

void setCustom(Artifact &a, const CustomPolicy &policy)
{
    a.custom = true;
    a.text = policy.document;
    a.document = nlohmann::ordered_json::parse(policy.document, nullptr, false);
    a.parsed = !a.document.is_discarded();
    if (!a.parsed)
        a.document = nullptr;
}

void setDocument(Artifact &a, nlohmann::ordered_json document)
{
    a.text = policy::render(document);
    a.document = std::move(document);
}

} // namespace s3rd::model::gen
