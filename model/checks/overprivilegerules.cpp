// custom-policy-over-privileged: a custom role permissions policy, key policy or bucket policy
// that grants the replication role more than the generated least-privilege policy does.
//
// Decided by evaluation, not by reading the text: the same requests (the actions replication
// uses and actions it never needs, on the design's buckets and keys and on others) are
// evaluated against the custom policy and against the policy the generator writes for the same
// element; whatever the custom one allows and the generated one does not is the excess.

#include "checks/checkcontext.h"
#include "core/arn.h"
#include "simulator/evaluator.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_map>

namespace s3rd::model::checks {

namespace {

// Object-level actions: what replication needs on either side, and what it never needs.
const char *const kObjectActions[] = {
    "s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging",
    "s3:GetObjectRetention", "s3:GetObjectLegalHold", "s3:ReplicateObject", "s3:ReplicateDelete",
    "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner", "s3:GetObject", "s3:PutObject",
    "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectAcl", "s3:PutObjectRetention",
    "s3:BypassGovernanceRetention",
};
const char *const kBucketActions[] = {
    "s3:ListBucket", "s3:GetReplicationConfiguration", "s3:GetBucketVersioning",
    "s3:PutBucketVersioning", "s3:PutReplicationConfiguration", "s3:PutBucketPolicy",
    "s3:DeleteBucketPolicy", "s3:PutBucketAcl", "s3:PutLifecycleConfiguration", "s3:DeleteBucket",
};
const char *const kKeyActions[] = {
    "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:CreateGrant",
    "kms:PutKeyPolicy", "kms:DisableKey", "kms:ScheduleKeyDeletion",
};
const char *const kIamActions[] = {"iam:PassRole", "iam:CreateRole", "sts:AssumeRole"};

constexpr std::string_view kProbeObject = "replication-probe-object";

struct Probe
{
    Request request;
    std::string shown; // "s3:DeleteObject on src-data-us/*"
};

// The policy generated for each element, had the design no custom policies at all.
class GeneratedPolicies
{
public:
    explicit GeneratedPolicies(const Design &design)
    {
        Design plain = design;
        for (Role &r : plain.roles)
            r.customPermissionsPolicy.reset();
        for (KmsKey &k : plain.keys)
            k.customKeyPolicy.reset();
        for (Bucket &b : plain.buckets)
            b.customBucketPolicy.reset();
        for (const Artifact &a : generateArtifacts(plain)) {
            if (a.kind == ArtifactKind::RolePermissionsPolicy || a.kind == ArtifactKind::KeyPolicy ||
                a.kind == ArtifactKind::BucketPolicy)
                m_policies.emplace(keyOf(a.kind, a.element),
                                   std::make_unique<CompiledPolicy>(
                                       CompiledPolicy::compile(a.path, a.document())));
        }
    }

    const CompiledPolicy *find(ArtifactKind kind, const std::string &element) const
    {
        const auto it = m_policies.find(keyOf(kind, element));
        return it == m_policies.end() ? nullptr : it->second.get();
    }

private:
    static std::string keyOf(ArtifactKind kind, const std::string &element)
    {
        return std::to_string(int(kind)) + "/" + element;
    }
    std::unordered_map<std::string, std::unique_ptr<CompiledPolicy>> m_policies;
};

// Adds what one role may do beyond replication's needs to a finding: each access once, and the
// role among the finding's elements.
void mergeExcess(std::vector<std::string> excessOfRole, const Role &role,
                 std::vector<std::string> &found, std::vector<std::string> &elements)
{
    for (std::string &e : excessOfRole) {
        if (std::find(found.begin(), found.end(), e) == found.end())
            found.push_back(std::move(e));
        if (std::find(elements.begin(), elements.end(), role.id) == elements.end())
            elements.push_back(role.id);
    }
}

class Prober
{
public:
    explicit Prober(const CheckContext &ctx) : m_ctx(ctx), m_generated(ctx.design) {}

