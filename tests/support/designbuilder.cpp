#include "designbuilder.h"

#include <utility>

namespace s3rd::test {

using namespace s3rd::model;

DesignBuilder::DesignBuilder(std::string name, Layout layout) : m_layout(layout)
{
    m_design.name = std::move(name);
}

Geometry DesignBuilder::nextSlot(double x, double width, double height)
{
    if (m_layout == Layout::None)
        return {};
    return {x, double(60 + 90 * (m_placed++ % 4)), width, height};
}

Account &DesignBuilder::account(const std::string &id, const std::string &accountId,
                                const std::string &name)
{
    Account a;
    a.id = id;
    a.accountId = accountId;
    a.name = name.empty() ? id : name;
    if (m_layout == Layout::Grid)
        a.geometry = {double(40 + 480 * int(m_design.accounts.size())), 40, 440, 420};
    m_design.accounts.push_back(std::move(a));
    return m_design.accounts.back();
}

Bucket &DesignBuilder::bucket(const std::string &id, const std::string &name,
                              const std::string &account, const std::string &region)
{
    Bucket b;
    b.id = id;
    b.name = name;
    b.account = account;
    b.region = region;
    b.geometry = nextSlot(20, 180, 70);
    m_design.buckets.push_back(std::move(b));
    return m_design.buckets.back();
}

Bucket &DesignBuilder::kmsBucket(const std::string &id, const std::string &name,
                                 const std::string &account, const std::string &region,
                                 const std::string &key, bool bucketKey)
{
    Bucket &b = bucket(id, name, account, region);
    b.defaultEncryption = DefaultEncryption::SseKms;
    b.defaultKey = key;
    b.bucketKey = bucketKey;
    b.objectEncryptions.sseKms = true;
    return b;
}

KmsKey &DesignBuilder::key(const std::string &id, const std::string &account,
                           const std::string &region, const std::string &alias,
                           const std::string &keyId, KeyKind kind)
{
    KmsKey k;
    k.id = id;
    k.account = account;
    k.region = region;
    k.alias = alias;
    k.keyId = keyId;
    k.kind = kind;
    k.geometry = nextSlot(240, 160, 60);
    m_design.keys.push_back(std::move(k));
    return m_design.keys.back();
}

Role &DesignBuilder::role(const std::string &id, const std::string &account,
                          const std::string &name)
{
    Role r;
    r.id = id;
    r.account = account;
    r.name = name;
    if (m_layout == Layout::Grid)
        r.geometry = {240, 340, 160, 60};
    m_design.roles.push_back(std::move(r));
    return m_design.roles.back();
}

ReplicationRule &DesignBuilder::rule(const std::string &id, const std::string &source,
                                     const std::string &destination, const std::string &role)
{
    ReplicationRule r;
    r.id = id;
    r.ruleId = id;
    r.source = source;
    r.destination = destination;
    r.role = role;
    m_design.rules.push_back(std::move(r));
    return m_design.rules.back();
}

ReplicationRule &DesignBuilder::kmsRule(const std::string &id, const std::string &source,
                                        const std::string &destination, const std::string &role,
                                        const std::string &replicaKey)
{
    ReplicationRule &r = rule(id, source, destination, role);
    r.replicateKmsObjects = true;
    r.replicaKey = replicaKey;
    return r;
}

} // namespace s3rd::test
