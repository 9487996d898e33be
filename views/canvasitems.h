#pragma once

// The canvas items: accounts (containers), buckets, keys and roles inside them, and rule arrows.
//
// Contract: an item keeps only its element id and re-reads the model through its CanvasScene on
// sync() and paint(); it never changes the model (gestures are handled by the scene and become
// undo commands). Buckets, keys and roles are child items of their account's item, so their
// position is their geometry relative to the account, as in the model.

#include "document.h"

#include <QGraphicsItem>
#include <QPainterPath>

namespace s3rd::views {

class CanvasScene;

enum ItemType {
    AccountItemType = QGraphicsItem::UserType + 1,
    BucketItemType,
    KeyItemType,
    RoleItemType,
    RuleItemType,
};

// A box on the canvas: account, bucket, key or role.
class NodeItem : public QGraphicsItem
{
public:
    NodeItem(CanvasScene &scene, document::ElementKind kind, const QString &id);

    const QString &id() const { return m_id; }
    document::ElementKind kind() const { return m_kind; }
    QRectF rect() const { return m_rect; }

    // Re-reads position, size and text from the model.
    virtual void sync() = 0;

    QRectF boundingRect() const override;

protected:
    void setRect(const QRectF &rect);
    // Outline and fill shared by the boxes: selection, highlight, hover.
    void paintFrame(QPainter *painter, const QColor &accent, qreal radius) const;
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

    CanvasScene &m_canvas;
    const document::ElementKind m_kind;
    const QString m_id;
    QRectF m_rect;
    bool m_hovered = false;
};

class AccountItem : public NodeItem
{
public:
    AccountItem(CanvasScene &scene, const QString &id);
    int type() const override { return AccountItemType; }
    void sync() override;
    // Grows the box to hold its children (after a child moved or was added).
    void fitChildren();
    void setDropTarget(bool on);
    // Only the header and the border are "solid": a press on the body's empty area starts a
    // rubber band instead of dragging the whole account.
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
               QWidget *widget) override;

private:
    QSizeF m_modelSize;
    bool m_dropTarget = false;
};

class BucketItem : public NodeItem
{
public:
    BucketItem(CanvasScene &scene, const QString &id);
    int type() const override { return BucketItemType; }
    void sync() override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
               QWidget *widget) override;
    // The connector handle (drag from it to another bucket to draw a replication rule).
    QRectF connectorRect() const;
    void setConnectTarget(bool on);

protected:
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    struct Badge
    {
        QRectF rect;
        QString text;
        QString toolTip;
        QColor colour;
        int icon; // IconKind, or -1
    };
    QList<Badge> badges() const;
    QString summaryToolTip() const;
    bool m_connectTarget = false;
};

class KeyItem : public NodeItem
{
public:
    KeyItem(CanvasScene &scene, const QString &id);
    int type() const override { return KeyItemType; }
    void sync() override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
               QWidget *widget) override;
};

class RoleItem : public NodeItem
{
public:
    RoleItem(CanvasScene &scene, const QString &id);
    int type() const override { return RoleItemType; }
    void sync() override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
               QWidget *widget) override;
};

// A replication rule: an arrow from the source bucket to the destination bucket, labelled with
// its essentials. Top-level item; the scene calls updatePath() when either end moves.
class RuleItem : public QGraphicsItem
{
public:
    RuleItem(CanvasScene &scene, const QString &id);
    int type() const override { return RuleItemType; }
    const QString &id() const { return m_id; }

    void updatePath();  // ends moved, or the set of arrows between the same buckets changed
    void updateLabel(); // the rule changed
    QString label() const { return m_label; }
    QPainterPath path() const { return m_path; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
               QWidget *widget) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    CanvasScene &m_canvas;
    const QString m_id;
    QPainterPath m_path;
    QPolygonF m_head;
    QPointF m_labelPos;
    QString m_label;
    QRectF m_labelRect; // centred on m_labelPos
    QRectF m_bounds;
    QPainterPath m_shape;
    bool m_enabled = true;
    bool m_hovered = false;
};

} // namespace s3rd::views
