// Golden files: every example design and every targeted case generates exactly the documents
// in tests/data/policies/<case>/expected/, byte for byte, plus an index of paths, targets and
// annotations. S3RD_REGENERATE_GOLDEN=1 rewrites them; a mismatch writes the actual files to
// <build>/tests/policies/golden-actual/<case>/.

#include "core/designfile.h"
#include "files.h"
#include "golden.h"
#include "policies/artifacts.h"
#include "policycases.h"
#include "testpaths.h"

#include <QtTest>

#include <filesystem>
#include <map>

namespace fs = std::filesystem;
using namespace s3rd::model;

namespace {

const fs::path kDataDir = s3rd::test::testDataPath("policies").toStdString();
const fs::path kActualDir = s3rd::test::buildPath("tests/policies/golden-actual").toStdString();

void writeFile(const fs::path &p, const std::string &text)
{
    QVERIFY(
        s3rd::test::writeFile(QString::fromStdString(p.string()), QByteArray::fromStdString(text)));
}

// Every file a generation produces: the documents, and index.json with the annotations.
std::map<std::string, std::string> goldenFiles(const std::vector<Artifact> &artifacts)
{
    std::map<std::string, std::string> files;
    nlohmann::ordered_json index = nlohmann::ordered_json::array();
    for (const Artifact &a : artifacts) {
        files[a.path] = a.text;
        nlohmann::ordered_json item = nlohmann::ordered_json::object();
        item["kind"] = std::string(artifactKindName(a.kind));
        item["account"] = a.accountId;
        item["element"] = a.element;
        item["target"] = a.target;
        item["path"] = a.path;
        item["custom"] = a.custom;
        item["overLimit"] = a.overLimit;
        item["size"] = policySize(a);
        nlohmann::ordered_json notes = nlohmann::ordered_json::array();
        for (const StatementNote &n : a.notes) {
            nlohmann::ordered_json note = nlohmann::ordered_json::object();
            note["sid"] = n.sid;
            note["elements"] = n.elements;
            note["why"] = n.why;
            note["docUrl"] = n.docUrl;
            notes.push_back(std::move(note));
        }
        item["notes"] = std::move(notes);
        index.push_back(std::move(item));
    }
    files["index.json"] = index.dump(2) + "\n";
    return files;
}

void compareWithGolden(const std::string &caseName, const Design &design)
{
    const std::vector<Artifact> artifacts = generateArtifacts(design);
    // Generation is deterministic: a second run gives the same bytes.
    const std::vector<Artifact> again = generateArtifacts(design);
    QCOMPARE(again.size(), artifacts.size());
    for (std::size_t i = 0; i < artifacts.size(); ++i)
        QCOMPARE(again[i].text, artifacts[i].text);

    const std::map<std::string, std::string> actual = goldenFiles(artifacts);
    const fs::path expectedDir = kDataDir / caseName / "expected";
    if (s3rd::test::regeneratingGoldens()) {
        fs::remove_all(expectedDir);
        for (const auto &[path, text] : actual)
            writeFile(expectedDir / path, text);
        return;
    }
    const std::map<std::string, std::string> expected = s3rd::test::readTree(expectedDir);
    if (expected == actual)
        return;
    const fs::path actualDir = kActualDir / caseName;
    fs::remove_all(actualDir);
    for (const auto &[path, text] : actual)
        writeFile(actualDir / path, text);
    QStringList differences;
    for (const auto &[path, text] : actual) {
        const auto it = expected.find(path);
        if (it == expected.end())
            differences << QString::fromStdString("new " + path);
        else if (it->second != text)
            differences << QString::fromStdString("changed " + path);
    }
    for (const auto &[path, text] : expected) {
        if (!actual.count(path))
            differences << QString::fromStdString("missing " + path);
    }
    QFAIL(qPrintable(QStringLiteral("%1 differs from %2 (actual files in %3): %4")
                         .arg(QString::fromStdString(caseName),
                              QString::fromStdString(expectedDir.string()),
                              QString::fromStdString(actualDir.string()),
                              differences.join(QStringLiteral(", ")))));
}

} // namespace

class TestPolicyGolden : public QObject
{
    Q_OBJECT

private slots:
    void examples_data();
    void examples();
    void targetedCases_data();
    void targetedCases();
};

void TestPolicyGolden::examples_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = s3rd::test::exampleNames();
    if (files.empty())
        QTest::newRow("no-examples") << QString();
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << s3rd::test::examplePath(f);
}

void TestPolicyGolden::examples()
{
    QFETCH(QString, file);
    if (file.isEmpty())
        QSKIP("resources/examples holds no design yet");
    const LoadResult loaded = loadDesignFile(file.toStdString());
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.problems.front().message.c_str());
    std::string stem = fs::path(file.toStdString()).filename().string();
    stem.resize(stem.size() - std::string(".s3rd.json").size());
    compareWithGolden("example-" + stem, loaded.design);
}

void TestPolicyGolden::targetedCases_data()
{
    s3rd::test::addPolicyCaseRows();
}

void TestPolicyGolden::targetedCases()
{
    QFETCH(int, index);
    const s3rd::test::PolicyCase c = s3rd::test::policyCases()[std::size_t(index)];
    const fs::path designFile = kDataDir / c.name / "design.s3rd.json";
    if (s3rd::test::regeneratingGoldens()) {
        fs::create_directories(designFile.parent_path());
        QCOMPARE(saveDesignFile(c.design, designFile.string()), std::string());
    }
    // The design file in the test data is what the Python test feeds to `s3rd generate`; it
    // must still load to exactly the design built in policycases.cpp.
    const LoadResult loaded = loadDesignFile(designFile.string());
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.problems.front().message.c_str());
    QVERIFY2(loaded.design == c.design, "design.s3rd.json no longer matches policycases.cpp; "
                                        "regenerate with S3RD_REGENERATE_GOLDEN=1");
    compareWithGolden(c.name, loaded.design);
}

QTEST_GUILESS_MAIN(TestPolicyGolden)
#include "tst_policygolden.moc"
