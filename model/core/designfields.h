#pragma once

// The fields of each element of the design file, in the order the file has them: listed once,
// for the reader (designreader.cpp) and the writer (designwriter.cpp). fields(v, element) calls
// one member of the visitor `v` per field; the element is const when writing. Internal to the
// format, like designformat.h.

#include "designformat.h"
#include "elements.h"

#include <concepts>
#include <type_traits>

namespace s3rd::model::designformat {

// Reading: whether a missing field is a problem. Writing: Added fields came after the first
// release and are left out while they hold their default (false, the table's first value), so
// files that do not use them keep their bytes.
enum class Field
{
    Optional,
    Required,
    Added
};

template <typename A, typename T>
concept ElementOf = std::same_as<std::remove_const_t<A>, T>;

// Every element but a rule ends with these; "geometry" is last, so adding or removing an
// optional field never touches a neighbouring line's trailing comma.
template <typename V, typename A> void placedFields(V &v, A &a)
{
    v.note(a.note);
    v.presentStep(a.presentStep);
    v.geometry(a.geometry);
}

template <typename V, ElementOf<Account> A> void fields(V &v, A &a)
{
    v.id(a.id, ElementKind::Account);
    v.text("accountId", a.accountId, Field::Required);
    v.text("name", a.name, Field::Optional);
    v.choice("partition", kPartitions, a.partition, Field::Optional);
    v.guardrails(a.guardrails);
    placedFields(v, a);
}

template <typename V, ElementOf<Bucket> B> void fields(V &v, B &b)
{
    v.id(b.id, ElementKind::Bucket);
    v.text("name", b.name, Field::Required);
    v.reference("account", b.account, ElementKind::Account, Field::Required);
    v.text("region", b.region, Field::Required);
    v.choice("versioning", kVersionings, b.versioning, Field::Optional);
    v.flag("objectLock", b.objectLock, Field::Optional);
    v.choice("defaultEncryption", kEncryptions, b.defaultEncryption, Field::Optional);
    v.reference("defaultKey", b.defaultKey, ElementKind::Key, Field::Optional);
    v.flag("bucketKey", b.bucketKey, Field::Optional);
    v.objectEncryptions(b.objectEncryptions);
    v.flag("sseCBlocked", b.sseCBlocked, Field::Optional);
    v.choice("objectOwnership", kOwnerships, b.objectOwnership, Field::Optional);
    v.flag("requesterPays", b.requesterPays, Field::Optional);
    v.flag("hasExistingObjects", b.hasExistingObjects, Field::Optional);
    v.flag("batchReplication", b.batchReplication, Field::Optional);
    v.choice("type", kBucketTypes, b.type, Field::Added);
    v.flag("otherAccountsWrite", b.otherAccountsWrite, Field::Added);
    v.choice("lifecycle", kLifecycles, b.lifecycle, Field::Added);
    v.defaultRetention(b.defaultRetention);
    v.customPolicy("customBucketPolicy", b.customBucketPolicy);
    placedFields(v, b);
}

template <typename V, ElementOf<KmsKey> K> void fields(V &v, K &k)
{
    v.id(k.id, ElementKind::Key);
    v.reference("account", k.account, ElementKind::Account, Field::Required);
    v.text("region", k.region, Field::Required);
    v.choice("kind", kKeyKinds, k.kind, Field::Optional);
    v.text("alias", k.alias, Field::Optional);
    v.text("keyId", k.keyId, Field::Optional);
    v.flag("symmetric", k.symmetric, Field::Optional);
    v.flag("rotation", k.rotation, Field::Optional);
    v.flag("allowS3ServicePrincipal", k.allowS3ServicePrincipal, Field::Optional);
    v.choice("state", kKeyStates, k.state, Field::Added);
    v.customPolicy("customKeyPolicy", k.customKeyPolicy);
    placedFields(v, k);
}

template <typename V, ElementOf<Role> R> void fields(V &v, R &r)
{
    v.id(r.id, ElementKind::Role);
    v.reference("account", r.account, ElementKind::Account, Field::Required);
    v.text("name", r.name, Field::Required);
    v.text("path", r.path, Field::Optional);
    v.flag("confusedDeputyConditions", r.confusedDeputyConditions, Field::Optional);
    v.customPolicy("customTrustPolicy", r.customTrustPolicy);
    v.customPolicy("customPermissionsPolicy", r.customPermissionsPolicy);
    v.choice("permissionsAttachment", kAttachments, r.permissionsAttachment, Field::Added);
    v.guardrails(r.guardrails);
    placedFields(v, r);
}

// A rule has no geometry: it ends with a scalar instead.
template <typename V, ElementOf<ReplicationRule> R> void fields(V &v, R &r)
{
    v.id(r.id, ElementKind::Rule);
    v.text("ruleId", r.ruleId, Field::Optional);
    v.reference("source", r.source, ElementKind::Bucket, Field::Required);
    v.reference("destination", r.destination, ElementKind::Bucket, Field::Required);
    v.reference("role", r.role, ElementKind::Role, Field::Optional);
    v.note(r.note);
    v.presentStep(r.presentStep);
    v.priority(r.priority);
    v.flag("enabled", r.enabled, Field::Optional);
    v.text("filterPrefix", r.filterPrefix, Field::Optional);
    v.tags("filterTags", r.filterTags);
    v.flag("deleteMarkerReplication", r.deleteMarkerReplication, Field::Optional);
    v.flag("replicaModificationSync", r.replicaModificationSync, Field::Optional);
    v.flag("replicateKmsObjects", r.replicateKmsObjects, Field::Optional);
    v.reference("replicaKey", r.replicaKey, ElementKind::Key, Field::Optional);
    v.text("storageClass", r.storageClass, Field::Optional);
    v.flag("ownerOverride", r.ownerOverride, Field::Optional);
    v.flag("replicationTimeControl", r.replicationTimeControl, Field::Optional);
    v.flag("metrics", r.metrics, Field::Optional);
    v.flag("importedAsV1", r.importedAsV1, Field::Optional);
}

} // namespace s3rd::model::designformat
