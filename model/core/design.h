#pragma once

// The domain model of a replication setup: plain, copyable value types.
//
// Elements refer to each other by their element id (a short string unique across the whole
// design, e.g. "b1"), never by pointer. Every vector is kept in a deterministic order (the
// order of the design file), so a Design compares, serialises and snapshots predictably.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace s3rd::model {

enum class Partition { Aws, AwsCn, AwsUsGov };

// The largest presentation step a trainer may give an element (presentStep below).
inline constexpr int kMaxPresentStep = 9999;

// Canvas placement. Accounts are placed in scene coordinates; buckets, keys and roles are
// placed relative to the top-left corner of their account, so moving an account moves them.
// A zero width or height means "the view's default size".
struct Geometry
{
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;
    bool operator==(const Geometry &) const = default;
};

// The user's own policy JSON, kept verbatim (not reformatted) so nothing they had is rewritten.
struct CustomPolicy
{
    std::string name;     // e.g. "imported-bucket-policy"; free text
    std::string document; // the JSON text exactly as given
    bool operator==(const CustomPolicy &) const = default;
};

enum class GuardrailKind { ServiceControlPolicy, PermissionsBoundary, ResourceControlPolicy };

// An extra deny-guardrail evaluated on top of the policies in effect: an SCP or an RCP on an
// account, a permissions boundary on a role. An SCP limits what the account's principals may do;
// an RCP limits what anyone may do to the account's resources (its buckets and customer managed
// keys), whoever calls.
struct Guardrail
{
    GuardrailKind kind = GuardrailKind::ServiceControlPolicy;
    std::string name;
    std::string document; // JSON text, verbatim
    bool operator==(const Guardrail &) const = default;
};

struct Account
{
    std::string id;        // element id
    std::string accountId; // 12 digits, kept as a string (leading zeros matter)
    std::string name;
    Partition partition = Partition::Aws;
    std::string note;
    Geometry geometry;
    std::vector<Guardrail> guardrails; // SCPs and RCPs
    std::optional<int> presentStep; // presenter mode: the step it is revealed at (unset: derived)
    bool operator==(const Account &) const = default;
};

enum class Versioning { Unversioned, Enabled, Suspended };
enum class DefaultEncryption { SseS3, SseKms, DsseKms };
enum class ObjectOwnership { BucketOwnerEnforced, BucketOwnerPreferred, ObjectWriter };
// Directory buckets (S3 Express One Zone) cannot replicate at all.
enum class BucketType { GeneralPurpose, Directory };
// What the bucket's lifecycle configuration does, as far as replication cares: lifecycle actions
// are not replicated, and objects moved to S3 Glacier Flexible Retrieval or Deep Archive are
// skipped by replication.
enum class Lifecycle { None, Rules, GlacierTransitions };
enum class RetentionMode { None, Governance, Compliance };

// The bucket's default Object Lock retention (ObjectLockConfiguration.Rule.DefaultRetention).
struct DefaultRetention
{
    RetentionMode mode = RetentionMode::None;
    int days = 0; // 0 with a mode: not stated
    bool operator==(const DefaultRetention &) const = default;
};

// How the objects in a bucket are (or may be) written.
struct ObjectEncryptions
{
    bool sseS3 = true;
    bool sseKms = false;
    bool dsseKms = false;
    bool sseC = false;
    bool clientSide = false;
    bool operator==(const ObjectEncryptions &) const = default;
};

struct Bucket
{
    std::string id;
    std::string name;
    std::string account; // element id of the owning Account
    std::string region;  // e.g. "us-east-1"
    Versioning versioning = Versioning::Enabled;
    bool objectLock = false;
    DefaultEncryption defaultEncryption = DefaultEncryption::SseS3;
    std::string defaultKey; // element id of a KmsKey; set for SSE-KMS / DSSE-KMS
    bool bucketKey = false; // S3 Bucket Key: the KMS encryption context becomes the bucket ARN
    ObjectEncryptions objectEncryptions;
    bool sseCBlocked = true; // the post-April-2026 default for new buckets blocks SSE-C writes
    ObjectOwnership objectOwnership = ObjectOwnership::BucketOwnerEnforced;
    bool requesterPays = false;
    bool hasExistingObjects = false; // objects already there are not replicated by live rules
    bool batchReplication = false;   // existing objects will be replicated with Batch Replication
    BucketType type = BucketType::GeneralPurpose;
    bool otherAccountsWrite = false; // other accounts upload objects (they own them under ACLs)
    Lifecycle lifecycle = Lifecycle::None;
    DefaultRetention defaultRetention; // with objectLock
    std::optional<CustomPolicy> customBucketPolicy;
    std::string note;
    Geometry geometry;
    std::optional<int> presentStep; // presenter mode: the step it is revealed at (unset: derived)
    bool operator==(const Bucket &) const = default;

