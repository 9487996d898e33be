#include "exchange/exporter.h"

#include "core/arn.h"
#include "core/atomicfile.h"
#include "core/enumnames.h"
#include "core/names.h"
#include "exchange/exportplan.h"

#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace fs = std::filesystem;

namespace s3rd::model::exchange {

const char *exportFormatName(ExportFormat format)
{
    static constexpr EnumName<ExportFormat> kNames[] = {
        {ExportFormat::Bundle, "bundle"}, {ExportFormat::CloudFormation, "cloudformation"},
        {ExportFormat::Terraform, "terraform"}};
    return enumName(kNames, format).data(); // the names are literals: NUL-terminated
}

bool parseExportFormat(const std::string &text, ExportFormat &out)
{
    for (ExportFormat f :
         {ExportFormat::Bundle, ExportFormat::CloudFormation, ExportFormat::Terraform}) {
        if (text == exportFormatName(f)) {
            out = f;
            return true;
        }
    }
    return false;
}

std::string shellQuote(const std::string &value)
{
    std::string out = "'";
    for (char c : value) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    out += '\'';
    return out;
}

namespace {

// Quotes a name for a problem message; control characters are shown escaped so a hostile name
// cannot rewrite the terminal.
std::string shown(const std::string &text)
{
    std::string out = "'";
    for (unsigned char c : text) {
        if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += char(c);
        }
    }
    return out + "'";
}

class ProblemList
{
public:
    void check(const std::string &element, const std::string &label, const std::string &message)
    {
        if (!message.empty())
            m_problems.push_back({element, label + ": " + message});
    }
    std::vector<ExportProblem> take() { return std::move(m_problems); }

private:
    std::vector<ExportProblem> m_problems;
};

} // namespace

std::vector<ExportProblem> exportProblems(const Design &design)
{
    ProblemList p;
    const DesignIndex index(design);
    std::unordered_map<std::string, std::string> accountIds; // 12 digits -> element id
    std::unordered_set<std::string> ids;
    const auto uniqueId = [&](const std::string &id, const std::string &label) {
        if (id.empty())
            p.check(id, label, "has no element id");
        else if (!ids.insert(id).second)
            p.check(id, label, "element id " + shown(id) + " is used twice");
    };
    const auto accountOf = [&](const std::string &element, const std::string &label,
                               const std::string &accountElement) -> const Account * {
        const Account *a = index.account(accountElement);
        if (!a)
            p.check(element, label, "its account " + shown(accountElement) + " does not exist");
        return a;
    };

    for (const Account &a : design.accounts) {
        const std::string label = "account " + shown(a.name.empty() ? a.id : a.name);
        uniqueId(a.id, label);
        p.check(a.id, label, names::checkAccountId(a.accountId));
        if (names::checkAccountId(a.accountId).empty()) {
            auto [it, fresh] = accountIds.emplace(a.accountId, a.id);
            if (!fresh)
                p.check(a.id, label,
                        "account id " + a.accountId + " is also used by account element "
                            + shown(it->second) + " (one folder per account id)");
        }
    }
    for (const Bucket &b : design.buckets) {
        const std::string label = "bucket " + shown(b.name);
        uniqueId(b.id, label);
        p.check(b.id, label, names::checkBucketName(b.name));
        if (const Account *a = accountOf(b.id, label, b.account))
            p.check(b.id, label, names::checkRegion(b.region, a->partition));
        if (!b.defaultKey.empty() && !index.key(b.defaultKey))
            p.check(b.id, label, "its default key " + shown(b.defaultKey) + " does not exist");
    }
    for (const KmsKey &k : design.keys) {
        const std::string label = "key " + shown(k.alias.empty() ? k.keyId : k.alias);
        uniqueId(k.id, label);
        p.check(k.id, label, names::checkKmsKeyId(k.keyId, k.kind));
        if (!k.alias.empty())
            p.check(k.id, label, names::checkKmsAliasName(k.alias, k.kind));
        if (const Account *a = accountOf(k.id, label, k.account))
            p.check(k.id, label, names::checkRegion(k.region, a->partition));
    }
    for (const Role &r : design.roles) {
        const std::string label = "role " + shown(r.name);
        uniqueId(r.id, label);
        p.check(r.id, label, names::checkRoleName(r.name));
        p.check(r.id, label, names::checkRolePath(r.path));
        accountOf(r.id, label, r.account);
    }
    for (const ReplicationRule &r : design.rules) {
        const std::string label = "rule " + shown(r.ruleId.empty() ? r.id : r.ruleId);
        uniqueId(r.id, label);
        p.check(r.id, label, names::checkRuleId(r.ruleId));
        p.check(r.id, label, names::checkRulePrefix(r.filterPrefix));
        for (const Tag &t : r.filterTags)
            p.check(r.id, label, names::checkTag(t));
        p.check(r.id, label, names::checkStorageClass(r.storageClass));
        if (!index.bucket(r.source))
            p.check(r.id, label, "its source bucket " + shown(r.source) + " does not exist");
        if (!index.bucket(r.destination))
            p.check(r.id, label,
                    "its destination bucket " + shown(r.destination) + " does not exist");
        if (r.role.empty())
            p.check(r.id, label, "has no replication role");
        else if (!index.role(r.role))
            p.check(r.id, label, "its role " + shown(r.role) + " does not exist");
        if (!r.replicaKey.empty() && !index.key(r.replicaKey))
            p.check(r.id, label, "its replica key " + shown(r.replicaKey) + " does not exist");
    }
    // Custom policies are passed through verbatim: they must at least be JSON.
    const auto customJson = [&](const std::string &element, const std::string &label,
                                const std::optional<CustomPolicy> &policy) {
        if (policy && nlohmann::json::parse(policy->document, nullptr, false).is_discarded())
            p.check(element, label,
                    "its custom policy " + shown(policy->name) + " is not valid JSON");
    };
    for (const Bucket &b : design.buckets)
        customJson(b.id, "bucket " + shown(b.name), b.customBucketPolicy);
    for (const KmsKey &k : design.keys)
        customJson(k.id, "key " + shown(k.alias.empty() ? k.keyId : k.alias), k.customKeyPolicy);
    for (const Role &r : design.roles) {
        customJson(r.id, "role " + shown(r.name), r.customTrustPolicy);
        customJson(r.id, "role " + shown(r.name), r.customPermissionsPolicy);
    }
    return p.take();
}

