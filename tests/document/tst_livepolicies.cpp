// The policies the designer shows stay exactly right while the design is edited: after every
// edit, the document's artifacts (regenerated only where the edit reaches) are byte for byte
// what generating the whole design again gives. Thousands of seeded random edits of every
// element kind and field that policies depend on, on every example design.

#include "commands.h"
#include "core/designfile.h"
#include "document.h"
#include "largedesign.h"
#include "testpaths.h"

#include <QDir>
#include <QFileInfo>
#include <QTest>

#include <random>

using namespace s3rd::document;
using namespace s3rd::model;

namespace {

// Random edits of a design, through the document's mutation functions as undo commands call
// them.
class Editor
{
public:
    Editor(Document &doc, unsigned seed) : m_doc(doc), m_random(seed) {}

    // One edit; returns what it did, for the failure message.
    std::string editOnce()
    {
        const Design &d = m_doc.design();
        switch (pick(12)) {
        case 0:
        case 1:
        case 2:
            if (!d.rules.empty())
                return editRule(d.rules[index(d.rules.size())]);
            break;
        case 3:
        case 4:
            if (!d.buckets.empty())
                return editBucket(d.buckets[index(d.buckets.size())]);
            break;
        case 5:
            if (!d.keys.empty())
                return editKey(d.keys[index(d.keys.size())]);
            break;
        case 6:
            if (!d.roles.empty())
                return editRole(d.roles[index(d.roles.size())]);
            break;
        case 7:
            if (d.buckets.size() >= 2)
                return addRule();
            break;
        case 8:
            if (!d.rules.empty()) {
                const std::string id = d.rules[index(d.rules.size())].id;
                m_doc.removeElement(ElementKind::Rule, QString::fromStdString(id));
                return "remove rule " + id;
            }
            break;
        case 9:
            return addOrRemoveNode();
        case 10:
            if (!d.buckets.empty()) {
                Bucket b = d.buckets[index(d.buckets.size())];
                b.geometry.x += 10;
                m_doc.updateElement(b);
                return "move bucket " + b.id;
            }
            break;
        case 11:
            if (!d.accounts.empty() && pick(4) == 0) {
                Account a = d.accounts[index(d.accounts.size())];
                a.partition = a.partition == Partition::Aws ? Partition::AwsUsGov : Partition::Aws;
                m_doc.updateElement(a);
                return "change partition of account " + a.id;
            }
            break;
        }
        return "nothing";
    }

    // One edit of a rule's settings only (what the properties panel edits most), sometimes two
    // settings at once.
    std::string editRandomRuleSettings()
    {
        const Design &d = m_doc.design();
        if (d.rules.empty())
            return "nothing";
        ReplicationRule r = d.rules[index(d.rules.size())];
        std::string what = "rule " + r.id + ": " + editRuleSetting(r);
        if (pick(4) == 0)
            what += ", " + editRuleSetting(r);
        m_doc.updateElement(r);
        return what;
    }

    // One edit of the settings only of a rule, bucket, key or role, sometimes two settings at
    // once.
    std::string editRandomSettings()
    {
        const Design &d = m_doc.design();
        switch (pick(4)) {
        case 0:
            return editRandomRuleSettings();
        case 1:
            return editSettings(d.buckets, "bucket", &Editor::editBucketSetting);
        case 2:
            return editSettings(d.keys, "key", &Editor::editKeySetting);
        default:
            return editSettings(d.roles, "role", &Editor::editRoleSetting);
        }
    }

