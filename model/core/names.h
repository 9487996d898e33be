#pragma once

// Validators for AWS names and identifiers (reference §7) and the built-in region table.
// Each validator returns an empty string when the value is valid, otherwise one plain sentence
// saying what is wrong ("bucket names must be 3 to 63 characters long (this one has 2)").

#include "design.h"
#include "enumnames.h"

#include <span>
#include <string>
#include <string_view>

namespace s3rd::model::names {

std::string checkBucketName(std::string_view name);
std::string checkAccountId(std::string_view accountId);
std::string checkRoleName(std::string_view name);
std::string checkRolePath(std::string_view path);
std::string checkKmsAliasName(std::string_view alias, KeyKind kind); // "alias/…"
std::string checkKmsKeyId(std::string_view keyId, KeyKind kind);
std::string checkRuleId(std::string_view ruleId);       // up to 255 characters
std::string checkRulePrefix(std::string_view prefix);   // up to 1,024 characters
std::string checkTag(const Tag &tag);
std::string checkRegion(std::string_view region, Partition partition);
std::string checkStorageClass(std::string_view storageClass); // empty = same as source: valid

struct Region
{
    std::string_view code;      // "eu-west-1"
    std::string_view name;      // "Europe (Ireland)"
    Partition partition;
    bool optIn;                 // must be enabled in the account before use
};

std::span<const Region> regions();
const Region *findRegion(std::string_view code); // nullptr when unknown

// Storage classes accepted for replicas (the S3 enum less FSX_OPENZFS, FSX_ONTAP... see §1.2).
std::span<const std::string_view> replicaStorageClasses();

// Whether text is well-formed UTF-8 (no overlong forms, surrogates or code points past
// U+10FFFF): what a design file can hold unchanged, since JSON text is UTF-8.
bool isValidUtf8(std::string_view text);

inline constexpr EnumName<Partition> kPartitionNames[] = {
    {Partition::Aws, "aws"}, {Partition::AwsCn, "aws-cn"}, {Partition::AwsUsGov, "aws-us-gov"}};
constexpr std::string_view partitionName(Partition p) { return enumName(kPartitionNames, p); }
bool parsePartition(std::string_view text, Partition &out);

// Object Ownership settings as AWS spells them (PutBucketOwnershipControls), and the design file.
inline constexpr EnumName<ObjectOwnership> kObjectOwnershipNames[] = {
    {ObjectOwnership::BucketOwnerEnforced, "BucketOwnerEnforced"},
    {ObjectOwnership::BucketOwnerPreferred, "BucketOwnerPreferred"},
    {ObjectOwnership::ObjectWriter, "ObjectWriter"}};

} // namespace s3rd::model::names
