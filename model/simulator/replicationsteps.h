#pragma once

// What S3 sends when it replicates an object: one table, one row per check S3 makes, in the
// order it makes them. A row that is a request names its principal, action, resource and the
// condition keys S3 sends with it; every row names the failure reason S3 reports when the check
// fails, the generated statement that allows it, and the AWS page (URL and quote) it comes from.
//
// The simulator builds every request from this table, never from the policy generators'
// assumptions, so a wrong generated document is denied instead of agreed with.
// docs/what-s3-sends.md is rendered from it by markdown().

#include "core/design.h"
#include "simulator/evaluator.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace s3rd::model::steps {

enum class Principal { None, S3Service, ReplicationRole };

enum class Resource { None, Role, SourceBucket, SourceObject, SourceKey, DestinationObject, ReplicaKey };

// The condition keys S3 sends beyond the principal's own (aws:PrincipalArn,
// aws:PrincipalAccount and aws:PrincipalType for the role; aws:PrincipalServiceName and
// aws:PrincipalIsAWSService for the service), as bit flags.
enum ContextKeys : unsigned {
    kNoContext = 0,
    kSourceAccount = 1u << 0,      // aws:SourceAccount: the source bucket's account
    kSourceArn = 1u << 1,          // aws:SourceArn: the source bucket's ARN
    kViaService = 1u << 2,         // kms:ViaService: S3 in the Region of the key's bucket
    kEncryptionContext = 1u << 3,  // kms:EncryptionContext:aws:s3:arn (see EncryptionContext)
    kCallerAccount = 1u << 4,      // kms:CallerAccount: the role's account
    kExistingObjectTags = 1u << 5, // s3:ExistingObjectTag/<key>: the object's tags
    kReplicaEncryption = 1u << 6,  // s3:x-amz-server-side-encryption(-aws-kms-key-id)
};

// The ARN S3 puts into kms:EncryptionContext:aws:s3:arn.
enum class EncryptionContext {
    None,
    // The source bucket ARN when the object was written with the source's S3 Bucket Key,
    // otherwise the source object's ARN.
    Source,
    // The destination bucket ARN when the replica is written with an S3 Bucket Key (the
    // destination's own, or the source's, which carries over), otherwise the replica's ARN.
    Replica,
};

struct Step
{
    std::string_view check;  // the step's id in `s3rd simulate` output
    std::string_view action; // empty: S3 checks a fact, it sends no request
    Principal principal = Principal::None;
    Resource resource = Resource::None;
    unsigned context = kNoContext; // ContextKeys
    EncryptionContext encryptionContext = EncryptionContext::None;
    std::string_view when;          // when S3 makes the check
    std::string_view failureReason; // what S3 reports when the check fails
    std::string_view allowedBy;     // what allows it in the generated documents
    std::string_view sourceUrl;
    std::string_view quote; // the AWS page's words behind the row
};

// Every step, in the order S3 makes them.
std::span<const Step> table();
// The row of a check. Throws std::out_of_range for a check not in the table (a programming
// error: every check the simulator makes has a row).
const Step &step(std::string_view check);

// What one walk resolves the table's rows against.
struct Subjects
{
    Partition partition = Partition::Aws;
    std::string sourceAccountId;
    std::string sourceBucket;
    std::string sourceRegion;
    std::string objectKey;
    std::vector<Tag> objectTags;
    std::string destinationBucket;
    std::string destinationRegion;
    std::string roleArn;
    std::string roleAccountId;
    std::string sourceKeyArn;
    std::string replicaKeyArn;
    bool sourceBucketKey = false;        // the object was written with the source's Bucket Key
    bool replicaBucketKey = false;       // the replica is written with a Bucket Key
    std::string replicaEncryptionHeader; // "aws:kms", "aws:kms:dsse", "AES256" or empty
};

// Whether the replica of an object uses an S3 Bucket Key: the destination's own for an SSE-KMS
// replica, or the source's, which carries over (bucket-key.html, Example 1).
bool replicaUsesBucketKey(bool sourceObjectUsedBucketKey, bool destinationBucketKey,
                          bool replicaIsSseKms);

// The request S3 sends for a request row (not for a fact row: its request stays empty).
Request request(const Step &step, const Subjects &subjects);
Request request(std::string_view check, const Subjects &subjects);

// The kms:ViaService value of S3 in a Region: "s3.<region>.amazonaws.com" in every partition.
std::string viaService(std::string_view region);

// The table for users: docs/what-s3-sends.md. Ends with a newline; byte-stable.
std::string markdown();

} // namespace s3rd::model::steps