    // A new name for a bucket, key (alias or key id) or role.
    std::string renameOnce()
    {
        const Design &d = m_doc.design();
        switch (pick(4)) {
        case 0:
        case 1:
            if (!d.buckets.empty()) {
                Bucket b = d.buckets[index(d.buckets.size())];
                b.name = newName(d.buckets, &Bucket::name, b.name);
                m_doc.updateElement(b);
                return "bucket " + b.id + ": name \"" + b.name + "\"";
            }
            break;
        case 2:
            if (!d.keys.empty()) {
                KmsKey k = d.keys[index(d.keys.size())];
                if (coin())
                    k.alias = newName(d.keys, &KmsKey::alias, k.alias);
                else
                    k.keyId = newName(d.keys, &KmsKey::keyId, k.keyId);
                m_doc.updateElement(k);
                return "key " + k.id + ": alias \"" + k.alias + "\", key id \"" + k.keyId + "\"";
            }
            break;
        default:
            if (!d.roles.empty()) {
                Role r = d.roles[index(d.roles.size())];
                r.name = newName(d.roles, &Role::name, r.name);
                m_doc.updateElement(r);
                return "role " + r.id + ": name \"" + r.name + "\"";
            }
            break;
        }
        return "nothing";
    }

private:
    template<typename T>
    std::string editSettings(const std::vector<T> &elements, const std::string &kind,
                             std::string (Editor::*editSetting)(T &))
    {
        if (elements.empty())
            return "nothing";
        T element = elements[index(elements.size())];
        std::string what = kind + " " + element.id + ": " + (this->*editSetting)(element);
        if (pick(4) == 0)
            what += ", " + (this->*editSetting)(element);
        m_doc.updateElement(element);
        return what;
    }

    std::string editKeySetting(KmsKey &k)
    {
        switch (pick(8)) {
        case 0:
            k.kind = KeyKind(pick(4));
            return "kind";
        case 1:
            k.rotation = !k.rotation;
            return "rotation";
        case 2:
            k.allowS3ServicePrincipal = !k.allowS3ServicePrincipal;
            return "service principal";
        case 3:
            k.state = KeyState(pick(3));
            return "state";
        case 4:
            if (k.customKeyPolicy)
                k.customKeyPolicy.reset();
            else
                k.customKeyPolicy =
                    CustomPolicy{"own", "{\"Version\": \"2012-10-17\", \"Statement\": []}"};
            return "custom policy";
        case 5:
            k.note = coin() ? "" : "edited " + std::to_string(pick(100));
            return "note";
        case 6:
            k.symmetric = !k.symmetric;
            return "symmetric";
        default:
            if (coin()) {
                k.keyId = newName(m_doc.design().keys, &KmsKey::keyId, k.keyId);
                return "key id \"" + k.keyId + "\"";
            }
            k.alias = newName(m_doc.design().keys, &KmsKey::alias, k.alias);
            return "alias \"" + k.alias + "\"";
        }
    }

    std::string editRoleSetting(Role &r)
    {
        switch (pick(8)) {
        case 0:
            r.path = coin() ? "/" : (coin() ? "/service-role/" : "no-slashes");
            return "path";
        case 1:
            r.confusedDeputyConditions = !r.confusedDeputyConditions;
            return "conditions";
        case 2:
            if (r.customTrustPolicy)
                r.customTrustPolicy.reset();
            else
                r.customTrustPolicy =
                    CustomPolicy{"own", "{\"Version\": \"2012-10-17\", \"Statement\": []}"};
            return "custom trust policy";
        case 3:
            if (r.customPermissionsPolicy)
                r.customPermissionsPolicy.reset();
            else
                r.customPermissionsPolicy = CustomPolicy{
                    "own", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": "
                           "\"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}"};
            return "custom permissions policy";
        case 4:
            r.permissionsAttachment = PermissionsAttachment(pick(2));
            return "attachment";
        case 5:
            if (r.guardrails.empty())
                r.guardrails.push_back(Guardrail{
                    GuardrailKind::PermissionsBoundary, "boundary",
                    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
                    "\"Action\": \"s3:GetObjectVersionForReplication\", \"Resource\": \"*\"}]}"});
            else
                r.guardrails.clear();
            return "guardrails";
        case 6:
            r.note = coin() ? "" : "edited " + std::to_string(pick(100));
            return "note";
        default:
            r.name = newName(m_doc.design().roles, &Role::name, r.name);
            return "name \"" + r.name + "\"";
        }
    }

