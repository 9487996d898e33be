#include "simulator/replicationwalk.h"

#include "core/arn.h"

namespace s3rd::model {

namespace {

std::string encryptionName(ObjectWrite w)
{
    switch (w) {
    case ObjectWrite::Unencrypted: return "none";
    case ObjectWrite::SseS3: return "SSE-S3";
    case ObjectWrite::SseKms: return "SSE-KMS";
    case ObjectWrite::DsseKms: return "DSSE-KMS";
    case ObjectWrite::SseC: return "SSE-C";
    case ObjectWrite::ClientSide: return "client-side";
    }
    return "none";
}

// The x-amz-server-side-encryption header value S3 sends for a replica.
std::string sseHeader(const std::string &encryption)
{
    if (encryption == "SSE-KMS")
        return "aws:kms";
    if (encryption == "DSSE-KMS")
        return "aws:kms:dsse";
    if (encryption == "SSE-S3")
        return "AES256";
    return {};
}

// Only an enabled key can encrypt or decrypt; S3 reports any other state as
// SrcKmsKeyInvalidState / DstKmsKeyInvalidState (replication-metrics-events.html, failure
// reasons; kms/latest/developerguide/key-state.html).
std::string keyStateDetail(const KmsKey &k)
{
    switch (k.state) {
    case KeyState::Enabled: return {};
    case KeyState::Disabled: return " is disabled: KMS refuses to use it";
    case KeyState::PendingDeletion: return " is pending deletion: KMS refuses to use it";
    }
    return {};
}

} // namespace

std::string ReplicationWalk::accountIdOf(const std::string &accountElement) const
{
    const Account *a = m_ix.account(accountElement);
    return a ? a->accountId : std::string();
}

std::string ReplicationWalk::keyArn(const KmsKey &k) const
{
    return arn::key(m_part, k.region, accountIdOf(k.account), k.keyId);
}

bool ReplicationWalk::permission(DestinationResult &dr, std::string_view check,
                                 const Target &target, std::vector<std::string> elements,
                                 bool fatal)
{
    return permission(dr, check, steps::request(check, m_subj), target, std::move(elements),
                      fatal);
}

bool ReplicationWalk::permission(DestinationResult &dr, std::string_view check, Request req,
                                 const Target &target, std::vector<std::string> elements,
                                 bool fatal)
{
    const steps::Step &row = steps::step(check);
    PolicyContext ctx;
    if (row.principal == steps::Principal::ReplicationRole && m_role) {
        ctx.identity = m_identity;
        ctx.boundaries = m_ps.boundaries(m_role->id);
        ctx.scps = m_ps.scps(m_role->account);
    }
    ctx.resource = target.resource;
    ctx.resourceKind = target.kind;
    ctx.resourceAccount = target.account;
    if (!target.rcpExempt)
        ctx.rcps = m_ps.rcps(target.account);
    if (!target.account.empty())
        req.context["aws:ResourceAccount"] = {target.account};
    evaluate(req, ctx, m_eval);

    SimulationStep step;
    step.check = std::string(check);
    for (const CompiledPolicy *p : ctx.identity)
        step.policies.push_back(p->id());
    if (ctx.resource)
        step.policies.push_back(ctx.resource->id());
    for (const CompiledPolicy *p : ctx.boundaries)
        step.policies.push_back(p->id());
    for (const CompiledPolicy *p : ctx.scps)
        step.policies.push_back(p->id());
    for (const CompiledPolicy *p : ctx.rcps)
        step.policies.push_back(p->id());
    step.request = std::move(req);
    step.decision = m_eval.decision;
    step.matched = m_eval.trace();
    step.elements = std::move(elements);
    step.passed = m_eval.decision == Decision::Allowed;
    step.fatal = fatal;
    step.problems = m_eval.problems;
    if (m_eval.decision == Decision::ExplicitDeny)
        step.detail = "an explicit Deny applies";
    else if (m_eval.decision == Decision::ImplicitDeny)
        step.detail = m_eval.missing.empty() ? "no policy allows the action"
                                             : std::string(m_eval.missing);
    for (const std::string &p : m_eval.problems) {
        if (std::find(m_result.policyProblems.begin(), m_result.policyProblems.end(), p)
            == m_result.policyProblems.end())
            m_result.policyProblems.push_back(p);
    }
    const bool passed = step.passed;
    dr.steps.push_back(std::move(step));
    if (!passed && fatal) {
        dr.outcome = Outcome::Failed;
        dr.reason = std::string(row.failureReason);
    }
    return passed;
}

bool ReplicationWalk::fact(DestinationResult &dr, std::string_view check, bool ok,
                           std::string detail, std::vector<std::string> elements,
                           std::string_view reason)
{
    SimulationStep step;
    step.check = std::string(check);
    step.decision = ok ? Decision::Allowed : Decision::ImplicitDeny;
    step.detail = std::move(detail);
    step.elements = std::move(elements);
    step.passed = ok;
    dr.steps.push_back(std::move(step));
    if (!ok) {
        dr.outcome = Outcome::Failed;
        dr.reason = std::string(reason.empty() ? steps::step(check).failureReason : reason);
    }
    return ok;
}

void ReplicationWalk::notReplicated(DestinationResult &dr, std::string check, std::string reason,
                                    std::string detail)
{
    SimulationStep step;
    step.check = std::move(check);
    step.decision = Decision::ImplicitDeny;
    step.detail = std::move(detail);
    step.passed = false;
    dr.steps.push_back(std::move(step));
    dr.outcome = Outcome::NotReplicated;
    dr.reason = std::move(reason);
}

void ReplicationWalk::run(const ReplicationRule &rule, DestinationResult &dr)
{
    m_rule = &rule;
    if (excludedByS3(dr))
        return;
    resolveSubjects();
    if (!findBuckets(dr) || !assumeRole(dr) || !readReplicationConfiguration(dr))
        return;
    if (m_obj.deleteMarker)
        return replicateDeleteMarker(dr);
    if (!readSourceObject(dr) || !decryptSource(dr) || !checkDestinationBucket(dr)
        || !chooseReplicaEncryption(dr) || !writeReplica(dr) || !encryptReplica(dr)
        || !overrideOwner(dr) || !readObjectLock(dr))
        return;
    recordReplica(dr);
}

// What S3 never replicates, whatever the permissions.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-what-is-isnot-replicated.html
bool ReplicationWalk::excludedByS3(DestinationResult &dr) const
{
    const TestObject &o = m_obj;
    const ReplicationRule &rule = *m_rule;
    if (o.versionDelete) {
        notReplicated(dr, "version-delete", "version-deletes-not-replicated",
                      "a delete of a specific version is never replicated");
        return true;
    }
    if (o.isReplica) {
        notReplicated(dr, "replica", "replicas-not-replicated",
                      "the object is itself a replica; live replication does not "
                      "replicate replicas (use Batch Replication)");
        return true;
    }
    if (o.deleteMarker && (!rule.deleteMarkerReplication || !rule.filterTags.empty())) {
        notReplicated(dr, "delete-marker", "delete-marker-replication-off",
                      rule.filterTags.empty()
                          ? "delete marker replication is off for rule " + rule.ruleId
                          : "tag-based rules never replicate delete markers");
        return true;
    }
    if (!o.deleteMarker && isKms(o.encryption) && !rule.replicateKmsObjects) {
        notReplicated(dr, "kms-opt-in", "kms-objects-not-selected",
                      "rule " + rule.ruleId + " does not select " + encryptionName(o.encryption)
                          + " objects (SseKmsEncryptedObjects)");
        return true;
    }
    return false;
}

// What the table's rows resolve to; filled in as the walk learns it.
void ReplicationWalk::resolveSubjects()
{
    m_subj = steps::Subjects();
    m_subj.partition = m_part;
    m_subj.sourceAccountId = m_srcAcct.accountId;
    m_subj.sourceBucket = m_src.name;
    m_subj.sourceRegion = m_src.region;
    m_subj.objectKey = m_obj.key;
    if (!m_obj.deleteMarker)
        m_subj.objectTags = m_obj.tags;
}

// S3 refuses a replication configuration on a bucket without versioning; the rule's
// destination must exist.
bool ReplicationWalk::findBuckets(DestinationResult &dr)
{
    const ReplicationRule &rule = *m_rule;
    if (!fact(dr, "source-versioning", m_src.versioning == Versioning::Enabled,
              m_src.versioning == Versioning::Enabled ? "source bucket versioning is enabled"
                                                      : "source bucket versioning is not enabled",
              {m_src.id}))
        return false;
    m_dst = m_ix.bucket(rule.destination);
    if (!fact(dr, "destination-exists", m_dst != nullptr,
              m_dst ? "destination bucket " + m_dst->name + " exists"
                    : "the rule's destination bucket is not in the design",
              {rule.destination}))
        return false;
    const Account *dstAcct = m_ix.accountOf(*m_dst);
    m_dstAccountId = dstAcct ? dstAcct->accountId : std::string();
    dr.bucketArn = arn::bucket(m_part, m_dst->name);
    m_subj.destinationBucket = m_dst->name;
    m_subj.destinationRegion = m_dst->region;
    m_srcTarget = {m_ps.bucketPolicy(m_src.id), ResourcePolicyKind::Shared, m_srcAcct.accountId};
    m_dstTarget = {m_ps.bucketPolicy(m_dst->id), ResourcePolicyKind::Shared, m_dstAccountId};
    return true;
}

// Assume the role, as the S3 service principal.
bool ReplicationWalk::assumeRole(DestinationResult &dr)
{
    const ReplicationRule &rule = *m_rule;
    m_role = rule.role.empty() ? nullptr : m_ix.role(rule.role);
    if (!m_role)
        return fact(dr, "assume-role", false,
                    rule.role.empty() ? "the rule has no IAM role"
                                      : "the rule's role is not in the design",
                    {rule.id});
    m_roleAccount = accountIdOf(m_role->account);
    m_roleArn = arn::role(m_part, m_roleAccount, m_role->path, m_role->name);
    m_subj.roleArn = m_roleArn;
    m_subj.roleAccountId = m_roleAccount;
    m_identity.clear();
    if (const CompiledPolicy *p = m_ps.permissionsPolicy(m_role->id))
        m_identity.push_back(p);
    for (const CompiledPolicy *p : m_ps.managedPolicies(m_role->id))
        m_identity.push_back(p);
    return permission(dr, "assume-role",
                      {m_ps.trustPolicy(m_role->id), ResourcePolicyKind::Authoritative,
                       m_roleAccount},
                      {m_role->id, rule.id});
}

// Read the source bucket's replication configuration, and list it (delete markers).
bool ReplicationWalk::readReplicationConfiguration(DestinationResult &dr)
{
    return permission(dr, "read-replication-configuration", m_srcTarget, {m_src.id, m_role->id})
           && permission(dr, "list-source-bucket", m_srcTarget, {m_src.id, m_role->id});
}

void ReplicationWalk::replicateDeleteMarker(DestinationResult &dr)
{
    if (!fact(dr, "destination-versioning", m_dst->versioning == Versioning::Enabled,
              "destination bucket versioning is "
                  + std::string(m_dst->versioning == Versioning::Enabled ? "enabled"
                                                                         : "not enabled"),
              {m_dst->id}))
        return;
    if (!permission(dr, "replicate-delete", m_dstTarget, {m_dst->id, m_role->id}))
        return;
    dr.outcome = Outcome::Replicated;
    dr.replicaOwner = m_dstAccountId;
    dr.replicaSummary = "delete marker added to " + m_dst->name;
}

// Read the source object version, its ACL and its tags.
bool ReplicationWalk::readSourceObject(DestinationResult &dr)
{
    const TestObject &o = m_obj;
    const bool ok = permission(dr, "read-source", m_srcTarget, {m_src.id, m_role->id},
                               isKms(o.encryption));
    if (!ok && !isKms(o.encryption)) {
        // s3:GetObjectVersion also lets S3 replicate unencrypted and SSE-S3 objects, but
        // not KMS-encrypted ones (reference §2.4).
        dr.steps.back().fatal = false;
        Request alt = steps::request("read-source", m_subj);
        alt.action = "s3:GetObjectVersion";
        if (dr.steps.back().decision == Decision::ExplicitDeny
            || !permission(dr, "read-source", std::move(alt), m_srcTarget,
                           {m_src.id, m_role->id}, true)) {
            dr.steps.back().fatal = true;
            dr.outcome = Outcome::Failed;
            dr.reason = std::string(steps::step("read-source").failureReason);
            return false;
        }
    } else if (!ok) {
        return false;
    }
    if (!permission(dr, "read-source-acl", m_srcTarget, {m_src.id, m_role->id}))
        return false;
    if (!o.tags.empty()
        && !permission(dr, "read-source-tags", m_srcTarget, {m_src.id, m_role->id}, false)) {
        // "If Amazon S3 doesn't have the s3:GetObjectVersionTagging permission, it replicates
        // the objects, but not the object tags." (setting-repl-config-perm-overview)
        dr.replicaTags = false;
    }
    return true;
}

// Decrypt with the source key.
bool ReplicationWalk::decryptSource(DestinationResult &dr)
{
    const TestObject &o = m_obj;
    if (!isKms(o.encryption))
        return true;
    const std::string keyElement = o.kmsKey.empty() ? m_src.defaultKey : o.kmsKey;
    const KmsKey *key = keyElement.empty() ? nullptr : m_ix.key(keyElement);
    if (!fact(dr, "source-key", key != nullptr && key->state == KeyState::Enabled,
              !key ? "the object's KMS key is not in the design"
                   : "source key " + (key->alias.empty() ? key->keyId : key->alias)
                         + keyStateDetail(*key),
              {keyElement}))
        return false;
    m_subj.sourceKeyArn = keyArn(*key);
    m_subj.sourceBucketKey = o.encryption == ObjectWrite::SseKms && m_src.bucketKey
                             && keyElement == m_src.defaultKey;
    // S3 cannot read the object's data without the key: reported as a source read failure.
    return permission(dr, "decrypt-source",
                      {m_ps.keyPolicy(key->id), ResourcePolicyKind::Authoritative,
                       accountIdOf(key->account), key->kind == KeyKind::AwsManaged},
                      {key->id, m_role->id, m_src.id});
}

// The destination bucket as S3 finds it.
bool ReplicationWalk::checkDestinationBucket(DestinationResult &dr)
{
    const Bucket &dst = *m_dst;
    if (!fact(dr, "destination-versioning", dst.versioning == Versioning::Enabled,
              "destination bucket versioning is "
                  + std::string(dst.versioning == Versioning::Enabled ? "enabled" : "not enabled"),
              {dst.id}))
        return false;
    if (m_src.objectLock
        && !fact(dr, "destination-object-lock", dst.objectLock,
                 dst.objectLock ? "Object Lock is enabled on both buckets"
                                : "the source has Object Lock, the destination does not",
                 {m_src.id, dst.id}))
        return false;
    if (m_obj.encryption == ObjectWrite::SseC
        && !fact(dr, "destination-sse-c", !dst.sseCBlocked,
                 dst.sseCBlocked ? "the destination bucket blocks SSE-C writes (403 AccessDenied)"
                                 : "the destination bucket accepts SSE-C",
                 {dst.id}))
        return false;
    return true;
}

// The replica's encryption: same type as the source; plaintext objects take the
// destination's default encryption. A KMS replica needs a usable key in the destination's
// Region.
bool ReplicationWalk::chooseReplicaEncryption(DestinationResult &dr)
{
    const ReplicationRule &rule = *m_rule;
    const Bucket &dst = *m_dst;
    m_replicaEncryption.clear();
    m_replicaKeyElement.clear();
    m_replicaKey = nullptr;
    m_generateDataKey = false;
    switch (m_obj.encryption) {
    case ObjectWrite::SseKms:
    case ObjectWrite::DsseKms:
        m_replicaEncryption = encryptionName(m_obj.encryption);
        m_replicaKeyElement = rule.replicaKey;
        break;
    case ObjectWrite::SseS3: m_replicaEncryption = "SSE-S3"; break;
    case ObjectWrite::SseC: m_replicaEncryption = "SSE-C"; break;
    case ObjectWrite::Unencrypted:
    case ObjectWrite::ClientSide:
        switch (dst.defaultEncryption) {
        case DefaultEncryption::SseS3: m_replicaEncryption = "SSE-S3"; break;
        case DefaultEncryption::SseKms:
            m_replicaEncryption = "SSE-KMS";
            m_replicaKeyElement = dst.defaultKey;
            m_generateDataKey = true;
            break;
        case DefaultEncryption::DsseKms:
            m_replicaEncryption = "DSSE-KMS";
            m_replicaKeyElement = dst.defaultKey;
            m_generateDataKey = true;
            break;
        }
        break;
    }
    const bool kmsReplica = isKmsReplica();
    if (kmsReplica) {
        m_replicaKey = m_replicaKeyElement.empty() ? nullptr : m_ix.key(m_replicaKeyElement);
        const KmsKey *replicaKey = m_replicaKey;
        std::string detail;
        std::string_view reason;
        bool ok = false;
        if (m_replicaKeyElement.empty())
            detail = m_generateDataKey ? "the destination's default encryption names no KMS key"
                                       : "rule " + rule.ruleId + " names no replica KMS key";
        else if (!replicaKey)
            detail = "the replica KMS key is not in the design";
        else if (replicaKey->region != dst.region)
            detail = "the replica key is in " + replicaKey->region + ", the destination in "
                     + dst.region + ": KMS finds no such key in the destination Region";
        else if (!replicaKey->symmetric) {
            detail = "the replica key is asymmetric; S3 supports only symmetric keys";
            reason = "DstKmsKeyInvalidState";
        } else if (replicaKey->state != KeyState::Enabled) {
            detail = "replica key " + (replicaKey->alias.empty() ? replicaKey->keyId
                                                                 : replicaKey->alias)
                     + keyStateDetail(*replicaKey);
            reason = "DstKmsKeyInvalidState";
        } else {
            ok = true;
            detail = "replica key " + (replicaKey->alias.empty() ? replicaKey->keyId
                                                                 : replicaKey->alias);
        }
        if (!fact(dr, "replica-key", ok, detail, {m_replicaKeyElement, rule.id}, reason))
            return false;
        m_subj.replicaKeyArn = keyArn(*replicaKey);
    }
    m_subj.replicaEncryptionHeader = sseHeader(m_replicaEncryption);
    m_subj.replicaBucketKey = steps::replicaUsesBucketKey(m_subj.sourceBucketKey, dst.bucketKey,
                                                          m_replicaEncryption == "SSE-KMS");
    return true;
}

bool ReplicationWalk::isKmsReplica() const
{
    return m_replicaEncryption == "SSE-KMS" || m_replicaEncryption == "DSSE-KMS";
}

// Write the replica (cross-account: the destination bucket policy must allow too).
bool ReplicationWalk::writeReplica(DestinationResult &dr)
{
    if (!permission(dr, "write-replica", m_dstTarget, {m_dst->id, m_role->id}))
        return false;
    // ReplicateObject covers tags; only an explicit deny of ReplicateTags drops them.
    if (!m_obj.tags.empty()) {
        permission(dr, "replicate-tags", m_dstTarget, {m_dst->id, m_role->id}, false);
        if (dr.steps.back().decision == Decision::ExplicitDeny)
            dr.replicaTags = false;
        else
            dr.steps.back().passed = true;
    }
    return true;
}

// Encrypt with the replica key (and Decrypt it when the replica uses a Bucket Key).
bool ReplicationWalk::encryptReplica(DestinationResult &dr)
{
    if (!isKmsReplica())
        return true;
    const KmsKey &key = *m_replicaKey;
    const Target keyTarget{m_ps.keyPolicy(key.id), ResourcePolicyKind::Authoritative,
                           accountIdOf(key.account), key.kind == KeyKind::AwsManaged};
    // Plaintext into a KMS-default bucket needs GenerateDataKey; KMS objects are
    // re-encrypted with kms:Encrypt (replication-config-for-kms-objects).
    if (!permission(dr, m_generateDataKey ? "generate-replica-data-key" : "encrypt-replica",
                    keyTarget, {key.id, m_role->id, m_dst->id}))
        return false;
    return !m_subj.replicaBucketKey
           || permission(dr, "decrypt-replica-key", keyTarget, {key.id, m_role->id, m_dst->id});
}

bool ReplicationWalk::overrideOwner(DestinationResult &dr)
{
    return !m_rule->ownerOverride
           || permission(dr, "owner-override", m_dstTarget, {m_dst->id, m_role->id});
}

// Object Lock: the retention and legal hold travel with the replica.
bool ReplicationWalk::readObjectLock(DestinationResult &dr)
{
    return !m_src.objectLock
           || (permission(dr, "read-retention", m_srcTarget, {m_src.id, m_role->id})
               && permission(dr, "read-legal-hold", m_srcTarget, {m_src.id, m_role->id}));
}

void ReplicationWalk::recordReplica(DestinationResult &dr) const
{
    const ReplicationRule &rule = *m_rule;
    dr.outcome = Outcome::Replicated;
    dr.replicaEncryption = m_replicaEncryption;
    dr.replicaKeyArn = m_replicaKey ? keyArn(*m_replicaKey) : std::string();
    const bool destinationOwns = rule.ownerOverride
                                 || m_dst->objectOwnership == ObjectOwnership::BucketOwnerEnforced;
    dr.replicaOwner = destinationOwns ? m_dstAccountId : m_srcAcct.accountId;
    dr.replicaStorageClass = rule.storageClass.empty() ? "STANDARD" : rule.storageClass;
    dr.replicaSummary = m_replicaEncryption
                        + (m_replicaKey ? " with " + dr.replicaKeyArn : std::string())
                        + ", owned by " + dr.replicaOwner + ", storage class "
                        + dr.replicaStorageClass
                        + (dr.replicaTags ? std::string() : ", without its tags");
}

} // namespace s3rd::model
