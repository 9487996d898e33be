// The importer's lookups: ARNs and subjects to the buckets, roles and keys they name, and
// policy values to policy documents.
#include "exchange/importinternal.h"

#include "core/arn.h"
#include "core/limits.h"
#include "core/names.h"
#include "core/textposition.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>
#include <tuple>

namespace s3rd::model::exchange::importing {

std::optional<Arn> parseArn(const std::string &text)
{
    std::array<std::string_view, 6> parts;
    if (!arn::split(text, parts) || parts[0] != "arn")
        return std::nullopt;
    return Arn{std::string(parts[1]), std::string(parts[2]), std::string(parts[3]),
               std::string(parts[4]), std::string(parts[5])};
}

std::string percentDecode(const std::string &text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && std::isxdigit((unsigned char)text[i + 1])
            && std::isxdigit((unsigned char)text[i + 2])) {
            out += char(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else if (text[i] == '+') {
            out += ' ';
        } else {
            out += text[i];
        }
    }
    return out;
}

// nlohmann's parse errors give the number of bytes read: the error is at the last one.
std::string errorPosition(const std::string &text, std::size_t bytesRead)
{
    return lineColumnAt(text, bytesRead == 0 ? 0 : bytesRead - 1);
}

std::vector<std::string> stringList(const ojson &v)
{
    std::vector<std::string> out;
    if (v.is_string())
        out.push_back(v.get<std::string>());
    else if (v.is_array()) {
        for (const auto &x : v) {
            if (x.is_string())
                out.push_back(x.get<std::string>());
        }
    }
    return out;
}

bool has(const std::vector<std::string> &list, const std::string &value)
{
    return std::find(list.begin(), list.end(), value) != list.end();
}

RoleInfo *Importer::roleFromArn(const std::string &text, const Origin &o)
{
    const auto a = parseArn(text);
    if (!a || a->service != "iam" || a->resource.rfind("role/", 0) != 0
        || !names::checkAccountId(a->account).empty()) {
        problem(o, "not an IAM role ARN: \"" + text + "\"");
        return nullptr;
    }
    const std::string rest = a->resource.substr(5);
    const std::size_t slash = rest.rfind('/');
    const std::string name = slash == std::string::npos ? rest : rest.substr(slash + 1);
    const std::string path = slash == std::string::npos ? "/" : "/" + rest.substr(0, slash + 1);
    if (!names::checkRoleName(name).empty() || !names::checkRolePath(path).empty()) {
        problem(o, "not a valid role ARN: \"" + text + "\": " + names::checkRoleName(name)
                       + names::checkRolePath(path));
        return nullptr;
    }
    noteAccount(a->account);
    notePartition(a->account, a->partition);
    for (RoleInfo &r : m_roles) {
        if (r.account == a->account && r.name == name) {
            firm(r.path, path, o, "the path of role " + name, path);
            return &r;
        }
    }
    RoleInfo r;
    r.account = a->account;
    r.name = name;
    r.partition = a->partition;
    r.path.value = path;
    r.path.origin = o;
    m_roles.push_back(r);
    return &m_roles.back();
}

KeyInfo *Importer::keyFromArn(const std::string &text, const Origin &o, const std::string &account,
                              const std::string &region)
{
    std::string partition = "aws", keyAccount = account, keyRegion = region, id = text, alias;
    if (const auto a = parseArn(text)) {
        if (a->service != "kms" || a->region.empty() || !names::checkAccountId(a->account).empty()
            || (a->resource.rfind("key/", 0) != 0 && a->resource.rfind("alias/", 0) != 0)) {
            problem(o, "not a KMS key ARN: \"" + text + "\"");
            return nullptr;
        }
        partition = a->partition;
        keyAccount = a->account;
        keyRegion = a->region;
        if (a->resource.rfind("key/", 0) == 0)
            id = a->resource.substr(4);
        else {
            alias = a->resource;
            id.clear();
        }
    } else if (text.rfind("alias/", 0) == 0) {
        alias = text;
        id.clear();
    }
    noteAccount(keyAccount);
    notePartition(keyAccount, partition);
    for (KeyInfo &k : m_keys) {
        if (k.account == keyAccount && k.region == keyRegion
            && ((!id.empty() && k.keyId == id) || (!alias.empty() && k.alias == alias)))
            return &k;
    }
    KeyInfo &k = m_keys.emplace_back();
    std::tie(k.partition, k.account, k.region, k.keyId, k.alias) =
        std::tie(partition, keyAccount, keyRegion, id, alias);
    return &k;
}

std::optional<std::string> Importer::bucketFromArn(const std::string &text, const Origin &o,
                                                   bool objectsToo)
{
    const auto a = parseArn(text);
    if (!a || a->service != "s3" || !a->region.empty() || !a->account.empty()) {
        if (!objectsToo)
            problem(o, "not an S3 bucket ARN: \"" + text + "\"");
        return std::nullopt;
    }
    std::string name = a->resource;
    if (const std::size_t slash = name.find('/'); slash != std::string::npos) {
        if (!objectsToo) {
            problem(o, "not an S3 bucket ARN (it names objects): \"" + text + "\"");
            return std::nullopt;
        }
        name.resize(slash);
    }
    if (!names::checkBucketName(name).empty()) {
        if (!objectsToo)
            problem(o, "\"" + name + "\": " + names::checkBucketName(name));
        return std::nullopt;
    }
    return name;
}

BucketInfo *Importer::subjectBucket(const ImportSubject &s, const Origin &o, const char *what)
{
    if (s.bucket.empty()) {
        problem(o, std::string("this ") + what
                       + " does not say which bucket it belongs to: put --bucket NAME before it");
        return nullptr;
    }
    if (const std::string error = names::checkBucketName(s.bucket); !error.empty()) {
        problem(o, "--bucket \"" + s.bucket + "\": " + error);
        return nullptr;
    }
    BucketInfo &b = bucket(s.bucket);
    if (!s.account.empty()) {
        noteAccount(s.account);
        firm(b.account, s.account, o, "the account of bucket " + s.bucket, s.account);
    }
    if (!s.region.empty())
        firm(b.region, s.region, o, "the Region of bucket " + s.bucket, s.region);
    return &b;
}

RoleInfo *Importer::subjectRole(const ImportSubject &s, const Origin &o,
                                const std::string &roleName)
{
    const std::string given = !roleName.empty() ? roleName : s.role;
    if (given.empty()) {
        problem(o, "this role policy does not say which role it belongs to: put --role NAME (or "
                   "ARN) before it");
        return nullptr;
    }
    if (given.rfind("arn:", 0) == 0)
        return roleFromArn(given, o);
    // A role name: the role of that name already seen (in the subject's account if several
    // accounts have one), or a new one in the subject's account.
    RoleInfo *found = nullptr, *inAccount = nullptr;
    int count = 0;
    for (RoleInfo &r : m_roles) {
        if (r.name != given)
            continue;
        ++count;
        found = &r;
        if (r.account == s.account)
            inAccount = &r;
    }
    if (inAccount)
        return inAccount;
    if (count == 1)
        return found;
    if (count > 1) {
        problem(o, "role name \"" + given
                       + "\" is ambiguous (several accounts): give --account or the role ARN "
                         "with --role");
        return nullptr;
    }
    if (s.account.empty()) {
        problem(o, "role \"" + given
                       + "\" is not named by any other input: give its ARN with --role, or "
                         "--account");
        return nullptr;
    }
    if (const std::string error = names::checkRoleName(given); !error.empty()) {
        problem(o, "role \"" + given + "\": " + error);
        return nullptr;
    }
    noteAccount(s.account);
    RoleInfo r;
    r.account = s.account;
    r.name = given;
    m_roles.push_back(r);
    return &m_roles.back();
}

KeyInfo *Importer::subjectKey(const ImportSubject &s, const Origin &o)
{
    if (s.key.empty()) {
        problem(o, "this key policy does not say which key it belongs to: put --key ARN before "
                   "it");
        return nullptr;
    }
    if (s.key.rfind("arn:", 0) != 0 && (s.account.empty() || s.region.empty())) {
        problem(o, "--key \"" + s.key + "\" is not an ARN: give the key ARN, or --account and "
                                        "--region with the key id");
        return nullptr;
    }
    return keyFromArn(s.key, o, s.account, s.region);
}

std::optional<PolicyText> Importer::policyText(const ojson &value, const Origin &o)
{
    PolicyText p;
    p.origin = o;
    if (value.is_string()) {
        // get-bucket-policy and get-key-policy return the policy as JSON text; raw IAM API
        // output URL-encodes it.
        std::string text = value.get<std::string>();
        std::string_view trimmed(text);
        while (!trimmed.empty() && std::isspace((unsigned char)trimmed.front()))
            trimmed.remove_prefix(1);
        if (!trimmed.empty() && trimmed.front() == '%')
            text = percentDecode(text);
        if (text.size() > limits::kMaxPolicyBytes) {
            problem(o, "the policy is " + std::to_string(text.size())
                           + " bytes; policy documents are limited to "
                           + std::to_string(limits::kMaxPolicyBytes) + " bytes");
            return std::nullopt;
        }
        if (limits::tooDeepAt(text) != std::string_view::npos) {
            problem(o, "the policy is nested more than " + std::to_string(limits::kMaxDepth)
                           + " levels deep; this is not a policy");
            return std::nullopt;
        }
        p.document = ojson::parse(text, nullptr, false);
        if (p.document.is_discarded()) {
            try {
                const ojson strict = ojson::parse(text);
                (void)strict;
            } catch (const nlohmann::json::parse_error &e) {
                problem(o, "the policy text is not JSON (" + errorPosition(text, e.byte)
                               + " of the policy)");
                return std::nullopt;
            }
        }
        p.text = text;
    } else if (value.is_object()) {
        p.document = value;
        p.text = value.dump(2) + "\n";
        if (p.text.size() > limits::kMaxPolicyBytes) {
            problem(o, "the policy is " + std::to_string(p.text.size())
                           + " bytes; policy documents are limited to "
                           + std::to_string(limits::kMaxPolicyBytes) + " bytes");
            return std::nullopt;
        }
    } else {
        problem(o, "expected a policy (a JSON object, or its text)");
        return std::nullopt;
    }
    if (!p.document.is_object() || !p.document.contains("Statement")) {
        problem(o, "not a policy: it has no \"Statement\"");
        return std::nullopt;
    }
    return p;
}

} // namespace s3rd::model::exchange::importing
