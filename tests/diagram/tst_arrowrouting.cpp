// Arrow routing and label placement of the diagram: pure geometry, the same for the canvas and
// the exported pictures.

#include "arrowrouting.h"
#include "labelplacement.h"
#include "placementindex.h"

#include <QTest>

#include <algorithm>

using namespace s3rd::diagram;

namespace {

// Bucket-sized boxes.
QRectF box(qreal x, qreal y)
{
    return QRectF(x, y, 200, 88);
}

ObstacleQuery fixed(std::vector<QRectF> boxes)
{
    return [boxes = std::move(boxes)](const QRectF &area, std::vector<QRectF> &out) {
        out.clear();
        for (const QRectF &b : boxes)
            if (b.intersects(area))
                out.push_back(b);
    };
}

// Points along the arrow, ends included.
std::vector<QPointF> along(const ArrowRoute &route, int count = 200)
{
    std::vector<QPointF> points;
    for (int i = 0; i <= count; ++i)
        points.push_back(route.path.pointAtPercent(qreal(i) / count));
    return points;
}

bool crosses(const ArrowRoute &route, const QRectF &rect)
{
    const auto points = along(route);
    return std::any_of(points.begin(), points.end(),
                       [&](const QPointF &p) { return rect.contains(p); });
}

int pointsInside(const ArrowRoute &route, const QRectF &rect)
{
    const auto points = along(route);
    return int(std::count_if(points.begin(), points.end(),
                             [&](const QPointF &p) { return rect.contains(p); }));
}

const QSizeF kLabel(120, 20);

// The label of one arrow with only boxes around it.
QRectF labelOf(const ArrowRoute &route, const ArrowEnds &ends, const QSizeF &size,
               const std::vector<QRectF> &boxes)
{
    return placeLabel(route, ends, size, {fixed(boxes), {}, {}, {}}).rect;
}

// Fraction of the arrow's length inside the rectangle, measured on a fine flattening of its
// path (independently of the polyline the placement uses).
qreal coveredFraction(const ArrowRoute &route, const QRectF &rect)
{
    constexpr int kSteps = 400;
    int inside = 0;
    for (int i = 0; i < kSteps; ++i) {
        const QPointF middle = route.path.pointAtPercent((i + 0.5) / kSteps);
        if (rect.contains(middle))
            ++inside;
    }
    return qreal(inside) / kSteps;
}

// Routes and labels arrows as a diagram does: ports spread at each bucket, every arrow routed,
// then labels placed in order, clear of the boxes, the other arrows and the earlier labels.
struct Placed
{
    std::vector<ArrowEnds> ends;
    std::vector<ArrowRoute> routes;
    std::vector<LabelPlace> labels;
};

Placed placeAll(std::vector<ArrowEnds> ends, const std::vector<QRectF> &buckets, QSizeF size)
{
    Placed out;
    const auto touching = [&](const QRectF &bucket, std::size_t arrow, std::size_t &which) {
        std::vector<ArrowBoxes> at;
        for (std::size_t i = 0; i < ends.size(); ++i) {
            if (ends[i].source != bucket && ends[i].destination != bucket)
                continue;
            if (i == arrow)
                which = at.size();
            at.push_back({ends[i].source, ends[i].destination});
        }
        return at;
    };
    for (std::size_t i = 0; i < ends.size(); ++i) {
        std::size_t which = 0;
        auto at = touching(ends[i].source, i, which);
        ends[i].sourcePort = portOffset(ends[i].source, at, which);
        at = touching(ends[i].destination, i, which);
        ends[i].destinationPort = portOffset(ends[i].destination, at, which);
    }
    out.ends = ends;
    for (std::size_t i = 0; i < ends.size(); ++i) {
        std::vector<QRectF> others;
        for (const QRectF &b : buckets)
            if (b != ends[i].source && b != ends[i].destination)
                others.push_back(b);
        out.routes.push_back(routeArrow(ends[i], fixed(others)));
    }
    for (std::size_t i = 0; i < ends.size(); ++i) {
        std::vector<QRectF> others, labels;
        for (const QRectF &b : buckets)
            if (b != ends[i].source && b != ends[i].destination)
                others.push_back(b);
        for (const LabelPlace &l : out.labels)
            labels.push_back(l.rect);
        const ArrowLengthQuery arrows = [&](const QRectF &area, qreal) {
            qreal length = 0;
            for (std::size_t j = 0; j < out.routes.size(); ++j)
                if (j != i)
                    length += lengthInside(out.routes[j].line, area);
            return length;
        };
        out.labels.push_back(placeLabel(out.routes[i], ends[i], size,
                                        {fixed(others), fixed(labels), arrows, {}}));
    }
    return out;
}

// What every diagram must satisfy: no label on another, none covering more than 10 % of any
// arrow, no two arrows leaving one bucket from the same point.
void checkReadable(const Placed &p)
{
    for (std::size_t i = 0; i < p.labels.size(); ++i) {
        QVERIFY(!p.labels[i].rect.isNull());
        for (std::size_t j = 0; j < p.labels.size(); ++j) {
            if (j != i)
                QVERIFY2(!p.labels[i].rect.intersects(p.labels[j].rect), "labels overlap");
            QVERIFY2(coveredFraction(p.routes[j], p.labels[i].rect) <= 0.10,
                     "a label covers an arrow");
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (p.ends[i].source == p.ends[j].source)
                QVERIFY2(QLineF(p.routes[i].path.pointAtPercent(0),
                                p.routes[j].path.pointAtPercent(0)).length() >= 8,
                         "two arrows leave their bucket from one point");
        }
    }
}

} // namespace

