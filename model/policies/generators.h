#pragma once

// Internal to the policy generators: the lookups every generator shares, and one function per
// artifact kind. generateArtifacts() (artifacts.cpp) calls them in a fixed order.

#include "core/awsdocs.h"
#include "core/designindex.h"
#include "policies/artifacts.h"
#include "policies/policywriter.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace s3rd::model::policy {
struct Statement;
}

namespace s3rd::model::gen {

// Shared lookups over one design state.
class Context
{
public:
    explicit Context(const Design &design);
    // Over an index of the design made by the caller (shared with the checks of the same
    // design state); `index` must outlive the context.
    explicit Context(const DesignIndex &index);
    Context(const Context &) = delete;
    Context &operator=(const Context &) = delete;

    const DesignIndex &index() const { return m_index; }
    const Design &design() const { return m_index.design(); }

    Partition partitionOf(std::string_view accountElementId) const;
    std::string_view accountIdOf(std::string_view accountElementId) const; // "" when dangling

    // Made on first use and kept for the generation; for elements of design() only.
    const std::string &bucketArn(const Bucket &b) const;
    const std::string &keyArn(const KmsKey &k) const;
    const std::string &roleArn(const Role &r) const;
    const std::string &viaService(const Bucket &b) const; // "s3.<region>.amazonaws.com"
    // Objects of a bucket under a key prefix: "arn:aws:s3:::b/<prefix>*" (prefix escaped).
    std::string objectArn(const Bucket &b, std::string_view prefix) const;

    // The rule's elements, when they all exist (else nullptr). Looked up once per rule of
    // design(), when first asked for: generators ask for them again and again, and an edit
    // generates the documents of a few rules of thousands.
    const Bucket *source(const ReplicationRule &r) const
    {
        const std::size_t i = ruleIndex(r);
        return i < m_ruleEnds.size() ? ends(i).source : m_index.bucket(r.source);
    }
    const Bucket *destination(const ReplicationRule &r) const
    {
        const std::size_t i = ruleIndex(r);
        return i < m_ruleEnds.size() ? ends(i).destination : m_index.bucket(r.destination);
    }
    const Role *roleOf(const ReplicationRule &r) const { return m_index.role(r.role); }
    // The key that encrypts the source bucket's KMS objects (its default key), or nullptr.
    const KmsKey *sourceKey(const ReplicationRule &r) const;
    // The replica key when the rule replicates KMS objects, or nullptr.
    const KmsKey *replicaKey(const ReplicationRule &r) const;

    // Whether the rule crosses accounts (source and destination owned by different account ids).
    bool crossAccount(const ReplicationRule &r) const;
    // Owner override that actually goes into the configuration: on, and accounts differ.
    bool ownerOverrideInEffect(const ReplicationRule &r) const;

    // Enabled rules, in design order, whose source key or replica key is the given key.
    const std::vector<const ReplicationRule *> &rulesUsingKey(std::string_view keyId) const;

private:
    void init();
    // The position of a rule of design() in its list; past the end for any other rule.
    std::size_t ruleIndex(const ReplicationRule &r) const
    {
        const std::vector<ReplicationRule> &rules = design().rules;
        const auto at = reinterpret_cast<std::uintptr_t>(&r);
        const auto first = reinterpret_cast<std::uintptr_t>(rules.data());
        if (at < first || (at - first) % sizeof(ReplicationRule) != 0)
            return rules.size();
        return std::size_t((at - first) / sizeof(ReplicationRule));
    }
    // The position of an element of design() in its list.
    std::size_t indexOf(const Bucket &b) const;
    std::size_t indexOf(const KmsKey &k) const;
    std::size_t indexOf(const Role &r) const;

