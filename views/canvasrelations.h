#pragma once

// What the canvas emphasises, quietly, next to the selection: the elements the selected ones
// work with. A pure function of the design, so the canvas and its tests agree on it.

#include "core/designindex.h"

#include <QSet>
#include <QStringList>

namespace s3rd::views {

// The elements related to `selected` (element ids), the selected ones left out:
// - a rule: its role, the key of its source bucket's default encryption when the rule
//   replicates SSE-KMS objects, and its replica key;
// - a KMS key: the buckets it encrypts by default and the rules that use it (as their replica
//   key, or to read their source bucket's objects);
// - a role: the rules that use it;
// - a bucket: the key it encrypts with by default.
QSet<QString> relatedElements(const model::DesignIndex &index, const QStringList &selected);

} // namespace s3rd::views
