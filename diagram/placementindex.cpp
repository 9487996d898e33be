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

std::int64_t cellKey(int column, int row)
{
    return (std::int64_t(column) << 32) ^ std::int64_t(std::uint32_t(row));
}

// Takes every entry of `owner` out of the cells it was filed in.
template <typename Cells>
void takeOut(Cells &cells, std::unordered_map<std::uintptr_t, std::vector<std::int64_t>> &filed,
             std::uintptr_t owner)
{
    const auto it = filed.find(owner);
    if (it == filed.end())
        return;
    for (const std::int64_t key : it->second) {
        const auto cell = cells.find(key);
        if (cell == cells.end())
            continue;
        auto &entries = cell->second;
        entries.erase(std::remove_if(entries.begin(), entries.end(),
                                     [owner](const auto &e) { return e.owner == owner; }),
                      entries.end());
        if (entries.empty())
            cells.erase(cell);
    }
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
    for (qsizetype i = 1; i < line.size(); ++i) {
        const QPointF p = line[i - 1], q = line[i];
        const int c0 = cellOf(std::min(p.x(), q.x())), c1 = cellOf(std::max(p.x(), q.x()));
        const int r0 = cellOf(std::min(p.y(), q.y())), r1 = cellOf(std::max(p.y(), q.y()));
        for (int c = c0; c <= c1; ++c) {
            for (int r = r0; r <= r1; ++r) {
                const std::int64_t key = cellKey(c, r);
                m_cells[key].push_back(
                    {float(p.x()), float(p.y()), float(q.x()), float(q.y()), owner, c0, r0});
                filed.push_back(key);
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
    if (m_cells.empty())
        return 0;
    const int c0 = cellOf(area.left()), c1 = cellOf(area.right());
    const int r0 = cellOf(area.top()), r1 = cellOf(area.bottom());
    qreal inside = 0;
    for (int c = c0; c <= c1; ++c) {
        for (int r = r0; r <= r1; ++r) {
            const auto it = m_cells.find(cellKey(c, r));
            if (it == m_cells.end())
                continue;
            for (const Segment &s : it->second) {
                // Counted in the first cell of the query that it is filed in.
                if (s.owner == skip || std::max(s.firstColumn, c0) != c ||
                    std::max(s.firstRow, r0) != r)
                    continue;
                if ((s.px < area.left() && s.qx < area.left()) ||
                    (s.px > area.right() && s.qx > area.right()) ||
                    (s.py < area.top() && s.qy < area.top()) ||
                    (s.py > area.bottom() && s.qy > area.bottom()))
                    continue; // wholly on one side
                const QPointF p(s.px, s.py), q(s.qx, s.qy);
                inside += segmentLengthInside(p, q, area, QLineF(p, q).length());
            }
            if (inside > limit)
                return inside;
        }
    }
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
            m_cells[key(c, r)].push_back({rect, owner, c0, r0});
            filed.push_back(key(c, r));
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
