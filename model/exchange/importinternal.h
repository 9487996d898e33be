#pragma once

// What the parts of the importer share: the facts gathered from the inputs, and the Importer
// that gathers them (inputs in importer.cpp, lookups in importlookups.cpp, bucket outputs in
// importbuckets.cpp, role and key outputs in importrolekeys.cpp, the design in
// importdesign.cpp). Internal to the importer; importer.h is its interface.

#include "core/enumnames.h"
#include "exchange/importer.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace s3rd::model::exchange::importing {

using ojson = nlohmann::ordered_json;

struct Origin
{
    std::string input;
    std::string location;
    std::string text() const { return input + (location.empty() ? "" : " (" + location + ")"); }
};

// A fact about an element and where it came from. Facts stated by an AWS output are firm and
// must agree; facts inferred from a policy are weak and only fill what nothing stated.
template<typename T>
struct Fact
{
    std::optional<T> value;
    Origin origin;
    bool weak = false;
};

struct Arn
{
    std::string partition, service, region, account, resource;
};

struct PolicyText
{
    std::string text; // verbatim
    ojson document;
    Origin origin;
    std::string policyName; // get-role-policy
};

struct BucketInfo
{
    std::string name;
    Fact<std::string> account, region;
    Fact<std::string> partition;
    Fact<Versioning> versioning;
    Fact<bool> objectLock, bucketKey, sseCBlocked, batch;
    Fact<ObjectOwnership> ownership;
    Fact<DefaultEncryption> encryption;
    Fact<Lifecycle> lifecycle;
    Fact<std::string> defaultKey; // key ARN
    std::optional<PolicyText> policy;
    bool hasReplication = false;
};

struct RoleInfo
{
    std::string account, name;
    std::string partition = "aws";
    Fact<std::string> path;
    std::optional<PolicyText> trust, permissions;
};

struct KeyInfo
{
    std::string partition, region, account, keyId;
    std::string alias;
    Fact<KeyKind> kind;
    Fact<bool> symmetric, rotation;
    Fact<KeyState> state;
    bool described = false;
    std::optional<PolicyText> policy;
};

struct RuleInfo
{
    ReplicationRule rule; // source/destination: bucket names; role: role key; replicaKey: ARN
    Origin origin;
};

std::optional<Arn> parseArn(const std::string &text);
// "%7B%22..." (raw IAM API output) decoded to the text it encodes.
std::string percentDecode(const std::string &text);
// nlohmann's parse errors give the number of bytes read: the error is at the last one.
std::string errorPosition(const std::string &text, std::size_t bytesRead);
// A JSON string or array of strings as a list (other values give an empty list).
std::vector<std::string> stringList(const ojson &v);
bool has(const std::vector<std::string> &list, const std::string &value);

class Importer
{
public:
    std::vector<ImportProblem> problems;
    std::vector<std::string> report;
    // Roles whose policies ended up custom: what they say is not design fact, so a second build
    // infers nothing from them (a console policy granting s3:GetObjectRetention does not mean
    // the bucket uses Object Lock).
    std::set<std::size_t> customPermissions, customTrust;
    std::set<std::size_t> ignorePermissions, ignoreTrust;

    void add(const ImportInput &input);
    void declare(const ImportSubject &subject);
    Design build(const std::string &name);

private:
    void problem(const Origin &o, const std::string &message)
    {
        problems.push_back({o.input, o.location, message});
    }

    // The enum value the text of field `field` at `o` names in `table` (AWS's spelling);
    // nothing, and a problem, for a text the table lacks.
    template <typename E, std::size_t N>
    std::optional<E> known(const EnumName<E> (&table)[N], const std::string &text, const Origin &o,
                           std::string_view field)
    {
        E value{};
        if (enumValue(table, text, value))
            return value;
        problem(o, "unknown " + std::string(field) + " \"" + text + "\"");
        return std::nullopt;
    }
    template<typename T>
    void firm(Fact<T> &fact, T value, const Origin &o, const std::string &what,
              const std::string &shown)
    {
        if (fact.value && !fact.weak) {
            if (*fact.value != value)
                problem(o, "conflicting documents: " + what + " is " + shown + " here, but "
                               + fact.origin.text() + " says otherwise");
            return;
        }
        fact.value = std::move(value);
        fact.origin = o;
        fact.weak = false;
    }
    template<typename T>
    static void weak(Fact<T> &fact, T value, const Origin &o)
    {
        if (fact.value)
            return;
        fact.value = std::move(value);
        fact.origin = o;
        fact.weak = true;
    }

