#include "arrowrouting.h"

#include <QtMath>

#include <algorithm>
#include <array>
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

// How many boxes the cubic curve passes through, with a little clearance.
int boxesCrossed(const Curve &curve, const ObstacleQuery &obstacles)
{
    constexpr int kSamples = 48;
    constexpr qreal kClearance = 6;
    std::array<QPointF, kSamples + 1> points;
    QRectF bounds(curve[0], QSizeF(0, 0));
    for (int i = 0; i <= kSamples; ++i) {
        points[std::size_t(i)] = cubicAt(curve, qreal(i) / kSamples);
        bounds |= QRectF(points[std::size_t(i)], QSizeF(1, 1));
    }
    thread_local std::vector<QRectF> near;
    obstacles(bounds.adjusted(-kClearance, -kClearance, kClearance, kClearance), near);
    int crossed = 0;
    for (const QRectF &box : near) {
        const QRectF around = box.adjusted(-kClearance, -kClearance, kClearance, kClearance);
        if (std::any_of(points.begin(), points.end(),
                        [&](const QPointF &p) { return around.contains(p); }))
            ++crossed;
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
            m_start = QPointF(m_rightwards ? a.right() : a.left(), a.center().y() + offset);
            m_end = QPointF(m_rightwards ? b.left() : b.right(), b.center().y() + offset);
            m_reach = std::max(60.0, std::abs(m_end.x() - m_start.x()) * 0.45);
            if (m_rightwards) // leave from the connector handle, past it
                m_start.rx() += kConnectorRadius;
        } else {
            // Stacked (same column): leave and enter on the right and bulge outwards, so the
            // arrow never crosses the buckets between them.
            m_start = QPointF(a.right() + kConnectorRadius, a.center().y() + offset * 0.6);
            m_end = QPointF(b.right(), b.center().y() - offset * 0.6);
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

QRectF centredAt(const QPointF &centre, const QSizeF &size)
{
    return QRectF(centre - QPointF(size.width() / 2, size.height() / 2), size);
}


// Spacing of the points tried for a label along its arrow, how many each side of the preferred
// one, and the gap kept between a label beside its arrow and the arrow.
constexpr qreal kLabelStep = 0.07;
constexpr int kLabelTries = 5;
constexpr qreal kLabelGap = 3;

// How bad a label rectangle is: the area it covers of boxes (the arrow's ends included), plus a
// large penalty when it covers most (80 %) of its own arrow: a short arrow hidden under its label.
class LabelScore
{
public:
    LabelScore(const ArrowRoute &route, const ArrowEnds &ends, const ObstacleQuery &obstacles)
        : m_ends(ends)
        , m_obstacles(obstacles)
    {
        const QPainterPath &p = route.path;
        const Curve curve{p.elementAt(0), p.elementAt(1), p.elementAt(2), p.elementAt(3)};
        for (int i = 0; i < kSamples; ++i)
            m_samples[std::size_t(i)] = cubicAt(curve, (i + 0.5) / kSamples);
    }

    qreal operator()(const QRectF &label) const
    {
        constexpr qreal kMargin = 2;
        const QRectF around = label.adjusted(-kMargin, -kMargin, kMargin, kMargin);
        const auto covered = [&](const QRectF &box) {
            const QRectF both = box.intersected(around);
            return both.isEmpty() ? 0.0 : both.width() * both.height();
        };
        qreal area = covered(m_ends.source) + covered(m_ends.destination);
        thread_local std::vector<QRectF> near;
        m_obstacles(around, near);
        for (const QRectF &box : near)
            area += covered(box);
        const auto inside = std::count_if(m_samples.begin(), m_samples.end(),
                                          [&](const QPointF &p) { return label.contains(p); });
        if (inside * 10 > kSamples * 8)
            area += kHidesArrow;
        return area;
    }

private:
    static constexpr int kSamples = 24;
    static constexpr qreal kHidesArrow = 1e6;
    const ArrowEnds &m_ends;
    const ObstacleQuery &m_obstacles;
    std::array<QPointF, kSamples> m_samples;
};

} // namespace

ArrowRoute routeArrow(const ArrowEnds &ends, const ObstacleQuery &obstacles)
{
    const Shaper shape(ends);
    int best = 0, fewest = -1;
    for (int step = 0; step <= kMaxDetourSteps && fewest != 0; ++step) {
        const int crossed = boxesCrossed(shape(step), obstacles);
        if (fewest < 0 || crossed < fewest) {
            fewest = crossed;
            best = step;
        }
    }
    const Curve c = shape(best);
    ArrowRoute route;
    route.path.moveTo(c[0]);
    route.path.cubicTo(c[1], c[2], c[3]);

    const qreal angle = std::atan2(c[3].y() - c[2].y(), c[3].x() - c[2].x());
    const qreal len = 12, half = 0.42;
    route.head << c[3] << c[3] - QPointF(len * std::cos(angle - half), len * std::sin(angle - half))
               << c[3] - QPointF(len * std::cos(angle + half), len * std::sin(angle + half));
    return route;
}

QRectF placeLabel(const ArrowRoute &route, const ArrowEnds &ends, const QSizeF &size,
                  const ObstacleQuery &obstacles)
{
    if (route.path.elementCount() < 4)
        return {};
    // One arrow: its label in the middle, on the arrow. Several between the same buckets: side
    // by side, each label goes beside its arrow on the outer side (away from the other arrows),
    // so no label covers a neighbour; stacked, or the middle one of an odd number, lane k of n
    // sits at (k + 1) / (n + 1) of the way, measured from the same bucket for both directions.
    qreal preferred = 0.5;
    qreal outward = 0; // > 0: the outer side is down, < 0: up; 0: on the arrow
    if (ends.lanes > 1) {
        const qreal offset = laneOffset(ends);
        if (sideBySide(ends) && offset != 0) {
            outward = offset;
        } else {
            const QPointF a = ends.source.center(), b = ends.destination.center();
            const bool forward = a.x() < b.x() || (a.x() == b.x() && a.y() <= b.y());
            const qreal f = qreal(ends.lane + 1) / (ends.lanes + 1);
            preferred = forward ? f : 1 - f;
        }
    }
    // The label at point t of the arrow, centred on it (side 0) or beside it: side 1 on the
    // side the normal points to (left of the direction of travel), -1 the other.
    const auto labelAt = [&](qreal t, int side) {
        const QPointF at = route.path.pointAtPercent(t);
        if (side == 0)
            return centredAt(at, size);
        const qreal angle = qDegreesToRadians(route.path.angleAtPercent(t));
        const QPointF normal(-std::sin(angle), -std::cos(angle)); // y grows downwards
        const qreal reach = std::abs(normal.x()) * size.width() / 2
                            + std::abs(normal.y()) * size.height() / 2 + kLabelGap;
        return centredAt(at + normal * reach * side, size);
    };
    std::array<int, 3> sides{0, 1, -1};
    if (outward != 0) {
        const qreal angle = qDegreesToRadians(route.path.angleAtPercent(preferred));
        const int out = -std::cos(angle) * outward >= 0 ? 1 : -1; // normal's y against outward
        sides = {out, 0, -out};
    }
    const QRectF first = labelAt(preferred, sides[0]);
    LabelScore score(route, ends, obstacles);
    qreal lowest = score(first);
    if (lowest == 0)
        return first;

    // Points along the arrow, nearest the preferred one first, on each side in turn; the first
    // free place wins, else the one covering the least.
    std::vector<qreal> along{preferred};
    for (int i = 1; i <= kLabelTries; ++i) {
        for (const qreal t : {preferred - i * kLabelStep, preferred + i * kLabelStep}) {
            if (t >= 0.1 && t <= 0.9)
                along.push_back(t);
        }
    }
    QRectF best = first;
    for (const int side : sides) {
        for (const qreal t : along) {
            const QRectF label = labelAt(t, side);
            const qreal s = score(label);
            if (s < lowest) {
                lowest = s;
                best = label;
                if (s == 0)
                    return best;
            }
        }
    }
    return best;
}

// --- BoxIndex ---

namespace {

constexpr qreal kCell = 400; // side of a grid cell

} // namespace

BoxIndex::BoxIndex(std::vector<QRectF> boxes)
    : m_boxes(std::move(boxes))
{
    for (const QRectF &box : m_boxes)
        m_area |= box;
    if (m_boxes.empty())
        return;
    m_columns = std::max(1, int(std::ceil(m_area.width() / kCell)));
    m_rows = std::max(1, int(std::ceil(m_area.height() / kCell)));
    m_cells.resize(std::size_t(m_columns) * std::size_t(m_rows));
    for (int i = 0; i < int(m_boxes.size()); ++i) {
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
}

void BoxIndex::query(const QRectF &area, std::vector<QRectF> &out, int skipA, int skipB) const
{
    out.clear();
    if (m_boxes.empty() || !area.intersects(m_area.adjusted(-1, -1, 1, 1)))
        return;
    const int c0 = std::clamp(int((area.left() - m_area.left()) / kCell), 0, m_columns - 1);
    const int c1 = std::clamp(int((area.right() - m_area.left()) / kCell), 0, m_columns - 1);
    const int r0 = std::clamp(int((area.top() - m_area.top()) / kCell), 0, m_rows - 1);
    const int r1 = std::clamp(int((area.bottom() - m_area.top()) / kCell), 0, m_rows - 1);
    thread_local std::vector<int> hits;
    hits.clear();
    for (int r = r0; r <= r1; ++r) {
        for (int c = c0; c <= c1; ++c) {
            for (int i : m_cells[std::size_t(r * m_columns + c)]) {
                if (i != skipA && i != skipB && m_boxes[std::size_t(i)].intersects(area))
                    hits.push_back(i);
            }
        }
    }
    // A box spanning several cells is found once, and answers come in a stable order.
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    for (int i : hits)
        out.push_back(m_boxes[std::size_t(i)]);
}

} // namespace s3rd::diagram
