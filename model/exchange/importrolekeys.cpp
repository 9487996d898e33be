// The importer's readers of KMS key and IAM role outputs, and of policies (wrapped or bare)
// of buckets, keys and roles.
#include "exchange/importinternal.h"

namespace s3rd::model::exchange::importing {

void Importer::keyMetadata(const ojson &meta, const ImportSubject &s, const Origin &o,
                           const std::string &base)
{
    const Origin arnAt{o.input, base.empty() ? "Arn" : base + ".Arn"};
    if (!meta.is_object() || !meta.contains("Arn") || !meta["Arn"].is_string()) {
        problem(arnAt, "describe-key output needs the key \"Arn\"");
        return;
    }
    KeyInfo *k = keyFromArn(meta["Arn"].get<std::string>(), arnAt, s.account, s.region);
    if (!k)
        return;
    if (k->keyId.empty()) {
        problem(arnAt, "describe-key output must give the key ARN, not an alias ARN");
        return;
    }
    k->described = true;
    const bool aws = meta.value("KeyManager", std::string()) == "AWS";
    KeyKind kind = aws ? KeyKind::AwsManaged : KeyKind::CustomerManaged;
    if (meta.value("MultiRegion", false)) {
        const std::string type = meta.contains("MultiRegionConfiguration")
                                     ? meta["MultiRegionConfiguration"].value("MultiRegionKeyType",
                                                                              std::string())
                                     : std::string();
        kind = type == "REPLICA" ? KeyKind::MultiRegionReplica : KeyKind::MultiRegionPrimary;
    }
    firm(k->kind, kind, o, "the kind of key " + k->keyId, "set");
    const std::string spec = meta.value("KeySpec", meta.value("CustomerMasterKeySpec",
                                                              std::string("SYMMETRIC_DEFAULT")));
    firm(k->symmetric, spec == "SYMMETRIC_DEFAULT", o, "the key spec of key " + k->keyId, spec);
    if (aws && k->alias.empty()
        && meta.value("Description", std::string()).find("S3") != std::string::npos) {
        // The AWS managed key of S3 describes itself as "Default key that protects my S3
        // objects when no other key is defined".
        k->alias = "alias/aws/s3";
    }
    if (aws)
        weak(k->rotation, true, o); // AWS rotates AWS managed keys every year
    if (meta.contains("KeyState") && meta["KeyState"].is_string()) {
        // S3 can use only an Enabled key; a key being created, imported or updated, or whose
        // custom key store is unavailable, fails like a disabled one.
        // https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
        const std::string state = meta["KeyState"].get<std::string>();
        const KeyState value = state == "Enabled" ? KeyState::Enabled
                               : state == "PendingDeletion" || state == "PendingReplicaDeletion"
                                   ? KeyState::PendingDeletion
                                   : KeyState::Disabled;
        if (value == KeyState::Disabled && state != "Disabled")
            report.push_back("key " + k->keyId + ": KeyState " + state
                             + " recorded as disabled (S3 cannot use the key in that state)");
        firm(k->state, value, {o.input, base.empty() ? "KeyState" : base + ".KeyState"},
             "the state of key " + k->keyId, state);
    }
}

void Importer::role(const ojson &r, const Origin &o, const std::string &base)
{
    const Origin arnAt{o.input, base.empty() ? "Arn" : base + ".Arn"};
    if (!r.contains("Arn") || !r["Arn"].is_string()) {
        problem(arnAt, "get-role output needs the role \"Arn\"");
        return;
    }
    RoleInfo *role = roleFromArn(r["Arn"].get<std::string>(), arnAt);
    if (!role)
        return;
    const std::size_t index = std::size_t(role - m_roles.data());
    if (r.contains("AssumeRolePolicyDocument")) {
        auto p = policyText(r["AssumeRolePolicyDocument"],
                            {o.input, (base.empty() ? "" : base + ".") + "AssumeRolePolicyDocument"});
        if (!p)
            return;
        RoleInfo &target = m_roles[index];
        if (target.trust && target.trust->document != p->document) {
            problem(p->origin, "conflicting documents: the trust policy of role " + target.name
                                   + " differs from " + target.trust->origin.text());
            return;
        }
        target.trust = std::move(p);
    }
}

void Importer::rolePolicy(const ojson &doc, const ImportSubject &s, const Origin &o)
{
    RoleInfo *role = subjectRole(s, o, doc.value("RoleName", std::string()));
    if (!role)
        return;
    const std::size_t index = std::size_t(role - m_roles.data());
    auto p = policyText(doc["PolicyDocument"], {o.input, "PolicyDocument"});
    if (!p)
        return;
    p->policyName = doc.value("PolicyName", std::string());
    RoleInfo &target = m_roles[index];
    if (target.permissions) {
        if (target.permissions->document == p->document)
            return;
        problem(o, "role " + target.name + " has a second inline policy \"" + p->policyName
                       + "\" besides \"" + target.permissions->policyName + "\" ("
                       + target.permissions->origin.text()
                       + "); a design holds one permissions policy per role: import the one "
                         "replication uses");
        return;
    }
    target.permissions = std::move(p);
}

void Importer::keyPolicy(PolicyText p, const ImportSubject &s, const Origin &o)
{
    KeyInfo *k = subjectKey(s, o);
    if (!k)
        return;
    if (k->policy && k->policy->document != p.document) {
        problem(o, "conflicting documents: a second key policy for the same key ("
                       + k->policy->origin.text() + ")");
        return;
    }
    k->policy = std::move(p);
}

void Importer::bucketPolicy(PolicyText p, const ImportSubject &s, const Origin &o)
{
    BucketInfo *b = subjectBucket(s, o, "bucket policy");
    if (!b)
        return;
    if (b->policy && b->policy->document != p.document) {
        problem(o, "conflicting documents: a second bucket policy for bucket " + b->name + " ("
                       + b->policy->origin.text() + ")");
        return;
    }
    b->policy = std::move(p);
}

void Importer::wrappedPolicy(const ojson &doc, const ImportSubject &s, const Origin &o)
{
    auto p = policyText(doc["Policy"], {o.input, "Policy"});
    if (!p)
        return;
    // get-key-policy names its PolicyName ("default"); get-bucket-policy does not.
    const bool isKeyPolicy = doc.contains("PolicyName") || (!s.key.empty() && s.bucket.empty());
    if (isKeyPolicy)
        keyPolicy(std::move(*p), s, o);
    else
        bucketPolicy(std::move(*p), s, o);
}

void Importer::barePolicy(const ojson &doc, const std::string &text, const ImportSubject &s,
                          const Origin &o)
{
    auto p = policyText(doc, o);
    if (!p)
        return;
    p->text = text; // verbatim, exactly as the file holds it
    if (!s.bucket.empty()) {
        bucketPolicy(std::move(*p), s, o);
        return;
    }
    if (!s.key.empty()) {
        keyPolicy(std::move(*p), s, o);
        return;
    }
    if (!s.role.empty()) {
        RoleInfo *role = subjectRole(s, o, "");
        if (!role)
            return;
        // A trust policy lets a principal assume the role; a permissions policy has no Principal.
        bool trust = false;
        const ojson statements =
            doc["Statement"].is_array() ? doc["Statement"] : ojson::array({doc["Statement"]});
        for (const auto &st : statements)
            trust = trust || (st.is_object() && st.contains("Principal"));
        auto &slot = trust ? role->trust : role->permissions;
        if (slot && slot->document != p->document) {
            problem(o, std::string("conflicting documents: a second ")
                           + (trust ? "trust" : "permissions") + " policy for role " + role->name
                           + " (" + slot->origin.text() + ")");
            return;
        }
        slot = std::move(p);
        return;
    }
    problem(o, "a bare policy document does not say what it belongs to: put --bucket NAME, "
               "--key ARN or --role NAME before it");
}

} // namespace s3rd::model::exchange::importing