    std::optional<DesignIndex> m_ownIndex; // when the caller gave none
    const DesignIndex &m_index;
    // Per rule of design(): its source and destination buckets (nullptr when dangling).
    struct RuleEnds
    {
        const Bucket *source = nullptr;
        const Bucket *destination = nullptr;
        bool made = false;
    };
    const RuleEnds &ends(std::size_t rule) const;
    mutable std::vector<RuleEnds> m_ruleEnds;
    // Empty until made (no ARN is empty).
    mutable std::vector<std::string> m_bucketArns, m_viaServices, m_keyArns, m_roleArns;
    // For rulesUsingKey(): of the first keys asked for, then of every key.
    using RulesByKey = std::unordered_map<std::string_view, std::vector<const ReplicationRule *>>;
    mutable RulesByKey m_rulesByKey;
    mutable RulesByKey m_rulesByEveryKey;
    mutable bool m_rulesByEveryKeyMade = false;
};

// Where a Batch Replication job of a source bucket keeps its S3-generated manifest and its
// completion report: this prefix of the source bucket (the role's policy allows no other place).
inline constexpr std::string_view kBatchReportPrefix = "batch-replication/";

// A bucket's KMS objects use an S3 Bucket Key, so their encryption context is the bucket ARN.
// DSSE-KMS does not support Bucket Keys.
bool usesBucketKey(const Bucket &b);

// The replicas of a rule use an S3 Bucket Key: the destination's own, or the source's, which
// carries over to the replica (bucket-key.html, "Using an S3 Bucket Key with replication",
// Example 1: "the replica object maintains its S3 Bucket Key encryption settings in the
// destination bucket").
bool replicasUseBucketKey(const Bucket &source, const Bucket &destination);

// One use of a KMS key by a rule's replication role, with the conditions that both the role's
// permissions policy and the key policy put on it, so neither document allows more than the
// other.
struct KmsUse
{
    const KmsKey *key = nullptr;
    bool replica = false; // encrypts replicas; otherwise decrypts source objects
    policy::ActionList actions;
    std::string viaService;            // kms:ViaService
    std::vector<std::string> contexts; // kms:EncryptionContext:aws:s3:arn patterns
    std::string_view why;
    std::string_view docUrl;
};

// The KMS uses of an enabled rule: decrypting with the source key, encrypting replicas with the
// replica key (each when the rule replicates KMS objects and the key exists).
std::vector<KmsUse> kmsUses(const Context &ctx, const ReplicationRule &r);

bool hasTagFilter(const ReplicationRule &r);
bool isCustomerManaged(const KmsKey &k);

// One artifact each; the path is filled in by generateArtifacts().
Artifact replicationConfiguration(const Context &ctx, const Bucket &source);
Artifact roleTrustPolicy(const Context &ctx, const Role &role);
// Appends the role's permissions: one inline policy, or the customer managed policies of its
// permissions numbered from 1 (Role::permissionsAttachment). Returns false when the role needs
// no permissions policy (no enabled rule uses it).
bool rolePermissionsPolicy(const Context &ctx, const Role &role, std::vector<Artifact> &out);
Artifact keyPolicy(const Context &ctx, const KmsKey &key);
// Returns false when the bucket needs no bucket policy.
bool bucketPolicy(const Context &ctx, const Bucket &bucket, Artifact &out);

// Where assembleArtifacts() takes the artifacts of elements an edit did not affect.
class ArtifactReuse
{
public:
    virtual ~ArtifactReuse() = default;
    // Whether the element's artifacts are the same as before.
    virtual bool isClean(std::string_view elementId) const = 0;
    // The element's artifact of a kind as it was, or nothing when it had none.
    virtual std::optional<Artifact> take(ArtifactKind kind, std::string_view elementId) = 0;
    // Whether no artifact was renamed for a repeated name last time, so the paths taken are
    // the plain ones.
    virtual bool pathsArePlain() const = 0;
};

// Every artifact of the design in generateArtifacts()'s order, named; with `reuse`, those of
// clean elements come from it instead of being generated. `anyRenamed` tells whether a repeated
// name made a path longer.
std::vector<Artifact> assembleArtifacts(const Context &ctx, ArtifactReuse *reuse,
                                        bool *anyRenamed = nullptr);

// Appends a role's finished permissions (merged statements, Sids not yet given) as its
// attachment says: `inlinePolicy` (kind, element and target filled in) with the text, or
// customer managed policies of at most 6,144 characters each. Automatic attachment is inline
// while the policy fits the 10,240 characters of a role's inline policies.
void attachPermissions(const Context &ctx, const Role &role, Artifact inlinePolicy,
                       std::vector<policy::Statement> statements, std::string_view unionConditionKey,
                       std::vector<Artifact> &out);

// An empty artifact of this kind for a design element and the ARN of the resource it applies to;
// with the user's custom policy, that policy verbatim (`custom` set: nothing is to be generated).
Artifact newArtifact(ArtifactKind kind, std::string element, std::string target,
                     const std::optional<CustomPolicy> &custom = std::nullopt);

// The KMS encryption context key S3 sets: the object ARN, or the bucket ARN with a Bucket Key.
constexpr std::string_view kContextKey = "kms:EncryptionContext:aws:s3:arn";

// Appends the value unless the list holds it already (lists of a few ids or ARNs).
template <typename String, typename Value> void addUnique(std::vector<String> &list, Value &&value)
{
    if (std::find(list.begin(), list.end(), value) == list.end())
        list.push_back(std::forward<Value>(value));
}

} // namespace s3rd::model::gen
