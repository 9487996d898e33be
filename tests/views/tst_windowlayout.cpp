// The main window's layout as a user sees it: the properties and the generated policies side by
// side, on a 1366×768 screen as on a 1920×1080 one, with the canvas keeping a usable share; the
// layout remembered, a layout saved by an older version not restored, View › Reset Layout; and
// the start page offering the examples before there is a design, with the window to itself.

#include "canvasview.h"
#include "document.h"
#include "mainwindow.h"
#include "labpanel.h"
#include "startpage.h"
#include "testpaths.h"

#include <QAction>
#include <QPushButton>
#include <QDockWidget>
#include <QLabel>
#include <QStatusBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>

#include <algorithm>

using s3rd::designer::MainWindow;
using namespace s3rd;

namespace {

QDockWidget *dock(MainWindow &w, const char *name)
{
    return w.findChild<QDockWidget *>(QLatin1String(name));
}

QRect geometryIn(MainWindow &w, QWidget *widget)
{
    return QRect(widget->mapTo(&w, QPoint()), widget->size());
}

// The edit and its effect both visible, side by side, the canvas keeping a usable share.
void verifySideBySide(MainWindow &w)
{
    QDockWidget *properties = dock(w, "propertiesDock");
    QDockWidget *policies = dock(w, "policiesDock");
    QVERIFY(properties && policies);
    QVERIFY(properties->isVisible());
    QVERIFY(policies->isVisible());
    QVERIFY(w.tabifiedDockWidgets(properties).isEmpty());
    const QRect p = geometryIn(w, properties);
    const QRect g = geometryIn(w, policies);
    QVERIFY(!p.intersects(g));
    QVERIFY2(g.left() >= p.right(), "the policies are beside the properties");
    QVERIFY(p.width() >= 240);
    QVERIFY(g.width() >= 300);
    QVERIFY(g.height() > w.height() * 2 / 3);
    const QRect canvas = geometryIn(w, w.centralWidget()); // the canvas or the start page
    QVERIFY2(canvas.height() >= w.height() / 2,
             qPrintable(QStringLiteral("canvas %1 of %2").arg(canvas.height()).arg(w.height())));
    QVERIFY(canvas.width() >= w.width() * 2 / 5);
}

} // namespace

class TestWindowLayout : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void editAndEffectSideBySide_data();
    void editAndEffectSideBySide();
    void layoutIsRemembered();
    void olderLayoutIsNotRestored();
    void resetLayoutBringsEveryDockBack();
    void startPageOffersTheExamples();
    void startPageHasTheWindowToItself_data();
    void startPageHasTheWindowToItself();
    void startPageWorksByKeyboard();
    void openingAFileSkipsTheStartPage();
    void openingALabShowsItsDockInFront();
};

void TestWindowLayout::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("s3rd-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_windowlayout"));
}

void TestWindowLayout::init()
{
    QSettings().clear();
}

void TestWindowLayout::editAndEffectSideBySide_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1366x768") << QSize(1366, 740);
    QTest::newRow("1920x1080") << QSize(1920, 1050);
}

void TestWindowLayout::editAndEffectSideBySide()
{
    QFETCH(QSize, size);
    MainWindow w;
    w.resize(size);
    QVERIFY(w.openFile(test::examplePath("cross-account-sse-kms.s3rd.json")));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTest::qWait(50); // the default sizes are applied once shown
    QCOMPARE(w.size(), size); // the docks' minimum sizes fit the screen
    verifySideBySide(w);
}

void TestWindowLayout::layoutIsRemembered()
{
    {
        MainWindow w;
        w.resize(1366, 740);
        QVERIFY(w.openFile(test::examplePath("sse-s3-starter.s3rd.json")));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTest::qWait(50);
        dock(w, "checklistDock")->hide();
        w.addDockWidget(Qt::LeftDockWidgetArea, dock(w, "policiesDock"));
        w.close();
    }
    // A run that shows only the start page (the docks hidden for it) keeps that layout.
    {
        MainWindow startOnly;
        startOnly.show();
        QVERIFY(QTest::qWaitForWindowExposed(&startOnly));
        QVERIFY(startOnly.isStartPageShown());
        startOnly.close();
    }
    MainWindow again;
    QVERIFY(again.openFile(test::examplePath("sse-s3-starter.s3rd.json")));
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QTest::qWait(50);
    QVERIFY(dock(again, "checklistDock")->isHidden());
    QVERIFY(dock(again, "policiesDock")->isVisible());
    QCOMPARE(again.dockWidgetArea(dock(again, "policiesDock")), Qt::LeftDockWidgetArea);
}

void TestWindowLayout::olderLayoutIsNotRestored()
{
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        dock(w, "policiesDock")->hide();
        // What a version with another arrangement of docks would have saved.
        QSettings().setValue("window/state", w.saveState(MainWindow::kLayoutVersion - 1));
    }
    MainWindow again;
    again.resize(1366, 740);
    QVERIFY(again.openFile(test::examplePath("sse-s3-starter.s3rd.json")));
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QTest::qWait(50);
    verifySideBySide(again);
}