class TestArrowRouting : public QObject
{
    Q_OBJECT

private slots:
    void directWhenNothingIsInTheWay_data();
    void directWhenNothingIsInTheWay();
    void routesAroundBoxes_data();
    void routesAroundBoxes();
    void headPointsIntoTheDestination();
    void deterministic();
    void manyArrowsRouteAsOneByOne();
    void twoWayArrowsKeepApart();
    void labelAvoidsBoxes();
    void shortArrowIsNotHiddenByItsLabel();
    void closeBucketsGetALeader();
    void fanOutOfThree();
    void twoWayPairIsReadable();
    void portsSpreadAlongTheEdge();
    void lengthInsideClipsSegments();
    void boxIndexAnswersLikeAScan();
    void placementIndexAnswersLikeAScan();
    void placementIndexFarApart();
};

void TestArrowRouting::directWhenNothingIsInTheWay_data()
{
    QTest::addColumn<QRectF>("source");
    QTest::addColumn<QRectF>("destination");
    QTest::addColumn<QPointF>("start");
    QTest::addColumn<QPointF>("end");
    // Rightwards: leaves past the connector handle on the source's right edge.
    QTest::newRow("rightwards") << box(0, 0) << box(500, 0) << QPointF(208, 44) << QPointF(500, 44);
    QTest::newRow("leftwards") << box(500, 0) << box(0, 0) << QPointF(500, 44) << QPointF(200, 44);
    // Stacked in one column: both ends on the right edge.
    QTest::newRow("stacked") << box(0, 0) << box(0, 300) << QPointF(208, 44) << QPointF(200, 344);
}

void TestArrowRouting::directWhenNothingIsInTheWay()
{
    QFETCH(QRectF, source);
    QFETCH(QRectF, destination);
    QFETCH(QPointF, start);
    QFETCH(QPointF, end);
    const ArrowRoute route = routeArrow({source, destination}, fixed({}));
    QCOMPARE(route.path.pointAtPercent(0), start);
    QCOMPARE(route.path.pointAtPercent(1), end);
    QVERIFY(!crosses(route, source.adjusted(1, 1, -1, -1)));
    QVERIFY(!crosses(route, destination.adjusted(1, 1, -1, -1)));
    if (source.top() == destination.top()) // level ends: a level arrow
        QCOMPARE(route.path.pointAtPercent(0.5).y(), source.center().y());
}

void TestArrowRouting::routesAroundBoxes_data()
{
    QTest::addColumn<QRectF>("source");
    QTest::addColumn<QRectF>("destination");
    QTest::addColumn<QList<QRectF>>("inTheWay");
    QTest::newRow("one bucket between") << box(0, 0) << box(800, 0) << QList<QRectF>{box(300, 0)};
    QTest::newRow("a key above and a bucket between")
        << box(0, 100) << box(800, 100)
        << QList<QRectF>{box(300, 100), QRectF(300, -10, 180, 60)};
    QTest::newRow("stacked, a box in the bulge")
        << box(0, 0) << box(0, 400) << QList<QRectF>{QRectF(230, 150, 180, 60)};
}

