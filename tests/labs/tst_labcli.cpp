// `s3rd lab`: list, start and grade run as an instructor would, with their exit codes and the
// shape of their JSON.

#include "cli.h"
#include "files.h"
#include "testpaths.h"

#include "core/designfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace s3rd::model;
using namespace s3rd::test;

class TestLabCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void listText();
    void listJson();
    void startWritesTheDesignWithItsLab();
    void gradeStartAndSolution();
    void gradeJson();
    void gradeWithLabOption();
    void badInput_data();
    void badInput();
    void trainersOwnFolder();
    void handoutOfALab();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

namespace {

QJsonObject parseObject(const RunResult &r)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("not a JSON object: %s", r.out.constData());
    return doc.object();
}

} // namespace

void TestLabCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The shipped labs are found from the build tree without any option.
    const RunResult start = runS3rd({"lab", "start", "unversioned-destination", "--out",
                                     path("start.s3rd.json")});
    QCOMPARE(start.exitCode, 0);
    const RunResult solution = runS3rd({"lab", "start", "unversioned-destination", "--solution",
                                        "--out", path("solution.s3rd.json")});
    QCOMPARE(solution.exitCode, 0);
}

void TestLabCli::listText()
{
    const RunResult r = runS3rd({"lab", "list"});
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = r.outText().split('\n', Qt::SkipEmptyParts);
    QVERIFY(lines.size() >= 12);
    QVERIFY(lines.first().contains("easy"));
    QVERIFY(lines.last().contains("hard"));
    const QString line = lines.filter("unversioned-destination").value(0);
    QVERIFY2(line.contains("10 min") && line.contains("The DR copy that never arrives"),
             qPrintable(line));
}

void TestLabCli::listJson()
{
    const RunResult r = runS3rd({"lab", "list", "--format", "json"});
    QCOMPARE(r.exitCode, 0);
    const QJsonArray labs = parseObject(r).value("labs").toArray();
    QVERIFY(labs.size() >= 12);
    for (const QJsonValue &v : labs) {
        const QJsonObject o = v.toObject();
        QCOMPARE(o.keys(), (QStringList{"difficulty", "id", "minutes", "title"}));
        QVERIFY(QStringList({"easy", "medium", "hard"}).contains(o.value("difficulty").toString()));
        QVERIFY(o.value("minutes").toInt() > 0);
    }
}

void TestLabCli::startWritesTheDesignWithItsLab()
{
    const LoadResult r = loadDesignFile(path("start.s3rd.json").toStdString());
    QVERIFY(r.ok());
    QCOMPARE(r.design.lab, std::string("unversioned-destination"));
    QVERIFY(runS3rd({"lint", path("start.s3rd.json")}).exitCode == 0);
    // The start really is broken: the checklist fails it.
    QCOMPARE(runS3rd({"check", path("start.s3rd.json")}).exitCode, 1);
}

void TestLabCli::gradeStartAndSolution()
{
    const RunResult start = runS3rd({"lab", "grade", path("start.s3rd.json")});
    QCOMPARE(start.exitCode, 1);
    QVERIFY2(start.outText().contains("0 of 2 goals met"), qPrintable(start.outText()));
    QVERIFY(start.outText().contains(QString::fromUtf8("✘")));
    QVERIFY(!start.outText().contains(QString::fromUtf8("✔")));
    const RunResult solution = runS3rd({"lab", "grade", path("solution.s3rd.json")});
    QCOMPARE(solution.exitCode, 0);
    QVERIFY2(solution.outText().contains("2 of 2 goals met"), qPrintable(solution.outText()));
    // One file short of its goals fails the whole class run.
    QCOMPARE(runS3rd({"lab", "grade", path("solution.s3rd.json"), path("start.s3rd.json")})
                 .exitCode,
             1);
}

void TestLabCli::gradeJson()
{
    const RunResult r = runS3rd({"lab", "grade", path("start.s3rd.json"),
                                 path("solution.s3rd.json"), "--format", "json"});
    QCOMPARE(r.exitCode, 1);
    const QJsonObject doc = parseObject(r);
    QCOMPARE(doc.value("allMet").toBool(true), false);
    const QJsonArray files = doc.value("files").toArray();
    QCOMPARE(files.size(), 2);
    const QJsonObject start = files[0].toObject();
    QCOMPARE(start.keys(), (QStringList{"file", "goals", "lab", "met", "total"}));
    QCOMPARE(start.value("lab").toString(), QString("unversioned-destination"));
    QCOMPARE(start.value("met").toInt(), 0);
    QCOMPARE(start.value("total").toInt(), 2);
    const QJsonObject goal = start.value("goals").toArray()[0].toObject();
    QCOMPARE(goal.keys(), (QStringList{"description", "kind", "met", "reason"}));
    QCOMPARE(goal.value("kind").toString(), QString("replicates"));
    QCOMPARE(goal.value("met").toBool(true), false);
    QCOMPARE(files[1].toObject().value("met").toInt(), 2);
}

void TestLabCli::gradeWithLabOption()
{
    // A design the learner drew from scratch records no lab: --lab names it.
    Design d = loadDesignFile(path("solution.s3rd.json").toStdString()).design;
    d.lab.clear();
    QVERIFY(writeFile(path("own.s3rd.json"), QByteArray::fromStdString(serializeDesign(d))));
    const RunResult without = runS3rd({"lab", "grade", path("own.s3rd.json")});
    QCOMPARE(without.exitCode, 2);
    QVERIFY(without.errText().contains("--lab"));
    QCOMPARE(runS3rd({"lab", "grade", path("own.s3rd.json"), "--lab",
                      "unversioned-destination"}).exitCode,
             0);
    // --lab wins over the recorded lab.
    QCOMPARE(runS3rd({"lab", "grade", path("solution.s3rd.json"), "--lab", "chain-a-b-c"})
                 .exitCode,
             1);
}

