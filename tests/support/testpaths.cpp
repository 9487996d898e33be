#include "testpaths.h"

#include "core/designfile.h"

#include <QDir>

namespace s3rd::test {

QString examplesDir()
{
    return QStringLiteral(S3RD_EXAMPLES_DIR);
}

QString examplePath(const QString &name)
{
    return QDir(examplesDir()).filePath(name);
}

QStringList exampleNames()
{
    return QDir(examplesDir()).entryList({QStringLiteral("*.s3rd.json")}, QDir::Files, QDir::Name);
}

model::Design loadExample(const QString &name)
{
    const model::LoadResult r = model::loadDesignFile(examplePath(name).toStdString());
    if (!r.ok())
        qFatal("cannot load example %s: %s", qPrintable(name), r.problems.front().message.c_str());
    return r.design;
}

QString testDataPath(const QString &relative)
{
    return QDir(QStringLiteral(S3RD_TEST_DATA_DIR)).filePath(relative);
}

QString sourcePath(const QString &relative)
{
    return QDir(QStringLiteral(S3RD_SOURCE_DIR)).filePath(relative);
}

QString buildPath(const QString &relative)
{
    return QDir(QStringLiteral(S3RD_BINARY_DIR)).filePath(relative);
}

QString cliPath()
{
    return QStringLiteral(S3RD_CLI_PATH);
}

} // namespace s3rd::test