std::vector<ExportFile> exportFiles(const Design &design, ExportFormat format,
                                    CheckReport *checklist)
{
    detail::ExportPlan plan(design);
    std::vector<ExportFile> files;
    switch (format) {
    case ExportFormat::Bundle: files = detail::bundleFiles(plan); break;
    case ExportFormat::CloudFormation:
        files = detail::accountFolders(plan, detail::kCloudFormationExport);
        break;
    case ExportFormat::Terraform:
        files = detail::accountFolders(plan, detail::kTerraformExport);
        break;
    }
    if (checklist) {
        // The plan's findings point into its report: nothing reads them after this.
        plan.accounts.clear();
        *checklist = std::move(plan.report);
    }
    return files;
}

// --- The plan ---

namespace detail {

std::string shellOptionLoop(const std::string &script, std::string_view before,
                            std::string_view after)
{
    std::string loop = "while [ $# -gt 0 ]; do\n"
                       "    case \"$1\" in\n"
                       "    --yes | -y) ASSUME_YES=1 ;;\n"
                       "    --dry-run) DRY_RUN=1 ;;\n";
    loop += before;
    loop += "    --endpoint-url)\n        [ $# -ge 2 ] || { echo '";
    loop += script;
    loop += ": --endpoint-url needs a URL' >&2; exit 2; }\n"
            "        ENDPOINT=(--endpoint-url \"$2\")\n"
            "        shift ;;\n"
            "    --endpoint-url=*) ENDPOINT=(--endpoint-url \"${1#*=}\") ;;\n";
    loop += after;
    loop += "    -h | --help) usage; exit 0 ;;\n    *) echo \"";
    loop += script;
    loop += ": unknown option: $1\" >&2; usage >&2; exit 2 ;;\n"
            "    esac\n"
            "    shift\n"
            "done\n";
    return loop;
}

std::vector<ExportFile> accountFolders(const ExportPlan &plan, const FolderExport &format)
{
    std::string index = "# " + std::string(format.title);
    if (!plan.design.name.empty())
        index += ": " + plan.design.name;
    index += "\n\n";
    index += format.intro;
    std::vector<ExportFile> files(1);
    for (const AccountPlan &a : plan.accounts) {
        AccountFolder folder = format.folder(plan, a);
        index += folder.entry;
        for (ExportFile &f : folder.files)
            files.push_back(std::move(f));
    }
    files.front() = {"README.md", std::move(index), false};
    return files;
}

std::string baseName(const std::string &path)
{
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

ExportPlan::ExportPlan(const Design &d)
    : design(d)
    , index(d)
    , artifacts(generateArtifacts(d))
    , report(runChecks(d, artifacts))
{
    // Artifacts by (kind, element).
    std::unordered_map<std::string, const Artifact *> byElement;
    for (const Artifact &a : artifacts)
        byElement[std::string(artifactKindName(a.kind)) + "\n" + a.element] = &a;
    const auto artifact = [&](ArtifactKind kind, const std::string &element) -> const Artifact * {
        const auto it = byElement.find(std::string(artifactKindName(kind)) + "\n" + element);
        return it == byElement.end() ? nullptr : it->second;
    };

    std::unordered_map<std::string_view, std::size_t> slot;
    for (const Account &a : d.accounts) {
        slot[a.id] = accounts.size();
        AccountPlan plan;
        plan.account = &a;
        accounts.push_back(std::move(plan));
    }
    for (const KmsKey &k : d.keys) {
        if (auto it = slot.find(k.account); it != slot.end())
            accounts[it->second].keys.push_back({&k, artifact(ArtifactKind::KeyPolicy, k.id)});
    }
    std::unordered_map<std::string_view, std::vector<const Artifact *>> managed;
    for (const Artifact &a : artifacts) {
        if (a.kind == ArtifactKind::RoleManagedPolicy)
            managed[a.element].push_back(&a);
    }
    for (const Role &r : d.roles) {
        if (auto it = slot.find(r.account); it != slot.end())
            accounts[it->second].roles.push_back(
                {&r, artifact(ArtifactKind::RoleTrustPolicy, r.id),
                 artifact(ArtifactKind::RolePermissionsPolicy, r.id), managed[r.id]});
    }
    for (const Bucket &b : d.buckets) {
        auto it = slot.find(b.account);
        if (it == slot.end())
            continue;
        BucketStep step;
        step.bucket = &b;
        bool replicated = false;
        for (const ReplicationRule *r : index.rulesFrom(b.id))
            replicated = replicated || r->enabled;
        for (const ReplicationRule *r : index.rulesTo(b.id))
            replicated = replicated || r->enabled;
        step.setVersioning = replicated && b.versioning == Versioning::Enabled;
        const bool kmsDefault = b.defaultEncryption != DefaultEncryption::SseS3
                                && !b.defaultKey.empty() && index.key(b.defaultKey);
        step.setEncryption = kmsDefault || !b.sseCBlocked;
        step.policy = artifact(ArtifactKind::BucketPolicy, b.id);
        step.replication = artifact(ArtifactKind::ReplicationConfiguration, b.id);
        accounts[it->second].buckets.push_back(step);
    }
    for (const ReplicationRule &r : d.rules) {
        const Bucket *src = index.bucket(r.source);
        const Bucket *dst = index.bucket(r.destination);
        if (src) {
            if (auto it = slot.find(src->account); it != slot.end())
                accounts[it->second].rules.push_back(&r);
        }
        if (src && dst && accountIdOf(src->account) != accountIdOf(dst->account)) {
            if (auto it = slot.find(dst->account); it != slot.end())
                accounts[it->second].incoming.push_back(&r);
        }
    }
    // Findings go to every account owning one of the elements they concern.
    for (const Finding &f : report.findings) {
        std::set<std::size_t> targets;
        for (const std::string &e : f.elements) {
            std::string account;
            if (const Bucket *b = index.bucket(e))
                account = b->account;
            else if (const KmsKey *k = index.key(e))
                account = k->account;
            else if (const Role *r = index.role(e))
                account = r->account;
            else if (const ReplicationRule *r = index.rule(e)) {
                if (const Bucket *src = index.bucket(r->source))
                    account = src->account;
            } else if (index.account(e))
                account = e;
            if (auto it = slot.find(account); it != slot.end())
                targets.insert(it->second);
        }
        for (std::size_t t : targets)
            accounts[t].findings.push_back(&f);
    }
    std::erase_if(accounts, [](const AccountPlan &a) { return a.empty(); });
}

std::string ExportPlan::accountIdOf(const std::string &accountElement) const
{
    const Account *a = index.account(accountElement);
    return a ? a->accountId : std::string();
}

Partition ExportPlan::partitionOf(const std::string &accountElement) const
{
    const Account *a = index.account(accountElement);
    return a ? a->partition : Partition::Aws;
}

std::string ExportPlan::bucketArn(const Bucket &b) const
{
    return arn::bucket(partitionOf(b.account), b.name);
}

std::string ExportPlan::keyArn(const KmsKey &k) const
{
    return arn::key(partitionOf(k.account), k.region, accountIdOf(k.account), k.keyId);
}

std::string ExportPlan::roleArn(const Role &r) const
{
    return arn::role(partitionOf(r.account), accountIdOf(r.account), r.path, r.name);
}

ExportPlan::EncryptionRule ExportPlan::encryptionRule(const Bucket &b) const
{
    EncryptionRule rule;
    const KmsKey *key = b.defaultKey.empty() ? nullptr : index.key(b.defaultKey);
    if (b.defaultEncryption != DefaultEncryption::SseS3 && key) {
        rule.algorithm =
            b.defaultEncryption == DefaultEncryption::DsseKms ? "aws:kms:dsse" : "aws:kms";
        rule.keyArn = keyArn(*key);
        // DSSE-KMS does not support S3 Bucket Keys.
        rule.bucketKey = b.bucketKey && b.defaultEncryption == DefaultEncryption::SseKms;
    } else {
        rule.algorithm = "AES256";
    }
    // New buckets block SSE-C by default since April 2026; an explicit "NONE" allows it.
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/blocking-unblocking-s3-c-encryption-gpb.html
    rule.allowSseC = !b.sseCBlocked;
    return rule;
}

std::string ExportPlan::encryptionConfiguration(const Bucket &b) const
{
    const EncryptionRule e = encryptionRule(b);
    nlohmann::ordered_json rule = nlohmann::ordered_json::object();
    nlohmann::ordered_json &def = rule["ApplyServerSideEncryptionByDefault"];
    def["SSEAlgorithm"] = e.algorithm;
    if (!e.keyArn.empty())
        def["KMSMasterKeyID"] = e.keyArn;
    if (e.bucketKey)
        rule["BucketKeyEnabled"] = *e.bucketKey;
    if (e.allowSseC)
        rule["BlockedEncryptionTypes"]["EncryptionType"] = nlohmann::ordered_json::array({"NONE"});
    nlohmann::ordered_json doc = nlohmann::ordered_json::object();
    doc["Rules"] = nlohmann::ordered_json::array({rule});
    return doc.dump(2) + "\n";
}

} // namespace detail

// --- Writing ---

namespace {

// A relative path made of plain components only: no "", ".", "..", no leading "/".
bool plainRelative(const std::string &path)
{
    if (path.empty() || path.front() == '/')
        return false;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string::npos)
            end = path.size();
        const std::string part = path.substr(start, end - start);
        if (part.empty() || part == "." || part == ".." || part.find('\0') != std::string::npos)
            return false;
        start = end + 1;
    }
    return true;
}

