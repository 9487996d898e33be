// The name and identifier validators against the AWS naming rules (reference §7).

#include "core/names.h"

#include <QTest>

using namespace s3rd::model;

class TestNames : public QObject
{
    Q_OBJECT

private slots:
    void bucketName_data();
    void bucketName();
    void accountId_data();
    void accountId();
    void roleName_data();
    void roleName();
    void rolePath_data();
    void rolePath();
    void kmsAlias_data();
    void kmsAlias();
    void kmsKeyId_data();
    void kmsKeyId();
    void ruleIdAndPrefix_data();
    void ruleIdAndPrefix();
    void tag_data();
    void tag();
    void region_data();
    void region();
    void regionTable();
    void storageClass_data();
    void storageClass();
    void partitions();
    void utf8();
    void messagesAreOneSentence();
};

void TestNames::bucketName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");

    QTest::newRow("simple") << "my-bucket" << true;
    QTest::newRow("digits and dots") << "logs.2024.example" << true;
    QTest::newRow("three characters") << "abc" << true;
    QTest::newRow("63 characters") << QString(63, 'a') << true;
    QTest::newRow("starts with digit") << "1bucket" << true;
    QTest::newRow("almost an IP") << "192.168.5.4a" << true;
    QTest::newRow("five numeric groups") << "1.2.3.4.5" << true;
    QTest::newRow("prefix inside") << "my-xn--bucket" << true;

    QTest::newRow("two characters") << "ab" << false;
    QTest::newRow("64 characters") << QString(64, 'a') << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("uppercase") << "My-Bucket" << false;
    QTest::newRow("underscore") << "my_bucket" << false;
    QTest::newRow("space") << "my bucket" << false;
    QTest::newRow("starts with hyphen") << "-bucket" << false;
    QTest::newRow("ends with hyphen") << "bucket-" << false;
    QTest::newRow("starts with period") << ".bucket" << false;
    QTest::newRow("ends with period") << "bucket." << false;
    QTest::newRow("adjacent periods") << "my..bucket" << false;
    QTest::newRow("IP address") << "192.168.5.4" << false;
    QTest::newRow("prefix xn--") << "xn--bucket" << false;
    QTest::newRow("prefix sthree-") << "sthree-bucket" << false;
    QTest::newRow("prefix sthree-configurator") << "sthree-configurator" << false;
    QTest::newRow("prefix amzn-s3-demo-") << "amzn-s3-demo-bucket" << false;
    QTest::newRow("suffix -s3alias") << "bucket-s3alias" << false;
    QTest::newRow("suffix --ol-s3") << "bucket--ol-s3" << false;
    QTest::newRow("suffix .mrap") << "bucket.mrap" << false;
    QTest::newRow("suffix --x-s3") << "bucket--x-s3" << false;
    QTest::newRow("suffix --table-s3") << "bucket--table-s3" << false;
    QTest::newRow("non-ASCII") << QString::fromUtf8("b\xc3\xbc" "cket") << false;
}

void TestNames::bucketName()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    const std::string message = names::checkBucketName(name.toStdString());
    QCOMPARE(message.empty(), valid);
}

void TestNames::accountId_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");
    QTest::newRow("12 digits") << "111122223333" << true;
    QTest::newRow("leading zeros") << "000123456789" << true;
    QTest::newRow("11 digits") << "11112222333" << false;
    QTest::newRow("13 digits") << "1111222233334" << false;
    QTest::newRow("hyphens") << "1111-2222-3333" << false;
    QTest::newRow("letters") << "11112222333a" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("spaces") << " 111122223333" << false;
}

void TestNames::accountId()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    QCOMPARE(names::checkAccountId(id.toStdString()).empty(), valid);
}

void TestNames::roleName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("typical") << "s3-replication-role" << true;
    QTest::newRow("all allowed punctuation") << "a_b+c=d,e.f@g-h" << true;
    QTest::newRow("64 characters") << QString(64, 'r') << true;
    QTest::newRow("one character") << "r" << true;
    QTest::newRow("65 characters") << QString(65, 'r') << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("slash") << "service-role/replication" << false;
    QTest::newRow("space") << "replication role" << false;
    QTest::newRow("colon") << "role:name" << false;
}

void TestNames::roleName()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(names::checkRoleName(name.toStdString()).empty(), valid);
}

void TestNames::rolePath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("valid");
    QTest::newRow("root") << "/" << true;
    QTest::newRow("service-role") << "/service-role/" << true;
    QTest::newRow("nested") << "/application_abc/component_xyz/" << true;
    QTest::newRow("512 characters") << "/" + QString(510, 'p') + "/" << true;
    QTest::newRow("513 characters") << "/" + QString(511, 'p') + "/" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("no leading slash") << "service-role/" << false;
    QTest::newRow("no trailing slash") << "/service-role" << false;
    QTest::newRow("space") << "/service role/" << false;
}

