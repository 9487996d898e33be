#include "policies/artifacts.h"

#include "core/names.h"
#include "policies/generators.h"

#include <unordered_map>
#include <unordered_set>

namespace s3rd::model {

namespace {

// Anything but the characters of AWS names becomes "_", so a file name never holds a path
// separator and never starts with a dot.
std::string safeFileComponent(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '+' ||
                        c == '=' || c == ',' || c == '@';
        out += ok ? c : '_';
    }
    if (out.empty() || out.front() == '.')
        out.insert(out.begin(), '_');
    return out;
}

std::string accountFolder(const Account &a)
{
    return names::checkAccountId(a.accountId).empty() ? a.accountId : safeFileComponent(a.id);
}

std::string bucketFileName(const Bucket &b)
{
    return names::checkBucketName(b.name).empty() ? b.name : safeFileComponent(b.id);
}

std::string roleFileName(const Role &r)
{
    return safeFileComponent(names::checkRoleName(r.name).empty() ? r.name : r.id);
}

std::string keyFileName(const KmsKey &k)
{
    constexpr std::string_view prefix = "alias/";
    if (k.alias.size() > prefix.size() && k.alias.compare(0, prefix.size(), prefix) == 0 &&
        names::checkKmsAliasName(k.alias, k.kind).empty()) {
        std::string name = k.alias.substr(prefix.size());
        for (char &c : name) {
            if (c == '/' || c == ':')
                c = '-';
        }
        return safeFileComponent(name);
    }
    if (!k.keyId.empty() && names::checkKmsKeyId(k.keyId, k.kind).empty())
        return safeFileComponent(k.keyId);
    return safeFileComponent(k.id);
}

// Per account, its elements in design order.
struct AccountElements
{
    std::vector<const Bucket *> buckets;
    std::vector<const Role *> roles;
    std::vector<const KmsKey *> keys;
};

class PathMaker
{
public:
    // "<folder>/<stem>.json"; a repeat (two elements with one name) gets the element id added.
    std::string make(const std::string &folder, const std::string &stem,
                     const std::string &elementId)
    {
        std::string path = folder + "/" + stem + ".json";
        if (m_used.insert(path).second)
            return path;
        path = folder + "/" + stem + "-" + safeFileComponent(elementId) + ".json";
        for (int n = 2; !m_used.insert(path).second; ++n)
            path = folder + "/" + stem + "-" + safeFileComponent(elementId) + "-" +
                   std::to_string(n) + ".json";
        return path;
    }

private:
    std::unordered_set<std::string> m_used;
};

void finish(Artifact &a, const Account &account, std::string path)
{
    a.account = account.id;
    a.accountId = account.accountId;
    a.path = std::move(path);
    std::size_t limit = sizeLimit(a.kind);
    a.overLimit = policySize(a) > limit;
    if (a.kind == ArtifactKind::ReplicationConfiguration && !a.custom &&
        a.document.contains("Rules") && a.document["Rules"].size() > kMaxReplicationRules)
        a.overLimit = true;
}

} // namespace

std::string_view artifactKindName(ArtifactKind kind)
{
    switch (kind) {
    case ArtifactKind::ReplicationConfiguration:
        return "replication-configuration";
    case ArtifactKind::RoleTrustPolicy:
        return "role-trust-policy";
    case ArtifactKind::RolePermissionsPolicy:
        return "role-permissions-policy";
    case ArtifactKind::KeyPolicy:
        return "key-policy";
    case ArtifactKind::BucketPolicy:
        return "bucket-policy";
    }
    return "replication-configuration";
}

std::size_t sizeLimit(ArtifactKind kind)
{
    switch (kind) {
    case ArtifactKind::ReplicationConfiguration:
        return 2 * 1024 * 1024;
    case ArtifactKind::RoleTrustPolicy:
        return 2048;
    case ArtifactKind::RolePermissionsPolicy:
        return 10240;
    case ArtifactKind::KeyPolicy:
        return 32768;
    case ArtifactKind::BucketPolicy:
        return 20480;
    }
    return 0;
}

std::size_t policySize(const Artifact &artifact)
{
    if (artifact.kind == ArtifactKind::RoleTrustPolicy ||
        artifact.kind == ArtifactKind::RolePermissionsPolicy) {
        // IAM does not count whitespace against the policy size quota.
        std::size_t n = 0;
        for (char c : artifact.text) {
            if (c != ' ' && c != '\n' && c != '\t' && c != '\r')
                ++n;
        }
        return n;
    }
    return artifact.text.size();
}

std::vector<Artifact> generateArtifacts(const Design &design)
{
    const gen::Context ctx(design);
    const DesignIndex &index = ctx.index();

    std::unordered_map<std::string_view, AccountElements> byAccount;
    byAccount.reserve(design.accounts.size());
    for (const Bucket &b : design.buckets)
        byAccount[b.account].buckets.push_back(&b);
    for (const Role &r : design.roles)
        byAccount[r.account].roles.push_back(&r);
    for (const KmsKey &k : design.keys)
        byAccount[k.account].keys.push_back(&k);

    std::vector<Artifact> out;
    out.reserve(design.buckets.size() * 2 + design.roles.size() * 2 + design.keys.size());
    PathMaker paths;
    std::unordered_set<std::string_view> seenAccounts;
    for (const Account &account : design.accounts) {
        if (!seenAccounts.insert(account.id).second)
            continue; // a duplicate id: its elements were listed under the first one
        const auto it = byAccount.find(account.id);
        if (it == byAccount.end())
            continue;
        const AccountElements &el = it->second;
        const std::string folder = accountFolder(account);

        for (const Bucket *b : el.buckets) {
            if (index.rulesFrom(b->id).empty())
                continue;
            Artifact a = gen::replicationConfiguration(ctx, *b);
            if (a.notes.empty())
                continue; // no rule with an existing destination
            finish(a, account, paths.make(folder, "replication-" + bucketFileName(*b), b->id));
            out.push_back(std::move(a));
        }
        for (const Role *r : el.roles) {
            Artifact trust = gen::roleTrustPolicy(ctx, *r);
            finish(trust, account,
                   paths.make(folder, "role-" + roleFileName(*r) + "-trust", r->id));
            out.push_back(std::move(trust));
            Artifact permissions;
            if (gen::rolePermissionsPolicy(ctx, *r, permissions)) {
                finish(permissions, account,
                       paths.make(folder, "role-" + roleFileName(*r) + "-permissions", r->id));
                out.push_back(std::move(permissions));
            }
        }
        for (const KmsKey *k : el.keys) {
            if (!gen::isCustomerManaged(*k))
                continue; // an AWS managed key's policy cannot be changed
            Artifact a = gen::keyPolicy(ctx, *k);
            finish(a, account, paths.make(folder, "key-" + keyFileName(*k), k->id));
            out.push_back(std::move(a));
        }
        for (const Bucket *b : el.buckets) {
            Artifact a;
            if (!gen::bucketPolicy(ctx, *b, a))
                continue;
            finish(a, account, paths.make(folder, "bucket-policy-" + bucketFileName(*b), b->id));
            out.push_back(std::move(a));
        }
    }
    return out;
}

} // namespace s3rd::model
