// The PutBucketReplication body of a source bucket (reference §1, §9).

#include "policies/generators.h"
#include "policies/jsonwriter.h"

namespace s3rd::model::gen {

using policy::JsonWriter;

namespace {

const char *status(bool enabled)
{
    return enabled ? "Enabled" : "Disabled";
}

void writeStatus(JsonWriter &w, std::string_view key, bool enabled)
{
    w.key(key).beginObject().member("Status", status(enabled)).endObject();
}

void writeTag(JsonWriter &w, const Tag &t)
{
    w.beginObject().member("Key", t.key).member("Value", t.value).endObject();
}

// Exactly one of Prefix, Tag or And; an empty Filter means every object (reference §1.3).
void writeFilter(JsonWriter &w, const ReplicationRule &r)
{
    w.key("Filter").beginObject();
    if (r.filterTags.empty()) {
        if (!r.filterPrefix.empty())
            w.member("Prefix", r.filterPrefix);
    } else if (r.filterPrefix.empty() && r.filterTags.size() == 1) {
        writeTag(w.key("Tag"), r.filterTags.front());
    } else {
        w.key("And").beginObject();
        if (!r.filterPrefix.empty())
            w.member("Prefix", r.filterPrefix);
        w.key("Tags").beginArray();
        for (const Tag &t : r.filterTags)
            writeTag(w, t);
        w.endArray().endObject();
    }
    w.endObject();
}

// {"Status": "Enabled", "<key>": {"Minutes": 15}}: RTC and its metrics accept only 15 minutes.
void writeFifteenMinutes(JsonWriter &w, std::string_view key, std::string_view minutesKey)
{
    w.key(key).beginObject().member("Status", "Enabled");
    w.key(minutesKey).beginObject().member("Minutes", std::int64_t(15)).endObject();
    w.endObject();
}

} // namespace

Artifact replicationConfiguration(const Context &ctx, const Bucket &source)
{
    Artifact a =
        newArtifact(ArtifactKind::ReplicationConfiguration, source.id, ctx.bucketArn(source));

    // One configuration has one role: the first rule's (rules with other roles are a finding).
    const auto &rules = ctx.index().rulesFrom(source.id);
    std::string roleArn;
    for (const ReplicationRule *r : rules) {
        if (const Role *role = ctx.roleOf(*r)) {
            roleArn = ctx.roleArn(*role);
            break;
        }
    }

    JsonWriter w;
    w.beginObject().member("Role", roleArn).key("Rules").beginArray();
    for (const ReplicationRule *rp : rules) {
        const ReplicationRule &r = *rp;
        const Bucket *dst = ctx.destination(r);
        if (!dst)
            continue; // a dangling destination is reported by the loader and the checklist
        StatementNote note;
        note.sid = r.ruleId;
        note.elements = {r.id, source.id, dst->id};
        if (!r.role.empty())
            note.elements.push_back(r.role);

        // Members in the order of the S3 API model's ReplicationRule shape (botocore): ID,
        // Priority, Filter, Status, SourceSelectionCriteria, Destination,
        // DeleteMarkerReplication. V2 schema on every rule: Filter, so Priority and
        // DeleteMarkerReplication too.
        w.beginObject();
        // An empty ID is left out: S3 assigns one (ReplicationRule.ID is optional).
        if (!r.ruleId.empty())
            w.member("ID", r.ruleId);
        w.member("Priority", std::int64_t(r.priority));
        writeFilter(w, r);
        w.member("Status", status(r.enabled));
        if (r.replicateKmsObjects || r.replicaModificationSync) {
            w.key("SourceSelectionCriteria").beginObject();
            // Required whenever SourceSelectionCriteria is present (S3 API model).
            writeStatus(w, "SseKmsEncryptedObjects", r.replicateKmsObjects);
            if (r.replicaModificationSync)
                writeStatus(w, "ReplicaModifications", true);
            w.endObject();
        }

        w.key("Destination").beginObject().member("Bucket", ctx.bucketArn(*dst));
        const bool override = ctx.ownerOverrideInEffect(r);
        if (override)
            w.member("Account", ctx.accountIdOf(dst->account));
        if (!r.storageClass.empty())
            w.member("StorageClass", r.storageClass);
        if (override)
            w.key("AccessControlTranslation")
                .beginObject()
                .member("Owner", "Destination")
                .endObject();
        if (const KmsKey *k = ctx.replicaKey(r)) {
            w.key("EncryptionConfiguration")
                .beginObject()
                .member("ReplicaKmsKeyID", ctx.keyArn(*k))
                .endObject();
            note.elements.push_back(k->id);
        }
        if (r.replicationTimeControl) {
            // RTC must come with Metrics (reference §1.3).
            writeFifteenMinutes(w, "ReplicationTime", "Time");
            writeFifteenMinutes(w, "Metrics", "EventThreshold");
        } else if (r.metrics) {
            writeStatus(w, "Metrics", true);
        }
        w.endObject();
        // S3 does not replicate delete markers for tag-based rules and rejects Enabled there.
        writeStatus(w, "DeleteMarkerReplication", r.deleteMarkerReplication && !hasTagFilter(r));
        w.endObject();

        std::string &why = note.why;
        why.reserve(160);
        why += "Replicates ";
        why += r.filterPrefix.empty() && r.filterTags.empty() ? "every new object"
                                                              : "new objects matching the filter";
        why += " from ";
        why += source.name;
        why += " to ";
        why += dst->name;
        if (r.replicateKmsObjects)
            why += ", including SSE-KMS and DSSE-KMS objects";
        if (r.replicationTimeControl)
            why += ", within 15 minutes under Replication Time Control";
        why += '.';
        note.docUrl = r.replicateKmsObjects      ? doc::kKms
                      : r.replicationTimeControl ? doc::kRtc
                      : override                 ? doc::kOwnerOverride
                                                 : doc::kAddConfig;
        a.notes.push_back(std::move(note));
    }
    w.endArray().endObject();
    a.text = w.text();
    return a;
}

} // namespace s3rd::model::gen