void TestNames::rolePath()
{
    QFETCH(QString, path);
    QFETCH(bool, valid);
    QCOMPARE(names::checkRolePath(path.toStdString()).empty(), valid);
}

void TestNames::kmsAlias_data()
{
    QTest::addColumn<QString>("alias");
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("valid");
    const int customer = int(KeyKind::CustomerManaged);
    const int managed = int(KeyKind::AwsManaged);
    const int mrk = int(KeyKind::MultiRegionPrimary);
    QTest::newRow("customer alias") << "alias/orders-data" << customer << true;
    QTest::newRow("customer alias with slash and colon") << "alias/team/app:prod_1" << customer
                                                          << true;
    QTest::newRow("customer without alias") << "" << customer << true;
    QTest::newRow("multi-Region alias") << "alias/global-data" << mrk << true;
    QTest::newRow("customer 256 characters") << "alias/" + QString(250, 'a') << customer << true;
    QTest::newRow("customer 257 characters") << "alias/" + QString(251, 'a') << customer << false;
    QTest::newRow("customer reserved aws/") << "alias/aws/s3" << customer << false;
    QTest::newRow("customer reserved aws/ other") << "alias/aws/mine" << customer << false;
    QTest::newRow("missing alias/ prefix") << "orders-data" << customer << false;
    QTest::newRow("nothing after alias/") << "alias/" << customer << false;
    QTest::newRow("space") << "alias/orders data" << customer << false;
    QTest::newRow("period") << "alias/orders.data" << customer << false;
    QTest::newRow("aws managed s3") << "alias/aws/s3" << managed << true;
    QTest::newRow("aws managed other") << "alias/aws/ebs" << managed << false;
    QTest::newRow("aws managed custom") << "alias/orders-data" << managed << false;
    QTest::newRow("aws managed empty") << "" << managed << false;
}

void TestNames::kmsAlias()
{
    QFETCH(QString, alias);
    QFETCH(int, kind);
    QFETCH(bool, valid);
    QCOMPARE(names::checkKmsAliasName(alias.toStdString(), KeyKind(kind)).empty(), valid);
}

void TestNames::kmsKeyId_data()
{
    QTest::addColumn<QString>("keyId");
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("valid");
    const int customer = int(KeyKind::CustomerManaged);
    const int managed = int(KeyKind::AwsManaged);
    const int primary = int(KeyKind::MultiRegionPrimary);
    const int replica = int(KeyKind::MultiRegionReplica);
    QTest::newRow("uuid") << "1234abcd-12ab-34cd-56ef-1234567890ab" << customer << true;
    QTest::newRow("uuid aws managed") << "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d" << managed << true;
    QTest::newRow("mrk primary") << "mrk-1234abcd12ab34cd56ef1234567890ab" << primary << true;
    QTest::newRow("mrk replica") << "mrk-1234abcd12ab34cd56ef1234567890ab" << replica << true;
    QTest::newRow("empty") << "" << customer << false;
    QTest::newRow("uppercase hex") << "1234ABCD-12AB-34CD-56EF-1234567890AB" << customer << false;
    QTest::newRow("no hyphens") << "1234abcd12ab34cd56ef1234567890ab" << customer << false;
    QTest::newRow("too short") << "1234abcd-12ab-34cd-56ef-1234567890a" << customer << false;
    QTest::newRow("not hex") << "1234abcd-12ab-34cd-56ef-1234567890ag" << customer << false;
    QTest::newRow("hyphen misplaced") << "1234abc-d12ab-34cd-56ef-1234567890ab" << customer
                                      << false;
    QTest::newRow("mrk id on single-Region key") << "mrk-1234abcd12ab34cd56ef1234567890ab"
                                                 << customer << false;
    QTest::newRow("uuid on multi-Region key") << "1234abcd-12ab-34cd-56ef-1234567890ab" << primary
                                              << false;
    QTest::newRow("mrk 31 hex") << "mrk-1234abcd12ab34cd56ef1234567890a" << replica << false;
    QTest::newRow("mrk with hyphens") << "mrk-1234abcd-12ab-34cd-56ef-1234567890ab" << primary
                                      << false;
    QTest::newRow("key ARN instead of id")
        << "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        << customer << false;
}

