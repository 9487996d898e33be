// Every s3rd command on hostile input finishes within bounded time and memory (10 s of CPU and
// 1 GB of address space per command in the plain build) and refuses what it cannot take with a
// message that names the limit: deep nesting, huge strings and arrays, 100,000 elements,
// objects with 100,000 keys, policies with thousands of statements or pathological wildcards,
// import inputs that refer to each other in a cycle, and 50,000 arguments.

#include "cli.h"
#include "files.h"
#include "testpaths.h"

#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

using namespace s3rd::test;

namespace {

constexpr bool kSanitized = S3RD_SANITIZED; // set by CMake

// Under AddressSanitizer the program is about three times slower and reserves terabytes of
// address space for its shadow memory, so only the time limit applies, stretched.
constexpr int kCpuSeconds = kSanitized ? 30 : 10;
constexpr rlim_t kAddressSpace = rlim_t(1) << 30;

struct Run
{
    int exitCode = -1;
    bool crashed = false;
    qint64 ms = 0;
    QString out;
    QString err;
};

Run runLimited(const QStringList &args, const QString &workDir)
{
    RunOptions options;
    options.workingDirectory = workDir;
    options.timeoutMs = kCpuSeconds * 2 * 1000;
    options.childSetup = [] {
        const rlimit cpu{rlim_t(kCpuSeconds), rlim_t(kCpuSeconds)};
        ::setrlimit(RLIMIT_CPU, &cpu);
        if (!kSanitized) {
            const rlimit as{kAddressSpace, kAddressSpace};
            ::setrlimit(RLIMIT_AS, &as);
        }
    };
    const RunResult run = runS3rd(args, options);
    Run r{run.exitCode, run.crashed, run.elapsedMs, run.outText(), run.errText()};
    if (run.timedOut)
        r.err = QStringLiteral("still running after %1 s").arg(kCpuSeconds * 2);
    return r;
}

void write(const QString &path, const QByteArray &content)
{
    QVERIFY(writeFile(path, content));
}

QByteArray header()
{
    return "{\"format\": \"s3-replication-designer\", \"formatVersion\": 1, \"name\": \"x\"";
}

// A valid design (the cross-account example) with the bucket policy of its destination
// replaced by `policy` (JSON text).
QByteArray withCustomPolicy(QByteArray policy)
{
    QByteArray design = readFile(examplePath("cross-account-sse-kms.s3rd.json"));
    const QByteArray quoted =
        QByteArray("\"") + policy.replace('\\', "\\\\").replace('"', "\\\"") + "\"";
    // Every bucket gets the custom policy; the field sits before "objectOwnership".
    design.replace("\"objectOwnership\"",
                   "\"customBucketPolicy\": {\"name\": \"hostile\", \"document\": " + quoted +
                       "},\n      \"objectOwnership\"");
    return design;
}

QByteArray statements(int count, const QByteArray &resource)
{
    QByteArray s = "{\"Version\": \"2012-10-17\", \"Statement\": [";
    for (int i = 0; i < count; ++i) {
        s += (i ? "," : "") + QByteArray("{\"Effect\":\"Deny\",\"Action\":\"s3:Get*\",\"Resource\":\"") +
             resource + "\"}";
    }
    return s + "]}";
}

} // namespace

