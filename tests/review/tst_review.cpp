// What `s3rd diff` reports about a change, checked on the model: elements and documents that
// differ, access granted and removed (by evaluation), findings and simulate outcomes.

#include "review/accesschanges.h"
#include "review/designreview.h"
#include "review/reviewformat.h"
#include "reviewdesigns.h"

#include <QtTest>

#include <algorithm>

using namespace s3rd::model;
using namespace s3rd::model::review;
using namespace s3rd::test;

class TestReview : public QObject
{
    Q_OBJECT

private slots:
    void sameDesignNoDifference();
    void changedFieldsByName();
    void addedElementListsItsFields();
    void documentsAsUnifiedDiffs();
    void newDestinationGrantsAccess();
    void removedDestinationRemovesAccess();
    void widerKeyPolicyGrantsAccess();
    void narrowerTrustRemovesUnconditionalAccess();
    void geometryMoveChangesNothingElse();
    void findingsIntroducedAndResolved();
    void simulateOutcomeChanges();
    void outputIsDeterministic();
};

namespace {

const std::string kRoleArn = "arn:aws:iam::111122223333:role/s3-replication";

bool has(const std::vector<Access> &list, const std::string &principal, const std::string &action,
         const std::string &resource)
{
    return std::any_of(list.begin(), list.end(), [&](const Access &a) {
        return a.principal == principal && a.action == action && a.resource == resource;
    });
}

const Access *find(const std::vector<Access> &list, const std::string &action,
                   const std::string &resource)
{
    const auto it = std::find_if(list.begin(), list.end(), [&](const Access &a) {
        return a.action == action && a.resource == resource;
    });
    return it == list.end() ? nullptr : &*it;
}

const FieldChange *field(const ElementChange &e, const std::string &name)
{
    for (const FieldChange &f : e.fields) {
        if (f.field == name)
            return &f;
    }
    return nullptr;
}

} // namespace

void TestReview::sameDesignNoDifference()
{
    const DesignReview r = reviewChange(baseDesign(), baseDesign());
    QVERIFY(r.empty());
    QVERIFY(!r.risky());
}

void TestReview::changedFieldsByName()
{
    Design after = baseDesign();
    after.buckets[1].versioning = Versioning::Suspended;
    after.rules[0].filterPrefix = "data/";
    const std::vector<ElementChange> changes = elementChanges(baseDesign(), after);
    QCOMPARE(changes.size(), std::size_t(2));
    QCOMPARE(changes[0].id, std::string("dst"));
    QCOMPARE(changes[0].kind, ElementKind::Bucket);
    QCOMPARE(changes[0].change, Change::Changed);
    QCOMPARE(changes[0].fields.size(), std::size_t(1));
    QCOMPARE(changes[0].fields[0].field, std::string("versioning"));
    QCOMPARE(changes[0].fields[0].before, nlohmann::ordered_json("enabled"));
    QCOMPARE(changes[0].fields[0].after, nlohmann::ordered_json("suspended"));
    QCOMPARE(changes[1].id, std::string("rule1"));
    QVERIFY(field(changes[1], "filterPrefix"));
    QCOMPARE(field(changes[1], "filterPrefix")->after, nlohmann::ordered_json("data/"));
}

void TestReview::addedElementListsItsFields()
{
    const std::vector<ElementChange> changes =
        elementChanges(baseDesign(), withSecondDestination());
    QCOMPARE(changes.size(), std::size_t(2));
    QCOMPARE(changes[0].id, std::string("dst2"));
    QCOMPARE(changes[0].change, Change::Added);
    QVERIFY(field(changes[0], "name"));
    QCOMPARE(field(changes[0], "name")->after, nlohmann::ordered_json("dst-second-eu"));
    QVERIFY(field(changes[0], "name")->before.is_null());
    QCOMPARE(changes[1].id, std::string("rule2"));
    QCOMPARE(changes[1].kind, ElementKind::Rule);

    const std::vector<ElementChange> reverse =
        elementChanges(withSecondDestination(), baseDesign());
    QCOMPARE(reverse.size(), std::size_t(2));
    QCOMPARE(reverse[0].change, Change::Removed);
    QCOMPARE(field(reverse[0], "name")->before, nlohmann::ordered_json("dst-second-eu"));
}

