#include "aboutdialog.h"

#include "buildinfo.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace s3rd::views {

namespace {

QString readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

QPlainTextEdit *textPage(const QString &text, const QString &objectName)
{
    auto *edit = new QPlainTextEdit(text);
    edit->setObjectName(objectName);
    edit->setReadOnly(true);
    // License texts are laid out for a fixed-width font and 80 columns.
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    return edit;
}

} // namespace

QString AboutDialog::versionText()
{
    QString text = QString::fromLatin1(buildinfo::version);
    if (*buildinfo::gitCommit)
        text += QStringLiteral(" (commit %1)").arg(QString::fromLatin1(buildinfo::gitCommit));
    return text;
}

QString AboutDialog::licenseText()
{
    return readResource(QStringLiteral(":/about/LICENSE"));
}

QString AboutDialog::thirdPartyNotices()
{
    return readResource(QStringLiteral(":/about/third-party-notices.txt"));
}

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About S3 Replication Designer"));

    auto *iconLabel = new QLabel;
    const QIcon icon = QIcon::fromTheme(QStringLiteral("s3-replication-designer"),
                                        QApplication::windowIcon());
    if (!icon.isNull())
        iconLabel->setPixmap(icon.pixmap(64, 64));

    auto *title = new QLabel(QStringLiteral("<b>S3 Replication Designer</b>"));
    title->setTextFormat(Qt::RichText);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    title->setFont(titleFont);

    auto *version = new QLabel(tr("Version %1").arg(versionText()));
    version->setObjectName(QStringLiteral("version"));
    version->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *summary = new QLabel(
        tr("Design, explain and check Amazon S3 replication setups.<br>"
           "Licensed under the Apache License, Version 2.0 (%1).<br>"
           "Built with Qt %2, running on Qt %3.")
            .arg(QString::fromLatin1(buildinfo::license), QStringLiteral(QT_VERSION_STR),
                 QString::fromLatin1(qVersion())));
    summary->setObjectName(QStringLiteral("summary"));
    summary->setTextFormat(Qt::RichText);
    summary->setWordWrap(true);

    auto *heading = new QVBoxLayout;
    heading->addWidget(title);
    heading->addWidget(version);
    heading->addWidget(summary);
    auto *top = new QHBoxLayout;
    top->addWidget(iconLabel, 0, Qt::AlignTop);
    top->addLayout(heading, 1);

    auto *tabs = new QTabWidget;
    tabs->setObjectName(QStringLiteral("tabs"));
    tabs->addTab(textPage(licenseText(), QStringLiteral("license")), tr("License"));
    tabs->addTab(textPage(thirdPartyNotices(), QStringLiteral("notices")),
                 tr("Third-party notices"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QPushButton *aboutQt = buttons->addButton(tr("About Qt"), QDialogButtonBox::HelpRole);
    connect(aboutQt, &QPushButton::clicked, this, [this] { QMessageBox::aboutQt(this); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(tabs, 1);
    layout->addWidget(buttons);
    resize(720, 560);
}

} // namespace s3rd::views