    std::string editBucketSetting(Bucket &b)
    {
        switch (pick(17)) {
        case 0:
            b.versioning = Versioning(pick(3));
            return "versioning";
        case 1:
            b.objectLock = !b.objectLock;
            return "object lock";
        case 2:
            b.defaultEncryption = DefaultEncryption(pick(3));
            return "encryption";
        case 3:
            b.bucketKey = !b.bucketKey;
            return "bucket key";
        case 4:
            b.objectEncryptions.sseKms = !b.objectEncryptions.sseKms;
            return "SSE-KMS writes";
        case 5:
            b.objectEncryptions.sseC = !b.objectEncryptions.sseC;
            return "SSE-C writes";
        case 6:
            b.sseCBlocked = !b.sseCBlocked;
            return "SSE-C blocked";
        case 7:
            b.objectOwnership = ObjectOwnership(pick(3));
            return "ownership";
        case 8:
            b.requesterPays = !b.requesterPays;
            return "requester pays";
        case 9:
            b.otherAccountsWrite = !b.otherAccountsWrite;
            return "other accounts write";
        case 10:
            b.hasExistingObjects = !b.hasExistingObjects;
            return "existing objects";
        case 11:
            b.batchReplication = !b.batchReplication;
            return "batch replication";
        case 12:
            b.lifecycle = Lifecycle(pick(3));
            return "lifecycle";
        case 13:
            b.type = b.type == BucketType::GeneralPurpose ? BucketType::Directory
                                                          : BucketType::GeneralPurpose;
            return "type";
        case 14:
            if (b.customBucketPolicy)
                b.customBucketPolicy.reset();
            else
                b.customBucketPolicy =
                    CustomPolicy{"own", "{\"Version\": \"2012-10-17\", \"Statement\": []}"};
            return "custom policy";
        case 15:
            b.note = coin() ? "" : "edited " + std::to_string(pick(100));
            return "note";
        default:
            b.name = newName(m_doc.design().buckets, &Bucket::name, b.name);
            return "name \"" + b.name + "\"";
        }
    }

    std::string editRuleSetting(ReplicationRule &r)
    {
        switch (pick(13)) {
        case 0:
            r.metrics = !r.metrics;
            return "metrics";
        case 1:
            r.replicationTimeControl = !r.replicationTimeControl;
            return "RTC";
        case 2:
            r.deleteMarkerReplication = !r.deleteMarkerReplication;
            return "delete markers";
        case 3:
            r.filterTags = coin() ? std::vector<Tag>{} : std::vector<Tag>{{"team", "a"}};
            return "tags";
        case 4:
            r.filterPrefix = coin() ? "" : "logs/" + std::to_string(pick(3)) + "/";
            return "prefix";
        case 5:
            r.storageClass = pick(3) == 0 ? "" : (coin() ? "STANDARD_IA" : "NOT_A_CLASS");
            return "storage class";
        case 6:
            r.ownerOverride = !r.ownerOverride;
            return "owner override";
        case 7:
            r.replicaModificationSync = !r.replicaModificationSync;
            return "replica modification sync";
        case 8:
            r.priority = int(pick(4));
            return "priority";
        case 9:
            r.importedAsV1 = !r.importedAsV1;
            return "imported as V1";
        case 10:
            r.note = coin() ? "" : "edited " + std::to_string(pick(100));
            return "note";
        case 11:
            r.presentStep = coin() ? std::optional<int>() : std::optional<int>(int(pick(5)));
            return "present step";
        default:
            r.enabled = !r.enabled;
            return "enabled";
        }
    }

    // A new name for an element: a fresh one, another element's (a repeat), a part of its own
    // or of another's (shown inside other names), an empty or invalid one.
    template<typename T>
    std::string newName(const std::vector<T> &elements, std::string T::*member,
                        const std::string &current)
    {
        const std::string &other = elements[index(elements.size())].*member;
        switch (pick(7)) {
        case 0:
            return other;
        case 1:
            return other.substr(0, other.size() / 2);
        case 2:
            return current.substr(0, current.size() / 2);
        case 3:
            return pick(3) == 0 ? std::string() : "Not_Valid..name";
        case 4:
            return "renamed-" + std::to_string(pick(1000)) + "--x-s3";
        default:
            return "renamed-" + std::to_string(pick(1000));
        }
    }

    std::size_t pick(std::size_t n)
    {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(m_random);
    }
    std::size_t index(std::size_t n) { return pick(n); }
    bool coin() { return pick(2) == 0; }

