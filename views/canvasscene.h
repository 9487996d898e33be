#pragma once

// The canvas: a QGraphicsScene that shows one Document and turns gestures into undo commands.
//
// Contract:
// - Constructed from a Document, its QUndoStack and the Selection; it cannot exist without them
//   and does not own them. It builds its items from the current design, keeps an id→item map,
//   removes items on elementAboutToBeRemoved and rebuilds everything on designReset.
// - It never changes the model directly: a drag pushes MoveElementsCommand on every mouse move
//   with one gesture number (one undo step); a drop into another account changes the element's
//   account in the same step; drawing an arrow pushes one macro (rule, and role if needed);
//   palette drops push AddElementCommand macros. What a gesture means for the design is
//   decided in the document layer (connectplanner.h); the gestures are in canvasgestures.cpp.
// - Selection is synchronised both ways with the Selection object; highlights() are drawn on
//   items and arrows; centreRequested scrolls every view showing the scene.

#include "document.h"
#include "placementindex.h"
#include "core/designindex.h"

#include <QGraphicsScene>
#include <QHash>
#include <QSet>

#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

class QUndoStack;
class QGraphicsPathItem;

namespace s3rd::views {

class Selection;
class NodeItem;
class AccountItem;
class BucketItem;
class RuleItem;

// Mime type of palette drags; the data is the element kind: "account", "bucket", "key", "role".
inline constexpr const char *kPaletteMimeType = "application/x-s3rd-palette-element";

class CanvasScene : public QGraphicsScene
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CanvasScene)

public:
    enum class Tool { Select, Connect };
    static constexpr double kGridSize = 20;

    CanvasScene(document::Document &doc, QUndoStack &undo, Selection &selection,
                QObject *parent = nullptr);
    CanvasScene() = delete;
    ~CanvasScene() override;

    document::Document &document() const { return m_doc; }
    QUndoStack &undoStack() const { return m_undo; }
    Selection &selection() const { return m_selection; }

    // O(1) lookups into the current design; rebuilt on first use after each change.
    const model::DesignIndex &index() const;

    NodeItem *nodeItem(const QString &id) const { return m_nodes.value(id); }
    AccountItem *accountItem(const QString &id) const;
    BucketItem *bucketItem(const QString &id) const;
    RuleItem *ruleItem(const QString &id) const { return m_rules.value(id); }
    int nodeCount() const { return int(m_nodes.size()); }
    int ruleCount() const { return int(m_rules.size()); }

    // Scene rectangle of the given elements (rules: their arrows); null when none is shown.
    QRectF boundingRectOf(const QStringList &ids) const;
    // Scene position of a bucket's connector handle.
    QPointF connectorPos(const QString &bucketId) const;

    Tool tool() const { return m_tool; }
    void setTool(Tool tool);
    bool snapToGrid() const { return m_snap; }
    void setSnapToGrid(bool on);

    // While true, selection outlines, hover effects and handles are not drawn (diagram export).
    bool exportMode() const { return m_exportMode; }
    void setExportMode(bool on);

    // True while boxes are being dragged: accounts keep their size until the drop, so the one
    // a bucket leaves does not stretch after it.
    bool moveInProgress() const { return m_move && m_move->moved; }

    // Pushes auto-arrange as one undo step.
    void autoArrange();

    // How many arrow paths were recomputed since construction (dragging a bucket must only
    // recompute that bucket's arrows; the benchmark and tests check this).
    int arrowPathUpdates() const { return m_arrowPathUpdates; }
    void countArrowPathUpdate() { ++m_arrowPathUpdates; }

    // Rules between the same two buckets (either direction), in design order: arrows are
    // offset by their lane so both directions stay readable.
    std::pair<int, int> laneOf(const QString &ruleId) const;
    // Where the rule's arrow meets the bucket (one of its ends), among the bucket's other
    // arrows: diagram::portOffset.
    qreal portOffset(const QString &ruleId, const QString &bucketId) const;
    // The arrows whose line or label may meet `area`, for placing labels clear of them. Kept in
    // a grid: an arrow files itself again, in the cells its line passes and its label covers,
    // whenever it changes (an empty line and label: it is taken out). Not by its bounds: a long
    // arrow across the design would be found by every query in between.
    void ruleItemsIn(const QRectF &area, std::vector<const RuleItem *> &out) const;
    void fileRuleItem(const RuleItem *item, const QPolygonF &line, const QRectF &label);
    // For placing a label, from the same filing in fine grids (diagram/placementindex.h): the
    // labels of the arrows but `skip` that meet `area`, and the length of their lines inside it
    // (may stop adding past `limit`).
    void labelsIn(const QRectF &area, const RuleItem *skip, std::vector<QRectF> &out) const;
    qreal arrowLengthIn(const QRectF &area, const RuleItem *skip, qreal limit) const;

    // Whether the element works with a selected one (canvasrelations.h): drawn with a quiet
    // emphasis.
    bool isRelated(const QString &id) const { return m_related.contains(id); }

    QColor accentColour(document::ElementKind kind) const;
    QColor highlightColour(const QString &id, bool *has = nullptr) const;

    // The buckets, keys and roles (but `skipA` and `skipB`) whose rectangles (scene
    // coordinates) meet `area`, for routing arrows around boxes and placing labels off them; the
    // accounts, for keeping labels off account borders. Kept in grids made again after any
    // change.
    void boxesIn(const QRectF &area, std::vector<QRectF> &out,
                 const QGraphicsItem *skipA = nullptr, const QGraphicsItem *skipB = nullptr) const;
    void accountsIn(const QRectF &area, std::vector<QRectF> &out) const;

