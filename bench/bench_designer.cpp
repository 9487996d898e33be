// The designer with the 1,000-bucket design open: one property edit end to end (model, policies,
// checks, canvas; and with the panels), and opening the design to first paint.

#include "canvasscene.h"
#include "checklistpanel.h"
#include "commands.h"
#include "largedesign.h"
#include "policiespanel.h"
#include "propertiespanel.h"
#include "selection.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QUndoStack>

#include <benchmark/benchmark.h>

using namespace s3rd;

namespace {

// Flip one bucket property, as the properties panel does: one undo command.
void editOnce(document::Document &doc, QUndoStack &undo, int i)
{
    model::Bucket b = doc.design().buckets[500];
    b.bucketKey = (i % 2) == 0;
    undo.push(new document::UpdateElementCommand(doc, b));
}

void BM_PropertyEdit(benchmark::State &state)
{
    document::Document doc(bench::largeDesign());
    QUndoStack undo;
    views::Selection selection;
    views::CanvasScene scene(doc, undo, selection);
    (void)doc.report();
    int i = 0;
    for (auto _ : state) {
        editOnce(doc, undo, i++);
        benchmark::DoNotOptimize(doc.artifacts().size()); // policies regenerated
        benchmark::DoNotOptimize(doc.report().findings.size()); // checks rerun
        QCoreApplication::processEvents(); // coalesced listeners
    }
}
BENCHMARK(BM_PropertyEdit)->Unit(benchmark::kMillisecond);

void BM_PropertyEditWithPanels(benchmark::State &state)
{
    document::Document doc(bench::largeDesign());
    QUndoStack undo;
    views::Selection selection;
    views::CanvasScene scene(doc, undo, selection);
    views::PropertiesPanel properties(doc, undo, selection);
    views::PoliciesPanel policies(doc, undo, selection);
    views::ChecklistPanel checklist(doc, undo, selection);
    selection.setSelected({QStringLiteral("b500")});
    QCoreApplication::processEvents();
    int i = 0;
    for (auto _ : state) {
        editOnce(doc, undo, i++);
        QCoreApplication::processEvents(); // the panels refresh once per event-loop turn
    }
}
BENCHMARK(BM_PropertyEditWithPanels)->Unit(benchmark::kMillisecond);

void BM_OpenToFirstPaint(benchmark::State &state)
{
    const model::Design design = bench::largeDesign();
    for (auto _ : state) {
        document::Document doc(design);
        QUndoStack undo;
        views::Selection selection;
        views::CanvasScene scene(doc, undo, selection);
        QImage image(1400, 900, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        scene.render(&painter, QRectF(image.rect()), scene.itemsBoundingRect());
        painter.end();
        benchmark::DoNotOptimize(image.constBits());
    }
}
BENCHMARK(BM_OpenToFirstPaint)->Unit(benchmark::kMillisecond);

// First paint at 100 % zoom (what a window shows right after opening at full detail).
void BM_FirstPaintFullDetail(benchmark::State &state)
{
    document::Document doc(bench::largeDesign());
    QUndoStack undo;
    views::Selection selection;
    views::CanvasScene scene(doc, undo, selection);
    QImage image(1400, 900, QImage::Format_ARGB32_Premultiplied);
    for (auto _ : state) {
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        scene.render(&painter, QRectF(image.rect()), QRectF(0, 0, 1400, 900));
    }
}
BENCHMARK(BM_FirstPaintFullDetail)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen"
                                                                     : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
