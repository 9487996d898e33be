#pragma once

// A replication rule on the canvas: an arrow from the source bucket to the destination bucket,
// labelled with its essentials, routed and drawn by the diagram painter. See canvasitems.h for
// the contract.

#include "arrowrouting.h"
#include "labelplacement.h"
#include "nodeitems.h"

#include <optional>

namespace s3rd::views {

// Top-level item; the scene calls updatePath() when either end moves.
class RuleItem : public CanvasItem
{
public:
    RuleItem(CanvasScene &scene, const QString &id);
    int type() const override { return RuleItemType; }

    // Ends moved, or the arrows at either bucket changed: routes the arrow again and, unless
    // withLabel is false (the scene places every label once all arrows are routed), places its
    // label again.
    void updatePath(bool withLabel = true);
    // updatePath() in two halves, so that the scene routes many arrows at once
    // (diagram::routeArrows()): what to route, worked out from the ends as they are now (none
    // when an end is missing: the arrow is taken out), and the route taken in.
    std::optional<diagram::RouteRequest> routeRequest();
    void setRoute(diagram::ArrowRoute route, bool withLabel);
    void updateLabel(); // the rule changed
    // Places the label again, clear of the other arrows and labels as they are now.
    void placeLabel();
    QString label() const { return m_label; }
    QPainterPath path() const { return m_route.path; }
    const diagram::ArrowRoute &route() const { return m_route; }
    const diagram::ArrowEnds &ends() const { return m_ends; }
    QRectF labelRect() const { return m_label.isEmpty() ? QRectF() : m_place.rect; }
    QLineF leader() const { return m_place.leader; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
               QWidget *widget) override;

private:
    // The boxes this arrow keeps clear of: every box but its two buckets.
    diagram::ObstacleQuery obstacles(const QGraphicsItem *source,
                                     const QGraphicsItem *destination) const;
    void updateShape();

    diagram::ArrowEnds m_ends;
    diagram::ArrowRoute m_route;
    QString m_label;
    diagram::LabelPlace m_place;
    QRectF m_bounds;
    // The arrow's outline for hit tests, made on first use after a change (shape()): opening a
    // large design draws every arrow but hit-tests few.
    mutable QPainterPath m_shape;
    mutable bool m_shapeDue = false;
    bool m_enabled = true;
};

} // namespace s3rd::views