void TestReview::documentsAsUnifiedDiffs()
{
    const Design after = withSecondDestination();
    const DesignReview r = reviewChange(baseDesign(), after);
    // Each changed document's diff turns the old generated text into the new one.
    const std::vector<Artifact> newArtifacts = generateArtifacts(after);
    QVERIFY(!r.documents.empty());
    bool sawBucketPolicy = false, sawPermissions = false;
    for (const DocumentChange &d : r.documents) {
        const auto it = std::find_if(newArtifacts.begin(), newArtifacts.end(),
                                     [&](const Artifact &a) { return a.path == d.path; });
        QVERIFY2(it != newArtifacts.end(), d.path.c_str());
        QVERIFY(d.diff.starts_with(d.change == Change::Added ? "--- /dev/null\n+++ b/" + d.path
                                                             : "--- a/" + d.path));
        if (it->kind == ArtifactKind::BucketPolicy && it->element == "dst2") {
            sawBucketPolicy = true;
            QCOMPARE(d.change, Change::Added);
        }
        if (it->kind == ArtifactKind::RolePermissionsPolicy) {
            sawPermissions = true;
            QCOMPARE(d.change, Change::Changed);
            QVERIFY(d.diff.find("+        \"arn:aws:s3:::dst-second-eu/*\"") != std::string::npos);
        }
    }
    QVERIFY(sawBucketPolicy);
    QVERIFY(sawPermissions);
}

void TestReview::newDestinationGrantsAccess()
{
    const AccessChanges a = accessChanges(baseDesign(), withSecondDestination());
    QVERIFY(a.removed.empty());
    QVERIFY(has(a.granted, kRoleArn, "s3:ReplicateObject", "arn:aws:s3:::dst-second-eu/*"));
    QVERIFY(has(a.granted, kRoleArn, "s3:ReplicateDelete", "arn:aws:s3:::dst-second-eu/*"));
    // Encrypting replicas in the new bucket with the backup key, only through S3 and only for
    // the new bucket's objects: the conditions that make the key policy apply are reported.
    const std::string keyArn =
        "arn:aws:kms:eu-west-1:444455556666:key/2234abcd-12ab-34cd-56ef-1234567890ab";
    const Access *encrypt = find(a.granted, "kms:Encrypt", keyArn);
    QVERIFY(encrypt);
    QCOMPARE(encrypt->principal, kRoleArn);
    const auto &c = encrypt->conditions;
    QVERIFY(std::find(c.begin(), c.end(),
                      std::pair<std::string, std::string>(
                          "kms:ViaService", "s3.eu-west-1.amazonaws.com")) != c.end());
    // Nothing about the first destination changed.
    QVERIFY(!has(a.granted, kRoleArn, "s3:ReplicateObject", "arn:aws:s3:::dst-backup-eu/*"));
    QVERIFY(std::is_sorted(a.granted.begin(), a.granted.end()));
    QVERIFY(reviewChange(baseDesign(), withSecondDestination()).risky());
}

void TestReview::removedDestinationRemovesAccess()
{
    const AccessChanges a = accessChanges(withSecondDestination(), baseDesign());
    QVERIFY(a.granted.empty());
    QVERIFY(has(a.removed, kRoleArn, "s3:ReplicateObject", "arn:aws:s3:::dst-second-eu/*"));
    QVERIFY(!reviewChange(withSecondDestination(), baseDesign()).risky());
}

