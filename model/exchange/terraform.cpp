// Terraform: one configuration per account (main.tf), one aws provider alias per Region of that
// account, pinned to the account with allowed_account_ids and authenticated by a profile or an
// assumed role given as variables.
//
// Like the CloudFormation export, existing resources are imported (Terraform 1.5 import blocks),
// not created: buckets that already hold objects, and every KMS key (the design names keys by
// their AWS key id). The documents are the bundle's, byte for byte, as heredocs.

#include "core/names.h"
#include "exchange/exportplan.h"
#include "exchange/iacnames.h"

#include <simdjson.h>

#include <cstdint>
#include <map>

namespace s3rd::model::exchange::detail {

namespace {

// An HCL string literal: escapes, and "${" / "%{" doubled so nothing is interpolated.
std::string hcl(std::string_view text)
{
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if ((c == '$' || c == '%') && i + 1 < text.size() && text[i + 1] == '{')
                out += c; // "$${" is a literal "${"
            out += c;
        }
    }
    return out + "\"";
}

// A heredoc holding a JSON document verbatim (template sequences escaped).
std::string heredoc(const std::string &json)
{
    std::string out;
    out.reserve(json.size() + 16);
    out += "<<-JSON\n";
    std::size_t done = 0;
    for (std::size_t i = json.find_first_of("$%"); i != std::string::npos;
         i = json.find_first_of("$%", i + 1)) {
        if (i + 1 < json.size() && json[i + 1] == '{') {
            out.append(json, done, i + 1 - done);
            out += json[i]; // "$${" is a literal "${"
            done = i + 1;
        }
    }
    out.append(json, done);
    if (json.empty() || json.back() != '\n')
        out += '\n';
    out += "JSON";
    return out;
}

std::string providerAlias(const std::string &accountId, const std::string &region)
{
    std::string alias = "a" + accountId + "_" + region;
    for (char &c : alias) {
        if (c == '-')
            c = '_';
    }
    return alias;
}

class Writer
{
public:
    explicit Writer(std::string &out)
        : m_out(out)
    {}
    void open(const std::string &header)
    {
        indent();
        m_out += header;
        m_out += " {\n";
        ++m_depth;
    }
    void close()
    {
        --m_depth;
        indent();
        m_out += "}\n";
    }
    void attr(const std::string &name, const std::string &valueExpression)
    {
        indent();
        m_out += name;
        m_out += " = ";
        m_out += valueExpression;
        m_out += '\n';
    }
    void blank() { m_out += '\n'; }
    // A Terraform 1.5 import block: the existing resource with this id becomes `to`.
    void importBlock(const std::string &provider, const std::string &to, const std::string &id)
    {
        blank();
        open("import");
        attr("provider", provider);
        attr("to", to);
        attr("id", hcl(id));
        close();
    }

private:
    void indent()
    {
        m_out.append(2 * std::size_t(m_depth), ' ');
    }
    std::string &m_out;
    int m_depth = 0;
};

// A value of a replication configuration, read with simdjson: the configurations are the
// generator's text, and a DOM parse of each is a fraction of building nlohmann's tree.
class Node
{
public:
    Node() = default;
    explicit Node(simdjson::dom::element e) : m_e(e), m_valid(true) {}
    bool has(std::string_view key) const { return (*this)[key].m_valid; }
    // The member `key` of an object; an absent node for anything else.
    Node operator[](std::string_view key) const
    {
        simdjson::dom::element v;
        if (!m_valid || m_e.at_key(key).get(v) != simdjson::SUCCESS)
            return {};
        return Node(v);
    }
    // The member `key` when it is a string; empty otherwise.
    std::string_view str(std::string_view key) const
    {
        const Node v = (*this)[key];
        std::string_view s;
        return v.m_valid && v.m_e.get_string().get(s) == simdjson::SUCCESS ? s : std::string_view();
    }
    std::int64_t integer() const
    {
        std::int64_t n = 0;
        return m_valid && m_e.get_int64().get(n) == simdjson::SUCCESS ? n : 0;
    }
    // The items of an array; none for anything else.
    std::vector<Node> items() const
    {
        std::vector<Node> out;
        simdjson::dom::array a;
        if (m_valid && m_e.get_array().get(a) == simdjson::SUCCESS) {
            for (simdjson::dom::element item : a)
                out.emplace_back(item);
        }
        return out;
    }

private:
    simdjson::dom::element m_e;
    bool m_valid = false;
};