void TestLabCli::badInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no action") << QStringList{"lab"} << "list, start or grade";
    QTest::newRow("unknown action") << QStringList{"lab", "play"} << "unknown lab command";
    QTest::newRow("unknown lab") << QStringList{"lab", "start", "no-such-lab", "--out", "x"}
                                 << "no lab 'no-such-lab'";
    QTest::newRow("start without out") << QStringList{"lab", "start", "chain-a-b-c"} << "--out";
    QTest::newRow("bad format") << QStringList{"lab", "list", "--format", "xml"} << "--format";
    QTest::newRow("grade nothing") << QStringList{"lab", "grade"} << "at least one";
    QTest::newRow("grade missing file") << QStringList{"lab", "grade", "/nonexistent.s3rd.json"}
                                        << "cannot open";
    QTest::newRow("grade unknown lab") << QStringList{"lab", "grade", "x", "--lab", "nope"}
                                       << "no lab 'nope'";
    QTest::newRow("missing labs dir") << QStringList{"lab", "list", "--labs-dir", "/nonexistent"}
                                      << "no such folder";
    QTest::newRow("unknown option") << QStringList{"lab", "list", "--colour"} << "--colour";
}

void TestLabCli::badInput()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const RunResult r = runS3rd(args);
    QVERIFY(!r.crashed);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.errText().contains(message), qPrintable(r.errText()));
}

void TestLabCli::trainersOwnFolder()
{
    // A trainer's folder with one lab, and one broken lab next to it.
    const QString folder = path("trainer");
    const QString shipped = sourcePath("resources/labs/unversioned-destination");
    QByteArray lab = readFile(shipped + "/lab.json");
    lab.replace("\"id\": \"unversioned-destination\"", "\"id\": \"my-first-lab\"");
    for (const char *name : {"start.s3rd.json", "solution.s3rd.json"})
        QVERIFY(writeFile(folder + "/mine/" + name, readFile(shipped + "/" + name)));
    QVERIFY(writeFile(folder + "/mine/lab.json", lab));
    RunResult r = runS3rd({"lab", "list", "--labs-dir", folder, "--format", "json"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(parseObject(r).value("labs").toArray().size(), 1);
    QVERIFY(writeFile(folder + "/broken/lab.json", "{\"format\": \"s3-replication-designer-lab\",\n  \"id\": 3}"));
    r = runS3rd({"lab", "list", "--labs-dir", folder});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.outText().contains("my-first-lab"));
    QVERIFY2(r.errText().contains("broken/lab.json:id: expected a string"), qPrintable(r.errText()));
    // The environment variable does the same as --labs-dir.
    RunOptions env;
    env.environment = QProcessEnvironment::systemEnvironment();
    env.environment->insert("S3RD_LABS_DIR", folder);
    r = runS3rd({"lab", "grade", path("solution.s3rd.json"), "--lab", "my-first-lab"}, env);
    // A broken lab the class does not use does not fail the grading (lab list shows it).
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.outText().contains("2 of 2 goals met"));
}

namespace {

// The text of a PDF as pdftotext reads it, whitespace folded; empty without pdftotext.
QString pdfText(const QString &pdf)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (tool.isEmpty())
        return {};
    const RunResult r = runProgram(tool, {QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf,
                                          QStringLiteral("-")});
    return r.outText().simplified();
}

} // namespace

// `s3rd export --format handout` of a design started from a lab: the briefing and goals come
// first; the hints and the solution only with --with-solution.
void TestLabCli::handoutOfALab()
{
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed");
    const QString learner = path("handout-learner.pdf");
    RunResult r = runS3rd({"export", path("start.s3rd.json"), "--format", "handout", "--out",
                           learner});
    QCOMPARE(r.exitCode, 0);
    QString text = pdfText(learner);
    QVERIFY2(text.contains("Lab: The DR copy that never arrives"), qPrintable(text.left(400)));
    QVERIFY(text.contains("The checklist no longer flags the DR bucket's versioning"));
    QVERIFY(!text.contains("For the trainer"));
    QVERIFY(!text.contains("Versioning must be enabled on the destination bucket too"));

    const QString trainer = path("handout-trainer.pdf");
    r = runS3rd({"export", path("start.s3rd.json"), "--format", "handout", "--out", trainer,
                 "--with-solution"});
    QCOMPARE(r.exitCode, 0);
    text = pdfText(trainer);
    QVERIFY(text.contains("For the trainer"));
    QVERIFY(text.contains("b-dst: versioning: \"unversioned\" -> \"enabled\""));

    // Without a lab there is no solution to add; a lab the folder does not have is named.
    r = runS3rd({"export", examplePath("sse-s3-starter.s3rd.json"), "--format", "handout",
                 "--out", path("plain.pdf"), "--with-solution"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.errText().contains("--with-solution"));
    r = runS3rd({"export", path("start.s3rd.json"), "--format", "handout", "--out",
                 path("elsewhere.pdf"), "--labs-dir", m_dir.path()});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.errText().contains("unversioned-destination"), qPrintable(r.errText()));
    r = runS3rd({"export", path("start.s3rd.json"), "--format", "png", "--out", path("x.png"),
                 "--with-solution"});
    QCOMPARE(r.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestLabCli)
#include "tst_labcli.moc"
