#pragma once

// "Would this object replicate — and if not, why?" Walks the setup as S3 would for one test
// object and decides every permission check with the policy evaluator (evaluator.h).
//
// Contract: simulate() is a pure function of the design, its artifacts (the generated
// policies; custom ones where the design has them) and the test object.

#include "core/design.h"
#include "core/designindex.h"
#include "policies/artifacts.h"
#include "simulator/evaluator.h"

#include <map>
#include <span>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace s3rd::model {

enum class ObjectWrite { Unencrypted, SseS3, SseKms, DsseKms, SseC, ClientSide };

struct TestObject
{
    std::string bucket; // element id of the source bucket
    std::string key;
    std::vector<Tag> tags;
    ObjectWrite encryption = ObjectWrite::SseS3;
    std::string kmsKey;         // element id of the key for SseKms / DsseKms (empty: bucket default)
    bool isReplica = false;     // the object is itself a replica
    bool deleteMarker = false;  // a delete marker instead of an object
    bool versionDelete = false; // a delete of a specific version
};

// Decision, decisionName(), MatchedStatement and Request come from evaluator.h.

struct SimulationStep
{
    std::string check; // short name, e.g. "assume-role", "read-source", "decrypt-source"
    Request request;
    std::vector<std::string> policies; // the policies in effect for this check
    Decision decision = Decision::Allowed;
    std::vector<MatchedStatement> matched;
    std::vector<std::string> elements; // element ids involved (for highlighting on the canvas)
    // Added: a check that is not a permission (versioning, Object Lock, the replica key…) has
    // an empty request and says what it looked at here; for permission checks, what was missing.
    std::string detail;
    bool passed = true;                // false at the failing step
    bool fatal = true;                 // false: a denial only drops tags (the object replicates)
    std::vector<std::string> problems; // policy problems behind the decision (unknown operator…)
};

enum class Outcome { Replicated, NotReplicated, Failed };
inline constexpr EnumName<Outcome> kOutcomeNames[] = {
    {Outcome::Replicated, "replicated"}, {Outcome::NotReplicated, "not-replicated"},
    {Outcome::Failed, "failed"}};
constexpr std::string_view outcomeName(Outcome o) { return enumName(kOutcomeNames, o); }

struct DestinationResult
{
    std::string destination; // element id of the destination bucket
    std::string bucketArn;
    std::string rule;        // element id of the winning rule
    std::string ruleId;      // its ID
    Outcome outcome = Outcome::Replicated;
    std::string reason;      // S3's failure reason (e.g. "DstPutObjectNotPermitted") or why not
    std::string replicaSummary; // for Replicated: the replica's encryption, key, owner, class
    std::vector<SimulationStep> steps;
    // Added: whether a rule matched the object (a not-matched destination does not count
    // against "everything replicates"), and the replica's properties when replicated.
    bool matched = true;
    std::string replicaEncryption;   // "SSE-S3", "SSE-KMS", "DSSE-KMS", "SSE-C", "none"
    std::string replicaKeyArn;       // for SSE-KMS / DSSE-KMS replicas
    std::string replicaOwner;        // account id owning the replica
    std::string replicaStorageClass; // "STANDARD", or the rule's storage class
    bool replicaTags = true;         // false: the object replicates without its tags
};

struct SimulationResult
{
    std::vector<DestinationResult> destinations;
    std::vector<std::string> problems; // bad input (unknown bucket, unknown key…)
    // Added: problems in the policies in effect (unknown operators, invalid custom JSON…),
    // each once. They never stop the walk; the affected statements simply do not match.
    std::vector<std::string> policyProblems;
};

// The policies in effect for a design, compiled once: for each role its trust and permissions
// policies (inline, or the customer managed policies it was split into) and permissions
// boundaries, for each key and bucket its policy, for each account its SCPs and RCPs. A custom
// policy (the Artifact with custom=true, or the design's own JSON) replaces the
// generated one. Holds a DesignIndex, so it is valid only while that Design is alive and
// unchanged; rebuild it after every edit, then simulate many objects with it.
class PolicySet
{
public:
    PolicySet(const Design &design, const std::vector<Artifact> &artifacts);
    // The same, sharing with `previous` (the set of another state of the design) every policy
    // compiled from the same parsed document under the same id, as an artifact carries it when
    // it shares its document with an unchanged one (Artifact::shareDocumentOf): what comparing
    // two designs needs, since most of their documents are the same.
    PolicySet(const Design &design, const std::vector<Artifact> &artifacts,
              const PolicySet &previous);

    const Design &design() const { return m_index.design(); }
    const DesignIndex &index() const { return m_index; }

    const CompiledPolicy *trustPolicy(std::string_view roleId) const;
    const CompiledPolicy *permissionsPolicy(std::string_view roleId) const;
    // The customer managed policies the role's permissions were split into, in order.
    std::span<const CompiledPolicy *const> managedPolicies(std::string_view roleId) const;
    const CompiledPolicy *keyPolicy(std::string_view keyId) const;
    const CompiledPolicy *bucketPolicy(std::string_view bucketId) const;
    std::span<const CompiledPolicy *const> boundaries(std::string_view roleId) const;
    std::span<const CompiledPolicy *const> scps(std::string_view accountId) const;
    // The RCPs guarding the resources of an account, by its 12-digit account id.
    std::span<const CompiledPolicy *const> rcps(std::string_view awsAccountId) const;
    // Whether the policy is the user's own (custom or a guardrail) rather than generated.
    bool isCustom(const CompiledPolicy *policy) const;

private:
    using Map = std::unordered_map<std::string, const CompiledPolicy *>;
    using ListMap = std::unordered_map<std::string, std::vector<const CompiledPolicy *>>;
    PolicySet(const Design &design, const std::vector<Artifact> &artifacts,
              const PolicySet *previous);
    const CompiledPolicy *add(CompiledPolicy policy, bool custom);
    const CompiledPolicy *add(std::shared_ptr<const CompiledPolicy> policy, bool custom);
    // The compiled policy of an artifact: shared with `previous` when it compiled the same
    // parsed document under the same id, else compiled now.
    std::shared_ptr<const CompiledPolicy> compiled(const Artifact &a, std::string id,
                                                   const PolicySet *previous);

    DesignIndex m_index;
    std::vector<std::shared_ptr<const CompiledPolicy>> m_storage;
    // The policies compiled from artifacts' parsed documents, by the document's address.
    std::unordered_map<const void *, std::shared_ptr<const CompiledPolicy>> m_byDocument;
    std::vector<const CompiledPolicy *> m_custom;
    Map m_trust, m_permissions, m_keys, m_buckets;
    ListMap m_boundaries, m_scps, m_rcps, m_managed;
};

SimulationResult simulate(const Design &design, const std::vector<Artifact> &artifacts,
                          const TestObject &object);
// The same walk with policies compiled beforehand (fast: nothing is parsed).
SimulationResult simulate(const PolicySet &policies, const TestObject &object);

// How an object written to the bucket with no encryption header is encrypted: the bucket's
// default encryption (with its default key).
ObjectWrite defaultWrite(const Bucket &bucket);

// Reads "none|sse-s3|sse-kms[:KEY]|dsse-kms[:KEY]|sse-c|client-side" into the object's
// encryption and key element id (KEY: the key's element id, keyId, alias or ARN). Returns an
// error message, or an empty string.
std::string parseObjectEncryption(const Design &design, std::string_view text, TestObject &object);

} // namespace s3rd::model
