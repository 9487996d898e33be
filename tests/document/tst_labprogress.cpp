// A learner's progress through a lab, without widgets: goals follow the design, hints come in
// order, the time and the hints are recorded on completion and remembered for the next run,
// and the solution's differences leave out where boxes sit.

#include "labprogress.h"
#include "testpaths.h"

#include "labs/catalogue.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace s3rd;
using namespace s3rd::document;
using model::labs::Lab;

class TestLabProgress : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void goalsFollowTheDesign();
    void hintsComeInOrderAndAreRemembered();
    void completionRecordsTimeAndHints();
    void solutionDifferencesLeaveOutGeometry();

private:
    const Lab &lab() const { return *m_catalogue.find("unversioned-destination"); }
    // The start design with the fix: versioning on the DR bucket.
    model::Design fixed() const;
    model::labs::Catalogue m_catalogue;
    QDateTime m_now = QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC);
};

void TestLabProgress::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("s3rd-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_labprogress"));
    m_catalogue = model::labs::loadCatalogue(test::sourcePath("resources/labs").toStdString());
    QVERIFY(m_catalogue.find("unversioned-destination"));
}

void TestLabProgress::init()
{
    QSettings().clear();
    m_now = QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC);
}

model::Design TestLabProgress::fixed() const
{
    model::Design d = lab().start;
    for (model::Bucket &b : d.buckets) {
        if (b.id == "b-dst")
            b.versioning = model::Versioning::Enabled;
    }
    return d;
}

void TestLabProgress::goalsFollowTheDesign()
{
    LabProgress p(lab(), [this] { return m_now; });
    QVERIFY(p.update(lab().start));
    QCOMPARE(p.goalsMet(), 0);
    QVERIFY(!p.allMet());
    QVERIFY(!p.update(lab().start)); // nothing changed, nothing to redraw
    QVERIFY(p.update(fixed()));
    QCOMPARE(p.goalsMet(), int(lab().goals.size()));
    QVERIFY(p.allMet());
    // Undoing the fix unticks the goals again; the completion stays recorded.
    QVERIFY(p.update(lab().start));
    QCOMPARE(p.goalsMet(), 0);
    QVERIFY(p.completed());
}

void TestLabProgress::hintsComeInOrderAndAreRemembered()
{
    {
        LabProgress p(lab(), [this] { return m_now; });
        QCOMPARE(p.hintsUsed(), 0);
        QVERIFY(p.revealedHints().isEmpty());
        QCOMPARE(p.revealNextHint(), QString::fromStdString(lab().hints[0]));
        QCOMPARE(p.revealNextHint(), QString::fromStdString(lab().hints[1]));
        QCOMPARE(p.hintsUsed(), 2);
    }
    // The next run of the designer resumes with the same hints shown.
    LabProgress again(lab(), [this] { return m_now; });
    QCOMPARE(again.hintsUsed(), 2);
    QCOMPARE(again.revealedHints().size(), 2);
    QVERIFY(again.hasNextHint());
    QCOMPARE(again.revealNextHint(), QString::fromStdString(lab().hints[2]));
    QVERIFY(!again.hasNextHint());
    QVERIFY(again.revealNextHint().isEmpty());
    QCOMPARE(labRecord(again.id()).hintsUsed, 3);
}

void TestLabProgress::completionRecordsTimeAndHints()
{
    LabProgress p(lab(), [this] { return m_now; });
    QVERIFY(labRecord(p.id()).started.isValid());
    p.update(lab().start);
    QVERIFY(p.completionText().isEmpty());
    m_now = m_now.addSecs(5 * 60);
    p.revealNextHint();
    m_now = m_now.addSecs(7 * 60 + 30);
    QCOMPARE(p.elapsedSeconds(), qint64(12 * 60 + 30));
    p.update(fixed());
    QVERIFY(p.completed());
    QCOMPARE(p.completionText(), QStringLiteral("Lab complete in 13 min, 1 hint used"));
    const LabRecord r = labRecord(p.id());
    QVERIFY(r.done);
    QCOMPARE(r.seconds, qint64(12 * 60 + 30));
    QCOMPARE(r.hintsUsed, 1);
    // The clock stops at the completion, and a second completion keeps the first time.
    m_now = m_now.addSecs(3600);
    QCOMPARE(p.elapsedSeconds(), qint64(12 * 60 + 30));
    p.update(lab().start);
    p.update(fixed());
    QCOMPARE(labRecord(p.id()).seconds, qint64(12 * 60 + 30));
    forgetLab(p.id());
    QVERIFY(!labRecord(p.id()).done);
    QVERIFY(!labRecord(p.id()).started.isValid());
}

void TestLabProgress::solutionDifferencesLeaveOutGeometry()
{
    model::Design moved = lab().start;
    for (model::Bucket &b : moved.buckets)
        b.geometry.x += 300;
    const std::vector<SolutionDifference> diff = solutionDifferences(moved, lab());
    QCOMPARE(int(diff.size()), 1);
    QCOMPARE(diff[0].id, QStringLiteral("b-dst"));
    QCOMPARE(diff[0].change, model::review::Change::Changed);
    QCOMPARE(diff[0].fields, QStringList{QStringLiteral("versioning")});
    QVERIFY2(diff[0].label.startsWith(QStringLiteral("bucket acme-app-logs-dr")),
             qPrintable(diff[0].label));
    QVERIFY(solutionDifferences(lab().solution, lab()).empty());
}

QTEST_GUILESS_MAIN(TestLabProgress)
#include "tst_labprogress.moc"
