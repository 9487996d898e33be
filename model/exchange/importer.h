#pragma once

// Import of what already runs in AWS: the outputs of the AWS CLI (or the bare documents inside
// them) become a design.
//
// Understood inputs, recognised by their shape:
//   aws s3api get-bucket-replication        {"ReplicationConfiguration": {...}} or {"Role","Rules"}
//   aws s3api get-bucket-versioning         {"Status": ..., "MFADelete": ...}
//   aws s3api get-bucket-encryption         {"ServerSideEncryptionConfiguration": ...} or {"Rules"}
//   aws s3api get-bucket-policy             {"Policy": "<JSON text>"} or the bare policy
//   aws s3api get-object-lock-configuration {"ObjectLockConfiguration": ...}
//   aws s3api get-bucket-ownership-controls {"OwnershipControls": ...}
//   aws s3api get-bucket-lifecycle-configuration {"Rules": [...]} (lifecycle actions)
//   aws kms describe-key                    {"KeyMetadata": ...} (kind, spec, KeyState)
//   aws kms get-key-policy                  {"Policy": "<JSON text>", "PolicyName": "default"}
//   aws kms get-key-rotation-status         {"KeyRotationEnabled": ...}
//   aws iam get-role                        {"Role": {...}} (trust policy decoded or URL-encoded)
//   aws iam get-role-policy                 {"RoleName", "PolicyName", "PolicyDocument"}
// Bucket outputs do not name their bucket, key policies do not name their key, and bare role
// policies do not name their role: the input's ImportSubject says which (`--bucket`, `--key`,
// `--role` on the command line).
//
// Contract: importDocuments() is all or nothing. Either every input is understood and
// consistent, and a complete, auto-arranged design is returned with a report of what was
// inferred or is unknown; or the problems are returned, each naming the input and the JSON
// location, and no design.

#include "core/design.h"

#include <string>
#include <vector>

namespace s3rd::model::exchange {

// What an input is about when its content does not say. Every field may be empty.
struct ImportSubject
{
    std::string account; // 12-digit id of the account the output was taken in
    std::string region;  // its Region
    std::string bucket;  // bucket name, for get-bucket-* outputs
    std::string role;    // role name or ARN, for bare role policies and get-role-policy
    std::string key;     // key ARN or id, for get-key-policy and bare key policies
};

struct ImportInput
{
    std::string name; // the file name, for messages
    std::string text;
    ImportSubject subject;
};

struct ImportProblem
{
    std::string input;    // file name
    std::string location; // "ReplicationConfiguration.Rules[2].Destination", "line 3, column 7"
    std::string message;
};

struct ImportResult
{
    Design design;                     // meaningful only when ok()
    std::vector<std::string> report;   // what was inferred, assumed, unknown or kept verbatim
    std::vector<ImportProblem> problems;
    bool ok() const { return problems.empty(); }
};

// Buckets and roles named by a subject but by no input become elements too (declarations).
ImportResult importDocuments(const std::vector<ImportInput> &inputs,
                             const std::vector<ImportSubject> &declarations = {},
                             const std::string &designName = "Imported design");

// Reads the files and imports them. An unreadable file is a problem like any other.
ImportResult importFiles(const std::vector<std::pair<std::string, ImportSubject>> &files,
                         const std::vector<ImportSubject> &declarations = {},
                         const std::string &designName = "Imported design");

} // namespace s3rd::model::exchange
