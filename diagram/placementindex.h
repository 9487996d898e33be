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

// The key of a grid cell.
inline std::int64_t cellKey(int column, int row)
{
    return (std::int64_t(column) << 32) ^ std::int64_t(std::uint32_t(row));
}

// The cells of a grid, each a list of entries in the order they were filed. The cells around
// the entries are one array, found by arithmetic (a query asks a few cells millions of times
// while a large design opens); it grows as entries come. A cell far from the others goes to a
// hash table, so that one entry far away does not make the array huge.
template<typename Entry>
class CellGrid
{
public:
    bool empty() const { return m_entries == 0; }

    // The cell's entries; null when nothing was ever filed there.
    const std::vector<Entry> *find(int column, int row) const
    {
        const std::int64_t c = std::int64_t(column) - m_column0;
        const std::int64_t r = std::int64_t(row) - m_row0;
        if (c >= 0 && c < m_columns && r >= 0 && r < m_rows)
            return &m_dense[std::size_t(c * m_rows + r)];
        if (m_far.empty())
            return nullptr;
        const auto it = m_far.find(cellKey(column, row));
        return it == m_far.end() ? nullptr : &it->second;
    }

    void add(int column, int row, const Entry &entry)
    {
        std::vector<Entry> &entries = cell(column, row);
        if (entries.capacity() == 0) // most cells hold many: fewer copies as they fill
            entries.reserve(8);
        entries.push_back(entry);
        ++m_entries;
    }

    // Takes out the cell's entries that `remove` answers true for.
    template<typename Remove>
    void removeIf(int column, int row, Remove &&remove)
    {
        // The cell itself, not a copy: find() only answers it as const.
        auto *entries = const_cast<std::vector<Entry> *>(find(column, row));
        if (!entries)
            return;
        const auto from = std::remove_if(entries->begin(), entries->end(), remove);
        m_entries -= std::size_t(entries->end() - from);
        entries->erase(from, entries->end());
        if (entries->empty() && m_far.count(cellKey(column, row)))
            m_far.erase(cellKey(column, row));
    }

private:
    // Cells the array may hold (a few megabytes of empty lists at most).
    static constexpr std::int64_t kMostDense = std::int64_t(1) << 18;

    std::vector<Entry> &cell(int column, int row)
    {
        if (!isDense(column, row) && !grow(column, row))
            return m_far[cellKey(column, row)];
        return m_dense[std::size_t((column - m_column0) * m_rows + (row - m_row0))];
    }

    bool isDense(int column, int row) const
    {
        const std::int64_t c = std::int64_t(column) - m_column0;
        const std::int64_t r = std::int64_t(row) - m_row0;
        return c >= 0 && c < m_columns && r >= 0 && r < m_rows;
    }

    // Makes the array cover the cell, with room to spare on the side it grew; false when it
    // would become too large (the cell goes to the hash table).
    bool grow(int column, int row)
    {
        std::int64_t c0 = column, r0 = row, c1 = column + 1, r1 = row + 1;
        if (m_columns > 0) {
            const std::int64_t spareC = std::max<std::int64_t>(8, m_columns / 2);
            const std::int64_t spareR = std::max<std::int64_t>(8, m_rows / 2);
            c0 = column < m_column0 ? column - spareC : m_column0;
            c1 = column >= m_column0 + m_columns ? column + 1 + spareC : m_column0 + m_columns;
            r0 = row < m_row0 ? row - spareR : m_row0;
            r1 = row >= m_row0 + m_rows ? row + 1 + spareR : m_row0 + m_rows;
        } else {
            c0 -= 8, r0 -= 8, c1 += 8, r1 += 8;
        }
        if ((c1 - c0) * (r1 - r0) > kMostDense)
            return false;
        std::vector<std::vector<Entry>> dense(std::size_t((c1 - c0) * (r1 - r0)));
        for (std::int64_t c = 0; c < m_columns; ++c)
            for (std::int64_t r = 0; r < m_rows; ++r)
                dense[std::size_t((c + m_column0 - c0) * (r1 - r0) + (r + m_row0 - r0))] =
                    std::move(m_dense[std::size_t(c * m_rows + r)]);
        m_dense = std::move(dense);
        m_column0 = c0;
        m_row0 = r0;
        m_columns = c1 - c0;
        m_rows = r1 - r0;
        // Cells of the hash table the array now covers move into it, in their order.
        for (auto it = m_far.begin(); it != m_far.end();) {
            const int c = int(it->first >> 32), r = int(std::int32_t(std::uint32_t(it->first)));
            if (isDense(c, r)) {
                m_dense[std::size_t((c - m_column0) * m_rows + (r - m_row0))] = std::move(it->second);
                it = m_far.erase(it);
            } else {
                ++it;
            }
        }
        return true;
    }

    std::vector<std::vector<Entry>> m_dense; // column-major: m_rows cells per column
    std::int64_t m_column0 = 0, m_row0 = 0, m_columns = 0, m_rows = 0;
    std::unordered_map<std::int64_t, std::vector<Entry>> m_far;
    std::size_t m_entries = 0;
};

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
    // Kept small (40 bytes): a large design files hundreds of thousands.
    struct Segment
    {
        float px, py, qx, qy;
        Owner owner;
        int firstColumn, firstRow; // the first cell it is filed in
        qreal length;              // QLineF::length of the points as kept
    };
    CellGrid<Segment> m_cells;
    std::unordered_map<Owner, std::vector<std::int64_t>> m_filed; // owner -> its cells
};

// Calls each(entry) for the entries filed in the cells [c0, c1] x [r0, r1], each once: in the
// first of those cells it is filed in (entries carry firstColumn and firstRow). Stops when each
// returns false.
template<typename Entry, typename Each>
void visitFiled(const CellGrid<Entry> &cells, int c0, int c1, int r0, int r1, Each &&each)
{
    if (cells.empty())
        return;
    for (int c = c0; c <= c1; ++c) {
        for (int r = r0; r <= r1; ++r) {
            const std::vector<Entry> *entries = cells.find(c, r);
            if (!entries)
                continue;
            for (const Entry &e : *entries) {
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
    CellGrid<Entry> m_cells;
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
