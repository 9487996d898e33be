#include "policies/policywriter.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace s3rd::model::policy {

using nlohmann::ordered_json;

namespace {

template <typename String> void appendList(std::string &out, const std::vector<String> &values)
{
    for (const String &v : values) {
        out += v;
        out += '\x1f';
    }
    out += '\x1e';
}

// A signature of every dimension of a statement except the ones masked out, so statements that
// differ only in the masked dimension share a signature.
enum Dimension
{
    DimConditionValues = 1,
    DimResources = 2,
    DimPrincipals = 4
};

std::string signature(const Statement &s, int masked, std::string_view unionKey)
{
    std::string sig;
    sig.reserve(256);
    sig += s.allow ? 'A' : 'D';
    sig += s.sidBase;
    sig += '\x1e';
    if (!(masked & DimPrincipals)) {
        appendList(sig, s.principalAws);
        appendList(sig, s.principalService);
    }
    appendList(sig, s.actions);
    if (!(masked & DimResources))
        appendList(sig, s.resources);
    for (const Condition &c : s.conditions) {
        sig += c.op;
        sig += '\x1d';
        sig += c.key;
        sig += '\x1d';
        if ((masked & DimConditionValues) && c.key == unionKey)
            sig += '*';
        else
            appendList(sig, c.values);
    }
    return sig;
}

void appendUnique(std::vector<std::string> &into, const std::vector<std::string> &from)
{
    into.insert(into.end(), from.begin(), from.end());
}

void appendElements(Statement &into, const Statement &from)
{
    for (std::string_view e : from.elements) {
        if (std::find(into.elements.begin(), into.elements.end(), e) == into.elements.end())
            into.elements.push_back(e);
    }
}

// One merge pass over one dimension.
void mergePass(std::vector<Statement> &statements, int dimension, std::string_view unionKey)
{
    if (statements.size() < 2)
        return;
    std::unordered_map<std::string, std::size_t> firstBySignature;
    firstBySignature.reserve(statements.size());
    std::vector<Statement> merged;
    merged.reserve(statements.size());
    for (Statement &s : statements) {
        auto [it, inserted] =
            firstBySignature.emplace(signature(s, dimension, unionKey), merged.size());
        if (inserted) {
            merged.push_back(std::move(s));
            continue;
        }
        Statement &target = merged[it->second];
        switch (dimension) {
        case DimConditionValues:
            for (std::size_t i = 0; i < target.conditions.size(); ++i) {
                if (target.conditions[i].key == unionKey)
                    appendUnique(target.conditions[i].values, s.conditions[i].values);
            }
            break;
        case DimResources:
            appendUnique(target.resources, s.resources);
            break;
        case DimPrincipals:
            appendUnique(target.principalAws, s.principalAws);
            appendUnique(target.principalService, s.principalService);
            break;
        }
        appendElements(target, s);
    }
    for (Statement &s : merged) {
        switch (dimension) {
        case DimConditionValues:
            for (Condition &c : s.conditions) {
                if (c.key == unionKey)
                    normalisePatterns(c.values);
            }
            break;
        case DimResources:
            normalisePatterns(s.resources);
            break;
        case DimPrincipals:
            normalisePatterns(s.principalAws);
            normalisePatterns(s.principalService);
            break;
        }
    }
    statements = std::move(merged);
}

ordered_json listOrScalar(const std::vector<std::string> &values)
{
    if (values.size() == 1)
        return values.front();
    ordered_json list = ordered_json::array();
    for (const std::string &v : values)
        list.push_back(v);
    return list;
}

template <typename String> ordered_json jsonList(const std::vector<String> &values)
{
    ordered_json out = ordered_json::array();
    out.get_ref<ordered_json::array_t &>().reserve(values.size());
    for (const String &v : values)
        out.push_back(std::string(v));
    return out;
}

} // namespace

void normalisePatterns(std::vector<std::string> &values)
{
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    if (values.size() < 2)
        return;
    std::vector<std::string> wildcards; // copies: remove_if below moves the values
    for (const std::string &v : values) {
        if (!v.empty() && v.back() == '*')
            wildcards.push_back(v.substr(0, v.size() - 1));
    }
    if (wildcards.empty())
        return;
    // "P*" covers every other value starting with P (a "*" matches any characters, none too).
    auto covered = [&](const std::string &v) {
        for (const std::string &w : wildcards) {
            const bool isSelf = v.size() == w.size() + 1 && v.back() == '*';
            if (!isSelf && v.size() >= w.size() && v.compare(0, w.size(), w) == 0)
                return true;
        }
        return false;
    };
    values.erase(std::remove_if(values.begin(), values.end(), covered), values.end());
}

void mergeStatements(std::vector<Statement> &statements, std::string_view unionConditionKey)
{
    for (Statement &s : statements) {
        normalisePatterns(s.resources);
        normalisePatterns(s.principalAws);
        normalisePatterns(s.principalService);
        for (Condition &c : s.conditions)
            normalisePatterns(c.values);
    }
    // Only statements with the same Sid base can merge; most policies have none in common.
    bool repeated = false;
    std::unordered_map<std::string_view, int> bases;
    for (const Statement &s : statements)
        repeated = repeated || ++bases[s.sidBase] > 1;
    if (repeated) {
        if (!unionConditionKey.empty())
            mergePass(statements, DimConditionValues, unionConditionKey);
        mergePass(statements, DimResources, unionConditionKey);
        mergePass(statements, DimPrincipals, unionConditionKey);
    }
    std::stable_sort(statements.begin(), statements.end(),
                     [](const Statement &a, const Statement &b) { return a.rank < b.rank; });
}

