// The two paths of loading a design file agree: the fast path (simdjson) loads a file only when
// the exact path (nlohmann, which reports every problem with its place) loads it too, to the
// same design; every valid design takes the fast path; and whatever the fast path refuses is
// still reported exactly as before.

#include "core/designfile.h"
#include "core/designformat.h"
#include "files.h"
#include "testpaths.h"

#include <QDir>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <optional>
#include <string>

using namespace s3rd::model;
using namespace s3rd::model::designformat;
using namespace s3rd::test;

namespace {

// Both paths on text: the fast one may only load what the exact one loads, to the same design,
// and parseDesign answers exactly what the exact path answers.
bool agree(const std::string &text)
{
    const std::optional<Design> fast = readDesignFast(text, false);
    const LoadResult exact = parseDesignExactly(text);
    if (fast) {
        if (!exact.ok()) {
            qWarning("the fast path loaded what the exact path refuses: %s",
                     exact.problems.front().message.c_str());
            return false;
        }
        if (serializeDesign(*fast) != serializeDesign(exact.design)) {
            qWarning("the two paths read different designs");
            return false;
        }
    }
    // What parseDesign answers is what the exact path answers.
    const LoadResult both = parseDesign(text);
    if (both.ok() != exact.ok() || (both.ok() && !(both.design == exact.design)))
        return false;
    if (!both.ok()) {
        if (both.problems.size() != exact.problems.size())
            return false;
        for (std::size_t i = 0; i < both.problems.size(); ++i) {
            if (both.problems[i].location != exact.problems[i].location
                || both.problems[i].message != exact.problems[i].message)
                return false;
        }
    }
    return true;
}

bool loadsFast(const std::string &text)
{
    return readDesignFast(text, false).has_value();
}

std::string fileText(const QString &path)
{
    const QByteArray bytes = readFile(path);
    return std::string(bytes.constData(), bytes.size());
}

// A small valid design whose first bucket has the given extra text in place of @BUCKET@ and
// whose geometry is @GEOMETRY@.
std::string design(const std::string &bucketFields, const std::string &geometry = "")
{
    std::string text = R"({
  "format": "s3-replication-designer", "formatVersion": 1, "name": "N",
  "accounts": [{"id": "a1", "accountId": "111122223333", "name": "Prod"}],
  "buckets": [{"id": "b1", "name": "src-bucket", "account": "a1", "region": "us-east-1"@BUCKET@
               @GEOMETRY@}],
  "rules": [{"id": "r1", "source": "b1", "destination": "b1", "priority": 3}]
})";
    text.replace(text.find("@BUCKET@"), 8, bucketFields);
    text.replace(text.find("@GEOMETRY@"), 10,
                 geometry.empty() ? "" : ", \"geometry\": " + geometry);
    return text;
}

} // namespace

class TestFastLoad : public QObject
{
    Q_OBJECT

private slots:
    void examplesTakeTheFastPath();
    void brokenFilesAreLeftToTheExactPath();
    void unusualButValidText_data();
    void unusualButValidText();
    void refusedText_data();
    void refusedText();
    void mutatedExamplesAgree();
    void loadDesignFileReadsTheWholeFile();
};

void TestFastLoad::examplesTakeTheFastPath()
{
    const QStringList names = exampleNames();
    QVERIFY(!names.isEmpty());
    for (const QString &name : names) {
        const std::string text = fileText(examplePath(name));
        QVERIFY2(agree(text) && loadsFast(text), qPrintable(name));
        // The saved form of a design loads by the fast path as well.
        const std::string saved = serializeDesign(loadExample(name));
        QVERIFY2(agree(saved) && loadsFast(saved), qPrintable(name));
    }
}

void TestFastLoad::brokenFilesAreLeftToTheExactPath()
{
    const QDir dir(testDataPath(QStringLiteral("broken")));
    const QStringList names = dir.entryList({QStringLiteral("*.s3rd.json")}, QDir::Files);
    QVERIFY(names.size() > 10);
    for (const QString &name : names) {
        // invalid-names.s3rd.json loads (its names are findings of the checklist).
        const std::string text = fileText(dir.filePath(name));
        QVERIFY2(agree(text), qPrintable(name));
        QCOMPARE(loadsFast(text), parseDesignExactly(text).ok());
    }
}

