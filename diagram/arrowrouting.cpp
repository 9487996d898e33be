#include "arrowrouting.h"

#include "placementindex.h"

#include "core/parallel.h"

#include <QtMath>

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>

namespace s3rd::diagram {

namespace {

// How far each detour step bends an arrow, and how many steps are tried.
constexpr qreal kDetourStep = 70;
constexpr int kMaxDetourSteps = 6;
// Arrows between the same two buckets run this far apart.
constexpr qreal kLaneSpacing = 16;

using Curve = std::array<QPointF, 4>;

// Buckets side by side are joined left to right; otherwise they are stacked in one column.
bool sideBySide(const ArrowEnds &ends)
{
    const QRectF &a = ends.source, &b = ends.destination;
    return b.left() > a.right() + 20 || a.left() > b.right() + 20;
}

// How far this lane runs from the middle of the arrows between the same buckets. The offset
// is the same for both directions, so a→b and b→a arrows in different lanes keep apart.
qreal laneOffset(const ArrowEnds &ends)
{
    return (ends.lane - (ends.lanes - 1) / 2.0) * kLaneSpacing;
}

QPointF cubicAt(const Curve &c, qreal t)
{
    const qreal u = 1 - t;
    return u * u * u * c[0] + 3 * u * u * t * c[1] + 3 * u * t * t * c[2] + t * t * t * c[3];
}

constexpr int kSamples = 48;
constexpr qreal kClearance = 6;
// The sample points in runs, each with its bounds, so that a box away from a run skips it.
constexpr int kRun = 7;
constexpr int kRuns = (kSamples + kRun) / kRun;

// The sides of a rectangle, as QRectF answers them.
struct Sides
{
    qreal left, top, right, bottom;
};

// A candidate curve as the points it is tested by.
struct Sampled
{
    std::array<QPointF, kSamples + 1> points;
    std::array<Sides, kRuns> runs; // each run's bounds
    QRectF area; // where a box it may pass through is: the points' bounds with the clearance
};

Sampled sampled(const Curve &curve)
{
    Sampled s;
    QRectF bounds(curve[0], QSizeF(0, 0));
    QRectF run;
    for (int i = 0; i <= kSamples; ++i) {
        const QPointF p = cubicAt(curve, qreal(i) / kSamples);
        s.points[std::size_t(i)] = p;
        bounds |= QRectF(p, QSizeF(1, 1));
        run = i % kRun == 0 ? QRectF(p, p) : QRectF(QPointF(std::min(run.left(), p.x()),
                                                            std::min(run.top(), p.y())),
                                                    QPointF(std::max(run.right(), p.x()),
                                                            std::max(run.bottom(), p.y())));
        s.runs[std::size_t(i / kRun)] = {run.left(), run.top(), run.right(), run.bottom()};
    }
    s.area = bounds.adjusted(-kClearance, -kClearance, kClearance, kClearance);
    return s;
}

// A box an arrow keeps clear of, with its bounds with the clearance worked out once for every
// curve tried against it.
struct Obstacle
{
    QRectF box;
    qreal left, top, right, bottom; // the box with the clearance (edges count as inside)
    bool positive;                  // both sides of the box and of the clearance are positive
};

void obstaclesOf(const std::vector<QRectF> &boxes, std::vector<Obstacle> &out)
{
    out.clear();
    out.reserve(boxes.size());
    for (const QRectF &box : boxes) {
        const QRectF around = box.adjusted(-kClearance, -kClearance, kClearance, kClearance);
        out.push_back({box, around.left(), around.top(), around.right(), around.bottom(),
                       box.width() > 0 && box.height() > 0 && around.width() > 0
                           && around.height() > 0});
    }
}

// How many of the boxes `near` the sampled curve passes through, with a little clearance. Only
// the boxes that meet its area count (`near` may hold more: those of every detour, looked up
// once). Stops counting at `enough` (a curve found already crosses no more).
int boxesCrossed(const Sampled &curve, const std::vector<Obstacle> &near, int enough)
{
    const auto &points = curve.points;
    const auto &runs = curve.runs;
    const qreal areaLeft = curve.area.left(), areaRight = curve.area.right();
    const qreal areaTop = curve.area.top(), areaBottom = curve.area.bottom();
    int crossed = 0;
    for (const Obstacle &o : near) {
        if (o.positive) {
            // overlaps(o.box, curve.area), inline (the area's sides are positive).
            if (!(o.box.left() < areaRight && areaLeft < o.box.right() && o.box.top() < areaBottom
                  && areaTop < o.box.bottom()))
                continue;
        } else {
            if (!o.box.intersects(curve.area))
                continue;
            const QRectF around =
                o.box.adjusted(-kClearance, -kClearance, kClearance, kClearance);
            if (around.width() <= 0 || around.height() <= 0) {
                if (std::any_of(points.begin(), points.end(),
                                [&](const QPointF &p) { return around.contains(p); })
                    && ++crossed >= enough)
                    break;
                continue;
            }
        }
        // QRectF::contains, inline: the edges count as inside.
        const qreal l = o.left, r = o.right, t = o.top, b = o.bottom;
        bool hit = false;
        for (int run = 0; run < kRuns && !hit; ++run) {
            const Sides &span = runs[std::size_t(run)];
            // Both sides of each test at once: one branch per run, not four.
            if ((span.left > r) | (span.right < l) | (span.top > b) | (span.bottom < t))
                continue;
            const int last = std::min(kSamples, run * kRun + kRun - 1);
            for (int i = run * kRun; i <= last && !hit; ++i) {
                const QPointF &p = points[std::size_t(i)];
                hit = p.x() >= l && p.x() <= r && p.y() >= t && p.y() <= b;
            }
        }
        if (hit && ++crossed >= enough)
            break;
    }
    return crossed;
}

// The curve of detour step `step` (0: the direct one) for the given ends.
class Shaper
{
public:
    explicit Shaper(const ArrowEnds &ends)
    {
        const QRectF &a = ends.source, &b = ends.destination;
        const qreal offset = laneOffset(ends);
        m_sideBySide = sideBySide(ends);
        if (m_sideBySide) {
            m_rightwards = b.left() > a.right();
            m_start = QPointF(m_rightwards ? a.right() : a.left(),
                              a.center().y() + offset + ends.sourcePort);
            m_end = QPointF(m_rightwards ? b.left() : b.right(),
                            b.center().y() + offset + ends.destinationPort);
            m_reach = std::max(60.0, std::abs(m_end.x() - m_start.x()) * 0.45);
            if (m_rightwards) // leave from the connector handle, past it
                m_start.rx() += kConnectorRadius;
        } else {
            // Stacked (same column): leave and enter on the right and bulge outwards, so the
            // arrow never crosses the buckets between them.
            m_start = QPointF(a.right() + kConnectorRadius,
                              a.center().y() + offset * 0.6 + ends.sourcePort);
            m_end = QPointF(b.right(), b.center().y() - offset * 0.6 + ends.destinationPort);
            const qreal bulge = 70 + std::abs(m_end.y() - m_start.y()) * 0.18 + std::abs(offset) * 2;
            m_reach = std::max(a.right(), b.right()) + bulge;
        }
    }

