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

#include <map>
#include <sstream>

namespace s3rd::model::exchange::detail {

namespace {

using nlohmann::ordered_json;

// An HCL string literal: escapes, and "${" / "%{" doubled so nothing is interpolated.
std::string hcl(const std::string &text)
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
    std::string body;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if ((c == '$' || c == '%') && i + 1 < json.size() && json[i + 1] == '{')
            body += c;
        body += c;
    }
    if (body.empty() || body.back() != '\n')
        body += '\n';
    return "<<-JSON\n" + body + "JSON";
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
    explicit Writer(std::ostringstream &out)
        : m_out(out)
    {}
    void open(const std::string &header)
    {
        indent();
        m_out << header << " {\n";
        ++m_depth;
    }
    void close()
    {
        --m_depth;
        indent();
        m_out << "}\n";
    }
    void attr(const std::string &name, const std::string &valueExpression)
    {
        indent();
        m_out << name << " = " << valueExpression << "\n";
    }
    void blank() { m_out << "\n"; }

private:
    void indent()
    {
        for (int i = 0; i < m_depth; ++i)
            m_out << "  ";
    }
    std::ostringstream &m_out;
    int m_depth = 0;
};

const std::string &str(const ordered_json &j, const char *key)
{
    static const std::string empty;
    return j.contains(key) && j[key].is_string() ? j[key].get_ref<const std::string &>() : empty;
}

void statusBlock(Writer &w, const char *name, const ordered_json &j)
{
    w.open(name);
    w.attr("status", hcl(str(j, "Status")));
    w.close();
}

