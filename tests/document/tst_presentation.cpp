// The order presenter mode reveals a design in: derived from the design (accounts, their
// buckets, keys and roles, then each arrow and what it needs applied), and a trainer's
// per-element override.

#include "designbuilder.h"
#include "presentation.h"

#include <QTest>

#include <algorithm>

using namespace s3rd::model;
using namespace s3rd::document;
using s3rd::test::DesignBuilder;

namespace {

// Cross-account SSE-KMS: a1 holds the source bucket, its key and the role; a2 the destination
// and its key.
Design crossAccount()
{
    DesignBuilder b("presentation");
    b.account("a1", "111122223333", "source");
    b.account("a2", "444455556666", "destination");
    b.key("k1", "a1", "us-east-1", "alias/src", "1234abcd-12ab-34cd-56ef-1234567890ab");
    b.key("k2", "a2", "eu-west-1", "alias/dst", "abcd1234-12ab-34cd-56ef-1234567890ab");
    b.kmsBucket("b1", "src-logs", "a1", "us-east-1", "k1");
    b.kmsBucket("b2", "logs-replica", "a2", "eu-west-1", "k2");
    b.role("r1", "a1", "replication");
    b.kmsRule("rule1", "b1", "b2", "r1", "k2");
    return b.design();
}

std::vector<std::string> firstElements(const std::vector<PresentationStep> &steps)
{
    std::vector<std::string> out;
    for (const PresentationStep &s : steps)
        out.push_back(s.kind == PresentationStep::Kind::Statements ? "statements:" + s.elements[0]
                                                                   : s.elements[0]);
    return out;
}

const AccountStatements *accountIn(const PresentationStep &step, const std::string &account)
{
    for (const AccountStatements &a : step.statements)
        if (a.account == account)
            return &a;
    return nullptr;
}

} // namespace

class TestPresentation : public QObject
{
    Q_OBJECT

private slots:
    void derivedOrder();
    void statementsPerAccount();
    void overrideMovesElements();
    void sharedStepRevealsTogether();
    void overrideBeyondTheEnd();
    void emptyDesign();
};

void TestPresentation::derivedOrder()
{
    const Design d = crossAccount();
    const auto steps = presentationSteps(d, generateArtifacts(d));
    // Accounts first, then each account's buckets, keys and roles, then the arrow and its
    // statements.
    const std::vector<std::string> expected{"a1", "a2", "b1", "k1", "r1", "b2", "k2",
                                            "rule1", "statements:rule1"};
    QCOMPARE(firstElements(steps), expected);
    QCOMPARE(steps[2].caption, std::string("bucket src-logs"));
    QCOMPARE(steps[3].caption, std::string("KMS key alias/src"));
    QCOMPARE(steps[7].caption, std::string("arrow rule1: src-logs \u2192 logs-replica"));
    QCOMPARE(steps[8].kind, PresentationStep::Kind::Statements);
    for (std::size_t i = 0; i + 1 < steps.size(); ++i)
        QCOMPARE(steps[i].elements.size(), std::size_t(1));

    // Every element is revealed once, by the last step; nothing before the first.
    QVERIFY(revealedThrough(steps, -1).empty());
    QCOMPARE(revealedThrough(steps, 0), std::vector<std::string>{"a1"});
    auto all = revealedThrough(steps, int(steps.size()) - 1);
    std::sort(all.begin(), all.end());
    QCOMPARE(all, (std::vector<std::string>{"a1", "a2", "b1", "b2", "k1", "k2", "r1", "rule1"}));
}