    template <typename T> std::string randomId(const std::vector<T> &elements, bool allowEmpty)
    {
        if (elements.empty() || (allowEmpty && pick(5) == 0))
            return {};
        return elements[index(elements.size())].id;
    }

    std::string editRule(ReplicationRule r)
    {
        const Design &d = m_doc.design();
        std::string what = "rule " + r.id + ": ";
        switch (pick(12)) {
        case 0:
            r.enabled = !r.enabled;
            what += "enabled";
            break;
        case 1:
            r.destination = randomId(d.buckets, false);
            what += "destination";
            break;
        case 2:
            r.role = randomId(d.roles, true);
            what += "role";
            break;
        case 3:
            r.replicaKey = randomId(d.keys, true);
            what += "replica key";
            break;
        case 4:
            r.replicateKmsObjects = !r.replicateKmsObjects;
            what += "KMS objects";
            break;
        case 5:
            r.source = randomId(d.buckets, false);
            what += "source";
            break;
        default:
            what += editRuleSetting(r);
            break;
        }
        m_doc.updateElement(r);
        return what;
    }

    std::string editBucket(Bucket b)
    {
        const Design &d = m_doc.design();
        std::string what = "bucket " + b.id + ": ";
        switch (pick(9)) {
        case 0:
            b.name = "renamed-" + std::to_string(pick(1000));
            what += "name";
            break;
        case 1:
            b.region = coin() ? "eu-west-1" : "us-east-2";
            what += "region";
            break;
        case 2:
            b.account = randomId(d.accounts, false);
            what += "account";
            break;
        case 3:
            b.defaultKey = randomId(d.keys, true);
            what += "default key";
            break;
        case 4:
            b.bucketKey = !b.bucketKey;
            what += "bucket key";
            break;
        case 5:
            b.defaultEncryption = b.defaultEncryption == DefaultEncryption::SseKms
                                      ? DefaultEncryption::DsseKms
                                      : DefaultEncryption::SseKms;
            what += "encryption";
            break;
        case 6:
            b.objectLock = !b.objectLock;
            what += "object lock";
            break;
        case 7:
            b.batchReplication = !b.batchReplication;
            what += "batch replication";
            break;
        case 8:
            if (b.customBucketPolicy)
                b.customBucketPolicy.reset();
            else
                b.customBucketPolicy =
                    CustomPolicy{"own", "{\"Version\": \"2012-10-17\", \"Statement\": []}"};
            what += "custom policy";
            break;
        }
        m_doc.updateElement(b);
        return what;
    }

    std::string editKey(KmsKey k)
    {
        const Design &d = m_doc.design();
        std::string what = "key " + k.id + ": ";
        switch (pick(5)) {
        case 0:
            k.region = coin() ? "eu-west-1" : "us-east-2";
            what += "region";
            break;
        case 1:
            k.alias = "alias/renamed-" + std::to_string(pick(1000));
            what += "alias";
            break;
        case 2:
            k.account = randomId(d.accounts, false);
            what += "account";
            break;
        case 3:
            k.allowS3ServicePrincipal = !k.allowS3ServicePrincipal;
            what += "service principal";
            break;
        case 4:
            k.kind = k.kind == KeyKind::AwsManaged ? KeyKind::CustomerManaged : KeyKind::AwsManaged;
            what += "kind";
            break;
        }
        m_doc.updateElement(k);
        return what;
    }

    std::string editRole(Role r)
    {
        const Design &d = m_doc.design();
        std::string what = "role " + r.id + ": ";
        switch (pick(4)) {
        case 0:
            r.name = "renamed-" + std::to_string(pick(1000));
            what += "name";
            break;
        case 1:
            r.path = coin() ? "/" : "/service-role/";
            what += "path";
            break;
        case 2:
            r.account = randomId(d.accounts, false);
            what += "account";
            break;
        case 3:
            r.confusedDeputyConditions = !r.confusedDeputyConditions;
            what += "conditions";
            break;
        }
        m_doc.updateElement(r);
        return what;
    }

