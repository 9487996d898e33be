#include "propertyeditors.h"

#include "panelparts.h"
#include "propertyform.h"

#include <QCoreApplication>
#include <QGridLayout>
#include <QSpinBox>

#include <variant>

namespace s3rd::views {

using namespace s3rd::model;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("s3rd::views::PropertiesPanel", text);
}

// What the combos of the enum fields call each value, in the order they list them: a row per
// value, the rows of an enum together.
using EnumValue = std::variant<Partition, Versioning, BucketType, RetentionMode,
                               DefaultEncryption, ObjectOwnership, Lifecycle, KeyKind, KeyState,
                               PermissionsAttachment>;

struct EnumChoice
{
    EnumValue value;
    const char *text; // translated when shown
};

constexpr EnumChoice kEnumChoices[] = {
    {Partition::Aws, QT_TR_NOOP("aws")},
    {Partition::AwsCn, QT_TR_NOOP("aws-cn (China)")},
    {Partition::AwsUsGov, QT_TR_NOOP("aws-us-gov (GovCloud)")},
    {Versioning::Enabled, QT_TR_NOOP("Enabled")},
    {Versioning::Suspended, QT_TR_NOOP("Suspended")},
    {Versioning::Unversioned, QT_TR_NOOP("Never enabled")},
    {BucketType::GeneralPurpose, QT_TR_NOOP("General purpose")},
    {BucketType::Directory, QT_TR_NOOP("Directory (S3 Express One Zone)")},
    {RetentionMode::None, QT_TR_NOOP("None")},
    {RetentionMode::Governance, QT_TR_NOOP("Governance")},
    {RetentionMode::Compliance, QT_TR_NOOP("Compliance")},
    {DefaultEncryption::SseS3, QT_TR_NOOP("SSE-S3 (S3 managed keys)")},
    {DefaultEncryption::SseKms, QT_TR_NOOP("SSE-KMS")},
    {DefaultEncryption::DsseKms, QT_TR_NOOP("DSSE-KMS (dual-layer)")},
    {ObjectOwnership::BucketOwnerEnforced, QT_TR_NOOP("Bucket owner enforced (ACLs off)")},
    {ObjectOwnership::BucketOwnerPreferred, QT_TR_NOOP("Bucket owner preferred")},
    {ObjectOwnership::ObjectWriter, QT_TR_NOOP("Object writer")},
    {Lifecycle::None, QT_TR_NOOP("None")},
    {Lifecycle::Rules, QT_TR_NOOP("Yes, none to Glacier")},
    {Lifecycle::GlacierTransitions,
     QT_TR_NOOP("Transitions to Glacier Flexible Retrieval / Deep Archive")},
    {KeyKind::CustomerManaged, QT_TR_NOOP("Customer managed")},
    {KeyKind::AwsManaged, QT_TR_NOOP("AWS managed (aws/s3)")},
    {KeyKind::MultiRegionPrimary, QT_TR_NOOP("Multi-Region primary")},
    {KeyKind::MultiRegionReplica, QT_TR_NOOP("Multi-Region replica")},
    {KeyState::Enabled, QT_TR_NOOP("Enabled")},
    {KeyState::Disabled, QT_TR_NOOP("Disabled")},
    {KeyState::PendingDeletion, QT_TR_NOOP("Pending deletion")},
    {PermissionsAttachment::Automatic, QT_TR_NOOP("Inline while it fits, else managed policies")},
    {PermissionsAttachment::Inline, QT_TR_NOOP("Always one inline policy")},
    {PermissionsAttachment::Managed, QT_TR_NOOP("Always customer managed policies")},
};

// The values of E in the order its combos list them, with their texts.
template<typename E>
std::vector<std::pair<E, QString>> enumChoices()
{
    std::vector<std::pair<E, QString>> out;
    for (const EnumChoice &c : kEnumChoices) {
        if (const E *value = std::get_if<E>(&c.value))
            out.emplace_back(*value, tr(c.text));
    }
    return out;
}

