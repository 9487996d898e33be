#include "files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace s3rd::test {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString readText(const QString &path)
{
    return QString::fromUtf8(readFile(path));
}

bool writeFile(const QString &path, const QByteArray &data)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

std::map<std::string, std::string> readTree(const std::filesystem::path &root)
{
    namespace fs = std::filesystem;
    std::map<std::string, std::string> files;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file()) {
            files[fs::relative(it->path(), root).generic_string()] =
                readFile(QString::fromStdString(it->path().string())).toStdString();
        }
    }
    return files;
}

} // namespace s3rd::test
