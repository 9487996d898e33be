#include "checks/checkcontext.h"


namespace s3rd::model::checks {

namespace {

std::string keyPlace(std::string_view accountId, std::string_view region)
{
    std::string s(accountId);
    s += '/';
    s += region;
    return s;
}

bool usableReplicaKey(const KmsKey &k, const Bucket &dst, bool crossAccount)
{
    return k.symmetric && k.state == KeyState::Enabled && k.region == dst.region &&
           !(crossAccount && k.kind == KeyKind::AwsManaged);
}

} // namespace

CheckContext::CheckContext(const Design &d, const DesignIndex &i, const std::vector<Artifact> &a)
    : design(d), index(i), artifacts(a)
{
    for (const Bucket &b : d.buckets) {
        if (!i.rulesFrom(b.id).empty())
            m_sources.push_back(&b);
        if (!b.defaultKey.empty())
            m_keyUse[b.defaultKey].defaultFor.push_back(&b);
    }
    m_resolved.reserve(d.rules.size());
    for (const ReplicationRule &r : d.rules) {
        ResolvedRule &x = m_resolved.emplace_back();
        x.src = i.bucket(r.source);
        x.dst = i.bucket(r.destination);
        x.role = r.role.empty() ? nullptr : i.role(r.role);
        x.replicaKey =
            r.replicateKmsObjects && !r.replicaKey.empty() ? i.key(r.replicaKey) : nullptr;
        if (x.src && x.dst) {
            const Account *a = i.account(x.src->account);
            const Account *b = i.account(x.dst->account);
            x.crossAccount = (a ? std::string_view(a->accountId) : std::string_view()) !=
                             (b ? std::string_view(b->accountId) : std::string_view());
        }
        if (r.replicateKmsObjects && !r.replicaKey.empty())
            m_keyUse[r.replicaKey].replicaIn.push_back(&r);
    }
    for (const KmsKey &k : d.keys) {
        if (k.symmetric)
            m_keysAt[keyPlace(accountIdOf(k.account), k.region)].push_back(&k);
    }
    for (const Role &r : d.roles)
        m_rolesByAccount[r.account].push_back(&r);
}

const KeyUse &CheckContext::keyUse(std::string_view keyId) const
{
    static const KeyUse none;
    const auto it = m_keyUse.find(keyId);
    return it == m_keyUse.end() ? none : it->second;
}

std::string_view CheckContext::accountIdOf(std::string_view accountElementId) const
{
    const Account *a = index.account(accountElementId);
    return a ? std::string_view(a->accountId) : std::string_view();
}

Partition CheckContext::partitionOf(std::string_view accountElementId) const
{
    const Account *a = index.account(accountElementId);
    return a ? a->partition : Partition::Aws;
}

// "name (detail)", or the element id when the element has no name.
static std::string labelOf(const std::string &name, const std::string &id, std::string_view detail)
{
    std::string s = name.empty() ? id : name;
    s += " (";
    s += detail;
    s += ')';
    return s;
}

std::string CheckContext::label(const Bucket &b) const
{
    return labelOf(b.name, b.id, accountIdOf(b.account));
}

std::string CheckContext::label(const Role &r) const
{
    return labelOf(r.name, r.id, accountIdOf(r.account));
}

std::string CheckContext::label(const KmsKey &k) const
{
    std::string where(accountIdOf(k.account));
    where += ", ";
    where += k.region;
    return labelOf(!k.alias.empty() ? k.alias : k.keyId, k.id, where);
}

std::string CheckContext::label(const Account &a) const
{
    return labelOf(a.name, a.id, a.accountId);
}

std::string CheckContext::label(const ReplicationRule &r) const
{
    std::string s = "rule \"";
    s += r.ruleId.empty() ? r.id : r.ruleId;
    s += "\" (";
    const Bucket *src = resolved(r).src;
    const Bucket *dst = resolved(r).dst;
    s += src ? src->name : r.source;
    s += " -> ";
    s += dst ? dst->name : r.destination;
    s += ')';
    return s;
}

bool CheckContext::mayHoldKmsObjects(const Bucket &b)
{
    return b.encryptsWithKms() || b.objectEncryptions.sseKms || b.objectEncryptions.dsseKms;
}

const KmsKey *CheckContext::keyIn(std::string_view accountElementId, std::string_view region,
                                  bool customerManagedOnly) const
{
    const auto it = m_keysAt.find(keyPlace(accountIdOf(accountElementId), region));
    if (it == m_keysAt.end())
        return nullptr;
    const KmsKey *awsManaged = nullptr;
    for (const KmsKey *k : it->second) {
        if (k->state != KeyState::Enabled)
            continue;
        if (k->kind != KeyKind::AwsManaged)
            return k;
        if (!awsManaged)
            awsManaged = k;
    }
    return customerManagedOnly ? nullptr : awsManaged;
}

const KmsKey *CheckContext::replicaKeyCandidate(const ReplicationRule &r) const
{
    const Bucket *src = resolved(r).src;
    const Bucket *dst = resolved(r).dst;
    if (!src || !dst)
        return nullptr;
    const bool cross = crossAccount(r);
    if (const KmsKey *k = index.key(dst->defaultKey);
        k && usableReplicaKey(*k, *dst, cross) && accountIdOf(k->account) == accountIdOf(dst->account))
        return k;
    // Never a key of the source account: across accounts the destination owner could neither
    // control nor read its replicas (replication-troubleshoot asks for a customer managed key
    // owned by the destination account); within one account the two are the same.
    return keyIn(dst->account, dst->region, cross);
}

std::span<const Role *const> CheckContext::rolesIn(std::string_view accountElementId) const
{
    const auto it = m_rolesByAccount.find(accountElementId);
    if (it == m_rolesByAccount.end())
        return {};
    return it->second;
}

Finding &addFinding(std::vector<Finding> &out, std::vector<std::string> elements,
                    std::string message, std::string_view explanation, std::string_view docUrl)
{
    Finding &f = out.emplace_back();
    f.elements = std::move(elements);
    f.message = std::move(message);
    f.explanation = explanation;
    f.docUrl = docUrl;
    return f;
}

std::string joinNames(const std::vector<std::string> &names, std::size_t max)
{
    std::string s;
    const std::size_t shown = names.size() > max ? max : names.size();
    for (std::size_t i = 0; i < shown; ++i) {
        if (i > 0)
            s += (i + 1 == shown && shown == names.size()) ? " and " : ", ";
        s += names[i];
    }
    if (names.size() > shown)
        s += " and " + std::to_string(names.size() - shown) + " more";
    return s;
}

} // namespace s3rd::model::checks
