#include "exchange/importer.h"

#include "core/arn.h"
#include "core/autoarrange.h"
#include "core/elements.h"
#include "core/limits.h"
#include "core/names.h"
#include "core/textposition.h"
#include "policies/artifacts.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace s3rd::model::exchange {

namespace {

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

std::optional<Arn> parseArn(const std::string &text)
{
    std::array<std::string_view, 6> parts;
    if (!arn::split(text, parts) || parts[0] != "arn")
        return std::nullopt;
    return Arn{std::string(parts[1]), std::string(parts[2]), std::string(parts[3]),
               std::string(parts[4]), std::string(parts[5])};
}

std::string percentDecode(const std::string &text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && std::isxdigit((unsigned char)text[i + 1])
            && std::isxdigit((unsigned char)text[i + 2])) {
            out += char(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else if (text[i] == '+') {
            out += ' ';
        } else {
            out += text[i];
        }
    }
    return out;
}

// nlohmann's parse errors give the number of bytes read: the error is at the last one.
std::string errorPosition(const std::string &text, std::size_t bytesRead)
{
    return lineColumnAt(text, bytesRead == 0 ? 0 : bytesRead - 1);
}

std::vector<std::string> stringList(const ojson &v)
{
    std::vector<std::string> out;
    if (v.is_string())
        out.push_back(v.get<std::string>());
    else if (v.is_array()) {
        for (const auto &x : v) {
            if (x.is_string())
                out.push_back(x.get<std::string>());
        }
    }
    return out;
}

bool has(const std::vector<std::string> &list, const std::string &value)
{
    return std::find(list.begin(), list.end(), value) != list.end();
}

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

// get-bucket-lifecycle-configuration prints {"Rules": [...]} (and, since 2024,
// TransitionDefaultMinimumObjectSize); its rules carry lifecycle actions.
bool isLifecycleConfiguration(const ojson &doc)
{
    if (doc.contains("TransitionDefaultMinimumObjectSize"))
        return true;
    if (!doc.contains("Rules") || !doc["Rules"].is_array() || doc["Rules"].empty()
        || !doc["Rules"][0].is_object())
        return false;
    const ojson &rule = doc["Rules"][0];
    for (const char *action : {"Expiration", "Transitions", "NoncurrentVersionExpiration",
                               "NoncurrentVersionTransitions", "AbortIncompleteMultipartUpload"}) {
        if (rule.contains(action))
            return true;
    }
    return false;
}

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

RoleInfo *Importer::roleFromArn(const std::string &text, const Origin &o)
{
    const auto a = parseArn(text);
    if (!a || a->service != "iam" || a->resource.rfind("role/", 0) != 0
        || !names::checkAccountId(a->account).empty()) {
        problem(o, "not an IAM role ARN: \"" + text + "\"");
        return nullptr;
    }
    const std::string rest = a->resource.substr(5);
    const std::size_t slash = rest.rfind('/');
    const std::string name = slash == std::string::npos ? rest : rest.substr(slash + 1);
    const std::string path = slash == std::string::npos ? "/" : "/" + rest.substr(0, slash + 1);
    if (!names::checkRoleName(name).empty() || !names::checkRolePath(path).empty()) {
        problem(o, "not a valid role ARN: \"" + text + "\": " + names::checkRoleName(name)
                       + names::checkRolePath(path));
        return nullptr;
    }
    noteAccount(a->account);
    notePartition(a->account, a->partition);
    for (RoleInfo &r : m_roles) {
        if (r.account == a->account && r.name == name) {
            firm(r.path, path, o, "the path of role " + name, path);
            return &r;
        }
    }
    RoleInfo r;
    r.account = a->account;
    r.name = name;
    r.partition = a->partition;
    r.path.value = path;
    r.path.origin = o;
    m_roles.push_back(r);
    return &m_roles.back();
}

KeyInfo *Importer::keyFromArn(const std::string &text, const Origin &o, const std::string &account,
                              const std::string &region)
{
    std::string partition = "aws", keyAccount = account, keyRegion = region, id = text, alias;
    if (const auto a = parseArn(text)) {
        if (a->service != "kms" || a->region.empty() || !names::checkAccountId(a->account).empty()
            || (a->resource.rfind("key/", 0) != 0 && a->resource.rfind("alias/", 0) != 0)) {
            problem(o, "not a KMS key ARN: \"" + text + "\"");
            return nullptr;
        }
        partition = a->partition;
        keyAccount = a->account;
        keyRegion = a->region;
        if (a->resource.rfind("key/", 0) == 0)
            id = a->resource.substr(4);
        else {
            alias = a->resource;
            id.clear();
        }
    } else if (text.rfind("alias/", 0) == 0) {
        alias = text;
        id.clear();
    }
    noteAccount(keyAccount);
    notePartition(keyAccount, partition);
    for (KeyInfo &k : m_keys) {
        if (k.account == keyAccount && k.region == keyRegion
            && ((!id.empty() && k.keyId == id) || (!alias.empty() && k.alias == alias)))
            return &k;
    }
    KeyInfo k;
    k.partition = partition;
    k.account = keyAccount;
    k.region = keyRegion;
    k.keyId = id;
    k.alias = alias;
    m_keys.push_back(k);
    return &m_keys.back();
}

std::optional<std::string> Importer::bucketFromArn(const std::string &text, const Origin &o,
                                                   bool objectsToo)
{
    const auto a = parseArn(text);
    if (!a || a->service != "s3" || !a->region.empty() || !a->account.empty()) {
        if (!objectsToo)
            problem(o, "not an S3 bucket ARN: \"" + text + "\"");
        return std::nullopt;
    }
    std::string name = a->resource;
    if (const std::size_t slash = name.find('/'); slash != std::string::npos) {
        if (!objectsToo) {
            problem(o, "not an S3 bucket ARN (it names objects): \"" + text + "\"");
            return std::nullopt;
        }
        name.resize(slash);
    }
    if (!names::checkBucketName(name).empty()) {
        if (!objectsToo)
            problem(o, "\"" + name + "\": " + names::checkBucketName(name));
        return std::nullopt;
    }
    return name;
}

BucketInfo *Importer::subjectBucket(const ImportSubject &s, const Origin &o, const char *what)
{
    if (s.bucket.empty()) {
        problem(o, std::string("this ") + what
                       + " does not say which bucket it belongs to: put --bucket NAME before it");
        return nullptr;
    }
    if (const std::string error = names::checkBucketName(s.bucket); !error.empty()) {
        problem(o, "--bucket \"" + s.bucket + "\": " + error);
        return nullptr;
    }
    BucketInfo &b = bucket(s.bucket);
    if (!s.account.empty()) {
        noteAccount(s.account);
        firm(b.account, s.account, o, "the account of bucket " + s.bucket, s.account);
    }
    if (!s.region.empty())
        firm(b.region, s.region, o, "the Region of bucket " + s.bucket, s.region);
    return &b;
}

RoleInfo *Importer::subjectRole(const ImportSubject &s, const Origin &o,
                                const std::string &roleName)
{
    const std::string given = !roleName.empty() ? roleName : s.role;
    if (given.empty()) {
        problem(o, "this role policy does not say which role it belongs to: put --role NAME (or "
                   "ARN) before it");
        return nullptr;
    }
    if (given.rfind("arn:", 0) == 0)
        return roleFromArn(given, o);
    // A role name: the role of that name already seen (in the subject's account if several
    // accounts have one), or a new one in the subject's account.
    RoleInfo *found = nullptr, *inAccount = nullptr;
    int count = 0;
    for (RoleInfo &r : m_roles) {
        if (r.name != given)
            continue;
        ++count;
        found = &r;
        if (r.account == s.account)
            inAccount = &r;
    }
    if (inAccount)
        return inAccount;
    if (count == 1)
        return found;
    if (count > 1) {
        problem(o, "role name \"" + given
                       + "\" is ambiguous (several accounts): give --account or the role ARN "
                         "with --role");
        return nullptr;
    }
    if (s.account.empty()) {
        problem(o, "role \"" + given
                       + "\" is not named by any other input: give its ARN with --role, or "
                         "--account");
        return nullptr;
    }
    if (const std::string error = names::checkRoleName(given); !error.empty()) {
        problem(o, "role \"" + given + "\": " + error);
        return nullptr;
    }
    noteAccount(s.account);
    RoleInfo r;
    r.account = s.account;
    r.name = given;
    m_roles.push_back(r);
    return &m_roles.back();
}

KeyInfo *Importer::subjectKey(const ImportSubject &s, const Origin &o)
{
    if (s.key.empty()) {
        problem(o, "this key policy does not say which key it belongs to: put --key ARN before "
                   "it");
        return nullptr;
    }
    if (s.key.rfind("arn:", 0) != 0 && (s.account.empty() || s.region.empty())) {
        problem(o, "--key \"" + s.key + "\" is not an ARN: give the key ARN, or --account and "
                                        "--region with the key id");
        return nullptr;
    }
    return keyFromArn(s.key, o, s.account, s.region);
}

std::optional<PolicyText> Importer::policyText(const ojson &value, const Origin &o)
{
    PolicyText p;
    p.origin = o;
    if (value.is_string()) {
        // get-bucket-policy and get-key-policy return the policy as JSON text; raw IAM API
        // output URL-encodes it.
        std::string text = value.get<std::string>();
        std::string_view trimmed(text);
        while (!trimmed.empty() && std::isspace((unsigned char)trimmed.front()))
            trimmed.remove_prefix(1);
        if (!trimmed.empty() && trimmed.front() == '%')
            text = percentDecode(text);
        if (text.size() > limits::kMaxPolicyBytes) {
            problem(o, "the policy is " + std::to_string(text.size())
                           + " bytes; policy documents are limited to "
                           + std::to_string(limits::kMaxPolicyBytes) + " bytes");
            return std::nullopt;
        }
        if (limits::tooDeepAt(text) != std::string_view::npos) {
            problem(o, "the policy is nested more than " + std::to_string(limits::kMaxDepth)
                           + " levels deep; this is not a policy");
            return std::nullopt;
        }
        p.document = ojson::parse(text, nullptr, false);
        if (p.document.is_discarded()) {
            try {
                const ojson strict = ojson::parse(text);
                (void)strict;
            } catch (const nlohmann::json::parse_error &e) {
                problem(o, "the policy text is not JSON (" + errorPosition(text, e.byte)
                               + " of the policy)");
                return std::nullopt;
            }
        }
        p.text = text;
    } else if (value.is_object()) {
        p.document = value;
        p.text = value.dump(2) + "\n";
        if (p.text.size() > limits::kMaxPolicyBytes) {
            problem(o, "the policy is " + std::to_string(p.text.size())
                           + " bytes; policy documents are limited to "
                           + std::to_string(limits::kMaxPolicyBytes) + " bytes");
            return std::nullopt;
        }
    } else {
        problem(o, "expected a policy (a JSON object, or its text)");
        return std::nullopt;
    }
    if (!p.document.is_object() || !p.document.contains("Statement")) {
        problem(o, "not a policy: it has no \"Statement\"");
        return std::nullopt;
    }
    return p;
}

// --- Inputs ---

void Importer::add(const ImportInput &input)
{
    Origin o{input.name, ""};
    if (input.text.size() > limits::kMaxFileBytes) {
        problem(o, "the input is " + std::to_string(input.text.size() >> 20)
                       + " MB; inputs are limited to "
                       + std::to_string(limits::kMaxFileBytes >> 20) + " MB");
        return;
    }
    if (const std::size_t deep = limits::tooDeepAt(input.text); deep != std::string::npos) {
        problem({input.name, lineColumnAt(input.text, deep)},
                "nested more than " + std::to_string(limits::kMaxDepth)
                    + " levels deep; this is not an AWS CLI output");
        return;
    }
    ojson doc;
    try {
        doc = ojson::parse(input.text);
    } catch (const nlohmann::json::parse_error &e) {
        const std::string what = e.what();
        const std::size_t colon = what.rfind(": ");
        problem({input.name, errorPosition(input.text, e.byte)},
                "not JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2)));
        return;
    }
    if (!doc.is_object()) {
        problem(o, "expected a JSON object (an AWS CLI output or a document)");
        return;
    }
    const ImportSubject &s = input.subject;
    const auto at = [&](const std::string &location) { return Origin{input.name, location}; };
    if (doc.contains("ReplicationConfiguration"))
        replication(doc["ReplicationConfiguration"], s, at("ReplicationConfiguration"),
                    "ReplicationConfiguration");
    else if (doc.contains("Rules") && doc.contains("Role"))
        replication(doc, s, o, "");
    else if (doc.contains("ServerSideEncryptionConfiguration"))
        encryption(doc["ServerSideEncryptionConfiguration"], s,
                   at("ServerSideEncryptionConfiguration"), "ServerSideEncryptionConfiguration");
    else if (doc.contains("Rules") && doc["Rules"].is_array() && !doc["Rules"].empty()
             && doc["Rules"][0].is_object()
             && doc["Rules"][0].contains("ApplyServerSideEncryptionByDefault"))
        encryption(doc, s, o, "");
    else if (doc.contains("OwnershipControls"))
        ownership(doc["OwnershipControls"], s, at("OwnershipControls"), "OwnershipControls");
    else if (doc.contains("Rules") && doc["Rules"].is_array() && !doc["Rules"].empty()
             && doc["Rules"][0].is_object() && doc["Rules"][0].contains("ObjectOwnership"))
        ownership(doc, s, o, "");
    else if (isLifecycleConfiguration(doc))
        lifecycle(doc, s, o);
    else if (doc.contains("ObjectLockConfiguration"))
        objectLock(doc["ObjectLockConfiguration"], s, at("ObjectLockConfiguration"));
    else if (doc.contains("ObjectLockEnabled"))
        objectLock(doc, s, o);
    else if (doc.contains("KeyMetadata"))
        keyMetadata(doc["KeyMetadata"], s, at("KeyMetadata"), "KeyMetadata");
    else if (doc.contains("KeyId") && doc.contains("Arn") && doc.contains("KeyManager"))
        keyMetadata(doc, s, o, "");
    else if (doc.contains("KeyRotationEnabled")) {
        if (KeyInfo *k = subjectKey(s, o); k && doc["KeyRotationEnabled"].is_boolean())
            firm(k->rotation, doc["KeyRotationEnabled"].get<bool>(), at("KeyRotationEnabled"),
                 "the rotation of key " + k->keyId, "set");
    } else if (doc.contains("Role") && doc["Role"].is_object())
        role(doc["Role"], o, "Role");
    else if (doc.contains("RoleName") && doc.contains("AssumeRolePolicyDocument"))
        role(doc, o, "");
    else if (doc.contains("PolicyDocument"))
        rolePolicy(doc, s, o);
    else if (doc.contains("Policy"))
        wrappedPolicy(doc, s, o);
    else if (doc.contains("Statement"))
        barePolicy(doc, input.text, s, o);
    else if (doc.contains("Status") || doc.contains("MFADelete"))
        versioning(doc, s, o);
    else if (doc.empty())
        problem(o, "an empty object: for a bucket that was never versioned, get-bucket-versioning "
                   "prints nothing; give such a bucket with --bucket NAME alone");
    else
        problem(o, "not an AWS CLI output this importer knows (get-bucket-replication, "
                   "get-bucket-versioning, get-bucket-encryption, get-bucket-policy, "
                   "get-object-lock-configuration, get-bucket-ownership-controls, "
                   "get-bucket-lifecycle-configuration, kms "
                   "describe-key, get-key-policy, iam get-role, get-role-policy) nor a bare "
                   "document of one (first key: \""
                       + doc.begin().key() + "\")");
}

void Importer::declare(const ImportSubject &s)
{
    const Origin o{"command line", ""};
    if (!s.bucket.empty())
        subjectBucket(s, o, "declaration");
    else if (!s.role.empty() && s.role.rfind("arn:", 0) == 0)
        roleFromArn(s.role, o);
    else if (!s.key.empty())
        subjectKey(s, o);
    else if (!s.account.empty())
        noteAccount(s.account);
}

void Importer::replication(const ojson &config, const ImportSubject &s, const Origin &o,
                           const std::string &base)
{
    const auto loc = [&](const std::string &rest) {
        return Origin{o.input, base.empty() ? rest : base + "." + rest};
    };
    if (!config.is_object() || !config.contains("Role") || !config["Role"].is_string()) {
        problem(loc("Role"), "a replication configuration needs \"Role\" (the role ARN)");
        return;
    }
    if (!config.contains("Rules") || !config["Rules"].is_array() || config["Rules"].empty()) {
        problem(loc("Rules"), "a replication configuration needs a non-empty \"Rules\" array");
        return;
    }
    BucketInfo *src = subjectBucket(s, o, "replication configuration");
    RoleInfo *role = roleFromArn(config["Role"].get<std::string>(), loc("Role"));
    if (!src || !role)
        return;
    const std::string sourceName = src->name;
    if (src->hasReplication) {
        problem(o, "conflicting documents: a second replication configuration for bucket "
                       + sourceName);
        return;
    }
    src->hasReplication = true;
    // The role must be in the source bucket's account (reference §2).
    firm(bucket(sourceName).account, role->account, loc("Role"),
         "the account of bucket " + sourceName, role->account);
    weak(bucket(sourceName).partition, role->partition, loc("Role"));
    m_roleOfBucket[sourceName] = role->account + "/" + role->name;

    const ojson &rules = config["Rules"];
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const std::string at = "Rules[" + std::to_string(i) + "]";
        const ojson &r = rules[i];
        const auto here = [&](const std::string &rest) {
            return loc(rest.empty() ? at : at + "." + rest);
        };
        if (!r.is_object()) {
            problem(here(""), "expected a rule object");
            continue;
        }
        RuleInfo info;
        info.origin = here("");
        ReplicationRule &rule = info.rule;
        rule.source = sourceName;
        rule.role = m_roleOfBucket[sourceName];
        rule.ruleId = r.value("ID", std::string());
        if (!rule.ruleId.empty()) {
            const std::string key = sourceName + "\n" + rule.ruleId;
            if (auto [it, fresh] = m_ruleIds.emplace(key, here("ID")); !fresh) {
                problem(here("ID"), "rule ID \"" + rule.ruleId + "\" is used twice (also at "
                                        + it->second.location + ")");
                continue;
            }
        }
        const std::string status = r.value("Status", std::string());
        if (status != "Enabled" && status != "Disabled") {
            problem(here("Status"), "\"Status\" must be \"Enabled\" or \"Disabled\"");
            continue;
        }
        rule.enabled = status == "Enabled";
        const bool v2 = r.contains("Filter");
        if (v2 && r.contains("Prefix")) {
            problem(here("Prefix"), "a rule cannot have both the V1 \"Prefix\" and a \"Filter\"");
            continue;
        }
        if (r.contains("Priority")) {
            if (!r["Priority"].is_number_integer()) {
                problem(here("Priority"), "\"Priority\" must be an integer");
                continue;
            }
            rule.priority = r["Priority"].get<int>();
        } else {
            rule.priority = int(i) + 1;
        }
        if (v2) {
            const ojson &f = r["Filter"];
            if (!f.is_object()) {
                problem(here("Filter"), "\"Filter\" must be an object");
                continue;
            }
            const auto tagOf = [&](const ojson &t, const std::string &where) -> std::optional<Tag> {
                if (!t.is_object() || !t.contains("Key") || !t["Key"].is_string()
                    || !t.contains("Value") || !t["Value"].is_string()) {
                    problem(here(where), "a tag needs string \"Key\" and \"Value\"");
                    return std::nullopt;
                }
                return Tag{t["Key"].get<std::string>(), t["Value"].get<std::string>()};
            };
            int members = 0;
            if (f.contains("Prefix")) {
                ++members;
                rule.filterPrefix = f.value("Prefix", std::string());
            }
            if (f.contains("Tag")) {
                ++members;
                if (auto t = tagOf(f["Tag"], "Filter.Tag"))
                    rule.filterTags.push_back(*t);
                else
                    continue;
            }
            if (f.contains("And")) {
                ++members;
                const ojson &a = f["And"];
                rule.filterPrefix = a.value("Prefix", std::string());
                if (a.contains("Tags") && a["Tags"].is_array()) {
                    for (std::size_t t = 0; t < a["Tags"].size(); ++t) {
                        if (auto tag = tagOf(a["Tags"][t],
                                             "Filter.And.Tags[" + std::to_string(t) + "]"))
                            rule.filterTags.push_back(*tag);
                    }
                }
            }
            if (members > 1) {
                problem(here("Filter"), "a Filter holds exactly one of Prefix, Tag or And");
                continue;
            }
            const std::string dm =
                r.contains("DeleteMarkerReplication")
                    ? r["DeleteMarkerReplication"].value("Status", std::string("Disabled"))
                    : std::string("Disabled");
            rule.deleteMarkerReplication = dm == "Enabled";
        } else {
            // V1: a rule-level Prefix and no Filter; regenerated as V2 (the checklist explains).
            rule.importedAsV1 = true;
            rule.filterPrefix = r.value("Prefix", std::string());
        }
        if (r.contains("SourceSelectionCriteria")) {
            const ojson &ssc = r["SourceSelectionCriteria"];
            rule.replicateKmsObjects =
                ssc.contains("SseKmsEncryptedObjects")
                && ssc["SseKmsEncryptedObjects"].value("Status", std::string()) == "Enabled";
            rule.replicaModificationSync =
                ssc.contains("ReplicaModifications")
                && ssc["ReplicaModifications"].value("Status", std::string()) == "Enabled";
        }
        if (r.contains("ExistingObjectReplication"))
            report.push_back(here("ExistingObjectReplication").text()
                             + ": ExistingObjectReplication is no longer supported by S3 and is "
                               "dropped; existing objects need S3 Batch Replication");
        if (!r.contains("Destination") || !r["Destination"].is_object()
            || !r["Destination"].contains("Bucket") || !r["Destination"]["Bucket"].is_string()) {
            problem(here("Destination"), "a rule needs \"Destination\" with a \"Bucket\" ARN");
            continue;
        }
        const ojson &d = r["Destination"];
        const auto dstName = bucketFromArn(d["Bucket"].get<std::string>(),
                                           here("Destination.Bucket"), false);
        if (!dstName)
            continue;
        rule.destination = *dstName;
        BucketInfo &dst = bucket(*dstName);
        if (const auto a = parseArn(d["Bucket"].get<std::string>()))
            weak(dst.partition, a->partition, here("Destination.Bucket"));
        if (d.contains("Account")) {
            const std::string account = d["Account"].is_string() ? d["Account"].get<std::string>()
                                                                  : std::string();
            if (!names::checkAccountId(account).empty()) {
                problem(here("Destination.Account"), "not a 12-digit account id");
                continue;
            }
            noteAccount(account);
            firm(dst.account, account, here("Destination.Account"),
                 "the account of bucket " + *dstName, account);
        }
        if (d.contains("StorageClass"))
            rule.storageClass = d.value("StorageClass", std::string());
        if (d.contains("AccessControlTranslation"))
            rule.ownerOverride =
                d["AccessControlTranslation"].value("Owner", std::string()) == "Destination";
        if (d.contains("EncryptionConfiguration")
            && d["EncryptionConfiguration"].contains("ReplicaKmsKeyID")) {
            const std::string keyArn =
                d["EncryptionConfiguration"].value("ReplicaKmsKeyID", std::string());
            KeyInfo *k = keyFromArn(keyArn, here("Destination.EncryptionConfiguration"),
                                    dst.account.value.value_or(""), dst.region.value.value_or(""));
            if (!k)
                continue;
            rule.replicaKey = keyArn;
            // The replica key must be in the destination's Region: its ARN says where that is.
            if (!k->region.empty())
                weak(dst.region, k->region, here("Destination.EncryptionConfiguration"));
        }
        if (d.contains("ReplicationTime"))
            rule.replicationTimeControl =
                d["ReplicationTime"].value("Status", std::string()) == "Enabled";
        if (d.contains("Metrics"))
            rule.metrics = d["Metrics"].value("Status", std::string()) == "Enabled";
        m_rules.push_back(std::move(info));
    }
}

void Importer::versioning(const ojson &doc, const ImportSubject &s, const Origin &o)
{
    BucketInfo *b = subjectBucket(s, o, "versioning output");
    if (!b)
        return;
    const std::string status = doc.value("Status", std::string());
    Versioning v = Versioning::Unversioned;
    if (status == "Enabled")
        v = Versioning::Enabled;
    else if (status == "Suspended")
        v = Versioning::Suspended;
    else if (!status.empty()) {
        problem({o.input, "Status"}, "versioning \"Status\" must be Enabled or Suspended");
        return;
    }
    firm(b->versioning, v, {o.input, "Status"}, "the versioning of bucket " + b->name,
         status.empty() ? "off" : status);
}

void Importer::encryption(const ojson &config, const ImportSubject &s, const Origin &o,
                          const std::string &base)
{
    BucketInfo *b = subjectBucket(s, o, "encryption output");
    if (!b)
        return;
    const std::string name = b->name;
    const std::string at = base.empty() ? "Rules[0]" : base + ".Rules[0]";
    if (!config.contains("Rules") || !config["Rules"].is_array() || config["Rules"].empty()
        || !config["Rules"][0].is_object()) {
        problem({o.input, base.empty() ? "Rules" : base + ".Rules"},
                "expected a non-empty \"Rules\" array");
        return;
    }
    const ojson &rule = config["Rules"][0];
    const ojson def = rule.value("ApplyServerSideEncryptionByDefault", ojson::object());
    const std::string algorithm = def.value("SSEAlgorithm", std::string());
    const Origin here{o.input, at + ".ApplyServerSideEncryptionByDefault.SSEAlgorithm"};
    DefaultEncryption e;
    if (algorithm == "AES256")
        e = DefaultEncryption::SseS3;
    else if (algorithm == "aws:kms")
        e = DefaultEncryption::SseKms;
    else if (algorithm == "aws:kms:dsse")
        e = DefaultEncryption::DsseKms;
    else {
        problem(here, "unknown SSEAlgorithm \"" + algorithm + "\"");
        return;
    }
    firm(bucket(name).encryption, e, here, "the default encryption of bucket " + name, algorithm);
    if (e != DefaultEncryption::SseS3) {
        const std::string key = def.value("KMSMasterKeyID", std::string());
        if (key.empty()) {
            // No key: S3 uses the AWS managed key aws/s3 of the bucket's account.
            report.push_back(o.text() + ": bucket " + name
                             + " encrypts with the AWS managed key aws/s3; it is added as an "
                               "AWS managed key once the bucket's account and Region are known");
            bucket(name).defaultKey.value = "aws/s3";
            bucket(name).defaultKey.origin = here;
        } else {
            BucketInfo &bi = bucket(name);
            KeyInfo *k = keyFromArn(key, {o.input, at + ".ApplyServerSideEncryptionByDefault"},
                                    bi.account.value.value_or(""), bi.region.value.value_or(""));
            if (k)
                firm(bucket(name).defaultKey, key, here, "the default key of bucket " + name, key);
        }
    }
    if (rule.contains("BucketKeyEnabled") && rule["BucketKeyEnabled"].is_boolean())
        firm(bucket(name).bucketKey, rule["BucketKeyEnabled"].get<bool>(),
             {o.input, at + ".BucketKeyEnabled"}, "the Bucket Key of bucket " + name, "set");
    if (rule.contains("BlockedEncryptionTypes")) {
        const auto types = stringList(rule["BlockedEncryptionTypes"].value("EncryptionType",
                                                                            ojson::array()));
        firm(bucket(name).sseCBlocked, has(types, "SSE-C"),
             {o.input, at + ".BlockedEncryptionTypes"}, "SSE-C blocking of bucket " + name, "set");
    }
}

void Importer::objectLock(const ojson &config, const ImportSubject &s, const Origin &o)
{
    BucketInfo *b = subjectBucket(s, o, "Object Lock output");
    if (!b)
        return;
    firm(b->objectLock, config.value("ObjectLockEnabled", std::string()) == "Enabled",
         {o.input, o.location.empty() ? "ObjectLockEnabled" : o.location + ".ObjectLockEnabled"},
         "Object Lock of bucket " + b->name, "set");
}

void Importer::ownership(const ojson &config, const ImportSubject &s, const Origin &o,
                         const std::string &base)
{
    BucketInfo *b = subjectBucket(s, o, "ownership controls output");
    if (!b)
        return;
    const Origin here{o.input, (base.empty() ? "" : base + ".") + "Rules[0].ObjectOwnership"};
    const ojson rules = config.value("Rules", ojson::array());
    const std::string value =
        rules.is_array() && !rules.empty() ? rules[0].value("ObjectOwnership", std::string()) : "";
    ObjectOwnership own;
    if (value == "BucketOwnerEnforced")
        own = ObjectOwnership::BucketOwnerEnforced;
    else if (value == "BucketOwnerPreferred")
        own = ObjectOwnership::BucketOwnerPreferred;
    else if (value == "ObjectWriter")
        own = ObjectOwnership::ObjectWriter;
    else {
        problem(here, "unknown ObjectOwnership \"" + value + "\"");
        return;
    }
    firm(b->ownership, own, here, "the object ownership of bucket " + b->name, value);
}

void Importer::lifecycle(const ojson &config, const ImportSubject &s, const Origin &o)
{
    BucketInfo *b = subjectBucket(s, o, "lifecycle configuration output");
    if (!b)
        return;
    // Replication skips objects in S3 Glacier Flexible Retrieval (GLACIER) and S3 Glacier Deep
    // Archive (DEEP_ARCHIVE); Glacier Instant Retrieval objects replicate.
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-what-is-isnot-replicated.html
    Lifecycle found = Lifecycle::None;
    const ojson rules = config.value("Rules", ojson::array());
    for (std::size_t i = 0; rules.is_array() && i < rules.size(); ++i) {
        const ojson &rule = rules[i];
        if (!rule.is_object() || rule.value("Status", std::string()) != "Enabled")
            continue;
        if (found == Lifecycle::None)
            found = Lifecycle::Rules;
        for (const char *list : {"Transitions", "NoncurrentVersionTransitions"}) {
            const ojson transitions = rule.value(list, ojson::array());
            for (std::size_t t = 0; transitions.is_array() && t < transitions.size(); ++t) {
                const std::string cls = transitions[t].is_object()
                                            ? transitions[t].value("StorageClass", std::string())
                                            : std::string();
                if (cls == "GLACIER" || cls == "DEEP_ARCHIVE")
                    found = Lifecycle::GlacierTransitions;
            }
        }
    }
    firm(b->lifecycle, found, {o.input, "Rules"}, "the lifecycle rules of bucket " + b->name,
         "set");
}

void Importer::keyMetadata(const ojson &meta, const ImportSubject &s, const Origin &o,
                           const std::string &base)
{
    const Origin arnAt{o.input, base.empty() ? "Arn" : base + ".Arn"};
    if (!meta.is_object() || !meta.contains("Arn") || !meta["Arn"].is_string()) {
        problem(arnAt, "describe-key output needs the key \"Arn\"");
        return;
    }
    KeyInfo *k = keyFromArn(meta["Arn"].get<std::string>(), arnAt, s.account, s.region);
    if (!k)
        return;
    if (k->keyId.empty()) {
        problem(arnAt, "describe-key output must give the key ARN, not an alias ARN");
        return;
    }
    k->described = true;
    const bool aws = meta.value("KeyManager", std::string()) == "AWS";
    KeyKind kind = aws ? KeyKind::AwsManaged : KeyKind::CustomerManaged;
    if (meta.value("MultiRegion", false)) {
        const std::string type = meta.contains("MultiRegionConfiguration")
                                     ? meta["MultiRegionConfiguration"].value("MultiRegionKeyType",
                                                                              std::string())
                                     : std::string();
        kind = type == "REPLICA" ? KeyKind::MultiRegionReplica : KeyKind::MultiRegionPrimary;
    }
    firm(k->kind, kind, o, "the kind of key " + k->keyId, "set");
    const std::string spec = meta.value("KeySpec", meta.value("CustomerMasterKeySpec",
                                                              std::string("SYMMETRIC_DEFAULT")));
    firm(k->symmetric, spec == "SYMMETRIC_DEFAULT", o, "the key spec of key " + k->keyId, spec);
    if (aws && k->alias.empty()
        && meta.value("Description", std::string()).find("S3") != std::string::npos) {
        // The AWS managed key of S3 describes itself as "Default key that protects my S3
        // objects when no other key is defined".
        k->alias = "alias/aws/s3";
    }
    if (aws)
        weak(k->rotation, true, o); // AWS rotates AWS managed keys every year
    if (meta.contains("KeyState") && meta["KeyState"].is_string()) {
        // S3 can use only an Enabled key; a key being created, imported or updated, or whose
        // custom key store is unavailable, fails like a disabled one.
        // https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
        const std::string state = meta["KeyState"].get<std::string>();
        const KeyState value = state == "Enabled" ? KeyState::Enabled
                               : state == "PendingDeletion" || state == "PendingReplicaDeletion"
                                   ? KeyState::PendingDeletion
                                   : KeyState::Disabled;
        if (value == KeyState::Disabled && state != "Disabled")
            report.push_back("key " + k->keyId + ": KeyState " + state
                             + " recorded as disabled (S3 cannot use the key in that state)");
        firm(k->state, value, {o.input, base.empty() ? "KeyState" : base + ".KeyState"},
             "the state of key " + k->keyId, state);
    }
}

void Importer::role(const ojson &r, const Origin &o, const std::string &base)
{
    const Origin arnAt{o.input, base.empty() ? "Arn" : base + ".Arn"};
    if (!r.contains("Arn") || !r["Arn"].is_string()) {
        problem(arnAt, "get-role output needs the role \"Arn\"");
        return;
    }
    RoleInfo *role = roleFromArn(r["Arn"].get<std::string>(), arnAt);
    if (!role)
        return;
    const std::size_t index = std::size_t(role - m_roles.data());
    if (r.contains("AssumeRolePolicyDocument")) {
        auto p = policyText(r["AssumeRolePolicyDocument"],
                            {o.input, (base.empty() ? "" : base + ".") + "AssumeRolePolicyDocument"});
        if (!p)
            return;
        RoleInfo &target = m_roles[index];
        if (target.trust && target.trust->document != p->document) {
            problem(p->origin, "conflicting documents: the trust policy of role " + target.name
                                   + " differs from " + target.trust->origin.text());
            return;
        }
        target.trust = std::move(p);
    }
}

void Importer::rolePolicy(const ojson &doc, const ImportSubject &s, const Origin &o)
{
    RoleInfo *role = subjectRole(s, o, doc.value("RoleName", std::string()));
    if (!role)
        return;
    const std::size_t index = std::size_t(role - m_roles.data());
    auto p = policyText(doc["PolicyDocument"], {o.input, "PolicyDocument"});
    if (!p)
        return;
    p->policyName = doc.value("PolicyName", std::string());
    RoleInfo &target = m_roles[index];
    if (target.permissions) {
        if (target.permissions->document == p->document)
            return;
        problem(o, "role " + target.name + " has a second inline policy \"" + p->policyName
                       + "\" besides \"" + target.permissions->policyName + "\" ("
                       + target.permissions->origin.text()
                       + "); a design holds one permissions policy per role: import the one "
                         "replication uses");
        return;
    }
    target.permissions = std::move(p);
}

void Importer::wrappedPolicy(const ojson &doc, const ImportSubject &s, const Origin &o)
{
    auto p = policyText(doc["Policy"], {o.input, "Policy"});
    if (!p)
        return;
    // get-key-policy names its PolicyName ("default"); get-bucket-policy does not.
    const bool keyPolicy = doc.contains("PolicyName") || (!s.key.empty() && s.bucket.empty());
    if (keyPolicy) {
        KeyInfo *k = subjectKey(s, o);
        if (!k)
            return;
        if (k->policy && k->policy->document != p->document) {
            problem(o, "conflicting documents: a second key policy for the same key ("
                           + k->policy->origin.text() + ")");
            return;
        }
        k->policy = std::move(p);
        return;
    }
    BucketInfo *b = subjectBucket(s, o, "bucket policy");
    if (!b)
        return;
    if (b->policy && b->policy->document != p->document) {
        problem(o, "conflicting documents: a second bucket policy for bucket " + b->name + " ("
                       + b->policy->origin.text() + ")");
        return;
    }
    b->policy = std::move(p);
}

void Importer::barePolicy(const ojson &doc, const std::string &text, const ImportSubject &s,
                          const Origin &o)
{
    auto p = policyText(doc, o);
    if (!p)
        return;
    p->text = text; // verbatim, exactly as the file holds it
    if (!s.bucket.empty()) {
        ojson wrapper = ojson::object();
        BucketInfo *b = subjectBucket(s, o, "bucket policy");
        if (!b)
            return;
        if (b->policy && b->policy->document != p->document) {
            problem(o, "conflicting documents: a second bucket policy for bucket " + b->name
                           + " (" + b->policy->origin.text() + ")");
            return;
        }
        b->policy = std::move(p);
        return;
    }
    if (!s.key.empty()) {
        KeyInfo *k = subjectKey(s, o);
        if (!k)
            return;
        if (k->policy && k->policy->document != p->document) {
            problem(o, "conflicting documents: a second key policy for the same key ("
                           + k->policy->origin.text() + ")");
            return;
        }
        k->policy = std::move(p);
        return;
    }
    if (!s.role.empty()) {
        RoleInfo *role = subjectRole(s, o, "");
        if (!role)
            return;
        // A trust policy lets a principal assume the role; a permissions policy has no Principal.
        bool trust = false;
        const ojson statements =
            doc["Statement"].is_array() ? doc["Statement"] : ojson::array({doc["Statement"]});
        for (const auto &st : statements)
            trust = trust || (st.is_object() && st.contains("Principal"));
        auto &slot = trust ? role->trust : role->permissions;
        if (slot && slot->document != p->document) {
            problem(o, std::string("conflicting documents: a second ")
                           + (trust ? "trust" : "permissions") + " policy for role " + role->name
                           + " (" + slot->origin.text() + ")");
            return;
        }
        slot = std::move(p);
        return;
    }
    problem(o, "a bare policy document does not say what it belongs to: put --bucket NAME, "
               "--key ARN or --role NAME before it");
}

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

} // namespace