    Curve operator()(int step) const
    {
        if (m_sideBySide) {
            // 0, up, down, further up, further down, ...
            const qreal dy = step == 0 ? 0 : ((step + 1) / 2) * kDetourStep * (step % 2 ? -1 : 1);
            const qreal dx = m_rightwards ? m_reach : -m_reach;
            return {m_start, m_start + QPointF(dx, dy), m_end - QPointF(dx, -dy), m_end};
        }
        const qreal x = m_reach + step * kDetourStep;
        return {m_start, QPointF(x, m_start.y()), QPointF(x, m_end.y()), m_end};
    }

private:
    bool m_sideBySide = false;
    bool m_rightwards = false;
    QPointF m_start;
    QPointF m_end;
    qreal m_reach = 0; // side by side: control point distance; stacked: the bulge's x
};

} // namespace

ArrowRoute routeArrow(const ArrowEnds &ends, const ObstacleQuery &obstacles)
{
    const Shaper shape(ends);
    // The boxes near the direct curve; when it crosses any, the boxes near every detour, looked
    // up once (each detour counts only those that meet its own area).
    thread_local std::vector<QRectF> boxes;
    thread_local std::vector<Obstacle> near;
    const Sampled direct = sampled(shape(0));
    obstacles(direct.area, boxes);
    obstaclesOf(boxes, near);
    int best = 0, fewest = boxesCrossed(direct, near, INT_MAX);
    if (fewest > 0) {
        std::array<Sampled, kMaxDetourSteps> detours;
        QRectF area = direct.area;
        for (int step = 1; step <= kMaxDetourSteps; ++step) {
            detours[std::size_t(step - 1)] = sampled(shape(step));
            area |= detours[std::size_t(step - 1)].area;
        }
        obstacles(area, boxes);
        obstaclesOf(boxes, near);
        for (int step = 1; step <= kMaxDetourSteps && fewest != 0; ++step) {
            const int crossed = boxesCrossed(detours[std::size_t(step - 1)], near, fewest);
            if (crossed < fewest) {
                fewest = crossed;
                best = step;
            }
        }
    }
    const Curve c = shape(best);
    ArrowRoute route;
    route.path.moveTo(c[0]);
    route.path.cubicTo(c[1], c[2], c[3]);
    constexpr int kLinePoints = 32;
    route.line.reserve(kLinePoints + 1);
    for (int i = 0; i <= kLinePoints; ++i)
        route.line << cubicAt(c, qreal(i) / kLinePoints);

    const qreal angle = std::atan2(c[3].y() - c[2].y(), c[3].x() - c[2].x());
    const qreal len = 12, half = 0.42;
    route.head << c[3] << c[3] - QPointF(len * std::cos(angle - half), len * std::sin(angle - half))
               << c[3] - QPointF(len * std::cos(angle + half), len * std::sin(angle + half));
    return route;
}

std::vector<ArrowRoute> routeArrows(const std::vector<RouteRequest> &requests)
{
    std::vector<ArrowRoute> routes(requests.size());
    // Fewer arrows than this per thread are not worth starting one for.
    constexpr std::size_t kArrowsPerThread = 256;
    model::parallelFor(requests.size(), kArrowsPerThread, [&](std::size_t i) {
        routes[i] = routeArrow(requests[i].ends, requests[i].obstacles);
    });
    return routes;
}

// --- Ports ---

namespace {

// Gap between the bundles of arrows on one edge, and how much of the edge they may use.
constexpr qreal kPortGap = 22;
constexpr qreal kPortSpan = 0.64;

} // namespace

std::pair<Edge, Edge> arrowEdges(const QRectF &source, const QRectF &destination)
{
    if (!sideBySide({source, destination}))
        return {Edge::Right, Edge::Right};
    return destination.left() > source.right() ? std::make_pair(Edge::Right, Edge::Left)
                                               : std::make_pair(Edge::Left, Edge::Right);
}

qreal portOffset(const QRectF &bucket, const std::vector<ArrowBoxes> &arrows, std::size_t which)
{
    if (which >= arrows.size())
        return 0;
    const auto edgeAt = [&](const ArrowBoxes &arrow) {
        const auto [from, to] = arrowEdges(arrow.source, arrow.destination);
        return arrow.source == bucket ? from : to;
    };
    const auto otherOf = [&](const ArrowBoxes &arrow) {
        return arrow.source == bucket ? arrow.destination : arrow.source;
    };
    const Edge edge = edgeAt(arrows[which]);
    // Bundles on this edge: one per other bucket, with how many arrows each holds.
    struct Bundle
    {
        QRectF other;
        int arrows;
        std::size_t first;
    };
    std::vector<Bundle> bundles;
    for (std::size_t i = 0; i < arrows.size(); ++i) {
        if (edgeAt(arrows[i]) != edge)
            continue;
        const QRectF other = otherOf(arrows[i]);
        const auto it = std::find_if(bundles.begin(), bundles.end(),
                                     [&](const Bundle &b) { return b.other == other; });
        if (it == bundles.end())
            bundles.push_back({other, 1, i});
        else
            ++it->arrows;
    }
    if (bundles.size() < 2)
        return 0;
    std::stable_sort(bundles.begin(), bundles.end(), [](const Bundle &x, const Bundle &y) {
        const QPointF a = x.other.center(), b = y.other.center();
        return a.y() != b.y() ? a.y() < b.y() : a.x() < b.x();
    });
    // Each bundle is as wide as its lanes; bundles follow each other with a gap, centred on
    // the edge, squeezed when they would not fit.
    std::vector<qreal> centres;
    qreal y = 0;
    for (std::size_t i = 0; i < bundles.size(); ++i) {
        const qreal half = (bundles[i].arrows - 1) * kLaneSpacing / 2;
        if (i > 0)
            y += kPortGap + half;
        centres.push_back(y);
        y += half;
    }
    const qreal span = y;
    const qreal scale = span > bucket.height() * kPortSpan ? bucket.height() * kPortSpan / span : 1;
    const QRectF mine = otherOf(arrows[which]);
    for (std::size_t i = 0; i < bundles.size(); ++i) {
        if (bundles[i].other == mine)
            return (centres[i] - span / 2) * scale;
    }
    return 0;
}

qreal polylineLength(const QPolygonF &line)
{
    qreal total = 0;
    for (qsizetype i = 1; i < line.size(); ++i)
        total += QLineF(line[i - 1], line[i]).length();
    return total;
}

namespace {

// The part (0 to 1) of the segment p-q inside `rect`: Liang-Barsky clipping.
qreal fractionInside(const QPointF &p, const QPointF &q, const QRectF &rect)
{
    // Most segments are wholly on one side of the rectangle.
    if ((p.x() < rect.left() && q.x() < rect.left())
        || (p.x() > rect.right() && q.x() > rect.right())
        || (p.y() < rect.top() && q.y() < rect.top())
        || (p.y() > rect.bottom() && q.y() > rect.bottom()))
        return 0;
    const qreal dx = q.x() - p.x(), dy = q.y() - p.y();
    qreal t0 = 0, t1 = 1;
    const std::array<std::pair<qreal, qreal>, 4> edges{
        std::make_pair(-dx, p.x() - rect.left()), std::make_pair(dx, rect.right() - p.x()),
        std::make_pair(-dy, p.y() - rect.top()), std::make_pair(dy, rect.bottom() - p.y())};
    for (const auto &[pe, qe] : edges) {
        if (pe == 0) {
            if (qe < 0)
                return 0;
            continue;
        }
        const qreal r = qe / pe;
        if (pe < 0)
            t0 = std::max(t0, r);
        else
            t1 = std::min(t1, r);
    }
    return t1 > t0 ? t1 - t0 : 0;
}

} // namespace

qreal segmentLengthInside(const QPointF &p, const QPointF &q, const QRectF &rect, qreal length)
{
    const qreal fraction = fractionInside(p, q, rect);
    return fraction > 0 ? fraction * length : 0;
}

qreal lengthInside(const QPolygonF &line, const QRectF &rect)
{
    qreal inside = 0;
    for (qsizetype i = 1; i < line.size(); ++i) {
        const QPointF p = line[i - 1], q = line[i];
        const qreal fraction = fractionInside(p, q, rect);
        if (fraction > 0)
            inside += fraction * std::hypot(q.x() - p.x(), q.y() - p.y());
    }
    return inside;
}

// --- BoxIndex ---

namespace {

constexpr qreal kCell = 400; // side of a grid cell

} // namespace

BoxIndex::BoxIndex(std::vector<QRectF> boxes, QRectF area)
    : m_boxes(std::move(boxes))
    , m_area(area)
{
    for (const QRectF &box : m_boxes)
        m_area |= box;
    m_extent = m_area;
    if (m_area.isNull())
        return;
    m_columns = std::max(1, int(std::ceil(m_area.width() / kCell)));
    m_rows = std::max(1, int(std::ceil(m_area.height() / kCell)));
    m_cells.resize(std::size_t(m_columns) * std::size_t(m_rows));
    for (int i = 0; i < int(m_boxes.size()); ++i)
        file(i);
}

void BoxIndex::file(int i)
{
    const QRectF &box = m_boxes[std::size_t(i)];
    const int c0 = std::clamp(int((box.left() - m_area.left()) / kCell), 0, m_columns - 1);
    const int c1 = std::clamp(int((box.right() - m_area.left()) / kCell), 0, m_columns - 1);
    const int r0 = std::clamp(int((box.top() - m_area.top()) / kCell), 0, m_rows - 1);
    const int r1 = std::clamp(int((box.bottom() - m_area.top()) / kCell), 0, m_rows - 1);
    for (int r = r0; r <= r1; ++r) {
        for (int c = c0; c <= c1; ++c)
            m_cells[std::size_t(r * m_columns + c)].push_back(i);
    }
}

void BoxIndex::insert(const QRectF &box)
{
    if (m_cells.empty()) { // nothing held yet: the grid starts around this one
        *this = BoxIndex({box});
        return;
    }
    m_boxes.push_back(box);
    m_extent |= box;
    file(int(m_boxes.size()) - 1);
}

void BoxIndex::query(const QRectF &area, std::vector<QRectF> &out, int skipA, int skipB) const
{
    thread_local std::vector<int> hits;
    queryIndices(area, hits, skipA, skipB);
    out.clear();
    for (int i : hits)
        out.push_back(m_boxes[std::size_t(i)]);
}

void BoxIndex::queryIndices(const QRectF &area, std::vector<int> &hits, int skipA,
                            int skipB) const
{
    hits.clear();
    if (m_boxes.empty() || !area.intersects(m_extent.adjusted(-1, -1, 1, 1)))
        return;
    const int c0 = std::clamp(int((area.left() - m_area.left()) / kCell), 0, m_columns - 1);
    const int c1 = std::clamp(int((area.right() - m_area.left()) / kCell), 0, m_columns - 1);
    const int r0 = std::clamp(int((area.top() - m_area.top()) / kCell), 0, m_rows - 1);
    const int r1 = std::clamp(int((area.bottom() - m_area.top()) / kCell), 0, m_rows - 1);
    for (int r = r0; r <= r1; ++r) {
        for (int c = c0; c <= c1; ++c) {
            for (int i : m_cells[std::size_t(r * m_columns + c)]) {
                if (i != skipA && i != skipB && overlaps(m_boxes[std::size_t(i)], area))
                    hits.push_back(i);
            }
        }
    }
    // A box spanning several cells is found once, and answers come in a stable order.
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
}

} // namespace s3rd::diagram
