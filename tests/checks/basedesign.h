#pragma once

// The design the checklist tests start from.

#include "designbuilder.h"

namespace s3rd::test {

using namespace s3rd::model;

// A clean cross-account setup: src-data-us (prod, us-east-1, SSE-KMS with k-src) replicates to
// dst-backup-eu (backup, eu-west-1, SSE-KMS with k-dst) with role r-repl, KMS objects opted in,
// metrics and delete-marker replication on. It has no error and no warning.
inline Design baseDesign()
{
    DesignBuilder b("base");
    b.account("a1", "111122223333", "prod");
    b.account("a2", "444455556666", "backup");
    const ObjectEncryptions kmsOnly{false, true, false, false, false}; // SSE-KMS writes only
    b.kmsBucket("src", "src-data-us", "a1", "us-east-1", "k-src").objectEncryptions = kmsOnly;
    b.kmsBucket("dst", "dst-backup-eu", "a2", "eu-west-1", "k-dst").objectEncryptions = kmsOnly;
    b.bucket("other", "other-bucket", "a1", "us-east-1"); // no rules touch it
    b.key("k-src", "a1", "us-east-1", "alias/src-data", "1234abcd-12ab-34cd-56ef-1234567890ab");
    b.key("k-dst", "a2", "eu-west-1", "alias/backup", "2234abcd-12ab-34cd-56ef-1234567890ab");
    b.role("r-repl", "a1", "s3-replication");
    ReplicationRule &r = b.kmsRule("rule1", "src", "dst", "r-repl", "k-dst");
    r.ruleId = "to-backup";
    r.deleteMarkerReplication = true;
    r.metrics = true;
    return b.design();
}

} // namespace s3rd::test