// A combo for an enum field, listing the values as kEnumChoices names them.
template<typename T, typename E>
void addEnumField(PropertyForm &f, const QString &label, const QString &field, E T::*member,
                  const QString &toolTip = {})
{
    f.addEnumCombo<T, E>(label, field, member, enumChoices<E>(), toolTip);
}

void buildAccountEditor(PropertyForm &f)
{
    f.addText<Account>(tr("Name:"), QStringLiteral("name"), &Account::name, [](const Account &a) {
        return a.name.empty() ? tr("Give the account a name.").toStdString() : std::string();
    });
    f.addText<Account>(
        tr("Account ID:"), QStringLiteral("accountId"), &Account::accountId,
        [](const Account &a) { return names::checkAccountId(a.accountId); },
        tr("The 12-digit AWS account ID"));
    addEnumField(f, tr("Partition:"), QStringLiteral("partition"), &Account::partition);
    f.addGuardrails<Account>(
        tr("Guardrails (SCPs, RCPs):"),
        {GuardrailKind::ServiceControlPolicy, GuardrailKind::ResourceControlPolicy});
    f.addNote<Account>();
    f.addPresentStep<Account>();
}

void buildBucketEditor(PropertyForm &f)
{
    f.addText<Bucket>(tr("Name:"), QStringLiteral("name"), &Bucket::name,
                      [](const Bucket &b) { return names::checkBucketName(b.name); });
    f.addAccountCombo<Bucket>(&Bucket::account);
    f.addRegionCombo<Bucket>(&Bucket::region);
    addEnumField(f, tr("Versioning:"), QStringLiteral("versioning"), &Bucket::versioning,
                 tr("Replication needs versioning enabled on the source and every destination"));
    addEnumField(f, tr("Bucket type:"), QStringLiteral("type"), &Bucket::type,
                 tr("Directory buckets do not support replication"));
    f.addCheck<Bucket>(tr("Object Lock"), QStringLiteral("objectLock"), &Bucket::objectLock);
    {
        auto *h = newGroupingBox<QHBoxLayout>(QStringLiteral("defaultRetention"));
        QWidget *row = h->parentWidget();
        auto *mode = new QComboBox;
        mode->setObjectName(QStringLiteral("defaultRetentionMode"));
        for (const auto &[value, text] : enumChoices<RetentionMode>())
            mode->addItem(text, int(value));
        auto *days = new QSpinBox;
        days->setObjectName(QStringLiteral("defaultRetentionDays"));
        days->setRange(0, 36500);
        days->setSuffix(tr(" days"));
        h->addWidget(mode);
        h->addWidget(days);
        h->addStretch(1);
        QLabel *error = f.addRow(tr("Default retention:"), row,
                                 tr("The bucket's default Object Lock retention"));
        QObject::connect(
            mode, qOverload<int>(&QComboBox::currentIndexChanged), &f, [&f, mode](int) {
                f.edit<Bucket>(QStringLiteral("defaultRetention"), [&](Bucket &b) {
                    b.defaultRetention.mode = RetentionMode(mode->currentData().toInt());
                });
            });
        QObject::connect(days, qOverload<int>(&QSpinBox::valueChanged), &f, [&f](int value) {
            f.edit<Bucket>(
                QStringLiteral("defaultRetention"),
                [&](Bucket &b) { b.defaultRetention.days = value; }, true);
        });
        f.onLoad([&f, mode, days, error] {
            const auto *b = f.current<Bucket>();
            if (!b)
                return;
            const QSignalBlocker blockMode(mode);
            const QSignalBlocker blockDays(days);
            mode->setCurrentIndex(mode->findData(int(b->defaultRetention.mode)));
            days->setValue(b->defaultRetention.days);
            days->setEnabled(b->defaultRetention.mode != RetentionMode::None);
            setError(error, b->defaultRetention.mode != RetentionMode::None && !b->objectLock
                                ? tr("A default retention needs Object Lock.").toStdString()
                                : std::string());
        });
    }

    f.addSection(tr("Encryption"));
    addEnumField(f, tr("Default encryption:"), QStringLiteral("defaultEncryption"),
                 &Bucket::defaultEncryption);
    f.addKeyCombo<Bucket>(
        tr("Default key:"), QStringLiteral("defaultKey"), &Bucket::defaultKey,
        [&f](const Bucket &b) -> std::string {
            if (b.defaultEncryption == DefaultEncryption::SseS3)
                return b.defaultKey.empty()
                           ? std::string()
                           : tr("Ignored: the default encryption is SSE-S3.").toStdString();
            if (b.defaultKey.empty())
                return tr("SSE-KMS and DSSE-KMS need a KMS key.").toStdString();
            const auto *k = document::findElement<KmsKey>(f.design(), b.defaultKey);
            if (!k)
                return tr("This key is not in the design.").toStdString();
            if (k->region != b.region)
                return tr("The key is in %1; a bucket's key must be in the bucket's Region (%2).")
                    .arg(qs(k->region), qs(b.region))
                    .toStdString();
            if (!k->symmetric)
                return tr("S3 supports only symmetric encryption keys.").toStdString();
            return {};
        },
        tr("The KMS key for SSE-KMS / DSSE-KMS default encryption"));
    f.addCheck<Bucket>(tr("S3 Bucket Key"), QStringLiteral("bucketKey"), &Bucket::bucketKey,
                       tr("Fewer KMS requests; the encryption context becomes the bucket ARN"));
    {
        auto *grid = newGroupingBox<QGridLayout>(QStringLiteral("objectEncryptions"));
        QWidget *row = grid->parentWidget();
        const std::pair<QString, bool ObjectEncryptions::*> boxes[] = {
            {tr("SSE-S3"), &ObjectEncryptions::sseS3},
            {tr("SSE-KMS"), &ObjectEncryptions::sseKms},
            {tr("DSSE-KMS"), &ObjectEncryptions::dsseKms},
            {tr("SSE-C"), &ObjectEncryptions::sseC},
            {tr("Client-side"), &ObjectEncryptions::clientSide},
        };
        int i = 0;
        for (const auto &[text, member] : boxes) {
            auto *box = new QCheckBox(text);
            box->setObjectName(QStringLiteral("objectEncryption:") + text);
            grid->addWidget(box, i / 3, i % 3);
            ++i;
            QObject::connect(box, &QCheckBox::toggled, &f, [&f, member = member](bool on) {
                f.edit<Bucket>(QStringLiteral("objectEncryptions"),
                               [&](Bucket &b) { b.objectEncryptions.*member = on; });
            });
            f.onLoad([&f, box, member = member] {
                if (const auto *b = f.current<Bucket>()) {
                    const QSignalBlocker blocker(box);
                    box->setChecked(b->objectEncryptions.*member);
                }
            });
        }
        f.addRow(tr("Objects written with:"), row,
                 tr("How objects in this bucket are (or may be) encrypted when written"));
    }
    f.addCheck<Bucket>(tr("SSE-C writes blocked"), QStringLiteral("sseCBlocked"),
                       &Bucket::sseCBlocked);

    f.addSection(tr("Access and objects"));
    addEnumField(f, tr("Object Ownership:"), QStringLiteral("objectOwnership"),
                 &Bucket::objectOwnership);
    f.addCheck<Bucket>(tr("Requester Pays"), QStringLiteral("requesterPays"),
                       &Bucket::requesterPays);
    f.addCheck<Bucket>(tr("Other accounts write objects"), QStringLiteral("otherAccountsWrite"),
                       &Bucket::otherAccountsWrite,
                       tr("Other accounts upload objects; with ACLs enabled they own them"));
    addEnumField(
        f, tr("Lifecycle rules:"), QStringLiteral("lifecycle"), &Bucket::lifecycle,
        tr("Lifecycle actions are not replicated; objects in Glacier Flexible Retrieval or Deep "
           "Archive are not replicated either"));
    f.addCheck<Bucket>(tr("Has existing objects"), QStringLiteral("hasExistingObjects"),
                       &Bucket::hasExistingObjects,
                       tr("Objects already in the bucket are not replicated by live replication"));
    f.addCheck<Bucket>(tr("Existing objects replicated with Batch Replication"),
                       QStringLiteral("batchReplication"), &Bucket::batchReplication);
    f.addCustomPolicy<Bucket>(tr("Bucket policy:"), QStringLiteral("customBucketPolicy"),
                              &Bucket::customBucketPolicy, ArtifactKind::BucketPolicy);
    f.addNote<Bucket>();
    f.addPresentStep<Bucket>();
}