signals:
    // A short message for the status bar ("Drop buckets inside an account").
    void statusMessage(const QString &message);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void dragEnterEvent(QGraphicsSceneDragDropEvent *event) override;
    void dragMoveEvent(QGraphicsSceneDragDropEvent *event) override;
    void dragLeaveEvent(QGraphicsSceneDragDropEvent *event) override;
    void dropEvent(QGraphicsSceneDragDropEvent *event) override;
    // Tab and Shift+Tab in a view of the canvas select the next or previous element (buckets,
    // arrows, keys, roles, accounts, each in design order) and scroll it into view.
    bool focusNextPrevChild(bool next) override;

private:
    void rebuild();
    RuleItem *addRuleItem(const QString &id, const QString &source, const QString &destination);
    // The labels of the rules from the bucket ("P1/P2" once it has several rules).
    void updateLabelsFrom(const QString &bucketId);
    void addItemFor(document::ElementKind kind, const QString &id);
    void removeItemFor(document::ElementKind kind, const QString &id);
    void changeItemFor(document::ElementKind kind, const QString &id,
                       document::ChangedProperties what);
    void invalidateIndex();
    void updateArrowsOfBucket(const QString &bucketId);
    void updateArrowsOfAccount(const QString &accountId);
    void updateLanes(const QString &sourceId, const QString &destinationId);
    // Places again the labels that the arrows `changed` now run over or cover.
    void clearLabelsFrom(const QSet<const RuleItem *> &changed);
    // The rule ids in design order.
    QStringList inDesignOrder(const QSet<QString> &ruleIds) const;
    void reparent(NodeItem *item, const QString &accountId);
    // Re-reads the element into its item and fits the item's account around it; false while
    // rebuild() adds the items (it fits each account once, at the end).
    bool syncAndFitAccount(NodeItem *item);
    QString accountOfElement(const QString &id) const;

    void updateRelated();
    QStringList tabOrder() const;
    void onSceneSelectionChanged();
    void onSelectionChanged();
    void onHighlightsChanged();
    void onCentreRequested(const QStringList &ids);

    AccountItem *accountAt(const QPointF &scenePos, const QSet<QString> &exclude = {}) const;
    BucketItem *bucketAt(const QPointF &scenePos) const;
    void setDropTarget(AccountItem *account);
    void setConnectTarget(BucketItem *bucket);
    QPointF snapped(const QPointF &p) const;
    void dropPaletteElement(const QString &kind, const QPointF &scenePos);

    document::Document &m_doc;
    QUndoStack &m_undo;
    Selection &m_selection;
    mutable std::unique_ptr<model::DesignIndex> m_index;
    // Made by boxesIn() and accountsIn() when dirty; owners are the items (canvasgrids.cpp).
    mutable diagram::RectIndex m_boxRects{64};        // for small areas (labels)
    mutable diagram::RectIndex m_boxRectsCoarse{400}; // for large ones (arrows' routes)
    mutable diagram::RectIndex m_accountRects{400};
    mutable bool m_boxesDirty = true;
    void fileBoxes() const;
    // The node items by id: filed in this order, the grids answer in an order that does not
    // depend on the hash seed, so a label lands in the same place each time a design opens.
    // Made by fileBoxes() when empty; emptied when a node item is added or removed.
    mutable std::vector<const NodeItem *> m_nodesById;
    // While rebuild() adds the items of one unchanged design: the index stays valid, and each
    // account fits its children once at the end, not once per child (per box, opening was
    // quadratic: an index of the whole design for every box added).
    bool m_rebuilding = false;
    std::unordered_map<qint64, std::vector<const RuleItem *>> m_ruleGrid; // cell → arrows
    struct FiledRule
    {
        std::vector<qint64> cells;     // in m_ruleGrid: its line's and its label's
        std::vector<qint64> lineCells; // its line's
        QPolygonF line;                // as filed (shares the item's)
        QRectF label;
    };
    std::unordered_map<const RuleItem *, FiledRule> m_ruleCells; // arrow → where it is filed
    diagram::SegmentIndex m_arrowSegments; // every arrow's line, by RuleItem
    diagram::RectIndex m_labelRects;       // every placed label, by RuleItem

    QHash<QString, NodeItem *> m_nodes;
    QHash<QString, RuleItem *> m_rules;
    QHash<QString, QSet<QString>> m_rulesOfBucket; // bucket id → ids of rules from/to it
    QHash<QString, QPair<QString, QString>> m_ruleEnds; // rule id → (source, destination)

    Tool m_tool = Tool::Select;
    bool m_snap = true;
    bool m_exportMode = false;
    bool m_syncingSelection = false;
    QHash<QString, int> m_lastHighlights; // ids drawn highlighted (for repainting them)
    QSet<QString> m_related;              // ids related to the selection
    int m_arrowPathUpdates = 0;

    // Move gesture.
    struct MoveState
    {
        int gesture = 0;
        QPointF pressPos;
        QPointF anchorPos; // scene position of the pressed item, for snapping
        QStringList ids;
        std::vector<document::Element> start; // the elements as they were at the press
        bool moved = false;
    };
    std::optional<MoveState> m_move;
    int m_gestureCounter = 0;
    AccountItem *m_dropTarget = nullptr;

    // Connect gesture.
    QString m_connectSource;
    QGraphicsPathItem *m_connectLine = nullptr;
    BucketItem *m_connectTarget = nullptr;
};

} // namespace s3rd::views
