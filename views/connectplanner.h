#pragma once

// What drawing a replication arrow (or dropping a palette element) adds to the design, as undo
// commands. Pure planning on the design plus the commands that apply it; no widgets, so the
// rules are easy to test.

#include "document.h"

#include <optional>

class QUndoCommand;

namespace s3rd::views {

// Drawing an arrow from source to destination bucket, as the S3 console does it:
// - the rule gets a unique rule ID, the next free priority of the source's configuration,
//   delete-marker replication and replication metrics on;
// - it uses the replication role of the source account (the one the source's other rules use,
//   else any role of that account); if the account has none, a role "s3-replication-role" with
//   path "/service-role/" is created;
// - when the source uses SSE-KMS or DSSE-KMS and the destination has a key (its default key, or
//   a key in its account and region), the rule replicates KMS-encrypted objects with that key
//   as the replica key.
struct ReplicationPlan
{
    model::ReplicationRule rule;
    std::optional<model::Role> newRole;
};
ReplicationPlan planReplication(const document::Document &doc, const QString &sourceBucket,
                                const QString &destinationBucket);

// One undo step adding the plan's role (if any) and rule. nullptr when the ends are not two
// distinct buckets.
QUndoCommand *replicationCommand(document::Document &doc, const QString &sourceBucket,
                                 const QString &destinationBucket);

// New elements with unique ids and names, ready for AddElementCommand. pos is the geometry
// (scene coordinates for an account, relative to the account otherwise).
model::Account newAccount(const document::Document &doc, double x, double y);
model::Bucket newBucket(const document::Document &doc, const QString &accountId, double x,
                        double y);
model::KmsKey newKey(const document::Document &doc, const QString &accountId,
                     const std::string &region, double x, double y);
model::Role newRole(const document::Document &doc, const QString &accountId, double x, double y);

// The region new elements of an account get: the one most of its buckets are in, else
// "us-east-1".
std::string defaultRegionOf(const model::Design &design, const std::string &accountId);

} // namespace s3rd::views