void TestArrowRouting::routesAroundBoxes()
{
    QFETCH(QRectF, source);
    QFETCH(QRectF, destination);
    QFETCH(QList<QRectF>, inTheWay);
    std::vector<QRectF> boxes(inTheWay.begin(), inTheWay.end());
    const ArrowRoute direct = routeArrow({source, destination}, fixed({}));
    QVERIFY(std::any_of(boxes.begin(), boxes.end(),
                        [&](const QRectF &b) { return crosses(direct, b); })); // else no test
    const ArrowRoute route = routeArrow({source, destination}, fixed(boxes));
    for (const QRectF &b : boxes)
        QVERIFY2(!crosses(route, b), "the arrow runs through a box that is not one of its ends");
    QCOMPARE(route.path.pointAtPercent(0), direct.path.pointAtPercent(0)); // same ends
    QCOMPARE(route.path.pointAtPercent(1), direct.path.pointAtPercent(1));
}

void TestArrowRouting::headPointsIntoTheDestination()
{
    const QRectF destination = box(500, 0);
    const ArrowRoute route = routeArrow({box(0, 0), destination}, fixed({}));
    QCOMPARE(route.head.size(), 3);
    QCOMPARE(route.head[0], route.path.pointAtPercent(1)); // the tip on the edge
    QVERIFY(route.head[1].x() < destination.left());        // the barbs behind it
    QVERIFY(route.head[2].x() < destination.left());
    QVERIFY(route.bounds().contains(route.head.boundingRect()));
}

void TestArrowRouting::deterministic()
{
    const ArrowEnds ends{box(0, 0), box(800, 0), 0, 1};
    std::vector<QRectF> boxes{box(300, 0), box(300, -100), box(300, 100), box(300, 200)};
    const ArrowRoute first = routeArrow(ends, fixed(boxes));
    std::reverse(boxes.begin(), boxes.end()); // the order obstacles come in does not matter
    const ArrowRoute second = routeArrow(ends, fixed(boxes));
    QCOMPARE(second.path, first.path);
    QCOMPARE(second.head, first.head);
    QCOMPARE(labelOf(second, ends, kLabel, boxes), labelOf(first, ends, kLabel, boxes));
}

void TestArrowRouting::manyArrowsRouteAsOneByOne()
{
    // Enough arrows to be routed on several threads, through a field of boxes: each route is
    // the one routeArrow() gives it alone, in the requests' order.
    const BoxIndex field = [] {
        std::vector<QRectF> boxes;
        for (int i = 0; i < 400; ++i)
            boxes.push_back(box((i % 20) * 150, (i / 20) * 110));
        return BoxIndex(std::move(boxes));
    }();
    std::vector<RouteRequest> requests;
    for (int i = 0; i < 2000; ++i) {
        const int from = (i * 7) % 400, to = (i * 13 + 5) % 400;
        requests.push_back({{field.boxes()[std::size_t(from)], field.boxes()[std::size_t(to)],
                             0, 1},
                            [&field, from, to](const QRectF &area, std::vector<QRectF> &out) {
                                field.query(area, out, from, to);
                            }});
    }
    const std::vector<ArrowRoute> routes = routeArrows(requests);
    QCOMPARE(routes.size(), requests.size());
    int detoured = 0;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const ArrowRoute alone = routeArrow(requests[i].ends, requests[i].obstacles);
        QCOMPARE(routes[i].path, alone.path);
        QCOMPARE(routes[i].line, alone.line);
        QCOMPARE(routes[i].head, alone.head);
        detoured += routes[i].path.elementAt(1).y != requests[i].ends.source.center().y();
    }
    QVERIFY(detoured > 0); // the field bends some of them
    QVERIFY(routeArrows({}).empty());
}

