#pragma once

// What differs between two designs as text: the elements (by id, field by field, with the field
// names and values of the design file) and the generated documents (as unified diffs).
//
// Contract: pure functions; the output is sorted (elements by kind in design order, then id;
// documents by path), so the same two designs always give the same report.

#include "core/design.h"
#include "core/elements.h"
#include "policies/artifacts.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace s3rd::model::review {

enum class Change
{
    Added,
    Removed,
    Changed
};
std::string_view changeName(Change c); // "added", "removed", "changed"

// "account", "bucket", "key", "role", "rule"
std::string_view elementKindName(ElementKind kind);

struct FieldChange
{
    std::string field;             // the key in the design file, e.g. "versioning", "geometry"
    nlohmann::ordered_json before; // null when the field is absent (or the element added)
    nlohmann::ordered_json after;  // null when the field is absent (or the element removed)
};

struct ElementChange
{
    ElementKind kind = ElementKind::Bucket;
    std::string id;
    Change change = Change::Changed;
    // Changed: the fields that differ. Added or removed: every field the file writes for it.
    std::vector<FieldChange> fields;
};

std::vector<ElementChange> elementChanges(const Design &oldDesign, const Design &newDesign);

struct DocumentChange
{
    std::string path; // the artifact's path, as `s3rd generate` writes it
    Change change = Change::Changed;
    std::string diff; // unified diff, headers "a/<path>" and "b/<path>" (/dev/null when absent)
};

std::vector<DocumentChange> documentChanges(const std::vector<Artifact> &oldArtifacts,
                                            const std::vector<Artifact> &newArtifacts);

} // namespace s3rd::model::review
