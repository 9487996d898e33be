// File › Export and File › Import as a user drives them: pick a format or add files and fill in
// what they belong to, press OK, and get the files written or the design imported; bad input
// keeps the dialog open with the problem named.

#include "core/designfile.h"
#include "document.h"
#include "exportdialog.h"
#include "importdialog.h"
#include "testpaths.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace s3rd;

namespace {

document::Document *exampleDocument(QObject *parent)
{
    return new document::Document(
        s3rd::test::loadExample(QStringLiteral("cross-account-sse-kms.s3rd.json")), parent);
}

// The files of an import case and what each belongs to, from its `args` file (the options of
// `s3rd import`: --account, --region, --bucket, --key and --role hold until changed).
struct ImportRow
{
    QString file, bucket, key, role, account, region;
};

std::vector<ImportRow> importRows(const QString &caseDir)
{
    QFile args(QDir(caseDir).filePath(QStringLiteral("args")));
    if (!args.open(QIODevice::ReadOnly))
        return {};
    const QStringList tokens =
        QString::fromUtf8(args.readAll())
            .split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    std::vector<ImportRow> rows;
    ImportRow current;
    for (int i = 0; i < tokens.size(); ++i) {
        const QString &t = tokens[i];
        const QString value = i + 1 < tokens.size() ? tokens[i + 1] : QString();
        if (t == QLatin1String("--account"))
            current.account = value, ++i;
        else if (t == QLatin1String("--region"))
            current.region = value, ++i;
        else if (t == QLatin1String("--bucket"))
            current.bucket = value, ++i;
        else if (t == QLatin1String("--key"))
            current.key = value, ++i;
        else if (t == QLatin1String("--role"))
            current.role = value, ++i;
        else {
            current.file = QDir(caseDir).filePath(t);
            rows.push_back(current);
        }
    }
    return rows;
}

// Adds the files one by one and types their subjects into the table, as a user would.
void fillImportDialog(views::ImportDialog &dialog, const std::vector<ImportRow> &rows)
{
    auto *table = dialog.findChild<QTableWidget *>();
    QVERIFY(table);
    for (const ImportRow &row : rows) {
        dialog.addFiles({row.file});
        const int r = table->rowCount() - 1;
        const QString cells[] = {row.bucket, row.key, row.role, row.account, row.region};
        for (int c = 0; c < 5; ++c)
            table->item(r, c + 1)->setText(cells[c]);
    }
}

} // namespace

class TestExchangeDialogs : public QObject
{
    Q_OBJECT

private slots:
    void exportWritesEveryFormat();
    void exportZipsTheBundle();
    void importBuildsTheDesign();
    void importOfABrokenFileNamesItAndStaysOpen();
};

void TestExchangeDialogs::exportWritesEveryFormat()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto *doc = exampleDocument(this);
    QVERIFY(doc);
    const QString outputs[] = {QStringLiteral("bundle"), QStringLiteral("cloudformation"),
                               QStringLiteral("terraform"), QStringLiteral("diagram.png"),
                               QStringLiteral("diagram.svg"), QStringLiteral("handout.pdf")};
    for (int format = 0; format < 6; ++format) {
        views::ExportDialog dialog(*doc, dir.filePath(QStringLiteral("design")));
        auto *formats = dialog.findChild<QComboBox *>();
        auto *path = dialog.findChild<QLineEdit *>();
        QVERIFY(formats && path);
        QCOMPARE(formats->count(), 6);
        formats->setCurrentIndex(format);
        const QString target = dir.filePath(outputs[format]);
        path->setText(target);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.writtenPath(), target);
        QVERIFY2(QFileInfo::exists(target), qPrintable(target));
    }
    // What each holds, as a user opening it would see.
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("bundle/README.md"))));
    for (const model::Account &a : doc->design().accounts) // a runbook per account
        QVERIFY(QFileInfo::exists(dir.filePath(
            QStringLiteral("bundle/%1/deploy.sh").arg(QString::fromStdString(a.accountId)))));
    QVERIFY(!QDir(dir.filePath(QStringLiteral("cloudformation"))).isEmpty());
    QVERIFY(!QDir(dir.filePath(QStringLiteral("terraform"))).isEmpty());
    const QImage png(dir.filePath(QStringLiteral("diagram.png")));
    QVERIFY(!png.isNull() && png.width() > 200 && png.height() > 100);
    QFile svg(dir.filePath(QStringLiteral("diagram.svg")));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QVERIFY(svg.readAll().contains("<svg"));
    QFile pdf(dir.filePath(QStringLiteral("handout.pdf")));
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QCOMPARE(pdf.read(5), QByteArray("%PDF-"));
}

void TestExchangeDialogs::exportZipsTheBundle()
{
    QTemporaryDir dir;
    auto *doc = exampleDocument(this);
    QVERIFY(doc);
    views::ExportDialog dialog(*doc, dir.filePath(QStringLiteral("design")));
    auto *zip = dialog.findChild<QCheckBox *>();
    auto *path = dialog.findChild<QLineEdit *>();
    QVERIFY(zip && path);
    zip->setChecked(true);
    path->setText(dir.filePath(QStringLiteral("bundle.zip")));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QFile archive(dir.filePath(QStringLiteral("bundle.zip")));
    QVERIFY(archive.open(QIODevice::ReadOnly));
    QCOMPARE(archive.read(4), QByteArray("PK\x03\x04", 4)); // a zip archive
}

void TestExchangeDialogs::importBuildsTheDesign()
{
    const QString caseDir =
        s3rd::test::testDataPath(QStringLiteral("import/v2-multi-destination-rtc"));
    views::ImportDialog dialog;
    fillImportDialog(dialog, importRows(caseDir));
    dialog.accept();
    // ImportDialog::result() is the import; the dialog's own result code is QDialog's.
    QCOMPARE(static_cast<QDialog &>(dialog).result(), int(QDialog::Accepted));
    QVERIFY(dialog.result().ok());
    const model::Design &d = dialog.result().design;
    QStringList buckets;
    for (const model::Bucket &b : d.buckets)
        buckets << QString::fromStdString(b.name);
    buckets.sort();
    QCOMPARE(buckets, QStringList({QStringLiteral("audit-orders-eu"), QStringLiteral("prod-orders"),
                                   QStringLiteral("prod-orders-dr")}));
    QCOMPARE(d.rules.size(), std::size_t(2)); // one source, two destinations
    QCOMPARE(d.name, std::string("Imported design"));
}

void TestExchangeDialogs::importOfABrokenFileNamesItAndStaysOpen()
{
    const QString caseDir =
        s3rd::test::testDataPath(QStringLiteral("import/bad-not-json"));
    views::ImportDialog dialog;
    fillImportDialog(dialog, importRows(caseDir));
    dialog.accept();
    QVERIFY(static_cast<QDialog &>(dialog).result() != QDialog::Accepted);
    QVERIFY(!dialog.result().ok());
    const QString messages = dialog.findChild<QPlainTextEdit *>()->toPlainText();
    QVERIFY2(messages.contains(QStringLiteral("get-bucket-replication.json: line 5, column")),
             qPrintable(messages));
}

QTEST_MAIN(TestExchangeDialogs)
#include "tst_exchangedialogs.moc"
