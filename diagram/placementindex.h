#pragma once

// Fine grids for placing labels fast among many arrows, shared by the canvas and the exported
// diagram: the arrows' lines cut into their segments, and the labels placed so far. A label
// candidate asks only the few cells it covers, and only the segments and labels filed there are
// measured, so placing a label costs about the same in a design of ten arrows or ten thousand.
//
// Entries are filed by an owner (an arrow), can be filed again when the arrow moves and taken
// out when it goes. Each entry is filed in every cell its bounds meet, and a query counts it in
// one cell only (the first of the query's cells it meets), so nothing is counted twice.

#include <QPolygonF>
#include <QRectF>

#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace s3rd::diagram {

// Side of a cell, in diagram units: about the height of a few labels, a fraction of a box.
inline constexpr qreal kPlacementCell = 64;

// The segments of the arrows' lines (ArrowRoute::line), by arrow.
class SegmentIndex
{
public:
    using Owner = std::uintptr_t;

    // Files the line's segments under `owner`, replacing what it had (an empty line: takes
    // the owner out).
    void set(Owner owner, const QPolygonF &line);
    void remove(Owner owner);

    // Length of every line but `skip`'s inside `area` (each segment clipped to it). May stop
    // adding once the length passes `limit`; the answer is then at least `limit`.
    qreal lengthInside(const QRectF &area, Owner skip, qreal limit) const;

private:
    // Kept small (32 bytes): a large design files hundreds of thousands.
    struct Segment
    {
        float px, py, qx, qy;
        Owner owner;
        int firstColumn, firstRow; // the first cell it is filed in
    };
    std::unordered_map<std::int64_t, std::vector<Segment>> m_cells;
    std::unordered_map<Owner, std::vector<std::int64_t>> m_filed; // owner -> its cells
};

// Whether two rectangles of positive size overlap (QRectF::intersects, inline: it is asked
// millions of times while a large design opens).
inline bool overlaps(const QRectF &a, const QRectF &b)
{
    if (a.width() <= 0 || a.height() <= 0 || b.width() <= 0 || b.height() <= 0)
        return a.intersects(b);
    return a.left() < b.right() && b.left() < a.right() && a.top() < b.bottom()
           && b.top() < a.bottom();
}

// Rectangles (the labels placed so far; on the canvas also its boxes), by owner: one
// rectangle each.
class RectIndex
{
public:
    using Owner = std::uintptr_t;

    explicit RectIndex(qreal cell = kPlacementCell) : m_cell(cell) {}

    // Files the rectangle under `owner`, replacing its previous one (a null one: takes it out).
    void set(Owner owner, const QRectF &rect);
    void remove(Owner owner);

    // The rectangles but `skip`'s that meet `area`.
    void query(const QRectF &area, std::vector<QRectF> &out, Owner skip) const;
    // Calls found(rect, owner) for each rectangle that meets `area`, each once, until it
    // returns false.
    template<typename Found>
    void visit(const QRectF &area, Found &&found) const;

private:
    struct Entry
    {
        QRectF rect;
        Owner owner;
        int firstColumn, firstRow;
    };
    int cellOf(qreal v) const { return int(std::floor(v / m_cell)); }
    static std::int64_t key(int column, int row)
    {
        return (std::int64_t(column) << 32) ^ std::int64_t(std::uint32_t(row));
    }

    qreal m_cell;
    std::unordered_map<std::int64_t, std::vector<Entry>> m_cells;
    std::unordered_map<Owner, std::vector<std::int64_t>> m_filed;
};

template<typename Found>
void RectIndex::visit(const QRectF &area, Found &&found) const
{
    if (m_cells.empty())
        return;
    const int c0 = cellOf(area.left()), c1 = cellOf(area.right());
    const int r0 = cellOf(area.top()), r1 = cellOf(area.bottom());
    for (int c = c0; c <= c1; ++c) {
        for (int r = r0; r <= r1; ++r) {
            const auto it = m_cells.find(key(c, r));
            if (it == m_cells.end())
                continue;
            for (const Entry &e : it->second) {
                // Counted in the first cell of the query that it is filed in.
                if (std::max(e.firstColumn, c0) != c || std::max(e.firstRow, r0) != r
                    || !overlaps(e.rect, area))
                    continue;
                if (!found(e.rect, e.owner))
                    return;
            }
        }
    }
}

} // namespace s3rd::diagram
