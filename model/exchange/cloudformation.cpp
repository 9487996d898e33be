// CloudFormation: one JSON template per account and Region (a stack lives in one Region).
//
// What a template manages: every bucket and customer managed key of its account and Region, and
// the account's replication roles (in the template of the Region of their first source bucket).
// Existing resources are imported, not created: buckets that already hold objects
// (Bucket::hasExistingObjects), and every key (the design names keys by their AWS key id, so
// they exist). For those the export adds "<region>-import.json" (a template with only them) and
// "<region>-resources-to-import.json" for an IMPORT change set, as CloudFormation requires.
// Resources of other accounts or Regions that a template refers to (destination buckets, roles
// named in key and bucket policies, replica keys) are Parameters whose defaults are the design's
// values, so the stack shows its outside dependencies and they can be overridden.

#include "core/names.h"
#include "exchange/exportplan.h"
#include "exchange/iacnames.h"

#include <functional>
#include <map>
#include <set>
#include <sstream>

namespace s3rd::model::exchange::detail {

namespace {

using nlohmann::ordered_json;

// The PutBucketReplication body in CloudFormation's spelling (Id, TagFilter, TagFilters).
ordered_json toCloudFormation(const ordered_json &value, const std::string &parentKey = {})
{
    if (value.is_array()) {
        ordered_json out = ordered_json::array();
        for (const auto &v : value)
            out.push_back(toCloudFormation(v, parentKey));
        return out;
    }
    if (!value.is_object())
        return value;
    ordered_json out = ordered_json::object();
    for (const auto &[key, v] : value.items()) {
        std::string name = key;
        if (key == "ID")
            name = "Id";
        else if (key == "Tag" && parentKey == "Filter")
            name = "TagFilter";
        else if (key == "Tags" && parentKey == "And")
            name = "TagFilters";
        out[name] = toCloudFormation(v, key);
    }
    return out;
}

ordered_json ref(const std::string &logical)
{
    return ordered_json{{"Ref", logical}};
}

ordered_json getAtt(const std::string &logical, const std::string &attribute)
{
    ordered_json list = ordered_json::array({logical, attribute});
    return ordered_json{{"Fn::GetAtt", list}};
}

struct Template
{
    std::string region;
    ordered_json parameters = ordered_json::object();
    ordered_json resources = ordered_json::object();
    ordered_json outputs = ordered_json::object();
    ordered_json toImport = ordered_json::array(); // ResourcesToImport entries
    std::vector<std::string> importLogical;
    // Outside values (ARNs, names) -> {"Ref": parameter}.
    std::map<std::string, ordered_json> outside;
};

// Keys and buckets hold data: the stack keeps them when it is deleted or replaces them.
void addRetained(Template &t, const std::string &logical, ordered_json &res,
                 const ordered_json &props)
{
    res["DeletionPolicy"] = "Retain";
    res["UpdateReplacePolicy"] = "Retain";
    res["Properties"] = props;
    t.resources[logical] = res;
}

class Builder
{
public:
    Builder(const ExportPlan &plan, const AccountPlan &account)
        : m_plan(plan)
        , m_account(account)
    {}

    std::vector<ExportFile> build();

private:
    Template &templateFor(const std::string &region)
    {
        auto it = m_templates.find(region);
        if (it == m_templates.end()) {
            it = m_templates.emplace(region, Template()).first;
            it->second.region = region;
        }
        return it->second;
    }
    std::string regionOfRole(const Role &role) const;
    // A parameter for a value from outside this template; returns {"Ref": name}.
    ordered_json outsideValue(Template &t, const std::string &value, const std::string &kind,
                              const std::string &description);
    void parametrise(Template &t, ordered_json &doc, const std::set<std::string> &local);
    void addDependencies(Template &t) const;

