// Seeing failures: replication metrics, failure events, RTC (reference §6.9, §6.10).

#include "checks/checkcontext.h"

namespace s3rd::model::checks {

void ruleMetricsOff(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        // Replication Time Control turns metrics on with it (the generator writes both).
        if (!r.enabled || r.metrics || r.replicationTimeControl)
            continue;
        Finding &f = addFinding(
            out, {r.id}, ctx.label(r) + " has replication metrics off: failures will be invisible",
            "Replication fails silently: S3 accepts a configuration whose key or permissions "
            "are wrong, and objects just never arrive. Enable replication metrics on the rule "
            "and send s3:Replication:OperationFailedReplication events to SQS, SNS or Lambda "
            "(they are not delivered to EventBridge). Failure events need metrics, not RTC.",
            doc::kMetricsEvents);
        f.fix = setMemberFix("Enable replication metrics on " + ctx.label(r), &Design::rules, r.id,
                             &ReplicationRule::metrics, true);
    }
}

void ruleRtcDeleteMarkersNoSla(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        if (!r.enabled || !r.replicationTimeControl || !r.deleteMarkerReplication ||
            !r.filterTags.empty())
            continue;
        addFinding(out, {r.id},
                   ctx.label(r) + " uses Replication Time Control: its delete markers are not "
                                  "covered by the 15-minute SLA",
                   "Delete marker replication does not adhere to the 15-minute service-level "
                   "agreement of S3 Replication Time Control; objects do.",
                   doc::kDeleteMarkers);
    }
}

void ruleRtcLimits(const CheckContext &ctx, std::vector<Finding> &out)
{
    for (const ReplicationRule &r : ctx.design.rules) {
        if (!r.enabled || !r.replicationTimeControl)
            continue;
        addFinding(out, {r.id},
                   ctx.label(r) + " uses Replication Time Control: the 15-minute SLA does not "
                                  "hold above 1 Gbps of replication traffic per Region pair or "
                                  "beyond S3's request-rate guidelines",
                   "The S3 RTC SLA doesn't apply during time periods where the replication data "
                   "transfer rate exceeds the default 1 Gbps quota (raise it with a Service "
                   "Quotas request), nor when Amazon S3 performance guidelines on requests per "
                   "second are exceeded. Each replicated object costs up to five GET/HEAD "
                   "requests and one PUT on the source and one PUT on each destination; KMS "
                   "objects also count against the KMS request quotas.",
                   doc::kRtc);
    }
}

} // namespace s3rd::model::checks
