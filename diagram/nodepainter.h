#pragma once

// Drawing of the diagram's boxes (accounts, buckets, KMS keys, roles) and rule arrows with
// QPainter, from the model. The canvas items and every export (PNG, SVG, a PDF handout) call
// these functions, so what is exported is what the canvas shows.
//
// Rectangles are in the painter's current coordinates. Nothing here reads a widget: the state
// that only exists on screen (selection, hover, drop targets) is passed in as PaintState.

#include "style.h"

#include "core/design.h"

#include <QList>
#include <QPainterPath>
#include <QPolygonF>
#include <QRectF>
#include <QString>

#include <optional>

class QPainter;

namespace s3rd::diagram {

struct ArrowRoute;
struct LabelPlace;

// How an element is shown beyond its data. The default is how it is exported.
struct PaintState
{
    bool selected = false;
    bool hovered = false;
    bool related = false; // works with a selected element (its key, role or arrow): a halo
    std::optional<QColor> highlight; // from the checklist or the simulator
    bool detail = true;              // false when zoomed far out: boxes without text
    bool dropTarget = false;         // account: boxes being dragged would land in it
    bool connectTarget = false;      // bucket: an arrow being drawn would end on it
    // Bucket connector handle: 0 hidden (exports), 1 faint, 2 strong (hover, connect tool).
    int connector = 0;
};

inline constexpr qreal kCornerRadius = 8;
// Below this zoom (level of detail), boxes are drawn without text: cheap and still readable.
inline constexpr qreal kDetailLod = 0.35;

// Only the header and the border of an account are "solid": its body is empty space where a
// press starts a rubber band.
QPainterPath accountOutline(const QRectF &rect);

void paintAccount(QPainter &painter, const Style &style, const model::Account &account,
                  const QRectF &rect, const PaintState &state);
// defaultKey: the bucket's default KMS key when the design has it (named on the badge's tip).
void paintBucket(QPainter &painter, const Style &style, const model::Bucket &bucket,
                 const model::KmsKey *defaultKey, const QRectF &rect, const PaintState &state);
void paintKey(QPainter &painter, const Style &style, const model::KmsKey &key, const QRectF &rect,
              const PaintState &state);
void paintRole(QPainter &painter, const Style &style, const model::Role &role, const QRectF &rect,
               const PaintState &state);

// The badges along a bucket's bottom edge (versioning, encryption, Object Lock), with the tip
// the canvas shows when the pointer is on one.
struct Badge
{
    QRectF rect;
    QString text;
    QString toolTip;
    QColor colour;
    int icon; // IconKind, or -1
};
QList<Badge> bucketBadges(const Style &style, const model::Bucket &bucket,
                          const model::KmsKey *defaultKey, const QRectF &rect);

// The line under a bucket's name: its Region, and its default KMS key when the encryption badge
// has no room to name it.
QString bucketSubtitle(const Style &style, const model::Bucket &bucket,
                       const model::KmsKey *defaultKey, const QRectF &rect);

// The round handle on a bucket's right edge (drag from it to draw a replication rule).
QRectF connectorRect(const QRectF &bucketRect);

// A rule's label: "CRR · KMS · RTC · prefix* · P2 · disabled"; showPriority when the source
// bucket has several rules.
QString ruleLabel(const Style &style, const model::ReplicationRule &rule,
                  const model::Bucket *source, const model::Bucket *destination,
                  bool showPriority);
// The pill the label is drawn in.
QSizeF labelSize(const Style &style, const QString &label);

// The arrow, its head and (when the label's rectangle is not null) its label in a pill, joined
// to the arrow by its leader line when it has one.
void paintArrow(QPainter &painter, const Style &style, const ArrowRoute &route, bool enabled,
                const QString &label, const LabelPlace &place, const PaintState &state);

QString regionLabel(const std::string &region); // "eu-west-1", "no region"
QString keyKindLabel(model::KeyKind kind);      // "Customer managed", ...

} // namespace s3rd::diagram
