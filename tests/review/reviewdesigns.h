#pragma once

// The designs the review tests compare, beside the checklist's base design.

#include "basedesign.h"

namespace s3rd::test {

// The base design with a second destination in the backup account (dst2, "dst-second-eu") and
// a rule to it (rule2, "to-second"): new access for the replication role.
inline Design withSecondDestination()
{
    Design d = baseDesign();
    Bucket b = d.buckets[1];
    b.id = "dst2";
    b.name = "dst-second-eu";
    d.buckets.push_back(b);
    ReplicationRule r = d.rules[0];
    r.id = "rule2";
    r.ruleId = "to-second";
    r.destination = "dst2";
    r.priority = 2;
    d.rules.push_back(r);
    return d;
}

} // namespace s3rd::test