void TestArrowRouting::twoWayArrowsKeepApart()
{
    // Rules a→b and b→a share the pair's two lanes.
    const QRectF a = box(0, 0), b = box(400, 0);
    const ArrowEnds there{a, b, 0, 2}, back{b, a, 1, 2};
    const ArrowRoute one = routeArrow(there, fixed({}));
    const ArrowRoute other = routeArrow(back, fixed({}));
    QVERIFY(QLineF(one.path.pointAtPercent(0.5), other.path.pointAtPercent(0.5)).length() >= 12);
    const QRectF oneLabel = labelOf(one, there, kLabel, {});
    const QRectF otherLabel = labelOf(other, back, kLabel, {});
    QVERIFY2(!oneLabel.intersects(otherLabel), "one label covers the other");
    QCOMPARE(pointsInside(other, oneLabel), 0); // no label hides the other arrow
    QCOMPARE(pointsInside(one, otherLabel), 0);
    // Each label is beside its own arrow, on the outer side: the upper arrow's above it.
    const QPointF oneMiddle = one.path.pointAtPercent(0.5);
    const QPointF otherMiddle = other.path.pointAtPercent(0.5);
    const bool oneIsUpper = oneMiddle.y() < otherMiddle.y();
    const QRectF upper = oneIsUpper ? oneLabel : otherLabel;
    const QRectF lower = oneIsUpper ? otherLabel : oneLabel;
    QVERIFY(upper.bottom() < std::min(oneMiddle.y(), otherMiddle.y()));
    QVERIFY(upper.bottom() > std::min(oneMiddle.y(), otherMiddle.y()) - 8);
    QVERIFY(lower.top() > std::max(oneMiddle.y(), otherMiddle.y()));
    QVERIFY(lower.top() < std::max(oneMiddle.y(), otherMiddle.y()) + 8);
}

void TestArrowRouting::labelAvoidsBoxes()
{
    const ArrowEnds ends{box(0, 0), box(800, 0), 0, 1};
    const ArrowRoute route = routeArrow(ends, fixed({}));
    // Without boxes, the label sits above the middle of the arrow, touching it, hiding none of it.
    const QRectF free = labelOf(route, ends, kLabel, {});
    const QPointF middle = route.path.pointAtPercent(0.5);
    QVERIFY(std::abs(free.center().x() - middle.x()) < 30);
    QVERIFY(free.bottom() < middle.y());
    QVERIFY(free.bottom() > middle.y() - 8);
    QCOMPARE(pointsInside(route, free), 0);
    // A key just above the middle of the arrow, clear of the line but not of the label.
    const QRectF key(440, -25, 180, 60);
    QVERIFY(!crosses(route, key));
    QVERIFY(free.intersects(key));
    const QRectF moved = labelOf(route, ends, kLabel, {key});
    QVERIFY(!moved.intersects(key));
    QCOMPARE(pointsInside(route, moved), 0);
    QVERIFY(QLineF(moved.center(), middle).length() < 250); // still by its arrow
}

void TestArrowRouting::shortArrowIsNotHiddenByItsLabel()
{
    // The gap between the buckets is narrower than the label: the label cannot sit beside the
    // arrow between the buckets, so it goes further out, joined by a leader line.
    const ArrowEnds ends{box(0, 0), box(290, 0), 0, 1};
    const ArrowRoute route = routeArrow(ends, fixed({}));
    const LabelPlace place = placeLabel(route, ends, QSizeF(160, 20), {fixed({}), {}, {}, {}});
    QVERIFY(!place.rect.isNull());
    QCOMPARE(pointsInside(route, place.rect), 0);
    QVERIFY(!place.rect.intersects(ends.source));
    QVERIFY(!place.rect.intersects(ends.destination));
    QVERIFY(place.rect.bottom() <= ends.source.top()); // above, the side tried first
    QVERIFY(!place.leader.isNull());
    QVERIFY(place.leader.length() < 90); // short
    // The leader starts on the arrow and ends on the label.
    QVERIFY(QLineF(place.leader.p1(), route.path.pointAtPercent(0.5)).length() < 60);
    QVERIFY(place.rect.adjusted(-0.5, -0.5, 0.5, 0.5).contains(place.leader.p2()));
}

void TestArrowRouting::closeBucketsGetALeader()
{
    // The fan-out example's nearer destination: 120 px between the buckets, a label wider than
    // that, and the other destination below it.
    const QRectF src(24, 184, 300, 88), near(444, 184, 300, 88), low(444, 312, 300, 88);
    const Placed p = placeAll({{src, near}, {src, low}}, {src, near, low}, QSizeF(150, 20));
    checkReadable(p);
    for (const LabelPlace &l : p.labels)
        for (const QRectF &b : {src, near, low})
            QVERIFY2(!l.rect.intersects(b), "a label covers a bucket");
}