void TestPresentation::statementsPerAccount()
{
    const Design d = crossAccount();
    const auto steps = presentationSteps(d, generateArtifacts(d));
    const PresentationStep &apply = steps.back();
    QCOMPARE(apply.elements, std::vector<std::string>{"rule1"});
    QCOMPARE(apply.caption, std::string("statements to apply for rule1"));
    // Both accounts apply something, the source account first (design order).
    QCOMPARE(apply.statements.size(), std::size_t(2));
    QCOMPARE(apply.statements[0].account, std::string("a1"));
    QCOMPARE(apply.statements[0].label, std::string("source (111122223333)"));

    const AccountStatements *source = accountIn(apply, "a1");
    const AccountStatements *destination = accountIn(apply, "a2");
    QVERIFY(source && destination);
    auto has = [](const AccountStatements &a, ArtifactKind kind) {
        return std::any_of(a.documents.begin(), a.documents.end(), [&](const DocumentToApply &d) {
            return d.kind == kind && !d.sids.empty();
        });
    };
    // The source account: the replication configuration (naming the rule), the role's trust
    // and permissions, its key's policy.
    QVERIFY(has(*source, ArtifactKind::ReplicationConfiguration));
    QVERIFY(has(*source, ArtifactKind::RoleTrustPolicy));
    QVERIFY(has(*source, ArtifactKind::RolePermissionsPolicy));
    QVERIFY(has(*source, ArtifactKind::KeyPolicy));
    // The destination account: its bucket policy letting the role in, its key's policy.
    QVERIFY(has(*destination, ArtifactKind::BucketPolicy));
    QVERIFY(has(*destination, ArtifactKind::KeyPolicy));
    QVERIFY(!has(*destination, ArtifactKind::ReplicationConfiguration));
    for (const DocumentToApply &doc : source->documents) {
        if (doc.kind == ArtifactKind::ReplicationConfiguration) {
            QCOMPARE(doc.target, std::string("src-logs"));
            QCOMPARE(doc.sids, std::vector<std::string>{"rule1"});
        }
    }

    // A second rule with another role: each arrow lists only what it needs.
    Design two = d;
    two.buckets.push_back(two.buckets[1]);
    two.buckets.back().id = "b3";
    two.buckets.back().name = "other-replica";
    two.roles.push_back(two.roles[0]);
    two.roles.back().id = "r2";
    two.roles.back().name = "other-replication";
    two.rules.push_back(two.rules[0]);
    two.rules.back().id = "rule2";
    two.rules.back().ruleId = "rule2";
    two.rules.back().destination = "b3";
    two.rules.back().role = "r2";
    const auto st = statementsForRule(two, generateArtifacts(two), "rule1");
    for (const AccountStatements &a : st) {
        for (const DocumentToApply &doc : a.documents) {
            QVERIFY2(doc.target != "other-replica" && doc.target != "other-replication",
                     doc.target.c_str());
        }
    }
    QVERIFY(statementsForRule(two, generateArtifacts(two), "no-such-rule").empty());
}

void TestPresentation::overrideMovesElements()
{
    // The trainer shows the destination bucket first and the arrow third; the rest keeps the
    // derived order around them, and the arrow's statements still follow it.
    Design d = crossAccount();
    d.buckets[1].presentStep = 1;
    d.rules[0].presentStep = 3;
    const auto steps = presentationSteps(d, generateArtifacts(d));
    const std::vector<std::string> expected{"b2", "a1", "rule1", "statements:rule1", "a2",
                                            "b1", "k1", "r1", "k2"};
    QCOMPARE(firstElements(steps), expected);
    QCOMPARE(steps.size(), std::size_t(9)); // nothing lost, nothing repeated
}

void TestPresentation::sharedStepRevealsTogether()
{
    Design d = crossAccount();
    d.buckets[0].presentStep = 3;
    d.buckets[1].presentStep = 3;
    const auto steps = presentationSteps(d, generateArtifacts(d));
    QCOMPARE(steps[2].elements, (std::vector<std::string>{"b1", "b2"}));
    QCOMPARE(steps[2].caption, std::string("bucket src-logs, bucket logs-replica"));
    QCOMPARE(steps.size(), std::size_t(8));
}

void TestPresentation::overrideBeyondTheEnd()
{
    // Numbers past the derived steps are kept in their order, at the end, without gaps.
    Design d = crossAccount();
    d.accounts[0].presentStep = 500;
    d.keys[0].presentStep = 40;
    const auto steps = presentationSteps(d, generateArtifacts(d));
    QCOMPARE(steps[steps.size() - 2].elements, std::vector<std::string>{"k1"});
    QCOMPARE(steps.back().elements, std::vector<std::string>{"a1"});
    QCOMPARE(steps.size(), std::size_t(9));
}

void TestPresentation::emptyDesign()
{
    const Design d;
    QVERIFY(presentationSteps(d, generateArtifacts(d)).empty());
    QVERIFY(revealedThrough({}, 3).empty());
}

QTEST_GUILESS_MAIN(TestPresentation)
#include "tst_presentation.moc"
