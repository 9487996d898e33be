#pragma once

// The boxes on the canvas (accounts, buckets, keys, roles) and the base of every canvas item.
// See canvasitems.h for the contract.

#include "document.h"
#include "nodepainter.h"

#include <QGraphicsItem>
#include <QPainterPath>

#include <type_traits>

class QStyleOptionGraphicsItem;

namespace s3rd::views {

class CanvasScene;

// In the order of document::ElementKind: a box's type follows from its kind.
enum ItemType {
    AccountItemType = QGraphicsItem::UserType + 1,
    BucketItemType,
    KeyItemType,
    RoleItemType,
    RuleItemType,
};
static_assert(BucketItemType == AccountItemType + int(document::ElementKind::Bucket)
              && KeyItemType == AccountItemType + int(document::ElementKind::Key)
              && RoleItemType == AccountItemType + int(document::ElementKind::Role));

// What every canvas item has: its scene, its element id, and hover state.
class CanvasItem : public QGraphicsItem
{
public:
    CanvasItem(CanvasScene &scene, const QString &id);
    const QString &id() const { return m_id; }

protected:
    // Selection, hover, highlight and level of detail, as the painter takes them; none of the
    // on-screen state while the scene is in export mode.
    diagram::PaintState paintState(const QStyleOptionGraphicsItem *option,
                                   const QPainter *painter) const;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

    CanvasScene &m_canvas;
    const QString m_id;
    bool m_hovered = false;
};

// A box on the canvas: account, bucket, key or role.
class NodeItem : public CanvasItem
{
public:
    NodeItem(CanvasScene &scene, document::ElementKind kind, const QString &id);

    document::ElementKind kind() const { return m_kind; }
    int type() const override { return AccountItemType + int(m_kind); }
    QRectF rect() const { return m_rect; }

    // Re-reads position, size and text from the model.
    virtual void sync() = 0;

    QRectF boundingRect() const override;

protected:
    void setRect(const QRectF &rect);
    // Position and size from the element's geometry (buckets, keys, roles).
    void place(const model::Geometry &geometry);

    const document::ElementKind m_kind;
    QRectF m_rect;
};

// A box showing one element of type Element (an account, a bucket, a KMS key or a role): it
// looks the element up in the canvas's index and paints it through the diagram painter, in the
// state the item is in on screen.
template<typename Element>
class ElementItem : public NodeItem
{
public:
    using NodeItem::NodeItem;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
               QWidget *widget) override;

protected:
    // The element shown; nullptr when it is gone.
    const Element *element() const;
    // What only this kind of box adds to the state it is painted in; nothing by default.
    virtual void addPaintState(diagram::PaintState &) const {}
};

extern template class ElementItem<model::Account>;
extern template class ElementItem<model::Bucket>;
extern template class ElementItem<model::KmsKey>;
extern template class ElementItem<model::Role>;

class AccountItem : public ElementItem<model::Account>
{
public:
    AccountItem(CanvasScene &scene, const QString &id)
        : ElementItem(scene, document::ElementKind::Account, id)
    {
    }
    void sync() override;
    // Grows the box to hold its children (after a child moved or was added).
    void fitChildren();
    void setDropTarget(bool on);
    // Only the header and the border are "solid": a press on the body's empty area starts a
    // rubber band instead of dragging the whole account.
    QPainterPath shape() const override;

private:
    void addPaintState(diagram::PaintState &state) const override;

    QSizeF m_modelSize;
    bool m_dropTarget = false;
};

class BucketItem : public ElementItem<model::Bucket>
{
public:
    BucketItem(CanvasScene &scene, const QString &id)
        : ElementItem(scene, document::ElementKind::Bucket, id)
    {
    }
    void sync() override;
    // The connector handle (drag from it to another bucket to draw a replication rule).
    QRectF connectorRect() const;
    void setConnectTarget(bool on);

protected:
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    void addPaintState(diagram::PaintState &state) const override;
    QString summaryToolTip() const;
    bool m_connectTarget = false;
};

// A KMS key or a role: a box with an icon, a title and a subtitle.
template<typename Element>
class LeafItem : public ElementItem<Element>
{
    static constexpr bool kIsKey = std::is_same_v<Element, model::KmsKey>;

public:
    LeafItem(CanvasScene &scene, const QString &id);
    void sync() override;
};

using KeyItem = LeafItem<model::KmsKey>;
using RoleItem = LeafItem<model::Role>;
extern template class LeafItem<model::KmsKey>;
extern template class LeafItem<model::Role>;

} // namespace s3rd::views
