#pragma once

// Where everything of a design goes on the diagram, computed from the model alone: the same
// boxes, arrows and labels the canvas shows (accounts grown around their contents, buckets,
// keys and roles inside their account, arrows routed around boxes), for drawing it on any
// QPaintDevice without a scene.

#include "arrowrouting.h"
#include "labelplacement.h"
#include "style.h"

#include "core/design.h"

#include <QRectF>
#include <QString>

#include <vector>

class QPainter;

namespace s3rd::diagram {

// A box's size: its geometry's, or the default size of its kind when the geometry has none.
QSizeF boxSize(Kind kind, const model::Geometry &geometry);

// Orders arrows sharing two buckets (their lanes): shorter ids first, then by text, so "r2"
// comes before "r10".
bool laneOrderLess(const QString &a, const QString &b);

struct PlacedBox
{
    Kind kind;
    std::size_t index; // into the design's accounts, buckets, keys or roles
    QRectF rect;       // diagram coordinates
};

struct PlacedArrow
{
    std::size_t index; // into the design's rules
    ArrowEnds ends;
    ArrowRoute route;
    QString label;
    QRectF labelRect;
    QLineF leader; // from the arrow to its label when the label could not sit beside it
};

struct DiagramLayout
{
    std::vector<PlacedBox> boxes;    // in drawing order: each account, then what it holds
    // Design order; rules whose buckets are missing are left out. Arrows are routed first, then
    // labels placed in this order, each clear of the arrows and of the labels before it.
    std::vector<PlacedArrow> arrows;
    QRectF bounds;                   // everything drawn, with the canvas' margins around items
};

// The design must have a layout (model::lacksLayout false), or everything sits at the origin.
DiagramLayout layoutDiagram(const model::Design &design, const Style &style);

// Draws the laid-out design in diagram coordinates, as exported (no selection, no handles).
void paintDiagram(QPainter &painter, const model::Design &design, const DiagramLayout &layout,
                  const Style &style);

} // namespace s3rd::diagram
