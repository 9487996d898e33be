#pragma once

// The checklist: findings about what will break, and the pre-flight checklist.
//
// Contract: runChecks() is a pure function of the design (and its generated artifacts, which
// the caller passes so they are generated once per edit). Findings come in a deterministic
// order: by severity, then rule id, then element ids.

#include "core/design.h"
#include "policies/artifacts.h"

#include <functional>
#include <string>
#include <vector>

namespace s3rd::model {

enum class Severity { Error, Warning, Info };
std::string_view severityName(Severity s); // "error", "warning", "info"

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
};

struct PreflightItem
{
    std::string item;               // "Versioning on both sides"
    bool ok = true;
    std::vector<std::string> rules; // the rule ids of the findings that untick it
};

struct CheckReport
{
    std::vector<Finding> findings;
    std::vector<PreflightItem> preflight;
    int count(Severity s) const;
};

CheckReport runChecks(const Design &design, const std::vector<Artifact> &artifacts);

} // namespace s3rd::model
