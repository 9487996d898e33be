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
            out, {r.id}, ctx.label(r) + " has replication metrics off: failures will be invisible");
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
                                  "covered by the 15-minute SLA");
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
                                  "beyond S3's request-rate guidelines");
    }
}

} // namespace s3rd::model::checks
