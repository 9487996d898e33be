#include "labelplacement.h"

#include <QtNumeric>

#include <algorithm>
#include <array>
#include <cmath>

namespace s3rd::diagram {

namespace {

// Points along the arrow where a label is tried, between these fractions of its length.
constexpr int kAnchors = 15;
constexpr qreal kFirstAnchor = 0.08;
constexpr qreal kLastAnchor = 0.92;
// Gap between a label and its arrow; how much further out it may go, joined by a leader.
constexpr qreal kGap = 3;
constexpr std::array<qreal, 5> kLeaderReach{0, 14, 30, 50, 76};
// Where every candidate covers other arrows (a crowd of them), the most candidates measured
// against them: the least bad beside them, so that placing a label stays bounded.
constexpr int kMostMeasured = 16;
// Clearance a label keeps from boxes and other labels.
constexpr qreal kMargin = 3;
// How bad each kind of overlap is, per unit of area or length covered.
constexpr qreal kLabelWeight = 4;
constexpr qreal kArrowWeight = 20;

struct Anchor
{
    QPointF at;
    QPointF normal; // unit, to the left of the direction of travel (y grows downwards)
};

// Evenly spaced points along the polyline, by length.
std::vector<Anchor> anchorsOf(const QPolygonF &line)
{
    std::vector<Anchor> out;
    const qreal total = polylineLength(line);
    if (line.size() < 2 || total <= 0)
        return out;
    qsizetype segment = 1;
    qreal before = 0; // length of the segments before `segment`
    for (int i = 0; i < kAnchors; ++i) {
        const qreal want = total * (kFirstAnchor + (kLastAnchor - kFirstAnchor) * i / (kAnchors - 1));
        qreal length = QLineF(line[segment - 1], line[segment]).length();
        while (segment + 1 < line.size() && before + length < want) {
            before += length;
            ++segment;
            length = QLineF(line[segment - 1], line[segment]).length();
        }
        const QPointF p = line[segment - 1], q = line[segment];
        const qreal t = length > 0 ? std::clamp((want - before) / length, 0.0, 1.0) : 0;
        const QPointF d = length > 0 ? (q - p) / length : QPointF(1, 0);
        out.push_back({p + (q - p) * t, QPointF(d.y(), -d.x())});
    }
    return out;
}

// The area of the part of `label` that `box` covers (QRectF::intersected, inline: it is asked
// millions of times while a large design opens).
qreal areaCovered(const QRectF &box, const QRectF &label)
{
    if (box.width() <= 0 || box.height() <= 0 || label.width() <= 0 || label.height() <= 0) {
        const QRectF both = box.intersected(label);
        return both.isEmpty() ? 0.0 : both.width() * both.height();
    }
    if (box.left() >= label.right() || label.left() >= box.right()
        || box.top() >= label.bottom() || label.top() >= box.bottom())
        return 0;
    const qreal left = std::max(box.left(), label.left());
    const qreal top = std::max(box.top(), label.top());
    return (std::min(box.right(), label.right()) - left)
           * (std::min(box.bottom(), label.bottom()) - top);
}

QPointF nearestOn(const QRectF &rect, const QPointF &p)
{
    return QPointF(std::clamp(p.x(), rect.left(), rect.right()),
                   std::clamp(p.y(), rect.top(), rect.bottom()));
}

class Placer
{
public:
    Placer(const ArrowRoute &route, const ArrowEnds &ends, const QSizeF &size,
           const LabelSurroundings &around)
        : m_route(route)
        , m_ends(ends)
        , m_size(size)
        , m_around(around)
        , m_length(polylineLength(route.line))
    {
        // The arrow's own line in runs of segments, each with its bounds and the segments'
        // lengths: a label beside one part of the line skips the others' segments.
        const QPolygonF &line = route.line;
        m_ownLengths.clear();
        m_ownRuns.clear();
        for (qsizetype i = 1; i < line.size(); ++i) {
            const QPointF p = line[i - 1], q = line[i];
            m_ownLengths.push_back(std::hypot(q.x() - p.x(), q.y() - p.y()));
            if ((i - 1) % kOwnRun == 0)
                m_ownRuns.push_back({p.x(), p.y(), p.x(), p.y()});
            Bounds &run = m_ownRuns.back();
            for (const QPointF &e : {p, q}) {
                run.left = std::min(run.left, e.x());
                run.right = std::max(run.right, e.x());
                run.top = std::min(run.top, e.y());
                run.bottom = std::max(run.bottom, e.y());
            }
        }
    }

    // lengthInside(m_route.line, rect), the same sum: a run wholly on one side of the
    // rectangle has nothing inside it.
    qreal ownLengthInside(const QRectF &rect) const
    {
        const QPolygonF &line = m_route.line;
        qreal inside = 0;
        for (std::size_t run = 0; run < m_ownRuns.size(); ++run) {
            const Bounds &b = m_ownRuns[run];
            if (b.right < rect.left() || b.left > rect.right() || b.bottom < rect.top()
                || b.top > rect.bottom())
                continue;
            const std::size_t last = std::min(m_ownLengths.size(), (run + 1) * kOwnRun);
            for (std::size_t i = run * kOwnRun; i < last; ++i) {
                const qsizetype k = qsizetype(i) + 1;
                inside += segmentLengthInside(line[k - 1], line[k], rect, m_ownLengths[i]);
            }
        }
        return inside;
    }

