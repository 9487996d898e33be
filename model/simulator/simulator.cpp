#include "simulator.h"

#include "core/arn.h"
#include "core/elements.h"
#include "simulator/replicationwalk.h"
#include "simulator/simulationelements.h"

#include <algorithm>

namespace s3rd::model {

ObjectWrite defaultWrite(const Bucket &b)
{
    switch (b.defaultEncryption) {
    case DefaultEncryption::SseS3: return ObjectWrite::SseS3;
    case DefaultEncryption::SseKms: return ObjectWrite::SseKms;
    case DefaultEncryption::DsseKms: return ObjectWrite::DsseKms;
    }
    return ObjectWrite::SseS3;
}

// PolicySet is in policyset.cpp.

namespace {

bool tagsMatch(const std::vector<Tag> &filter, const std::vector<Tag> &tags)
{
    for (const Tag &f : filter) {
        if (std::find(tags.begin(), tags.end(), f) == tags.end())
            return false;
    }
    return true;
}

// Why a rule does not apply to the object; empty when it does.
std::string ruleMismatch(const ReplicationRule &r, const TestObject &o)
{
    if (!r.enabled)
        return "rule " + r.ruleId + " is disabled";
    if (!o.key.starts_with(r.filterPrefix))
        return "rule " + r.ruleId + ": key does not start with prefix '" + r.filterPrefix + "'";
    if (!tagsMatch(r.filterTags, o.deleteMarker ? std::vector<Tag>{} : o.tags))
        return "rule " + r.ruleId + ": the object does not carry the rule's tags";
    return {};
}

} // namespace

SimulationResult simulate(const PolicySet &policies, const TestObject &object)
{
    SimulationResult result;
    const DesignIndex &ix = policies.index();
    const Bucket *src = ix.bucket(object.bucket);
    if (!src) {
        result.problems.push_back("no bucket with element id '" + object.bucket + "'");
        return result;
    }
    const Account *srcAcct = ix.accountOf(*src);
    if (!srcAcct) {
        result.problems.push_back("bucket " + src->name + " belongs to no account");
        return result;
    }
    if (isKms(object.encryption) && !object.kmsKey.empty() && !ix.key(object.kmsKey))
        result.problems.push_back("no KMS key with element id '" + object.kmsKey + "'");
    if (object.key.empty())
        result.problems.push_back("the object key is empty");
    if (!result.problems.empty())
        return result;

    // One result per destination, in the order the destinations first appear.
    const auto &rules = ix.rulesFrom(src->id);
    std::vector<std::string> destinations;
    for (const ReplicationRule *r : rules) {
        if (std::find(destinations.begin(), destinations.end(), r->destination)
            == destinations.end())
            destinations.push_back(r->destination);
    }
    ReplicationWalk walk(policies, object, *src, *srcAcct, result);
    for (const std::string &destination : destinations) {
        DestinationResult dr;
        dr.destination = destination;
        if (const Bucket *dst = ix.bucket(destination))
            dr.bucketArn = arn::bucket(srcAcct->partition, dst->name);
        // The highest priority wins among rules to the same destination (BOTO Priority).
        const ReplicationRule *winner = nullptr;
        std::vector<std::string> why;
        for (const ReplicationRule *r : rules) {
            if (r->destination != destination)
                continue;
            std::string mismatch = ruleMismatch(*r, object);
            if (!mismatch.empty())
                why.push_back(std::move(mismatch));
            else if (!winner || r->priority > winner->priority)
                winner = r;
        }
        SimulationStep match;
        match.check = "match-rule";
        if (!winner) {
            dr.matched = false;
            dr.outcome = Outcome::NotReplicated;
            dr.reason = "not-matched";
            match.decision = Decision::ImplicitDeny;
            match.passed = false;
            for (const std::string &w : why)
                match.detail += (match.detail.empty() ? "" : "; ") + w;
            dr.steps.push_back(std::move(match));
            result.destinations.push_back(std::move(dr));
            continue;
        }
        dr.rule = winner->id;
        dr.ruleId = winner->ruleId;
        match.detail = "rule " + winner->ruleId + " (priority " + std::to_string(winner->priority)
                       + ") applies";
        match.elements = {winner->id, src->id, destination};
        dr.steps.push_back(std::move(match));
        walk.run(*winner, dr);
        result.destinations.push_back(std::move(dr));
    }
    return result;
}

SimulationResult simulate(const Design &design, const std::vector<Artifact> &artifacts,
                          const TestObject &object)
{
    const PolicySet policies(design, artifacts);
    return simulate(policies, object);
}

std::vector<std::string> simulationElements(const Design &design, const TestObject &object)
{
    std::vector<std::string> ids;
    const auto add = [&ids](const std::string &id) {
        if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end())
            ids.push_back(id);
    };
    add(object.bucket);
    add(object.kmsKey);
    const Bucket *src = findById(design.buckets, object.bucket);
    if (!src)
        return ids;
    add(src->defaultKey);
    for (const ReplicationRule &r : design.rules) {
        if (r.source != src->id)
            continue;
        add(r.destination);
        add(r.role);
        add(r.replicaKey);
        if (const Bucket *dst = findById(design.buckets, r.destination))
            add(dst->defaultKey);
    }
    return ids;
}

std::string parseObjectEncryption(const Design &design, std::string_view text, TestObject &object)
{
    std::string_view kind = text;
    std::string_view key;
    if (const auto colon = text.find(':'); colon != std::string_view::npos) {
        kind = text.substr(0, colon);
        key = text.substr(colon + 1);
    }
    static const std::pair<std::string_view, ObjectWrite> kKinds[] = {
        {"none", ObjectWrite::Unencrypted}, {"sse-s3", ObjectWrite::SseS3},
        {"sse-kms", ObjectWrite::SseKms},   {"dsse-kms", ObjectWrite::DsseKms},
        {"sse-c", ObjectWrite::SseC},       {"client-side", ObjectWrite::ClientSide},
    };
    const auto it = std::find_if(std::begin(kKinds), std::end(kKinds),
                                 [&](const auto &k) { return k.first == kind; });
    if (it == std::end(kKinds))
        return "unknown encryption '" + std::string(kind)
               + "' (expected none, sse-s3, sse-kms:KEY, dsse-kms:KEY, sse-c or client-side)";
    object.encryption = it->second;
    object.kmsKey.clear();
    if (key.empty())
        return {};
    if (!isKms(it->second))
        return "only sse-kms and dsse-kms take a key";
    for (const KmsKey &k : design.keys) {
        std::string aliasName = k.alias.starts_with("alias/") ? k.alias.substr(6) : k.alias;
        if (k.id == key || k.keyId == key || (!k.alias.empty() && (k.alias == key || aliasName == key))
            || key.ends_with(":key/" + k.keyId) || (!k.alias.empty() && key.ends_with(":" + k.alias))) {
            object.kmsKey = k.id;
            return {};
        }
    }
    return "no KMS key '" + std::string(key) + "' in the design (give its element id, key id or alias)";
}

} // namespace s3rd::model
