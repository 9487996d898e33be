#pragma once

// "Would this object replicate — and if not, why?" Walks the setup as S3 would for one test
// object and decides every permission check with the policy evaluator (evaluator.h).
//
// Contract: simulate() is a pure function of the design, its artifacts (the generated
// policies; custom ones where the design has them) and the test object.

#include "core/design.h"
#include "policies/artifacts.h"

#include <map>
#include <string>
#include <vector>

namespace s3rd::model {

enum class ObjectWrite { Unencrypted, SseS3, SseKms, DsseKms, SseC, ClientSide };

struct TestObject
{
    std::string bucket; // element id of the source bucket
    std::string key;
    std::vector<Tag> tags;
    ObjectWrite encryption = ObjectWrite::SseS3;
    std::string kmsKey;         // element id of the key for SseKms / DsseKms (empty: bucket default)
    bool isReplica = false;     // the object is itself a replica
    bool deleteMarker = false;  // a delete marker instead of an object
    bool versionDelete = false; // a delete of a specific version
};

enum class Decision { Allowed, ImplicitDeny, ExplicitDeny };
std::string_view decisionName(Decision d); // "allowed", "implicit-deny", "explicit-deny"

struct MatchedStatement
{
    std::string policy; // artifact path or custom policy id
    std::string sid;
    bool allow = true;  // Effect
};

struct Request
{
    std::string principal; // ARN or service principal
    std::string action;    // "s3:ReplicateObject"
    std::string resource;  // ARN
    std::map<std::string, std::vector<std::string>> context; // condition keys
};

struct SimulationStep
{
    std::string check; // short name, e.g. "assume-role", "read-source", "decrypt-source"
    Request request;
    std::vector<std::string> policies; // the policies in effect for this check
    Decision decision = Decision::Allowed;
    std::vector<MatchedStatement> matched;
    std::vector<std::string> elements; // element ids involved (for highlighting on the canvas)
};

enum class Outcome { Replicated, NotReplicated, Failed };
std::string_view outcomeName(Outcome o); // "replicated", "not-replicated", "failed"

struct DestinationResult
{
    std::string destination; // element id of the destination bucket
    std::string bucketArn;
    std::string rule;        // element id of the winning rule
    std::string ruleId;      // its ID
    Outcome outcome = Outcome::Replicated;
    std::string reason;      // S3's failure reason (e.g. "DstPutObjectNotPermitted") or why not
    std::string replicaSummary; // for Replicated: the replica's encryption, key, owner, class
    std::vector<SimulationStep> steps;
};

struct SimulationResult
{
    std::vector<DestinationResult> destinations;
    std::vector<std::string> problems; // bad input (unknown bucket, unknown key…)
};

SimulationResult simulate(const Design &design, const std::vector<Artifact> &artifacts,
                          const TestObject &object);

} // namespace s3rd::model
