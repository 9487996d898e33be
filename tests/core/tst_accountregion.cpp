// The main Region of an account (core/accountregion.h): the one rule auto-arrange and the
// designer's new buckets and keys share.

#include "core/accountregion.h"

#include <QTest>

using namespace s3rd::model;

class TestAccountRegion : public QObject
{
    Q_OBJECT

private slots:
    void mainRegion_data();
    void mainRegion();
};

void TestAccountRegion::mainRegion_data()
{
    QTest::addColumn<QStringList>("bucketRegions");
    QTest::addColumn<QStringList>("keyRegions");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty account") << QStringList{} << QStringList{} << "";
    QTest::newRow("most buckets") << QStringList{"eu-west-1", "us-east-1", "eu-west-1"}
                                  << QStringList{} << "eu-west-1";
    QTest::newRow("keys only") << QStringList{} << QStringList{"ap-south-1"} << "ap-south-1";
    QTest::newRow("a bucket outweighs a key") << QStringList{"us-west-2"}
                                              << QStringList{"eu-central-1"} << "us-west-2";
    QTest::newRow("two keys tie a bucket: alphabetical")
        << QStringList{"us-west-2"} << QStringList{"eu-central-1", "eu-central-1"}
        << "eu-central-1";
    QTest::newRow("tie between buckets: alphabetical")
        << QStringList{"us-east-2", "ca-central-1"} << QStringList{} << "ca-central-1";
    QTest::newRow("no Region given") << QStringList{""} << QStringList{""} << "";
}

void TestAccountRegion::mainRegion()
{
    QFETCH(QStringList, bucketRegions);
    QFETCH(QStringList, keyRegions);
    QFETCH(QString, expected);

    Design d;
    d.accounts.resize(2);
    d.accounts[0].id = "a1";
    d.accounts[1].id = "a2";
    for (const QString &region : bucketRegions) {
        Bucket b;
        b.account = "a1";
        b.region = region.toStdString();
        d.buckets.push_back(b);
    }
    for (const QString &region : keyRegions) {
        KmsKey k;
        k.account = "a1";
        k.region = region.toStdString();
        d.keys.push_back(k);
    }
    // Another account's elements never count.
    for (int i = 0; i < 3; ++i) {
        Bucket b;
        b.account = "a2";
        b.region = "sa-east-1";
        d.buckets.push_back(b);
    }
    QCOMPARE(QString::fromStdString(s3rd::model::mainRegion(d, "a1")), expected);
    QCOMPARE(QString::fromStdString(s3rd::model::mainRegion(d, "a2")), QString("sa-east-1"));
}

QTEST_GUILESS_MAIN(TestAccountRegion)
#include "tst_accountregion.moc"
