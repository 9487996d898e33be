#pragma once

// What the reader (designreader.cpp), the writer (designwriter.cpp) and the entry points
// (designfile.cpp) of the design file format share: its name, its limits and the names its
// enums have in the file. Internal to the format; designfile.h is its interface.

#include "design.h"
#include "designfile.h"
#include "limits.h"
#include "names.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace s3rd::model::designformat {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

inline constexpr std::string_view kFormatName = "s3-replication-designer";
using limits::kMaxDepth;
using limits::kMaxElements;
using limits::kMaxFileBytes;
using limits::kMaxPolicyBytes;
using limits::tooDeepAt;
// A file broken everywhere should not produce an unbounded report.
inline constexpr std::size_t kMaxProblems = 1000;
// Objects with more keys than this are checked for duplicate keys with a hash set.
inline constexpr std::size_t kLinearKeyScan = 32;

// ---------------------------------------------------------------------------------------------
// Enum names used in the file

struct EnumName
{
    int value;
    std::string_view name;
};

template<typename E, std::size_t N>
std::string_view enumName(const EnumName (&table)[N], E value)
{
    for (const EnumName &e : table) {
        if (e.value == static_cast<int>(value))
            return e.name;
    }
    return table[0].name;
}

template<typename E, std::size_t N>
bool enumValue(const EnumName (&table)[N], std::string_view name, E &out)
{
    for (const EnumName &e : table) {
        if (e.name == name) {
            out = static_cast<E>(e.value);
            return true;
        }
    }
    return false;
}

template<std::size_t N>
std::string enumChoices(const EnumName (&table)[N])
{
    std::string out;
    for (std::size_t i = 0; i < N; ++i) {
        if (i)
            out += i + 1 == N ? " or " : ", ";
        out += "\"" + std::string(table[i].name) + "\"";
    }
    return out;
}

inline const EnumName kPartitions[] = {
    {int(Partition::Aws), names::partitionName(Partition::Aws)},
    {int(Partition::AwsCn), names::partitionName(Partition::AwsCn)},
    {int(Partition::AwsUsGov), names::partitionName(Partition::AwsUsGov)},
};
inline const EnumName kVersionings[] = {
    {int(Versioning::Enabled), "enabled"},
    {int(Versioning::Suspended), "suspended"},
    {int(Versioning::Unversioned), "unversioned"},
};
inline const EnumName kEncryptions[] = {
    {int(DefaultEncryption::SseS3), "SSE-S3"},
    {int(DefaultEncryption::SseKms), "SSE-KMS"},
    {int(DefaultEncryption::DsseKms), "DSSE-KMS"},
};
inline const EnumName kOwnerships[] = {
    {int(ObjectOwnership::BucketOwnerEnforced), "BucketOwnerEnforced"},
    {int(ObjectOwnership::BucketOwnerPreferred), "BucketOwnerPreferred"},
    {int(ObjectOwnership::ObjectWriter), "ObjectWriter"},
};
inline const EnumName kKeyKinds[] = {
    {int(KeyKind::CustomerManaged), "customer-managed"},
    {int(KeyKind::AwsManaged), "aws-managed"},
    {int(KeyKind::MultiRegionPrimary), "multi-region-primary"},
    {int(KeyKind::MultiRegionReplica), "multi-region-replica"},
};
inline const EnumName kAttachments[] = {
    {int(PermissionsAttachment::Automatic), "automatic"},
    {int(PermissionsAttachment::Inline), "inline"},
    {int(PermissionsAttachment::Managed), "managed"},
};
inline const EnumName kGuardrailKinds[] = {
    {int(GuardrailKind::ServiceControlPolicy), "service-control-policy"},
    {int(GuardrailKind::PermissionsBoundary), "permissions-boundary"},
    {int(GuardrailKind::ResourceControlPolicy), "resource-control-policy"},
};
inline const EnumName kBucketTypes[] = {
    {int(BucketType::GeneralPurpose), "general-purpose"},
    {int(BucketType::Directory), "directory"},
};
inline const EnumName kLifecycles[] = {
    {int(Lifecycle::None), "none"},
    {int(Lifecycle::Rules), "rules"},
    {int(Lifecycle::GlacierTransitions), "glacier-transitions"},
};
inline const EnumName kRetentionModes[] = {
    {int(RetentionMode::None), "none"},
    {int(RetentionMode::Governance), "GOVERNANCE"},
    {int(RetentionMode::Compliance), "COMPLIANCE"},
};
inline const EnumName kKeyStates[] = {
    {int(KeyState::Enabled), "enabled"},
    {int(KeyState::Disabled), "disabled"},
    {int(KeyState::PendingDeletion), "pending-deletion"},
};

// objectEncryptions is written as the list of the encryptions that are on, in this order.
struct ObjectEncryptionName
{
    bool ObjectEncryptions::*member;
    std::string_view name;
};
inline const ObjectEncryptionName kObjectEncryptions[] = {
    {&ObjectEncryptions::sseS3, "SSE-S3"},     {&ObjectEncryptions::sseKms, "SSE-KMS"},
    {&ObjectEncryptions::dsseKms, "DSSE-KMS"}, {&ObjectEncryptions::sseC, "SSE-C"},
    {&ObjectEncryptions::clientSide, "client-side"},
};

// The design in a parsed JSON tree (which has no duplicate keys), or every problem it has.
LoadResult readDesignTree(const json &root);

} // namespace s3rd::model::designformat
