// Saves and exports survive a crash: a child process saving a large design, exporting a bundle
// folder or writing a zip archive is killed with SIGKILL at random moments, hundreds of times.
// Afterwards the file or folder holds the previous version or the complete new one (never a
// truncated file, never a mix of two exports), and the next write leaves no temporary behind.

#include "core/designfile.h"
#include "exchange/exporter.h"
#include "files.h"
#include "largedesign.h"

#include <QDir>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <zip.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <functional>
#include <map>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace s3rd::model;
using namespace s3rd::model::exchange;
namespace fs = std::filesystem;

namespace {

using FileMap = std::map<std::string, std::string>; // relative path -> content

// Two versions of the same large design that differ in every generated document: the bucket
// names (and so every ARN) differ.
Design versionA(int buckets)
{
    return s3rd::bench::largeDesign(buckets, buckets / 30 + 1, buckets / 15 + 1);
}

Design versionB(int buckets)
{
    Design d = versionA(buckets);
    d.name += " (renamed buckets)";
    for (Bucket &b : d.buckets)
        b.name += "-v2";
    return d;
}

FileMap asMap(const std::vector<ExportFile> &files)
{
    FileMap m;
    for (const ExportFile &f : files)
        m[f.path] = f.content;
    return m;
}

FileMap readZip(const std::string &path, QString &error)
{
    FileMap m;
    int code = 0;
    zip_t *z = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!z) {
        error = QStringLiteral("the archive does not open (libzip error %1)").arg(code);
        return m;
    }
    for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
        zip_stat_t st;
        if (zip_stat_index(z, zip_uint64_t(i), 0, &st) != 0 || std::string(st.name).ends_with('/'))
            continue;
        zip_file_t *f = zip_fopen_index(z, zip_uint64_t(i), 0);
        std::string content(std::size_t(st.size), '\0');
        if (!f || zip_fread(f, content.data(), st.size) != zip_int64_t(st.size))
            error = QStringLiteral("entry %1 does not read").arg(st.name);
        if (f)
            zip_fclose(f);
        m[st.name] = content;
    }
    zip_close(z);
    return m;
}

// True when `actual` is all of `version`, plus files only the other version writes (an export
// keeps the files of the previous one that it does not write itself).
bool isComplete(const FileMap &actual, const FileMap &version, const FileMap &other)
{
    for (const auto &[path, content] : version) {
        const auto it = actual.find(path);
        if (it == actual.end() || it->second != content)
            return false;
    }
    for (const auto &[path, content] : actual) {
        if (version.count(path))
            continue;
        const auto it = other.find(path);
        if (it == other.end() || it->second != content)
            return false;
    }
    return true;
}

// Which version a set of files is: "A", "B", or a description of the mix.
QString whichVersion(const FileMap &actual, const FileMap &a, const FileMap &b)
{
    if (isComplete(actual, a, b))
        return QStringLiteral("A");
    if (isComplete(actual, b, a))
        return QStringLiteral("B");
    int fromA = 0, fromB = 0, other = 0;
    for (const auto &[path, content] : actual) {
        const auto ia = a.find(path), ib = b.find(path);
        if (ia != a.end() && ia->second == content)
            ++fromA;
        else if (ib != b.end() && ib->second == content)
            ++fromB;
        else
            ++other;
    }
    return QStringLiteral("a mix: %1 files of A, %2 of B, %3 of neither (%4 files, A has %5, B %6)")
        .arg(fromA)
        .arg(fromB)
        .arg(other)
        .arg(actual.size())
        .arg(a.size())
        .arg(b.size());
}

// Entries of dir other than the expected ones (temporaries left behind).
QStringList strays(const fs::path &dir, const QStringList &expected)
{
    QStringList out;
    for (const fs::directory_entry &e : fs::directory_iterator(dir)) {
        const QString name = QString::fromStdString(e.path().filename().string());
        if (!expected.contains(name))
            out << name;
    }
    return out;
}

// Forks a child that runs write(i) for i = 0, 1, 2… until it is killed after `delay`.
// Returns false when the child ended by itself (it is never meant to).
bool runAndKill(const std::function<void(int)> &write, std::chrono::microseconds delay)
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        for (int i = 0;; ++i)
            write(i);
    }
    std::this_thread::sleep_for(delay);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

// How long one write takes, so the kills spread over the whole of it. On a busy disk an fsync
// alone can take a second; kills within the first 200 ms still land in every step before it.
std::chrono::microseconds timeOf(const std::function<void()> &write)
{
    QElapsedTimer t;
    t.start();
    write();
    return std::chrono::microseconds(std::clamp<qint64>(t.nsecsElapsed() / 1000, 100, 200000));
}

constexpr int kKills = 100; // per test: three hundred kills in all

} // namespace

