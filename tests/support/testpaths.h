#pragma once

// Where the tests find things: the example designs, the test data, the source and build trees
// and the s3rd command line. CMake passes them as absolute paths, so a test runs the same from
// any working directory.

#include "core/design.h"

#include <QString>
#include <QStringList>

namespace s3rd::test {

QString examplesDir();                    // resources/examples
QString examplePath(const QString &name); // examplesDir()/name
// The example design files (*.s3rd.json), sorted by name.
QStringList exampleNames();
// An example design, loaded; a test cannot run without it, so failing to load is fatal.
model::Design loadExample(const QString &name);

QString testDataPath(const QString &relative); // tests/data/relative
QString sourcePath(const QString &relative);   // the source tree
QString buildPath(const QString &relative);    // the build tree
QString cliPath();                             // the s3rd binary

} // namespace s3rd::test
