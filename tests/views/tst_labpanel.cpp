// Labs in the designer, as a learner meets them: Help › Labs lists the compiled-in labs and a
// folder of one's own; starting one shows the Lab dock with the briefing and goals; the fixing
// edit (an undoable command) ticks the goals and completes the lab, undo unticks them; hints
// come in order; "Show solution" asks first, then marks the differing elements on the canvas
// until Esc; progress is remembered for the next run; a saved lab design reopens its lab.

#include "cli.h"
#include "commands.h"
#include "designsession.h"
#include "document.h"
#include "exportdialog.h"
#include "labchooser.h"
#include "labpanel.h"
#include "mainwindow.h"
#include "selection.h"
#include "startpage.h"
#include "testpaths.h"

#include "core/elements.h"
#include "labs/catalogue.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>

#include <set>

using s3rd::designer::MainWindow;
using namespace s3rd;

class TestLabPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void chooserListsEveryShippedLab();
    void chooserAddsAFolderOfOwnLabs();
    void fixingEditTicksTheGoalsAndCompletes();
    void hintsComeInOrder();
    void showSolutionMarksTheDifferences();
    void savedLabDesignReopensItsLab();
    void startPageStartsALab();
    void exportedHandoutHasTheLab();

private:
    // Opens the lab through the chooser, as Help › Labs does, in a fresh window.
    void startThroughChooser(MainWindow &w, const QString &id);
    QDockWidget *labDock(MainWindow &w) { return w.findChild<QDockWidget *>("labDock"); }
    QTemporaryDir m_dir;
};

namespace {

// The DR bucket of "unversioned-destination" with versioning on: the lab's fix.
document::UpdateElementCommand *fixCommand(document::Document &doc)
{
    const std::optional<model::Element> found =
        model::findElement(doc.design(), model::ElementKind::Bucket, "b-dst");
    model::Bucket b = std::get<model::Bucket>(*found);
    b.versioning = model::Versioning::Enabled;
    return new document::UpdateElementCommand(doc, b);
}

int ticked(const QStringList &goals)
{
    return int(goals.filter(QStringLiteral("✔")).size());
}

} // namespace

void TestLabPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("s3rd-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_labpanel"));
    QVERIFY(m_dir.isValid());
}

void TestLabPanel::init()
{
    QSettings().clear();
}

void TestLabPanel::startThroughChooser(MainWindow &w, const QString &id)
{
    w.setDiscardPrompt([](const QString &) { return QMessageBox::Discard; });
    views::LabChooser chooser(&w);
    QVERIFY(chooser.selectLab(id));
    chooser.show();
    chooser.startButton()->click();
    QCOMPARE(chooser.result(), int(QDialog::Accepted));
    const std::optional<model::labs::Lab> lab = chooser.chosenLab();
    QVERIFY(lab);
    QCOMPARE(QString::fromStdString(lab->id), id);
    QVERIFY(w.startLab(*lab));
}

void TestLabPanel::chooserListsEveryShippedLab()
{
    // Every lab of resources/labs is compiled in, and loads from the resources.
    const model::labs::Catalogue source =
        model::labs::loadCatalogue(test::sourcePath("resources/labs").toStdString());
    views::LabChooser chooser;
    QVERIFY(chooser.catalogue().problems.empty());
    std::set<std::string> ids;
    for (const model::labs::Lab &lab : chooser.catalogue().labs)
        ids.insert(lab.id);
    for (const model::labs::Lab &lab : source.labs)
        QVERIFY2(ids.count(lab.id), lab.id.c_str());
    QCOMPARE(chooser.list()->topLevelItemCount(), int(source.labs.size()));
    // Title, difficulty, time and progress, easy first.
    const QTreeWidgetItem *first = chooser.list()->topLevelItem(0);
    QCOMPARE(first->text(1), QStringLiteral("Easy"));
    QVERIFY(first->text(2).endsWith(QStringLiteral("min")));
    QVERIFY(first->text(3).isEmpty()); // not started
    QVERIFY(chooser.selectLab(QStringLiteral("bucket-key-context")));
    auto *briefing = chooser.findChild<QLabel *>("labBriefing");
    QVERIFY(briefing->text().contains(QStringLiteral("The key policy that was almost right")));
}

