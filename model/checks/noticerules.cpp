// What replication does not do, worth knowing before relying on it (reference §1.3, §6.3–§6.5).

#include "checks/checkcontext.h"

namespace s3rd::model::checks {

namespace {

// The source buckets, as element ids and as names, for design-wide notices.
void sourceNames(const CheckContext &ctx, std::vector<std::string> &ids,
                 std::vector<std::string> &labels)
{
    for (const Bucket *b : ctx.sourceBuckets()) {
        ids.push_back(b->id);
        labels.push_back(b->name);
    }
}

} // namespace

void ruleExistingObjectsNeedBatch(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const Bucket *src : ctx.sourceBuckets()) {
        if (!src->hasExistingObjects || src->batchReplication)
            continue;
        Finding &f = addFinding(
            out, {src->id},
            ctx.label(*src) + " already holds objects: live replication copies only new ones",
            "Objects that existed before replication was configured are not replicated "
            "automatically (ExistingObjectReplication is no longer supported). Replicate them "
            "with an S3 Batch Replication job: plan it for the bucket, and the exported bundle "
            "holds batch-replication-" + src->name + ".sh (the aws s3control create-job call), "
            "its runbook in the account's README, and the role's permissions for the job.",
            doc::kBatch);
        f.fix = setMemberFix("Plan S3 Batch Replication for the existing objects of " + src->name,
                             &Design::buckets, src->id, &Bucket::batchReplication, true);
    }
}

void ruleDeleteMarkersNotReplicated(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        if (!r.enabled || r.deleteMarkerReplication)
            continue;
        const bool tags = !r.filterTags.empty();
        addFinding(out, {r.id},
                   ctx.label(r) +
                       " does not replicate delete markers: objects deleted in the source "
                       "stay visible in the destination" +
                       std::string(tags ? " (tag-based rules cannot replicate them)" : ""));
        // No one-click fix: turning delete marker replication on removes a protection.
    }
}

// One design-wide notice about every source bucket: "<before><names><after>".
static void addSourceNotice(const CheckContext &ctx, std::vector<Finding> &out,
                            const std::string &before, const std::string &after)
{
    std::vector<std::string> ids;
    std::vector<std::string> labels;
    sourceNames(ctx, ids, labels);
    if (ids.empty())
        return;
    addFinding(out, std::move(ids), before + joinNames(labels) + after);
}

void ruleVersionDeletesNeverReplicated(const CheckContext &ctx, std::vector<Finding> &out)
{
    addSourceNotice(ctx, out, "Deleting a specific object version in ", " is never replicated");
}

namespace {

// One finding about the source buckets whose lifecycle matches: "<before><names><after>".
void addLifecycleNotice(const CheckContext &ctx, std::vector<Finding> &out, bool glacierOnly,
                        const std::string &before, const std::string &after)
{
    std::vector<std::string> ids;
    std::vector<std::string> labels;
    for (const Bucket *b : ctx.sourceBuckets()) {
        const bool applies = glacierOnly ? b->lifecycle == Lifecycle::GlacierTransitions
                                         : b->lifecycle != Lifecycle::None;
        if (!applies)
            continue;
        ids.push_back(b->id);
        labels.push_back(b->name);
    }
    if (!ids.empty())
        addFinding(out, std::move(ids), before + joinNames(labels) + after);
}

} // namespace

void ruleLifecycleNotReplicated(const CheckContext &ctx, std::vector<Finding> &out)
{
    addLifecycleNotice(ctx, out, false, "Lifecycle actions in ",
                       " are not replicated: give destinations their own lifecycle rules");
}

void ruleGlacierObjectsNotReplicated(const CheckContext &ctx, std::vector<Finding> &out)
{
    addLifecycleNotice(ctx, out, true, "Objects that lifecycle rules of ",
                       " move to S3 Glacier Flexible Retrieval or Deep Archive are not "
                       "replicated from there");
}

void ruleTagFilterNeedsTagsAtPut(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        if (!r.enabled || r.filterTags.empty())
            continue;
        addFinding(out, {r.id},
                   ctx.label(r) + " filters on tags: objects must carry them when uploaded");
    }
}

void ruleV1ConfigRegenerated(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        if (!r.importedAsV1)
            continue;
        const bool tags = !r.filterTags.empty();
        std::string changes = "it is written back in the V2 format: Filter.Prefix instead of "
                              "the rule-level Prefix, Priority " +
                              std::to_string(r.priority) + ", DeleteMarkerReplication " +
                              (r.deleteMarkerReplication && !tags ? "Enabled" : "Disabled");
        if (!r.deleteMarkerReplication)
            changes += " (V1 replicated delete markers of user deletes; this rule no longer will)";
        Finding &f = addFinding(out, {r.id},
                                ctx.label(r) + " was imported from a V1 configuration: " + changes);
        if (!r.deleteMarkerReplication && !tags) {
            f.fix =
                Fix{"Replicate delete markers as V1 did, and mark " + ctx.label(r) + " reviewed",
                    [id = r.id](Design &d) {
                        if (ReplicationRule *x = findById(d.rules, id)) {
                            x->deleteMarkerReplication = true;
                            x->importedAsV1 = false;
                        }
                    }};
        } else {
            f.fix = setMemberFix("Mark " + ctx.label(r) + " reviewed", &Design::rules, r.id,
                                 &ReplicationRule::importedAsV1, false);
        }
    }
}

} // namespace s3rd::model::checks
