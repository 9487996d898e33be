#include "largedesign.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace s3rd::bench {

using namespace s3rd::model;

namespace {

std::string accountNumber(int a)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%012lld", 100000000000LL + a * 1111LL);
    return buf;
}

const char *const kRegions[] = {"us-east-1", "eu-west-1"};

} // namespace

Design largeDesign(int buckets, int accounts, int keys)
{
    Design d;
    d.name = "Benchmark design";
    const int keysPerAccount = keys / accounts > 0 ? keys / accounts : 1;
    const int bucketsPerAccount = (buckets + accounts - 1) / accounts;
    for (int a = 0; a < accounts; ++a) {
        Account acc;
        acc.id = "a" + std::to_string(a);
        acc.accountId = accountNumber(a);
        acc.name = "workload-" + std::to_string(a);
        acc.geometry = {double((a % 10) * 900), double((a / 10) * 1400), 860, 1360};
        d.accounts.push_back(acc);

        Role role;
        role.id = "r" + std::to_string(a);
        role.account = acc.id;
        role.name = "s3-replication-" + std::to_string(a);
        role.geometry = {20, 40, 0, 0};
        d.roles.push_back(role);

        for (int k = 0; k < keysPerAccount; ++k) {
            KmsKey key;
            key.id = "k" + std::to_string(a) + "-" + std::to_string(k);
            key.account = acc.id;
            key.region = kRegions[k % 2];
            key.alias = "alias/bench-" + std::to_string(a) + "-" + std::to_string(k);
            char uuid[40];
            std::snprintf(uuid, sizeof uuid, "%08x-1111-2222-3333-%012x", a, k);
            key.keyId = uuid;
            key.geometry = {double(20 + 200 * (k + 1)), 40, 0, 0};
            d.keys.push_back(key);
        }
    }
    for (int i = 0; i < buckets; ++i) {
        const int a = i % accounts;
        const int slot = i / accounts;
        const int regionIndex = slot % 2;
        Bucket b;
        b.id = "b" + std::to_string(i);
        b.account = "a" + std::to_string(a);
        b.name = "bench-" + accountNumber(a) + "-" + std::to_string(slot) + "-"
                 + kRegions[regionIndex];
        b.region = kRegions[regionIndex];
        b.defaultEncryption = DefaultEncryption::SseKms;
        b.defaultKey = "k" + std::to_string(a) + "-" + std::to_string(regionIndex % keysPerAccount);
        b.bucketKey = slot % 3 == 0;
        b.objectEncryptions.sseKms = true;
        b.geometry = {double(20 + (slot % 4) * 210), double(160 + (slot / 4) * 110), 0, 0};
        d.buckets.push_back(b);
        (void)bucketsPerAccount;
    }
    // Bucket i replicates to the bucket with the same slot in the next account (same region).
    for (int i = 0; i < buckets; ++i) {
        const int a = i % accounts;
        const int slot = i / accounts;
        const int nextA = (a + 1) % accounts;
        const int dest = slot * accounts + nextA;
        if (dest >= buckets || dest == i)
            continue;
        ReplicationRule r;
        r.id = "rule" + std::to_string(i);
        r.ruleId = "replicate-to-" + d.buckets[std::size_t(dest)].name;
        r.source = d.buckets[std::size_t(i)].id;
        r.destination = d.buckets[std::size_t(dest)].id;
        r.role = "r" + std::to_string(a);
        r.priority = 1;
        r.deleteMarkerReplication = true;
        r.replicateKmsObjects = true;
        r.replicaKey = d.buckets[std::size_t(dest)].defaultKey;
        r.metrics = true;
        r.filterPrefix = slot % 2 ? "logs/" : "";
        d.rules.push_back(r);
    }
    return d;
}

Design overlappingDesign(int buckets, int bucketsPerAccount)
{
    const int accounts = std::max(1, buckets / std::max(1, bucketsPerAccount));
    Design d = largeDesign(buckets, accounts, 2 * accounts);
    d.name = "Benchmark design, overlapping boxes";
    for (std::size_t i = 0; i < d.buckets.size(); ++i) {
        const int slot = int(i) / accounts;
        // A default bucket box is wider and taller than these steps: neighbours overlap.
        d.buckets[i].geometry = {double(20 + (slot % 10) * 90), double(160 + (slot / 10) * 45),
                                 0, 0};
    }
    return d;
}

Design largeDesignOneRuleChanged()
{
    Design d = largeDesign();
    for (ReplicationRule &r : d.rules) {
        if (r.id != "rule500")
            continue;
        r.destination = "b999"; // another account's bucket, in the same Region
        for (const Bucket &b : d.buckets) {
            if (b.id == "b999")
                r.replicaKey = b.defaultKey;
        }
    }
    return d;
}

} // namespace s3rd::bench