void TestLabPanel::chooserAddsAFolderOfOwnLabs()
{
    // A trainer's folder: a copy of a shipped lab under a new id, and a broken one.
    const QString folder = m_dir.filePath(QStringLiteral("own"));
    const QString source = test::sourcePath("resources/labs/unversioned-destination");
    QVERIFY(QDir().mkpath(folder + "/mine"));
    QVERIFY(QDir().mkpath(folder + "/broken"));
    for (const char *name : {"start.s3rd.json", "solution.s3rd.json"})
        QVERIFY(QFile::copy(source + "/" + name, folder + "/mine/" + name));
    QFile in(source + "/lab.json");
    QVERIFY(in.open(QIODevice::ReadOnly));
    QByteArray lab = in.readAll();
    lab.replace("\"id\": \"unversioned-destination\"", "\"id\": \"my-own-lab\"");
    lab.replace("\"title\": \"The DR copy that never arrives\"", "\"title\": \"My own lab\"");
    QFile out(folder + "/mine/lab.json");
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(lab);
    out.close();
    QFile broken(folder + "/broken/lab.json");
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{\"format\": ");
    broken.close();

    views::LabChooser chooser;
    const int shipped = chooser.list()->topLevelItemCount();
    chooser.setFolderPrompt([folder] { return folder; });
    chooser.findChild<QPushButton *>("openLabFolderButton")->click();
    QCOMPARE(chooser.list()->topLevelItemCount(), shipped + 1);
    QVERIFY(chooser.selectLab(QStringLiteral("my-own-lab")));
    auto *problems = chooser.findChild<QLabel *>("labProblems");
    QVERIFY(problems->isVisibleTo(&chooser));
    QVERIFY2(problems->text().contains(QStringLiteral("broken/lab.json")),
             qPrintable(problems->text()));
    // Remembered: the next chooser lists the folder's labs too.
    views::LabChooser again;
    QVERIFY(again.selectLab(QStringLiteral("my-own-lab")));
}

void TestLabPanel::fixingEditTicksTheGoalsAndCompletes()
{
    MainWindow w;
    w.show();
    QVERIFY(!labDock(w)->isVisible());
    startThroughChooser(w, QStringLiteral("unversioned-destination"));
    views::LabPanel *panel = w.labPanel();
    QVERIFY(labDock(w)->isVisible());
    QVERIFY(panel->hasLab());
    QCOMPARE(QString::fromStdString(w.document().design().lab),
             QStringLiteral("unversioned-destination"));
    QVERIFY(panel->findChild<QLabel *>("labBriefing")->text().contains(QStringLiteral("logs")));
    const QStringList before = panel->goalTexts();
    QCOMPARE(before.size(), 2);
    QCOMPARE(ticked(before), 0);
    QVERIFY(panel->completionText().isEmpty());

    w.undoStack().push(fixCommand(w.document()));
    QTRY_COMPARE(ticked(panel->goalTexts()), 2);
    QVERIFY2(panel->completionText().startsWith(QStringLiteral("Lab complete in 1 min, 0 hints")),
             qPrintable(panel->completionText()));
    const document::LabRecord record =
        document::labRecord(QStringLiteral("unversioned-destination"));
    QVERIFY(record.done);
    QCOMPARE(record.hintsUsed, 0);

    w.undoStack().undo();
    QTRY_COMPARE(ticked(panel->goalTexts()), 0);
    w.undoStack().redo();
    QTRY_COMPARE(ticked(panel->goalTexts()), 2);

    // The chooser shows the lab as done.
    views::LabChooser chooser;
    QVERIFY(chooser.selectLab(QStringLiteral("unversioned-destination")));
    QVERIFY2(chooser.list()->currentItem()->text(3).contains(QStringLiteral("Done")),
             qPrintable(chooser.list()->currentItem()->text(3)));

    // A design without a lab closes the panel and hides the dock.
    w.newDesign();
    QVERIFY(!panel->hasLab());
    QVERIFY(!labDock(w)->isVisible());
}

void TestLabPanel::hintsComeInOrder()
{
    MainWindow w;
    w.show();
    startThroughChooser(w, QStringLiteral("bucket-key-context"));
    views::LabPanel *panel = w.labPanel();
    const model::labs::Lab &lab = panel->progress()->lab();
    auto *hint = panel->findChild<QPushButton *>("hintButton");
    QVERIFY(hint->isEnabled());
    QVERIFY(panel->hintTexts().isEmpty());
    for (int i = 0; i < 3; ++i) {
        hint->click();
        QCOMPARE(panel->hintTexts().size(), i + 1);
        QVERIFY(panel->hintTexts().last().contains(QString::fromStdString(lab.hints[i])));
    }
    QVERIFY(!hint->isEnabled());
    QCOMPARE(document::labRecord(QStringLiteral("bucket-key-context")).hintsUsed, 3);
}