void TestNames::kmsKeyId()
{
    QFETCH(QString, keyId);
    QFETCH(int, kind);
    QFETCH(bool, valid);
    QCOMPARE(names::checkKmsKeyId(keyId.toStdString(), KeyKind(kind)).empty(), valid);
}

void TestNames::ruleIdAndPrefix_data()
{
    QTest::addColumn<bool>("isPrefix");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");
    QTest::newRow("rule ID empty (S3 assigns one)") << false << "" << true;
    QTest::newRow("rule ID 255") << false << QString(255, 'i') << true;
    QTest::newRow("rule ID 256") << false << QString(256, 'i') << false;
    QTest::newRow("rule ID 255 non-ASCII characters") << false << QString(255, QChar(0xe9))
                                                      << true;
    QTest::newRow("prefix empty") << true << "" << true;
    QTest::newRow("prefix 1024") << true << QString(1024, 'p') << true;
    QTest::newRow("prefix 1025") << true << QString(1025, 'p') << false;
    QTest::newRow("prefix 600 two-byte characters") << true << QString(600, QChar(0xe9)) << false;
}

void TestNames::ruleIdAndPrefix()
{
    QFETCH(bool, isPrefix);
    QFETCH(QString, value);
    QFETCH(bool, valid);
    const std::string v = value.toStdString();
    QCOMPARE((isPrefix ? names::checkRulePrefix(v) : names::checkRuleId(v)).empty(), valid);
}

void TestNames::tag_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << "replicate" << "true" << true;
    QTest::newRow("empty value") << "archive" << "" << true;
    QTest::newRow("allowed punctuation") << "team:app/env_1" << "a+b-c=d.e@f g" << true;
    QTest::newRow("non-ASCII letters") << QString::fromUtf8("\xc3\xa9quipe") << "paris" << true;
    QTest::newRow("key 128") << QString(128, 'k') << "v" << true;
    QTest::newRow("value 256") << "k" << QString(256, 'v') << true;
    QTest::newRow("empty key") << "" << "v" << false;
    QTest::newRow("key 129") << QString(129, 'k') << "v" << false;
    QTest::newRow("value 257") << "k" << QString(257, 'v') << false;
    QTest::newRow("reserved aws: key") << "aws:createdBy" << "me" << false;
    QTest::newRow("asterisk in key") << "team*" << "v" << false;
    QTest::newRow("comma in value") << "k" << "a,b" << false;
}

void TestNames::tag()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(bool, valid);
    QCOMPARE(names::checkTag(Tag{key.toStdString(), value.toStdString()}).empty(), valid);
}

void TestNames::region_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<int>("partition");
    QTest::addColumn<bool>("valid");
    QTest::newRow("us-east-1") << "us-east-1" << int(Partition::Aws) << true;
    QTest::newRow("eu-west-1") << "eu-west-1" << int(Partition::Aws) << true;
    QTest::newRow("opt-in af-south-1") << "af-south-1" << int(Partition::Aws) << true;
    QTest::newRow("cn-north-1 in aws-cn") << "cn-north-1" << int(Partition::AwsCn) << true;
    QTest::newRow("us-gov-west-1 in aws-us-gov") << "us-gov-west-1" << int(Partition::AwsUsGov)
                                                 << true;
    QTest::newRow("cn-north-1 in aws") << "cn-north-1" << int(Partition::Aws) << false;
    QTest::newRow("us-east-1 in aws-us-gov") << "us-east-1" << int(Partition::AwsUsGov) << false;
    QTest::newRow("unknown") << "us-east-9" << int(Partition::Aws) << false;
    QTest::newRow("availability zone") << "us-east-1a" << int(Partition::Aws) << false;
    QTest::newRow("empty") << "" << int(Partition::Aws) << false;
    QTest::newRow("uppercase") << "US-EAST-1" << int(Partition::Aws) << false;
}

void TestNames::region()
{
    QFETCH(QString, region);
    QFETCH(int, partition);
    QFETCH(bool, valid);
    QCOMPARE(names::checkRegion(region.toStdString(), Partition(partition)).empty(), valid);
}

