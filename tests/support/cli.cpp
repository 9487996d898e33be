#include "cli.h"

#include "files.h"
#include "testpaths.h"

#include <QFile>
#include <QProcessEnvironment>

#include <QElapsedTimer>
#include <QProcess>

namespace s3rd::test {

RunResult runProgram(const QString &program, const QStringList &args, const RunOptions &options)
{
    QProcess p;
    if (!options.workingDirectory.isEmpty())
        p.setWorkingDirectory(options.workingDirectory);
    if (options.environment)
        p.setProcessEnvironment(*options.environment);
    if (options.childSetup)
        p.setChildProcessModifier(options.childSetup);
    QElapsedTimer timer;
    timer.start();
    p.start(program, args);
    RunResult r;
    if (!p.waitForStarted()) {
        r.crashed = true;
        r.err = p.errorString().toUtf8();
        return r;
    }
    if (!options.input.isEmpty())
        p.write(options.input);
    p.closeWriteChannel();
    p.waitForFinished(options.timeoutMs);
    r.elapsedMs = timer.elapsed();
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished();
        r.crashed = true;
        r.timedOut = true;
    } else {
        r.crashed = p.exitStatus() != QProcess::NormalExit;
        r.exitCode = r.crashed ? -1 : p.exitCode();
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

RunResult runS3rd(const QStringList &args, const RunOptions &options)
{
    return runProgram(cliPath(), args, options);
}

ScriptRun runWithFakeAws(const QString &script, const QStringList &args, const QString &fakeDir,
                         const QStringList &env, const QByteArray &input)
{
    const QString log = fakeDir + "/calls.log";
    QFile::remove(log);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("PATH", fakeDir + ":/usr/bin:/bin");
    environment.insert("AWS_CALL_LOG", log);
    for (const QString &e : env)
        environment.insert(e.section('=', 0, 0), e.section('=', 1));
    RunOptions options;
    options.environment = environment;
    options.input = input;
    const RunResult run = runProgram("bash", QStringList{script} + args, options);
    ScriptRun r;
    r.exitCode = run.exitCode;
    r.out = run.outText();
    r.err = run.errText();
    r.calls = readText(log).split('\n', Qt::SkipEmptyParts);
    return r;
}

} // namespace s3rd::test
