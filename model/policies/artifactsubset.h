#pragma once

// A few artifacts of a large design, for a caller that needs only those (simulating one object
// reads the documents of a handful of buckets, roles and keys among thousands).

#include "policies/artifacts.h"

#include <string>
#include <vector>

namespace s3rd::model {

// The artifacts of the given buckets, roles and keys only (element ids; others are ignored),
// exactly as generateArtifacts() makes them: the same text, paths and order, the rest left out.
std::vector<Artifact> generateArtifactsFor(const Design &design,
                                           const std::vector<std::string> &elementIds);

} // namespace s3rd::model