bool inside(const fs::path &root, const fs::path &candidate)
{
    auto r = root.begin();
    auto c = candidate.begin();
    for (; r != root.end(); ++r, ++c) {
        if (r->empty())
            continue; // a trailing separator
        if (c == candidate.end() || *r != *c)
            return false;
    }
    return c != candidate.end();
}

std::string checkPaths(const std::vector<ExportFile> &files, const fs::path &root)
{
    for (const ExportFile &f : files) {
        if (!plainRelative(f.path))
            return "refusing to write " + f.path + ": not a plain relative path";
        std::error_code ec;
        const fs::path target = fs::weakly_canonical(root / f.path, ec);
        if (ec || !inside(root, target))
            return "refusing to write " + f.path + ": it would leave " + root.string();
    }
    return {};
}

} // namespace

std::string writeExportFolder(const std::vector<ExportFile> &files, const std::string &outDir)
{
    std::error_code ec;
    const fs::path resolved = fs::weakly_canonical(fs::absolute(outDir, ec), ec);
    if (ec)
        return "cannot resolve " + outDir + ": " + ec.message();
    for (const ExportFile &f : files) {
        if (!plainRelative(f.path))
            return "refusing to write " + f.path + ": not a plain relative path";
    }
    // A symlink in the existing folder that would lead a file outside is refused, as when
    // writing into the folder itself, rather than silently replaced by a real folder.
    if (fs::is_directory(resolved, ec)) {
        if (std::string error = checkPaths(files, resolved); !error.empty())
            return error;
    }
    // The whole folder appears at once, so a crash never leaves a mix of two exports.
    return files::replaceFolderAtomically(resolved.string(), [&](const std::string &folder) {
        const fs::path root(folder);
        if (std::string error = checkPaths(files, root); !error.empty())
            return error;
        for (const ExportFile &f : files) {
            const fs::path target = root / f.path;
            std::error_code e;
            fs::create_directories(target.parent_path(), e);
            if (e)
                return "cannot create " + target.parent_path().string() + ": " + e.message();
            // A sub-folder that is a symlink out of the folder is caught here, after creation.
            const fs::path real = fs::weakly_canonical(target, e);
            if (e || !inside(root, real))
                return "refusing to write " + f.path + ": it would leave " + root.string();
            if (std::string error =
                    files::writeFileAtomically(target.string(), f.content,
                                               f.executable ? 0755 : 0644,
                                               files::Durability::WithFolder);
                !error.empty())
                return "cannot write " + target.string() + ": " + error;
        }
        return std::string();
    });
}