void buildKeyEditor(PropertyForm &f)
{
    f.addText<KmsKey>(
        tr("Alias:"), QStringLiteral("alias"), &KmsKey::alias,
        [](const KmsKey &k) { return names::checkKmsAliasName(k.alias, k.kind); },
        tr("\"alias/name\"; the AWS managed key is alias/aws/s3"));
    f.addText<KmsKey>(
        tr("Key ID:"), QStringLiteral("keyId"), &KmsKey::keyId,
        [](const KmsKey &k) { return names::checkKmsKeyId(k.keyId, k.kind); },
        tr("A UUID, or mrk-… for multi-Region keys"));
    f.addAccountCombo<KmsKey>(&KmsKey::account);
    f.addRegionCombo<KmsKey>(&KmsKey::region);
    addEnumField(f, tr("Kind:"), QStringLiteral("kind"), &KmsKey::kind);
    f.addCheck<KmsKey>(tr("Symmetric"), QStringLiteral("symmetric"), &KmsKey::symmetric,
                       tr("S3 supports only symmetric encryption keys"));
    f.addCheck<KmsKey>(tr("Automatic rotation"), QStringLiteral("rotation"), &KmsKey::rotation);
    addEnumField(f, tr("Key state:"), QStringLiteral("state"), &KmsKey::state,
                 tr("S3 can use only an enabled key"));
    f.addCheck<KmsKey>(tr("Allow the S3 service principal"),
                       QStringLiteral("allowS3ServicePrincipal"), &KmsKey::allowS3ServicePrincipal,
                       tr("Adds a key policy statement letting s3.amazonaws.com use the key"));
    f.addCustomPolicy<KmsKey>(tr("Key policy:"), QStringLiteral("customKeyPolicy"),
                              &KmsKey::customKeyPolicy, ArtifactKind::KeyPolicy);
    f.addNote<KmsKey>();
    f.addPresentStep<KmsKey>();
}

