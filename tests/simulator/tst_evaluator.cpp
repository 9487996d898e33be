// The policy evaluator against AWS-documented evaluation cases.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html

#include "simulator/evaluator.h"

#include <QtTest>

using namespace s3rd::model;

Q_DECLARE_METATYPE(s3rd::model::Decision)

namespace {

const char *const kRole = "arn:aws:iam::111122223333:role/replication";
const char *const kOtherRole = "arn:aws:iam::111122223333:role/other";
const char *const kObject = "arn:aws:s3:::src-bucket/docs/a.txt";
const char *const kKey = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

// A one-statement policy: effect, actions, resource, extra members (JSON fragment).
QString stmt(const QString &effect, const QString &action, const QString &resource,
             const QString &extra = {})
{
    return QStringLiteral(R"({"Version":"2012-10-17","Statement":[{"Sid":"S1","Effect":"%1",%2,%3%4}]})")
        .arg(effect, action, resource, extra.isEmpty() ? QString() : "," + extra);
}

QString allowAll()
{
    return stmt("Allow", R"("Action":"*")", R"("Resource":"*")");
}

// Identity policy allowing one action on one resource with a condition block.
QString cond(const QString &action, const QString &condition)
{
    return stmt("Allow", QStringLiteral(R"("Action":"%1")").arg(action), R"("Resource":"*")",
                QStringLiteral(R"("Condition":%1)").arg(condition));
}

Request makeRequest(const QString &principal, const QString &action, const QString &resource,
                    const QString &context)
{
    Request r;
    r.principal = principal.toStdString();
    r.action = action.toStdString();
    r.resource = resource.toStdString();
    if (!context.isEmpty()) {
        const auto doc = nlohmann::json::parse(context.toStdString());
        for (auto it = doc.begin(); it != doc.end(); ++it) {
            if (it->is_array())
                r.context[it.key()] = it->get<std::vector<std::string>>();
            else
                r.context[it.key()] = {it->get<std::string>()};
        }
    }
    return r;
}

} // namespace

class TestEvaluator : public QObject
{
    Q_OBJECT

private slots:
    void decisions_data();
    void decisions();
    void conditions_data();
    void conditions();
    void traceNamesStatements();
    void unknownOperatorIsReported();
    void malformedCustomPolicyIsReported();
    void globHelpers();
};

