#include "policies/artifacts.h"

#include "core/enumnames.h"
#include "core/names.h"
#include "policies/generators.h"
#include "policies/artifactsubset.h"
#include "policies/policywriter.h"

#include <algorithm>
#include <optional>
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

std::string plainPath(const std::string &folder, const std::string &stem)
{
    std::string path;
    path.reserve(folder.size() + stem.size() + 6);
    path += folder;
    path += '/';
    path += stem;
    path += ".json";
    return path;
}

// Every artifact's path is "<folder>/<stem>.json"; a repeat (two elements with one name) gets
// the element id added. Returns whether any was renamed.
bool makePathsUnique(std::vector<Artifact> &artifacts)
{
    std::vector<std::string_view> sorted;
    sorted.reserve(artifacts.size());
    for (const Artifact &a : artifacts)
        sorted.push_back(a.path);
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end())
        return false; // the usual case: every name is unique

    // In order, the first of a name keeps it; later ones (and any name taken by such a rename)
    // get the element id, then a number.
    std::unordered_set<std::string> used;
    for (Artifact &a : artifacts) {
        if (used.insert(a.path).second)
            continue;
        const std::string base =
            a.path.substr(0, a.path.size() - std::string_view(".json").size()) + "-" +
            safeFileComponent(a.element);
        std::string path = base + ".json";
        for (int n = 2; !used.insert(path).second; ++n)
            path = base + "-" + std::to_string(n) + ".json";
        a.path = std::move(path);
    }
    return true;
}

void finish(Artifact &a, const Account &account)
{
    a.account = account.id;
    a.accountId = account.accountId;
    std::size_t limit = sizeLimit(a.kind);
    // A managed policy may already be marked: its role needs too many of them.
    a.overLimit = a.overLimit || policySize(a) > limit;
    // A replication configuration has one note per rule.
    if (a.kind == ArtifactKind::ReplicationConfiguration && !a.custom &&
        a.notes.size() > kMaxReplicationRules)
        a.overLimit = true;
}

} // namespace

std::string_view artifactPurpose(ArtifactKind kind)
{
    static constexpr EnumName<ArtifactKind> kPurposes[] = {
        {ArtifactKind::ReplicationConfiguration,
         "replication configuration (aws s3api put-bucket-replication)"},
        {ArtifactKind::RoleTrustPolicy, "role trust policy (who may assume the replication role)"},
        {ArtifactKind::RolePermissionsPolicy,
         "role permissions policy (inline policy of the replication role)"},
        {ArtifactKind::KeyPolicy, "KMS key policy"},
        {ArtifactKind::BucketPolicy,
         "destination bucket policy (added by the destination account)"},
        {ArtifactKind::RoleManagedPolicy,
         "customer managed policy (part of the role's permissions, attached to the role)"}};
    return enumName(kPurposes, kind);
}

std::string_view artifactKindName(ArtifactKind kind)
{
    static constexpr EnumName<ArtifactKind> kNames[] = {
        {ArtifactKind::ReplicationConfiguration, "replication-configuration"},
        {ArtifactKind::RoleTrustPolicy, "role-trust-policy"},
        {ArtifactKind::RolePermissionsPolicy, "role-permissions-policy"},
        {ArtifactKind::KeyPolicy, "key-policy"}, {ArtifactKind::BucketPolicy, "bucket-policy"},
        {ArtifactKind::RoleManagedPolicy, "role-managed-policy"}};
    return enumName(kNames, kind);
}

const nlohmann::ordered_json &Artifact::document() const
{
    if (!m_document) {
        auto parsed = nlohmann::ordered_json::parse(text, nullptr, false);
        if (parsed.is_discarded())
            parsed = nullptr;
        m_document = std::make_shared<const nlohmann::ordered_json>(std::move(parsed));
    }
    return *m_document;
}

void Artifact::shareDocumentOf(const Artifact &same)
{
    if (same.m_document)
        m_document = same.m_document;
}

std::size_t sizeLimit(ArtifactKind kind)
{
    switch (kind) {
    case ArtifactKind::ReplicationConfiguration:
        return 2 * 1024 * 1024;
    case ArtifactKind::RoleTrustPolicy:
        return 2048;
    // IAM and AWS STS quotas: "Role policy size: 10,240 characters" (every inline policy of a
    // role together) and "Managed policy size: 6,144 characters"; "IAM doesn't count white
    // space when calculating the size of a policy against these limits."
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
    case ArtifactKind::RolePermissionsPolicy:
        return 10240;
    case ArtifactKind::RoleManagedPolicy:
        return 6144;
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
        artifact.kind == ArtifactKind::RolePermissionsPolicy ||
        artifact.kind == ArtifactKind::RoleManagedPolicy)
        return policy::nonWhitespaceSize(artifact.text); // IAM does not count whitespace
    return artifact.text.size();
}

