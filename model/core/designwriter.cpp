// The writer of the design file format: deterministic, canonical JSON, saved atomically.
#include "designformat.h"

#include "atomicfile.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace s3rd::model {

using namespace designformat;

namespace {

// ---------------------------------------------------------------------------------------------
// Writing

ordered_json number(double v)
{
    // Whole numbers are written without a fraction ("420", not "420.0").
    if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 9.0e15)
        return static_cast<std::int64_t>(v);
    if (!std::isfinite(v))
        return 0;
    return v;
}

ordered_json geometryJson(const Geometry &g)
{
    ordered_json o = ordered_json::object();
    o["x"] = number(g.x);
    o["y"] = number(g.y);
    if (g.width != 0)
        o["width"] = number(g.width);
    if (g.height != 0)
        o["height"] = number(g.height);
    return o;
}

void putNote(ordered_json &o, const std::string &note)
{
    if (!note.empty())
        o["note"] = note;
}

// Added after the first release: only when a trainer set it, so other files keep their bytes.
void putPresentStep(ordered_json &o, const std::optional<int> &step)
{
    if (step)
        o["presentStep"] = *step;
}

void putPolicy(ordered_json &o, const char *key, const std::optional<CustomPolicy> &p)
{
    if (!p)
        return;
    ordered_json j = ordered_json::object();
    j["name"] = p->name;
    j["document"] = p->document;
    o[key] = std::move(j);
}

void putGuardrails(ordered_json &o, const std::vector<Guardrail> &guardrails)
{
    if (guardrails.empty())
        return;
    ordered_json list = ordered_json::array();
    for (const Guardrail &g : guardrails) {
        ordered_json j = ordered_json::object();
        j["kind"] = enumName(kGuardrailKinds, g.kind);
        j["name"] = g.name;
        j["document"] = g.document;
        list.push_back(std::move(j));
    }
    o["guardrails"] = std::move(list);
}

// Every element keeps its always-present "geometry" (or, for rules, a scalar) last, so adding
// or removing an optional field never touches a neighbouring line's trailing comma.
ordered_json accountJson(const Account &a)
{
    ordered_json o = ordered_json::object();
    o["id"] = a.id;
    o["accountId"] = a.accountId;
    o["name"] = a.name;
    o["partition"] = enumName(kPartitions, a.partition);
    putGuardrails(o, a.guardrails);
    putNote(o, a.note);
    putPresentStep(o, a.presentStep);
    o["geometry"] = geometryJson(a.geometry);
    return o;
}

ordered_json bucketJson(const Bucket &b)
{
    ordered_json o = ordered_json::object();
    o["id"] = b.id;
    o["name"] = b.name;
    o["account"] = b.account;
    o["region"] = b.region;
    o["versioning"] = enumName(kVersionings, b.versioning);
    o["objectLock"] = b.objectLock;
    o["defaultEncryption"] = enumName(kEncryptions, b.defaultEncryption);
    o["defaultKey"] = b.defaultKey;
    o["bucketKey"] = b.bucketKey;
    ordered_json enc = ordered_json::array();
    for (const ObjectEncryptionName &n : kObjectEncryptions) {
        if (b.objectEncryptions.*n.member)
            enc.push_back(n.name);
    }
    o["objectEncryptions"] = std::move(enc);
    o["sseCBlocked"] = b.sseCBlocked;
    o["objectOwnership"] = enumName(kOwnerships, b.objectOwnership);
    o["requesterPays"] = b.requesterPays;
    o["hasExistingObjects"] = b.hasExistingObjects;
    o["batchReplication"] = b.batchReplication;
    // Added after the first release: written only when not the default, so designs that do not
    // use them keep their bytes.
    if (b.type != BucketType::GeneralPurpose)
        o["type"] = enumName(kBucketTypes, b.type);
    if (b.otherAccountsWrite)
        o["otherAccountsWrite"] = true;
    if (b.lifecycle != Lifecycle::None)
        o["lifecycle"] = enumName(kLifecycles, b.lifecycle);
    if (b.defaultRetention != DefaultRetention{}) {
        ordered_json r = ordered_json::object();
        r["mode"] = enumName(kRetentionModes, b.defaultRetention.mode);
        r["days"] = b.defaultRetention.days;
        o["defaultRetention"] = std::move(r);
    }
    putPolicy(o, "customBucketPolicy", b.customBucketPolicy);
    putNote(o, b.note);
    putPresentStep(o, b.presentStep);
    o["geometry"] = geometryJson(b.geometry);
    return o;
}