    // How bad a label at `label` is, but for the other arrows it covers (the costly part to
    // measure when many arrows are near): 0 when it covers nothing else it must not. Stops
    // counting once it passes `enough`.
    qreal badnessBesideArrows(const QRectF &label, qreal enough) const
    {
        const QRectF around = label.adjusted(-kMargin, -kMargin, kMargin, kMargin);
        qreal bad = areaCovered(m_ends.source, around) + areaCovered(m_ends.destination, around);
        thread_local std::vector<QRectF> near;
        // The boxes are measured first, though added last (the sum stays the same): in a crowd
        // of boxes they alone rule most candidates out, before the labels and the arrow are
        // looked at. What they add up to from `bad` is at most the whole (rounding is
        // monotonic; the other terms are positive but for a frame's, which may be a rounding
        // error below zero: the margin covers it), so a candidate ruled out here would be
        // ruled out by the whole.
        thread_local std::vector<qreal> boxTerms;
        boxTerms.clear();
        if (m_around.boxes && bad <= enough) {
            m_around.boxes(around, near);
            qreal least = bad;
            for (const QRectF &box : near) {
                boxTerms.push_back(areaCovered(box, around));
                least += boxTerms.back();
            }
            if (least > enough + std::abs(enough) * 1e-9 + 1e-6)
                return least;
        }
        if (m_around.frames && bad <= enough) {
            // Across an account's border: as bad as the smaller part on either side.
            m_around.frames(around, near);
            for (const QRectF &frame : near) {
                const qreal inside = areaCovered(frame, around);
                bad += std::min(inside, around.width() * around.height() - inside);
            }
        }
        if (m_around.labels && bad <= enough) {
            m_around.labels(around, near);
            for (const QRectF &other : near)
                bad += kLabelWeight * areaCovered(other, around);
        }
        if (bad <= enough) {
            const qreal own = ownLengthInside(label) - kMaxOwnArrowCovered * m_length;
            if (own > 0)
                bad += kArrowWeight * own;
        }
        if (m_around.boxes && bad <= enough) {
            for (const qreal covered : boxTerms)
                bad += covered;
        }
        return bad;
    }

    // The whole badness of a label whose badnessBesideArrows() is `beside`; qInf() when it
    // is at least `enough` (counting the other arrows stops there).
    qreal badness(const QRectF &label, qreal beside, qreal enough) const
    {
        if (!m_around.arrows)
            return beside;
        const QRectF around = label.adjusted(-kMargin, -kMargin, kMargin, kMargin);
        const qreal limit = (enough - beside) / kArrowWeight;
        const qreal crossed = m_around.arrows(around, limit);
        if (crossed > limit)
            return qInf();
        return beside + kArrowWeight * crossed;
    }

    // Whether a label beside this point would start from free ground: the point is on no box
    // and no other label.
    bool isFree(const QPointF &p) const
    {
        const QRectF probe(p - QPointF(6, 6), QSizeF(12, 12));
        if (probe.intersects(m_ends.source) || probe.intersects(m_ends.destination))
            return false;
        thread_local std::vector<QRectF> near;
        for (const ObstacleQuery *query : {&m_around.boxes, &m_around.labels}) {
            if (!*query)
                continue;
            (*query)(probe, near);
            if (!near.empty())
                return false;
        }
        return true;
    }

    QRectF beside(const Anchor &a, int side, qreal reach) const
    {
        const qreal support = std::abs(a.normal.x()) * m_size.width() / 2
                              + std::abs(a.normal.y()) * m_size.height() / 2;
        const QPointF centre = a.at + a.normal * (side * (support + kGap + reach));
        return QRectF(centre - QPointF(m_size.width() / 2, m_size.height() / 2), m_size);
    }

private:
    struct Bounds
    {
        qreal left, top, right, bottom;
    };
    static constexpr std::size_t kOwnRun = 8; // segments per run of the own line