    const ExportPlan &m_plan;
    const AccountPlan &m_account;
    IdMaker m_ids{IdStyle::Pascal};
    std::map<std::string, Template> m_templates; // by Region
    std::map<std::string, std::string> m_logical; // element id -> logical id
    std::map<std::string, std::string> m_regionOf; // element id -> Region of its template
};

std::string Builder::regionOfRole(const Role &role) const
{
    for (const ReplicationRule *r : m_plan.index.rulesUsingRole(role.id)) {
        if (const Bucket *src = m_plan.index.bucket(r->source))
            return src->region;
    }
    for (const BucketStep &b : m_account.buckets)
        return b.bucket->region;
    for (const KeyStep &k : m_account.keys)
        return k.key->region;
    return "us-east-1";
}

ordered_json Builder::outsideValue(Template &t, const std::string &value, const std::string &kind,
                                   const std::string &description)
{
    if (auto it = t.outside.find(value); it != t.outside.end())
        return it->second;
    const std::string name = m_ids.make("Outside" + kind, value, std::to_string(t.outside.size()));
    ordered_json p = ordered_json::object();
    p["Type"] = "String";
    p["Default"] = value;
    p["Description"] = description;
    t.parameters[name] = p;
    return t.outside[value] = ref(name);
}

// Makes every ARN of a key, role or bucket defined elsewhere a parameter, so the template lists
// what it depends on outside itself.
void Builder::parametrise(Template &t, ordered_json &doc, const std::set<std::string> &local)
{
    // ARN -> parameter kind and description, for keys and roles outside this template.
    std::map<std::string, std::pair<std::string, std::string>> outside;
    for (const KmsKey &k : m_plan.design.keys) {
        if (!local.count(k.id))
            outside[m_plan.keyArn(k)] = {
                "KeyArn", "ARN of KMS key " + (k.alias.empty() ? k.keyId : k.alias) + " (account "
                              + m_plan.accountIdOf(k.account) + ", " + k.region
                              + "), managed outside this stack"};
    }
    for (const Role &r : m_plan.design.roles) {
        if (!local.count(r.id))
            outside[m_plan.roleArn(r)] = {"RoleArn", "ARN of replication role " + r.name
                                                         + " (account "
                                                         + m_plan.accountIdOf(r.account)
                                                         + "), managed outside this stack"};
    }
    // Parameters are created only for the values the document really uses.
    std::function<void(ordered_json &)> walk = [&](ordered_json &v) {
        if (v.is_string()) {
            const auto it = outside.find(v.get<std::string>());
            if (it != outside.end())
                v = outsideValue(t, it->first, it->second.first, it->second.second);
        } else if (v.is_structured()) {
            for (auto &x : v)
                walk(x);
        }
    };
    walk(doc);
}

namespace {

void collectStrings(const ordered_json &doc, std::set<std::string> &out)
{
    if (doc.is_string())
        out.insert(doc.get<std::string>());
    else if (doc.is_structured()) {
        for (const auto &v : doc)
            collectStrings(v, out);
    }
}

bool refersTo(const std::set<std::string> &strings, const std::string &arn)
{
    for (auto it = strings.lower_bound(arn); it != strings.end(); ++it) {
        if (it->compare(0, arn.size(), arn) != 0)
            break;
        if (it->size() == arn.size() || (*it)[arn.size()] == '/')
            return true;
    }
    return false;
}

bool dependsTransitively(const ordered_json &resources, const std::string &from,
                         const std::string &to, int depth = 0)
{
    if (from == to)
        return true;
    if (depth > 64 || !resources.contains(from) || !resources[from].contains("DependsOn"))
        return false;
    for (const auto &d : resources[from]["DependsOn"]) {
        if (dependsTransitively(resources, d.get<std::string>(), to, depth + 1))
            return true;
    }
    return false;
}

} // namespace

// Literal ARNs keep the documents identical to the bundle's, so the order CloudFormation must
// follow is explicit: key and bucket policies after the roles they name (KMS and S3 reject
// unknown principals), buckets after their role and their destinations in this template
// (replication needs the destination versioned first). IAM does not check the resources a
// role's policy names, so roles depend on nothing.
void Builder::addDependencies(Template &t) const
{
    std::vector<std::pair<std::string, std::string>> localRoles, localBuckets; // ARN, logical
    for (const auto &[element, logical] : m_logical) {
        if (m_regionOf.at(element) != t.region)
            continue;
        if (const Role *r = m_plan.index.role(element))
            localRoles.emplace_back(m_plan.roleArn(*r), logical);
        else if (const Bucket *b = m_plan.index.bucket(element))
            localBuckets.emplace_back(m_plan.bucketArn(*b), logical);
    }
    // Design order of resources is kept; roles and buckets sorted by ARN for determinism.
    std::sort(localRoles.begin(), localRoles.end());
    std::sort(localBuckets.begin(), localBuckets.end());
    for (auto &item : t.resources.items()) {
        // Named, not a structured binding: clang before 16 cannot capture those in a lambda.
        const std::string &logical = item.key();
        ordered_json &res = item.value();
        const std::string type = res["Type"].get<std::string>();
        if (type == "AWS::IAM::Role" || type == "AWS::KMS::Alias")
            continue;
        std::set<std::string> strings;
        collectStrings(res["Properties"], strings);
        const std::string self = res.dump();
        std::vector<std::string> deps;
        const auto add = [&](const std::string &target) {
            if (target == logical
                || self.find("{\"Ref\":\"" + target + "\"}") != std::string::npos
                || std::find(deps.begin(), deps.end(), target) != deps.end()
                || dependsTransitively(t.resources, target, logical))
                return;
            deps.push_back(target);
        };
        for (const auto &[arn, target] : localRoles) {
            if (refersTo(strings, arn))
                add(target);
        }
        if (type == "AWS::S3::Bucket" && res["Properties"].contains("ReplicationConfiguration")) {
            for (const auto &rule : res["Properties"]["ReplicationConfiguration"]["Rules"]) {
                const auto &bucket = rule["Destination"]["Bucket"];
                if (!bucket.is_string())
                    continue;
                for (const auto &[arn, target] : localBuckets) {
                    if (bucket.get<std::string>() == arn)
                        add(target);
                }
            }
        }
        if (!deps.empty())
            res["DependsOn"] = deps;
    }
}

std::vector<ExportFile> Builder::build()
{
    const std::string accountId = m_account.account->accountId;
    // Which template each element goes to.
    for (const BucketStep &b : m_account.buckets)
        m_regionOf[b.bucket->id] = b.bucket->region;
    for (const KeyStep &k : m_account.keys) {
        if (k.key->kind != KeyKind::AwsManaged)
            m_regionOf[k.key->id] = k.key->region;
    }
    for (const RoleStep &r : m_account.roles)
        m_regionOf[r.role->id] = regionOfRole(*r.role);
    // Logical ids, in design order.
    for (const KeyStep &k : m_account.keys) {
        if (m_regionOf.count(k.key->id))
            m_logical[k.key->id] = m_ids.make("Key", k.key->alias.empty() ? k.key->keyId
                                                                          : k.key->alias.substr(6),
                                              k.key->id);
    }
    for (const RoleStep &r : m_account.roles)
        m_logical[r.role->id] = m_ids.make("Role", r.role->name, r.role->id);
    for (const BucketStep &b : m_account.buckets)
        m_logical[b.bucket->id] = m_ids.make("Bucket", b.bucket->name, b.bucket->id);

    const auto localTo = [&](const std::string &region) {
        std::set<std::string> local;
        for (const auto &[element, r] : m_regionOf) {
            if (r == region)
                local.insert(element);
        }
        return local;
    };

    // Keys.
    for (const KeyStep &k : m_account.keys) {
        if (!m_regionOf.count(k.key->id))
            continue;
        Template &t = templateFor(k.key->region);
        const std::string logical = m_logical[k.key->id];
        ordered_json props = ordered_json::object();
        ordered_json res = ordered_json::object();
        if (k.key->kind == KeyKind::MultiRegionReplica) {
            res["Type"] = "AWS::KMS::ReplicaKey";
            props["Description"] = "Replica of multi-Region key " + k.key->keyId;
            props["PrimaryKeyArn"] =
                "arn:" + std::string(names::partitionName(m_account.account->partition))
                + ":kms:" + [&] {
                      for (const KmsKey &p : m_plan.design.keys) {
                          if (p.keyId == k.key->keyId && p.kind == KeyKind::MultiRegionPrimary)
                              return p.region;
                      }
                      return k.key->region;
                  }() + ":" + accountId + ":key/" + k.key->keyId;
        } else {
            res["Type"] = "AWS::KMS::Key";
            props["Description"] = "Replication key " + (k.key->alias.empty() ? k.key->keyId
                                                                                : k.key->alias);
            // A disabled key (or one pending deletion, which a template cannot express) is
            // created disabled: replication through it fails until it is enabled.
            props["Enabled"] = k.key->state == KeyState::Enabled;
            props["EnableKeyRotation"] = k.key->rotation;
            props["KeySpec"] = "SYMMETRIC_DEFAULT";
            props["KeyUsage"] = "ENCRYPT_DECRYPT";
            if (k.key->kind == KeyKind::MultiRegionPrimary)
                props["MultiRegion"] = true;
        }
        if (k.policy) {
            ordered_json policy = k.policy->document();
            parametrise(t, policy, localTo(t.region));
            props["KeyPolicy"] = policy;
        }
        addRetained(t, logical, res, props);
        // The design names the key by its id: it exists and is imported.
        ordered_json imp = ordered_json::object();
        imp["ResourceType"] = res["Type"];
        imp["LogicalResourceId"] = logical;
        imp["ResourceIdentifier"] = ordered_json{{"KeyId", k.key->keyId}};
        t.toImport.push_back(imp);
        t.importLogical.push_back(logical);
        if (!k.key->alias.empty() && k.key->kind != KeyKind::MultiRegionReplica) {
            ordered_json alias = ordered_json::object();
            alias["Type"] = "AWS::KMS::Alias";
            alias["Properties"]["AliasName"] = k.key->alias;
            alias["Properties"]["TargetKeyId"] = ref(logical);
            t.resources[logical + "Alias"] = alias;
        }
        t.outputs[logical + "Arn"] = ordered_json{{"Value", getAtt(logical, "Arn")}};
    }

    // Roles.
    for (const RoleStep &r : m_account.roles) {
        Template &t = templateFor(m_regionOf[r.role->id]);
        ordered_json res = ordered_json::object();
        res["Type"] = "AWS::IAM::Role";
        ordered_json props = ordered_json::object();
        props["RoleName"] = r.role->name;
        props["Path"] = r.role->path;
        if (r.trust)
            props["AssumeRolePolicyDocument"] = r.trust->document();
        if (r.permissions) {
            ordered_json doc = r.permissions->document();
            parametrise(t, doc, localTo(t.region));
            ordered_json policy = ordered_json::object();
            policy["PolicyName"] = "s3-replication";
            policy["PolicyDocument"] = doc;
            props["Policies"] = ordered_json::array({policy});
        }
        res["Properties"] = props;
        t.resources[m_logical[r.role->id]] = res;
        t.outputs[m_logical[r.role->id] + "Arn"] =
            ordered_json{{"Value", getAtt(m_logical[r.role->id], "Arn")}};
        // Permissions too large for an inline policy: customer managed policies attached to the
        // role by their Roles property (which also orders them after the role).
        for (const Artifact *m : r.managed) {
            ordered_json doc = m->document();
            parametrise(t, doc, localTo(t.region));
            ordered_json policy = ordered_json::object();
            policy["Type"] = "AWS::IAM::ManagedPolicy";
            ordered_json mp = ordered_json::object();
            mp["ManagedPolicyName"] = m->name;
            mp["Path"] = r.role->path;
            mp["Description"] = "Part " + std::to_string(m->part) + " of " +
                                std::to_string(r.managed.size()) +
                                " of the permissions of replication role " + r.role->name;
            // A const name, so ref() is not std::ref found by argument-dependent lookup.
            const std::string roleLogical = m_logical[r.role->id];
            ordered_json roles = ordered_json::array();
            roles.push_back(ref(roleLogical)); // Ref of a role is its name
            mp["Roles"] = roles;
            mp["PolicyDocument"] = doc;
            policy["Properties"] = mp;
            t.resources[m_ids.make("Policy", m->name, r.role->id + "-" + std::to_string(m->part))] =
                policy;
        }
    }

    // Buckets.
    for (const BucketStep &b : m_account.buckets) {
        Template &t = templateFor(b.bucket->region);
        const std::string logical = m_logical[b.bucket->id];
        ordered_json res = ordered_json::object();
        res["Type"] = "AWS::S3::Bucket";
        ordered_json props = ordered_json::object();
        props["BucketName"] = b.bucket->name;
        if (b.bucket->objectLock)
            props["ObjectLockEnabled"] = true;
        if (b.bucket->versioning != Versioning::Unversioned)
            props["VersioningConfiguration"]["Status"] =
                b.bucket->versioning == Versioning::Enabled ? "Enabled" : "Suspended";
        if (b.setEncryption) {
            const ExportPlan::EncryptionRule enc = m_plan.encryptionRule(*b.bucket);
            ordered_json rule = ordered_json::object();
            ordered_json &def = rule["ServerSideEncryptionByDefault"];
            def["SSEAlgorithm"] = enc.algorithm;
            if (!enc.keyArn.empty())
                def["KMSMasterKeyID"] = enc.keyArn;
            if (enc.bucketKey)
                rule["BucketKeyEnabled"] = *enc.bucketKey;
            const ordered_json rules = ordered_json::array({rule});
            ordered_json bucketEncryption = ordered_json::object();
            bucketEncryption["ServerSideEncryptionConfiguration"] = rules;
            parametrise(t, bucketEncryption, localTo(t.region));
            props["BucketEncryption"] = bucketEncryption;
        }
        props["OwnershipControls"]["Rules"] = ordered_json::array(
            {ordered_json{{"ObjectOwnership",
                           b.bucket->objectOwnership == ObjectOwnership::BucketOwnerEnforced
                               ? "BucketOwnerEnforced"
                           : b.bucket->objectOwnership == ObjectOwnership::BucketOwnerPreferred
                               ? "BucketOwnerPreferred"
                               : "ObjectWriter"}}});
        if (b.replication) {
            ordered_json config = toCloudFormation(b.replication->document());
            parametrise(t, config, localTo(t.region));
            props["ReplicationConfiguration"] = config;
        }
        addRetained(t, logical, res, props);
        t.outputs[logical + "Arn"] = ordered_json{{"Value", getAtt(logical, "Arn")}};
        if (b.bucket->hasExistingObjects) {
            ordered_json imp = ordered_json::object();
            imp["ResourceType"] = "AWS::S3::Bucket";
            imp["LogicalResourceId"] = logical;
            imp["ResourceIdentifier"] = ordered_json{{"BucketName", b.bucket->name}};
            t.toImport.push_back(imp);
            t.importLogical.push_back(logical);
        }
        if (b.policy) {
            ordered_json policy = b.policy->document();
            parametrise(t, policy, localTo(t.region));
            ordered_json bp = ordered_json::object();
            bp["Type"] = "AWS::S3::BucketPolicy";
            bp["Properties"]["Bucket"] = ref(logical);
            bp["Properties"]["PolicyDocument"] = policy;
            t.resources[logical + "Policy"] = bp;
        }
    }

    for (auto &[region, t] : m_templates)
        addDependencies(t);

    std::vector<ExportFile> files;
    const std::string folder = accountId + "/";
    std::ostringstream readme;
    readme << "# CloudFormation for account " << accountId << "\n\n"
           << "One template per Region (a stack lives in one Region). Deploy them with "
              "credentials of account "
           << accountId
           << ". Parameters named `Outside…` are resources of other accounts or Regions this "
              "stack refers to; their defaults are the design's values.\n\n";
    for (auto &[region, t] : m_templates) {
        ordered_json doc = ordered_json::object();
        doc["AWSTemplateFormatVersion"] = "2010-09-09";
        doc["Description"] = "S3 replication setup" +
                             (m_plan.design.name.empty() ? std::string()
                                                         : ": " + m_plan.design.name) +
                             " (account " + accountId + ", " + region + ")";
        if (!t.parameters.empty())
            doc["Parameters"] = t.parameters;
        doc["Resources"] = t.resources;
        // CloudFormation quotas: "Outputs: Maximum number of outputs that you can declare in
        // your template: 200". A template of many buckets (a role serving 200 of them) keeps
        // the role and key ARNs and leaves out the bucket ARNs, which follow from their names.
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
        constexpr std::size_t kMaxOutputs = 200;
        if (t.outputs.size() > kMaxOutputs) {
            ordered_json kept = ordered_json::object();
            for (const auto &[key, value] : t.outputs.items()) {
                const std::string logical = value["Value"]["Fn::GetAtt"][0].get<std::string>();
                const bool bucket = t.resources[logical]["Type"] == "AWS::S3::Bucket";
                if (!bucket && kept.size() < kMaxOutputs)
                    kept[key] = value;
            }
            t.outputs = std::move(kept);
        }
        if (!t.outputs.empty())
            doc["Outputs"] = t.outputs;
        const std::string name = "cloudformation-" + region;
        files.push_back({folder + name + ".json", doc.dump(2) + "\n", false});
        const std::string stack = "s3-replication-" + region;
        readme << "## " << region << "\n\n";
        if (!t.toImport.empty()) {
            // An IMPORT change set may hold only the resources it imports.
            ordered_json imp = ordered_json::object();
            imp["AWSTemplateFormatVersion"] = "2010-09-09";
            imp["Description"] = "Existing resources to import into " + stack;
            ordered_json importResources = ordered_json::object();
            ordered_json importParameters = ordered_json::object();
            for (const std::string &logical : t.importLogical) {
                ordered_json r = t.resources[logical];
                r.erase("DependsOn");
                importResources[logical] = r;
            }
            // Keep only the parameters the imported resources use.
            const std::string text = importResources.dump();
            for (const auto &[p, v] : t.parameters.items()) {
                if (text.find("{\"Ref\":\"" + p + "\"}") != std::string::npos)
                    importParameters[p] = v;
            }
            if (!importParameters.empty())
                imp["Parameters"] = importParameters;
            imp["Resources"] = importResources;
            files.push_back({folder + name + "-import.json", imp.dump(2) + "\n", false});
            files.push_back(
                {folder + name + "-resources-to-import.json", t.toImport.dump(2) + "\n", false});
            readme << "These resources already exist and are imported first:";
            for (const auto &i : t.toImport)
                readme << " `" << i["LogicalResourceId"].get<std::string>() << "`";
            readme << ".\n\n```sh\naws cloudformation create-change-set --region " << region
                   << " --stack-name " << stack
                   << " --change-set-name import --change-set-type IMPORT \\\n"
                      "    --resources-to-import file://"
                   << name << "-resources-to-import.json --template-body file://" << name
                   << "-import.json\naws cloudformation execute-change-set --region " << region
                   << " --stack-name " << stack << " --change-set-name import\n```\n\nThen:\n\n";
        }
        readme << "```sh\naws cloudformation deploy --region " << region << " --stack-name "
               << stack << " --template-file " << name
               << ".json --capabilities CAPABILITY_NAMED_IAM\n```\n\n";
    }
    if (!m_templates.empty()) {
        readme << "The template holding the replication roles ("
               << "the Region of their first source bucket) goes first when a bucket of another "
                  "Region refers to a role. Across accounts, deploy the roles' accounts first: "
                  "key and bucket policies may only name roles that exist.\n";
        files.push_back({folder + "README.md", readme.str(), false});
    }
    return files;
}

// The account's templates and README.md, listed in the index when there are any.
AccountFolder cloudFormationFolder(const ExportPlan &plan, const AccountPlan &account)
{
    AccountFolder folder{Builder(plan, account).build(), {}};
    const Account &a = *account.account;
    if (!folder.files.empty())
        folder.entry = "- [" + a.accountId + "](" + a.accountId + "/README.md) " + a.name + "\n";
    return folder;
}

} // namespace

const FolderExport kCloudFormationExport{
    "CloudFormation templates",
    "One folder per AWS account (named by its account id) with one template per Region. Buckets "
    "that already hold objects, and the KMS keys (named by their key ids, so they exist), are "
    "imported into the stacks rather than created; see each folder's README.md.\n\n",
    &cloudFormationFolder};

} // namespace s3rd::model::exchange::detail
