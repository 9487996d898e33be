#pragma once

// Whole-file reading and writing for tests.

#include <QByteArray>
#include <QString>

#include <filesystem>
#include <map>
#include <string>

namespace s3rd::test {

// The file's bytes; empty when it cannot be read.
QByteArray readFile(const QString &path);
// The file's text as UTF-8; empty when it cannot be read.
QString readText(const QString &path);
// Writes data, creating missing parent directories; false when anything fails.
bool writeFile(const QString &path, const QByteArray &data);

// Every regular file below root, by its '/'-separated path relative to root, with its bytes;
// empty when root does not exist.
std::map<std::string, std::string> readTree(const std::filesystem::path &root);

} // namespace s3rd::test