// One replication rule of the PutBucketReplication body as an HCL rule block.
void ruleBlock(Writer &w, const ordered_json &rule)
{
    w.open("rule");
    // A rule without an ID gets one from S3, as in the replication configuration; `id = ""`
    // would be sent as an empty ID.
    if (rule.contains("ID"))
        w.attr("id", hcl(str(rule, "ID")));
    if (rule.contains("Priority"))
        w.attr("priority", std::to_string(rule["Priority"].get<int>()));
    w.attr("status", hcl(str(rule, "Status")));
    if (rule.contains("Filter")) {
        const ordered_json &f = rule["Filter"];
        w.open("filter");
        if (f.contains("Prefix"))
            w.attr("prefix", hcl(str(f, "Prefix")));
        if (f.contains("Tag")) {
            w.open("tag");
            w.attr("key", hcl(str(f["Tag"], "Key")));
            w.attr("value", hcl(str(f["Tag"], "Value")));
            w.close();
        }
        if (f.contains("And")) {
            const ordered_json &a = f["And"];
            w.open("and");
            if (a.contains("Prefix"))
                w.attr("prefix", hcl(str(a, "Prefix")));
            std::string tags = "{";
            bool first = true;
            for (const auto &t : a.value("Tags", ordered_json::array())) {
                tags += first ? " " : ", ";
                tags += hcl(str(t, "Key")) + " = " + hcl(str(t, "Value"));
                first = false;
            }
            tags += first ? "}" : " }";
            w.attr("tags", tags);
            w.close();
        }
        w.close();
    }
    if (rule.contains("DeleteMarkerReplication"))
        statusBlock(w, "delete_marker_replication", rule["DeleteMarkerReplication"]);
    if (rule.contains("SourceSelectionCriteria")) {
        const ordered_json &ssc = rule["SourceSelectionCriteria"];
        w.open("source_selection_criteria");
        if (ssc.contains("SseKmsEncryptedObjects"))
            statusBlock(w, "sse_kms_encrypted_objects", ssc["SseKmsEncryptedObjects"]);
        if (ssc.contains("ReplicaModifications"))
            statusBlock(w, "replica_modifications", ssc["ReplicaModifications"]);
        w.close();
    }
    const ordered_json &d = rule["Destination"];
    w.open("destination");
    w.attr("bucket", hcl(str(d, "Bucket")));
    if (d.contains("Account"))
        w.attr("account", hcl(str(d, "Account")));
    if (d.contains("StorageClass"))
        w.attr("storage_class", hcl(str(d, "StorageClass")));
    if (d.contains("AccessControlTranslation")) {
        w.open("access_control_translation");
        w.attr("owner", hcl(str(d["AccessControlTranslation"], "Owner")));
        w.close();
    }
    if (d.contains("EncryptionConfiguration")) {
        w.open("encryption_configuration");
        w.attr("replica_kms_key_id", hcl(str(d["EncryptionConfiguration"], "ReplicaKmsKeyID")));
        w.close();
    }
    if (d.contains("ReplicationTime")) {
        w.open("replication_time");
        w.attr("status", hcl(str(d["ReplicationTime"], "Status")));
        w.open("time");
        w.attr("minutes", "15");
        w.close();
        w.close();
    }
    if (d.contains("Metrics")) {
        w.open("metrics");
        w.attr("status", hcl(str(d["Metrics"], "Status")));
        if (d["Metrics"].contains("EventThreshold")) {
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
                        const std::string &policyText)
{
    std::string deps;
    for (const RoleStep &r : account.roles) {
        if (policyText.find("\"" + plan.roleArn(*r.role) + "\"") != std::string::npos)
            deps += std::string(deps.empty() ? "" : ", ") + "aws_iam_role.@" + r.role->id + "@";
    }
    if (!deps.empty())
        w.attr("depends_on", "[" + deps + "]");
}

// The text with every "@<element id>@" of an element in `name` replaced by its resource name,
// left to right; any other '@' is kept as it is.
std::string resolvePlaceholders(const std::string &text,
                                const std::map<std::string, std::string> &name)
{
    std::string out;
    out.reserve(text.size());
    std::size_t done = 0;
    std::size_t at = text.find('@');
    while (at != std::string::npos) {
        const std::size_t end = text.find('@', at + 1);
        if (end == std::string::npos)
            break;
        const auto it = name.find(text.substr(at + 1, end - at - 1));
        if (it == name.end()) {
            at = end; // the closing '@' may open a placeholder
            continue;
        }
        out.append(text, done, at - done);
        out += it->second;
        done = end + 1;
        at = text.find('@', done);
    }
    out.append(text, done, std::string::npos);
    return out;
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
                         const PolicyResource &resource, const std::string &policyText)
{
    w.blank();
    w.open("resource \"" + resource.type + "\" \"" + resource.name + "\"");
    w.attr("provider", resource.provider);
    w.attr(resource.targetAttribute, resource.targetReference);
    w.attr("policy", heredoc(policyText));
    dependOnNamedRoles(w, plan, account, policyText);
    w.close();
}

std::string accountConfiguration(const ExportPlan &plan, const AccountPlan &account)
{
    const std::string accountId = account.account->accountId;
    IdMaker ids(IdStyle::Snake);
    std::map<std::string, std::string> name; // element id -> resource name

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

    std::ostringstream out;
    Writer w(out);
    out << "# Replication setup for AWS account " << accountId
        << (account.account->name.empty() ? std::string() : " (" + account.account->name + ")")
        << ".\n# Generated by S3 Replication Designer. Existing buckets and keys are imported "
           "(import blocks),\n# not created. Apply with credentials of this account: "
           "terraform init && terraform apply.\n\n";
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
        const std::string n = ids.make("key", k.key->alias.empty() ? k.key->keyId
                                                                     : k.key->alias.substr(6),
                                       k.key->id);
        name[k.key->id] = n;
        const std::string p = provider(k.key->region);
        std::string keyRef = hcl(k.key->keyId);
        if (k.key->kind != KeyKind::MultiRegionReplica) {
            w.blank();
            w.open("import");
            w.attr("provider", p);
            w.attr("to", "aws_kms_key." + n);
            w.attr("id", hcl(k.key->keyId));
            w.close();
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
            writeResourcePolicy(w, plan, account, {"aws_kms_key_policy", n, p, "key_id", keyRef},
                                k.policy->text);
    }

    // Roles.
    for (const RoleStep &r : account.roles) {
        const std::string n = ids.make("role", r.role->name, r.role->id);
        name[r.role->id] = n;
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
            const std::string pn =
                ids.make("policy", m->name, r.role->id + "-" + std::to_string(m->part));
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
        name[b.bucket->id] = ids.make("bucket", b.bucket->name, b.bucket->id);
    }
    for (const BucketStep &b : account.buckets) {
        const std::string n = name[b.bucket->id];
        const std::string p = provider(b.bucket->region);
        const std::string bucketRef = "aws_s3_bucket." + n + ".id";
        if (b.bucket->hasExistingObjects) {
            w.blank();
            w.open("import");
            w.attr("provider", p);
            w.attr("to", "aws_s3_bucket." + n);
            w.attr("id", hcl(b.bucket->name));
            w.close();
        }
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
            const ordered_json enc =
                ordered_json::parse(plan.encryptionConfiguration(*b.bucket))["Rules"][0];
            const ordered_json &def = enc["ApplyServerSideEncryptionByDefault"];
            w.blank();
            w.open("resource \"aws_s3_bucket_server_side_encryption_configuration\" \"" + n
                   + "\"");
            w.attr("provider", p);
            w.attr("bucket", bucketRef);
            w.open("rule");
            w.open("apply_server_side_encryption_by_default");
            w.attr("sse_algorithm", hcl(str(def, "SSEAlgorithm")));
            if (def.contains("KMSMasterKeyID"))
                w.attr("kms_master_key_id", hcl(str(def, "KMSMasterKeyID")));
            w.close();
            if (enc.contains("BucketKeyEnabled"))
                w.attr("bucket_key_enabled", enc["BucketKeyEnabled"].get<bool>() ? "true" : "false");
            w.close();
            w.close();
        }
        if (b.policy)
            writeResourcePolicy(w, plan, account,
                                {"aws_s3_bucket_policy", n, p, "bucket", bucketRef},
                                b.policy->text);
    }
    for (const BucketStep &b : account.buckets) {
        if (!b.replication)
            continue;
        const std::string n = name[b.bucket->id];
        const ordered_json &doc = b.replication->document();
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
        std::string role = hcl(str(doc, "Role"));
        for (const RoleStep &r : account.roles) {
            if (plan.roleArn(*r.role) == str(doc, "Role"))
                role = "aws_iam_role." + name[r.role->id] + ".arn";
        }
        w.attr("role", role);
        for (const auto &rule : doc["Rules"])
            ruleBlock(w, rule);
        w.close();
    }

    // Resolve the role references written before the roles were named: "@<element id>@" of
    // a named element becomes its resource name, in one pass over the text.
    return resolvePlaceholders(out.str(), name);
}

} // namespace

std::vector<ExportFile> terraformFiles(const ExportPlan &plan)
{
    std::vector<ExportFile> files;
    std::ostringstream index;
    index << "# Terraform configurations"
          << (plan.design.name.empty() ? std::string() : ": " + plan.design.name)
          << "\n\nOne folder per AWS account (named by its account id), each a root module "
             "applied with credentials of that account (variables `profile` or "
             "`assume_role_arn`; the providers refuse any other account). Existing buckets and "
             "the KMS keys are imported with import blocks (Terraform 1.5 or later). Across "
             "accounts, apply the accounts owning replication roles first: key and bucket "
             "policies may only name roles that exist.\n\n";
    for (const AccountPlan &account : plan.accounts) {
        index << "- `" << account.account->accountId << "/main.tf` " << account.account->name
              << "\n";
        files.push_back({account.account->accountId + "/main.tf",
                         accountConfiguration(plan, account), false});
    }
    files.insert(files.begin(), ExportFile{"README.md", index.str(), false});
    return files;
}

} // namespace s3rd::model::exchange::detail
