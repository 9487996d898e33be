#pragma once

// The checklist: findings about what will break, and the pre-flight checklist.
//
// Contract: runChecks() is a pure function of the design (and its generated artifacts, which
// the caller passes so they are generated once per edit). Findings come in a deterministic
// order: by severity, then rule id, then element ids.

#include "core/design.h"
#include "policies/artifacts.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace s3rd::model {

enum class Severity { Error, Warning, Info };
std::string_view severityName(Severity s); // "error", "warning", "info"
// Parses "error", "warning", "info"; false for anything else.
bool parseSeverity(std::string_view text, Severity &out);

// The items of the pre-flight checklist (the seed's "quick checklist before enabling
// replication"), in display order.
enum class PreflightCheck : std::uint8_t {
    Versioning,
    RoleTrust,
    RolePermissions,
    SourceKeyPolicy,
    DestinationKeyPolicy,
    CrossAccount,
    TestObject,
    Monitoring,
};
inline constexpr int kPreflightCheckCount = 8;
std::string_view preflightLabel(PreflightCheck c);

// A set of PreflightCheck values (bit 1 << value).
using PreflightMask = std::uint16_t;
constexpr PreflightMask preflightBit(PreflightCheck c)
{
    return PreflightMask(1u << unsigned(c));
}

// A fix edits a copy of the design; the designer applies it as one undo step.
struct Fix
{
    std::string label; // "Enable versioning on dst-logs-eu"
    std::function<void(Design &)> apply;
};

struct Finding
{
    std::string rule; // stable rule id, e.g. "versioning-destination-off"
    Severity severity = Severity::Error;
    std::vector<std::string> elements; // element ids it concerns
    std::string message;               // one line naming the elements
    std::string explanation;           // a longer paragraph
    std::string docUrl;
    std::optional<Fix> fix;
    // The pre-flight items this finding unticks (errors and warnings only). Zero: the rule
    // table's default for the rule. TestObject is unticked by every error, whatever this says.
    PreflightMask preflight = 0;
};

struct PreflightItem
{
    std::string item;               // "Versioning on both sides"
    bool ok = true;
    std::vector<std::string> rules; // the rule ids of the findings that untick it
    PreflightCheck check = PreflightCheck::Versioning;
};

struct CheckReport
{
    std::vector<Finding> findings;
    std::vector<PreflightItem> preflight;
    int count(Severity s) const;
};

CheckReport runChecks(const Design &design, const std::vector<Artifact> &artifacts);
// The same over an index of the design made by the caller (shared with the generation of the
// artifacts of the same design state).
class DesignIndex;
CheckReport runChecks(const Design &design, const std::vector<Artifact> &artifacts,
                      const DesignIndex &index);

// Only the findings of one rule id (in the same order runChecks() gives them); empty when the id
// is unknown. For tests and the designer's "re-check this rule".
std::vector<Finding> runRule(std::string_view ruleId, const Design &design,
                             const std::vector<Artifact> &artifacts);

// Every rule id the engine knows, with its severity, in table order.
struct RuleInfo
{
    std::string_view id;
    Severity severity;
};
std::vector<RuleInfo> ruleCatalog();

} // namespace s3rd::model