void TestFastLoad::unusualButValidText_data()
{
    QTest::addColumn<std::string>("text");
    QTest::newRow("plain") << design("");
    QTest::newRow("escapes") << design(R"(, "note": "tab\there \"q\" \\ \/ \u00e9 \ud83d\ude00")");
    QTest::newRow("utf-8") << design(", \"note\": \"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
    QTest::newRow("escaped key") << design(R"(, "no\u0074e": "x")");
    QTest::newRow("NUL escaped") << design(R"(, "note": "a\u0000b")");
    QTest::newRow("negative zero")
        << design("", R"({"x": -0.0, "y": -0, "width": 1e2, "height": 12.5})");
    QTest::newRow("exponents")
        << design("", R"({"x": 1E-7, "y": -123456789.125, "width": 0.1, "height": 5e-324})");
    QTest::newRow("whole number as float")
        << design("", R"({"x": 3.0, "y": 123456789, "width": 1, "height": 2})");
    QTest::newRow("fields in another order")
        << design(R"(, "presentStep": 4, "versioning": "suspended", "objectLock": true)",
                  R"({"height": 2, "width": 1, "y": 5, "x": 4})");
    QTest::newRow("whitespace") << "\r\n\t " + design("") + " \n\t";
    QTest::newRow("byte order mark") << "\xef\xbb\xbf" + design("");
    QTest::newRow("big present step") << design(R"(, "presentStep": 9999)");
}

void TestFastLoad::unusualButValidText()
{
    QFETCH(std::string, text);
    const LoadResult exact = parseDesignExactly(text);
    QVERIFY2(exact.ok(), exact.ok() ? "" : exact.problems.front().message.c_str());
    QVERIFY(agree(text));
    // simdjson refuses a byte order mark; the exact path reads it.
    if (QByteArray(QTest::currentDataTag()) != "byte order mark")
        QVERIFY(loadsFast(text));
    QVERIFY(parseDesign(text).ok());
}

void TestFastLoad::refusedText_data()
{
    QTest::addColumn<std::string>("text");
    QTest::addColumn<QByteArray>("location");
    QTest::addColumn<QByteArray>("message");
    const auto row = [](const char *tag, const std::string &text, const QByteArray &location,
                        const QByteArray &message) {
        QTest::newRow(tag) << text << location << message;
    };
    row("duplicate key", design(R"(, "region": "eu-west-1")"), "buckets[0].region",
        "appears more than once");
    row("duplicate key in geometry", design("", R"({"x": 1, "x": 2, "width": 1, "height": 1})"),
        "buckets[0].geometry.x", "appears more than once");
    row("unknown field", design(R"(, "colour": "red")"), "buckets[0].colour", "unknown field");
    row("float priority",
        R"({"format": "s3-replication-designer", "formatVersion": 1,
            "rules": [{"id": "r", "source": "", "destination": "", "priority": 1.0}]})",
        "rules[0].priority", "expected a whole number");
    row("negative zero step", design(R"(, "presentStep": -0)"), "buckets[0].presentStep",
        "(found 0)");
    row("huge number", design(R"(, "presentStep": 18446744073709551616)"),
        "buckets[0].presentStep", "expected a whole number");
    row("lone surrogate", design(R"(, "note": "\ud800")"), "line 4, column 105", "not valid JSON");
    row("control character", design(", \"note\": \"a\x01\""), "line 4, column 100",
        "not valid JSON");
    row("invalid UTF-8", design(", \"note\": \"\xc0\x80\""), "line 4, column 99",
        "not valid JSON");
    row("trailing comma", design(", "), "line 5, column 16", "not valid JSON");
    row("two documents", design("") + "{}", "line 7, column 2", "not valid JSON");
    std::string deep = design(R"(, "note": @)");
    deep.replace(deep.find('@'), 1, std::string(70, '[') + std::string(70, ']'));
    row("too deep", deep, "line 4, column 159", "nested more than 64");
}

void TestFastLoad::refusedText()
{
    QFETCH(std::string, text);
    QFETCH(QByteArray, location);
    QFETCH(QByteArray, message);
    QVERIFY(!loadsFast(text));
    QVERIFY(agree(text));
    const LoadResult r = parseDesign(text);
    QVERIFY(!r.ok());
    bool found = false;
    for (const LoadProblem &p : r.problems)
        found = found
                || (p.location == location.toStdString()
                    && p.message.find(message.toStdString()) != std::string::npos);
    QVERIFY2(found, (r.problems.front().location + ": " + r.problems.front().message).c_str());
}

void TestFastLoad::mutatedExamplesAgree()
{
    // Byte flips and truncations of every example: the fast path never loads what the exact
    // path refuses, nor reads anything differently.
    QRandomGenerator rng(20261202);
    const char junk[] = {'{', '}', '[', ']', '"', ',', ':', '\\', '0', '-', '.', 'e',
                         'x', ' ', '\n', 'u', '\xff', '\xc3', '1'};
    for (const QString &name : exampleNames()) {
        const std::string original = fileText(examplePath(name));
        for (int i = 0; i < 300; ++i) {
            std::string text = original;
            if (i % 5 == 0) {
                text.resize(rng.bounded(int(original.size())));
            } else {
                for (int k = 0; k < 1 + i % 3; ++k)
                    text[rng.bounded(int(text.size()))] = junk[rng.bounded(int(sizeof junk))];
            }
            const std::optional<Design> fast = readDesignFast(text, false);
            const LoadResult exact = parseDesignExactly(text);
            QVERIFY2(!fast || exact.ok(), qPrintable(name + " #" + QString::number(i)));
            if (fast)
                QVERIFY(serializeDesign(*fast) == serializeDesign(exact.design));
        }
    }
}

void TestFastLoad::loadDesignFileReadsTheWholeFile()
{
    // The file is read into a padded buffer of its size; the design is the same as from text.
    QTemporaryDir dir;
    const std::string text = serializeDesign(loadExample(QStringLiteral("fan-out-two-regions.s3rd.json")));
    const QString path = dir.filePath(QStringLiteral("d.s3rd.json"));
    writeFile(path, QByteArray::fromStdString(text));
    const LoadResult fromFile = loadDesignFile(path.toStdString());
    QVERIFY(fromFile.ok());
    QCOMPARE(serializeDesign(fromFile.design), text);
    // Broken on its last byte: still the exact path's message and place.
    writeFile(path, QByteArray::fromStdString(text.substr(0, text.size() - 2)));
    const LoadResult broken = loadDesignFile(path.toStdString());
    QVERIFY(!broken.ok());
    QVERIFY(broken.problems.front().message.starts_with("not valid JSON"));
}

QTEST_GUILESS_MAIN(TestFastLoad)
#include "tst_fastload.moc"
