// The labs: every shipped exercise is gradeable (its start meets no goal, its solution meets
// all), each goal kind decides what it says, and a broken lab file is reported with its file
// and location, never a crash.

#include "files.h"
#include "testpaths.h"

#include "checks/findings.h"
#include "core/designfile.h"
#include "labs/catalogue.h"
#include "labs/goals.h"
#include "policies/artifacts.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace s3rd::model;
using namespace s3rd::model::labs;
using namespace s3rd::test;

class TestLabs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void catalogueCoversTheGotchas();
    void startMeetsNoGoalSolutionMeetsAll_data();
    void startMeetsNoGoalSolutionMeetsAll();
    void startDesignsRecordTheirLab();
    void reasonsNameWhatFailed();
    void keyPolicyKeptNeedsTheStatements();
    void deletedElementIsNotMet();
    void noNewAccessRefusesOpeningItToEveryone();
    void badLabFiles_data();
    void badLabFiles();
    void brokenDesignOfALab();
    void catalogueReportsDuplicatesAndKeepsTheRest();

private:
    QString writeLab(const QString &folder, const QByteArray &labJson);
    const Lab &shipped(const char *id) const;
    Catalogue m_catalogue;
    QTemporaryDir m_dir;
};

namespace {

int countMet(const std::vector<GoalResult> &results)
{
    return int(std::count_if(results.begin(), results.end(),
                             [](const GoalResult &r) { return r.met; }));
}

QString describe(const Lab &lab, const std::vector<GoalResult> &results)
{
    QString s;
    for (std::size_t i = 0; i < results.size(); ++i)
        s += QString("\n  %1 %2: %3")
                 .arg(results[i].met ? "met" : "NOT met",
                      QString::fromStdString(lab.goals[i].description),
                      QString::fromStdString(results[i].reason));
    return s;
}

// A lab.json that loads, to break one field at a time.
const char *const kValidLab = R"({
  "format": "s3-replication-designer-lab",
  "formatVersion": 1,
  "id": "my-lab",
  "title": "A lab",
  "difficulty": "easy",
  "minutes": 5,
  "briefing": "Something is wrong.",
  "goals": [{"kind": "no-errors", "description": "No error"}],
  "hints": ["one", "two", "three"],
  "start": "start.s3rd.json",
  "solution": "solution.s3rd.json"
})";

} // namespace

void TestLabs::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_catalogue = loadCatalogue(sourcePath("resources/labs").toStdString());
    for (const LabProblem &p : m_catalogue.problems)
        qWarning("%s", problemText(p).c_str());
    QVERIFY(m_catalogue.problems.empty());
}

const Lab &TestLabs::shipped(const char *id) const
{
    const Lab *lab = m_catalogue.find(id);
    if (!lab)
        qFatal("no shipped lab %s", id);
    return *lab;
}

void TestLabs::catalogueCoversTheGotchas()
{
    // The gotchas of the seed document, one lab each, easy to hard.
    const char *const ids[] = {
        "unversioned-destination",       "kms-objects-not-selected",
        "replica-key-wrong-region",      "aws-managed-key-cross-account",
        "missing-destination-bucket-policy", "sse-c-blocked-destination",
        "tag-filter-delete-markers",     "chain-a-b-c",
        "two-way-without-replica-sync",  "object-lock-destination",
        "ownership-across-accounts",     "bucket-key-context",
        "scp-denies-replication-role",
    };
    QVERIFY(m_catalogue.labs.size() >= 12);
    for (const char *id : ids)
        QVERIFY2(m_catalogue.find(id), id);
    QVERIFY(std::is_sorted(m_catalogue.labs.begin(), m_catalogue.labs.end(),
                           [](const Lab &a, const Lab &b) { return a.difficulty < b.difficulty; }));
    QCOMPARE(m_catalogue.labs.front().difficulty, Difficulty::Easy);
    QCOMPARE(m_catalogue.labs.back().difficulty, Difficulty::Hard);
    for (const Lab &lab : m_catalogue.labs) {
        QCOMPARE(lab.hints.size(), kHintCount);
        QVERIFY(!lab.briefing.empty());
        QVERIFY(lab.minutes > 0);
    }
}

void TestLabs::startMeetsNoGoalSolutionMeetsAll_data()
{
    QTest::addColumn<QString>("id");
    for (const Lab &lab : m_catalogue.labs)
        QTest::newRow(lab.id.c_str()) << QString::fromStdString(lab.id);
}

