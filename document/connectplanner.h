#pragma once

// What the canvas gestures mean for the design, as undo commands: drawing a replication arrow,
// dropping a palette element into an account or a key on a bucket, moving boxes into another
// account. Pure planning on the design plus the commands that apply it; the canvas only finds
// out where the pointer is.

#include "document.h"

#include <optional>
#include <vector>

class QUndoCommand;

namespace s3rd::document {

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

// The region new elements of an account get: its main Region (model::mainRegion), else
// "us-east-1".
std::string defaultRegionOf(const model::Design &design, const std::string &accountId);

// Dropping a palette bucket, key or role into an account at (x, y), relative to the account:
// one undo step adding it with a unique name (a key in the account's region), kept out of the
// account's header and off its left edge. nullptr for other kinds or an unknown account.
QUndoCommand *addToAccountCommand(Document &doc, ElementKind kind, const QString &accountId,
                                  double x, double y);

// Dropping a palette key on a bucket: one undo step that adds a new customer managed key in
// the bucket's account and region, below the account's other elements, and makes it the
// bucket's default key. SSE-S3 becomes SSE-KMS; a DSSE-KMS bucket stays DSSE-KMS; the bucket
// then accepts objects encrypted that way. nullptr when there is no such bucket.
QUndoCommand *encryptWithNewKeyCommand(Document &doc, const QString &bucketId);

// Boxes dropped into another account belong to it: the new values of the given buckets, keys
// and roles with their account changed and their positions (relative to the new account) as
// given, in the same order. Ids of anything else are skipped.
struct Placement
{
    QString id;
    double x = 0;
    double y = 0;
};
std::vector<Element> movedToAccount(const Document &doc, const std::vector<Placement> &boxes,
                                    const QString &accountId);

// What dragging the selected boxes moves: every selected account, bucket, key and role, except
// a bucket, key or role whose account is selected too (it rides along with it). Values as they
// are now, in selection order.
std::vector<Element> elementsToMove(const Document &doc, const QStringList &selectedIds);
// The elements shifted by (dx, dy); rules (no geometry) unchanged.
std::vector<Element> translated(std::vector<Element> elements, double dx, double dy);
// Whether dropping the dragged elements on the account moves them into it: only buckets, keys
// and roles change account, and not when they all already belong to that account.
bool movesIntoAccount(const Document &doc, const QStringList &draggedIds,
                      const QString &accountId);

// Auto-arrange as one undo step; nullptr when the design is arranged already.
QUndoCommand *autoArrangeCommand(Document &doc);

} // namespace s3rd::document