ordered_json keyJson(const KmsKey &k)
{
    ordered_json o = ordered_json::object();
    o["id"] = k.id;
    o["account"] = k.account;
    o["region"] = k.region;
    o["kind"] = enumName(kKeyKinds, k.kind);
    o["alias"] = k.alias;
    o["keyId"] = k.keyId;
    o["symmetric"] = k.symmetric;
    o["rotation"] = k.rotation;
    o["allowS3ServicePrincipal"] = k.allowS3ServicePrincipal;
    if (k.state != KeyState::Enabled) // added after the first release: only when not the default
        o["state"] = enumName(kKeyStates, k.state);
    putPolicy(o, "customKeyPolicy", k.customKeyPolicy);
    putNote(o, k.note);
    putPresentStep(o, k.presentStep);
    o["geometry"] = geometryJson(k.geometry);
    return o;
}

ordered_json roleJson(const Role &r)
{
    ordered_json o = ordered_json::object();
    o["id"] = r.id;
    o["account"] = r.account;
    o["name"] = r.name;
    o["path"] = r.path;
    o["confusedDeputyConditions"] = r.confusedDeputyConditions;
    putPolicy(o, "customTrustPolicy", r.customTrustPolicy);
    putPolicy(o, "customPermissionsPolicy", r.customPermissionsPolicy);
    // Left out when automatic, so files of earlier versions stay canonical.
    if (r.permissionsAttachment != PermissionsAttachment::Automatic)
        o["permissionsAttachment"] = enumName(kAttachments, r.permissionsAttachment);
    putGuardrails(o, r.guardrails);
    putNote(o, r.note);
    putPresentStep(o, r.presentStep);
    o["geometry"] = geometryJson(r.geometry);
    return o;
}

ordered_json ruleJson(const ReplicationRule &r)
{
    ordered_json o = ordered_json::object();
    o["id"] = r.id;
    o["ruleId"] = r.ruleId;
    o["source"] = r.source;
    o["destination"] = r.destination;
    o["role"] = r.role;
    putNote(o, r.note);
    putPresentStep(o, r.presentStep);
    o["priority"] = r.priority;
    o["enabled"] = r.enabled;
    o["filterPrefix"] = r.filterPrefix;
    ordered_json tags = ordered_json::array();
    for (const Tag &t : r.filterTags) {
        ordered_json j = ordered_json::object();
        j["key"] = t.key;
        j["value"] = t.value;
        tags.push_back(std::move(j));
    }
    o["filterTags"] = std::move(tags);
    o["deleteMarkerReplication"] = r.deleteMarkerReplication;
    o["replicaModificationSync"] = r.replicaModificationSync;
    o["replicateKmsObjects"] = r.replicateKmsObjects;
    o["replicaKey"] = r.replicaKey;
    o["storageClass"] = r.storageClass;
    o["ownerOverride"] = r.ownerOverride;
    o["replicationTimeControl"] = r.replicationTimeControl;
    o["metrics"] = r.metrics;
    o["importedAsV1"] = r.importedAsV1;
    return o;
}

template<typename T>
ordered_json listJson(const std::vector<T> &items, ordered_json (*one)(const T &))
{
    ordered_json list = ordered_json::array();
    for (const T &item : items)
        list.push_back(one(item));
    return list;
}

} // namespace

nlohmann::ordered_json elementJson(const Element &element)
{
    return std::visit(
        [](const auto &e) -> ordered_json {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, Account>)
                return accountJson(e);
            else if constexpr (std::is_same_v<T, Bucket>)
                return bucketJson(e);
            else if constexpr (std::is_same_v<T, KmsKey>)
                return keyJson(e);
            else if constexpr (std::is_same_v<T, Role>)
                return roleJson(e);
            else
                return ruleJson(e);
        },
        element);
}

std::string serializeDesign(const Design &design)
{
    ordered_json root = ordered_json::object();
    root["format"] = kFormatName;
    root["formatVersion"] = kDesignFormatVersion;
    root["name"] = design.name;
    putNote(root, design.note);
    // Only in designs started from a lab, so every other file saves back to the same bytes.
    if (!design.lab.empty())
        root["lab"] = design.lab;
    root["accounts"] = listJson(design.accounts, &accountJson);
    root["buckets"] = listJson(design.buckets, &bucketJson);
    root["keys"] = listJson(design.keys, &keyJson);
    root["roles"] = listJson(design.roles, &roleJson);
    root["rules"] = listJson(design.rules, &ruleJson);
    // Invalid UTF-8 typed into a text field becomes U+FFFD instead of failing the save.
    std::string out = root.dump(2, ' ', false, ordered_json::error_handler_t::replace);
    out += '\n';
    return out;
}

std::string saveDesignFile(const Design &design, const std::string &path)
{
    files::removeStaleTemporaries(path);
    if (std::string error = files::writeFileAtomically(path, serializeDesign(design));
        !error.empty())
        return "cannot save " + path + ": " + error;
    return {};
}

} // namespace s3rd::model
