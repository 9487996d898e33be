#pragma once

// Routing of the replication arrows: pure functions of rectangles, shared by the canvas and the
// exported diagram so both draw the same curves.
//
// An arrow is one cubic curve from the source bucket's edge to the destination bucket's edge.
// Buckets side by side are joined left to right; buckets stacked in one column are joined by a
// curve that bulges out to the right. When the direct curve passes through other boxes, it is
// bent away step by step (up and down, or further out) and the curve crossing the fewest boxes
// wins; equal candidates keep the earliest, so the result is deterministic.

#include <QPainterPath>
#include <QPolygonF>
#include <QRectF>

#include <functional>
#include <vector>

namespace s3rd::diagram {

// Radius of the round connector handle on a bucket's right edge; arrows leave past it.
inline constexpr qreal kConnectorRadius = 8;

// Fills `out` with the boxes (buckets, keys, roles) that meet `area` and that an arrow must
// keep clear of. The arrow's own two buckets must not be among them.
using ObstacleQuery = std::function<void(const QRectF &area, std::vector<QRectF> &out)>;

struct ArrowEnds
{
    QRectF source;      // the source bucket's box
    QRectF destination; // the destination bucket's box
    // The arrow's place among all arrows between the same two buckets, in either direction;
    // they fan out so each stays readable.
    int lane = 0;
    int lanes = 1;
};

struct ArrowRoute
{
    QPainterPath path; // empty when there is nothing to draw
    QPolygonF head;    // filled triangle at the destination, along the curve's tangent

    QRectF bounds() const { return path.boundingRect().united(head.boundingRect()); }
};

ArrowRoute routeArrow(const ArrowEnds &ends, const ObstacleQuery &obstacles);

// Where a label of `size` goes: centred on a point of the arrow, on no box (its ends included)
// where a point of the arrow allows it. Arrows sharing their buckets put their labels at
// different points, so one label never covers the neighbouring arrow's label.
QRectF placeLabel(const ArrowRoute &route, const ArrowEnds &ends, const QSizeF &size,
                  const ObstacleQuery &obstacles);

// Boxes in a coarse grid, to answer ObstacleQuery for many arrows without scanning every box.
class BoxIndex
{
public:
    explicit BoxIndex(std::vector<QRectF> boxes);

    const std::vector<QRectF> &boxes() const { return m_boxes; }
    // The boxes meeting `area`, in index order, leaving out the boxes numbered skipA and skipB
    // (an arrow's ends; -1 for none).
    void query(const QRectF &area, std::vector<QRectF> &out, int skipA = -1, int skipB = -1) const;

private:
    std::vector<QRectF> m_boxes;
    std::vector<std::vector<int>> m_cells; // row-major, each cell: indices into m_boxes
    QRectF m_area;                         // what the grid covers
    int m_columns = 0;
    int m_rows = 0;
};

} // namespace s3rd::diagram