    BucketInfo &bucket(const std::string &name)
    {
        auto it = m_bucketIndex.find(name);
        if (it != m_bucketIndex.end())
            return m_buckets[it->second];
        m_bucketIndex[name] = m_buckets.size();
        m_buckets.push_back(BucketInfo());
        m_buckets.back().name = name;
        return m_buckets.back();
    }
    void noteAccount(const std::string &accountId)
    {
        if (!accountId.empty() && !has(m_accounts, accountId))
            m_accounts.push_back(accountId);
    }
    void notePartition(const std::string &accountId, const std::string &partition)
    {
        if (!accountId.empty() && !partition.empty())
            m_partitions.emplace(accountId, partition);
    }
    RoleInfo *roleFromArn(const std::string &text, const Origin &o);
    KeyInfo *keyFromArn(const std::string &text, const Origin &o, const std::string &account,
                        const std::string &region);
    std::optional<std::string> bucketFromArn(const std::string &text, const Origin &o,
                                             bool objectsToo);
    BucketInfo *subjectBucket(const ImportSubject &s, const Origin &o, const char *what);
    RoleInfo *subjectRole(const ImportSubject &s, const Origin &o, const std::string &roleName);
    KeyInfo *subjectKey(const ImportSubject &s, const Origin &o);
    std::optional<PolicyText> policyText(const ojson &value, const Origin &o);

    void replication(const ojson &config, const ImportSubject &s, const Origin &o,
                     const std::string &base);
    void versioning(const ojson &doc, const ImportSubject &s, const Origin &o);
    void encryption(const ojson &config, const ImportSubject &s, const Origin &o,
                    const std::string &base);
    void objectLock(const ojson &config, const ImportSubject &s, const Origin &o);
    void ownership(const ojson &config, const ImportSubject &s, const Origin &o,
                   const std::string &base);
    void lifecycle(const ojson &config, const ImportSubject &s, const Origin &o);
    void keyMetadata(const ojson &meta, const ImportSubject &s, const Origin &o,
                     const std::string &base);
    void role(const ojson &role, const Origin &o, const std::string &base);
    void rolePolicy(const ojson &doc, const ImportSubject &s, const Origin &o);
    void barePolicy(const ojson &doc, const std::string &text, const ImportSubject &s,
                    const Origin &o);
    void wrappedPolicy(const ojson &doc, const ImportSubject &s, const Origin &o);
    // The policy of the subject's key or bucket, unless it already has a different one.
    void keyPolicy(PolicyText p, const ImportSubject &s, const Origin &o);
    void bucketPolicy(PolicyText p, const ImportSubject &s, const Origin &o);

    void inferFromPermissions(const RoleInfo &role);
    void inferFromTrust(const RoleInfo &role, Design &design, const std::string &roleElement);

    std::vector<std::string> m_accounts; // in order of first appearance
    std::map<std::string, std::string> m_partitions;
    std::map<std::string, std::string> m_regionsOfAccount; // from subjects
    std::vector<BucketInfo> m_buckets;
    std::map<std::string, std::size_t> m_bucketIndex;
    std::vector<RoleInfo> m_roles; // key: account + "/" + name
    std::vector<KeyInfo> m_keys;   // key: account + region + keyId (or alias)
    std::vector<RuleInfo> m_rules;
    std::map<std::string, std::string> m_roleOfBucket; // source bucket -> role key
    std::map<std::string, Origin> m_ruleIds;           // bucket + "\n" + rule ID
};

} // namespace s3rd::model::exchange::importing
