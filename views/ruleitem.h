#pragma once

// A replication rule on the canvas: an arrow from the source bucket to the destination bucket,
// labelled with its essentials, routed and drawn by the diagram painter. See canvasitems.h for
// the contract.

#include "arrowrouting.h"
#include "nodeitems.h"

namespace s3rd::views {

// Top-level item; the scene calls updatePath() when either end moves.
class RuleItem : public CanvasItem
{
public:
    RuleItem(CanvasScene &scene, const QString &id);
    int type() const override { return RuleItemType; }

    void updatePath();  // ends moved, or the set of arrows between the same buckets changed
    void updateLabel(); // the rule changed
    QString label() const { return m_label; }
    QPainterPath path() const { return m_route.path; }
    QRectF labelRect() const { return m_labelRect; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
               QWidget *widget) override;

private:
    // The boxes this arrow keeps clear of: every box but its two buckets.
    diagram::ObstacleQuery obstacles(const QGraphicsItem *source,
                                     const QGraphicsItem *destination) const;
    void placeLabel(const QGraphicsItem *source, const QGraphicsItem *destination);

    diagram::ArrowEnds m_ends;
    diagram::ArrowRoute m_route;
    QString m_label;
    QRectF m_labelRect;
    QRectF m_bounds;
    QPainterPath m_shape;
    bool m_enabled = true;
};

} // namespace s3rd::views
