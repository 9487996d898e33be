#pragma once

// Running the s3rd command line (or another program, such as a generated deploy script) as a
// user would, with what it prints and how it ends.

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace s3rd::test {

struct RunOptions
{
    QByteArray input;         // written to the program's standard input, then closed
    int timeoutMs = 30000;    // past it the program is killed
    QString workingDirectory; // empty: the test's own
    std::optional<QProcessEnvironment> environment; // unset: the test's own
    std::function<void()> childSetup; // runs in the child before exec (e.g. setrlimit)
};

struct RunResult
{
    int exitCode = -1;     // -1 unless the program exited normally within the time
    bool crashed = false;  // ended by a signal, or killed at the timeout
    bool timedOut = false; // killed at the timeout
    qint64 elapsedMs = 0;
    QByteArray out;
    QByteArray err;

    QString outText() const { return QString::fromUtf8(out); }
    QString errText() const { return QString::fromUtf8(err); }
};

RunResult runProgram(const QString &program, const QStringList &args,
                     const RunOptions &options = {});
// The s3rd built with the tests.
RunResult runS3rd(const QStringList &args, const RunOptions &options = {});

// A bundle's shell script run with bash, `fakeDir` first on PATH (where a test puts a fake
// `aws` that appends each call's arguments to $AWS_CALL_LOG): its exit code, output and the
// AWS calls it made. `env` adds variables for the fake (FAKE_ACCOUNT, ...).
struct ScriptRun
{
    int exitCode = -1;
    QString out, err;
    QStringList calls;
};
ScriptRun runWithFakeAws(const QString &script, const QStringList &args, const QString &fakeDir,
                         const QStringList &env = {}, const QByteArray &input = {});

} // namespace s3rd::test
