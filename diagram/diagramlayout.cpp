#include "diagramlayout.h"

#include "nodepainter.h"
#include "placementindex.h"

#include "core/autoarrange.h"
#include "core/designindex.h"

#include <QHash>
#include <QPainter>

#include <algorithm>
#include <map>

namespace s3rd::diagram {

using namespace s3rd::model;

namespace {

// What a box's item covers beyond its rectangle on the canvas (selection outline, connector),
// and an arrow's beyond its path and label: kept so the exported picture has the canvas' margins.
QRectF boxBounds(const QRectF &rect)
{
    return rect.adjusted(-4, -4, kConnectorRadius + 4, 4);
}

QRectF arrowBounds(const ArrowRoute &route, const QRectF &labelRect)
{
    return route.bounds().united(labelRect).adjusted(-6, -6, 6, 6);
}

QRectF placed(const Geometry &g, Kind kind, const QPointF &origin)
{
    return QRectF(origin + QPointF(g.x, g.y), boxSize(kind, g));
}

} // namespace

QSizeF boxSize(Kind kind, const Geometry &g)
{
    QSizeF fallback;
    switch (kind) {
    case Kind::Account: fallback = {layout::kMinAccountWidth, layout::kMinAccountHeight}; break;
    case Kind::Bucket: fallback = {layout::kBucketWidth, layout::kBucketHeight}; break;
    case Kind::Key: fallback = {layout::kKeyWidth, layout::kKeyHeight}; break;
    case Kind::Role: fallback = {layout::kRoleWidth, layout::kRoleHeight}; break;
    case Kind::Rule: break;
    }
    return {g.width > 0 ? g.width : fallback.width(), g.height > 0 ? g.height : fallback.height()};
}

bool laneOrderLess(const QString &a, const QString &b)
{
    return a.size() != b.size() ? a.size() < b.size() : a < b;
}

DiagramLayout layoutDiagram(const Design &design, const Style &style)
{
    DiagramLayout out;
    const DesignIndex index(design);

    // Boxes held by an account are placed relative to it and drawn after it; boxes whose
    // account is missing stand alone, above the accounts.
    std::map<std::string_view, std::size_t> accountOf; // account id → index in design.accounts
    for (std::size_t i = 0; i < design.accounts.size(); ++i)
        accountOf.emplace(design.accounts[i].id, i);
    struct Held
    {
        Kind kind;
        std::size_t index;
        const Geometry *geometry;
    };
    std::vector<std::vector<Held>> held(design.accounts.size());
    std::vector<Held> loose;
    const auto hold = [&](Kind kind, std::size_t i, const std::string &account,
                          const Geometry &g) {
        const auto it = accountOf.find(account);
        (it == accountOf.end() ? loose : held[it->second]).push_back({kind, i, &g});
    };
    for (std::size_t i = 0; i < design.buckets.size(); ++i)
        hold(Kind::Bucket, i, design.buckets[i].account, design.buckets[i].geometry);
    for (std::size_t i = 0; i < design.keys.size(); ++i)
        hold(Kind::Key, i, design.keys[i].account, design.keys[i].geometry);
    for (std::size_t i = 0; i < design.roles.size(); ++i)
        hold(Kind::Role, i, design.roles[i].account, design.roles[i].geometry);

    // Boxes that arrows avoid (buckets, keys, roles), numbered like bucketBox below.
    std::vector<QRectF> obstacles;
    QHash<QString, int> bucketBox; // bucket id → index in obstacles
    const auto addHeld = [&](const Held &h, const QPointF &origin) {
        const QRectF rect = placed(*h.geometry, h.kind, origin);
        if (h.kind == Kind::Bucket)
            bucketBox.insert(QString::fromStdString(design.buckets[h.index].id),
                             int(obstacles.size()));
        obstacles.push_back(rect);
        out.boxes.push_back({h.kind, h.index, rect});
        out.bounds |= boxBounds(rect);
    };
    for (std::size_t a = 0; a < design.accounts.size(); ++a) {
        const Geometry &g = design.accounts[a].geometry;
        const QPointF origin(g.x, g.y);
        // The account grows to hold its contents, with padding and room for its header.
        QRectF rect(QPointF(0, 0), boxSize(Kind::Account, g));
        for (const Held &h : held[a]) {
            const QRectF c = placed(*h.geometry, h.kind, QPointF());
            rect = rect.united(c.adjusted(-layout::kAccountPadding / 2, -layout::kAccountHeader,
                                          layout::kAccountPadding, layout::kAccountPadding));
        }
        rect.translate(origin);
        out.boxes.push_back({Kind::Account, a, rect});
        out.bounds |= boxBounds(rect);
        for (const Held &h : held[a])
            addHeld(h, origin);
    }
    for (const Held &h : loose)
        addHeld(h, QPointF());

    // Arrows between the same two buckets (either direction) share lanes, ordered by rule id.
    std::map<std::pair<QString, QString>, QStringList> pairs;
    const auto pairOf = [](const ReplicationRule &r) {
        const QString a = QString::fromStdString(r.source);
        const QString b = QString::fromStdString(r.destination);
        return a < b ? std::make_pair(a, b) : std::make_pair(b, a);
    };
    for (const ReplicationRule &r : design.rules)
        pairs[pairOf(r)] << QString::fromStdString(r.id);
    for (auto &entry : pairs)
        std::sort(entry.second.begin(), entry.second.end(), laneOrderLess);

    // Every arrow from or to each bucket (for spreading their ports), by bucket box.
    std::map<int, std::vector<std::size_t>> arrowsAt; // box index → indices into out.arrows
    std::vector<std::pair<int, int>> boxesOf;          // per arrow: its two box indices
    const BoxIndex boxes(std::move(obstacles));
    for (std::size_t i = 0; i < design.rules.size(); ++i) {
        const ReplicationRule &r = design.rules[i];
        const int from = bucketBox.value(QString::fromStdString(r.source), -1);
        const int to = bucketBox.value(QString::fromStdString(r.destination), -1);
        if (from < 0 || to < 0)
            continue;
        const QStringList &lanes = pairs[pairOf(r)];
        PlacedArrow arrow{i, {}, {}, {}, {}, {}};
        arrow.ends = {boxes.boxes()[std::size_t(from)], boxes.boxes()[std::size_t(to)],
                      std::max(0, int(lanes.indexOf(QString::fromStdString(r.id)))),
                      std::max(1, int(lanes.size()))};
        arrowsAt[from].push_back(out.arrows.size());
        if (to != from)
            arrowsAt[to].push_back(out.arrows.size());
        boxesOf.emplace_back(from, to);
        out.arrows.push_back(std::move(arrow));
    }
    const auto port = [&](int box, std::size_t arrow) {
        const std::vector<std::size_t> &at = arrowsAt[box];
        std::vector<ArrowBoxes> touching;
        for (std::size_t a : at)
            touching.push_back({out.arrows[a].ends.source, out.arrows[a].ends.destination});
        return portOffset(boxes.boxes()[std::size_t(box)], touching,
                          std::size_t(std::find(at.begin(), at.end(), arrow) - at.begin()));
    };
    std::vector<RouteRequest> requests;
    requests.reserve(out.arrows.size());
    for (std::size_t i = 0; i < out.arrows.size(); ++i) {
        PlacedArrow &arrow = out.arrows[i];
        // Plain variables, not a structured binding: lambdas below capture them (C++20 allows
        // capturing bindings, clang 14 of the sanitizer build does not).
        const int from = boxesOf[i].first;
        const int to = boxesOf[i].second;
        arrow.ends.sourcePort = port(from, i);
        arrow.ends.destinationPort = port(to, i);
        requests.push_back({arrow.ends, [&boxes, from, to](const QRectF &area,
                                                           std::vector<QRectF> &found) {
                                boxes.query(area, found, from, to);
                            }});
    }
    std::vector<ArrowRoute> routes = routeArrows(requests);
    SegmentIndex arrowLines;
    for (std::size_t i = 0; i < out.arrows.size(); ++i) {
        out.arrows[i].route = std::move(routes[i]);
        arrowLines.set(i, out.arrows[i].route.line);
    }

    std::vector<QRectF> accountRects;
    for (const PlacedBox &box : out.boxes)
        if (box.kind == Kind::Account)
            accountRects.push_back(box.rect);
    const BoxIndex accounts(std::move(accountRects));
    RectIndex labels;
    for (std::size_t i = 0; i < out.arrows.size(); ++i) {
        PlacedArrow &arrow = out.arrows[i];
        const ReplicationRule &r = design.rules[arrow.index];
        const int from = boxesOf[i].first;
        const int to = boxesOf[i].second;
        LabelSurroundings around;
        around.boxes = [&](const QRectF &area, std::vector<QRectF> &found) {
            boxes.query(area, found, from, to);
        };
        around.labels = [&](const QRectF &area, std::vector<QRectF> &found) {
            labels.query(area, found, RectIndex::Owner(-1));
        };
        around.frames = [&](const QRectF &area, std::vector<QRectF> &found) {
            accounts.query(area, found);
        };
        around.arrows = [&](const QRectF &area, qreal limit) {
            return arrowLines.lengthInside(area, i, limit);
        };
        arrow.label = ruleLabel(style, r, index.bucket(r.source), index.bucket(r.destination),
                                index.rulesFrom(r.source).size() > 1);
        const LabelPlace place = placeLabel(arrow.route, arrow.ends,
                                            labelSize(style, arrow.label), around);
        arrow.labelRect = place.rect;
        arrow.leader = place.leader;
        if (!place.rect.isNull())
            labels.set(i, place.rect);
        out.bounds |= arrowBounds(arrow.route, arrow.labelRect);
    }
    return out;
}

void paintDiagram(QPainter &painter, const Design &design, const DiagramLayout &layout,
                  const Style &style)
{
    const DesignIndex index(design);
    const PaintState state; // as exported: no selection, hover or handles
    for (const PlacedBox &box : layout.boxes) {
        switch (box.kind) {
        case Kind::Account:
            paintAccount(painter, style, design.accounts[box.index], box.rect, state);
            break;
        case Kind::Bucket: {
            const Bucket &b = design.buckets[box.index];
            paintBucket(painter, style, b, index.key(b.defaultKey), box.rect, state);
            break;
        }
        case Kind::Key: paintKey(painter, style, design.keys[box.index], box.rect, state); break;
        case Kind::Role: paintRole(painter, style, design.roles[box.index], box.rect, state); break;
        case Kind::Rule: break;
        }
    }
    for (const PlacedArrow &arrow : layout.arrows)
        paintArrow(painter, style, arrow.route, design.rules[arrow.index].enabled, arrow.label,
                   {arrow.labelRect, arrow.leader}, state);
}

} // namespace s3rd::diagram
