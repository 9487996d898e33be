#pragma once

// Golden files: expected output kept in the source tree and compared byte for byte. With
// S3RD_REGENERATE_GOLDEN=1 in the environment the golden file is rewritten first (on purpose
// only: a changed golden is explained in its commit).

#include <QByteArray>
#include <QString>

namespace s3rd::test {

bool regeneratingGoldens();

// Compares actual with the golden file at goldenPath. On a mismatch the actual bytes are
// written to actualPath (in the build tree) and the returned message names both files; an
// empty message means equal.
QString compareWithGolden(const QString &goldenPath, const QByteArray &actual,
                          const QString &actualPath);

} // namespace s3rd::test
