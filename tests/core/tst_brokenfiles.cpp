// Broken design files: every problem is reported with its location, nothing crashes, nothing
// is half-loaded, and `s3rd lint` exits 2 naming the place.

#include "cli.h"
#include "core/designfile.h"
#include "core/names.h"
#include "files.h"
#include "testpaths.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace s3rd::model;
using namespace s3rd::test;

namespace {

QString brokenPath(const QString &name)
{
    return testDataPath("broken/" + name);
}

int lint(const QString &path, QByteArray *err)
{
    RunOptions options;
    options.timeoutMs = 60000;
    const RunResult r = runS3rd({QStringLiteral("lint"), path}, options);
    *err = r.err;
    return r.exitCode;
}

bool hasProblem(const LoadResult &r, const std::string &location, const std::string &text)
{
    for (const LoadProblem &p : r.problems) {
        if (p.location == location && p.message.find(text) != std::string::npos)
            return true;
    }
    return false;
}

QString describe(const LoadResult &r)
{
    QString out;
    for (const LoadProblem &p : r.problems)
        out += QString::fromStdString(p.location + ": " + p.message + "\n");
    return out;
}

// Checks a broken file both through the library and through `s3rd lint`.
void expectBroken(const QString &path, const std::string &location, const std::string &text)
{
    const LoadResult r = loadDesignFile(path.toStdString());
    QVERIFY2(!r.ok(), qPrintable(path));
    QVERIFY2(r.design == Design{}, "a broken file must not give a half-loaded design");
    QVERIFY2(hasProblem(r, location, text), qPrintable(describe(r)));
    for (const LoadProblem &p : r.problems) {
        QVERIFY(!p.message.empty());
        QVERIFY(p.message.find('\n') == std::string::npos);
    }

    QByteArray err;
    QCOMPARE(lint(path, &err), 2);
    const QByteArray expected = location.empty()
                                    ? (path + QStringLiteral(": ")).toUtf8()
                                    : (path + QLatin1Char(':') + QString::fromStdString(location)
                                       + QStringLiteral(": "))
                                          .toUtf8();
    QVERIFY2(err.contains(expected), err.constData());
}

// A valid design with about n buckets, n rules and a few accounts.
Design generated(int buckets)
{
    Design d;
    d.name = "generated";
    for (int a = 0; a < 10; ++a) {
        Account acc;
        acc.id = "a" + std::to_string(a);
        acc.accountId = std::to_string(100000000000LL + a);
        d.accounts.push_back(acc);
    }
    for (int i = 0; i < buckets; ++i) {
        Bucket b;
        b.id = "b" + std::to_string(i);
        b.name = "bucket-" + std::to_string(i);
        b.account = "a" + std::to_string(i % 10);
        b.region = "us-east-1";
        b.note = "A note long enough to make the file large without making it slow to write.";
        d.buckets.push_back(b);
        if (i > 0) {
            ReplicationRule r;
            r.id = "r" + std::to_string(i);
            r.source = "b" + std::to_string(i - 1);
            r.destination = b.id;
            d.rules.push_back(r);
        }
    }
    return d;
}

} // namespace

class TestBrokenFiles : public QObject
{
    Q_OBJECT

private slots:
    void corpus_data();
    void corpus();
    void everyProblemIsReported();
    void invalidNamesLoad();
    void tenMegabyteFile();
    void oversizedFile();
    void deeplyNestedJunk_data();
    void deeplyNestedJunk();
    void missingFileAndDirectory();
    void mutatedExamplesNeverCrash();
    void lintUsage();
};