void TestLabPanel::showSolutionMarksTheDifferences()
{
    MainWindow w;
    w.show();
    startThroughChooser(w, QStringLiteral("unversioned-destination"));
    views::LabPanel *panel = w.labPanel();
    bool asked = false;
    panel->setConfirmPrompt([&asked](const QString &, const QString &) {
        asked = true;
        return false;
    });
    auto *button = panel->findChild<QPushButton *>("solutionButton");
    button->click();
    QVERIFY(asked);
    QVERIFY(!panel->isSolutionShown());
    QVERIFY(w.selection().highlights().isEmpty());

    panel->setConfirmPrompt([](const QString &, const QString &) { return true; });
    button->click();
    QVERIFY(panel->isSolutionShown());
    QCOMPARE(int(panel->differences().size()), 1);
    QCOMPARE(panel->differences()[0].id, QStringLiteral("b-dst"));
    QVERIFY(w.selection().highlights().contains(QStringLiteral("b-dst")));
    QCOMPARE(w.selection().highlights().size(), 1);
    QVERIFY(document::labRecord(QStringLiteral("unversioned-destination")).solutionShown);

    // Making the fix while the solution shows: nothing differs any more.
    w.undoStack().push(fixCommand(w.document()));
    QTRY_VERIFY(panel->differences().empty());
    QTRY_VERIFY(w.selection().highlights().isEmpty());
    w.undoStack().undo();
    QTRY_VERIFY(w.selection().highlights().contains(QStringLiteral("b-dst")));

    // Esc hides it, wherever the focus is in the window.
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QTest::keyClick(&w, Qt::Key_Escape);
    QVERIFY(!panel->isSolutionShown());
    QVERIFY(w.selection().highlights().isEmpty());
}

void TestLabPanel::savedLabDesignReopensItsLab()
{
    const QString file = m_dir.filePath(QStringLiteral("alice.s3rd.json"));
    {
        MainWindow w;
        startThroughChooser(w, QStringLiteral("unversioned-destination"));
        w.labPanel()->revealHint();
        QVERIFY(w.saveTo(file));
    }
    MainWindow w;
    w.show();
    QVERIFY(w.openFile(file));
    QTRY_VERIFY(labDock(w)->isVisible());
    QVERIFY(w.labPanel()->hasLab());
    QCOMPARE(w.labPanel()->hintTexts().size(), 1); // remembered
    // An ordinary design: no lab.
    QVERIFY(w.openFile(test::examplePath("sse-s3-starter.s3rd.json")));
    QVERIFY(!w.labPanel()->hasLab());
    QVERIFY(!labDock(w)->isVisible());
}

void TestLabPanel::startPageStartsALab()
{
    MainWindow w;
    w.show();
    auto *page = w.findChild<views::StartPage *>();
    QVERIFY(page);
    QVERIFY(!page->labCards().empty());
    QToolButton *card = page->labCards().front();
    QVERIFY(card->text().contains(QStringLiteral("Easy")));
    card->click();
    QVERIFY(!w.isStartPageShown());
    QVERIFY(w.labPanel()->hasLab());
    QCOMPARE(QString::fromStdString(w.labPanel()->progress()->lab().id), card->objectName());
    QVERIFY(labDock(w)->isVisible());
}

// File › Export › Handout of a lab's design: the briefing first; the hints and the solution
// only when the trainer's copy is asked for.
void TestLabPanel::exportedHandoutHasTheLab()
{
    MainWindow w;
    startThroughChooser(w, QStringLiteral("unversioned-destination"));
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    const auto exportHandout = [&](bool withSolution) {
        views::ExportDialog dialog(w.document(), m_dir.filePath(QStringLiteral("lab")));
        auto *format = dialog.findChild<QComboBox *>();
        format->setCurrentIndex(format->count() - 1); // the handout
        auto *solution = dialog.findChild<QCheckBox *>("withSolutionCheck");
        if (!solution || !solution->isVisibleTo(&dialog))
            return QString();
        solution->setChecked(withSolution);
        dialog.accept();
        if (dialog.result() != QDialog::Accepted || tool.isEmpty())
            return QString(dialog.writtenPath());
        const test::RunResult r = test::runProgram(tool, {dialog.writtenPath(), "-"});
        return r.outText().simplified();
    };
    const QString learner = exportHandout(false);
    QVERIFY(!learner.isEmpty());
    if (tool.isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed to read the PDF back");
    QVERIFY(learner.contains(QStringLiteral("Lab: The DR copy that never arrives")));
    QVERIFY(!learner.contains(QStringLiteral("For the trainer")));
    QVERIFY(exportHandout(true).contains(QStringLiteral("For the trainer")));
}

QTEST_MAIN(TestLabPanel)
#include "tst_labpanel.moc"
