// Every example design and every lab design, laid out as the canvas and the exported diagram
// show them, reads at a glance: no rule label on another, no label hiding a real part of an
// arrow, no two arrows leaving one bucket from the same point.

#include "diagramlayout.h"

#include "core/autoarrange.h"
#include "core/designfile.h"
#include "testpaths.h"

#include <QDirIterator>
#include <QTest>

using namespace s3rd;
using namespace s3rd::model;

namespace {

// The most of an arrow's length one label may cover: the arrow's path is cut in kSteps equal
// parts by length, and a part is covered when its middle is inside the label's rectangle.
constexpr qreal kMaxCovered = 0.10;
constexpr int kSteps = 400;
// Two arrows leave one bucket from distinct points when their starts are this far apart.
constexpr qreal kMinPortDistance = 8;

qreal coveredFraction(const QPainterPath &path, const QRectF &rect)
{
    if (!path.boundingRect().intersects(rect))
        return 0;
    int inside = 0;
    for (int i = 0; i < kSteps; ++i) {
        if (rect.contains(path.pointAtPercent((i + 0.5) / kSteps)))
            ++inside;
    }
    return qreal(inside) / kSteps;
}

// The designs: the examples, and any lab (resources/labs/**/*.s3rd.json).
QStringList designFiles()
{
    QStringList files;
    for (const QString &name : test::exampleNames())
        files << test::examplePath(name);
    QDirIterator labs(test::sourcePath("resources/labs"), {"*.s3rd.json"}, QDir::Files,
                      QDirIterator::Subdirectories);
    QStringList found;
    while (labs.hasNext())
        found << labs.next();
    found.sort();
    return files + found;
}

} // namespace

class TestDiagramExamples : public QObject
{
    Q_OBJECT

private slots:
    void readsAtAGlance_data();
    void readsAtAGlance();
};

void TestDiagramExamples::readsAtAGlance_data()
{
    QTest::addColumn<QString>("path");
    const QStringList files = designFiles();
    QVERIFY(files.size() >= 6); // the examples at least
    for (const QString &file : files)
        QTest::newRow(qPrintable(QDir(test::sourcePath("resources")).relativeFilePath(file)))
            << file;
}

void TestDiagramExamples::readsAtAGlance()
{
    QFETCH(QString, path);
    LoadResult loaded = loadDesignFile(path.toStdString());
    QVERIFY2(loaded.ok(), qPrintable(path));
    const Design design = lacksLayout(loaded.design) ? autoArrange(loaded.design) : loaded.design;
    const diagram::DiagramLayout layout =
        diagram::layoutDiagram(design, diagram::Style::fromApplication());
    QCOMPARE(layout.arrows.size(), design.rules.size());

    const auto &arrows = layout.arrows;
    for (std::size_t i = 0; i < arrows.size(); ++i) {
        const QString rule = QString::fromStdString(design.rules[arrows[i].index].id);
        const QRectF label = arrows[i].labelRect;
        QVERIFY2(!label.isNull(), qPrintable(rule + " has no label"));
        for (std::size_t j = 0; j < arrows.size(); ++j) {
            const QString other = QString::fromStdString(design.rules[arrows[j].index].id);
            if (j != i)
                QVERIFY2(!label.intersects(arrows[j].labelRect),
                         qPrintable("the labels of " + rule + " and " + other + " overlap"));
            const qreal covered = coveredFraction(arrows[j].route.path, label);
            QVERIFY2(covered <= kMaxCovered,
                     qPrintable(QString("the label of %1 covers %2 % of the arrow of %3")
                                    .arg(rule)
                                    .arg(covered * 100)
                                    .arg(other)));
            if (j < i && design.rules[arrows[i].index].source
                             == design.rules[arrows[j].index].source) {
                const QLineF starts(arrows[i].route.path.pointAtPercent(0),
                                    arrows[j].route.path.pointAtPercent(0));
                QVERIFY2(starts.length() >= kMinPortDistance,
                         qPrintable(rule + " and " + other + " leave from one point"));
            }
        }
    }
}

QTEST_MAIN(TestDiagramExamples)
#include "tst_diagramexamples.moc"