    std::string addRule()
    {
        const Design &d = m_doc.design();
        ReplicationRule r;
        r.id = m_doc.newId(QStringLiteral("rule")).toStdString();
        r.ruleId = "random-" + r.id;
        r.source = randomId(d.buckets, false);
        r.destination = randomId(d.buckets, false);
        r.role = randomId(d.roles, true);
        r.replicateKmsObjects = coin();
        r.replicaKey = randomId(d.keys, true);
        m_doc.insertElement(r, int(pick(d.rules.size() + 1)));
        return "add rule " + r.id;
    }

    std::string addOrRemoveNode()
    {
        const Design &d = m_doc.design();
        switch (pick(4)) {
        case 0: {
            Bucket b;
            b.id = m_doc.newId(QStringLiteral("b")).toStdString();
            b.name = "added-" + b.id;
            b.account = randomId(d.accounts, false);
            b.region = "us-east-1";
            m_doc.insertElement(b, -1);
            return "add bucket " + b.id;
        }
        case 1:
            if (!d.buckets.empty()) {
                const std::string id = d.buckets[index(d.buckets.size())].id;
                m_doc.removeElement(ElementKind::Bucket, QString::fromStdString(id));
                return "remove bucket " + id;
            }
            return "nothing";
        case 2:
            if (!d.keys.empty()) {
                const std::string id = d.keys[index(d.keys.size())].id;
                m_doc.removeElement(ElementKind::Key, QString::fromStdString(id));
                return "remove key " + id;
            }
            return "nothing";
        default: {
            Role r;
            r.id = m_doc.newId(QStringLiteral("role")).toStdString();
            r.name = "added-" + r.id;
            r.account = randomId(d.accounts, false);
            m_doc.insertElement(r, -1);
            return "add role " + r.id;
        }
        }
    }

    Document &m_doc;
    std::mt19937 m_random;
};

// Where the document's artifacts differ from a fresh generation; empty when they do not.
std::string difference(const std::vector<Artifact> &live, const std::vector<Artifact> &fresh)
{
    if (live.size() != fresh.size())
        return "artifact count " + std::to_string(live.size()) + " instead of " +
               std::to_string(fresh.size());
    for (std::size_t i = 0; i < live.size(); ++i) {
        const Artifact &a = live[i];
        const Artifact &b = fresh[i];
        const auto same = [](const StatementNote &x, const StatementNote &y) {
            return x.sid == y.sid && x.elements == y.elements && x.why == y.why &&
                   x.docUrl == y.docUrl;
        };
        if (a.kind != b.kind || a.element != b.element || a.account != b.account ||
            a.accountId != b.accountId || a.target != b.target || a.path != b.path ||
            a.custom != b.custom || a.overLimit != b.overLimit || a.parsed != b.parsed ||
            a.text != b.text || a.notes.size() != b.notes.size() ||
            !std::equal(a.notes.begin(), a.notes.end(), b.notes.begin(), same))
            return "artifact " + std::to_string(i) + " (" + b.path + ") is stale";
    }
    return {};
}

// What differs between the document's report and one made from scratch (findings in order,
// the pre-flight items); empty when they are the same.
std::string reportDifference(const CheckReport &live, const CheckReport &fresh)
{
    if (live.findings.size() != fresh.findings.size())
        return std::to_string(live.findings.size()) + " findings instead of " +
               std::to_string(fresh.findings.size());
    for (std::size_t i = 0; i < fresh.findings.size(); ++i) {
        const Finding &a = live.findings[i];
        const Finding &b = fresh.findings[i];
        if (a.rule != b.rule || a.severity != b.severity || a.elements != b.elements ||
            a.message != b.message || a.explanation != b.explanation || a.docUrl != b.docUrl ||
            a.preflight != b.preflight || a.fix.has_value() != b.fix.has_value() ||
            (a.fix && a.fix->label != b.fix->label))
            return "finding " + std::to_string(i) + " (" + b.rule + ": " + b.message +
                   ") differs";
    }
    for (std::size_t i = 0; i < fresh.preflight.size() && i < live.preflight.size(); ++i) {
        if (live.preflight[i].ok != fresh.preflight[i].ok ||
            live.preflight[i].rules != fresh.preflight[i].rules)
            return "pre-flight item " + std::to_string(i) + " differs";
    }
    return live.preflight.size() == fresh.preflight.size() ? std::string()
                                                           : "pre-flight items differ";
}

// What the fixes of the same findings do to the design (their labels are compared above): a fix
// that kept a name from before a rename would act on it.
std::string fixesDifference(const CheckReport &live, const CheckReport &fresh, const Design &design)
{
    for (std::size_t i = 0; i < fresh.findings.size() && i < live.findings.size(); ++i) {
        const Finding &a = live.findings[i];
        const Finding &b = fresh.findings[i];
        if (!a.fix || !b.fix)
            continue;
        Design x = design;
        Design y = design;
        a.fix->apply(x);
        b.fix->apply(y);
        if (serializeDesign(x) != serializeDesign(y))
            return "the fix of finding " + std::to_string(i) + " (" + b.rule + ": " + b.fix->label +
                   ") does something else";
    }
    return {};
}

// What the document's documents (and its checklist, and what its fixes do) differ in from those
// made from scratch for its design; empty when nothing.
enum class Checked { Documents, Checklist, Fixes };
std::string liveDifference(Document &doc, Checked what)
{
    const std::vector<Artifact> fresh = generateArtifacts(doc.design());
    std::string diff = difference(doc.artifacts(), fresh);
    if (!diff.empty() || what == Checked::Documents)
        return diff;
    const CheckReport checked = runChecks(doc.design(), fresh);
    diff = reportDifference(doc.report(), checked);
    if (diff.empty() && what == Checked::Fixes)
        diff = fixesDifference(doc.report(), checked, doc.design());
    return diff;
}

// Edits documents of `design`, one per seed, `steps` times each (`edit(editor, step)`), and
// compares them with a derivation from scratch after every edit but those followed by another
// before anything looks (`lookLater(step)`). The first difference, with the edits before it.
template<typename Edit, typename LookLater>
std::string editsDifference(const Design &design, unsigned seeds, int steps, Checked what,
                            Edit edit, LookLater lookLater)
{
    for (unsigned seed = 1; seed <= seeds; ++seed) {
        Document doc(design);
        Editor editor(doc, seed);
        std::string history;
        std::string diff = liveDifference(doc, what);
        for (int step = 0; diff.empty() && step < steps; ++step) {
            history += edit(editor, step) + "; ";
            if (!lookLater(step))
                diff = liveDifference(doc, what);
        }
        if (!diff.empty())
            return "seed " + std::to_string(seed) + ": " + diff + " after " + history;
    }
    return {};
}

} // namespace

