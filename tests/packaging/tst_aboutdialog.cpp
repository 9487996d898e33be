// The About dialog and what --version prints: the version from CMake (plus the git commit in a
// checkout), the full license text and the third-party notices, all compiled in.

#include "aboutdialog.h"
#include "buildinfo.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QTest>

using s3rd::views::AboutDialog;

class TestAboutDialog : public QObject
{
    Q_OBJECT

private slots:
    void versionText();
    void licenseText();
    void notices_data();
    void notices();
    void dialogShowsEverything();
};

void TestAboutDialog::versionText()
{
    const QString text = AboutDialog::versionText();
    QVERIFY(text.startsWith(QString::fromLatin1(s3rd::buildinfo::version)));
    QVERIFY(QString::fromLatin1(s3rd::buildinfo::version).contains(QLatin1Char('.')));
    if (*s3rd::buildinfo::gitCommit)
        QVERIFY(text.contains(QString::fromLatin1(s3rd::buildinfo::gitCommit)));
    else
        QCOMPARE(text, QString::fromLatin1(s3rd::buildinfo::version));
}

void TestAboutDialog::licenseText()
{
    const QString text = AboutDialog::licenseText();
    QVERIFY(text.contains(QStringLiteral("Apache License")));
    QVERIFY(text.contains(QStringLiteral("Version 2.0")));
    QVERIFY(text.contains(QStringLiteral("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION")));
    QCOMPARE(QString::fromLatin1(s3rd::buildinfo::license), QStringLiteral("Apache-2.0"));
}

void TestAboutDialog::notices_data()
{
    QTest::addColumn<QString>("phrase");
    QTest::newRow("qt") << QStringLiteral("Qt 6");
    QTest::newRow("qt-lgpl-text") << QStringLiteral("GNU LESSER GENERAL PUBLIC LICENSE");
    QTest::newRow("gpl-text") << QStringLiteral("GNU GENERAL PUBLIC LICENSE");
    QTest::newRow("nlohmann-json") << QStringLiteral("Copyright (c) 2013-2022 Niels Lohmann");
    QTest::newRow("mit-permission") << QStringLiteral("Permission is hereby granted, free of charge");
    QTest::newRow("libzip") << QStringLiteral("Dieter Baron and Thomas Klausner");
    QTest::newRow("bsd-3-conditions")
        << QStringLiteral("The names of the authors may not be used to endorse");
}

void TestAboutDialog::notices()
{
    QFETCH(QString, phrase);
    QVERIFY2(AboutDialog::thirdPartyNotices().contains(phrase), qPrintable(phrase));
}

void TestAboutDialog::dialogShowsEverything()
{
    AboutDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    auto *version = dialog.findChild<QLabel *>(QStringLiteral("version"));
    QVERIFY(version);
    QVERIFY(version->text().contains(AboutDialog::versionText()));

    auto *summary = dialog.findChild<QLabel *>(QStringLiteral("summary"));
    QVERIFY(summary);
    QVERIFY(summary->text().contains(QStringLiteral("Apache-2.0")));

    auto *license = dialog.findChild<QPlainTextEdit *>(QStringLiteral("license"));
    QVERIFY(license);
    QCOMPARE(license->toPlainText(), AboutDialog::licenseText());
    QVERIFY(license->isReadOnly());

    auto *notices = dialog.findChild<QPlainTextEdit *>(QStringLiteral("notices"));
    QVERIFY(notices);
    QCOMPARE(notices->toPlainText(), AboutDialog::thirdPartyNotices());
}

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