void TestBrokenFiles::corpus_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("message");

    QTest::newRow("not JSON") << "not-json.s3rd.json" << "line 5, column 8" << "not valid JSON";
    QTest::newRow("empty") << "empty.s3rd.json" << "line 1, column 1" << "empty";
    QTest::newRow("whitespace only") << "whitespace-only.s3rd.json" << "line 1, column 1"
                                     << "empty";
    QTest::newRow("top level array") << "top-level-array.s3rd.json" << "top level"
                                     << "expected a JSON object";
    QTest::newRow("wrong type bool") << "wrong-types.s3rd.json" << "buckets[1].objectLock"
                                     << "expected true or false, found a string";
    QTest::newRow("wrong type number") << "wrong-types.s3rd.json" << "rules[0].priority"
                                       << "expected a whole number";
    QTest::newRow("wrong type list") << "wrong-type-list.s3rd.json" << "accounts"
                                     << "expected an array";
    QTest::newRow("missing name") << "missing-fields.s3rd.json" << "buckets[0]"
                                  << "missing required field \"name\"";
    QTest::newRow("missing source") << "missing-fields.s3rd.json" << "rules[0]"
                                    << "missing required field \"source\"";
    QTest::newRow("missing format") << "missing-format.s3rd.json" << "top level"
                                    << "missing required field \"format\"";
    QTest::newRow("not a design") << "not-a-design.s3rd.json" << "format"
                                  << "not an S3 Replication Designer design";
    QTest::newRow("dangling reference") << "dangling-reference.s3rd.json"
                                        << "rules[0].destination" << "no bucket with id \"b9\"";
    QTest::newRow("reference to wrong kind") << "reference-wrong-kind.s3rd.json"
                                             << "rules[0].replicaKey" << "not a KMS key";
    QTest::newRow("duplicate ids") << "duplicate-ids.s3rd.json" << "keys[1].id"
                                   << "already used by buckets[1]";
    QTest::newRow("duplicate field") << "duplicate-field.s3rd.json" << "buckets[1].name"
                                     << "more than once";
    QTest::newRow("priority negative") << "priority-negative.s3rd.json" << "rules[0].priority"
                                       << "from 0";
    QTest::newRow("geometry negative") << "geometry-negative.s3rd.json"
                                       << "accounts[1].geometry.width" << "negative";
    QTest::newRow("geometry overflow") << "geometry-infinite.s3rd.json" << "line 27, column 18"
                                       << "number overflow";
    QTest::newRow("unknown enum") << "unknown-enum.s3rd.json" << "buckets[1].versioning"
                                  << "\"on\" is not one of";
    QTest::newRow("unknown encryption") << "unknown-encryption.s3rd.json"
                                        << "buckets[0].objectEncryptions[1]"
                                        << "\"AES256\" is not one of";
    QTest::newRow("unknown field") << "unknown-field.s3rd.json" << "buckets[0].colour"
                                   << "unknown field \"colour\"";
    QTest::newRow("newer version") << "newer-version.s3rd.json" << "formatVersion"
                                   << "made by a newer version of S3 Replication Designer "
                                      "(format 7); this version reads format 1";
}

void TestBrokenFiles::corpus()
{
    QFETCH(QString, file);
    QFETCH(QString, location);
    QFETCH(QString, message);
    expectBroken(brokenPath(file), location.toStdString(), message.toStdString());
}

void TestBrokenFiles::everyProblemIsReported()
{
    // Several problems in one file are all reported, not just the first.
    const LoadResult r = loadDesignFile(brokenPath("missing-fields.s3rd.json").toStdString());
    QVERIFY(hasProblem(r, "buckets[0]", "\"name\""));
    QVERIFY(hasProblem(r, "rules[0]", "\"source\""));

    // A newer file's unknown fields are expected: only the version is reported.
    const LoadResult newer = loadDesignFile(brokenPath("newer-version.s3rd.json").toStdString());
    QCOMPARE(newer.problems.size(), std::size_t(1));

    // A list that is not a list does not also produce a report for every reference into it.
    const LoadResult list = loadDesignFile(brokenPath("wrong-type-list.s3rd.json").toStdString());
    QCOMPARE(list.problems.size(), std::size_t(1));

    // Problems are capped so a file broken everywhere stays readable.
    std::string many = R"({"format": "s3-replication-designer", "formatVersion": 1, "buckets": [)";
    for (int i = 0; i < 5000; ++i)
        many += std::string(i ? "," : "") + "1";
    many += "]}";
    const LoadResult capped = parseDesign(many);
    QVERIFY(capped.problems.size() <= 1001);
    QVERIFY(capped.problems.back().message.find("more problems") != std::string::npos);
}