void TestLabs::startMeetsNoGoalSolutionMeetsAll()
{
    QFETCH(QString, id);
    const Lab &lab = *m_catalogue.find(id.toStdString());
    const std::vector<GoalResult> start = grade(lab, lab.start);
    QCOMPARE(start.size(), lab.goals.size());
    QVERIFY2(countMet(start) == 0, qPrintable("start:" + describe(lab, start)));
    const std::vector<GoalResult> solution = grade(lab, lab.solution);
    QVERIFY2(countMet(solution) == int(lab.goals.size()),
             qPrintable("solution:" + describe(lab, solution)));
    for (const GoalResult &r : start)
        QVERIFY(!r.reason.empty());
    // The start really is broken and the solution really works, as the checklist sees them
    // too: the solution has no error.
    const std::vector<Artifact> artifacts = generateArtifacts(lab.solution);
    const CheckReport report = runChecks(lab.solution, artifacts);
    QString errors;
    for (const Finding &f : report.findings) {
        if (f.severity == Severity::Error)
            errors += QString::fromStdString(" " + f.rule);
    }
    QVERIFY2(errors.isEmpty(), qPrintable("solution errors:" + errors));
}

void TestLabs::startDesignsRecordTheirLab()
{
    for (const Lab &lab : m_catalogue.labs) {
        QCOMPARE(lab.start.lab, lab.id);
        QCOMPARE(lab.solution.lab, lab.id);
        // Shipped files are canonical, as the designer saves them.
        QCOMPARE(readFile(QString::fromStdString(lab.startFile)).toStdString(),
                 serializeDesign(lab.start));
        QCOMPARE(readFile(QString::fromStdString(lab.solutionFile)).toStdString(),
                 serializeDesign(lab.solution));
    }
}

void TestLabs::reasonsNameWhatFailed()
{
    const Lab &lab = shipped("unversioned-destination");
    const std::vector<GoalResult> r = grade(lab, lab.start);
    QVERIFY2(r[0].reason.find("acme-app-logs-dr-usw2") != std::string::npos, r[0].reason.c_str());
    QVERIFY2(r[1].reason.find("versioning-destination-off") != std::string::npos,
             r[1].reason.c_str());
}

void TestLabs::keyPolicyKeptNeedsTheStatements()
{
    const Lab &lab = shipped("bucket-key-context");
    // Deleting the custom key policy lets the generated one through: it replicates, but the
    // lab's goal asks for the policy to be fixed, not replaced.
    Design deleted = lab.start;
    for (KmsKey &k : deleted.keys)
        k.customKeyPolicy.reset();
    std::vector<GoalResult> r = grade(lab, deleted);
    QVERIFY(!r[0].met);
    QVERIFY2(r[0].reason.find("removed") != std::string::npos, r[0].reason.c_str());
    // Keeping only the fixed statement drops the administrators' one.
    Design stripped = lab.solution;
    for (KmsKey &k : stripped.keys) {
        if (k.customKeyPolicy) {
            nlohmann::json doc = nlohmann::json::parse(k.customKeyPolicy->document);
            doc["Statement"].erase(0);
            k.customKeyPolicy->document = doc.dump();
        }
    }
    r = grade(lab, stripped);
    QVERIFY(!r[0].met);
    QVERIFY2(r[0].reason.find("KeyAdministration") != std::string::npos, r[0].reason.c_str());
}

void TestLabs::deletedElementIsNotMet()
{
    const Lab &lab = shipped("chain-a-b-c");
    Design d = lab.solution;
    d.rules.erase(d.rules.begin()); // the learner deleted "masters-east-to-west"
    std::vector<GoalResult> r = grade(lab, d);
    QVERIFY(r[0].met); // A -> C still replicates
    QVERIFY(!r[1].met);
    QVERIFY2(r[1].reason.find("acme-media-masters-usw2") != std::string::npos, r[1].reason.c_str());
    // Disabling a rule is not a fix either.
    d = lab.solution;
    d.rules[1].enabled = false;
    r = grade(lab, d);
    QVERIFY(!r[1].met);
    Design noBucket = lab.solution;
    noBucket.buckets.pop_back();
    QVERIFY(!grade(lab, noBucket)[0].met);
}

namespace {

// Adds a statement to a custom policy's document.
void addStatement(std::optional<CustomPolicy> &policy, const nlohmann::json &statement)
{
    QVERIFY(policy);
    nlohmann::json doc = nlohmann::json::parse(policy->document);
    doc["Statement"].push_back(statement);
    policy->document = doc.dump(2);
}

// The one goal of kind `kind` inside the lab's goals (top level or in an all-of).
const Goal *findGoal(const std::vector<Goal> &goals, const std::string &kind)
{
    for (const Goal &g : goals) {
        if (g.kind == kind)
            return &g;
        if (const Goal *inner = findGoal(g.goals, kind))
            return inner;
    }
    return nullptr;
}

} // namespace