void TestArrowRouting::fanOutOfThree()
{
    const QRectF src = box(0, 200);
    const QRectF a = box(600, 0), b = box(600, 200), c = box(600, 400);
    const Placed p = placeAll({{src, a}, {src, b}, {src, c}}, {src, a, b, c}, kLabel);
    checkReadable(p);
    // The arrows leave in the order of their destinations, top to bottom, inside the edge.
    const qreal y0 = p.routes[0].path.pointAtPercent(0).y();
    const qreal y1 = p.routes[1].path.pointAtPercent(0).y();
    const qreal y2 = p.routes[2].path.pointAtPercent(0).y();
    QVERIFY(y0 < y1 && y1 < y2);
    QVERIFY(y0 > src.top() + 10 && y2 < src.bottom() - 10);
    QCOMPARE(y1, src.center().y()); // the middle one, level with its destination, stays level
}

void TestArrowRouting::twoWayPairIsReadable()
{
    const QRectF a = box(0, 0), b = box(400, 0);
    const Placed p = placeAll({{a, b, 0, 2}, {b, a, 1, 2}}, {a, b}, kLabel);
    checkReadable(p);
    QVERIFY(QLineF(p.routes[0].path.pointAtPercent(0.5), p.routes[1].path.pointAtPercent(0.5))
                .length()
            >= 12);
}

void TestArrowRouting::portsSpreadAlongTheEdge()
{
    const QRectF src = box(0, 200), up = box(600, 0), down = box(600, 400), stacked = box(0, 500);
    // One arrow on an edge: its middle.
    QCOMPARE(portOffset(src, {{src, up}}, 0), 0.0);
    // Two to the right: the upper destination's arrow above; the stacked one (right edge too)
    // below both, since its other end is lowest.
    const std::vector<ArrowBoxes> arrows{{src, down}, {src, up}, {src, stacked}};
    const qreal toDown = portOffset(src, arrows, 0), toUp = portOffset(src, arrows, 1);
    const qreal toStacked = portOffset(src, arrows, 2);
    QVERIFY(toUp < toDown && toDown < toStacked);
    QVERIFY(std::abs(toUp) <= src.height() / 2 && std::abs(toStacked) <= src.height() / 2);
    // An arrow arriving on the other edge does not move those leaving on this one.
    QCOMPARE(portOffset(src, {{src, up}, {box(-600, 200), src}}, 0), 0.0);
    QCOMPARE(arrowEdges(src, up), std::make_pair(Edge::Right, Edge::Left));
    QCOMPARE(arrowEdges(up, src), std::make_pair(Edge::Left, Edge::Right));
    QCOMPARE(arrowEdges(src, stacked), std::make_pair(Edge::Right, Edge::Right));
}

void TestArrowRouting::lengthInsideClipsSegments()
{
    const QPolygonF line{QPointF(0, 0), QPointF(100, 0), QPointF(100, 100)};
    QCOMPARE(polylineLength(line), 200.0);
    QCOMPARE(lengthInside(line, QRectF(50, -5, 100, 30)), 75.0); // 50 across, 25 down
    QCOMPARE(lengthInside(line, QRectF(200, 200, 10, 10)), 0.0);
}

void TestArrowRouting::boxIndexAnswersLikeAScan()
{
    std::vector<QRectF> boxes;
    for (int i = 0; i < 40; ++i)
        boxes.push_back(QRectF((i * 137) % 2000, (i * 89) % 1500, 150 + i * 7, 60 + i * 3));
    boxes.push_back(QRectF(-500, -500, 3000, 40)); // spans many cells: found once
    const BoxIndex index(boxes);
    const QList<QRectF> areas{QRectF(0, 0, 10, 10), QRectF(-600, -600, 100, 100),
                              QRectF(300, 200, 900, 700), QRectF(-1000, -1000, 5000, 5000),
                              QRectF(5000, 5000, 10, 10)};
    for (const QRectF &area : areas) {
        std::vector<QRectF> found;
        index.query(area, found, 3, 40);
        std::vector<QRectF> expected;
        for (int i = 0; i < int(boxes.size()); ++i)
            if (i != 3 && i != 40 && boxes[std::size_t(i)].intersects(area))
                expected.push_back(boxes[std::size_t(i)]);
        QCOMPARE(found, expected);
    }
}