void TestBrokenFiles::invalidNamesLoad()
{
    // Invalid names are checklist findings, not load errors: the file loads so it can be fixed
    // in the designer, and the validators name the problem.
    const QString path = brokenPath("invalid-names.s3rd.json");
    const LoadResult r = loadDesignFile(path.toStdString());
    QVERIFY(r.ok());
    QVERIFY(!names::checkBucketName(r.design.buckets[0].name).empty());
    QVERIFY(!names::checkAccountId(r.design.accounts[0].accountId).empty());
    QByteArray err;
    QCOMPARE(lint(path, &err), 0);
}

void TestBrokenFiles::tenMegabyteFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ten-megabytes.s3rd.json"));
    Design d = generated(11000);
    const int last = int(d.rules.size()) - 1;
    d.rules.back().destination = "b-missing";
    std::string text = serializeDesign(d);
    QVERIFY(text.size() > 10 * 1000 * 1000);
    QVERIFY(writeFile(path, QByteArray::fromStdString(text)));
    expectBroken(path, "rules[" + std::to_string(last) + "].destination",
                 "no bucket with id \"b-missing\"");
}

void TestBrokenFiles::oversizedFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("huge.s3rd.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QVERIFY(f.resize(65LL * 1024 * 1024)); // sparse: costs no disk space
    f.close();
    expectBroken(path, "", "limited to 64 MB");
}

void TestBrokenFiles::deeplyNestedJunk_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("location");
    QTest::newRow("arrays") << QByteArray(200000, '[') << "line 1, column 65";
    QTest::newRow("objects") << QByteArray("{\"a\":").repeated(100000) << "line 1, column 321";
    QByteArray inNote = R"({"format": "s3-replication-designer", "formatVersion": 1,)"
                        "\n\"note\": ";
    inNote += QByteArray(100000, '[') + QByteArray(100000, ']') + "}";
    QTest::newRow("inside a design") << inNote << "line 2, column 72";
    QByteArray balanced = QByteArray(50000, '[') + QByteArray(50000, ']');
    QTest::newRow("balanced") << balanced << "line 1, column 65";
}

void TestBrokenFiles::deeplyNestedJunk()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, location);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("deep.s3rd.json"));
    QVERIFY(writeFile(path, text));
    expectBroken(path, location.toStdString(), "nested more than");
}

void TestBrokenFiles::missingFileAndDirectory()
{
    QTemporaryDir dir;
    expectBroken(dir.filePath(QStringLiteral("absent.s3rd.json")), "", "cannot open");
    expectBroken(dir.path(), "", "directory");
}

void TestBrokenFiles::mutatedExamplesNeverCrash()
{
    // Truncations and byte flips of a real design: each either loads or is rejected with
    // located problems, never a crash or a half-loaded design.
    const QByteArray original = readFile(examplePath("fan-out-two-regions.s3rd.json"));
    QVERIFY(!original.isEmpty());
    QRandomGenerator rng(20261127);
    const char junk[] = {'{', '}', '[', ']', '"', ',', ':', '\\', '0', 'x', '\n', '\xff'};
    for (int i = 0; i < 600; ++i) {
        QByteArray text = original;
        if (i % 3 == 0) {
            text.truncate(rng.bounded(int(original.size())));
        } else {
            for (int k = 0; k < 1 + i % 4; ++k)
                text[rng.bounded(int(text.size()))] = junk[rng.bounded(int(sizeof junk))];
        }
        const LoadResult r = parseDesign(std::string_view(text.constData(), text.size()));
        if (r.ok())
            continue;
        QVERIFY(r.design == Design{});
        for (const LoadProblem &p : r.problems)
            QVERIFY(!p.message.empty());
    }
}

void TestBrokenFiles::lintUsage()
{
    QCOMPARE(runS3rd({QStringLiteral("lint")}).exitCode, 2);
    // Several files: all are reported, and one broken file makes the whole run fail.
    const RunResult r =
        runS3rd({QStringLiteral("lint"), examplePath("sse-s3-starter.s3rd.json"),
                 brokenPath("unknown-field.s3rd.json"), brokenPath("empty.s3rd.json")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("unknown-field.s3rd.json:buckets[0].colour:"));
    QVERIFY(r.err.contains("empty.s3rd.json:line 1, column 1:"));
    QVERIFY(!r.err.contains("sse-s3-starter"));
}

QTEST_GUILESS_MAIN(TestBrokenFiles)
#include "tst_brokenfiles.moc"