void TestWindowLayout::resetLayoutBringsEveryDockBack()
{
    MainWindow w;
    w.resize(1366, 740);
    QVERIFY(w.openFile(test::examplePath("fan-out-two-regions.s3rd.json")));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    dock(w, "policiesDock")->hide();
    dock(w, "propertiesDock")->setFloating(true);
    w.tabifyDockWidget(dock(w, "paletteDock"), dock(w, "overviewDock"));
    QAction *reset = w.findChild<QAction *>("resetLayoutAction");
    QVERIFY(reset);
    reset->trigger();
    QTest::qWait(50);
    for (QDockWidget *d : w.findChildren<QDockWidget *>()) {
        if (d->objectName() == QLatin1String("labDock")) { // shown only while a lab is open
            QVERIFY(!d->isVisible());
            continue;
        }
        QVERIFY2(d->isVisible(), qPrintable(d->objectName()));
        QVERIFY2(!d->isFloating(), qPrintable(d->objectName()));
    }
    QVERIFY(w.tabifiedDockWidgets(dock(w, "paletteDock")).isEmpty());
    verifySideBySide(w);
}

void TestWindowLayout::startPageOffersTheExamples()
{
    MainWindow w;
    w.show();
    QVERIFY(w.isStartPageShown());
    auto *page = w.findChild<views::StartPage *>();
    QVERIFY(page && page->isVisible());
    QCOMPARE(int(page->exampleCards().size()), MainWindow::templatePaths().size());
    for (QToolButton *card : page->exampleCards()) {
        QVERIFY(card->isEnabled());
        QVERIFY(!card->icon().isNull()); // a picture of the example's diagram
        QVERIFY(!card->text().isEmpty());
    }
    // The shipped labs are compiled in: one card each, pictured like the examples.
    QCOMPARE(page->labCards().size(), w.labPanel()->catalogue().labs.size());
    QVERIFY(page->labCards().size() >= 12);
    for (QToolButton *card : page->labCards())
        QVERIFY(!card->icon().isNull());
    page->exampleCards().front()->click();
    QVERIFY(!w.isStartPageShown());
    QVERIFY(w.view()->isVisible());
    QVERIFY(!w.document().design().buckets.empty());
    QVERIFY(w.currentFile().isEmpty()); // an example starts untitled, like a template
}

void TestWindowLayout::startPageHasTheWindowToItself_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1366x768") << QSize(1366, 740);
    QTest::newRow("1920x1080") << QSize(1920, 1050);
}

// No dock shows an empty design beside the start page; the docks come back, side by side and
// sized for the window, with the first design, and go again with View › Start Page.
void TestWindowLayout::startPageHasTheWindowToItself()
{
    QFETCH(QSize, size);
    MainWindow w;
    w.resize(size);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTest::qWait(50);
    QVERIFY(w.isStartPageShown());
    for (QDockWidget *d : w.findChildren<QDockWidget *>()) {
        QVERIFY2(!d->isVisible(), qPrintable(d->objectName()));
        QVERIFY2(!d->toggleViewAction()->isChecked(), qPrintable(d->objectName()));
    }
    auto *page = w.findChild<views::StartPage *>();
    QCOMPARE(page->width(), w.width());
    // Finding counts belong to a design: the status bar shows none on the start page.
    const auto countsShown = [&w] {
        const auto labels = w.statusBar()->findChildren<QLabel *>();
        return std::any_of(labels.begin(), labels.end(), [](const QLabel *l) {
            return l->isVisible() && l->text().contains(QLatin1String("error"));
        });
    };
    QVERIFY(!countsShown());

    page->exampleCards().front()->click();
    QTest::qWait(50);
    QVERIFY(!w.isStartPageShown());
    QVERIFY(countsShown());
    QVERIFY(dock(w, "paletteDock")->isVisible());
    QVERIFY(dock(w, "checklistDock")->isVisible());
    QVERIFY(!dock(w, "labDock")->isVisible());
    verifySideBySide(w);

    w.showStartPage();
    QVERIFY(!dock(w, "policiesDock")->isVisible());
    QVERIFY(!dock(w, "propertiesDock")->isVisible());
    page->findChild<QPushButton *>("newButton")->click();
    QVERIFY(!w.isStartPageShown());
    verifySideBySide(w);
}

void TestWindowLayout::startPageWorksByKeyboard()
{
    MainWindow w;
    w.show();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    auto *page = w.findChild<views::StartPage *>();
    QToolButton *second = page->exampleCards().at(1);
    second->setFocus();
    QTest::keyClick(second, Qt::Key_Space);
    QVERIFY(!w.isStartPageShown());
    QVERIFY(!w.document().design().buckets.empty());
    // View › Start Page brings it back; New empty design leaves it for an empty canvas.
    w.showStartPage();
    QVERIFY(w.isStartPageShown());
    auto *blank = page->findChild<QPushButton *>("newButton");
    QVERIFY(blank);
    blank->click();
    QVERIFY(!w.isStartPageShown());
    QVERIFY(w.document().design().buckets.empty());
}

void TestWindowLayout::openingAFileSkipsTheStartPage()
{
    MainWindow w;
    QVERIFY(w.openFile(test::examplePath("sse-s3-starter.s3rd.json")));
    w.show();
    QVERIFY(!w.isStartPageShown());
    QVERIFY(w.view()->isVisible());
}

// A lab's design opened from the start (as from the command line) shows its Lab dock in front
// of the tab it shares, not behind it.
void TestWindowLayout::openingALabShowsItsDockInFront()
{
    MainWindow w;
    w.resize(1366, 740);
    QVERIFY(w.openFile(test::sourcePath("resources/labs/bucket-key-context/start.s3rd.json")));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTest::qWait(50);
    QDockWidget *lab = dock(w, "labDock");
    QVERIFY(lab->isVisible());
    QVERIFY(!lab->visibleRegion().isEmpty());
}

QTEST_MAIN(TestWindowLayout)
#include "tst_windowlayout.moc"