    void role(const Role &role, std::vector<Finding> &out);
    void bucket(const Bucket &bucket, std::vector<Finding> &out);
    void key(const KmsKey &key, std::vector<Finding> &out);

private:
    Partition partitionOf(const std::string &accountElement) const
    {
        return m_ctx.partitionOf(accountElement);
    }
    std::string roleArn(const Role &r) const
    {
        return arn::role(partitionOf(r.account), m_ctx.accountIdOf(r.account), r.path, r.name);
    }
    Request request(const Role &role, std::string action, std::string resource) const
    {
        Request r;
        r.principal = roleArn(role);
        r.action = std::move(action);
        r.resource = std::move(resource);
        r.context["aws:PrincipalArn"] = {r.principal};
        r.context["aws:PrincipalAccount"] = {std::string(m_ctx.accountIdOf(role.account))};
        r.context["aws:PrincipalType"] = {"AssumedRole"};
        return r;
    }
    void bucketProbes(const Role &role, const Bucket &b, std::vector<Probe> &out) const;
    void keyProbes(const Role &role, const KmsKey &k, std::vector<Probe> &out) const;
    // The requests `custom` allows and `generated` (may be null) does not, as shown names.
    std::vector<std::string> excess(const CompiledPolicy &custom, const CompiledPolicy *generated,
                                    bool identity, const std::vector<Probe> &probes,
                                    std::string_view account) const;
    // Roles of the enabled rules that touch a bucket or use a key, once each.
    std::vector<const Role *> rolesFor(const std::vector<const ReplicationRule *> &rules) const;
    void report(std::vector<Finding> &out, std::vector<std::string> elements,
                const std::string &what, const std::vector<std::string> &excess, Fix fix) const;
    // A custom bucket or key policy: what it allows the roles of `rules` beyond the generated
    // policy, probed with the requests `probesFor` gives; reported as "<what> allows ...".
    template <typename T>
    void resourcePolicy(const T &element, std::optional<CustomPolicy> T::*custom, ArtifactKind kind,
                        const std::vector<const ReplicationRule *> &rules,
                        void (Prober::*probesFor)(const Role &, const T &, std::vector<Probe> &)
                            const,
                        const std::string &what, std::string fixLabel, std::string noun,
                        std::vector<Finding> &out);

