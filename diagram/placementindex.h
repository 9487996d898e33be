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
    struct Segment
    {
        QPointF p, q;
        Owner owner;
        int firstColumn, firstRow; // the first cell it is filed in
    };
    std::unordered_map<std::int64_t, std::vector<Segment>> m_cells;
    std::unordered_map<Owner, std::vector<std::int64_t>> m_filed; // owner -> its cells
};

// Rectangles (the labels placed so far), by owner: one rectangle each.
class RectIndex
{
public:
    using Owner = std::uintptr_t;

    // Files the rectangle under `owner`, replacing its previous one (a null one: takes it out).
    void set(Owner owner, const QRectF &rect);
    void remove(Owner owner);

    // The rectangles but `skip`'s that meet `area`.
    void query(const QRectF &area, std::vector<QRectF> &out, Owner skip) const;
    // Whether any but `skip`'s meets `area`.
    bool any(const QRectF &area, Owner skip) const;

private:
    struct Entry
    {
        QRectF rect;
        Owner owner;
        int firstColumn, firstRow;
    };
    template<typename Visit>
    void visit(const QRectF &area, Owner skip, Visit &&found) const;

    std::unordered_map<std::int64_t, std::vector<Entry>> m_cells;
    std::unordered_map<Owner, std::vector<std::int64_t>> m_filed;
};

} // namespace s3rd::diagram
