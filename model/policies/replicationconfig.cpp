// The PutBucketReplication body of a source bucket (reference §1, §9).

#include "policies/generators.h"

namespace s3rd::model::gen {

using nlohmann::ordered_json;

namespace {

const char *status(bool enabled)
{
    return enabled ? "Enabled" : "Disabled";
}

ordered_json tagJson(const Tag &t)
{
    ordered_json tag = ordered_json::object();
    tag["Key"] = t.key;
    tag["Value"] = t.value;
    return tag;
}

// Exactly one of Prefix, Tag or And; an empty Filter means every object (reference §1.3).
ordered_json filterJson(const ReplicationRule &r)
{
    ordered_json filter = ordered_json::object();
    if (r.filterTags.empty()) {
        if (!r.filterPrefix.empty())
            filter["Prefix"] = r.filterPrefix;
    } else if (r.filterPrefix.empty() && r.filterTags.size() == 1) {
        filter["Tag"] = tagJson(r.filterTags.front());
    } else {
        ordered_json &andOp = filter["And"] = ordered_json::object();
        if (!r.filterPrefix.empty())
            andOp["Prefix"] = r.filterPrefix;
        ordered_json &tags = andOp["Tags"] = ordered_json::array();
        for (const Tag &t : r.filterTags)
            tags.push_back(tagJson(t));
    }
    return filter;
}

ordered_json minutes15()
{
    ordered_json m = ordered_json::object();
    m["Minutes"] = 15;
    return m;
}

} // namespace

Artifact replicationConfiguration(const Context &ctx, const Bucket &source)
{
    Artifact a;
    a.kind = ArtifactKind::ReplicationConfiguration;
    a.element = source.id;
    a.target = ctx.bucketArn(source);

    // One configuration has one role: the first rule's (rules with other roles are a finding).
    const auto &rules = ctx.index().rulesFrom(source.id);
    std::string roleArn;
    for (const ReplicationRule *r : rules) {
        if (const Role *role = ctx.roleOf(*r)) {
            roleArn = ctx.roleArn(*role);
            break;
        }
    }

    ordered_json doc = ordered_json::object();
    doc["Role"] = roleArn;
    ordered_json &ruleList = doc["Rules"] = ordered_json::array();
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

        ordered_json rule = ordered_json::object();
        rule["ID"] = r.ruleId;
        // V2 schema on every rule: Filter, so Priority and DeleteMarkerReplication too.
        rule["Priority"] = r.priority;
        rule["Status"] = status(r.enabled);
        rule["Filter"] = filterJson(r);
        // S3 does not replicate delete markers for tag-based rules and rejects Enabled there.
        rule["DeleteMarkerReplication"]["Status"] =
            status(r.deleteMarkerReplication && !hasTagFilter(r));
        if (r.replicateKmsObjects || r.replicaModificationSync) {
            ordered_json &ssc = rule["SourceSelectionCriteria"] = ordered_json::object();
            // Required whenever SourceSelectionCriteria is present (S3 API model).
            ssc["SseKmsEncryptedObjects"]["Status"] = status(r.replicateKmsObjects);
            if (r.replicaModificationSync)
                ssc["ReplicaModifications"]["Status"] = "Enabled";
        }

        ordered_json &dest = rule["Destination"] = ordered_json::object();
        dest["Bucket"] = ctx.bucketArn(*dst);
        const bool override = ctx.ownerOverrideInEffect(r);
        if (override)
            dest["Account"] = ctx.accountIdOf(dst->account);
        if (!r.storageClass.empty())
            dest["StorageClass"] = r.storageClass;
        if (override)
            dest["AccessControlTranslation"]["Owner"] = "Destination";
        if (const KmsKey *k = ctx.replicaKey(r)) {
            dest["EncryptionConfiguration"]["ReplicaKmsKeyID"] = ctx.keyArn(*k);
            note.elements.push_back(k->id);
        }
        if (r.replicationTimeControl) {
            // RTC must come with Metrics; both accept only 15 minutes (reference §1.3).
            ordered_json &rtc = dest["ReplicationTime"] = ordered_json::object();
            rtc["Status"] = "Enabled";
            rtc["Time"] = minutes15();
            ordered_json &metrics = dest["Metrics"] = ordered_json::object();
            metrics["Status"] = "Enabled";
            metrics["EventThreshold"] = minutes15();
        } else if (r.metrics) {
            dest["Metrics"]["Status"] = "Enabled";
        }

        std::string why = "Replicates ";
        why += r.filterPrefix.empty() && r.filterTags.empty() ? "every new object"
                                                              : "new objects matching the filter";
        why += " from " + source.name + " to " + dst->name;
        if (r.replicateKmsObjects)
            why += ", including SSE-KMS and DSSE-KMS objects";
        if (r.replicationTimeControl)
            why += ", within 15 minutes under Replication Time Control";
        why += '.';
        note.why = std::move(why);
        note.docUrl = r.replicateKmsObjects      ? doc::kKms
                      : r.replicationTimeControl ? doc::kRtc
                      : override                 ? doc::kOwnerOverride
                                                 : doc::kReplicationConfig;
        a.notes.push_back(std::move(note));
        ruleList.push_back(std::move(rule));
    }
    setDocument(a, std::move(doc));
    return a;
}

} // namespace s3rd::model::gen