class TestHostileInput : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString d = m_dir.path() + "/";
        write(d + "deep-array.s3rd.json", QByteArray(1000000, '['));
        QByteArray deepObject;
        for (int i = 0; i < 200000; ++i)
            deepObject += "{\"a\":";
        write(d + "deep-object.s3rd.json", deepObject);
        write(d + "huge-string.s3rd.json",
              header() + ", \"note\": \"" + QByteArray(10 << 20, 'n') + "\"}");
        QByteArray hugeArray = header() + ", \"rules\": [";
        for (int i = 0; i < 2000000; ++i)
            hugeArray += i ? ",{}" : "{}";
        write(d + "huge-array.s3rd.json", hugeArray + "]}");
        QByteArray manyBuckets =
            header() + ", \"accounts\": [{\"id\": \"a\", \"accountId\": \"111122223333\"}], \"buckets\": [";
        for (int i = 0; i < 100000; ++i) {
            manyBuckets += (i ? "," : "") + QByteArray("{\"id\": \"b") + QByteArray::number(i) +
                           "\", \"account\": \"a\", \"name\": \"bucket-" + QByteArray::number(i) +
                           "\", \"region\": \"us-east-1\"}";
        }
        write(d + "100000-buckets.s3rd.json", manyBuckets + "]}");
        QByteArray manyKeys = header() + ", \"accounts\": [{";
        for (int i = 0; i < 100000; ++i)
            manyKeys += (i ? ",\"k" : "\"k") + QByteArray::number(i) + "\": 1";
        write(d + "100000-keys.s3rd.json", manyKeys + "}]}");
        QByteArray duplicates = header() + ", \"accounts\": [{";
        for (int i = 0; i < 100000; ++i)
            duplicates += i ? ",\"id\": \"a\"" : "\"id\": \"a\"";
        write(d + "100000-duplicates.s3rd.json", duplicates + "}]}");
        write(d + "1000-statements.s3rd.json",
              withCustomPolicy(statements(1000, "*")));
        write(d + "5000-statements.s3rd.json",
              withCustomPolicy(statements(5000, "arn:aws:s3:::x/*")));
        QByteArray wildcard = "arn:aws:s3:::";
        for (int i = 0; i < 400; ++i)
            wildcard += "*a";
        write(d + "wildcards.s3rd.json", withCustomPolicy(statements(40, wildcard + "*b")));
    }

    void designCommands_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("exitCode");  // of `s3rd lint`; -1: any
        QTest::addColumn<QString>("names"); // what lint's message names, if it refuses
        QTest::newRow("deep array") << "deep-array.s3rd.json" << 2 << "64 levels";
        QTest::newRow("deep object") << "deep-object.s3rd.json" << 2 << "64 levels";
        QTest::newRow("huge string") << "huge-string.s3rd.json" << 0 << "";
        QTest::newRow("2,000,000 rules") << "huge-array.s3rd.json" << 2 << "at most 20000";
        QTest::newRow("100,000 buckets") << "100000-buckets.s3rd.json" << 2 << "at most 20000";
        QTest::newRow("100,000 keys") << "100000-keys.s3rd.json" << 2 << "more problems";
        QTest::newRow("100,000 duplicates")
            << "100000-duplicates.s3rd.json" << 2 << "appears more than once";
        QTest::newRow("1,000 statements") << "1000-statements.s3rd.json" << 0 << "";
        QTest::newRow("5,000 statements") << "5000-statements.s3rd.json" << 2 << "65536 bytes";
        QTest::newRow("*a*a*a…b wildcards") << "wildcards.s3rd.json" << 0 << "";
    }

    void designCommands()
    {
        QFETCH(QString, file);
        QFETCH(int, exitCode);
        QFETCH(QString, names);
        const QString out = m_dir.path() + "/out-" + file;
        const QList<QStringList> commands = {
            {"lint", file},
            {"format", "--check", file},
            {"check", file, "--format", "json"},
            {"generate", file, "--format", "json"},
            {"simulate", file, "--bucket", "acme-payments-records-use1", "--key",
             QString(1000, QLatin1Char('a')) + "b"},
            {"export", file, "--out", out},
            {"export", file, "--out", out, "--zip", "--format", "terraform"},
        };
        for (const QStringList &args : commands) {
            const Run r = runLimited(args, m_dir.path());
            const QString what = args.join(' ').left(120);
            QVERIFY2(!r.crashed, qPrintable(what + ": " + r.err.left(2000)));
            QVERIFY2(r.exitCode >= 0 && r.exitCode <= 2,
                     qPrintable(what + ": " + r.err.left(2000)));
            if (args.front() == "lint") {
                QCOMPARE(r.exitCode, exitCode);
                QVERIFY2(r.err.contains(names), qPrintable(r.err.left(2000)));
            }
            qInfo("%s: exit %d in %lld ms", qPrintable(what), r.exitCode, r.ms);
        }
    }

    void importCommands_data()
    {
        QTest::addColumn<QStringList>("inputs"); // name=content pairs, then the arguments
        QTest::addColumn<QByteArrayList>("contents");
        QTest::addColumn<QString>("names");

        // Three buckets replicating in a ring, A -> B -> C -> A, one role for all.
        const auto replication = [](const char *to) {
            return QByteArray(
                       "{\"ReplicationConfiguration\": {\"Role\": \"arn:aws:iam::111122223333:role/ring\", \"Rules\": [{\"ID\": \"r\", \"Priority\": 1, \"Status\": \"Enabled\", \"Filter\": {}, \"DeleteMarkerReplication\": {\"Status\": \"Disabled\"}, \"Destination\": {\"Bucket\": \"arn:aws:s3:::") +
                   to + "\"}}]}}";
        };
        QTest::newRow("replication ring")
            << QStringList{"--account", "111122223333", "--region", "us-east-1", "--bucket",
                           "ring-a",    "a.json",       "--bucket", "ring-b",    "b.json",
                           "--bucket",  "ring-c",       "c.json"}
            << QByteArrayList{replication("ring-b"), replication("ring-c"), replication("ring-a")}
            << "";
        QTest::newRow("deep input") << QStringList{"--bucket", "x", "a.json"}
                                    << QByteArrayList{QByteArray(1000000, '[')} << "64 levels";
        QByteArray bigPolicy = "{\"Policy\": \"";
        bigPolicy += statements(5000, "arn:aws:s3:::x/*").replace('"', "\\\"") + "\"}";
        QTest::newRow("5,000 statement bucket policy")
            << QStringList{"--bucket", "x", "a.json"} << QByteArrayList{bigPolicy} << "65536 bytes";
        QStringList many{"--account", "111122223333"};
        for (int i = 0; i < 25000; ++i)
            many << "--bucket" << QStringLiteral("b-%1").arg(i);
        QTest::newRow("25,000 subjects") << many << QByteArrayList{} << "at most 20000";
    }

    void importCommands()
    {
        QFETCH(QStringList, inputs);
        QFETCH(QByteArrayList, contents);
        QFETCH(QString, names);
        const char *files[] = {"a.json", "b.json", "c.json"};
        for (int i = 0; i < contents.size(); ++i)
            write(m_dir.path() + "/" + files[i], contents[i]);
        const Run r =
            runLimited(QStringList{"import", "--out", "imported.s3rd.json"} + inputs, m_dir.path());
        QVERIFY2(!r.crashed, qPrintable(r.err.left(2000)));
        qInfo("exit %d in %lld ms", r.exitCode, r.ms);
        if (names.isEmpty()) {
            QVERIFY2(r.exitCode == 0, qPrintable(r.err.left(2000)));
            const Run lint = runLimited({"lint", "imported.s3rd.json"}, m_dir.path());
            QCOMPARE(lint.exitCode, 0);
        } else {
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains(names), qPrintable(r.err.left(2000)));
        }
    }

    // As many as fit in the kernel's limit on one command line (ARG_MAX, 2 MB).
    void fiftyThousandArguments()
    {
        QStringList args{"lint"};
        for (int i = 0; i < 50000; ++i)
            args << QStringLiteral("missing-%1.s3rd.json").arg(i);
        const Run r = runLimited(args, m_dir.path());
        QVERIFY2(!r.crashed, qPrintable(r.err.left(2000)));
        QCOMPARE(r.exitCode, 2);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostileinput.moc"