    // New objects are encrypted with a KMS key by default (SSE-KMS or DSSE-KMS).
    bool encryptsWithKms() const
    {
        return defaultEncryption == DefaultEncryption::SseKms
               || defaultEncryption == DefaultEncryption::DsseKms;
    }
};

enum class KeyKind { CustomerManaged, AwsManaged, MultiRegionPrimary, MultiRegionReplica };
// KMS KeyState as far as S3 can use the key: only an enabled key encrypts and decrypts.
enum class KeyState { Enabled, Disabled, PendingDeletion };

struct KmsKey
{
    std::string id;
    std::string account;
    std::string region;
    std::string alias; // "alias/name"; "alias/aws/s3" for the AWS managed key
    std::string keyId; // UUID, or "mrk-…" for multi-Region keys
    KeyKind kind = KeyKind::CustomerManaged;
    bool symmetric = true;
    bool rotation = true;
    bool allowS3ServicePrincipal = false; // opt-in: the seed's "s3.amazonaws.com may use it" pattern
    KeyState state = KeyState::Enabled;
    std::optional<CustomPolicy> customKeyPolicy;
    std::string note;
    Geometry geometry;
    std::optional<int> presentStep; // presenter mode: the step it is revealed at (unset: derived)
    bool operator==(const KmsKey &) const = default;
};

// How a role's generated permissions policy is attached. IAM holds at most 10,240 characters of
// inline policy per role, and 6,144 per customer managed policy with 10 managed policies
// attached to a role by default (IAM and AWS STS quotas; whitespace is not counted).
enum class PermissionsAttachment {
    Automatic, // inline while it fits, else split across customer managed policies
    Inline,    // always one inline policy (too large: a checklist error)
    Managed,   // always customer managed policies attached to the role
};

struct Role
{
    std::string id;
    std::string account;
    std::string name;
    std::string path = "/"; // "/" or "/…/", e.g. "/service-role/"
    bool confusedDeputyConditions = false; // opt-in aws:SourceAccount / aws:SourceArn in the trust
    std::optional<CustomPolicy> customTrustPolicy;
    std::optional<CustomPolicy> customPermissionsPolicy;
    PermissionsAttachment permissionsAttachment = PermissionsAttachment::Automatic;
    std::vector<Guardrail> guardrails; // permissions boundaries
    std::string note;
    Geometry geometry;
    std::optional<int> presentStep; // presenter mode: the step it is revealed at (unset: derived)
    bool operator==(const Role &) const = default;
};

struct Tag
{
    std::string key;
    std::string value;
    bool operator==(const Tag &) const = default;
};

// One replication rule: the arrow from a source bucket to a destination bucket.
struct ReplicationRule
{
    std::string id;          // element id
    std::string ruleId;      // the rule's "ID" in the replication configuration
    std::string source;      // element id of the source Bucket
    std::string destination; // element id of the destination Bucket
    std::string role;        // element id of the Role (may be empty: a finding, not an error)
    int priority = 1;
    bool enabled = true;
    std::string filterPrefix;
    std::vector<Tag> filterTags;
    bool deleteMarkerReplication = false;
    bool replicaModificationSync = false;
    bool replicateKmsObjects = false; // SourceSelectionCriteria.SseKmsEncryptedObjects
    std::string replicaKey;           // element id of the KmsKey for ReplicaKmsKeyID
    std::string storageClass;         // empty: same as the source object
    bool ownerOverride = false;       // AccessControlTranslation Owner=Destination
    bool replicationTimeControl = false;
    bool metrics = false;
    bool importedAsV1 = false; // imported from a V1 (rule-level Prefix) configuration
    std::string note;
    std::optional<int> presentStep; // presenter mode: the step it is revealed at (unset: derived)
    bool operator==(const ReplicationRule &) const = default;
};

struct Design
{
    std::string name;
    std::string note;
    std::string lab; // id of the lab this design was started from (docs/lab-format.md)
    std::vector<Account> accounts;
    std::vector<Bucket> buckets;
    std::vector<KmsKey> keys;
    std::vector<Role> roles;
    std::vector<ReplicationRule> rules;
    bool operator==(const Design &) const = default;
};

} // namespace s3rd::model