class TestLivePolicies : public QObject
{
    Q_OBJECT

private slots:
    void randomEditsKeepPoliciesExact_data();
    void randomEditsKeepPoliciesExact();
    void movingABucketKeepsThePolicies();
    void settingEditsKeepTheChecklistExact_data();
    void settingEditsKeepTheChecklistExact();
    void largeDesignsChecklistIsExact();
    void renamesKeepTheChecklistExact_data();
    void renamesKeepTheChecklistExact();
};

void TestLivePolicies::randomEditsKeepPoliciesExact_data()
{
    QTest::addColumn<QString>("file");
    const QStringList names = s3rd::test::exampleNames();
    QVERIFY(!names.isEmpty());
    for (const QString &name : names)
        QTest::newRow(qPrintable(name)) << s3rd::test::examplePath(name);
}

void TestLivePolicies::randomEditsKeepPoliciesExact()
{
    QFETCH(QString, file);
    const LoadResult loaded = loadDesignFile(file.toStdString());
    QVERIFY(loaded.ok());
    for (unsigned seed = 1; seed <= 6; ++seed) {
        Document doc(loaded.design);
        Editor editor(doc, seed);
        QCOMPARE(difference(doc.artifacts(), generateArtifacts(doc.design())), std::string());
        std::string history;
        for (int step = 0; step < 150; ++step) {
            history += editor.editOnce() + "; ";
            // Sometimes several edits land before the policies are looked at again.
            if (step % 3 == 2)
                continue;
            // The checklist, derived from the same design state (one index for both), is the
            // one a check from scratch gives, finding for finding.
            const std::string diff =
                liveDifference(doc, step % 3 == 1 ? Checked::Checklist : Checked::Documents);
            if (!diff.empty())
                QFAIL(qPrintable(QString::fromStdString("seed " + std::to_string(seed) + ": " +
                                                        diff + " after " + history)));
        }
    }
}