void TestNames::regionTable()
{
    // Regions launched after March 20, 2019 are opt-in; the older ones are enabled by default.
    const char *const optIn[] = {"af-south-1",     "ap-east-1",      "ap-south-2",
                                 "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
                                 "ap-southeast-7", "eu-south-1",     "eu-south-2",
                                 "eu-central-2",   "me-south-1",     "me-central-1",
                                 "il-central-1",   "ca-west-1",      "mx-central-1"};
    for (const char *code : optIn) {
        const names::Region *r = names::findRegion(code);
        QVERIFY2(r, code);
        QVERIFY2(r->optIn, code);
        QCOMPARE(r->partition, Partition::Aws);
    }
    const char *const byDefault[] = {"us-east-1", "us-west-2", "eu-west-1", "eu-central-1",
                                     "ap-northeast-3", "sa-east-1", "cn-north-1",
                                     "us-gov-east-1"};
    for (const char *code : byDefault) {
        const names::Region *r = names::findRegion(code);
        QVERIFY2(r, code);
        QVERIFY2(!r->optIn, code);
    }
    // Each code appears once and every region has a display name.
    const auto all = names::regions();
    QVERIFY(all.size() >= 38);
    for (std::size_t i = 0; i < all.size(); ++i) {
        QVERIFY(!all[i].name.empty());
        for (std::size_t j = i + 1; j < all.size(); ++j)
            QVERIFY(all[i].code != all[j].code);
    }
    QCOMPARE(names::findRegion("cn-northwest-1")->partition, Partition::AwsCn);
    QCOMPARE(names::findRegion("us-gov-west-1")->partition, Partition::AwsUsGov);
    QVERIFY(!names::findRegion("mars-north-1"));
}

void TestNames::storageClass_data()
{
    QTest::addColumn<QString>("storageClass");
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty: same as source") << "" << true;
    for (const char *c : {"STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA",
                          "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "GLACIER_IR"})
        QTest::newRow(c) << c << true;
    QTest::newRow("FSX_OPENZFS") << "FSX_OPENZFS" << false;
    QTest::newRow("FSX_ONTAP") << "FSX_ONTAP" << false;
    QTest::newRow("EXPRESS_ONEZONE") << "EXPRESS_ONEZONE" << false;
    QTest::newRow("lowercase") << "standard" << false;
    QTest::newRow("made up") << "COLD" << false;
}

void TestNames::storageClass()
{
    QFETCH(QString, storageClass);
    QFETCH(bool, valid);
    QCOMPARE(names::checkStorageClass(storageClass.toStdString()).empty(), valid);
    if (!storageClass.isEmpty()) {
        const auto list = names::replicaStorageClasses();
        const bool listed =
            std::find(list.begin(), list.end(), storageClass.toStdString()) != list.end();
        QCOMPARE(listed, valid);
    }
}

void TestNames::partitions()
{
    for (Partition p : {Partition::Aws, Partition::AwsCn, Partition::AwsUsGov}) {
        Partition back = Partition::Aws;
        QVERIFY(names::parsePartition(names::partitionName(p), back));
        QCOMPARE(back, p);
    }
    QCOMPARE(names::partitionName(Partition::AwsUsGov), std::string_view("aws-us-gov"));
    Partition out = Partition::AwsCn;
    QVERIFY(!names::parsePartition("aws-eusc", out));
    QVERIFY(!names::parsePartition("AWS", out));
    QCOMPARE(out, Partition::AwsCn);
}

void TestNames::messagesAreOneSentence()
{
    // Messages go into the checklist and the command line as one plain line.
    const std::string messages[] = {
        names::checkBucketName("ab"),
        names::checkBucketName("My_Bucket"),
        names::checkAccountId("12"),
        names::checkRoleName(""),
        names::checkRolePath("x"),
        names::checkKmsAliasName("alias/aws/x", KeyKind::CustomerManaged),
        names::checkKmsKeyId("x", KeyKind::MultiRegionPrimary),
        names::checkRegion("xx-1", Partition::Aws),
        names::checkStorageClass("FSX_OPENZFS"),
        names::checkTag(Tag{"", ""}),
    };
    for (const std::string &m : messages) {
        QVERIFY(!m.empty());
        QVERIFY2(m.find('\n') == std::string::npos, m.c_str());
        QVERIFY2(m.back() != '.', m.c_str());
    }
}

void TestNames::utf8()
{
    QVERIFY(names::isValidUtf8(""));
    QVERIFY(names::isValidUtf8("plain ascii"));
    QVERIFY(names::isValidUtf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80")); // é € 😀
    QVERIFY(!names::isValidUtf8("\x8d"));                  // a lone continuation byte
    QVERIFY(!names::isValidUtf8("\xc3"));                  // cut short
    QVERIFY(!names::isValidUtf8("\xc0\xaf"));              // overlong "/"
    QVERIFY(!names::isValidUtf8("\xe0\x80\xaf"));          // overlong, three bytes
    QVERIFY(!names::isValidUtf8("\xed\xa0\x80"));          // a UTF-16 surrogate
    QVERIFY(!names::isValidUtf8("\xf4\x90\x80\x80"));      // past U+10FFFF
}

QTEST_GUILESS_MAIN(TestNames)
#include "tst_names.moc"