void statusBlock(Writer &w, const char *name, const Node &j)
{
    w.open(name);
    w.attr("status", hcl(j.str("Status")));
    w.close();
}

// One replication rule of the PutBucketReplication body as an HCL rule block.
void ruleBlock(Writer &w, const Node &rule)
{
    w.open("rule");
    // A rule without an ID gets one from S3, as in the replication configuration; `id = ""`
    // would be sent as an empty ID.
    if (rule.has("ID"))
        w.attr("id", hcl(rule.str("ID")));
    if (rule.has("Priority"))
        w.attr("priority", std::to_string(rule["Priority"].integer()));
    w.attr("status", hcl(rule.str("Status")));
    if (rule.has("Filter")) {
        const Node f = rule["Filter"];
        w.open("filter");
        if (f.has("Prefix"))
            w.attr("prefix", hcl(f.str("Prefix")));
        if (f.has("Tag")) {
            w.open("tag");
            w.attr("key", hcl(f["Tag"].str("Key")));
            w.attr("value", hcl(f["Tag"].str("Value")));
            w.close();
        }
        if (f.has("And")) {
            const Node a = f["And"];
            w.open("and");
            if (a.has("Prefix"))
                w.attr("prefix", hcl(a.str("Prefix")));
            std::string tags = "{";
            bool first = true;
            for (const Node &t : a["Tags"].items()) {
                tags += first ? " " : ", ";
                tags += hcl(t.str("Key")) + " = " + hcl(t.str("Value"));
                first = false;
            }
            tags += first ? "}" : " }";
            w.attr("tags", tags);
            w.close();
        }
        w.close();
    }
    if (rule.has("DeleteMarkerReplication"))
        statusBlock(w, "delete_marker_replication", rule["DeleteMarkerReplication"]);
    if (rule.has("SourceSelectionCriteria")) {
        const Node ssc = rule["SourceSelectionCriteria"];
        w.open("source_selection_criteria");
        if (ssc.has("SseKmsEncryptedObjects"))
            statusBlock(w, "sse_kms_encrypted_objects", ssc["SseKmsEncryptedObjects"]);
        if (ssc.has("ReplicaModifications"))
            statusBlock(w, "replica_modifications", ssc["ReplicaModifications"]);
        w.close();
    }
    const Node d = rule["Destination"];
    w.open("destination");
    w.attr("bucket", hcl(d.str("Bucket")));
    if (d.has("Account"))
        w.attr("account", hcl(d.str("Account")));
    if (d.has("StorageClass"))
        w.attr("storage_class", hcl(d.str("StorageClass")));
    if (d.has("AccessControlTranslation")) {
        w.open("access_control_translation");
        w.attr("owner", hcl(d["AccessControlTranslation"].str("Owner")));
        w.close();
    }
    if (d.has("EncryptionConfiguration")) {
        w.open("encryption_configuration");
        w.attr("replica_kms_key_id", hcl(d["EncryptionConfiguration"].str("ReplicaKmsKeyID")));
        w.close();
    }
    if (d.has("ReplicationTime")) {
        w.open("replication_time");
        w.attr("status", hcl(d["ReplicationTime"].str("Status")));
        w.open("time");
        w.attr("minutes", "15");
        w.close();
        w.close();
    }
    if (d.has("Metrics")) {
        w.open("metrics");
        w.attr("status", hcl(d["Metrics"].str("Status")));
        if (d["Metrics"].has("EventThreshold")) {
            w.open("event_threshold");
            w.attr("minutes", "15");
            w.close();
        }
        w.close();
    }
    w.close();
    w.close();
}

// KMS and S3 reject a policy naming a role that does not exist yet: the policy resource
// depends on every role of the account whose ARN the policy names.
void dependOnNamedRoles(Writer &w, const ExportPlan &plan, const AccountPlan &account,
                        const std::map<std::string, std::string> &name,
                        const std::string &policyText)
{
    std::string deps;
    for (const RoleStep &r : account.roles) {
        if (policyText.find("\"" + plan.roleArn(*r.role) + "\"") != std::string::npos)
            deps += std::string(deps.empty() ? "" : ", ") + "aws_iam_role." + name.at(r.role->id);
    }
    if (!deps.empty())
        w.attr("depends_on", "[" + deps + "]");
}

