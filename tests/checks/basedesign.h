#pragma once

// The design the checklist tests start from.

#include "core/design.h"

namespace s3rd::test {

using namespace s3rd::model;

// A clean cross-account setup: src-data-us (prod, us-east-1, SSE-KMS with k-src) replicates to
// dst-backup-eu (backup, eu-west-1, SSE-KMS with k-dst) with role r-repl, KMS objects opted in,
// metrics and delete-marker replication on. It has no error and no warning.
inline Design baseDesign()
{
    Design d;
    d.name = "base";
    d.accounts = {
        Account{"a1", "111122223333", "prod", Partition::Aws, {}, {}, {}},
        Account{"a2", "444455556666", "backup", Partition::Aws, {}, {}, {}},
    };
    Bucket src;
    src.id = "src";
    src.name = "src-data-us";
    src.account = "a1";
    src.region = "us-east-1";
    src.defaultEncryption = DefaultEncryption::SseKms;
    src.defaultKey = "k-src";
    src.objectEncryptions = {false, true, false, false, false}; // SSE-KMS writes only
    Bucket dst = src;
    dst.id = "dst";
    dst.name = "dst-backup-eu";
    dst.account = "a2";
    dst.region = "eu-west-1";
    dst.defaultKey = "k-dst";
    Bucket other = src; // no rules touch it
    other.id = "other";
    other.name = "other-bucket";
    other.defaultEncryption = DefaultEncryption::SseS3;
    other.defaultKey.clear();
    other.objectEncryptions = {};
    d.buckets = {src, dst, other};

    KmsKey ks;
    ks.id = "k-src";
    ks.account = "a1";
    ks.region = "us-east-1";
    ks.alias = "alias/src-data";
    ks.keyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
    KmsKey kd = ks;
    kd.id = "k-dst";
    kd.account = "a2";
    kd.region = "eu-west-1";
    kd.alias = "alias/backup";
    kd.keyId = "2234abcd-12ab-34cd-56ef-1234567890ab";
    d.keys = {ks, kd};

    Role role;
    role.id = "r-repl";
    role.account = "a1";
    role.name = "s3-replication";
    d.roles = {role};

    ReplicationRule r;
    r.id = "rule1";
    r.ruleId = "to-backup";
    r.source = "src";
    r.destination = "dst";
    r.role = "r-repl";
    r.priority = 1;
    r.deleteMarkerReplication = true;
    r.replicateKmsObjects = true;
    r.replicaKey = "k-dst";
    r.metrics = true;
    d.rules = {r};
    return d;
}

} // namespace s3rd::test