void TestLabs::noNewAccessRefusesOpeningItToEveryone()
{
    // A learner who makes replication work by opening the bucket to everyone fails the lab:
    // the object replicates, the TLS statement is kept, but s3:* is granted to anyone.
    const Lab &bucketLab = shipped("missing-destination-bucket-policy");
    QVERIFY(findGoal(bucketLab.goals, "no-new-access"));
    Design open = bucketLab.solution;
    addStatement(open.buckets[1].customBucketPolicy,
                 {{"Sid", "EveryoneIn"}, {"Effect", "Allow"}, {"Principal", "*"},
                  {"Action", "s3:*"}, {"Resource", "arn:aws:s3:::acme-ledger-backup-usw2/*"}});
    Lab only = bucketLab;
    only.goals = {*findGoal(bucketLab.goals, "no-new-access")};
    std::vector<GoalResult> r = grade(only, open);
    QVERIFY(!r[0].met);
    QVERIFY2(r[0].reason.find("by anyone") != std::string::npos, r[0].reason.c_str());
    QVERIFY2(r[0].reason.find("acme-ledger-backup-usw2") != std::string::npos, r[0].reason.c_str());
    QVERIFY(!grade(bucketLab, open)[0].met); // the lab's all-of fails with it
    // The solution itself, moved around on the canvas, grants nothing new.
    Design moved = bucketLab.solution;
    moved.buckets[0].geometry.x += 200;
    r = grade(only, moved);
    QVERIFY2(r[0].met, r[0].reason.c_str());

    // The same with kms:* for everyone in the key policy of the Bucket Key lab.
    const Lab &keyLab = shipped("bucket-key-context");
    only = keyLab;
    only.goals = {*findGoal(keyLab.goals, "no-new-access")};
    Design keyOpen = keyLab.solution;
    for (KmsKey &k : keyOpen.keys) {
        if (k.customKeyPolicy)
            addStatement(k.customKeyPolicy, {{"Sid", "EveryoneDecrypts"}, {"Effect", "Allow"},
                                             {"Principal", "*"}, {"Action", "kms:*"},
                                             {"Resource", "*"}});
    }
    r = grade(only, keyOpen);
    QVERIFY(!r[0].met);
    QVERIFY2(r[0].reason.find("kms:") != std::string::npos, r[0].reason.c_str());
    QVERIFY(grade(only, keyLab.solution)[0].met);
}

void TestLabs::badLabFiles_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("message");
    const QByteArray valid(kValidLab);
    auto replace = [&](const char *from, const char *to) {
        QByteArray t = valid;
        t.replace(from, to);
        return t;
    };
    QTest::newRow("broken json") << replace("\"title\": \"A lab\",", "\"title\": \"A lab\"")
                                 << "line 6, column 14" << "syntax error";
    QTest::newRow("too deep") << QByteArray(200000, '[') << "line 1, column 65"
                              << "nested more than 64 levels";
    QTest::newRow("not an object") << QByteArray("[1, 2]") << "top level" << "JSON object";
    QTest::newRow("missing id") << replace("\"id\": \"my-lab\",", "") << "top level"
                                << "missing required field \"id\"";
    QTest::newRow("wrong type") << replace("\"minutes\": 5", "\"minutes\": \"5\"") << "minutes"
                                << "expected a whole number";
    QTest::newRow("unknown goal kind") << replace("\"kind\": \"no-errors\"", "\"kind\": \"no-new-acces\"")
                                       << "goals[0].kind" << "unknown goal kind";
    QTest::newRow("goal field of another kind")
        << replace("\"description\": \"No error\"", "\"description\": \"No error\", \"rule\": \"x\"")
        << "goals[0].rule" << "has no field";
    QTest::newRow("goal missing its field")
        << replace("\"kind\": \"no-errors\"", "\"kind\": \"no-finding\"") << "goals[0]"
        << "needs the field \"rule\"";
    QTest::newRow("unknown checklist rule")
        << replace("{\"kind\": \"no-errors\", \"description\": \"No error\"}",
                   "{\"kind\": \"no-finding\", \"description\": \"d\", \"rule\": \"no-such-rule\"}")
        << "goals[0].rule" << "no checklist rule";
    QTest::newRow("bad test object")
        << replace("{\"kind\": \"no-errors\", \"description\": \"No error\"}",
                   "{\"kind\": \"replicates\", \"description\": \"d\", \"to\": \"b2\", "
                   "\"object\": {\"bucket\": \"b1\", \"key\": 7}}")
        << "goals[0].object.key" << "expected a string";
    QTest::newRow("nested goal") << replace("{\"kind\": \"no-errors\", \"description\": \"No error\"}",
                                           "{\"kind\": \"all-of\", \"description\": \"d\", "
                                           "\"goals\": [{\"kind\": \"rule-exists\"}]}")
                                 << "goals[0].goals[0]" << "missing required field";
    QTest::newRow("two hints") << replace("\"one\", ", "") << "hints" << "expected 3 hints";
    QTest::newRow("bad difficulty") << replace("\"easy\"", "\"trivial\"") << "difficulty"
                                    << "\"medium\"";
    QTest::newRow("unknown field") << replace("\"minutes\": 5", "\"minutes\": 5, \"minute\": 5")
                                   << "minute" << "unknown field";
    QTest::newRow("newer format") << replace("\"formatVersion\": 1", "\"formatVersion\": 2")
                                  << "formatVersion" << "newer version";
    QTest::newRow("not a lab") << replace("s3-replication-designer-lab", "s3-replication-designer")
                               << "format" << "not a lab file";
}

