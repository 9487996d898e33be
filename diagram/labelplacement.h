#pragma once

// Where a rule's label goes: a pure function of the arrow and what is around it, shared by the
// canvas and the exported diagram.
//
// A label never sits on its arrow: it goes beside it, touching, along the arrow's longest
// stretch that no box or other label covers, on the side away from the arrow's neighbours.
// When no place beside the arrow is free (two buckets too close for the label), it moves
// further out and a short leader line joins it to the arrow. A place is free when the label
// covers no box (the arrow's own buckets included), no label already placed and no other arrow.
// When none is, the least bad place wins (the earliest of equals). Candidates are tried in a
// fixed order, so the result is deterministic.
//
// Cost: the first free candidate ends the search. Otherwise every candidate is measured
// against everything but the other arrows (cheap: boxes, labels, frames), and only the least
// bad of those, at most 16, against the other arrows (SegmentIndex), so a label in a crowd of
// arrows costs a bounded number of queries of the few grid cells it covers.

#include "arrowrouting.h"

#include <QLineF>
#include <QRectF>

#include <functional>
#include <vector>

namespace s3rd::diagram {

// The length of the other arrows' lines (ArrowRoute::line) inside `area`. It may stop adding
// once the length passes `limit` (SegmentIndex::lengthInside answers it).
using ArrowLengthQuery = std::function<qreal(const QRectF &area, qreal limit)>;

struct LabelSurroundings
{
    ObstacleQuery boxes;  // buckets, keys and roles other than the arrow's two buckets
    ObstacleQuery labels; // the labels of other arrows placed so far
    ArrowLengthQuery arrows; // the other arrows
    ObstacleQuery frames; // accounts: a label is inside or outside one, not across its border
};

struct LabelPlace
{
    QRectF rect;   // null when the arrow has no label or nothing to draw
    QLineF leader; // from the arrow to the label's edge; null when the label touches its arrow
};

// The most of its own arrow's length a label may cover, as a fraction.
inline constexpr qreal kMaxOwnArrowCovered = 0.05;

LabelPlace placeLabel(const ArrowRoute &route, const ArrowEnds &ends, const QSizeF &size,
                      const LabelSurroundings &around);

} // namespace s3rd::diagram
