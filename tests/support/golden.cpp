#include "golden.h"

#include "files.h"

namespace s3rd::test {

bool regeneratingGoldens()
{
    return qEnvironmentVariable("S3RD_REGENERATE_GOLDEN") == QLatin1String("1");
}

QString compareWithGolden(const QString &goldenPath, const QByteArray &actual,
                          const QString &actualPath)
{
    if (regeneratingGoldens() && !writeFile(goldenPath, actual))
        return QStringLiteral("cannot regenerate %1").arg(goldenPath);
    if (readFile(goldenPath) == actual)
        return {};
    if (!writeFile(actualPath, actual))
        return QStringLiteral("differs from %1; cannot write the actual file to %2")
            .arg(goldenPath, actualPath);
    return QStringLiteral("differs from %1; actual written to %2 (regenerate on purpose with "
                          "S3RD_REGENERATE_GOLDEN=1)")
        .arg(goldenPath, actualPath);
}

} // namespace s3rd::test