void TestLabs::badLabFiles()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, location);
    QFETCH(QString, message);
    const LabLoadResult r = parseLab(text.toStdString(), "/labs/x/lab.json", "/labs/x");
    QVERIFY(!r.ok());
    const LabProblem &p = r.problems.front();
    QCOMPARE(p.file, std::string("/labs/x/lab.json"));
    QVERIFY2(QString::fromStdString(p.location) == location, p.location.c_str());
    QVERIFY2(QString::fromStdString(p.message).contains(message), p.message.c_str());
}

QString TestLabs::writeLab(const QString &folder, const QByteArray &labJson)
{
    const QString dir = m_dir.filePath(folder);
    const Lab &source = shipped("unversioned-destination");
    if (!writeFile(dir + "/lab.json", labJson)
        || !writeFile(dir + "/start.s3rd.json", readFile(QString::fromStdString(source.startFile)))
        || !writeFile(dir + "/solution.s3rd.json",
                      readFile(QString::fromStdString(source.solutionFile))))
        qFatal("cannot write a lab in %s", qPrintable(dir));
    return dir;
}

void TestLabs::brokenDesignOfALab()
{
    const QString dir = writeLab("broken-design/l1", kValidLab);
    QVERIFY(loadLab(dir.toStdString()).ok());
    QVERIFY(writeFile(dir + "/solution.s3rd.json", "{\"format\": \"s3-replication-designer\","));
    const LabLoadResult r = loadLab(dir.toStdString());
    QVERIFY(!r.ok());
    QVERIFY2(r.problems.front().file.ends_with("solution.s3rd.json"), r.problems.front().file.c_str());
    QVERIFY(r.problems.front().location.starts_with("line "));
    // A goal naming a bucket neither design has is found when the lab loads.
    QByteArray wrongBucket(kValidLab);
    wrongBucket.replace("{\"kind\": \"no-errors\", \"description\": \"No error\"}",
                        "{\"kind\": \"all-of\", \"description\": \"d\", \"goals\": ["
                        "{\"kind\": \"rule-exists\", \"description\": \"r\", \"rule\": \"primary-to-dr\"},"
                        "{\"kind\": \"replicates\", \"description\": \"d\", \"to\": \"b-dst\", "
                        "\"object\": {\"bucket\": \"b-typo\", \"key\": \"k\"}}]}");
    const LabLoadResult typo = loadLab(writeLab("typo/l1", wrongBucket).toStdString());
    QCOMPARE(typo.problems.size(), std::size_t(1));
    QCOMPARE(typo.problems[0].location, std::string("goals[0].goals[1].object.bucket"));
    QVERIFY2(typo.problems[0].message.find("b-typo") != std::string::npos,
             typo.problems[0].message.c_str());
    const LabLoadResult missing = loadLab(m_dir.filePath("nowhere").toStdString());
    QVERIFY(!missing.ok());
    QVERIFY(missing.problems.front().message.find("cannot open") != std::string::npos);
}

void TestLabs::catalogueReportsDuplicatesAndKeepsTheRest()
{
    writeLab("folder/a", kValidLab);
    writeLab("folder/b", kValidLab); // the same id
    QByteArray other(kValidLab);
    other.replace("my-lab", "other-lab");
    writeLab("folder/c", other);
    QByteArray broken(kValidLab);
    broken.replace("\"goals\"", "\"goal\"");
    writeLab("folder/d", broken);
    const Catalogue c = loadCatalogue(m_dir.filePath("folder").toStdString());
    QCOMPARE(c.labs.size(), std::size_t(2));
    QVERIFY(c.find("my-lab") && c.find("other-lab"));
    QCOMPARE(c.problems.size(), std::size_t(3)); // the duplicate; d: unknown "goal", no "goals"
    QVERIFY(!loadCatalogue(m_dir.filePath("nothing-here").toStdString()).problems.empty());
}

QTEST_GUILESS_MAIN(TestLabs)
#include "tst_labs.moc"
