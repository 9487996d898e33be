#pragma once

// O(1) lookups into a Design by element id, and per-bucket rule lists. Built once per design
// state (O(n)); it holds pointers into the Design, so it is valid only while that Design is
// alive and unchanged.

#include "design.h"

#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace s3rd::model {

class DesignIndex
{
public:
    explicit DesignIndex(const Design &design);

    const Design &design() const { return m_design; }

    const Account *account(std::string_view id) const;
    const Bucket *bucket(std::string_view id) const;
    const KmsKey *key(std::string_view id) const;
    const Role *role(std::string_view id) const;
    const ReplicationRule *rule(std::string_view id) const;
    // The same by type: T is Account, Bucket, KmsKey, Role or ReplicationRule.
    template<typename T>
    const T *element(std::string_view id) const
    {
        if constexpr (std::is_same_v<T, Account>)
            return account(id);
        else if constexpr (std::is_same_v<T, Bucket>)
            return bucket(id);
        else if constexpr (std::is_same_v<T, KmsKey>)
            return key(id);
        else if constexpr (std::is_same_v<T, Role>)
            return role(id);
        else
            return rule(id);
    }

    // The account owning a bucket, key or role (nullptr when dangling).
    const Account *accountOf(const Bucket &b) const { return account(b.account); }
    const Account *accountOf(const KmsKey &k) const { return account(k.account); }
    const Account *accountOf(const Role &r) const { return account(r.account); }

    // Rules in design order whose source / destination is the given bucket id.
    const std::vector<const ReplicationRule *> &rulesFrom(std::string_view bucketId) const;
    const std::vector<const ReplicationRule *> &rulesTo(std::string_view bucketId) const;
    // Rules in design order that use the given role id.
    const std::vector<const ReplicationRule *> &rulesUsingRole(std::string_view roleId) const;

private:
    template<typename T>
    using Map = std::unordered_map<std::string_view, const T *>;
    using RuleList = std::vector<const ReplicationRule *>;

    const Design &m_design;
    Map<Account> m_accounts;
    Map<Bucket> m_buckets;
    Map<KmsKey> m_keys;
    Map<Role> m_roles;
    Map<ReplicationRule> m_rules;
    std::unordered_map<std::string_view, RuleList> m_rulesFrom;
    std::unordered_map<std::string_view, RuleList> m_rulesTo;
    std::unordered_map<std::string_view, RuleList> m_rulesByRole;
};

} // namespace s3rd::model