std::vector<Artifact> gen::assembleArtifacts(const Context &ctx, ArtifactReuse *reuse,
                                             bool *anyRenamed)
{
    const Design &design = ctx.design();
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
    // The paths of reused artifacts stand as they are when none was renamed last time.
    const bool reusePaths = reuse && reuse->pathsArePlain();
    // One artifact of an element, generated (or, for an element the edit did not affect, as
    // it was), then named.
    const auto add = [&](ArtifactKind kind, const std::string &elementId, const Account &account,
                         const std::string &folder, auto &&stem, auto &&generate) {
        std::optional<Artifact> a;
        const bool clean = reuse && reuse->isClean(elementId);
        if (clean) {
            a = reuse->take(kind, elementId);
        } else {
            a = generate();
            if (a)
                finish(*a, account);
        }
        if (!a)
            return;
        if (!clean || !reusePaths)
            a->path = plainPath(folder, stem());
        out.push_back(std::move(*a));
    };
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
            add(
                ArtifactKind::ReplicationConfiguration, b->id, account, folder,
                [&] { return "replication-" + bucketFileName(*b); },
                [&]() -> std::optional<Artifact> {
                    if (index.rulesFrom(b->id).empty())
                        return std::nullopt;
                    Artifact a = replicationConfiguration(ctx, *b);
                    if (a.notes.empty())
                        return std::nullopt; // no rule with an existing destination
                    return a;
                });
        }
        for (const Role *r : el.roles) {
            add(
                ArtifactKind::RoleTrustPolicy, r->id, account, folder,
                [&] { return "role-" + roleFileName(*r) + "-trust"; },
                [&]() -> std::optional<Artifact> { return roleTrustPolicy(ctx, *r); });
            // The permissions: one inline policy, or customer managed policies numbered from 1.
            std::vector<Artifact> parts;
            const bool clean = reuse && reuse->isClean(r->id);
            if (clean) {
                if (auto a = reuse->take(ArtifactKind::RolePermissionsPolicy, r->id))
                    parts.push_back(std::move(*a));
                while (auto a = reuse->take(ArtifactKind::RoleManagedPolicy, r->id))
                    parts.push_back(std::move(*a));
            } else if (rolePermissionsPolicy(ctx, *r, parts)) {
                for (Artifact &a : parts)
                    finish(a, account);
            }
            for (Artifact &a : parts) {
                if (!clean || !reusePaths)
                    a.path = plainPath(folder, "role-" + roleFileName(*r) + "-permissions" +
                                                   (a.part ? "-" + std::to_string(a.part) : ""));
                out.push_back(std::move(a));
            }
        }
        for (const KmsKey *k : el.keys) {
            add(
                ArtifactKind::KeyPolicy, k->id, account, folder,
                [&] { return "key-" + keyFileName(*k); },
                [&]() -> std::optional<Artifact> {
                    if (!isCustomerManaged(*k))
                        return std::nullopt; // an AWS managed key's policy cannot be changed
                    return keyPolicy(ctx, *k);
                });
        }
        for (const Bucket *b : el.buckets) {
            add(
                ArtifactKind::BucketPolicy, b->id, account, folder,
                [&] { return "bucket-policy-" + bucketFileName(*b); },
                [&]() -> std::optional<Artifact> {
                    Artifact a;
                    if (!bucketPolicy(ctx, *b, a))
                        return std::nullopt;
                    return a;
                });
        }
    }
    const bool renamed = makePathsUnique(out);
    if (anyRenamed)
        *anyRenamed = renamed;
    return out;
}

std::vector<Artifact> generateArtifacts(const Design &design)
{
    const gen::Context ctx(design);
    return gen::assembleArtifacts(ctx, nullptr);
}

namespace {

// Generates the artifacts of the listed elements only; every other element counts as clean
// with nothing to reuse, so it contributes no artifact.
class OnlyElements : public gen::ArtifactReuse
{
public:
    explicit OnlyElements(const std::vector<std::string> &ids)
        : m_ids(ids.begin(), ids.end())
    {
    }
    bool isClean(std::string_view elementId) const override
    {
        return m_ids.find(elementId) == m_ids.end();
    }
    std::optional<Artifact> take(ArtifactKind, std::string_view) override { return std::nullopt; }
    bool pathsArePlain() const override { return false; }

private:
    std::unordered_set<std::string_view> m_ids;
};

// Whether no two artifacts generateArtifacts() could make share a path, so none is renamed
// for a repeated name and the plain paths of a subset are the paths of the full set. Checked
// on every candidate name: the prefixes replication-, bucket-policy-, key- and role- never
// meet; role names that could make one role's "-permissions-N" another's count as a repeat.
bool plainPathsCertain(const Design &design)
{
    std::unordered_set<std::string> folders;
    std::unordered_set<std::string> stems; // "<account element id>/<kind>/<file name>"
    std::unordered_set<std::string_view> accounts;
    for (const Account &a : design.accounts) {
        if (!accounts.insert(a.id).second)
            continue; // generation skips a repeated account id the same way
        if (!folders.insert(accountFolder(a)).second)
            return false;
    }
    const auto unique = [&](const std::string &account, char kind, const std::string &name) {
        return stems.insert(account + '/' + kind + '/' + name).second;
    };
    for (const Bucket &b : design.buckets) {
        if (!unique(b.account, 'b', bucketFileName(b)))
            return false;
    }
    for (const KmsKey &k : design.keys) {
        if (!unique(k.account, 'k', keyFileName(k)))
            return false;
    }
    for (const Role &r : design.roles) {
        const std::string name = roleFileName(r);
        if (name.find("-permissions") != std::string::npos || !unique(r.account, 'r', name))
            return false;
    }
    return true;
}

} // namespace

std::vector<Artifact> generateArtifactsFor(const Design &design,
                                           const std::vector<std::string> &elementIds)
{
    if (!plainPathsCertain(design)) {
        std::vector<Artifact> all = generateArtifacts(design);
        const std::unordered_set<std::string_view> wanted(elementIds.begin(), elementIds.end());
        std::erase_if(all, [&](const Artifact &a) { return !wanted.count(a.element); });
        return all;
    }
    const gen::Context ctx(design);
    OnlyElements only(elementIds);
    return gen::assembleArtifacts(ctx, &only);
}

} // namespace s3rd::model
