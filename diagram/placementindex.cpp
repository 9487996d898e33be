#include "placementindex.h"

#include "arrowrouting.h"

#include <algorithm>
#include <cmath>

namespace s3rd::diagram {

namespace {

int cellOf(qreal v)
{
    return int(std::floor(v / kPlacementCell));
}

// Takes every entry of `owner` out of the cells it was filed in.
template <typename Entry>
void takeOut(CellGrid<Entry> &cells,
             std::unordered_map<std::uintptr_t, std::vector<std::int64_t>> &filed,
             std::uintptr_t owner)
{
    const auto it = filed.find(owner);
    if (it == filed.end())
        return;
    for (const std::int64_t key : it->second)
        cells.removeIf(int(key >> 32), int(std::int32_t(std::uint32_t(key))),
                       [owner](const Entry &e) { return e.owner == owner; });
    filed.erase(it);
}

} // namespace

// --- SegmentIndex ---

void SegmentIndex::set(Owner owner, const QPolygonF &line)
{
    takeOut(m_cells, m_filed, owner);
    if (line.size() < 2)
        return;
    std::vector<std::int64_t> &filed = m_filed[owner];
    filed.reserve(std::size_t(2 * line.size()));
    for (qsizetype i = 1; i < line.size(); ++i) {
        const QPointF p = line[i - 1], q = line[i];
        const int c0 = cellOf(std::min(p.x(), q.x())), c1 = cellOf(std::max(p.x(), q.x()));
        const int r0 = cellOf(std::min(p.y(), q.y())), r1 = cellOf(std::max(p.y(), q.y()));
        const float px = float(p.x()), py = float(p.y()), qx = float(q.x()), qy = float(q.y());
        const qreal length = QLineF(QPointF(px, py), QPointF(qx, qy)).length();
        for (int c = c0; c <= c1; ++c) {
            for (int r = r0; r <= r1; ++r) {
                m_cells.add(c, r, {px, py, qx, qy, owner, c0, r0, length});
                filed.push_back(cellKey(c, r));
            }
        }
    }
    std::sort(filed.begin(), filed.end());
    filed.erase(std::unique(filed.begin(), filed.end()), filed.end());
}

void SegmentIndex::remove(Owner owner)
{
    takeOut(m_cells, m_filed, owner);
}

qreal SegmentIndex::lengthInside(const QRectF &area, Owner skip, qreal limit) const
{
    qreal inside = 0;
    visitFiled(m_cells, cellOf(area.left()), cellOf(area.right()), cellOf(area.top()),
               cellOf(area.bottom()), [&](const Segment &s) {
                   if (s.owner == skip || (s.px < area.left() && s.qx < area.left())
                       || (s.px > area.right() && s.qx > area.right())
                       || (s.py < area.top() && s.qy < area.top())
                       || (s.py > area.bottom() && s.qy > area.bottom()))
                       return true; // its own arrow, or wholly on one side
                   const QPointF p(s.px, s.py), q(s.qx, s.qy);
                   inside += segmentLengthInside(p, q, area, s.length);
                   return inside <= limit;
               });
    return inside;
}

// --- RectIndex ---

void RectIndex::set(Owner owner, const QRectF &rect)
{
    takeOut(m_cells, m_filed, owner);
    if (rect.isNull())
        return;
    std::vector<std::int64_t> &filed = m_filed[owner];
    const int c0 = cellOf(rect.left()), c1 = cellOf(rect.right());
    const int r0 = cellOf(rect.top()), r1 = cellOf(rect.bottom());
    for (int c = c0; c <= c1; ++c) {
        for (int r = r0; r <= r1; ++r) {
            m_cells.add(c, r, {rect, owner, c0, r0});
            filed.push_back(cellKey(c, r));
        }
    }
}

void RectIndex::remove(Owner owner)
{
    takeOut(m_cells, m_filed, owner);
}

void RectIndex::query(const QRectF &area, std::vector<QRectF> &out, Owner skip) const
{
    out.clear();
    visit(area, [&out, skip](const QRectF &rect, Owner owner) {
        if (owner != skip)
            out.push_back(rect);
        return true;
    });
}

} // namespace s3rd::diagram
