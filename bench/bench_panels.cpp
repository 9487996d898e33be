// The panels after one property edit in the 1,000-bucket design: the edit (an undo command),
// regenerating the policies and rerunning the checks, then the four panels' refresh and paint.
// The frame budget for all of it is 16 ms. And one mouse move of a drag: a box moved on the
// canvas changes no policy and no finding, so the panels should hardly notice it.

#include "largedesign.h"

#include "canvasscene.h"
#include "checklistpanel.h"
#include "commands.h"
#include "policiespanel.h"
#include "propertiespanel.h"
#include "selection.h"
#include "simulatorpanel.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QTimer>
#include <QUndoStack>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>

namespace {

using namespace s3rd;

// The panels side by side in one shown window, as in the designer, with a rule selected and its
// replication configuration open, and the simulator showing a result (so it re-runs).
struct Fixture
{
    document::Document doc;
    QUndoStack undo;
    views::Selection selection;
    QWidget window;
    views::PropertiesPanel *properties;
    views::PoliciesPanel *policies;
    views::ChecklistPanel *checklist;
    views::SimulatorPanel *simulator;
    std::string ruleId;
    bool metrics = true;

    explicit Fixture(model::Design design)
        : doc(std::move(design))
    {
        auto *layout = new QHBoxLayout(&window);
        properties = new views::PropertiesPanel({doc, undo, selection});
        policies = new views::PoliciesPanel(doc, selection);
        checklist = new views::ChecklistPanel({doc, undo, selection});
        simulator = new views::SimulatorPanel(doc, selection);
        for (QWidget *w : {static_cast<QWidget *>(properties), static_cast<QWidget *>(policies),
                           static_cast<QWidget *>(checklist), static_cast<QWidget *>(simulator)})
            layout->addWidget(w);
        window.resize(1600, 900);
        window.show();
        const model::ReplicationRule &rule = doc.design().rules[500];
        ruleId = rule.id;
        metrics = rule.metrics;
        selection.setSelected({QString::fromStdString(rule.id)});
        for (const model::Artifact &a : doc.artifacts()) {
            if (a.element == rule.source && a.kind == model::ArtifactKind::ReplicationConfiguration)
                policies->showArtifact(QString::fromStdString(a.path));
        }
        simulator->setSourceBucket(QString::fromStdString(rule.source));
        simulator->run();
        refreshAll();
        QApplication::processEvents();
    }

    // One property edit as the properties panel makes it: toggles the rule's metrics.
    void edit()
    {
        for (const model::ReplicationRule &r : doc.design().rules) {
            if (r.id != ruleId)
                continue;
            model::ReplicationRule after = r;
            metrics = !metrics;
            after.metrics = metrics;
            undo.push(new document::UpdateElementCommand(doc, after, QStringLiteral("metrics")));
            return;
        }
    }

    // One property edit of another element as the properties panel makes it, on the selected
    // rule's source bucket, its role, or a key: what each edit changes.
    enum class Edit { BucketKey, BucketName, KeyRotation, RoleConditions };
    void editElement(Edit edit)
    {
        const model::Design &d = doc.design();
        const auto rule = std::find_if(d.rules.begin(), d.rules.end(),
                                       [&](const model::ReplicationRule &r) { return r.id == ruleId; });
        const auto source = std::find_if(d.buckets.begin(), d.buckets.end(),
                                         [&](const model::Bucket &b) { return b.id == rule->source; });
        const auto role = std::find_if(d.roles.begin(), d.roles.end(),
                                       [&](const model::Role &r) { return r.id == rule->role; });
        switch (edit) {
        case Edit::BucketKey: {
            model::Bucket after = *source;
            after.bucketKey = !after.bucketKey;
            undo.push(new document::UpdateElementCommand(doc, after, QStringLiteral("bucketKey")));
            break;
        }
        case Edit::BucketName: {
            model::Bucket after = *source;
            after.name = after.name.ends_with("-x") ? after.name.substr(0, after.name.size() - 2)
                                                    : after.name + "-x";
            undo.push(new document::UpdateElementCommand(doc, after, QStringLiteral("name")));
            break;
        }
        case Edit::KeyRotation: {
            model::KmsKey after = d.keys[d.keys.size() / 2];
            after.rotation = !after.rotation;
            undo.push(new document::UpdateElementCommand(doc, after, QStringLiteral("rotation")));
            break;
        }
        case Edit::RoleConditions: {
            model::Role after = *role;
            after.confusedDeputyConditions = !after.confusedDeputyConditions;
            undo.push(new document::UpdateElementCommand(doc, after,
                                                         QStringLiteral("confusedDeputy")));
            break;
        }
        }
    }

    void derive()
    {
        benchmark::DoNotOptimize(doc.artifacts().size());
        benchmark::DoNotOptimize(doc.report().findings.size());
    }

