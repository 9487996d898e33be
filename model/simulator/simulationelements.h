#pragma once

// Which elements' documents a simulation reads, so that a caller simulating one object of a
// large design generates and compiles only those (policies/artifactsubset.h).

#include "simulator/simulator.h"

#include <string>
#include <vector>

namespace s3rd::model {

// The buckets, roles and keys whose documents a simulation of the object reads: its bucket,
// the destinations, roles and replica keys of the rules from it, the key it is encrypted with
// and the destinations' default keys. simulate() with generateArtifactsFor() of these gives the
// same result as with every artifact of the design.
std::vector<std::string> simulationElements(const Design &design, const TestObject &object);

} // namespace s3rd::model
