// s3-replication-designer: the designer's main(). Opens a design given on the command line.

#include "aboutdialog.h"
#include "buildinfo.h"
#include "mainwindow.h"
#include "presenter.h"
#include "presenterwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDialog>
#include <QFileInfo>
#include <QPainter>
#include <QProcess>
#include <QScreen>
#include <QTimer>

namespace {

// The window as drawn, with an open dialog (the lab chooser) drawn over its middle: the same
// picture with or without a window manager.
QPixmap screenshotOf(QWidget &window)
{
    QPixmap shot = window.grab();
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (w != &window && w->isVisible() && qobject_cast<QDialog *>(w)) {
            QPainter painter(&shot);
            const QPoint at = window.rect().center() - w->rect().center();
            painter.drawPixmap(at, w->grab());
            painter.setPen(w->palette().color(QPalette::Dark)); // the frame a window manager draws
            painter.drawRect(QRect(at, w->size()).adjusted(-1, -1, 0, 0));
        }
    }
    return shot;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("s3-replication-designer"));
    QApplication::setApplicationName(QStringLiteral("S3 Replication Designer"));
    QApplication::setApplicationVersion(s3rd::views::AboutDialog::versionText());
    // The .desktop file's name, so Wayland compositors match the window to its icon.
    QApplication::setDesktopFileName(QStringLiteral("io.github.s3rd.S3ReplicationDesigner"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Design, explain and check Amazon S3 replication setups."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("Designs (*.s3rd.json) to open, each in its own "
                                                "window."),
                                 QStringLiteral("[file...]"));
    const QCommandLineOption check(
        QStringLiteral("check-open"),
        QStringLiteral("Open the file, then quit: exit status 0 if it opened without problems, "
                       "2 if it did not (for install tests)."));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Open the file, render the window into <png>, then quit (for docs)."),
        QStringLiteral("png"));
    const QCommandLineOption size(QStringLiteral("window-size"),
                                  QStringLiteral("Window size WIDTHxHEIGHT."),
                                  QStringLiteral("size"), QStringLiteral("1400x900"));
    const QCommandLineOption quitAfterLoad(
        QStringLiteral("quit-after-load"),
        QStringLiteral("Open the file, paint the window once, then quit: exit status 0 if it "
                       "opened without problems, 2 if it did not (also S3RD_QUIT_AFTER_LOAD=1)."));
    const QCommandLineOption labs(QStringLiteral("labs"),
                                  QStringLiteral("Open the lab chooser (Help > Labs) at start."));
    const QCommandLineOption compareWith(
        QStringLiteral("compare-with"),
        QStringLiteral("Open the file, then compare it with <other> (File > Compare With)."),
        QStringLiteral("other"));
    const QCommandLineOption present(
        QStringLiteral("present"),
        QStringLiteral("Open the file and present it (View > Present) from step <n>; with "
                       "--screenshot, render the presentation."),
        QStringLiteral("n"));
    parser.addOptions({check, screenshot, size, quitAfterLoad, compareWith, labs, present});
    parser.process(app);
    bool stepOk = true;
    const int presentStep = parser.isSet(present) ? parser.value(present).toInt(&stepOk) : 0;
    if (!stepOk || (parser.isSet(present) && presentStep < 1)) {
        qCritical("--present: expected a step number from 1, found \"%s\"",
                  qPrintable(parser.value(present)));
        return 2;
    }
    const bool quitAfterPaint =
        parser.isSet(quitAfterLoad) || qEnvironmentVariableIntValue("S3RD_QUIT_AFTER_LOAD") == 1;

    s3rd::designer::MainWindow window;
    const bool unattended = parser.isSet(check) || parser.isSet(screenshot) || quitAfterPaint;
    if (unattended) {
        // Never block on a dialog when nobody is there to answer it.
        window.setErrorReporter([](const QString &title, const QString &text) {
            qCritical("%s: %s", qPrintable(title), qPrintable(text));
        });
        window.setDiscardPrompt([](const QString &) { return QMessageBox::Discard; });
    }
    bool opened = true;
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty())
        opened = window.openFile(files.first());
    if (parser.isSet(check))
        return opened ? 0 : 2;
    if (opened && parser.isSet(compareWith))
        window.compareWith(parser.value(compareWith));

    if (quitAfterPaint) {
        window.show();
        // Once the event loop runs the window is shown; grab() paints every widget of it.
        QTimer::singleShot(0, &window, [&window, opened] {
            const bool painted = !window.grab().isNull();
            QApplication::exit(opened && painted ? 0 : 2);
        });
        return app.exec();
    }
    // A file manager passes every selected design (%F): the first opens here, each other one in
    // a designer of its own, as the window holds one design.
    for (qsizetype i = 1; i < files.size() && !unattended; ++i) {
        QProcess::startDetached(QCoreApplication::applicationFilePath(),
                                {QFileInfo(files.at(i)).absoluteFilePath()});
    }

    if (parser.isSet(size) || parser.isSet(screenshot)) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        if (wh.size() == 2)
            window.resize(wh[0].toInt(), wh[1].toInt());
    }
    // Presenting from the command line: once the window is shown, as F5 would.
    auto *presenter = window.findChild<s3rd::views::Presenter *>(QStringLiteral("presenter"));
    if (presentStep > 0 && opened) {
        QTimer::singleShot(0, &window, [presenter, presentStep] {
            presenter->start();
            presenter->window()->setStep(presentStep - 1);
        });
    }
    if (parser.isSet(screenshot)) {
        window.show();
        const QString out = parser.value(screenshot);
        if (parser.isSet(labs))
            QTimer::singleShot(0, &window, &s3rd::designer::MainWindow::showLabs);
        QTimer::singleShot(1500, &window, [&window, out, presenter] {
            QWidget *shown = presenter->isPresenting() ? static_cast<QWidget *>(presenter->window())
                                                       : &window;
            const bool ok = screenshotOf(*shown).save(out);
            QApplication::exit(ok ? 0 : 1);
        });
        return app.exec();
    }

    window.show();
    if (parser.isSet(labs))
        QTimer::singleShot(0, &window, &s3rd::designer::MainWindow::showLabs);
    else if (files.isEmpty())
        QTimer::singleShot(0, &window, &s3rd::designer::MainWindow::offerRecovery);
    return app.exec();
}