void TestLivePolicies::movingABucketKeepsThePolicies()
{
    Document doc(s3rd::test::loadExample(QStringLiteral("cross-account-sse-kms.s3rd.json")));
    const std::vector<Artifact> before = doc.artifacts();
    const CheckReport *reportBefore = &doc.report();
    Bucket b = doc.design().buckets.front();
    b.geometry.x += 40;
    b.geometry.y += 25;
    doc.updateElement(b);
    QCOMPARE(difference(doc.artifacts(), before), std::string());
    // Nothing was derived again: the findings are the same object.
    QCOMPARE(&doc.report(), reportBefore);
    QCOMPARE(doc.design().buckets.front().geometry, b.geometry);
}

void TestLivePolicies::settingEditsKeepTheChecklistExact_data()
{
    QTest::addColumn<QString>("file"); // empty: the benchmarks' generated design
    QTest::newRow("generated 400 buckets") << QString();
    for (const QString &name : s3rd::test::exampleNames())
        QTest::newRow(qPrintable(name)) << s3rd::test::examplePath(name);
}

// After an edit of the settings of a rule, bucket, key or role the document runs again only the
// checks that read them; the checklist is still the one a check from scratch gives, after every edit, also
// when settings edits follow each other and when other edits come between them.
void TestLivePolicies::settingEditsKeepTheChecklistExact()
{
    QFETCH(QString, file);
    Design design;
    if (file.isEmpty()) {
        design = s3rd::bench::largeDesign(400, 16, 32);
    } else {
        const LoadResult loaded = loadDesignFile(file.toStdString());
        QVERIFY(loaded.ok());
        design = loaded.design;
    }
    // Fewer steps on the large design: a custom policy there makes each check from scratch
    // simulate hundreds of rules. Applying every fix: on the examples only.
    const std::string diff = editsDifference(
        design, 4, file.isEmpty() ? 60 : 120,
        file.isEmpty() ? Checked::Checklist : Checked::Fixes,
        [](Editor &editor, int step) {
            return step % 10 == 9 ? editor.editOnce() : editor.editRandomSettings();
        },
        [](int step) { return step % 7 == 3; }); // two edits before the checklist is looked at
    QVERIFY2(diff.empty(), diff.c_str());
}

// A design large enough that the checklist's rules run on several threads: the same checklist,
// finding for finding and in the same order, as a check from scratch, also after edits.
void TestLivePolicies::largeDesignsChecklistIsExact()
{
    Document doc(s3rd::bench::largeDesign(2000, 40, 80));
    QCOMPARE(reportDifference(doc.report(), runChecks(doc.design(), doc.artifacts())),
             std::string());
    Editor editor(doc, 7);
    std::string history;
    for (int step = 0; step < 8; ++step) {
        history += editor.editOnce() + "; ";
        const std::string diff = liveDifference(doc, Checked::Checklist);
        if (!diff.empty())
            QFAIL(qPrintable(QString::fromStdString(diff + " after " + history)));
    }
}

void TestLivePolicies::renamesKeepTheChecklistExact_data()
{
    settingEditsKeepTheChecklistExact_data();
}

// A rename runs again the rules that read the name, and of the others only what shows it: the
// findings that name the element (their rules again, or the findings of the same first element
// where a rule can make those alone). The checklist is still the one a check from scratch
// gives, the fixes included.
void TestLivePolicies::renamesKeepTheChecklistExact()
{
    QFETCH(QString, file);
    const Design design = file.isEmpty() ? s3rd::bench::largeDesign(400, 16, 32)
                                         : s3rd::test::loadExample(QFileInfo(file).fileName());
    const std::string diff = editsDifference(
        design, 3, 40, file.isEmpty() ? Checked::Checklist : Checked::Fixes,
        [](Editor &editor, int step) {
            return step % 8 == 7 ? editor.editRandomSettings() : editor.renameOnce();
        },
        [](int step) { return step % 5 == 2; }); // two edits before the checklist is looked at
    QVERIFY2(diff.empty(), diff.c_str());
}

QTEST_GUILESS_MAIN(TestLivePolicies)
#include "tst_livepolicies.moc"
