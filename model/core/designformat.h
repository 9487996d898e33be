#pragma once

// What the reader (designreader.cpp), the writer (designwriter.cpp) and the entry points
// (designfile.cpp) of the design file format share: its name, its limits and the names its
// enums have in the file. Internal to the format; designfile.h is its interface.

#include "design.h"
#include "designfile.h"
#include "enumnames.h"
#include "limits.h"
#include "names.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
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

// One table per enum (core/enumnames.h); each lists its values in the order messages name them.
inline constexpr const auto &kPartitions = names::kPartitionNames;
inline constexpr const auto &kOwnerships = names::kObjectOwnershipNames;
inline constexpr EnumName<Versioning> kVersionings[] = {
    {Versioning::Enabled, "enabled"}, {Versioning::Suspended, "suspended"},
    {Versioning::Unversioned, "unversioned"}};
inline constexpr EnumName<DefaultEncryption> kEncryptions[] = {
    {DefaultEncryption::SseS3, "SSE-S3"},
    {DefaultEncryption::SseKms, "SSE-KMS"},
    {DefaultEncryption::DsseKms, "DSSE-KMS"}};
inline constexpr EnumName<KeyKind> kKeyKinds[] = {
    {KeyKind::CustomerManaged, "customer-managed"}, {KeyKind::AwsManaged, "aws-managed"},
    {KeyKind::MultiRegionPrimary, "multi-region-primary"},
    {KeyKind::MultiRegionReplica, "multi-region-replica"}};
inline constexpr EnumName<PermissionsAttachment> kAttachments[] = {
    {PermissionsAttachment::Automatic, "automatic"}, {PermissionsAttachment::Inline, "inline"},
    {PermissionsAttachment::Managed, "managed"}};
inline constexpr EnumName<GuardrailKind> kGuardrailKinds[] = {
    {GuardrailKind::ServiceControlPolicy, "service-control-policy"},
    {GuardrailKind::PermissionsBoundary, "permissions-boundary"},
    {GuardrailKind::ResourceControlPolicy, "resource-control-policy"}};
inline constexpr EnumName<BucketType> kBucketTypes[] = {
    {BucketType::GeneralPurpose, "general-purpose"}, {BucketType::Directory, "directory"}};
inline constexpr EnumName<Lifecycle> kLifecycles[] = {
    {Lifecycle::None, "none"}, {Lifecycle::Rules, "rules"},
    {Lifecycle::GlacierTransitions, "glacier-transitions"}};
inline constexpr EnumName<RetentionMode> kRetentionModes[] = {
    {RetentionMode::None, "none"}, {RetentionMode::Governance, "GOVERNANCE"},
    {RetentionMode::Compliance, "COMPLIANCE"}};
inline constexpr EnumName<KeyState> kKeyStates[] = {
    {KeyState::Enabled, "enabled"}, {KeyState::Disabled, "disabled"},
    {KeyState::PendingDeletion, "pending-deletion"}};

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

// Bytes after a text that readDesignFast may read (not use) when told the text is padded.
inline constexpr std::size_t kReadPadding = 64;

// The fast path of loading: the design in text when text is a design without any problem at
// all, read through simdjson; nothing otherwise (not JSON, a key given twice, a missing field,
// a limit passed, ...), and then the exact path (parseDesignExactly) finds and reports it.
// padded: the kReadPadding bytes after text can be read, so the text need not be copied.
std::optional<Design> readDesignFast(std::string_view text, bool padded);

// The exact path: the text parsed into nlohmann's tree, with the position of a syntax error,
// keys given twice and the limits, then read by readDesignTree. What parseDesign reports.
LoadResult parseDesignExactly(std::string_view text);

} // namespace s3rd::model::designformat
