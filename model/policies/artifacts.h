#pragma once

// Every JSON document a replication setup needs, generated from the design (reference §9).
//
// Contract: generateArtifacts() is a pure function of the design; the same design gives the same
// artifacts in the same order with byte-identical text. Documents are written as text in AWS's
// key order; the parsed form is made only for the callers that ask for it. Annotations are kept
// beside the JSON, never inside it.

#include "core/design.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace s3rd::model {

enum class ArtifactKind
{
    ReplicationConfiguration, // PutBucketReplication body, per source bucket
    RoleTrustPolicy,
    RolePermissionsPolicy,
    KeyPolicy,
    BucketPolicy,      // destination bucket policy for cross-account rules
    RoleManagedPolicy, // one part of a role's permissions as a customer managed policy
};

// "replication-configuration", "role-trust-policy", "role-permissions-policy", "key-policy",
// "bucket-policy", "role-managed-policy": the kind names of `s3rd generate --format json`.
std::string_view artifactKindName(ArtifactKind kind);

// What a document is for and how it is applied, for people: "replication configuration
// (aws s3api put-bucket-replication)", "KMS key policy", ...
std::string_view artifactPurpose(ArtifactKind kind);

// Why one statement (or, for a replication configuration, one rule) exists.
struct StatementNote
{
    std::string sid;                   // the statement's Sid, or the rule's ID
    std::vector<std::string> elements; // element ids behind it (buckets, keys, roles, rules)
    std::string why;                   // one sentence
    std::string_view docUrl;           // the AWS page behind it (a string literal)
};

struct Artifact
{
    ArtifactKind kind = ArtifactKind::ReplicationConfiguration;
    std::string account;   // element id of the account that applies it
    std::string accountId; // its 12-digit id
    std::string element;   // element id of the bucket, role or key it applies to
    std::string target;    // ARN of that bucket, role or key
    std::string path; // relative file name, e.g. "111122223333/role-replication-permissions.json"
    // For a role's customer managed policy: its IAM name ("<role>-permissions-<part>"; its path
    // is the role's) and its number among the role's managed policies, from 1. `target` is the
    // policy's ARN, `element` the role it is attached to.
    std::string name;
    int part = 0;
    bool custom = false; // the user's own custom policy, passed through verbatim
    // Set when the document is larger than AWS accepts (sizeLimit(), more than 1,000 rules
    // in a replication configuration, or a role whose permissions need more customer managed
    // policies than kMaxManagedPoliciesPerRole: then every part of that role is set). The artifact is still generated so the designer can show
    // it and the checklist can report it; `s3rd generate` refuses to write it.
    bool overLimit = false;
    // For a custom policy: false when `text` is not valid JSON (then document() is null).
    bool parsed = true;
    std::string text; // the document as written: 2-space indent, final newline
    std::vector<StatementNote> notes;

    // `text` parsed, in its key order; null when it is not JSON. Parsed on first use and kept
    // (shared by copies), so `text` must not change afterwards. Not safe to call from two
    // threads at once.
    const nlohmann::ordered_json &document() const;
    // Shares the parsed document of `same`, an artifact with the same text, once `same` has
    // parsed it: then both return the same object from document().
    void shareDocumentOf(const Artifact &same);

private:
    mutable std::shared_ptr<const nlohmann::ordered_json> m_document;
};

std::vector<Artifact> generateArtifacts(const Design &design);

// The size of an artifact as AWS counts it against sizeLimit(): for role policies, the number of
// characters without whitespace (IAM ignores whitespace); for key policies, bucket policies and
// replication configurations, the bytes of the text as written (what gets uploaded).
std::size_t policySize(const Artifact &artifact);

// The largest size AWS accepts for a kind: inline role permissions policy 10,240 characters,
// customer managed policy 6,144 characters, role trust policy 2,048 characters (IAM's default
// quota), key policy 32,768 bytes, bucket policy 20,480 bytes, replication configuration 2 MB
// (2,097,152 bytes).
std::size_t sizeLimit(ArtifactKind kind);

// IAM and AWS STS quotas (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html):
// "Managed policies attached to an IAM role: 10" by default (an increase can be requested).
// A role whose permissions need more is split into one role per group of buckets instead.
inline constexpr std::size_t kMaxManagedPoliciesPerRole = 10;

// At most 1,000 rules in one replication configuration.
inline constexpr std::size_t kMaxReplicationRules = 1000;

} // namespace s3rd::model