std::string writeExportZip(const std::vector<ExportFile> &files, const std::string &zipPath)
{
    for (const ExportFile &f : files) {
        if (!plainRelative(f.path))
            return "refusing to add " + f.path + " to the archive: not a plain relative path";
    }
    // The archive is built in memory and then written with the atomic file writer, so a crash
    // leaves the previous archive or the complete new one, and no temporary file behind.
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *buffer = zip_source_buffer_create(nullptr, 0, 0, &ze);
    zip_t *archive = buffer ? zip_open_from_source(buffer, ZIP_TRUNCATE, &ze) : nullptr;
    if (!archive) {
        std::string message = "cannot create " + zipPath + ": " + zip_error_strerror(&ze);
        zip_error_fini(&ze);
        if (buffer)
            zip_source_free(buffer);
        return message;
    }
    zip_error_fini(&ze);
    zip_source_keep(buffer); // read back after zip_close()
    const auto fail = [&](const std::string &what) {
        std::string message = what + ": " + zip_strerror(archive);
        zip_discard(archive);
        zip_source_free(buffer);
        return message;
    };
    std::set<std::string> folders;
    for (const ExportFile &f : files) {
        for (std::size_t slash = f.path.find('/'); slash != std::string::npos;
             slash = f.path.find('/', slash + 1)) {
            const std::string folder = f.path.substr(0, slash + 1);
            if (folders.insert(folder).second
                && zip_dir_add(archive, folder.c_str(), ZIP_FL_ENC_UTF_8) < 0)
                return fail("cannot add " + folder);
        }
        zip_source_t *source = zip_source_buffer(archive, f.content.data(), f.content.size(), 0);
        if (!source)
            return fail("cannot add " + f.path);
        const zip_int64_t index =
            zip_file_add(archive, f.path.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (index < 0) {
            zip_source_free(source);
            return fail("cannot add " + f.path);
        }
        const zip_uint32_t mode = (f.executable ? 0100755u : 0100644u) << 16;
        if (zip_file_set_external_attributes(archive, zip_uint64_t(index), 0, ZIP_OPSYS_UNIX, mode)
            < 0)
            return fail("cannot set the mode of " + f.path);
    }
    if (zip_close(archive) < 0)
        return fail("cannot write " + zipPath);

    std::string bytes;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_stat(buffer, &st) < 0 || zip_source_open(buffer) < 0) {
        zip_source_free(buffer);
        return "cannot write " + zipPath + ": the archive could not be read back";
    }
    bytes.resize(std::size_t(st.size));
    const zip_int64_t read = zip_source_read(buffer, bytes.data(), st.size);
    zip_source_close(buffer);
    zip_source_free(buffer);
    if (read < 0 || zip_uint64_t(read) != st.size)
        return "cannot write " + zipPath + ": the archive could not be read back";

    files::removeStaleTemporaries(zipPath);
    if (std::string error = files::writeFileAtomically(zipPath, bytes); !error.empty())
        return "cannot write " + zipPath + ": " + error;
    return {};
}

} // namespace s3rd::model::exchange
