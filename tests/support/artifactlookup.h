#pragma once

// Finding one generated document among all of a design's.

#include "policies/artifacts.h"

#include <string>
#include <vector>

namespace s3rd::test {

// The document of this kind for this element (bucket, key or role id); nullptr when none.
const model::Artifact *findArtifact(const std::vector<model::Artifact> &artifacts,
                                    model::ArtifactKind kind, const std::string &element);

} // namespace s3rd::test