void buildRoleEditor(PropertyForm &f)
{
    f.addText<Role>(tr("Name:"), QStringLiteral("name"), &Role::name,
                    [](const Role &r) { return names::checkRoleName(r.name); });
    f.addText<Role>(
        tr("Path:"), QStringLiteral("path"), &Role::path,
        [](const Role &r) { return names::checkRolePath(r.path); },
        tr("\"/\" or \"/…/\", e.g. /service-role/"));
    f.addAccountCombo<Role>(&Role::account);
    f.addCheck<Role>(tr("Confused-deputy conditions in the trust policy"),
                     QStringLiteral("confusedDeputyConditions"), &Role::confusedDeputyConditions,
                     tr("Adds aws:SourceAccount / aws:SourceArn conditions to the trust policy"));
    f.addCustomPolicy<Role>(tr("Trust policy:"), QStringLiteral("customTrustPolicy"),
                            &Role::customTrustPolicy, ArtifactKind::RoleTrustPolicy);
    f.addCustomPolicy<Role>(tr("Permissions policy:"), QStringLiteral("customPermissionsPolicy"),
                            &Role::customPermissionsPolicy, ArtifactKind::RolePermissionsPolicy);
    addEnumField(
        f, tr("Permissions:"), QStringLiteral("permissionsAttachment"),
        &Role::permissionsAttachment,
        tr("IAM holds 10,240 characters of inline policy per role; larger permissions are split "
           "across customer managed policies of 6,144 characters (up to 10 per role)"));
    f.addGuardrails<Role>(tr("Permissions boundaries:"), {GuardrailKind::PermissionsBoundary});
    f.addNote<Role>();
    f.addPresentStep<Role>();
}