ImportResult importDocuments(const std::vector<ImportInput> &inputs,
                             const std::vector<ImportSubject> &declarations,
                             const std::string &designName)
{
    if (inputs.size() + declarations.size() > limits::kMaxElements) {
        ImportResult tooMany;
        tooMany.problems.push_back(
            {"", "", std::to_string(inputs.size()) + " inputs and " + std::to_string(declarations.size())
                         + " subjects; an import takes at most "
                         + std::to_string(limits::kMaxElements) + " together"});
        return tooMany;
    }
    // Subject options come from the command line, not from JSON, so nothing has checked their
    // encoding yet; a design file holds UTF-8 only.
    ImportResult badText;
    const auto checkText = [&](const ImportSubject &s, const std::string &input) {
        const std::pair<const char *, const std::string *> fields[] = {
            {"account", &s.account}, {"region", &s.region}, {"bucket", &s.bucket},
            {"role", &s.role},       {"key", &s.key}};
        for (const auto &[option, value] : fields) {
            if (!names::isValidUtf8(*value))
                badText.problems.push_back(
                    {input, std::string("--") + option, "is not valid UTF-8 text"});
        }
    };
    for (const ImportSubject &s : declarations)
        checkText(s, "command line");
    for (const ImportInput &input : inputs)
        checkText(input.subject, input.name);
    if (!badText.problems.empty())
        return badText;
    Importer importer;
    for (const ImportSubject &s : declarations)
        importer.declare(s);
    for (const ImportInput &input : inputs)
        importer.add(input);
    ImportResult result;
    if (importer.problems.empty() && inputs.empty() && declarations.empty())
        importer.problems.push_back({"", "", "nothing to import: give at least one input"});
    if (!importer.problems.empty()) {
        result.problems = std::move(importer.problems);
        return result;
    }
    Importer first = importer;
    result.design = first.build(designName);
    Importer *final = &first;
    Importer second = importer;
    if (!first.customPermissions.empty() || !first.customTrust.empty()) {
        second.ignorePermissions = first.customPermissions;
        second.ignoreTrust = first.customTrust;
        result.design = second.build(designName);
        final = &second;
    }
    result.problems = std::move(final->problems);
    if (!result.problems.empty())
        result.design = Design();
    result.report = std::move(final->report);
    return result;
}

ImportResult importFiles(const std::vector<std::pair<std::string, ImportSubject>> &files,
                         const std::vector<ImportSubject> &declarations,
                         const std::string &designName)
{
    std::vector<ImportInput> inputs;
    std::vector<ImportProblem> problems;
    for (const auto &[path, subject] : files) {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            problems.push_back({path, "", "cannot read the file"});
            continue;
        }
        // Read at most one byte more than the limit: a huge file (or /dev/zero) is refused by
        // importDocuments() without being read whole.
        std::string text;
        char buffer[65536];
        while (text.size() <= limits::kMaxFileBytes && in.read(buffer, sizeof buffer).gcount() > 0)
            text.append(buffer, std::size_t(in.gcount()));
        inputs.push_back({path, std::move(text), subject});
    }
    if (!problems.empty()) {
        ImportResult result;
        result.problems = std::move(problems);
        return result;
    }
    return importDocuments(inputs, declarations, designName);
}

} // namespace s3rd::model::exchange