    const CheckContext &m_ctx;
    GeneratedPolicies m_generated;
};

void Prober::bucketProbes(const Role &role, const Bucket &b, std::vector<Probe> &out) const
{
    const Partition p = partitionOf(b.account);
    for (const char *action : kObjectActions)
        out.push_back({request(role, action, arn::object(p, b.name, kProbeObject)),
                       std::string(action) + " on " + b.name + "/*"});
    for (const char *action : kBucketActions)
        out.push_back({request(role, action, arn::bucket(p, b.name)),
                       std::string(action) + " on " + b.name});
}

void Prober::keyProbes(const Role &role, const KmsKey &k, std::vector<Probe> &out) const
{
    const Partition p = partitionOf(k.account);
    // Requests as S3 makes them for the first bucket the key protects, so conditions on the
    // service and the encryption context hold where replication needs them to.
    const KeyUse &use = m_ctx.keyUse(k.id);
    const Bucket *protectedBucket = !use.defaultFor.empty() ? use.defaultFor.front()
                                    : !use.replicaIn.empty() ? m_ctx.resolved(*use.replicaIn.front()).dst
                                                             : nullptr;
    const std::string name = !k.alias.empty() ? k.alias : !k.keyId.empty() ? k.keyId : k.id;
    for (const char *action : kKeyActions) {
        Request r = request(role, action, arn::key(p, k.region, m_ctx.accountIdOf(k.account), k.keyId));
        if (protectedBucket) {
            r.context["kms:ViaService"] = {arn::s3ViaService(k.region)};
            r.context["kms:EncryptionContext:aws:s3:arn"] = {
                arn::object(p, protectedBucket->name, kProbeObject)};
            r.context["kms:EncryptionContextKeys"] = {"aws:s3:arn"};
        }
        r.context["kms:CallerAccount"] = {std::string(m_ctx.accountIdOf(role.account))};
        out.push_back({std::move(r), std::string(action) + " on " + name});
    }
}

std::vector<std::string> Prober::excess(const CompiledPolicy &custom,
                                        const CompiledPolicy *generated, bool identity,
                                        const std::vector<Probe> &probes,
                                        std::string_view account) const
{
    // The principal's own account as the resource's: a direct grant decides, and a resource
    // policy naming only the account root (delegating to IAM) grants the role nothing itself.
    auto grants = [&](const CompiledPolicy &policy, const Request &request) {
        const CompiledPolicy *list[] = {&policy};
        PolicyContext pc;
        if (identity)
            pc.identity = list;
        else
            pc.resource = &policy;
        pc.resourceKind = ResourcePolicyKind::Shared;
        pc.resourceAccount = account;
        return evaluate(request, pc).decision == Decision::Allowed;
    };
    std::vector<std::string> out;
    for (const Probe &probe : probes) {
        if (grants(custom, probe.request) && !(generated && grants(*generated, probe.request)))
            out.push_back(probe.shown);
    }
    return out;
}

std::vector<const Role *> Prober::rolesFor(const std::vector<const ReplicationRule *> &rules) const
{
    std::vector<const Role *> roles;
    for (const ReplicationRule *r : rules) {
        const Role *role = m_ctx.resolved(*r).role;
        if (r->enabled && role && std::find(roles.begin(), roles.end(), role) == roles.end())
            roles.push_back(role);
    }
    return roles;
}

void Prober::report(std::vector<Finding> &out, std::vector<std::string> elements,
                    const std::string &what, const std::vector<std::string> &excess,
                    Fix fix) const
{
    Finding &f = addFinding(
        out, std::move(elements),
        what + " grants the replication role more than replication needs: " + joinNames(excess, 4));
    f.fix = std::move(fix);
}

// Replaces a custom policy by the generated one, keeping the custom text in the note.
template<typename T>
Fix replaceWithGenerated(const T &element, std::optional<CustomPolicy> T::*member,
                         std::string label, std::string what)
{
    return {std::move(label), [id = element.id, member, what](Design &d) {
                T *x = findById(elementsOf<T>(d), id);
                if (!x || !(x->*member))
                    return;
                const CustomPolicy &old = *(x->*member);
                if (!x->note.empty())
                    x->note += "\n\n";
                x->note += "Custom " + what +
                           (old.name.empty() ? std::string() : " \"" + old.name + "\"") +
                           " replaced by the generated least-privilege policy. It was:\n" +
                           old.document;
                (x->*member).reset();
            }};
}

void Prober::role(const Role &role, std::vector<Finding> &out)
{
    if (!role.customPermissionsPolicy || !m_ctx.index.account(role.account))
        return;
    const CompiledPolicy custom =
        CompiledPolicy::compileText("custom", role.customPermissionsPolicy->document);
    if (!custom.problems().empty())
        return; // custom-policy-invalid's finding
    std::vector<Probe> probes;
    for (const Bucket &b : m_ctx.design.buckets)
        bucketProbes(role, b, probes);
    Bucket other;
    other.name = "another-bucket-outside-the-design";
    other.account = role.account;
    bucketProbes(role, other, probes);
    for (const KmsKey &k : m_ctx.design.keys)
        keyProbes(role, k, probes);
    const Partition p = partitionOf(role.account);
    const std::string account(m_ctx.accountIdOf(role.account));
    for (const char *action : kIamActions)
        probes.push_back({request(role, action, arn::role(p, account, "/", "another-role")),
                          std::string(action) + " on role another-role"});
    const std::vector<std::string> found =
        excess(custom, m_generated.find(ArtifactKind::RolePermissionsPolicy, role.id), true,
               probes, account);
    if (found.empty())
        return;
    report(out, {role.id}, "The custom permissions policy of role " + m_ctx.label(role), found,
           replaceWithGenerated(role, &Role::customPermissionsPolicy,
                                "Replace the custom permissions policy of " + role.name +
                                    " with the generated least-privilege policy (the custom "
                                    "text is kept in the role's note)",
                                "permissions policy"));
}

template <typename T>
void Prober::resourcePolicy(const T &element, std::optional<CustomPolicy> T::*custom,
                            ArtifactKind kind, const std::vector<const ReplicationRule *> &rules,
                            void (Prober::*probesFor)(const Role &, const T &, std::vector<Probe> &)
                                const,
                            const std::string &what, std::string fixLabel, std::string noun,
                            std::vector<Finding> &out)
{
    const std::vector<const Role *> roles = rolesFor(rules);
    if (roles.empty())
        return;
    const CompiledPolicy policy =
        CompiledPolicy::compileText("custom", (element.*custom)->document);
    if (!policy.problems().empty())
        return;
    std::vector<std::string> found;
    std::vector<std::string> elements{element.id};
    for (const Role *role : roles) {
        std::vector<Probe> probes;
        (this->*probesFor)(*role, element, probes);
        mergeExcess(excess(policy, m_generated.find(kind, element.id), false, probes,
                           m_ctx.accountIdOf(role->account)),
                    *role, found, elements);
    }
    if (found.empty())
        return;
    report(out, std::move(elements), what, found,
           replaceWithGenerated(element, custom, std::move(fixLabel), std::move(noun)));
}

void Prober::bucket(const Bucket &bucket, std::vector<Finding> &out)
{
    if (!bucket.customBucketPolicy)
        return;
    std::vector<const ReplicationRule *> rules(m_ctx.index.rulesFrom(bucket.id).begin(),
                                               m_ctx.index.rulesFrom(bucket.id).end());
    rules.insert(rules.end(), m_ctx.index.rulesTo(bucket.id).begin(),
                 m_ctx.index.rulesTo(bucket.id).end());
    resourcePolicy(bucket, &Bucket::customBucketPolicy, ArtifactKind::BucketPolicy, rules,
                   &Prober::bucketProbes, "The custom bucket policy of " + m_ctx.label(bucket),
                   "Replace the custom bucket policy of " + bucket.name +
                       " with the generated least-privilege policy (its statements for other "
                       "principals go too; the custom text is kept in the bucket's note)",
                   "bucket policy", out);
}

void Prober::key(const KmsKey &key, std::vector<Finding> &out)
{
    if (!key.customKeyPolicy || key.kind == KeyKind::AwsManaged)
        return;
    const KeyUse &use = m_ctx.keyUse(key.id);
    std::vector<const ReplicationRule *> rules(use.replicaIn.begin(), use.replicaIn.end());
    for (const Bucket *b : use.defaultFor) {
        for (const ReplicationRule *r : m_ctx.index.rulesFrom(b->id)) {
            if (r->replicateKmsObjects)
                rules.push_back(r);
        }
    }
    resourcePolicy(key, &KmsKey::customKeyPolicy, ArtifactKind::KeyPolicy, rules,
                   &Prober::keyProbes, "The custom key policy of " + m_ctx.label(key),
                   "Replace the custom key policy of " + (key.alias.empty() ? key.id : key.alias) +
                       " with the generated least-privilege policy (its statements for other "
                       "principals go too; the custom text is kept in the key's note)",
                   "key policy", out);
}

} // namespace

void ruleCustomPolicyOverPrivileged(const CheckContext &ctx, std::vector<Finding> &out)
{
    const auto anyCustom = [&] {
        for (const Role &r : ctx.design.roles) {
            if (r.customPermissionsPolicy)
                return true;
        }
        for (const KmsKey &k : ctx.design.keys) {
            if (k.customKeyPolicy)
                return true;
        }
        for (const Bucket &b : ctx.design.buckets) {
            if (b.customBucketPolicy)
                return true;
        }
        return false;
    };
    if (!anyCustom())
        return; // generated policies are least privilege by construction
    Prober prober(ctx);
    for (const Role &r : ctx.design.roles)
        prober.role(r, out);
    for (const KmsKey &k : ctx.design.keys)
        prober.key(k, out);
    for (const Bucket &b : ctx.design.buckets)
        prober.bucket(b, out);
}

} // namespace s3rd::model::checks