// Where a key or bucket policy resource goes: its type and name, the provider, and the
// attribute naming the key or bucket it applies to.
struct PolicyResource
{
    std::string type;
    std::string name;
    std::string provider;
    std::string targetAttribute;
    std::string targetReference;
};

void writeResourcePolicy(Writer &w, const ExportPlan &plan, const AccountPlan &account,
                         const std::map<std::string, std::string> &name,
                         const PolicyResource &resource, const std::string &policyText)
{
    w.blank();
    w.open("resource \"" + resource.type + "\" \"" + resource.name + "\"");
    w.attr("provider", resource.provider);
    w.attr(resource.targetAttribute, resource.targetReference);
    w.attr("policy", heredoc(policyText));
    dependOnNamedRoles(w, plan, account, name, policyText);
    w.close();
}

std::string accountConfiguration(const ExportPlan &plan, const AccountPlan &account)
{
    const std::string accountId = account.account->accountId;
    // Resource names, made in the order of the file (keys, roles and their managed policies,
    // buckets), before any is written: a key policy written first depends on roles by name.
    IdMaker ids(IdStyle::Snake);
    std::map<std::string, std::string> name; // element id -> resource name
    std::map<const Artifact *, std::string> policyName;
    for (const KeyStep &k : account.keys) {
        if (k.key->kind != KeyKind::AwsManaged)
            name[k.key->id] = ids.make(
                "key", k.key->alias.empty() ? k.key->keyId : k.key->alias.substr(6), k.key->id);
    }
    for (const RoleStep &r : account.roles) {
        name[r.role->id] = ids.make("role", r.role->name, r.role->id);
        for (const Artifact *m : r.managed)
            policyName[m] = ids.make("policy", m->name, r.role->id + "-" + std::to_string(m->part));
    }
    for (const BucketStep &b : account.buckets)
        name[b.bucket->id] = ids.make("bucket", b.bucket->name, b.bucket->id);

    // Regions used by the account, in order of first use; IAM goes through the first one.
    std::vector<std::string> regions;
    const auto useRegion = [&](const std::string &r) {
        if (std::find(regions.begin(), regions.end(), r) == regions.end())
            regions.push_back(r);
    };
    for (const BucketStep &b : account.buckets)
        useRegion(b.bucket->region);
    for (const KeyStep &k : account.keys)
        useRegion(k.key->region);
    if (regions.empty())
        regions.push_back("us-east-1");
    const auto provider = [&](const std::string &region) {
        return "aws." + providerAlias(accountId, region);
    };

    std::string out = "# Replication setup for AWS account " + accountId;
    if (!account.account->name.empty())
        out += " (" + account.account->name + ")";
    out += ".\n# Generated by S3 Replication Designer. Existing buckets and keys are imported "
           "(import blocks),\n# not created. Apply with credentials of this account: "
           "terraform init && terraform apply.\n\n";
    Writer w(out);
    w.open("terraform");
    w.attr("required_version", hcl(">= 1.5"));
    w.open("required_providers");
    w.open("aws =");
    w.attr("source", hcl("hashicorp/aws"));
    w.attr("version", hcl(">= 5.0"));
    w.close();
    w.close();
    w.close();
    w.blank();
    w.open("variable \"profile\"");
    w.attr("description", hcl("AWS CLI profile with credentials of account " + accountId
                              + " (null: the environment's credentials)"));
    w.attr("type", "string");
    w.attr("default", "null");
    w.close();
    w.blank();
    w.open("variable \"assume_role_arn\"");
    w.attr("description", hcl("Role in account " + accountId
                              + " to assume for the changes (null: use the credentials as they "
                                "are)"));
    w.attr("type", "string");
    w.attr("default", "null");
    w.close();
    for (const std::string &region : regions) {
        w.blank();
        w.open("provider \"aws\"");
        w.attr("alias", hcl(providerAlias(accountId, region)));
        w.attr("region", hcl(region));
        w.attr("profile", "var.profile");
        // Refuses to plan or apply with credentials of any other account.
        w.attr("allowed_account_ids", "[" + hcl(accountId) + "]");
        w.open("dynamic \"assume_role\"");
        w.attr("for_each", "var.assume_role_arn == null ? [] : [var.assume_role_arn]");
        w.open("content");
        w.attr("role_arn", "assume_role.value");
        w.close();
        w.close();
        w.close();
    }

    // Keys and their policies.
    for (const KeyStep &k : account.keys) {
        if (k.key->kind == KeyKind::AwsManaged)
            continue;
        const std::string &n = name[k.key->id];
        const std::string p = provider(k.key->region);
        std::string keyRef = hcl(k.key->keyId);
        if (k.key->kind != KeyKind::MultiRegionReplica) {
            w.importBlock(p, "aws_kms_key." + n, k.key->keyId);
            w.blank();
            w.open("resource \"aws_kms_key\" \"" + n + "\"");
            w.attr("provider", p);
            w.attr("description", hcl("Replication key " + (k.key->alias.empty()
                                                                 ? k.key->keyId
                                                                 : k.key->alias)));
            w.attr("enable_key_rotation", k.key->rotation ? "true" : "false");
            // As in the design: a disabled key (or one pending deletion) stays disabled.
            if (k.key->state != KeyState::Enabled)
                w.attr("is_enabled", "false");
            if (k.key->kind == KeyKind::MultiRegionPrimary)
                w.attr("multi_region", "true");
            w.open("lifecycle");
            w.attr("prevent_destroy", "true");
            w.close();
            w.close();
            keyRef = "aws_kms_key." + n + ".key_id";
        }
        if (k.policy)
            writeResourcePolicy(w, plan, account, name,
                                {"aws_kms_key_policy", n, p, "key_id", keyRef}, k.policy->text);
    }

    // Roles.
    for (const RoleStep &r : account.roles) {
        const std::string &n = name[r.role->id];
        w.blank();
        w.open("resource \"aws_iam_role\" \"" + n + "\"");
        w.attr("provider", provider(regions.front()));
        w.attr("name", hcl(r.role->name));
        w.attr("path", hcl(r.role->path));
        if (r.trust)
            w.attr("assume_role_policy", heredoc(r.trust->text));
        w.close();
        if (r.permissions) {
            w.blank();
            w.open("resource \"aws_iam_role_policy\" \"" + n + "\"");
            w.attr("provider", provider(regions.front()));
            w.attr("name", hcl("s3-replication"));
            w.attr("role", "aws_iam_role." + n + ".id");
            w.attr("policy", heredoc(r.permissions->text));
            w.close();
        }
        // Permissions too large for an inline policy: customer managed policies, attached.
        for (const Artifact *m : r.managed) {
            const std::string &pn = policyName[m];
            w.blank();
            w.open("resource \"aws_iam_policy\" \"" + pn + "\"");
            w.attr("provider", provider(regions.front()));
            w.attr("name", hcl(m->name));
            w.attr("path", hcl(r.role->path));
            w.attr("description", hcl("Part " + std::to_string(m->part) + " of " +
                                      std::to_string(r.managed.size()) +
                                      " of the permissions of replication role " +
                                      r.role->name));
            w.attr("policy", heredoc(m->text));
            w.close();
            w.blank();
            w.open("resource \"aws_iam_role_policy_attachment\" \"" + pn + "\"");
            w.attr("provider", provider(regions.front()));
            w.attr("role", "aws_iam_role." + n + ".name");
            w.attr("policy_arn", "aws_iam_policy." + pn + ".arn");
            w.close();
        }
    }

    // Buckets.
    for (const BucketStep &b : account.buckets) {
        const std::string n = name[b.bucket->id];
        const std::string p = provider(b.bucket->region);
        const std::string bucketRef = "aws_s3_bucket." + n + ".id";
        if (b.bucket->hasExistingObjects)
            w.importBlock(p, "aws_s3_bucket." + n, b.bucket->name);
        w.blank();
        w.open("resource \"aws_s3_bucket\" \"" + n + "\"");
        w.attr("provider", p);
        w.attr("bucket", hcl(b.bucket->name));
        if (b.bucket->objectLock)
            w.attr("object_lock_enabled", "true");
        w.open("lifecycle");
        w.attr("prevent_destroy", "true");
        w.close();
        w.close();
        if (b.bucket->versioning != Versioning::Unversioned) {
            w.blank();
            w.open("resource \"aws_s3_bucket_versioning\" \"" + n + "\"");
            w.attr("provider", p);
            w.attr("bucket", bucketRef);
            w.open("versioning_configuration");
            w.attr("status", hcl(b.bucket->versioning == Versioning::Enabled ? "Enabled"
                                                                              : "Suspended"));
            w.close();
            w.close();
        }
        if (b.setEncryption) {
            const ExportPlan::EncryptionRule enc = plan.encryptionRule(*b.bucket);
            w.blank();
            w.open("resource \"aws_s3_bucket_server_side_encryption_configuration\" \"" + n
                   + "\"");
            w.attr("provider", p);
            w.attr("bucket", bucketRef);
            w.open("rule");
            w.open("apply_server_side_encryption_by_default");
            w.attr("sse_algorithm", hcl(enc.algorithm));
            if (!enc.keyArn.empty())
                w.attr("kms_master_key_id", hcl(enc.keyArn));
            w.close();
            if (enc.bucketKey)
                w.attr("bucket_key_enabled", *enc.bucketKey ? "true" : "false");
            w.close();
            w.close();
        }
        if (b.policy)
            writeResourcePolicy(w, plan, account, name,
                                {"aws_s3_bucket_policy", n, p, "bucket", bucketRef},
                                b.policy->text);
    }
    simdjson::dom::parser parser;
    for (const BucketStep &b : account.buckets) {
        if (!b.replication)
            continue;
        const std::string n = name[b.bucket->id];
        simdjson::dom::element parsed;
        const Node doc = parser.parse(b.replication->text).get(parsed) == simdjson::SUCCESS
                             ? Node(parsed)
                             : Node();
        w.blank();
        w.open("resource \"aws_s3_bucket_replication_configuration\" \"" + n + "\"");
        w.attr("provider", provider(b.bucket->region));
        // Replication needs versioning on the source and on the destinations first.
        std::string deps;
        const auto dep = [&deps](const std::string &resource) {
            if (deps.find(resource) == std::string::npos)
                deps += std::string(deps.empty() ? "" : ", ") + resource;
        };
        if (b.bucket->versioning != Versioning::Unversioned)
            dep("aws_s3_bucket_versioning." + n);
        for (const ReplicationRule *r : plan.index.rulesFrom(b.bucket->id)) {
            const Bucket *dst = plan.index.bucket(r->destination);
            if (dst && dst->account == b.bucket->account && name.count(dst->id)
                && dst->versioning != Versioning::Unversioned)
                dep("aws_s3_bucket_versioning." + name[dst->id]);
        }
        if (!deps.empty())
            w.attr("depends_on", "[" + deps + "]");
        w.attr("bucket", "aws_s3_bucket." + n + ".id");
        // The role of this account by reference; its ARN is what the bundle writes.
        std::string role = hcl(doc.str("Role"));
        for (const RoleStep &r : account.roles) {
            if (plan.roleArn(*r.role) == doc.str("Role"))
                role = "aws_iam_role." + name[r.role->id] + ".arn";
        }
        w.attr("role", role);
        for (const Node &rule : doc["Rules"].items())
            ruleBlock(w, rule);
        w.close();
    }

    return out;
}

// One root module per account: main.tf.
AccountFolder terraformFolder(const ExportPlan &plan, const AccountPlan &account)
{
    const std::string &id = account.account->accountId;
    return {{{id + "/main.tf", accountConfiguration(plan, account), false}},
            "- `" + id + "/main.tf` " + account.account->name + "\n"};
}

} // namespace

const FolderExport kTerraformExport{
    "Terraform configurations",
    "One folder per AWS account (named by its account id), each a root module applied with "
    "credentials of that account (variables `profile` or `assume_role_arn`; the providers refuse "
    "any other account). Existing buckets and the KMS keys are imported with import blocks "
    "(Terraform 1.5 or later). Across accounts, apply the accounts owning replication roles "
    "first: key and bucket policies may only name roles that exist.\n\n",
    &terraformFolder};

} // namespace s3rd::model::exchange::detail
