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

#include <algorithm>
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

// The key of a grid cell.
inline std::int64_t cellKey(int column, int row)
{
    return (std::int64_t(column) << 32) ^ std::int64_t(std::uint32_t(row));
}

// Calls each(entry) for the entries filed in the cells [c0, c1] x [r0, r1], each once: in the
// first of those cells it is filed in (entries carry firstColumn and firstRow). Stops when each
// returns false.
template<typename Cells, typename Each>
void visitFiled(const Cells &cells, int c0, int c1, int r0, int r1, Each &&each)
{
    if (cells.empty())
        return;
    for (int c = c0; c <= c1; ++c) {
        for (int r = r0; r <= r1; ++r) {
            const auto it = cells.find(cellKey(c, r));
            if (it == cells.end())
                continue;
            for (const auto &e : it->second) {
                if (std::max(e.firstColumn, c0) == c && std::max(e.firstRow, r0) == r
                    && !each(e))
                    return;
            }
        }
    }
}

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

    qreal m_cell;
    std::unordered_map<std::int64_t, std::vector<Entry>> m_cells;
    std::unordered_map<Owner, std::vector<std::int64_t>> m_filed;
};

template<typename Found>
void RectIndex::visit(const QRectF &area, Found &&found) const
{
    visitFiled(m_cells, cellOf(area.left()), cellOf(area.right()), cellOf(area.top()),
               cellOf(area.bottom()), [&](const Entry &e) {
                   return !overlaps(e.rect, area) || found(e.rect, e.owner);
               });
}

} // namespace s3rd::diagram
