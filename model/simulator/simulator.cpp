#include "simulator.h"

#include "core/arn.h"
#include "simulator/replicationsteps.h"

#include <algorithm>

namespace s3rd::model {

std::string_view outcomeName(Outcome o)
{
    switch (o) {
    case Outcome::Replicated: return "replicated";
    case Outcome::NotReplicated: return "not-replicated";
    case Outcome::Failed: return "failed";
    }
    return "failed";
}

ObjectWrite defaultWrite(const Bucket &b)
{
    switch (b.defaultEncryption) {
    case DefaultEncryption::SseS3: return ObjectWrite::SseS3;
    case DefaultEncryption::SseKms: return ObjectWrite::SseKms;
    case DefaultEncryption::DsseKms: return ObjectWrite::DsseKms;
    }
    return ObjectWrite::SseS3;
}

// PolicySet is in policyset.cpp.

namespace {

bool isKms(ObjectWrite w)
{
    return w == ObjectWrite::SseKms || w == ObjectWrite::DsseKms;
}

bool tagsMatch(const std::vector<Tag> &filter, const std::vector<Tag> &tags)
{
    for (const Tag &f : filter) {
        if (std::find(tags.begin(), tags.end(), f) == tags.end())
            return false;
    }
    return true;
}

// Why a rule does not apply to the object; empty when it does.
std::string ruleMismatch(const ReplicationRule &r, const TestObject &o)
{
    if (!r.enabled)
        return "rule " + r.ruleId + " is disabled";
    if (!o.key.starts_with(r.filterPrefix))
        return "rule " + r.ruleId + ": key does not start with prefix '" + r.filterPrefix + "'";
    if (!tagsMatch(r.filterTags, o.deleteMarker ? std::vector<Tag>{} : o.tags))
        return "rule " + r.ruleId + ": the object does not carry the rule's tags";
    return {};
}

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

// One destination's walk. Each check either passes or ends the walk with S3's reason.
class Walk
{
public:
    Walk(const PolicySet &ps, const TestObject &obj, const Bucket &src, const Account &srcAcct,
         SimulationResult &result)
        : m_ps(ps)
        , m_ix(ps.index())
        , m_obj(obj)
        , m_src(src)
        , m_srcAcct(srcAcct)
        , m_part(srcAcct.partition)
        , m_result(result)
    {
    }

    void run(const ReplicationRule &rule, DestinationResult &dr);

private:
    struct Target
    {
        const CompiledPolicy *resource = nullptr;
        ResourcePolicyKind kind = ResourcePolicyKind::Shared;
        std::string account;
        // RCPs "do not apply to AWS managed keys" (kms/latest/developerguide/
        // resource-control-policies.html).
        bool rcpExempt = false;
    };

    // A permission check: the request and the failure reason are the table's row for the
    // check (replicationsteps.h), resolved against m_subj. Returns whether it passed; on
    // failure of a fatal check the destination result is marked failed with the reason.
    bool permission(DestinationResult &dr, std::string_view check, const Target &target,
                    std::vector<std::string> elements, bool fatal = true);
    // The same with a request other than the row's (another action for the same step).
    bool permission(DestinationResult &dr, std::string_view check, Request req,
                    const Target &target, std::vector<std::string> elements, bool fatal);
    // A check that is not a permission: what was looked at, and whether it holds. The reason
    // is the row's unless given.
    bool fact(DestinationResult &dr, std::string_view check, bool ok, std::string detail,
              std::vector<std::string> elements, std::string_view reason = {});
    void notReplicated(DestinationResult &dr, std::string check, std::string reason,
                       std::string detail);

    std::string keyArn(const KmsKey &k) const;
    std::string accountIdOf(const std::string &accountElement) const;

    const PolicySet &m_ps;
    const DesignIndex &m_ix;
    const TestObject &m_obj;
    const Bucket &m_src;
    const Account &m_srcAcct;
    Partition m_part;
    SimulationResult &m_result;

