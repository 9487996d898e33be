#include "designindex.h"

namespace s3rd::model {

namespace {

template<typename T, typename Map>
void indexAll(const std::vector<T> &elements, Map &map)
{
    map.reserve(elements.size());
    for (const T &e : elements)
        map.emplace(e.id, &e); // first one wins; duplicate ids are reported by the file loader
}

template<typename Map>
auto find(const Map &map, std::string_view id) -> typename Map::mapped_type
{
    const auto it = map.find(id);
    return it == map.end() ? nullptr : it->second;
}

template<typename Map>
const std::vector<const ReplicationRule *> &listOf(const Map &map, std::string_view id)
{
    static const std::vector<const ReplicationRule *> empty;
    const auto it = map.find(id);
    return it == map.end() ? empty : it->second;
}

} // namespace

DesignIndex::DesignIndex(const Design &design)
    : m_design(design)
{
    indexAll(design.accounts, m_accounts);
    indexAll(design.buckets, m_buckets);
    indexAll(design.keys, m_keys);
    indexAll(design.roles, m_roles);
    indexAll(design.rules, m_rules);
    for (const ReplicationRule &r : design.rules) {
        m_rulesFrom[r.source].push_back(&r);
        m_rulesTo[r.destination].push_back(&r);
        if (!r.role.empty())
            m_rulesByRole[r.role].push_back(&r);
    }
}

const Account *DesignIndex::account(std::string_view id) const { return find(m_accounts, id); }
const Bucket *DesignIndex::bucket(std::string_view id) const { return find(m_buckets, id); }
const KmsKey *DesignIndex::key(std::string_view id) const { return find(m_keys, id); }
const Role *DesignIndex::role(std::string_view id) const { return find(m_roles, id); }
const ReplicationRule *DesignIndex::rule(std::string_view id) const { return find(m_rules, id); }

const std::vector<const ReplicationRule *> &DesignIndex::rulesFrom(std::string_view bucketId) const
{
    return listOf(m_rulesFrom, bucketId);
}

const std::vector<const ReplicationRule *> &DesignIndex::rulesTo(std::string_view bucketId) const
{
    return listOf(m_rulesTo, bucketId);
}

const std::vector<const ReplicationRule *> &
DesignIndex::rulesUsingRole(std::string_view roleId) const
{
    return listOf(m_rulesByRole, roleId);
}

} // namespace s3rd::model