class TestCrashSafety : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // A design file of about 450 KB; exports of about 200 files.
        m_a = versionA(300);
        m_b = versionB(300);
        m_exportA = versionA(60);
        m_exportB = versionB(60);
        QVERIFY(exportProblems(m_exportA).empty());
        QVERIFY(exportProblems(m_exportB).empty());
    }

    void killedWhileSavingDesign()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/large.s3rd.json").toStdString();
        QCOMPARE(QString::fromStdString(saveDesignFile(m_a, path)), QString());
        const auto oneSave = timeOf([&] { saveDesignFile(m_b, path); });
        QRandomGenerator random(17);
        int sawA = 0, sawB = 0;
        for (int k = 0; k < kKills; ++k) {
            const auto delay =
                std::chrono::microseconds(random.bounded(qint64(oneSave.count() * 3 / 2) + 1));
            QVERIFY(runAndKill([&](int i) { saveDesignFile((k + i) % 2 ? m_a : m_b, path); }, delay));
            const LoadResult r = loadDesignFile(path);
            if (!r.ok()) {
                QFAIL(qPrintable(QStringLiteral("kill %1 after %2 us: %3")
                                     .arg(k)
                                     .arg(delay.count())
                                     .arg(QString::fromStdString(r.problems.front().message))));
            }
            QVERIFY(r.design == m_a || r.design == m_b);
            (r.design == m_a ? sawA : sawB)++;
        }
        qInfo("after %d kills: %d times the first version, %d times the second", kKills, sawA,
              sawB);
        // The next save cleans up what killed saves left.
        QCOMPARE(QString::fromStdString(saveDesignFile(m_a, path)), QString());
        QCOMPARE(strays(dir.path().toStdString(), {"large.s3rd.json"}), QStringList());
    }

    void killedWhileExportingFolder()
    {
        const std::vector<ExportFile> filesA = exportFiles(m_exportA, ExportFormat::Bundle);
        const std::vector<ExportFile> filesB = exportFiles(m_exportB, ExportFormat::Bundle);
        const FileMap a = asMap(filesA);
        const FileMap b = asMap(filesB);
        // Every document differs between the two (bucket names are in every ARN), so any mix
        // of two exports is visible.
        QTemporaryDir dir;
        const std::string out = (dir.path() + "/bundle").toStdString();
        QCOMPARE(QString::fromStdString(writeExportFolder(filesA, out)), QString());
        const auto oneExport = timeOf([&] { writeExportFolder(filesB, out); });
        QRandomGenerator random(23);
        for (int k = 0; k < kKills; ++k) {
            const auto delay =
                std::chrono::microseconds(random.bounded(qint64(oneExport.count() * 3 / 2) + 1));
            QVERIFY(
                runAndKill([&](int i) { writeExportFolder((k + i) % 2 ? filesA : filesB, out); }, delay));
            const QString version = whichVersion(s3rd::test::readTree(out), a, b);
            QVERIFY2(version == "A" || version == "B",
                     qPrintable(QStringLiteral("kill %1 after %2 us: %3")
                                    .arg(k)
                                    .arg(delay.count())
                                    .arg(version)));
        }
        QCOMPARE(QString::fromStdString(writeExportFolder(filesA, out)), QString());
        QCOMPARE(whichVersion(s3rd::test::readTree(out), a, b), QStringLiteral("A"));
        QCOMPARE(strays(dir.path().toStdString(), {"bundle"}), QStringList());
    }

    void killedWhileWritingZip()
    {
        const std::vector<ExportFile> filesA = exportFiles(m_exportA, ExportFormat::Bundle);
        const std::vector<ExportFile> filesB = exportFiles(m_exportB, ExportFormat::Bundle);
        const FileMap a = asMap(filesA);
        const FileMap b = asMap(filesB);
        QTemporaryDir dir;
        const std::string zip = (dir.path() + "/bundle.zip").toStdString();
        QCOMPARE(QString::fromStdString(writeExportZip(filesA, zip)), QString());
        const auto oneZip = timeOf([&] { writeExportZip(filesB, zip); });
        QRandomGenerator random(29);
        for (int k = 0; k < kKills; ++k) {
            const auto delay =
                std::chrono::microseconds(random.bounded(qint64(oneZip.count() * 3 / 2) + 1));
            QVERIFY(
                runAndKill([&](int i) { writeExportZip((k + i) % 2 ? filesA : filesB, zip); }, delay));
            QString error;
            const FileMap actual = readZip(zip, error);
            QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("kill %1: %2").arg(k).arg(error)));
            const QString version = whichVersion(actual, a, b);
            QVERIFY2(version == "A" || version == "B",
                     qPrintable(QStringLiteral("kill %1: %2").arg(k).arg(version)));
        }
        QCOMPARE(QString::fromStdString(writeExportZip(filesA, zip)), QString());
        QCOMPARE(strays(dir.path().toStdString(), {"bundle.zip"}), QStringList());
    }

private:
    Design m_a;
    Design m_b;
    Design m_exportA;
    Design m_exportB;
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