void buildRuleEditor(PropertyForm &f)
{
    using Rule = ReplicationRule;
    f.addText<Rule>(tr("Rule ID:"), QStringLiteral("ruleId"), &Rule::ruleId,
                    [](const Rule &r) { return names::checkRuleId(r.ruleId); });

    // Source and destination are the arrow's ends: changed by redrawing the arrow, not here.
    auto endLabel = [&f](bool source) {
        auto *label = new QLabel;
        label->setObjectName(source ? QStringLiteral("source") : QStringLiteral("destination"));
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        f.addRow(source ? tr("Source:") : tr("Destination:"), label);
        f.onLoad([&f, label, source] {
            const auto *r = f.current<Rule>();
            if (!r)
                return;
            const Design &d = f.design();
            const auto *b = document::findElement<Bucket>(d, source ? r->source : r->destination);
            const Account *a = b ? document::findElement<Account>(d, b->account) : nullptr;
            label->setText(
                b ? QStringLiteral("%1 — %2, %3")
                        .arg(qs(b->name), qs(b->region), a ? qs(a->name) : tr("no account"))
                  : tr("(missing bucket)"));
        });
    };
    endLabel(true);
    endLabel(false);

    {
        QComboBox *combo = newReferenceCombo(QStringLiteral("role"));
        QLabel *error = f.addRow(tr("Role:"), combo, tr("The IAM role S3 assumes to replicate"));
        QObject::connect(
            combo, qOverload<int>(&QComboBox::currentIndexChanged), &f, [&f, combo](int) {
                const std::string value = combo->currentData().toString().toStdString();
                f.edit<Rule>(QStringLiteral("role"), [&](Rule &r) { r.role = value; });
            });
        f.onLoad([&f, combo, error] {
            const auto *r = f.current<Rule>();
            if (!r)
                return;
            const Design &d = f.design();
            ComboItems items{{tr("(none)"), QString()}};
            for (const Role &role : d.roles) {
                const Account *a = document::findElement<Account>(d, role.account);
                items.emplace_back(QStringLiteral("%1 — %2").arg(
                                       qs(role.name), a ? qs(a->name) : tr("no account")),
                                   qs(role.id));
            }
            syncCombo(combo, items, qs(r->role), tr("%1 (missing)").arg(qs(r->role)));
            std::string problem;
            const auto *role = document::findElement<Role>(d, r->role);
            const auto *src = document::findElement<Bucket>(d, r->source);
            if (r->role.empty())
                problem = tr("The rule needs a role for S3 to assume.").toStdString();
            else if (!role)
                problem = tr("This role is not in the design.").toStdString();
            else if (src && role->account != src->account)
                problem = tr("The role must be in the source bucket's account.").toStdString();
            setError(error, problem);
        });
    }
    {
        auto *spin = new QSpinBox;
        spin->setObjectName(QStringLiteral("priority"));
        spin->setRange(0, 1000000);
        spin->setMaximumWidth(spin->fontMetrics().horizontalAdvance(QStringLiteral("0000000"))
                              + 40);
        QLabel *error = f.addRow(tr("Priority:"), spin,
                                 tr("Among rules to the same destination, the higher number wins"));
        QObject::connect(spin, qOverload<int>(&QSpinBox::valueChanged), &f, [&f](int value) {
            f.edit<Rule>(
                QStringLiteral("priority"), [&](Rule &r) { r.priority = value; }, true);
        });
        f.onLoad([&f, spin, error] {
            const auto *r = f.current<Rule>();
            if (!r)
                return;
            if (spin->value() != r->priority) {
                const QSignalBlocker blocker(spin);
                spin->setValue(r->priority);
            }
            std::string problem;
            for (const Rule &other : f.design().rules) {
                if (other.id != r->id && other.source == r->source
                    && other.priority == r->priority) {
                    problem = tr("Rule %1 of the same source has this priority too.")
                                  .arg(qs(other.ruleId))
                                  .toStdString();
                    break;
                }
            }
            setError(error, problem);
        });
    }
    f.addCheck<Rule>(tr("Enabled"), QStringLiteral("enabled"), &Rule::enabled);

    f.addSection(tr("Filter"));
    f.addText<Rule>(
        tr("Prefix:"), QStringLiteral("filterPrefix"), &Rule::filterPrefix,
        [](const Rule &r) { return names::checkRulePrefix(r.filterPrefix); },
        tr("Only objects whose key starts with this; empty for all objects"));
    f.addTagsTable();

    f.addSection(tr("What is replicated"));
    f.addCheck<Rule>(tr("Replicate delete markers"), QStringLiteral("deleteMarkerReplication"),
                     &Rule::deleteMarkerReplication, tr("Not supported for tag-based rules"));
    f.addCheck<Rule>(tr("Replica modification sync"), QStringLiteral("replicaModificationSync"),
                     &Rule::replicaModificationSync,
                     tr("Replicate metadata changes made on replicas back (two-way setups)"));
    f.addCheck<Rule>(tr("Replicate SSE-KMS encrypted objects"),
                     QStringLiteral("replicateKmsObjects"), &Rule::replicateKmsObjects,
                     tr("KMS-encrypted objects are not replicated unless the rule opts in"));
    f.addKeyCombo<Rule>(
        tr("Replica key:"), QStringLiteral("replicaKey"), &Rule::replicaKey,
        [&f](const Rule &r) -> std::string {
            const Design &d = f.design();
            if (r.replicaKey.empty())
                return r.replicateKmsObjects
                           ? tr("Replicating KMS objects needs a replica key.").toStdString()
                           : std::string();
            const auto *k = document::findElement<KmsKey>(d, r.replicaKey);
            if (!k)
                return tr("This key is not in the design.").toStdString();
            const auto *dst = document::findElement<Bucket>(d, r.destination);
            if (dst && k->region != dst->region)
                return tr("The key is in %1; the replica key must be in the destination "
                          "bucket's Region (%2).")
                    .arg(qs(k->region), qs(dst->region))
                    .toStdString();
            if (!k->symmetric)
                return tr("S3 supports only symmetric encryption keys.").toStdString();
            return {};
        },
        tr("ReplicaKmsKeyID: the key that encrypts replicas in the destination"));
    {
        auto *combo = new QComboBox;
        combo->setObjectName(QStringLiteral("storageClass"));
        ComboItems items{{tr("Same as source object"), QString()}};
        for (std::string_view c : names::replicaStorageClasses())
            items.emplace_back(qs(c), qs(c));
        QLabel *error = f.addRow(tr("Storage class:"), combo);
        QObject::connect(
            combo, qOverload<int>(&QComboBox::currentIndexChanged), &f, [&f, combo](int) {
                const std::string value = combo->currentData().toString().toStdString();
                f.edit<Rule>(QStringLiteral("storageClass"),
                             [&](Rule &r) { r.storageClass = value; });
            });
        f.onLoad([&f, combo, error, items] {
            if (const auto *r = f.current<Rule>()) {
                syncCombo(combo, items, qs(r->storageClass));
                setError(error, names::checkStorageClass(r->storageClass));
            }
        });
    }
    f.addCheck<Rule>(tr("Owner override (replicas owned by the destination account)"),
                     QStringLiteral("ownerOverride"), &Rule::ownerOverride);
    f.addSection(tr("Monitoring"));
    f.addCheck<Rule>(tr("Replication Time Control (15 minutes)"),
                     QStringLiteral("replicationTimeControl"), &Rule::replicationTimeControl,
                     tr("RTC needs metrics"));
    f.addCheck<Rule>(tr("Replication metrics"), QStringLiteral("metrics"), &Rule::metrics,
                     tr("Needed for failure events"));
    f.addNote<Rule>();
    f.addPresentStep<Rule>();
}

} // namespace

void buildEditor(PropertyForm &form, document::ElementKind kind)
{
    switch (kind) {
    case document::ElementKind::Account: buildAccountEditor(form); break;
    case document::ElementKind::Bucket: buildBucketEditor(form); break;
    case document::ElementKind::Key: buildKeyEditor(form); break;
    case document::ElementKind::Role: buildRoleEditor(form); break;
    case document::ElementKind::Rule: buildRuleEditor(form); break;
    }
}

} // namespace s3rd::views