    const Role *m_role = nullptr;
    std::string m_roleArn;
    std::string m_roleAccount;
    std::vector<const CompiledPolicy *> m_identity;
    steps::Subjects m_subj; // what the table's rows resolve to for this walk
    EvaluationResult m_eval;
};

std::string Walk::accountIdOf(const std::string &accountElement) const
{
    const Account *a = m_ix.account(accountElement);
    return a ? a->accountId : std::string();
}

std::string Walk::keyArn(const KmsKey &k) const
{
    return arn::key(m_part, k.region, accountIdOf(k.account), k.keyId);
}

bool Walk::permission(DestinationResult &dr, std::string_view check, const Target &target,
                      std::vector<std::string> elements, bool fatal)
{
    return permission(dr, check, steps::request(check, m_subj), target, std::move(elements),
                      fatal);
}

bool Walk::permission(DestinationResult &dr, std::string_view check, Request req,
                      const Target &target, std::vector<std::string> elements, bool fatal)
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

bool Walk::fact(DestinationResult &dr, std::string_view check, bool ok, std::string detail,
                std::vector<std::string> elements, std::string_view reason)
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

void Walk::notReplicated(DestinationResult &dr, std::string check, std::string reason,
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

void Walk::run(const ReplicationRule &rule, DestinationResult &dr)
{
    const TestObject &o = m_obj;
    const Bucket *dst = m_ix.bucket(rule.destination);

    // What S3 never replicates, whatever the permissions.
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-what-is-isnot-replicated.html
    if (o.versionDelete)
        return notReplicated(dr, "version-delete", "version-deletes-not-replicated",
                             "a delete of a specific version is never replicated");
    if (o.isReplica)
        return notReplicated(dr, "replica", "replicas-not-replicated",
                             "the object is itself a replica; live replication does not "
                             "replicate replicas (use Batch Replication)");
    if (o.deleteMarker && (!rule.deleteMarkerReplication || !rule.filterTags.empty()))
        return notReplicated(dr, "delete-marker", "delete-marker-replication-off",
                             rule.filterTags.empty()
                                 ? "delete marker replication is off for rule " + rule.ruleId
                                 : "tag-based rules never replicate delete markers");
    if (!o.deleteMarker && isKms(o.encryption) && !rule.replicateKmsObjects)
        return notReplicated(dr, "kms-opt-in", "kms-objects-not-selected",
                             "rule " + rule.ruleId + " does not select " + encryptionName(o.encryption)
                                 + " objects (SseKmsEncryptedObjects)");

    // What the table's rows resolve to; filled in as the walk learns it.
    m_subj = steps::Subjects();
    m_subj.partition = m_part;
    m_subj.sourceAccountId = m_srcAcct.accountId;
    m_subj.sourceBucket = m_src.name;
    m_subj.sourceRegion = m_src.region;
    m_subj.objectKey = o.key;
    if (!o.deleteMarker)
        m_subj.objectTags = o.tags;

    // S3 refuses a replication configuration on a bucket without versioning.
    if (!fact(dr, "source-versioning", m_src.versioning == Versioning::Enabled,
              m_src.versioning == Versioning::Enabled ? "source bucket versioning is enabled"
                                                      : "source bucket versioning is not enabled",
              {m_src.id}))
        return;
    if (!fact(dr, "destination-exists", dst != nullptr,
              dst ? "destination bucket " + dst->name + " exists"
                  : "the rule's destination bucket is not in the design",
              {rule.destination}))
        return;
    const Account *dstAcct = m_ix.accountOf(*dst);
    const std::string dstAccountId = dstAcct ? dstAcct->accountId : std::string();
    dr.bucketArn = arn::bucket(m_part, dst->name);
    m_subj.destinationBucket = dst->name;
    m_subj.destinationRegion = dst->region;

    // Assume the role, as the S3 service principal.
    m_role = rule.role.empty() ? nullptr : m_ix.role(rule.role);
    if (!m_role)
        return void(fact(dr, "assume-role", false,
                         rule.role.empty() ? "the rule has no IAM role"
                                           : "the rule's role is not in the design",
                         {rule.id}));
    m_roleAccount = accountIdOf(m_role->account);
    m_roleArn = arn::role(m_part, m_roleAccount, m_role->path, m_role->name);
    m_subj.roleArn = m_roleArn;
    m_subj.roleAccountId = m_roleAccount;
    m_identity.clear();
    if (const CompiledPolicy *p = m_ps.permissionsPolicy(m_role->id))
        m_identity.push_back(p);
    for (const CompiledPolicy *p : m_ps.managedPolicies(m_role->id))
        m_identity.push_back(p);
    if (!permission(dr, "assume-role",
                    {m_ps.trustPolicy(m_role->id), ResourcePolicyKind::Authoritative,
                     m_roleAccount},
                    {m_role->id, rule.id}))
        return;
    const Target srcTarget{m_ps.bucketPolicy(m_src.id), ResourcePolicyKind::Shared,
                           m_srcAcct.accountId};
    const Target dstTarget{m_ps.bucketPolicy(dst->id), ResourcePolicyKind::Shared, dstAccountId};

    // Read the source bucket's replication configuration, and list it (delete markers).
    if (!permission(dr, "read-replication-configuration", srcTarget, {m_src.id, m_role->id}))
        return;
    if (!permission(dr, "list-source-bucket", srcTarget, {m_src.id, m_role->id}))
        return;

    if (o.deleteMarker) {
        if (!fact(dr, "destination-versioning", dst->versioning == Versioning::Enabled,
                  "destination bucket versioning is "
                      + std::string(dst->versioning == Versioning::Enabled ? "enabled"
                                                                           : "not enabled"),
                  {dst->id}))
            return;
        if (!permission(dr, "replicate-delete", dstTarget, {dst->id, m_role->id}))
            return;
        dr.outcome = Outcome::Replicated;
        dr.replicaOwner = dstAccountId;
        dr.replicaSummary = "delete marker added to " + dst->name;
        return;
    }

    // Read the source object version, its ACL and its tags.
    {
        const bool ok = permission(dr, "read-source", srcTarget, {m_src.id, m_role->id},
                                   isKms(o.encryption));
        if (!ok && !isKms(o.encryption)) {
            // s3:GetObjectVersion also lets S3 replicate unencrypted and SSE-S3 objects, but
            // not KMS-encrypted ones (reference §2.4).
            dr.steps.back().fatal = false;
            Request alt = steps::request("read-source", m_subj);
            alt.action = "s3:GetObjectVersion";
            if (dr.steps.back().decision == Decision::ExplicitDeny
                || !permission(dr, "read-source", std::move(alt), srcTarget,
                               {m_src.id, m_role->id}, true)) {
                dr.steps.back().fatal = true;
                dr.outcome = Outcome::Failed;
                dr.reason = std::string(steps::step("read-source").failureReason);
                return;
            }
        } else if (!ok) {
            return;
        }
    }
    if (!permission(dr, "read-source-acl", srcTarget, {m_src.id, m_role->id}))
        return;
    if (!o.tags.empty()
        && !permission(dr, "read-source-tags", srcTarget, {m_src.id, m_role->id}, false)) {
        // "If Amazon S3 doesn't have the s3:GetObjectVersionTagging permission, it replicates
        // the objects, but not the object tags." (setting-repl-config-perm-overview)
        dr.replicaTags = false;
    }

    // Decrypt with the source key.
    if (isKms(o.encryption)) {
        const std::string keyElement = o.kmsKey.empty() ? m_src.defaultKey : o.kmsKey;
        const KmsKey *key = keyElement.empty() ? nullptr : m_ix.key(keyElement);
        if (!fact(dr, "source-key", key != nullptr && key->state == KeyState::Enabled,
                  !key ? "the object's KMS key is not in the design"
                       : "source key " + (key->alias.empty() ? key->keyId : key->alias)
                             + keyStateDetail(*key),
                  {keyElement}))
            return;
        m_subj.sourceKeyArn = keyArn(*key);
        m_subj.sourceBucketKey = o.encryption == ObjectWrite::SseKms && m_src.bucketKey
                                 && keyElement == m_src.defaultKey;
        // S3 cannot read the object's data without the key: reported as a source read failure.
        if (!permission(dr, "decrypt-source",
                        {m_ps.keyPolicy(key->id), ResourcePolicyKind::Authoritative,
                         accountIdOf(key->account), key->kind == KeyKind::AwsManaged},
                        {key->id, m_role->id, m_src.id}))
            return;
    }

    // The destination bucket as S3 finds it.
    if (!fact(dr, "destination-versioning", dst->versioning == Versioning::Enabled,
              "destination bucket versioning is "
                  + std::string(dst->versioning == Versioning::Enabled ? "enabled" : "not enabled"),
              {dst->id}))
        return;
    if (m_src.objectLock
        && !fact(dr, "destination-object-lock", dst->objectLock,
                 dst->objectLock ? "Object Lock is enabled on both buckets"
                                 : "the source has Object Lock, the destination does not",
                 {m_src.id, dst->id}))
        return;
    if (o.encryption == ObjectWrite::SseC
        && !fact(dr, "destination-sse-c", !dst->sseCBlocked,
                 dst->sseCBlocked ? "the destination bucket blocks SSE-C writes (403 AccessDenied)"
                                  : "the destination bucket accepts SSE-C",
                 {dst->id}))
        return;

    // The replica's encryption: same type as the source; plaintext objects take the
    // destination's default encryption.
    std::string replicaEncryption;
    const KmsKey *replicaKey = nullptr;
    std::string replicaKeyElement;
    bool generateDataKey = false;
    switch (o.encryption) {
    case ObjectWrite::SseKms:
    case ObjectWrite::DsseKms:
        replicaEncryption = encryptionName(o.encryption);
        replicaKeyElement = rule.replicaKey;
        break;
    case ObjectWrite::SseS3: replicaEncryption = "SSE-S3"; break;
    case ObjectWrite::SseC: replicaEncryption = "SSE-C"; break;
    case ObjectWrite::Unencrypted:
    case ObjectWrite::ClientSide:
        switch (dst->defaultEncryption) {
        case DefaultEncryption::SseS3: replicaEncryption = "SSE-S3"; break;
        case DefaultEncryption::SseKms:
            replicaEncryption = "SSE-KMS";
            replicaKeyElement = dst->defaultKey;
            generateDataKey = true;
            break;
        case DefaultEncryption::DsseKms:
            replicaEncryption = "DSSE-KMS";
            replicaKeyElement = dst->defaultKey;
            generateDataKey = true;
            break;
        }
        break;
    }
    const bool kmsReplica = replicaEncryption == "SSE-KMS" || replicaEncryption == "DSSE-KMS";
    if (kmsReplica) {
        replicaKey = replicaKeyElement.empty() ? nullptr : m_ix.key(replicaKeyElement);
        std::string detail;
        std::string_view reason;
        bool ok = false;
        if (replicaKeyElement.empty())
            detail = generateDataKey ? "the destination's default encryption names no KMS key"
                                     : "rule " + rule.ruleId + " names no replica KMS key";
        else if (!replicaKey)
            detail = "the replica KMS key is not in the design";
        else if (replicaKey->region != dst->region)
            detail = "the replica key is in " + replicaKey->region + ", the destination in "
                     + dst->region + ": KMS finds no such key in the destination Region";
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
        if (!fact(dr, "replica-key", ok, detail, {replicaKeyElement, rule.id}, reason))
            return;
        m_subj.replicaKeyArn = keyArn(*replicaKey);
    }
    m_subj.replicaEncryptionHeader = sseHeader(replicaEncryption);
    m_subj.replicaBucketKey = steps::replicaUsesBucketKey(m_subj.sourceBucketKey, dst->bucketKey,
                                                          replicaEncryption == "SSE-KMS");

    // Write the replica (cross-account: the destination bucket policy must allow too).
    if (!permission(dr, "write-replica", dstTarget, {dst->id, m_role->id}))
        return;
    // ReplicateObject covers tags; only an explicit deny of ReplicateTags drops them.
    if (!o.tags.empty()) {
        permission(dr, "replicate-tags", dstTarget, {dst->id, m_role->id}, false);
        if (dr.steps.back().decision == Decision::ExplicitDeny)
            dr.replicaTags = false;
        else
            dr.steps.back().passed = true;
    }

    // Encrypt with the replica key (and Decrypt it when the replica uses a Bucket Key).
    if (kmsReplica) {
        const Target keyTarget{m_ps.keyPolicy(replicaKey->id), ResourcePolicyKind::Authoritative,
                               accountIdOf(replicaKey->account),
                               replicaKey->kind == KeyKind::AwsManaged};
        // Plaintext into a KMS-default bucket needs GenerateDataKey; KMS objects are
        // re-encrypted with kms:Encrypt (replication-config-for-kms-objects).
        if (!permission(dr, generateDataKey ? "generate-replica-data-key" : "encrypt-replica",
                        keyTarget, {replicaKey->id, m_role->id, dst->id}))
            return;
        if (m_subj.replicaBucketKey
            && !permission(dr, "decrypt-replica-key", keyTarget,
                           {replicaKey->id, m_role->id, dst->id}))
            return;
    }

    // Owner override.
    if (rule.ownerOverride
        && !permission(dr, "owner-override", dstTarget, {dst->id, m_role->id}))
        return;

    // Object Lock: the retention and legal hold travel with the replica.
    if (m_src.objectLock) {
        if (!permission(dr, "read-retention", srcTarget, {m_src.id, m_role->id}))
            return;
        if (!permission(dr, "read-legal-hold", srcTarget, {m_src.id, m_role->id}))
            return;
    }

    dr.outcome = Outcome::Replicated;
    dr.replicaEncryption = replicaEncryption;
    dr.replicaKeyArn = replicaKey ? keyArn(*replicaKey) : std::string();
    const bool destinationOwns = rule.ownerOverride
                                 || dst->objectOwnership == ObjectOwnership::BucketOwnerEnforced;
    dr.replicaOwner = destinationOwns ? dstAccountId : m_srcAcct.accountId;
    dr.replicaStorageClass = rule.storageClass.empty() ? "STANDARD" : rule.storageClass;
    dr.replicaSummary = replicaEncryption
                        + (replicaKey ? " with " + dr.replicaKeyArn : std::string())
                        + ", owned by " + dr.replicaOwner + ", storage class "
                        + dr.replicaStorageClass
                        + (dr.replicaTags ? std::string() : ", without its tags");
}

} // namespace

SimulationResult simulate(const PolicySet &policies, const TestObject &object)
{
    SimulationResult result;
    const DesignIndex &ix = policies.index();
    const Bucket *src = ix.bucket(object.bucket);
    if (!src) {
        result.problems.push_back("no bucket with element id '" + object.bucket + "'");
        return result;
    }
    const Account *srcAcct = ix.accountOf(*src);
    if (!srcAcct) {
        result.problems.push_back("bucket " + src->name + " belongs to no account");
        return result;
    }
    if (isKms(object.encryption) && !object.kmsKey.empty() && !ix.key(object.kmsKey))
        result.problems.push_back("no KMS key with element id '" + object.kmsKey + "'");
    if (object.key.empty())
        result.problems.push_back("the object key is empty");
    if (!result.problems.empty())
        return result;

    // One result per destination, in the order the destinations first appear.
    const auto &rules = ix.rulesFrom(src->id);
    std::vector<std::string> destinations;
    for (const ReplicationRule *r : rules) {
        if (std::find(destinations.begin(), destinations.end(), r->destination)
            == destinations.end())
            destinations.push_back(r->destination);
    }
    Walk walk(policies, object, *src, *srcAcct, result);
    for (const std::string &destination : destinations) {
        DestinationResult dr;
        dr.destination = destination;
        if (const Bucket *dst = ix.bucket(destination))
            dr.bucketArn = arn::bucket(srcAcct->partition, dst->name);
        // The highest priority wins among rules to the same destination (BOTO Priority).
        const ReplicationRule *winner = nullptr;
        std::vector<std::string> why;
        for (const ReplicationRule *r : rules) {
            if (r->destination != destination)
                continue;
            std::string mismatch = ruleMismatch(*r, object);
            if (!mismatch.empty())
                why.push_back(std::move(mismatch));
            else if (!winner || r->priority > winner->priority)
                winner = r;
        }
        SimulationStep match;
        match.check = "match-rule";
        if (!winner) {
            dr.matched = false;
            dr.outcome = Outcome::NotReplicated;
            dr.reason = "not-matched";
            match.decision = Decision::ImplicitDeny;
            match.passed = false;
            for (const std::string &w : why)
                match.detail += (match.detail.empty() ? "" : "; ") + w;
            dr.steps.push_back(std::move(match));
            result.destinations.push_back(std::move(dr));
            continue;
        }
        dr.rule = winner->id;
        dr.ruleId = winner->ruleId;
        match.detail = "rule " + winner->ruleId + " (priority " + std::to_string(winner->priority)
                       + ") applies";
        match.elements = {winner->id, src->id, destination};
        dr.steps.push_back(std::move(match));
        walk.run(*winner, dr);
        result.destinations.push_back(std::move(dr));
    }
    return result;
}

SimulationResult simulate(const Design &design, const std::vector<Artifact> &artifacts,
                          const TestObject &object)
{
    const PolicySet policies(design, artifacts);
    return simulate(policies, object);
}

std::string parseObjectEncryption(const Design &design, std::string_view text, TestObject &object)
{
    std::string_view kind = text;
    std::string_view key;
    if (const auto colon = text.find(':'); colon != std::string_view::npos) {
        kind = text.substr(0, colon);
        key = text.substr(colon + 1);
    }
    static const std::pair<std::string_view, ObjectWrite> kKinds[] = {
        {"none", ObjectWrite::Unencrypted}, {"sse-s3", ObjectWrite::SseS3},
        {"sse-kms", ObjectWrite::SseKms},   {"dsse-kms", ObjectWrite::DsseKms},
        {"sse-c", ObjectWrite::SseC},       {"client-side", ObjectWrite::ClientSide},
    };
    const auto it = std::find_if(std::begin(kKinds), std::end(kKinds),
                                 [&](const auto &k) { return k.first == kind; });
    if (it == std::end(kKinds))
        return "unknown encryption '" + std::string(kind)
               + "' (expected none, sse-s3, sse-kms:KEY, dsse-kms:KEY, sse-c or client-side)";
    object.encryption = it->second;
    object.kmsKey.clear();
    if (key.empty())
        return {};
    if (!isKms(it->second))
        return "only sse-kms and dsse-kms take a key";
    for (const KmsKey &k : design.keys) {
        std::string aliasName = k.alias.starts_with("alias/") ? k.alias.substr(6) : k.alias;
        if (k.id == key || k.keyId == key || (!k.alias.empty() && (k.alias == key || aliasName == key))
            || key.ends_with(":key/" + k.keyId) || (!k.alias.empty() && key.ends_with(":" + k.alias))) {
            object.kmsKey = k.id;
            return {};
        }
    }
    return "no KMS key '" + std::string(key) + "' in the design (give its element id, key id or alias)";
}

} // namespace s3rd::model