void TestEvaluator::decisions_data()
{
    QTest::addColumn<QString>("identity");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<bool>("authoritative"); // KMS key policy / trust policy semantics
    QTest::addColumn<QString>("resourceAccount");
    QTest::addColumn<QString>("boundary");
    QTest::addColumn<QString>("scp");
    QTest::addColumn<QString>("principal");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("resourceArn");
    QTest::addColumn<Decision>("expected");

    const QString same = "111122223333";
    const QString other = "444455556666";
    const QString getRepl = "s3:GetObjectVersionForReplication";
    const QString allowGet = stmt("Allow", R"("Action":"s3:GetObjectVersionForReplication")",
                                  R"("Resource":"arn:aws:s3:::src-bucket/*")");
    const QString bucketAllowsRole =
        stmt("Allow", R"("Action":"s3:GetObjectVersionForReplication")",
             R"("Resource":"arn:aws:s3:::src-bucket/*")",
             QStringLiteral(R"("Principal":{"AWS":"%1"})").arg(kRole));
    const QString bucketAllowsAccount =
        stmt("Allow", R"("Action":"s3:GetObjectVersionForReplication")",
             R"("Resource":"arn:aws:s3:::src-bucket/*")",
             R"("Principal":{"AWS":"arn:aws:iam::111122223333:root"})");
    const QString bucketDenies = stmt("Deny", R"("Action":"s3:*")", R"("Resource":"arn:aws:s3:::src-bucket/*")",
                                      R"("Principal":"*")");

    QTest::newRow("same account: identity allow is enough")
        << allowGet << QString() << false << same << QString() << QString() << kRole << getRepl
        << kObject << Decision::Allowed;
    QTest::newRow("same account: bucket policy naming the role is enough")
        << QString() << bucketAllowsRole << false << same << QString() << QString() << kRole
        << getRepl << kObject << Decision::Allowed;
    QTest::newRow("same account: bucket policy naming only the account delegates to IAM")
        << QString() << bucketAllowsAccount << false << same << QString() << QString() << kRole
        << getRepl << kObject << Decision::ImplicitDeny;
    QTest::newRow("same account: nothing allows")
        << QString() << QString() << false << same << QString() << QString() << kRole << getRepl
        << kObject << Decision::ImplicitDeny;
    QTest::newRow("cross account: identity alone is not enough")
        << allowGet << QString() << false << other << QString() << QString() << kRole << getRepl
        << kObject << Decision::ImplicitDeny;
    QTest::newRow("cross account: bucket policy alone is not enough")
        << QString() << bucketAllowsRole << false << other << QString() << QString() << kRole
        << getRepl << kObject << Decision::ImplicitDeny;
    QTest::newRow("cross account: both allow")
        << allowGet << bucketAllowsRole << false << other << QString() << QString() << kRole
        << getRepl << kObject << Decision::Allowed;
    QTest::newRow("cross account: bucket policy naming the account root, identity allows")
        << allowGet << bucketAllowsAccount << false << other << QString() << QString() << kRole
        << getRepl << kObject << Decision::Allowed;
    QTest::newRow("explicit deny in the bucket policy wins over an identity allow")
        << allowGet << bucketDenies << false << same << QString() << QString() << kRole << getRepl
        << kObject << Decision::ExplicitDeny;
    QTest::newRow("explicit deny in the identity policy wins over a bucket allow")
        << stmt("Deny", R"("Action":"s3:Get*")", R"("Resource":"*")") << bucketAllowsRole << false
        << same << QString() << QString() << kRole << getRepl << kObject << Decision::ExplicitDeny;
    QTest::newRow("NotAction: everything but deletes is allowed")
        << stmt("Allow", R"("NotAction":"s3:Delete*")", R"("Resource":"*")") << QString() << false
        << same << QString() << QString() << kRole << getRepl << kObject << Decision::Allowed;
    QTest::newRow("NotAction: the excluded action is not allowed")
        << stmt("Allow", R"("NotAction":"s3:Delete*")", R"("Resource":"*")") << QString() << false
        << same << QString() << QString() << kRole << "s3:DeleteObject" << kObject
        << Decision::ImplicitDeny;
    QTest::newRow("NotResource deny hits other buckets")
        << allowGet + "" << stmt("Deny", R"("Action":"s3:*")", R"("NotResource":"arn:aws:s3:::dst-bucket/*")", R"("Principal":"*")")
        << false << same << QString() << QString() << kRole << getRepl << kObject
        << Decision::ExplicitDeny;
    QTest::newRow("NotResource deny spares the listed bucket")
        << stmt("Allow", R"("Action":"s3:*")", R"("Resource":"*")")
        << stmt("Deny", R"("Action":"s3:*")", R"("NotResource":"arn:aws:s3:::src-bucket/*")", R"("Principal":"*")")
        << false << same << QString() << QString() << kRole << getRepl << kObject
        << Decision::Allowed;
    QTest::newRow("actions are case-insensitive")
        << stmt("Allow", R"("Action":"S3:getobjectVERSIONforREPLICATION")", R"("Resource":"*")")
        << QString() << false << same << QString() << QString() << kRole << getRepl << kObject
        << Decision::Allowed;
    QTest::newRow("resources are case-sensitive")
        << stmt("Allow", R"("Action":"s3:*")", R"("Resource":"arn:aws:s3:::SRC-bucket/*")")
        << QString() << false << same << QString() << QString() << kRole << getRepl << kObject
        << Decision::ImplicitDeny;
    QTest::newRow("? matches exactly one character")
        << stmt("Allow", R"("Action":"s3:*")", R"("Resource":"arn:aws:s3:::src-bucket/docs/?.txt")")
        << QString() << false << same << QString() << QString() << kRole << getRepl << kObject
        << Decision::Allowed;
    QTest::newRow("? does not match two characters")
        << stmt("Allow", R"("Action":"s3:*")", R"("Resource":"arn:aws:s3:::src-bucket/doc?/a?.txt")")
        << QString() << false << same << QString() << QString() << kRole << getRepl << kObject
        << Decision::ImplicitDeny;
    QTest::newRow("action wildcard in the middle")
        << stmt("Allow", R"("Action":"s3:Get*Replication")", R"("Resource":"*")") << QString()
        << false << same << QString() << QString() << kRole << getRepl << kObject
        << Decision::Allowed;
    QTest::newRow("NotPrincipal deny spares the listed role")
        << allowGet
        << stmt("Deny", R"("Action":"s3:*")", R"("Resource":"*")",
                QStringLiteral(R"("NotPrincipal":{"AWS":["%1","arn:aws:iam::111122223333:root"]})").arg(kRole))
        << false << same << QString() << QString() << kRole << getRepl << kObject
        << Decision::Allowed;
    QTest::newRow("NotPrincipal deny hits every other role")
        << allowAll()
        << stmt("Deny", R"("Action":"s3:*")", R"("Resource":"*")",
                QStringLiteral(R"("NotPrincipal":{"AWS":"%1"})").arg(kRole))
        << false << same << QString() << QString() << kOtherRole << getRepl << kObject
        << Decision::ExplicitDeny;
    QTest::newRow("NotPrincipal naming only the account does not spare its roles")
        << allowAll()
        << stmt("Deny", R"("Action":"s3:*")", R"("Resource":"*")",
                R"("NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"})")
        << false << same << QString() << QString() << kRole << getRepl << kObject
        << Decision::ExplicitDeny;

    const QString trust = stmt("Allow", R"("Action":"sts:AssumeRole")", R"("Resource":"*")",
                               R"("Principal":{"Service":"s3.amazonaws.com"})");
    QTest::newRow("service principal named in the trust policy")
        << QString() << trust << true << same << QString() << QString() << "s3.amazonaws.com"
        << "sts:AssumeRole" << kRole << Decision::Allowed;
    QTest::newRow("service principal list in the trust policy")
        << QString()
        << stmt("Allow", R"("Action":"sts:AssumeRole")", R"("Resource":"*")",
                R"("Principal":{"Service":["batchoperations.s3.amazonaws.com","s3.amazonaws.com"]})")
        << true << same << QString() << QString() << "s3.amazonaws.com" << "sts:AssumeRole"
        << kRole << Decision::Allowed;
    QTest::newRow("another service is not trusted")
        << QString() << trust << true << same << QString() << QString() << "ec2.amazonaws.com"
        << "sts:AssumeRole" << kRole << Decision::ImplicitDeny;
    QTest::newRow("no trust policy: nobody assumes the role")
        << QString() << QString() << true << same << QString() << QString() << "s3.amazonaws.com"
        << "sts:AssumeRole" << kRole << Decision::ImplicitDeny;
    QTest::newRow("guardrails do not bind a service principal")
        << QString() << trust << true << same << stmt("Deny", R"("Action":"*")", R"("Resource":"*")")
        << stmt("Deny", R"("Action":"*")", R"("Resource":"*")") << "s3.amazonaws.com"
        << "sts:AssumeRole" << kRole << Decision::Allowed;

    const QString rootKeyPolicy = stmt("Allow", R"("Action":"kms:*")", R"("Resource":"*")",
                                       R"("Principal":{"AWS":"arn:aws:iam::111122223333:root"})");
    const QString roleKeyPolicy = stmt("Allow", R"("Action":["kms:Decrypt","kms:Encrypt"])", R"("Resource":"*")",
                                       QStringLiteral(R"("Principal":{"AWS":"%1"})").arg(kRole));
    const QString adminOnlyKeyPolicy =
        stmt("Allow", R"("Action":"kms:*")", R"("Resource":"*")",
             R"("Principal":{"AWS":"arn:aws:iam::111122223333:role/KeyAdmin"})");
    const QString allowDecrypt = stmt("Allow", R"("Action":"kms:Decrypt")", QStringLiteral(R"("Resource":"%1")").arg(kKey));
    QTest::newRow("KMS: root delegation plus an IAM allow")
        << allowDecrypt << rootKeyPolicy << true << same << QString() << QString() << kRole
        << "kms:Decrypt" << kKey << Decision::Allowed;
    QTest::newRow("KMS: root delegation without an IAM allow")
        << QString() << rootKeyPolicy << true << same << QString() << QString() << kRole
        << "kms:Decrypt" << kKey << Decision::ImplicitDeny;
    QTest::newRow("KMS: no delegation makes the IAM allow ineffective")
        << allowDecrypt << adminOnlyKeyPolicy << true << same << QString() << QString() << kRole
        << "kms:Decrypt" << kKey << Decision::ImplicitDeny;
    QTest::newRow("KMS: key policy naming the role needs no IAM allow")
        << QString() << roleKeyPolicy << true << same << QString() << QString() << kRole
        << "kms:Decrypt" << kKey << Decision::Allowed;
    QTest::newRow("KMS cross account: key policy and IAM policy allow")
        << allowDecrypt << roleKeyPolicy << true << other << QString() << QString() << kRole
        << "kms:Decrypt" << kKey << Decision::Allowed;
    QTest::newRow("KMS cross account: key policy alone is not enough")
        << QString() << roleKeyPolicy << true << other << QString() << QString() << kRole
        << "kms:Decrypt" << kKey << Decision::ImplicitDeny;
    QTest::newRow("KMS cross account: the other account's root delegation")
        << allowDecrypt
        << stmt("Allow", R"("Action":"kms:*")", R"("Resource":"*")",
                R"("Principal":{"AWS":"111122223333"})")
        << true << other << QString() << QString() << kRole << "kms:Decrypt" << kKey
        << Decision::Allowed;
    QTest::newRow("KMS: IAM deny is effective without delegation")
        << stmt("Deny", R"("Action":"kms:*")", R"("Resource":"*")") << roleKeyPolicy << true
        << same << QString() << QString() << kRole << "kms:Decrypt" << kKey
        << Decision::ExplicitDeny;

    QTest::newRow("SCP that allows nothing for the action")
        << allowGet << QString() << false << same << QString()
        << stmt("Allow", R"("Action":"ec2:*")", R"("Resource":"*")") << kRole << getRepl << kObject
        << Decision::ImplicitDeny;
    QTest::newRow("SCP allowing everything")
        << allowGet << QString() << false << same << QString() << allowAll() << kRole << getRepl
        << kObject << Decision::Allowed;
    QTest::newRow("SCP deny wins")
        << allowGet << QString() << false << same << QString()
        << R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:GetObjectVersion*","Resource":"*"}]})"
        << kRole << getRepl << kObject << Decision::ExplicitDeny;
    QTest::newRow("permissions boundary without the action")
        << allowGet << QString() << false << same
        << stmt("Allow", R"("Action":"s3:Replicate*")", R"("Resource":"*")") << QString() << kRole
        << getRepl << kObject << Decision::ImplicitDeny;
    QTest::newRow("permissions boundary with the action")
        << allowGet << QString() << false << same
        << stmt("Allow", R"("Action":"s3:Get*")", R"("Resource":"*")") << QString() << kRole
        << getRepl << kObject << Decision::Allowed;
    QTest::newRow("boundary alone grants nothing")
        << QString() << QString() << false << same << allowAll() << allowAll() << kRole << getRepl
        << kObject << Decision::ImplicitDeny;
    // Same account: a resource policy granting "*" grants the role's session, which a
    // permissions boundary's implicit deny does not limit; one naming the role ARN is limited.
    const QString boundaryWithout = stmt("Allow", R"("Action":"s3:Replicate*")", R"("Resource":"*")");
    QTest::newRow("boundary: same-account bucket policy for * is not limited")
        << QString()
        << stmt("Allow", R"("Action":"s3:GetObjectVersionForReplication")",
                R"("Resource":"arn:aws:s3:::src-bucket/*")", R"("Principal":"*")")
        << false << same << boundaryWithout << QString() << kRole << getRepl << kObject
        << Decision::Allowed;
    QTest::newRow("boundary: same-account bucket policy for the role ARN is limited")
        << QString() << bucketAllowsRole << false << same << boundaryWithout << QString() << kRole
        << getRepl << kObject << Decision::ImplicitDeny;
    QTest::newRow("boundary: cross-account bucket policy for * is limited")
        << allowGet
        << stmt("Allow", R"("Action":"s3:GetObjectVersionForReplication")",
                R"("Resource":"arn:aws:s3:::src-bucket/*")", R"("Principal":"*")")
        << false << other << boundaryWithout << QString() << kRole << getRepl << kObject
        << Decision::ImplicitDeny;
    // A Deny with NotPrincipal applies to every principal with a permissions boundary.
    const QString denyAllButRole =
        stmt("Deny", R"("Action":"s3:*")", R"("Resource":"arn:aws:s3:::src-bucket/*")",
             QStringLiteral(R"("NotPrincipal":{"AWS":["%1","arn:aws:iam::111122223333:root"]})")
                 .arg(kRole));
    QTest::newRow("NotPrincipal deny exempts the named role")
        << allowGet << denyAllButRole << false << same << QString() << QString() << kRole
        << getRepl << kObject << Decision::Allowed;
    QTest::newRow("NotPrincipal deny applies to the named role with a boundary")
        << allowGet << denyAllButRole << false << same << allowAll() << QString() << kRole
        << getRepl << kObject << Decision::ExplicitDeny;
}

void TestEvaluator::decisions()
{
    QFETCH(QString, identity);
    QFETCH(QString, resource);
    QFETCH(bool, authoritative);
    QFETCH(QString, resourceAccount);
    QFETCH(QString, boundary);
    QFETCH(QString, scp);
    QFETCH(QString, principal);
    QFETCH(QString, action);
    QFETCH(QString, resourceArn);
    QFETCH(Decision, expected);

    auto compile = [](const char *id, const QString &text) {
        return CompiledPolicy::compileText(id, text.toStdString());
    };
    const CompiledPolicy id = compile("identity", identity);
    const CompiledPolicy res = compile("resource", resource);
    const CompiledPolicy bnd = compile("boundary", boundary);
    const CompiledPolicy sc = compile("scp", scp);
    std::vector<const CompiledPolicy *> identities, boundaries, scps;
    if (!identity.isEmpty())
        identities.push_back(&id);
    if (!boundary.isEmpty())
        boundaries.push_back(&bnd);
    if (!scp.isEmpty())
        scps.push_back(&sc);
    const std::string account = resourceAccount.toStdString();
    PolicyContext ctx;
    ctx.identity = identities;
    ctx.resource = resource.isEmpty() ? nullptr : &res;
    ctx.resourceKind = authoritative ? ResourcePolicyKind::Authoritative : ResourcePolicyKind::Shared;
    ctx.resourceAccount = account;
    ctx.boundaries = boundaries;
    ctx.scps = scps;
    const EvaluationResult r = evaluate(makeRequest(principal, action, resourceArn, {}), ctx);
    QVERIFY2(r.problems.empty(), r.problems.empty() ? "" : r.problems.front().c_str());
    QCOMPARE(r.decision, expected);
}

void TestEvaluator::conditions_data()
{
    QTest::addColumn<QString>("condition");
    QTest::addColumn<QString>("context");
    QTest::addColumn<bool>("allowed");

    // String
    QTest::newRow("StringEquals match") << R"({"StringEquals":{"aws:SourceAccount":"111122223333"}})" << R"({"aws:SourceAccount":"111122223333"})" << true;
    QTest::newRow("StringEquals is case-sensitive") << R"({"StringEquals":{"s3:prefix":"Docs"}})" << R"({"s3:prefix":"docs"})" << false;
    QTest::newRow("StringEquals missing key") << R"({"StringEquals":{"aws:SourceAccount":"111122223333"}})" << R"({})" << false;
    QTest::newRow("StringEquals list is OR") << R"({"StringEquals":{"aws:SourceAccount":["1","111122223333"]}})" << R"({"aws:SourceAccount":"111122223333"})" << true;
    QTest::newRow("two keys are AND") << R"({"StringEquals":{"aws:SourceAccount":"111122223333","aws:SourceArn":"arn:aws:s3:::a"}})" << R"({"aws:SourceAccount":"111122223333","aws:SourceArn":"arn:aws:s3:::b"})" << false;
    QTest::newRow("condition keys are case-insensitive") << R"({"StringEquals":{"KMS:ViaService":"s3.us-east-1.amazonaws.com"}})" << R"({"kms:viaservice":"s3.us-east-1.amazonaws.com"})" << true;
    QTest::newRow("StringNotEquals different") << R"({"StringNotEquals":{"aws:SourceAccount":"999999999999"}})" << R"({"aws:SourceAccount":"111122223333"})" << true;
    QTest::newRow("StringNotEquals same") << R"({"StringNotEquals":{"aws:SourceAccount":"111122223333"}})" << R"({"aws:SourceAccount":"111122223333"})" << false;
    QTest::newRow("StringNotEquals missing key holds") << R"({"StringNotEquals":{"aws:SourceAccount":"111122223333"}})" << R"({})" << true;
    QTest::newRow("StringEqualsIgnoreCase") << R"({"StringEqualsIgnoreCase":{"s3:prefix":"DOCS"}})" << R"({"s3:prefix":"docs"})" << true;
    QTest::newRow("StringNotEqualsIgnoreCase") << R"({"StringNotEqualsIgnoreCase":{"s3:prefix":"DOCS"}})" << R"({"s3:prefix":"docs"})" << false;
    QTest::newRow("StringLike wildcard") << R"({"StringLike":{"kms:EncryptionContext:aws:s3:arn":"arn:aws:s3:::src-bucket/docs/*"}})" << R"({"kms:EncryptionContext:aws:s3:arn":"arn:aws:s3:::src-bucket/docs/a.txt"})" << true;
    QTest::newRow("StringLike wrong prefix") << R"({"StringLike":{"kms:EncryptionContext:aws:s3:arn":"arn:aws:s3:::src-bucket/docs/*"}})" << R"({"kms:EncryptionContext:aws:s3:arn":"arn:aws:s3:::src-bucket"})" << false;
    QTest::newRow("StringNotLike") << R"({"StringNotLike":{"s3:prefix":"tmp/*"}})" << R"({"s3:prefix":"docs/x"})" << true;
    // ARN
    QTest::newRow("ArnLike component-wise") << R"({"ArnLike":{"aws:SourceArn":"arn:aws:s3:::src-*"}})" << R"({"aws:SourceArn":"arn:aws:s3:::src-bucket"})" << true;
    QTest::newRow("ArnEquals other bucket") << R"({"ArnEquals":{"aws:SourceArn":"arn:aws:s3:::src-bucket"}})" << R"({"aws:SourceArn":"arn:aws:s3:::other"})" << false;
    QTest::newRow("ArnLike wildcard does not cross components") << R"({"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/replication"}})" << R"({"aws:PrincipalArn":"arn:aws:iam::111122223333:role/replication"})" << true;
    QTest::newRow("ArnNotLike") << R"({"ArnNotLike":{"aws:SourceArn":"arn:aws:s3:::src-*"}})" << R"({"aws:SourceArn":"arn:aws:s3:::src-bucket"})" << false;
    // Bool / Null
    QTest::newRow("Bool true") << R"({"Bool":{"aws:SecureTransport":"true"}})" << R"({"aws:SecureTransport":"true"})" << true;
    QTest::newRow("Bool JSON boolean") << R"({"Bool":{"aws:SecureTransport":false}})" << R"({"aws:SecureTransport":"true"})" << false;
    QTest::newRow("Null true: key absent") << R"({"Null":{"aws:SourceVpc":"true"}})" << R"({})" << true;
    QTest::newRow("Null false: key absent") << R"({"Null":{"aws:SourceVpc":"false"}})" << R"({})" << false;
    QTest::newRow("Null false: key present") << R"({"Null":{"aws:SourceVpc":"false"}})" << R"({"aws:SourceVpc":"vpc-1"})" << true;
    // Numeric
    QTest::newRow("NumericLessThan") << R"({"NumericLessThan":{"s3:max-keys":"10"}})" << R"({"s3:max-keys":"9"})" << true;
    QTest::newRow("NumericLessThan equal") << R"({"NumericLessThan":{"s3:max-keys":"10"}})" << R"({"s3:max-keys":"10"})" << false;
    QTest::newRow("NumericGreaterThanEquals") << R"({"NumericGreaterThanEquals":{"s3:max-keys":10}})" << R"({"s3:max-keys":"10"})" << true;
    QTest::newRow("NumericNotEquals") << R"({"NumericNotEquals":{"s3:max-keys":"10"}})" << R"({"s3:max-keys":"10"})" << false;
    QTest::newRow("Numeric context not a number") << R"({"NumericEquals":{"s3:max-keys":"10"}})" << R"({"s3:max-keys":"ten"})" << false;
    // Date
    QTest::newRow("DateGreaterThan ISO") << R"({"DateGreaterThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}})" << R"({"aws:CurrentTime":"2026-11-27T07:00:00Z"})" << true;
    QTest::newRow("DateLessThan ISO") << R"({"DateLessThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}})" << R"({"aws:CurrentTime":"2026-11-27T07:00:00Z"})" << false;
    QTest::newRow("DateEquals epoch vs ISO") << R"({"DateEquals":{"aws:EpochTime":"1767225600"}})" << R"({"aws:EpochTime":"2026-01-01T00:00:00Z"})" << true;
    QTest::newRow("DateLessThanEquals with offset") << R"({"DateLessThanEquals":{"aws:CurrentTime":"2026-01-01T01:00:00+01:00"}})" << R"({"aws:CurrentTime":"2026-01-01T00:00:00Z"})" << true;
    // IP
    QTest::newRow("IpAddress v4 in CIDR") << R"({"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}})" << R"({"aws:SourceIp":"203.0.113.7"})" << true;
    QTest::newRow("IpAddress v4 outside") << R"({"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}})" << R"({"aws:SourceIp":"203.0.114.7"})" << false;
    QTest::newRow("IpAddress v6 in CIDR") << R"({"IpAddress":{"aws:SourceIp":"2001:db8::/32"}})" << R"({"aws:SourceIp":"2001:db8:1234::1"})" << true;
    QTest::newRow("IpAddress v6 outside") << R"({"IpAddress":{"aws:SourceIp":"2001:db8::/32"}})" << R"({"aws:SourceIp":"2001:db9::1"})" << false;
    QTest::newRow("NotIpAddress") << R"({"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","2001:db8::/32"]}})" << R"({"aws:SourceIp":"203.0.113.7"})" << true;
    QTest::newRow("NotIpAddress missing key holds") << R"({"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}})" << R"({})" << true;
    QTest::newRow("BinaryEquals") << R"({"BinaryEquals":{"aws:Key":"QmluYXJ5"}})" << R"({"aws:Key":"QmluYXJ5"})" << true;
    // IfExists
    QTest::newRow("StringEqualsIfExists missing key") << R"({"StringEqualsIfExists":{"s3:x-amz-server-side-encryption":"aws:kms"}})" << R"({})" << true;
    QTest::newRow("StringEqualsIfExists present, different") << R"({"StringEqualsIfExists":{"s3:x-amz-server-side-encryption":"aws:kms"}})" << R"({"s3:x-amz-server-side-encryption":"AES256"})" << false;
    QTest::newRow("StringLikeIfExists present, matching") << R"({"StringLikeIfExists":{"s3:x-amz-server-side-encryption":["aws:kms","AES256"]}})" << R"({"s3:x-amz-server-side-encryption":"AES256"})" << true;
    QTest::newRow("NumericLessThanIfExists missing") << R"({"NumericLessThanIfExists":{"s3:max-keys":"10"}})" << R"({})" << true;
    QTest::newRow("BoolIfExists missing") << R"({"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}})" << R"({})" << true;
    QTest::newRow("ArnLikeIfExists present, different") << R"({"ArnLikeIfExists":{"aws:SourceArn":"arn:aws:s3:::a"}})" << R"({"aws:SourceArn":"arn:aws:s3:::b"})" << false;
    // Set operators
    QTest::newRow("ForAnyValue: one of many matches") << R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["env","team"]}})" << R"({"aws:TagKeys":["owner","team"]})" << true;
    QTest::newRow("ForAnyValue: none matches") << R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}})" << R"({"aws:TagKeys":["owner","team"]})" << false;
    QTest::newRow("ForAnyValue: missing key is false") << R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}})" << R"({})" << false;
    QTest::newRow("ForAnyValue:…IfExists: missing key is still false") << R"({"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":["team"]}})" << R"({})" << false;
    QTest::newRow("ForAllValues:…IfExists: missing key is true") << R"({"ForAllValues:StringEqualsIfExists":{"aws:TagKeys":["team"]}})" << R"({})" << true;
    QTest::newRow("ForAnyValue: empty set is false") << R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}})" << R"({"aws:TagKeys":[]})" << false;
    QTest::newRow("ForAllValues: all inside") << R"({"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}})" << R"({"aws:TagKeys":["env","team"]})" << true;
    QTest::newRow("ForAllValues: one outside") << R"({"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}})" << R"({"aws:TagKeys":["env","owner"]})" << false;
    QTest::newRow("ForAllValues: missing key is true") << R"({"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}})" << R"({})" << true;
    QTest::newRow("ForAllValues: empty set is true") << R"({"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}})" << R"({"aws:TagKeys":[]})" << true;
    QTest::newRow("ForAllValues:StringNotEquals") << R"({"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}})" << R"({"aws:TagKeys":["env","team"]})" << true;
    QTest::newRow("ForAnyValue:StringNotEquals") << R"({"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env"]}})" << R"({"aws:TagKeys":["env"]})" << false;
    QTest::newRow("ForAnyValue:StringLike") << R"({"ForAnyValue:StringLike":{"kms:GrantOperations":["Encrypt*"]}})" << R"({"kms:GrantOperations":["Decrypt","EncryptTo"]})" << true;
    QTest::newRow("single-valued operator on a multi-valued key") << R"({"StringEquals":{"aws:TagKeys":"team"}})" << R"({"aws:TagKeys":["env","team"]})" << true;
    QTest::newRow("two operators are AND") << R"({"StringEquals":{"aws:SourceAccount":"111122223333"},"Bool":{"aws:SecureTransport":"true"}})" << R"({"aws:SourceAccount":"111122223333","aws:SecureTransport":"false"})" << false;
}

void TestEvaluator::conditions()
{
    QFETCH(QString, condition);
    QFETCH(QString, context);
    QFETCH(bool, allowed);
    const CompiledPolicy p =
        CompiledPolicy::compileText("identity", cond("s3:GetObject", condition).toStdString());
    QVERIFY(p.problems().empty());
    QVERIFY2(p.statements().at(0).problems.empty(), p.statements()[0].problems.empty() ? "" : p.statements()[0].problems[0].c_str());
    const CompiledPolicy *list[] = {&p};
    PolicyContext ctx;
    ctx.identity = list;
    ctx.resourceAccount = "111122223333";
    const EvaluationResult r = evaluate(makeRequest(kRole, "s3:GetObject", kObject, context), ctx);
    QCOMPARE(r.decision, allowed ? Decision::Allowed : Decision::ImplicitDeny);
}

void TestEvaluator::traceNamesStatements()
{
    const CompiledPolicy identity = CompiledPolicy::compileText(
        "role-policy.json",
        R"({"Version":"2012-10-17","Statement":[
            {"Sid":"Read","Effect":"Allow","Action":"s3:GetObjectVersionForReplication","Resource":"arn:aws:s3:::src-bucket/*"},
            {"Effect":"Allow","Action":"s3:*","Resource":"*"},
            {"Sid":"Unrelated","Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]})");
    const CompiledPolicy bucket = CompiledPolicy::compileText(
        "bucket-policy.json",
        R"({"Version":"2012-10-17","Statement":{"Sid":"NoGets","Effect":"Deny","Principal":{"AWS":"*"},"Action":"s3:Get*","Resource":"arn:aws:s3:::src-bucket/*"}})");
    const CompiledPolicy *ids[] = {&identity};
    PolicyContext ctx;
    ctx.identity = ids;
    ctx.resource = &bucket;
    ctx.resourceAccount = "111122223333";
    const EvaluationResult r =
        evaluate(makeRequest(kRole, "s3:GetObjectVersionForReplication", kObject, {}), ctx);
    QCOMPARE(r.decision, Decision::ExplicitDeny);
    const auto trace = r.trace();
    QCOMPARE(trace.size(), std::size_t(3));
    QCOMPARE(trace[0].policy, std::string("role-policy.json"));
    QCOMPARE(trace[0].sid, std::string("Read"));
    QVERIFY(trace[0].allow);
    QCOMPARE(trace[1].sid, std::string("#2")); // no Sid: its position
    QCOMPARE(trace[2].policy, std::string("bucket-policy.json"));
    QCOMPARE(trace[2].sid, std::string("NoGets"));
    QVERIFY(!trace[2].allow);
}

void TestEvaluator::unknownOperatorIsReported()
{
    const CompiledPolicy p = CompiledPolicy::compileText(
        "custom-role-policy",
        R"({"Version":"2012-10-17","Statement":[{"Sid":"Typo","Effect":"Allow","Action":"s3:*","Resource":"*",
            "Condition":{"StringEqualz":{"aws:SourceAccount":"111122223333"}}}]})");
    const CompiledPolicy *ids[] = {&p};
    PolicyContext ctx;
    ctx.identity = ids;
    ctx.resourceAccount = "111122223333";
    const EvaluationResult r = evaluate(
        makeRequest(kRole, "s3:GetObject", kObject, R"({"aws:SourceAccount":"111122223333"})"), ctx);
    QCOMPARE(r.decision, Decision::ImplicitDeny);
    QCOMPARE(r.problems.size(), std::size_t(1));
    QVERIFY(r.problems[0].find("unknown operator StringEqualz") != std::string::npos);
    QVERIFY(r.problems[0].find("custom-role-policy") != std::string::npos);
    QVERIFY(r.problems[0].find("Typo") != std::string::npos);

    // A statement that does not apply to the request stays quiet.
    const EvaluationResult other =
        evaluate(makeRequest(kRole, "kms:Decrypt", kKey, {}), ctx);
    QVERIFY(other.problems.empty());

    // Null has no IfExists form; it is reported like any unknown operator.
    const CompiledPolicy n = CompiledPolicy::compileText(
        "p", R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NullIfExists":{"a":"true"}}}]})");
    QCOMPARE(n.statements()[0].problems.size(), std::size_t(1));
}

void TestEvaluator::malformedCustomPolicyIsReported()
{
    const CompiledPolicy broken = CompiledPolicy::compileText("custom", "{\"Statement\": [");
    QCOMPARE(broken.problems().size(), std::size_t(1));
    const CompiledPolicy *ids[] = {&broken};
    PolicyContext ctx;
    ctx.identity = ids;
    const EvaluationResult r = evaluate(makeRequest(kRole, "s3:GetObject", kObject, {}), ctx);
    QCOMPARE(r.decision, Decision::ImplicitDeny);
    QCOMPARE(r.problems.size(), std::size_t(1));

    const CompiledPolicy badEffect = CompiledPolicy::compileText(
        "p", R"({"Statement":[{"Effect":"allow","Action":"*","Resource":"*"}]})");
    QCOMPARE(badEffect.statements()[0].problems.size(), std::size_t(1));
}

void TestEvaluator::globHelpers()
{
    using evaluation::globMatch;
    QVERIFY(globMatch("*", ""));
    QVERIFY(globMatch("a*b*c", "aXXbYYc"));
    QVERIFY(!globMatch("a*b*c", "aXXbYY"));
    QVERIFY(globMatch("a?c", "abc"));
    QVERIFY(!globMatch("a?c", "ac"));
    QVERIFY(evaluation::globMatchNoCase("s3:get*", "S3:GetObject"));
    QCOMPARE(evaluation::principalAccount("arn:aws:iam::111122223333:role/x"), std::string_view("111122223333"));
    QCOMPARE(evaluation::principalAccount("s3.amazonaws.com"), std::string_view());
}

QTEST_GUILESS_MAIN(TestEvaluator)
#include "tst_evaluator.moc"