void assignSids(std::vector<Statement> &statements)
{
    std::unordered_map<std::string_view, int> seen;
    bool numbered = false;
    for (Statement &s : statements) {
        const int n = ++seen[s.sidBase];
        s.sid = s.sidBase;
        if (n > 1) {
            s.sid += std::to_string(n);
            numbered = true;
        }
    }
    if (!numbered)
        return;
    // A numbered Sid could collide with another base ending in a digit; renumber those.
    std::unordered_map<std::string, int> used;
    for (Statement &s : statements) {
        std::string sid = s.sid;
        for (int n = 2; used.count(sid); ++n)
            sid = s.sid + "x" + std::to_string(n);
        used.emplace(sid, 1);
        s.sid = std::move(sid);
    }
}

ordered_json policyDocument(const std::vector<Statement> &statements)
{
    ordered_json doc = ordered_json::object();
    doc["Version"] = kPolicyVersion;
    ordered_json &list = doc["Statement"] = ordered_json::array();
    for (const Statement &s : statements) {
        ordered_json st = ordered_json::object();
        st["Sid"] = s.sid;
        st["Effect"] = s.allow ? "Allow" : "Deny";
        if (!s.principalAws.empty() || !s.principalService.empty()) {
            ordered_json principal = ordered_json::object();
            if (!s.principalAws.empty())
                principal["AWS"] = listOrScalar(s.principalAws);
            if (!s.principalService.empty())
                principal["Service"] = listOrScalar(s.principalService);
            st["Principal"] = std::move(principal);
        }
        if (s.scalarAction && s.actions.size() == 1)
            st["Action"] = std::string(s.actions.front());
        else
            st["Action"] = jsonList(s.actions);
        // Trust policies name no resource.
        if (s.resources.size() == 1 && s.resources.front() == "*")
            st["Resource"] = "*";
        else if (!s.resources.empty())
            st["Resource"] = jsonList(s.resources);
        if (!s.conditions.empty()) {
            ordered_json cond = ordered_json::object();
            for (const Condition &c : s.conditions) {
                // Keys of the encryption context stay lists, as in AWS's examples.
                cond[c.op][c.key] = c.key.rfind("kms:EncryptionContext:", 0) == 0
                                        ? jsonList(c.values)
                                        : listOrScalar(c.values);
            }
            st["Condition"] = std::move(cond);
        }
        list.push_back(std::move(st));
    }
    return doc;
}

std::vector<StatementNote> policyNotes(const std::vector<Statement> &statements)
{
    std::vector<StatementNote> notes;
    notes.reserve(statements.size());
    for (const Statement &s : statements)
        notes.push_back({s.sid, std::vector<std::string>(s.elements.begin(), s.elements.end()),
                         std::string(s.why), std::string(s.docUrl)});
    return notes;
}

namespace {

void writeString(std::string &out, const std::string &text)
{
    // Plain ASCII without quotes, backslashes or control characters is copied as is; anything
    // else goes through the library's escaping (which also replaces invalid UTF-8).
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x80 || c == '"' || c == '\\') {
            out += ordered_json(text).dump(-1, ' ', false, ordered_json::error_handler_t::replace);
            return;
        }
    }
    out += '"';
    out += text;
    out += '"';
}

void indentTo(std::string &out, int depth)
{
    out.append(std::size_t(depth) * 2, ' ');
}

// The same bytes as nlohmann's dump(2), without its per-character escaping state machine:
// generation runs on every edit in the designer.
void write(std::string &out, const ordered_json &value, int depth)
{
    switch (value.type()) {
    case ordered_json::value_t::object: {
        const auto &object = value.get_ref<const ordered_json::object_t &>();
        if (object.empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        bool first = true;
        for (const auto &[key, member] : object) {
            if (!first)
                out += ",\n";
            first = false;
            indentTo(out, depth + 1);
            writeString(out, key);
            out += ": ";
            write(out, member, depth + 1);
        }
        out += '\n';
        indentTo(out, depth);
        out += '}';
        return;
    }
    case ordered_json::value_t::array: {
        const auto &array = value.get_ref<const ordered_json::array_t &>();
        if (array.empty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        bool first = true;
        for (const ordered_json &element : array) {
            if (!first)
                out += ",\n";
            first = false;
            indentTo(out, depth + 1);
            write(out, element, depth + 1);
        }
        out += '\n';
        indentTo(out, depth);
        out += ']';
        return;
    }
    case ordered_json::value_t::string:
        writeString(out, value.get_ref<const std::string &>());
        return;
    default:
        out += value.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
        return;
    }
}

} // namespace

std::string render(const ordered_json &document)
{
    // Written into a reused scratch buffer, then copied at its exact size: growing a fresh
    // string past 1 KB makes glibc consolidate its free lists on every document.
    thread_local std::string buffer;
    buffer.clear();
    write(buffer, document, 0);
    buffer += '\n';
    return std::string(buffer);
}

std::string escapeArnLiteral(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '*':
            out += "${*}";
            break;
        case '?':
            out += "${?}";
            break;
        case '$':
            out += "${$}";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string sidWord(std::string_view text)
{
    std::string out;
    bool upper = true;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) && u < 128) {
            out += upper ? char(std::toupper(u)) : c;
            upper = false;
        } else {
            upper = true;
        }
    }
    return out;
}

} // namespace s3rd::model::policy