void TestArrowRouting::placementIndexAnswersLikeAScan()
{
    // Long lines across many cells, moved and taken out again: the length inside any area is
    // what measuring every line gives, each segment counted once, the skipped owner left out.
    std::vector<QPolygonF> lines;
    for (int i = 0; i < 12; ++i) {
        QPolygonF line;
        for (int k = 0; k <= 32; ++k)
            line << QPointF(-300 + k * 40 + i * 9, (k * k * (i + 1)) % 700 - 100.0 + i * 13);
        lines.push_back(line);
    }
    SegmentIndex segments;
    RectIndex labels;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        segments.set(i, lines[i].translated(500, 500)); // filed somewhere else first
        segments.set(i, lines[i]);
        labels.set(i, lines[i].boundingRect()); // spans many cells
    }
    segments.remove(3);
    labels.set(4, QRectF());
    const std::vector<QRectF> areas{QRectF(-200, -50, 180, 26), QRectF(0, 0, 700, 400),
                                    QRectF(63.5, 63.5, 2, 2), QRectF(-1000, -1000, 3000, 3000)};
    for (const QRectF &area : areas) {
        qreal expected = 0;
        std::vector<QRectF> found, wanted;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (i != 3 && i != 5)
                expected += lengthInside(lines[i], area);
            if (i != 4 && i != 5 && lines[i].boundingRect().intersects(area))
                wanted.push_back(lines[i].boundingRect());
        }
        QVERIFY(qAbs(segments.lengthInside(area, 5, qInf()) - expected) < 0.01);
        labels.query(area, found, 5);
        const auto order = [](const QRectF &a, const QRectF &b) {
            return std::make_pair(a.x(), a.y()) < std::make_pair(b.x(), b.y());
        };
        std::sort(found.begin(), found.end(), order);
        std::sort(wanted.begin(), wanted.end(), order);
        QCOMPARE(found, wanted);
    }
    // Past the limit, counting may stop, but never below it.
    QVERIFY(segments.lengthInside(areas[3], 5, 10) > 10);
}

void TestArrowRouting::placementIndexFarApart()
{
    // Rectangles filed in every direction from the first, some so far away that their cells
    // are kept apart from the others, moved and taken out: a query finds what a scan finds.
    std::vector<QRectF> rects;
    for (int i = 0; i < 60; ++i) {
        const qreal far = i % 7 == 0 ? 5e6 : 1;
        rects.emplace_back(((i * 37) % 23 - 11) * 45.0 * far, ((i * 19) % 17 - 8) * 38.0 * far,
                           30 + i % 5 * 40, 20 + i % 3 * 25);
    }
    RectIndex index;
    SegmentIndex segments;
    for (std::size_t i = 0; i < rects.size(); ++i) {
        index.set(i, rects[i].translated(-3e6, 2e6)); // filed somewhere else first
        index.set(i, rects[i]);
        if (i % 7 != 0) // near ones only: lines are filed in single precision
            segments.set(i, QPolygonF(rects[i]));
    }
    index.remove(8);
    segments.remove(8);
    std::vector<QRectF> areas{QRectF(-400, -300, 800, 600), QRectF(-600, -400, 1200, 800)};
    for (std::size_t i = 0; i < rects.size(); i += 3)
        areas.push_back(rects[i].adjusted(-10, -10, 10, 10));
    for (const QRectF &area : areas) {
        std::vector<QRectF> found, wanted;
        qreal expected = 0;
        for (std::size_t i = 0; i < rects.size(); ++i) {
            if (i != 8 && i != 2 && rects[i].intersects(area))
                wanted.push_back(rects[i]);
            if (i != 8 && i != 2 && i % 7 != 0)
                expected += lengthInside(QPolygonF(rects[i]), area);
        }
        index.query(area, found, 2);
        std::vector<QRectF> sortedFound = found, sortedWanted = wanted;
        const auto order = [](const QRectF &a, const QRectF &b) {
            return std::make_pair(a.x(), a.y()) < std::make_pair(b.x(), b.y());
        };
        std::sort(sortedFound.begin(), sortedFound.end(), order);
        std::sort(sortedWanted.begin(), sortedWanted.end(), order);
        QCOMPARE(sortedFound, sortedWanted);
        QVERIFY(qAbs(segments.lengthInside(area, 2, qInf()) - expected) < 0.01);
    }
}

QTEST_GUILESS_MAIN(TestArrowRouting)
#include "tst_arrowrouting.moc"
