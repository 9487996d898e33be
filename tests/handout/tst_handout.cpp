// The handout is a PDF a trainer prints: everything it promises must be in its text, read back
// with pdftotext (poppler-utils), a reader that is not ours.

#include "handout.h"

#include "checks/findings.h"
#include "policies/artifacts.h"

#include "cli.h"
#include "testpaths.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace s3rd;

namespace {

// Without white space and hyphens: the PDF wraps lines where it likes, and pdftotext joins a
// word broken after a hyphen without it. Ligatures are not folded: "ﬁ" in the text would be a
// bug (a search for "filter" in the PDF would not find it).
QString normalized(const QString &text)
{
    QString s = text;
    s.remove(QRegularExpression(QStringLiteral("[\\s-]")));
    return s;
}

QString pdfText(const QString &pdf)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (tool.isEmpty())
        return {};
    const test::RunResult r = test::runProgram(tool, {QStringLiteral("-enc"),
                                                      QStringLiteral("UTF-8"), pdf,
                                                      QStringLiteral("-")});
    if (r.exitCode != 0)
        return {};
    // Each page's footer ("<design> · page 4 of 7") stands in the text where the page breaks,
    // which may be in the middle of a paragraph.
    QString text = r.outText();
    text.remove(QRegularExpression(QStringLiteral("^[^\n]* · page \\d+ of \\d+$"),
                                   QRegularExpression::MultilineOption));
    return normalized(text);
}

int pdfPages(const QString &pdf)
{
    const test::RunResult r = test::runProgram(
        QStandardPaths::findExecutable(QStringLiteral("pdfinfo")), {pdf});
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(r.outText());
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

QString q(const std::string &text)
{
    return normalized(QString::fromStdString(text));
}

} // namespace

class TestHandout : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyDocumentAndFinding_data();
    void everyDocumentAndFinding();
    void labSheetComesFirst();
    void unwritablePathIsAMessage();
    void commandLine();
};

void TestHandout::initTestCase()
{
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty(),
             "pdftotext (poppler-utils) is needed: scripts/install-deps.sh installs it");
}

void TestHandout::everyDocumentAndFinding_data()
{
    QTest::addColumn<QString>("example");
    for (const QString &name : test::exampleNames())
        QTest::newRow(qPrintable(name)) << name;
}

// Every generated document (its path and every statement's Sid and why), every finding of the
// checklist and every pre-flight item is in the handout's text.
void TestHandout::everyDocumentAndFinding()
{
    QFETCH(QString, example);
    const model::Design design = test::loadExample(example);
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("handout.pdf"));
    QCOMPARE(handout::exportHandout(design, pdf), QString());
    const QString text = pdfText(pdf);
    QVERIFY2(!text.isEmpty(), "pdftotext read nothing");
    QVERIFY(pdfPages(pdf) >= 3); // the diagram, the documents, the checklists

    QVERIFY(text.startsWith(q(design.name)));
    const std::vector<model::Artifact> artifacts = model::generateArtifacts(design);
    QVERIFY(!artifacts.empty());
    for (const model::Artifact &a : artifacts) {
        QVERIFY2(text.contains(q(a.path)), a.path.c_str());
        for (const model::StatementNote &n : a.notes) {
            QVERIFY2(text.contains(QStringLiteral("\"Sid\":\"%1\"").arg(q(n.sid)))
                         || text.contains(QStringLiteral("\"ID\":\"%1\"").arg(q(n.sid))),
                     n.sid.c_str());
            QVERIFY2(text.contains(q(n.why)), n.why.c_str());
        }
    }
    const model::CheckReport report = model::runChecks(design, artifacts);
    for (const model::Finding &f : report.findings) {
        QVERIFY2(text.contains(q(f.message)), f.message.c_str());
        QVERIFY2(text.contains(q(f.explanation)), f.explanation.c_str());
    }
    QVERIFY(!report.preflight.empty());
    for (const model::PreflightItem &item : report.preflight)
        QVERIFY2(text.contains(q(item.item)), item.item.c_str());
}

// A lab's briefing and goals open the text, before the documents; nothing of a solution is
// asked for, so none is there.
void TestHandout::labSheetComesFirst()
{
    const model::Design design =
        test::loadExample(QStringLiteral("cross-account-sse-kms.s3rd.json"));
    handout::HandoutOptions options;
    options.lab = handout::LabSheet{
        "Replicas nobody can read",
        "The team replicated invoices to the archive account.\n\nThe archive team cannot open "
        "a single replica.",
        {"An SSE-KMS object under invoices/ replicates to the archive bucket",
         "No error in the checklist"},
        {},
        {}};
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("lab.pdf"));
    QCOMPARE(handout::exportHandout(design, pdf, options), QString());
    const QString text = pdfText(pdf);
    const qsizetype lab = text.indexOf(q("Lab: Replicas nobody can read"));
    QVERIFY(lab >= 0);
    QVERIFY(text.contains(q("The archive team cannot open a single replica.")));
    for (const std::string &goal : options.lab->goals)
        QVERIFY(text.contains(q(goal)));
    QVERIFY(lab < text.indexOf(q("Documents to apply")));
}

// A path that cannot be written is a message naming it, and what was there is kept.
void TestHandout::unwritablePathIsAMessage()
{
    const model::Design design = test::loadExample(QStringLiteral("sse-s3-starter.s3rd.json"));
    const QString missing = QStringLiteral("/nonexistent-folder/handout.pdf");
    const QString error = handout::exportHandout(design, missing);
    QVERIFY(error.contains(missing));

    QTemporaryDir dir;
    const QString folderInTheWay = dir.filePath(QStringLiteral("taken.pdf"));
    QVERIFY(QDir().mkdir(folderInTheWay));
    QVERIFY(!handout::exportHandout(design, folderInTheWay).isEmpty());
    QVERIFY(QFileInfo(folderInTheWay).isDir());
}

// s3rd export --format handout writes the PDF headless; --zip does not apply to it.
void TestHandout::commandLine()
{
    QTemporaryDir dir;
    const QString example = test::examplePath(QStringLiteral("fan-out-two-regions.s3rd.json"));
    const test::RunResult r = test::runS3rd({QStringLiteral("export"), example,
                                             QStringLiteral("--format"),
                                             QStringLiteral("handout"), QStringLiteral("--out"),
                                             dir.path()});
    QCOMPARE(r.exitCode, 0);
    const QString pdf = dir.filePath(QStringLiteral("fan-out-two-regions.pdf"));
    QVERIFY2(r.outText().contains(pdf), qPrintable(r.outText()));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.read(5), QByteArray("%PDF-"));
    QVERIFY(pdfText(pdf).contains(q("Pre-flight checklist")));

    const QString named = dir.filePath(QStringLiteral("class.pdf"));
    QCOMPARE(test::runS3rd({QStringLiteral("export"), example, QStringLiteral("--format"),
                            QStringLiteral("handout"), QStringLiteral("--out"), named})
                 .exitCode,
             0);
    QVERIFY(QFileInfo::exists(named));

    const test::RunResult zip = test::runS3rd({QStringLiteral("export"), example,
                                               QStringLiteral("--format"),
                                               QStringLiteral("handout"), QStringLiteral("--zip"),
                                               QStringLiteral("--out"), dir.path()});
    QCOMPARE(zip.exitCode, 2);
    QVERIFY(zip.errText().contains(QStringLiteral("--zip")));
}

// The handout draws text with fonts: a GUI application (offscreen in the tests).
QTEST_MAIN(TestHandout)
#include "tst_handout.moc"