    const ArrowRoute &m_route;
    const ArrowEnds &m_ends;
    const QSizeF m_size;
    const LabelSurroundings &m_around;
    const qreal m_length;
    // Kept from one label to the next (no allocation per label).
    static thread_local std::vector<qreal> m_ownLengths;
    static thread_local std::vector<Bounds> m_ownRuns;
};

thread_local std::vector<qreal> Placer::m_ownLengths;
thread_local std::vector<Placer::Bounds> Placer::m_ownRuns;

// The order anchors are tried in: the middle of the longest run of free anchors first, then
// outwards from it, the anchors of that run before the others.
std::vector<int> anchorOrder(const std::vector<Anchor> &anchors, const Placer &placer)
{
    const int n = int(anchors.size());
    std::vector<bool> free(std::size_t(n), false);
    for (int i = 0; i < n; ++i)
        free[std::size_t(i)] = placer.isFree(anchors[std::size_t(i)].at);
    int bestStart = n / 2, bestLength = 0;
    for (int i = 0; i < n;) {
        if (!free[std::size_t(i)]) {
            ++i;
            continue;
        }
        int j = i;
        while (j < n && free[std::size_t(j)])
            ++j;
        if (j - i > bestLength) {
            bestStart = i;
            bestLength = j - i;
        }
        i = j;
    }
    const int middle = bestLength > 0 ? bestStart + (bestLength - 1) / 2 : n / 2;
    const auto inRun = [&](int i) { return i >= bestStart && i < bestStart + bestLength; };
    std::vector<int> order(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        order[std::size_t(i)] = i;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        if (inRun(a) != inRun(b))
            return inRun(a);
        return std::abs(a - middle) < std::abs(b - middle);
    });
    return order;
}

// The side (1: the normal's, -1: the other) a label prefers at this anchor: away from the
// arrow's neighbours at its buckets (its lane and ports), else above a level arrow, else away
// from the middle of its two buckets.
int preferredSide(const Anchor &a, const ArrowEnds &ends)
{
    const qreal outward = (ends.lane - (ends.lanes - 1) / 2.0) + ends.sourcePort
                          + ends.destinationPort;
    if (outward != 0 && std::abs(a.normal.y()) > 0.2)
        return a.normal.y() * outward > 0 ? 1 : -1;
    if (std::abs(a.normal.y()) > 0.5)
        return a.normal.y() < 0 ? 1 : -1;
    const QPointF middle = (ends.source.center() + ends.destination.center()) / 2;
    const QPointF away = a.at - middle;
    return away.x() * a.normal.x() + away.y() * a.normal.y() >= 0 ? 1 : -1;
}

} // namespace

LabelPlace placeLabel(const ArrowRoute &route, const ArrowEnds &ends, const QSizeF &size,
                      const LabelSurroundings &around)
{
    if (size.isEmpty() || route.line.size() < 2)
        return {};
    const std::vector<Anchor> anchors = anchorsOf(route.line);
    if (anchors.empty())
        return {};
    const Placer placer(route, ends, size, around);
    const std::vector<int> order = anchorOrder(anchors, placer);

    // Every candidate with its badness beside the other arrows, in the order they are tried;
    // the first with no badness at all wins at once.
    struct Candidate
    {
        LabelPlace place;
        qreal beside;
    };
    thread_local std::vector<Candidate> candidates;
    candidates.clear();
    // The least badnesses beside the arrows so far (a max-heap): a candidate worse than all of
    // them is never measured against the arrows, and is left out.
    thread_local std::vector<qreal> least;
    least.clear();
    for (const qreal reach : kLeaderReach) {
        for (const int i : order) {
            const Anchor &a = anchors[std::size_t(i)];
            const int preferred = preferredSide(a, ends);
            for (const int side : {preferred, -preferred}) {
                const QRectF rect = placer.beside(a, side, reach);
                const QLineF leader = reach > 0 ? QLineF(a.at, nearestOn(rect, a.at)) : QLineF();
                const qreal worst = least.size() < std::size_t(kMostMeasured) ? qInf()
                                                                              : least.front();
                const qreal beside = placer.badnessBesideArrows(rect, worst);
                if (beside == 0 && placer.badness(rect, 0, 0) == 0)
                    return {rect, leader};
                if (beside > worst)
                    continue;
                candidates.push_back({{rect, leader}, beside});
                least.push_back(beside);
                std::push_heap(least.begin(), least.end());
                if (least.size() > std::size_t(kMostMeasured)) {
                    std::pop_heap(least.begin(), least.end());
                    least.pop_back();
                }
            }
        }
    }
    // The least bad wins, the earliest of equals. Measured from the least bad beside the other
    // arrows up: a candidate at least as bad beside them as the best whole is no better.
    thread_local std::vector<int> byBeside;
    byBeside.resize(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i)
        byBeside[i] = int(i);
    std::sort(byBeside.begin(), byBeside.end(), [](int x, int y) {
        const qreal a = candidates[std::size_t(x)].beside, b = candidates[std::size_t(y)].beside;
        return a != b ? a < b : x < y;
    });
    int best = -1;
    qreal lowest = qInf();
    int measured = 0;
    for (const int i : byBeside) {
        const Candidate &c = candidates[std::size_t(i)];
        if (best >= 0 && (c.beside > lowest || measured == kMostMeasured))
            break;
        ++measured;
        const qreal bad = placer.badness(c.place.rect, c.beside, best >= 0 ? lowest : qInf());
        if (best < 0 || bad < lowest || (bad == lowest && i < best)) {
            best = i;
            lowest = bad;
        }
    }
    return candidates[std::size_t(best)].place;
}

} // namespace s3rd::diagram