    void refreshAll()
    {
        properties->refresh();
        policies->refresh();
        checklist->refresh();
        simulator->refresh();
    }
};

// One fixture at a time: the 1,000-bucket design, or the 10,000-bucket one (200 accounts) for
// the benchmarks given the argument 10000.
std::unique_ptr<Fixture> g_fixture;
int g_fixtureBuckets = 0;

Fixture &fixture(int buckets = 1000)
{
    if (!g_fixture || g_fixtureBuckets != buckets) {
        g_fixture.reset();
        g_fixture = std::make_unique<Fixture>(buckets == 1000
                                                  ? bench::largeDesign()
                                                  : bench::largeDesign(buckets, buckets / 50,
                                                                       buckets / 25));
        g_fixtureBuckets = buckets;
    }
    return *g_fixture;
}

// Everything one edit costs: command, regeneration, checks, the panels' refresh and paint,
// including the policies panel marking what the edit changed (the changed documents in the
// tree, the shown one's lines diffed); fails if the change is not marked. The simulator's
// automatic re-run waits for a pause in editing (150 ms): it belongs to a later frame, and is
// timed by BM_SimulatorRerun; it is held back here so that it never falls inside an iteration
// (it would whenever an iteration took longer than its delay).
void BM_EditToPaintedPanels(benchmark::State &state)
{
    Fixture &f = fixture(int(state.range(0)));
    auto *rerun = f.simulator->findChild<QTimer *>(QStringLiteral("rerunTimer"));
    if (!rerun) {
        state.SkipWithError("the simulator's re-run timer is not found");
        return;
    }
    for (auto _ : state) {
        f.edit();
        f.derive();
        f.refreshAll();
        const bool rerunPending = rerun->isActive();
        rerun->stop();
        QApplication::processEvents(); // paint
        if (!rerunPending) {
            state.SkipWithError("the edit schedules no re-run of the simulator");
            break;
        }
        const QString marks = f.policies->lineMarks();
        if (f.policies->changedPaths().isEmpty()
            || (!marks.contains(u'+') && !marks.contains(u'-'))) {
            state.SkipWithError("the edit's change is not marked");
            break;
        }
    }
}
// Frame budget: 16 ms on 1,000 buckets, 33 ms on 10,000.
BENCHMARK(BM_EditToPaintedPanels)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// The same for an edit of another element: (buckets, edit) with edit 0 a bucket's Bucket Key,
// 1 its name, 2 a key's rotation, 3 the role's confused-deputy conditions.
void BM_ElementEditToPaintedPanels(benchmark::State &state)
{
    Fixture &f = fixture(int(state.range(0)));
    const auto edit = Fixture::Edit(state.range(1));
    for (auto _ : state) {
        f.editElement(edit);
        f.derive();
        f.refreshAll();
        QApplication::processEvents(); // paint
    }
}
BENCHMARK(BM_ElementEditToPaintedPanels)
    ->ArgsProduct({{1000, 10000}, {0, 1, 2, 3}})
    ->Unit(benchmark::kMillisecond);

// The panels' share alone: refresh after the model and derived data are up to date.
template<typename Refresh>
void panelRefresh(benchmark::State &state, Refresh refresh)
{
    Fixture &f = fixture();
    for (auto _ : state) {
        state.PauseTiming();
        f.edit();
        f.derive();
        state.ResumeTiming();
        refresh(f);
    }
    f.refreshAll();
    QApplication::processEvents();
}

void BM_PropertiesRefresh(benchmark::State &state)
{
    panelRefresh(state, [](Fixture &f) { f.properties->refresh(); });
}
BENCHMARK(BM_PropertiesRefresh)->Unit(benchmark::kMicrosecond);

void BM_PoliciesRefresh(benchmark::State &state)
{
    panelRefresh(state, [](Fixture &f) { f.policies->refresh(); });
}
BENCHMARK(BM_PoliciesRefresh)->Unit(benchmark::kMicrosecond);

void BM_ChecklistRefresh(benchmark::State &state)
{
    panelRefresh(state, [](Fixture &f) { f.checklist->refresh(); });
}
BENCHMARK(BM_ChecklistRefresh)->Unit(benchmark::kMicrosecond);

// The simulator's inputs refresh; its automatic re-run is debounced (see BM_SimulatorRerun).
void BM_SimulatorRefresh(benchmark::State &state)
{
    panelRefresh(state, [](Fixture &f) { f.simulator->refresh(); });
}
BENCHMARK(BM_SimulatorRefresh)->Unit(benchmark::kMicrosecond);

// One re-run after an edit: compiling the policies in effect, the walk, showing the trace.
void BM_SimulatorRerun(benchmark::State &state)
{
    panelRefresh(state, [](Fixture &f) { f.simulator->run(); });
}
BENCHMARK(BM_SimulatorRerun)->Unit(benchmark::kMicrosecond);

// One mouse move while dragging a bucket (selected, as a drag selects it): the move command the
// canvas pushes (merged into the gesture's undo step), the scene moving the item, and every
// panel's reaction in the same event-loop turn, painted.
void BM_DragBoxMouseMove(benchmark::State &state)
{
    Fixture &f = fixture();
    views::CanvasScene scene(f.doc, f.undo, f.selection); // only here: the others edit no geometry
    const QString bucketId = QString::fromStdString(f.doc.design().rules[500].source);
    f.selection.setSelected({bucketId});
    f.refreshAll();
    QApplication::processEvents();
    static int gesture = 1000;
    ++gesture;
    int step = 0;
    for (auto _ : state) {
        const int i = f.doc.indexOf(document::ElementKind::Bucket, bucketId);
        model::Bucket moved = f.doc.design().buckets[std::size_t(i)];
        moved.geometry.x += (step++ % 40) < 20 ? 1 : -1; // back and forth inside the account
        f.undo.push(new document::MoveElementsCommand(f.doc, {document::Element(moved)},
                                                      gesture));
        QApplication::processEvents(); // the panels' coalesced refresh, the paint
    }
    f.selection.setSelected({QString::fromStdString(f.ruleId)});
    f.refreshAll();
    QApplication::processEvents();
}
BENCHMARK(BM_DragBoxMouseMove)->Unit(benchmark::kMicrosecond);

// The same without panels, for comparison: command, regeneration and checks.
void BM_EditAndDeriveOnly(benchmark::State &state)
{
    Fixture &f = fixture(int(state.range(0)));
    for (auto _ : state) {
        f.edit();
        f.derive();
    }
    f.refreshAll();
}
BENCHMARK(BM_EditAndDeriveOnly)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    g_fixture.reset(); // the widgets go before the application
    return 0;
}
