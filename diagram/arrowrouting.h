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
#include <utility>
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
    // Where the arrow meets each bucket, from the middle of the edge (y, downwards), when the
    // bucket has arrows to or from other buckets on the same edge (portOffset).
    qreal sourcePort = 0;
    qreal destinationPort = 0;
};

struct ArrowRoute
{
    QPainterPath path; // empty when there is nothing to draw
    QPolygonF head;    // filled triangle at the destination, along the curve's tangent
    QPolygonF line;    // the curve flattened, start to end: for hit tests and label placement

    QRectF bounds() const { return path.boundingRect().united(head.boundingRect()); }
};

ArrowRoute routeArrow(const ArrowEnds &ends, const ObstacleQuery &obstacles);

// One arrow to route: routeArrow()'s arguments.
struct RouteRequest
{
    ArrowEnds ends;
    ObstacleQuery obstacles;
};

// routeArrow() on every request, the routes in the requests' order, on as many threads as the
// machine has cores (opening a large design routes thousands of arrows). Each obstacles query
// must be safe to call from several threads at once: it only reads its boxes.
std::vector<ArrowRoute> routeArrows(const std::vector<RouteRequest> &requests);

// --- Ports: where several arrows meet one bucket ---

enum class Edge { Left, Right };

// The edge of the source and of the destination bucket an arrow between them uses: side by
// side, the facing edges; stacked in one column, both right edges.
std::pair<Edge, Edge> arrowEdges(const QRectF &source, const QRectF &destination);

// An arrow as its two buckets' boxes.
struct ArrowBoxes
{
    QRectF source;
    QRectF destination;
};

// How far from the middle of its edge arrow `which` meets `bucket` (ArrowEnds::sourcePort or
// destinationPort). `arrows` are all the arrows from or to `bucket`, in design order. Arrows on
// one edge are spread along it, ordered by the height of their other bucket so that they do not
// cross next to this one; arrows between the same two buckets stay one bundle (their lanes
// separate them).
qreal portOffset(const QRectF &bucket, const std::vector<ArrowBoxes> &arrows, std::size_t which);

// Length of the polyline inside `rect` (segments clipped to it).
qreal lengthInside(const QPolygonF &line, const QRectF &rect);
// Length of the segment p-q inside `rect`; `length` is the segment's (QLineF::length), worked
// out by the caller once for many rectangles.
qreal segmentLengthInside(const QPointF &p, const QPointF &q, const QRectF &rect, qreal length);
qreal polylineLength(const QPolygonF &line);

// Rectangles in a coarse grid, to answer ObstacleQuery for many arrows without scanning every
// box. More rectangles can be added after construction (labels as they are placed).
class BoxIndex
{
public:
    // `area` is where most rectangles are; any rectangle is accepted, those outside it are
    // filed in the border cells.
    explicit BoxIndex(std::vector<QRectF> boxes, QRectF area = {});

    const std::vector<QRectF> &boxes() const { return m_boxes; }
    void insert(const QRectF &box);
    // The boxes meeting `area`, in index order, leaving out the boxes numbered skipA and skipB
    // (an arrow's ends; -1 for none).
    void query(const QRectF &area, std::vector<QRectF> &out, int skipA = -1, int skipB = -1) const;
    // The same, as indices into boxes().
    void queryIndices(const QRectF &area, std::vector<int> &out, int skipA = -1,
                      int skipB = -1) const;

private:
    void file(int i);

    std::vector<QRectF> m_boxes;
    std::vector<std::vector<int>> m_cells; // row-major, each cell: indices into m_boxes
    QRectF m_area;                         // what the grid covers
    QRectF m_extent;                       // every rectangle held
    int m_columns = 0;
    int m_rows = 0;
};

} // namespace s3rd::diagram
