// The labs the designer offers: compiled in, and from the user's folder.

#include "designerlabs.h"

#include <QDir>
#include <QFile>
#include <QSettings>

namespace s3rd::document {

namespace {

const QString kFolderKey = QStringLiteral("labFolder");

// Each subfolder of root holding a lab.json, by name.
std::vector<std::string> labFolders(const QString &root)
{
    std::vector<std::string> folders;
    const QDir dir(root);
    for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString folder = dir.filePath(name);
        if (QFile::exists(folder + QStringLiteral("/lab.json")))
            folders.push_back(folder.toStdString());
    }
    return folders;
}

// Reads a file through Qt, so resource paths (":/labs/…") work as well as plain ones.
bool readThroughQt(const std::string &path, std::string &text, std::string &error)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly)) {
        error = "cannot open the file: " + file.errorString().toStdString();
        return false;
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        error = "cannot read the file: " + file.errorString().toStdString();
        return false;
    }
    text.assign(bytes.constData(), std::size_t(bytes.size()));
    return true;
}

} // namespace

model::labs::Catalogue loadDesignerLabs(const QString &userFolder)
{
    std::vector<std::string> folders = labFolders(QString::fromLatin1(kShippedLabsRoot));
    if (!userFolder.isEmpty()) {
        const std::vector<std::string> own = labFolders(userFolder);
        folders.insert(folders.end(), own.begin(), own.end());
    }
    model::labs::Catalogue c = model::labs::loadCatalogue(folders, &readThroughQt);
    if (!userFolder.isEmpty() && !QDir(userFolder).exists())
        c.problems.push_back({userFolder.toStdString(), "", "no such folder of labs"});
    return c;
}

QString labFolder()
{
    return QSettings().value(kFolderKey).toString();
}

void setLabFolder(const QString &folder)
{
    QSettings().setValue(kFolderKey, folder);
}

} // namespace s3rd::document
