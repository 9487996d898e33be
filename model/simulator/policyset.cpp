// PolicySet: every policy in effect for a design, compiled once for the simulator.

#include "simulator.h"

#include "core/arn.h"
#include "simulator/replicationsteps.h"

#include <algorithm>

namespace s3rd::model {

namespace {

std::string_view kindSlug(ArtifactKind kind)
{
    switch (kind) {
    case ArtifactKind::RoleTrustPolicy: return "trust-policy";
    case ArtifactKind::RolePermissionsPolicy: return "permissions-policy";
    case ArtifactKind::KeyPolicy: return "key-policy";
    case ArtifactKind::BucketPolicy: return "bucket-policy";
    case ArtifactKind::ReplicationConfiguration: return "replication-configuration";
    case ArtifactKind::RoleManagedPolicy: return "managed-policy";
    }
    return "policy";
}

// The AWS managed key aws/s3 has a fixed policy: any principal of the account, through S3.
// https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key
nlohmann::json awsManagedKeyPolicy(Partition p, const std::string &accountId,
                                   const std::string &region)
{
    return {{"Version", "2012-10-17"},
            {"Statement",
             {{{"Sid", "Allow access through S3 for all principals in the account that are "
                       "authorized to use S3"},
               {"Effect", "Allow"},
               {"Principal", {{"AWS", "*"}}},
               {"Action",
                {"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                 "kms:DescribeKey"}},
               {"Resource", "*"},
               {"Condition",
                {{"StringEquals",
                  {{"kms:CallerAccount", accountId},
                   {"kms:ViaService", steps::viaService(region)}}}}}},
              {{"Sid", "Allow direct access to key metadata to the account"},
               {"Effect", "Allow"},
               {"Principal", {{"AWS", arn::accountRoot(p, accountId)}}},
               {"Action", {"kms:Describe*", "kms:Get*", "kms:List*"}},
               {"Resource", "*"}}}}};
}

// The default key policy: the account root, which delegates to IAM policies.
// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
nlohmann::json defaultKeyPolicy(Partition p, const std::string &accountId)
{
    return {{"Version", "2012-10-17"},
            {"Statement",
             {{{"Sid", "Enable IAM User Permissions"},
               {"Effect", "Allow"},
               {"Principal", {{"AWS", arn::accountRoot(p, accountId)}}},
               {"Action", "kms:*"},
               {"Resource", "*"}}}}};
}

std::string customId(std::string_view element, std::string_view slug, const std::string &name)
{
    std::string id = "custom/" + std::string(element) + "/" + std::string(slug);
    if (!name.empty())
        id += " (" + name + ")";
    return id;
}

} // namespace

PolicySet::PolicySet(const Design &design, const std::vector<Artifact> &artifacts)
    : PolicySet(design, artifacts, nullptr)
{
}

PolicySet::PolicySet(const Design &design, const std::vector<Artifact> &artifacts,
                     const PolicySet &previous)
    : PolicySet(design, artifacts, &previous)
{
}

std::shared_ptr<const CompiledPolicy> PolicySet::compiled(const Artifact &a, std::string id,
                                                          const PolicySet *previous)
{
    const nlohmann::ordered_json &document = a.document();
    if (!document.is_object() && !a.text.empty()) // not JSON: the parser's error is the problem
        return std::make_shared<const CompiledPolicy>(CompiledPolicy::compileText(id, a.text));
    if (previous) {
        const auto it = previous->m_byDocument.find(&document);
        if (it != previous->m_byDocument.end() && it->second->id() == id) {
            m_byDocument.emplace(&document, it->second);
            return it->second;
        }
    }
    auto policy =
        std::make_shared<const CompiledPolicy>(CompiledPolicy::compile(std::move(id), document));
    m_byDocument.emplace(&document, policy);
    return policy;
}

PolicySet::PolicySet(const Design &design, const std::vector<Artifact> &artifacts,
                     const PolicySet *previous)
    : m_index(design)
{
    auto slotFor = [this](ArtifactKind kind) -> Map * {
        switch (kind) {
        case ArtifactKind::RoleTrustPolicy: return &m_trust;
        case ArtifactKind::RolePermissionsPolicy: return &m_permissions;
        case ArtifactKind::KeyPolicy: return &m_keys;
        case ArtifactKind::BucketPolicy: return &m_buckets;
        case ArtifactKind::ReplicationConfiguration:
        case ArtifactKind::RoleManagedPolicy: return nullptr;
        }
        return nullptr;
    };
    for (const Artifact &a : artifacts) {
        if (a.kind == ArtifactKind::RoleManagedPolicy) {
            // A role's identity policies: every managed policy attached to it.
            m_managed[a.element].push_back(
                add(compiled(a,
                             a.path.empty() ? customId(a.element, kindSlug(a.kind), a.name)
                                            : a.path,
                             previous),
                    false));
            continue;
        }
        Map *map = slotFor(a.kind);
        if (!map)
            continue;
        const auto existing = map->find(a.element);
        if (existing != map->end() && isCustom(existing->second) && !a.custom)
            continue; // the user's own policy replaces the generated one
        std::string id = a.path.empty() ? customId(a.element, kindSlug(a.kind), {}) : a.path;
        (*map)[a.element] = add(compiled(a, std::move(id), previous), a.custom);
    }

    // Custom policies the artifacts did not carry are still in effect.
    auto custom = [this](Map &map, const std::string &element, std::string_view slug,
                         const std::optional<CustomPolicy> &policy) {
        if (!policy)
            return;
        const auto existing = map.find(element);
        if (existing != map.end() && isCustom(existing->second))
            return;
        map[element] = add(
            CompiledPolicy::compileText(customId(element, slug, policy->name), policy->document),
            true);
    };
    for (const Role &r : design.roles) {
        custom(m_trust, r.id, "trust-policy", r.customTrustPolicy);
        custom(m_permissions, r.id, "permissions-policy", r.customPermissionsPolicy);
        for (const Guardrail &g : r.guardrails) {
            m_boundaries[r.id].push_back(add(
                CompiledPolicy::compileText("boundary/" + r.id + "/" + g.name, g.document), true));
        }
    }
    for (const Bucket &b : design.buckets)
        custom(m_buckets, b.id, "bucket-policy", b.customBucketPolicy);
    for (const KmsKey &k : design.keys) {
        custom(m_keys, k.id, "key-policy", k.customKeyPolicy);
        if (m_keys.count(k.id))
            continue;
        const Account *acct = m_index.accountOf(k);
        if (!acct)
            continue;
        if (k.kind == KeyKind::AwsManaged)
            m_keys[k.id] = add(CompiledPolicy::compile("aws-managed-key-policy/" + k.id,
                                                       awsManagedKeyPolicy(acct->partition,
                                                                           acct->accountId,
                                                                           k.region)),
                               false);
        else
            m_keys[k.id] = add(
                CompiledPolicy::compile("default-key-policy/" + k.id,
                                        defaultKeyPolicy(acct->partition, acct->accountId)),
                false);
    }
    for (const Account &a : design.accounts) {
        for (const Guardrail &g : a.guardrails) {
            if (g.kind == GuardrailKind::ResourceControlPolicy)
                m_rcps[a.accountId].push_back(add(
                    CompiledPolicy::compileText("rcp/" + a.id + "/" + g.name, g.document), true));
            else
                m_scps[a.id].push_back(add(
                    CompiledPolicy::compileText("scp/" + a.id + "/" + g.name, g.document), true));
        }
    }
}

const CompiledPolicy *PolicySet::add(CompiledPolicy policy, bool custom)
{
    return add(std::make_shared<const CompiledPolicy>(std::move(policy)), custom);
}

const CompiledPolicy *PolicySet::add(std::shared_ptr<const CompiledPolicy> policy, bool custom)
{
    m_storage.push_back(std::move(policy));
    if (custom)
        m_custom.push_back(m_storage.back().get());
    return m_storage.back().get();
}

namespace {
template<typename Map>
const CompiledPolicy *findIn(const Map &map, std::string_view id)
{
    const auto it = map.find(std::string(id));
    return it == map.end() ? nullptr : it->second;
}
template<typename Map>
std::span<const CompiledPolicy *const> listIn(const Map &map, std::string_view id)
{
    const auto it = map.find(std::string(id));
    if (it == map.end())
        return {};
    return {it->second.data(), it->second.size()};
}
} // namespace

const CompiledPolicy *PolicySet::trustPolicy(std::string_view roleId) const
{
    return findIn(m_trust, roleId);
}
const CompiledPolicy *PolicySet::permissionsPolicy(std::string_view roleId) const
{
    return findIn(m_permissions, roleId);
}
const CompiledPolicy *PolicySet::keyPolicy(std::string_view keyId) const
{
    return findIn(m_keys, keyId);
}
const CompiledPolicy *PolicySet::bucketPolicy(std::string_view bucketId) const
{
    return findIn(m_buckets, bucketId);
}
std::span<const CompiledPolicy *const> PolicySet::managedPolicies(std::string_view roleId) const
{
    return listIn(m_managed, roleId);
}
std::span<const CompiledPolicy *const> PolicySet::boundaries(std::string_view roleId) const
{
    return listIn(m_boundaries, roleId);
}
std::span<const CompiledPolicy *const> PolicySet::scps(std::string_view accountId) const
{
    return listIn(m_scps, accountId);
}
std::span<const CompiledPolicy *const> PolicySet::rcps(std::string_view awsAccountId) const
{
    return listIn(m_rcps, awsAccountId);
}
bool PolicySet::isCustom(const CompiledPolicy *policy) const
{
    return std::find(m_custom.begin(), m_custom.end(), policy) != m_custom.end();
}

} // namespace s3rd::model
