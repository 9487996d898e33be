#include "artifactlookup.h"

namespace s3rd::test {

const model::Artifact *findArtifact(const std::vector<model::Artifact> &artifacts,
                                    model::ArtifactKind kind, const std::string &element)
{
    for (const model::Artifact &a : artifacts) {
        if (a.kind == kind && a.element == element)
            return &a;
    }
    return nullptr;
}

} // namespace s3rd::test
