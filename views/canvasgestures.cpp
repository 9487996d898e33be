// The canvas gestures: hit testing, moving boxes (into other accounts too), drawing arrows and
// palette drops. What each gesture means for the design is decided in the document layer
// (connectplanner.h); this file only finds out where the pointer is.

#include "canvasitems.h"
#include "canvasscene.h"
#include "commands.h"
#include "connectplanner.h"
#include "core/autoarrange.h"
#include "selection.h"

#include <QApplication>
#include <QGraphicsPathItem>
#include <QGraphicsSceneDragDropEvent>
#include <QGraphicsSceneMouseEvent>
#include <QMimeData>
#include <QUndoStack>

#include <algorithm>

namespace s3rd::views {

using namespace s3rd::model;
using document::Element;
using document::ElementKind;

// --- Hit testing ---

namespace {

// On a bucket's connector handle, with a little slack around it.
bool onHandle(const BucketItem *b, const QPointF &scenePos)
{
    return b->connectorRect().adjusted(-3, -3, 3, 3).contains(b->mapFromScene(scenePos));
}

} // namespace

AccountItem *CanvasScene::accountAt(const QPointF &scenePos, const QSet<QString> &exclude) const
{
    // Topmost account whose box (not just its solid frame) contains the point.
    AccountItem *best = nullptr;
    for (NodeItem *n : std::as_const(m_nodes)) {
        if (n->kind() != ElementKind::Account || exclude.contains(n->id()))
            continue;
        if (n->sceneBoundingRect().contains(scenePos)
            && n->mapRectToScene(n->rect()).contains(scenePos)) {
            if (!best || n->zValue() >= best->zValue())
                best = static_cast<AccountItem *>(n);
        }
    }
    return best;
}

BucketItem *CanvasScene::bucketAt(const QPointF &scenePos) const
{
    for (QGraphicsItem *item : items(scenePos)) {
        if (auto *b = dynamic_cast<BucketItem *>(item)) {
            if (b->rect().contains(b->mapFromScene(scenePos)) || onHandle(b, scenePos))
                return b;
        }
    }
    return nullptr;
}

namespace {

// Moves a marker (drop target, connect target) from the current item to the next one.
template<typename Item>
void moveMark(Item *&current, Item *next, void (Item::*mark)(bool))
{
    if (next == current)
        return;
    if (current)
        (current->*mark)(false);
    current = next;
    if (current)
        (current->*mark)(true);
}

} // namespace

void CanvasScene::setDropTarget(AccountItem *account)
{
    moveMark(m_dropTarget, account, &AccountItem::setDropTarget);
}

void CanvasScene::setConnectTarget(BucketItem *bucket)
{
    moveMark(m_connectTarget, bucket, &BucketItem::setConnectTarget);
}

// --- Gestures ---

void CanvasScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        BucketItem *b = bucketAt(event->scenePos());
        if (b && (onHandle(b, event->scenePos()) || m_tool == Tool::Connect)) {
            m_connectSource = b->id();
            m_connectLine = new QGraphicsPathItem;
            QPen pen(accentColour(ElementKind::Rule), 2, Qt::DashLine, Qt::RoundCap);
            m_connectLine->setPen(pen);
            m_connectLine->setZValue(20);
            addItem(m_connectLine);
            event->accept();
            return;
        }
    }
    QGraphicsScene::mousePressEvent(event);
    if (event->button() != Qt::LeftButton)
        return;
    auto *pressed = dynamic_cast<NodeItem *>(mouseGrabberItem());
    if (!pressed || !pressed->isSelected())
        return;

    // Move every selected box; a child whose account moves too just rides along.
    MoveState move;
    move.gesture = ++m_gestureCounter;
    move.pressPos = event->scenePos();
    move.anchorPos = pressed->scenePos();
    QStringList selected;
    for (QGraphicsItem *item : selectedItems())
        if (auto *n = dynamic_cast<NodeItem *>(item))
            selected << n->id();
    move.start = document::elementsToMove(m_doc, selected);
    for (const Element &e : move.start)
        move.ids << document::elementId(e);
    m_move = move;
}

void CanvasScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (!m_connectSource.isEmpty()) {
        const QPointF from = connectorPos(m_connectSource);
        QPainterPath path(from);
        path.lineTo(event->scenePos());
        if (m_connectLine)
            m_connectLine->setPath(path);
        BucketItem *target = bucketAt(event->scenePos());
        setConnectTarget(target && target->id() != m_connectSource ? target : nullptr);
        event->accept();
        return;
    }
    if (m_move && (event->buttons() & Qt::LeftButton)) {
        if (!m_move->moved
            && (event->screenPos() - event->buttonDownScreenPos(Qt::LeftButton)).manhattanLength()
                   < QApplication::startDragDistance())
            return;
        m_move->moved = true;
        QPointF delta = event->scenePos() - m_move->pressPos;
        delta = snapped(m_move->anchorPos + delta) - m_move->anchorPos;

        // New geometry: the gesture's starting geometry plus the total delta, so rounding
        // never accumulates and the model stays the truth mid-drag.
        m_undo.push(new document::MoveElementsCommand(
            m_doc, document::translated(m_move->start, delta.x(), delta.y()), m_move->gesture));

        AccountItem *target = accountAt(event->scenePos());
        setDropTarget(target && document::movesIntoAccount(m_doc, m_move->ids, target->id())
                          ? target
                          : nullptr);
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void CanvasScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (!m_connectSource.isEmpty()) {
        const QString source = m_connectSource;
        BucketItem *target = bucketAt(event->scenePos());
        m_connectSource.clear();
        setConnectTarget(nullptr);
        delete m_connectLine;
        m_connectLine = nullptr;
        if (target && target->id() != source) {
            if (QUndoCommand *cmd = replicationCommand(m_doc, source, target->id()))
                m_undo.push(cmd);
        } else if (!target) {
            emit statusMessage(tr("Release over another bucket to replicate to it."));
        }
        event->accept();
        return;
    }
    if (m_move) {
        AccountItem *target = m_dropTarget;
        const MoveState move = *m_move;
        m_move.reset();
        setDropTarget(nullptr);
        if (move.moved)
            for (NodeItem *n : std::as_const(m_nodes))
                if (n->kind() == ElementKind::Account)
                    static_cast<AccountItem *>(n)->fitChildren();
        if (move.moved && target) {
            // Same gesture: the move and the change of account are one undo step.
            std::vector<document::Placement> boxes;
            for (const QString &id : move.ids) {
                if (NodeItem *n = m_nodes.value(id)) {
                    const QPointF rel = snapped(n->scenePos()) - target->scenePos();
                    boxes.push_back({id, rel.x(), rel.y()});
                }
            }
            std::vector<Element> after = document::movedToAccount(m_doc, boxes, target->id());
            if (!after.empty())
                m_undo.push(
                    new document::MoveElementsCommand(m_doc, std::move(after), move.gesture));
        }
    }
    QGraphicsScene::mouseReleaseEvent(event);
}

// --- Palette drops ---

void CanvasScene::dragEnterEvent(QGraphicsSceneDragDropEvent *event)
{
    if (event->mimeData()->hasFormat(QString::fromLatin1(kPaletteMimeType))) {
        event->acceptProposedAction();
        return;
    }
    QGraphicsScene::dragEnterEvent(event);
}

void CanvasScene::dragMoveEvent(QGraphicsSceneDragDropEvent *event)
{
    if (!event->mimeData()->hasFormat(QString::fromLatin1(kPaletteMimeType))) {
        QGraphicsScene::dragMoveEvent(event);
        return;
    }
    const QString kind = QString::fromUtf8(
        event->mimeData()->data(QString::fromLatin1(kPaletteMimeType)));
    BucketItem *bucket = kind == QLatin1String("key") ? bucketAt(event->scenePos()) : nullptr;
    setConnectTarget(bucket);
    setDropTarget(!bucket && kind != QLatin1String("account") ? accountAt(event->scenePos())
                                                               : nullptr);
    event->acceptProposedAction();
}

void CanvasScene::dragLeaveEvent(QGraphicsSceneDragDropEvent *event)
{
    setConnectTarget(nullptr);
    setDropTarget(nullptr);
    QGraphicsScene::dragLeaveEvent(event);
}

void CanvasScene::dropEvent(QGraphicsSceneDragDropEvent *event)
{
    setConnectTarget(nullptr);
    setDropTarget(nullptr);
    if (!event->mimeData()->hasFormat(QString::fromLatin1(kPaletteMimeType))) {
        QGraphicsScene::dropEvent(event);
        return;
    }
    const QString kind = QString::fromUtf8(
        event->mimeData()->data(QString::fromLatin1(kPaletteMimeType)));
    dropPaletteElement(kind, event->scenePos());
    event->acceptProposedAction();
}

void CanvasScene::dropPaletteElement(const QString &kind, const QPointF &scenePos)
{
    if (kind == QLatin1String("account")) {
        const QPointF p = snapped(scenePos - QPointF(layout::kMinAccountWidth / 2, 20));
        m_undo.push(
            new document::AddElementCommand(m_doc, document::newAccount(m_doc, p.x(), p.y())));
        return;
    }
    if (kind == QLatin1String("key")) {
        if (BucketItem *bucket = bucketAt(scenePos)) {
            if (QUndoCommand *cmd = document::encryptWithNewKeyCommand(m_doc, bucket->id()))
                m_undo.push(cmd);
            return;
        }
    }
    AccountItem *account = accountAt(scenePos);
    if (!account) {
        emit statusMessage(tr("Drop buckets, keys and roles inside an account."));
        return;
    }
    const QPointF rel = snapped(scenePos - account->scenePos() - QPointF(60, 20));
    static const QHash<QString, ElementKind> kinds{{QStringLiteral("bucket"), ElementKind::Bucket},
                                                   {QStringLiteral("key"), ElementKind::Key},
                                                   {QStringLiteral("role"), ElementKind::Role}};
    const auto element = kinds.constFind(kind);
    if (element == kinds.cend())
        return;
    if (QUndoCommand *cmd = document::addToAccountCommand(m_doc, *element, account->id(), rel.x(),
                                                          rel.y()))
        m_undo.push(cmd);
}

} // namespace s3rd::views