void TestReview::widerKeyPolicyGrantsAccess()
{
    Design after = baseDesign();
    KmsKey &key = after.keys[1]; // k-dst
    key.customKeyPolicy = CustomPolicy{"wider",
                                       R"({"Version": "2012-10-17", "Statement": [
              {"Sid": "Admin", "Effect": "Allow",
               "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
               "Action": "kms:*", "Resource": "*"},
              {"Sid": "Partner", "Effect": "Allow",
               "Principal": {"AWS": "arn:aws:iam::999988887777:root"},
               "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}]})"};
    const std::string keyArn =
        "arn:aws:kms:eu-west-1:444455556666:key/2234abcd-12ab-34cd-56ef-1234567890ab";
    const AccessChanges a = accessChanges(baseDesign(), after);
    QVERIFY(has(a.granted, "arn:aws:iam::999988887777:root", "kms:Decrypt", keyArn));
    QVERIFY(has(a.granted, "arn:aws:iam::999988887777:root", "kms:DescribeKey", keyArn));
    const AccessChanges back = accessChanges(after, baseDesign());
    QVERIFY(has(back.removed, "arn:aws:iam::999988887777:root", "kms:Decrypt", keyArn));
    QVERIFY(!has(back.granted, "arn:aws:iam::999988887777:root", "kms:Decrypt", keyArn));
}

void TestReview::narrowerTrustRemovesUnconditionalAccess()
{
    // The confused-deputy conditions narrow who may have S3 assume the role: assuming it without
    // aws:SourceAccount is no longer allowed; with the source account it still is.
    Design after = baseDesign();
    after.roles[0].confusedDeputyConditions = true;
    const AccessChanges a = accessChanges(baseDesign(), after);
    QVERIFY(a.granted.empty());
    const auto it = std::find_if(a.removed.begin(), a.removed.end(), [](const Access &x) {
        return x.principal == "s3.amazonaws.com" && x.action == "sts:AssumeRole";
    });
    QVERIFY(it != a.removed.end());
    QCOMPARE(it->resource, kRoleArn);
    QVERIFY(it->conditions.empty());
}

void TestReview::geometryMoveChangesNothingElse()
{
    Design after = baseDesign();
    for (Bucket &b : after.buckets)
        b.geometry.x += 120;
    after.accounts[0].geometry.y += 40;
    const DesignReview r = reviewChange(baseDesign(), after);
    QVERIFY(r.access.empty());
    QVERIFY(r.documents.empty());
    QVERIFY(r.introduced.empty() && r.resolved.empty());
    QVERIFY(r.simulate.empty());
    QVERIFY(!r.risky());
    QCOMPARE(r.elements.size(), std::size_t(4));
    for (const ElementChange &e : r.elements) {
        QCOMPARE(e.fields.size(), std::size_t(1));
        QCOMPARE(e.fields[0].field, std::string("geometry"));
    }
}

void TestReview::findingsIntroducedAndResolved()
{
    Design after = baseDesign();
    after.buckets[1].versioning = Versioning::Suspended;
    const DesignReview r = reviewChange(baseDesign(), after);
    const auto introduced = std::find_if(r.introduced.begin(), r.introduced.end(), [](auto &f) {
        return f.rule == "versioning-destination-off";
    });
    QVERIFY(introduced != r.introduced.end());
    QCOMPARE(introduced->severity, Severity::Error);
    QVERIFY(r.risky());
    QVERIFY(r.access.granted.empty());

    const DesignReview back = reviewChange(after, baseDesign());
    QVERIFY(std::any_of(back.resolved.begin(), back.resolved.end(),
                        [](auto &f) { return f.rule == "versioning-destination-off"; }));
    QVERIFY(back.introduced.empty());
    QVERIFY(!back.risky());
}

void TestReview::simulateOutcomeChanges()
{
    Design after = baseDesign();
    after.buckets[1].versioning = Versioning::Suspended;
    after.rules[0].filterPrefix = "data/";
    const DesignReview r = reviewChange(baseDesign(), after);
    QCOMPARE(r.simulate.size(), std::size_t(2)); // the old rule's object and the new rule's
    const auto newObject = std::find_if(r.simulate.begin(), r.simulate.end(),
                                        [](auto &s) { return s.key == "data/example-object"; });
    QVERIFY(newObject != r.simulate.end());
    QCOMPARE(newObject->source, std::string("src-data-us"));
    QCOMPARE(newObject->destination, std::string("dst-backup-eu"));
    QCOMPARE(newObject->before, std::string("replicated"));
    QCOMPARE(newObject->after, std::string("failed"));
    QVERIFY(!newObject->afterReason.empty());
    const auto oldObject = std::find_if(r.simulate.begin(), r.simulate.end(),
                                        [](auto &s) { return s.key == "example-object"; });
    QVERIFY(oldObject != r.simulate.end());
    QCOMPARE(oldObject->after, std::string("not-replicated")); // outside the new prefix
}

void TestReview::outputIsDeterministic()
{
    const DesignReview a = reviewChange(baseDesign(), withSecondDestination());
    const DesignReview b = reviewChange(baseDesign(), withSecondDestination());
    QCOMPARE(reviewJson(a).dump(), reviewJson(b).dump());
    QCOMPARE(reviewText(a, "old", "new"), reviewText(b, "old", "new"));
    const std::string md = reviewMarkdown(a, "old", "new");
    QVERIFY(md.find("#### Access granted") < md.find("#### Elements"));
    QVERIFY(
        md.find("| `" + kRoleArn + "` | `s3:ReplicateObject` | `arn:aws:s3:::dst-second-eu/*` |") !=
        std::string::npos);
}

QTEST_GUILESS_MAIN(TestReview)
#include "tst_review.moc"
