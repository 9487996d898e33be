#include "accountregion.h"

#include <map>

namespace s3rd::model {

std::string mainRegion(const Design &design, std::string_view accountId)
{
    std::map<std::string, int> counts; // ordered: the first of equal counts is alphabetical
    for (const Bucket &b : design.buckets)
        if (b.account == accountId && !b.region.empty())
            counts[b.region] += 2;
    for (const KmsKey &k : design.keys)
        if (k.account == accountId && !k.region.empty())
            counts[k.region] += 1;
    std::string best;
    int bestCount = 0;
    for (const auto &[region, count] : counts) {
        if (count > bestCount) {
            best = region;
            bestCount = count;
        }
    }
    return best;
}

} // namespace s3rd::model
