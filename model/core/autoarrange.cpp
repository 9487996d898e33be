#include "autoarrange.h"

#include "accountregion.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

namespace s3rd::model {

namespace {

using namespace layout;

bool isZero(const Geometry &g)
{
    return g.x == 0 && g.y == 0 && g.width == 0 && g.height == 0;
}

struct Size
{
    double width = 0;
    double height = 0;
};

// Places the children of one account relative to its top-left corner and returns its size.
Size arrangeAccount(Design &design, const std::string &accountId)
{
    std::vector<Bucket *> buckets;
    std::vector<Geometry *> small; // keys then roles
    std::vector<Size> smallSizes;
    for (Bucket &b : design.buckets)
        if (b.account == accountId)
            buckets.push_back(&b);
    std::stable_sort(buckets.begin(), buckets.end(),
                     [](const Bucket *a, const Bucket *b) { return a->region < b->region; });
    for (KmsKey &k : design.keys) {
        if (k.account == accountId) {
            small.push_back(&k.geometry);
            smallSizes.push_back({kKeyWidth, kKeyHeight});
        }
    }
    for (Role &r : design.roles) {
        if (r.account == accountId) {
            small.push_back(&r.geometry);
            smallSizes.push_back({kRoleWidth, kRoleHeight});
        }
    }

    // A bucket grid about twice as tall as wide keeps accounts narrow, so arrows between
    // neighbouring columns stay short.
    const int n = int(buckets.size());
    const int columns = n == 0 ? 1 : std::clamp(int(std::ceil(std::sqrt(n / 2.0))), 1, n);
    const double gridWidth = columns * kBucketWidth + (columns - 1) * kBucketColumnGap;
    const int smallPerRow = std::max(1, int((gridWidth + kItemGap) / (kKeyWidth + kItemGap)));
    const double smallWidth
        = small.empty() ? 0
                        : std::min<int>(int(small.size()), std::max(smallPerRow, 2)) * kKeyWidth
                              + (std::min<int>(int(small.size()), std::max(smallPerRow, 2)) - 1)
                                    * kItemGap;
    const double innerWidth = std::max({gridWidth, smallWidth, kMinAccountWidth - 2 * kAccountPadding});
    const int smallColumns = std::max(1, int((innerWidth + kItemGap) / (kKeyWidth + kItemGap)));

    double y = kAccountHeader;
    for (int i = 0; i < n; ++i) {
        const int row = i / columns;
        const int col = i % columns;
        buckets[i]->geometry = {kAccountPadding + col * (kBucketWidth + kBucketColumnGap),
                                kAccountHeader + row * (kBucketHeight + kBucketRowGap),
                                kBucketWidth, kBucketHeight};
    }
    if (n > 0)
        y += ((n + columns - 1) / columns) * (kBucketHeight + kBucketRowGap) - kBucketRowGap
             + kItemGap;

    for (size_t i = 0; i < small.size(); ++i) {
        const int row = int(i) / smallColumns;
        const int col = int(i) % smallColumns;
        *small[i] = {kAccountPadding + col * (kKeyWidth + kItemGap),
                     y + row * (kKeyHeight + kItemGap), smallSizes[i].width, smallSizes[i].height};
    }
    if (!small.empty())
        y += ((int(small.size()) + smallColumns - 1) / smallColumns) * (kKeyHeight + kItemGap);

    const double height = std::max(kMinAccountHeight, y - kItemGap + kAccountPadding);
    return {innerWidth + 2 * kAccountPadding, height};
}

} // namespace

Design autoArrange(const Design &design)
{
    Design out = design;

    // Order: by main region, then design order.
    struct Entry
    {
        size_t index;
        std::string region;
    };
    std::vector<Entry> order;
    for (size_t i = 0; i < out.accounts.size(); ++i)
        order.push_back({i, mainRegion(out, out.accounts[i].id)});
    std::stable_sort(order.begin(), order.end(),
                     [](const Entry &a, const Entry &b) { return a.region < b.region; });

    std::vector<Size> sizes(out.accounts.size());
    for (size_t i = 0; i < out.accounts.size(); ++i)
        sizes[i] = arrangeAccount(out, out.accounts[i].id);

    // Small designs: one account per column. Big ones: stack accounts of the same region so the
    // whole layout is roughly as wide as it is tall (with a landscape bias).
    const int count = int(out.accounts.size());
    const int perColumn = std::max(1, int(std::lround(std::sqrt(count / 3.0))));

    double x = 0;
    size_t i = 0;
    while (i < order.size()) {
        // One column: up to perColumn accounts of the same region.
        double y = 0;
        double columnWidth = 0;
        const std::string region = order[i].region;
        int inColumn = 0;
        while (i < order.size() && inColumn < perColumn && order[i].region == region) {
            Account &a = out.accounts[order[i].index];
            const Size s = sizes[order[i].index];
            a.geometry = {x, y, s.width, s.height};
            y += s.height + kAccountGap / 2;
            columnWidth = std::max(columnWidth, s.width);
            ++inColumn;
            ++i;
        }
        x += columnWidth + kAccountGap;
    }

    // Orphans (an account id that does not exist) keep a visible place at the far right.
    std::unordered_map<std::string, bool> known;
    for (const Account &a : out.accounts)
        known[a.id] = true;
    double orphanY = 0;
    auto placeOrphan = [&](Geometry &g, double w, double h) {
        g = {x, orphanY, w, h};
        orphanY += h + kItemGap;
    };
    for (Bucket &b : out.buckets)
        if (!known.count(b.account))
            placeOrphan(b.geometry, kBucketWidth, kBucketHeight);
    for (KmsKey &k : out.keys)
        if (!known.count(k.account))
            placeOrphan(k.geometry, kKeyWidth, kKeyHeight);
    for (Role &r : out.roles)
        if (!known.count(r.account))
            placeOrphan(r.geometry, kRoleWidth, kRoleHeight);
    return out;
}

bool lacksLayout(const Design &design)
{
    auto none = [](const auto &list) {
        return std::all_of(list.begin(), list.end(),
                           [](const auto &e) { return isZero(e.geometry); });
    };
    const bool empty = design.accounts.empty() && design.buckets.empty() && design.keys.empty()
                       && design.roles.empty();
    return !empty && none(design.accounts) && none(design.buckets) && none(design.keys)
           && none(design.roles);
}

} // namespace s3rd::model
