// The grids the canvas files its boxes, arrows and labels in, for routing arrows around boxes
// and placing labels (diagram/placementindex.h): made again when the boxes change, and each
// arrow filed again when its line or label changes.

#include "canvasscene.h"

#include "canvasitems.h"

#include <algorithm>
#include <cmath>

namespace s3rd::views {

using document::ElementKind;

namespace {

constexpr qreal kBoxCell = 400; // side of a grid cell, in scene units

qint64 cellKey(int x, int y)
{
    return (qint64(x) << 32) ^ qint64(quint32(y));
}

// Calls visit(key) for every grid cell `r` meets.
template<typename Visit>
void forEachCell(const QRectF &r, Visit &&visit)
{
    const int x0 = int(std::floor(r.left() / kBoxCell)), x1 = int(std::floor(r.right() / kBoxCell));
    const int y0 = int(std::floor(r.top() / kBoxCell)), y1 = int(std::floor(r.bottom() / kBoxCell));
    for (int x = x0; x <= x1; ++x) {
        for (int y = y0; y <= y1; ++y)
            visit(cellKey(x, y));
    }
}

} // namespace

void CanvasScene::fileBoxes() const
{
    if (!m_boxesDirty)
        return;
    // Fine cells for the small areas a label is tried in (where boxes pile up, a cell holds
    // fewer of them), coarse ones for the areas an arrow's detours sweep.
    m_boxRects = diagram::RectIndex(64);
    m_boxRectsCoarse = diagram::RectIndex(400);
    m_accountRects = diagram::RectIndex(400);
    if (m_nodesById.empty()) {
        QList<QString> ids = m_nodes.keys();
        std::sort(ids.begin(), ids.end());
        m_nodesById.reserve(std::size_t(ids.size()));
        for (const QString &id : std::as_const(ids))
            m_nodesById.push_back(m_nodes.value(id));
    }
    for (const NodeItem *node : m_nodesById) {
        if (node->kind() == ElementKind::Rule)
            continue;
        const auto owner = reinterpret_cast<diagram::RectIndex::Owner>(
            static_cast<const QGraphicsItem *>(node));
        const QRectF rect = node->mapRectToScene(node->rect());
        if (node->kind() == ElementKind::Account)
            m_accountRects.set(owner, rect);
        else {
            m_boxRects.set(owner, rect);
            m_boxRectsCoarse.set(owner, rect);
        }
    }
    m_boxesDirty = false;
}

void CanvasScene::boxesIn(const QRectF &area, std::vector<QRectF> &out,
                          const QGraphicsItem *skipA, const QGraphicsItem *skipB) const
{
    fileBoxes();
    out.clear();
    const auto a = reinterpret_cast<diagram::RectIndex::Owner>(skipA);
    const auto b = reinterpret_cast<diagram::RectIndex::Owner>(skipB);
    const bool large = area.width() > 400 || area.height() > 400;
    (large ? m_boxRectsCoarse : m_boxRects).visit(area, [&](const QRectF &rect,
                                                            diagram::RectIndex::Owner owner) {
        if (owner != a && owner != b)
            out.push_back(rect);
        return true;
    });
}

void CanvasScene::accountsIn(const QRectF &area, std::vector<QRectF> &out) const
{
    fileBoxes();
    m_accountRects.query(area, out, 0);
}

void CanvasScene::fileRuleItem(const RuleItem *item, const QPolygonF &line, const QRectF &label)
{
    constexpr qreal kMarginAround = 8; // the arrow's pen and head
    const auto it = m_ruleCells.find(item);
    if (line.isEmpty() && label.isNull()) { // taken out
        if (it == m_ruleCells.end())
            return;
        for (qint64 key : it->second.cells) {
            auto &cell = m_ruleGrid[key];
            cell.erase(std::remove(cell.begin(), cell.end(), item), cell.end());
        }
        m_ruleCells.erase(it);
        m_arrowSegments.remove(reinterpret_cast<diagram::SegmentIndex::Owner>(item));
        m_labelRects.remove(reinterpret_cast<diagram::RectIndex::Owner>(item));
        return;
    }
    FiledRule &filed = it != m_ruleCells.end() ? it->second : m_ruleCells[item];
    // The same line as filed (an arrow's line is shared until it is routed again): its cells
    // and segments stay; placing a label again files only the label.
    const bool sameLine = line.size() == filed.line.size()
                          && (line.isEmpty() || line.constData() == filed.line.constData());
    const bool sameLabel = label.x() == filed.label.x() && label.y() == filed.label.y()
                           && label.width() == filed.label.width()
                           && label.height() == filed.label.height();
    if (sameLine && sameLabel)
        return;
    if (!sameLine) {
        m_arrowSegments.set(reinterpret_cast<diagram::SegmentIndex::Owner>(item), line);
        filed.line = line;
        filed.lineCells.clear();
        const auto add = [&filed](qint64 key) { filed.lineCells.push_back(key); };
        // Every point of the line within the margin: sampled at a quarter of a cell, each
        // sample filed with the cells its margin touches.
        constexpr qreal kStep = kBoxCell / 4;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const QPointF a = line[i];
            const QPointF b = i + 1 < line.size() ? line[i + 1] : a;
            const int samples = 1 + int(QLineF(a, b).length() / kStep);
            for (int s = 0; s <= samples; ++s) {
                const QPointF p = a + (b - a) * (qreal(s) / samples);
                forEachCell(QRectF(p, QSizeF()).adjusted(-kMarginAround, -kMarginAround,
                                                          kMarginAround, kMarginAround),
                            add);
            }
        }
        std::sort(filed.lineCells.begin(), filed.lineCells.end());
        filed.lineCells.erase(std::unique(filed.lineCells.begin(), filed.lineCells.end()),
                              filed.lineCells.end());
    }
    if (!sameLabel) {
        m_labelRects.set(reinterpret_cast<diagram::RectIndex::Owner>(item), label);
        filed.label = label;
    }

    std::vector<qint64> cells = filed.lineCells;
    if (!label.isNull()) {
        forEachCell(label.adjusted(-kMarginAround, -kMarginAround, kMarginAround, kMarginAround),
                    [&cells](qint64 key) { cells.push_back(key); });
        std::sort(cells.begin(), cells.end());
        cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
    }
    if (cells == filed.cells)
        return;
    for (qint64 key : filed.cells) {
        auto &cell = m_ruleGrid[key];
        cell.erase(std::remove(cell.begin(), cell.end(), item), cell.end());
    }
    for (qint64 key : cells)
        m_ruleGrid[key].push_back(item);
    filed.cells = std::move(cells);
}

void CanvasScene::ruleItemsIn(const QRectF &area, std::vector<const RuleItem *> &out) const
{
    out.clear();
    forEachCell(area, [&](qint64 key) {
        const auto it = m_ruleGrid.find(key);
        if (it == m_ruleGrid.end())
            return;
        for (const RuleItem *item : it->second)
            if (item->boundingRect().intersects(area))
                out.push_back(item);
    });
    // An arrow filed in several cells is found once.
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
}

void CanvasScene::labelsIn(const QRectF &area, const RuleItem *skip,
                           std::vector<QRectF> &out) const
{
    m_labelRects.query(area, out, reinterpret_cast<diagram::RectIndex::Owner>(skip));
}

qreal CanvasScene::arrowLengthIn(const QRectF &area, const RuleItem *skip, qreal limit) const
{
    return m_arrowSegments.lengthInside(area, reinterpret_cast<diagram::SegmentIndex::Owner>(skip),
                                        limit);
}

} // namespace s3rd::views
