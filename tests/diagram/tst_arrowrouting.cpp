// Arrow routing and label placement of the diagram: pure geometry, the same for the canvas and
// the exported pictures.

#include "arrowrouting.h"

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
    void twoWayArrowsKeepApart();
    void labelAvoidsBoxes();
    void shortArrowIsNotHiddenByItsLabel();
    void boxIndexAnswersLikeAScan();
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
    QCOMPARE(placeLabel(second, ends, kLabel, fixed(boxes)),
             placeLabel(first, ends, kLabel, fixed(boxes)));
}

void TestArrowRouting::twoWayArrowsKeepApart()
{
    // Rules a→b and b→a share the pair's two lanes.
    const QRectF a = box(0, 0), b = box(400, 0);
    const ArrowEnds there{a, b, 0, 2}, back{b, a, 1, 2};
    const ArrowRoute one = routeArrow(there, fixed({}));
    const ArrowRoute other = routeArrow(back, fixed({}));
    QVERIFY(QLineF(one.path.pointAtPercent(0.5), other.path.pointAtPercent(0.5)).length() >= 12);
    const QRectF oneLabel = placeLabel(one, there, kLabel, fixed({}));
    const QRectF otherLabel = placeLabel(other, back, kLabel, fixed({}));
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
    // Without boxes, the label sits in the middle of the arrow.
    const QRectF free = placeLabel(route, ends, kLabel, fixed({}));
    QCOMPARE(free.center(), route.path.pointAtPercent(0.5));
    // A key just below the middle of the arrow, clear of the line but not of a label on it.
    const QRectF key(440, 50, 180, 60);
    QVERIFY(!crosses(route, key));
    QVERIFY(free.intersects(key));
    const QRectF moved = placeLabel(route, ends, kLabel, fixed({key}));
    QVERIFY(!moved.intersects(key));
    QVERIFY(pointsInside(route, moved) > 0); // still on its arrow
}

void TestArrowRouting::shortArrowIsNotHiddenByItsLabel()
{
    // The gap between the buckets is narrower than the label: centred on the arrow, the label
    // would cover all of it, so it goes beside the arrow.
    const ArrowEnds ends{box(0, 0), box(290, 0), 0, 1};
    const ArrowRoute route = routeArrow(ends, fixed({}));
    const QRectF label = placeLabel(route, ends, QSizeF(160, 20), fixed({}));
    QVERIFY(!label.isNull());
    QCOMPARE(pointsInside(route, label), 0);
    QVERIFY(label.bottom() <= route.path.pointAtPercent(0.5).y()); // above, the side tried first
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

QTEST_GUILESS_MAIN(TestArrowRouting)
#include "tst_arrowrouting.moc"
