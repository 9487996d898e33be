#include "designfile.h"

#include "atomicfile.h"
#include "limits.h"
#include "names.h"
#include "textposition.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <sys/stat.h>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

namespace s3rd::model {

namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

constexpr std::string_view kFormatName = "s3-replication-designer";
using limits::kMaxDepth;
using limits::kMaxElements;
using limits::kMaxFileBytes;
using limits::kMaxPolicyBytes;
using limits::tooDeepAt;
// A file broken everywhere should not produce an unbounded report.
constexpr std::size_t kMaxProblems = 1000;
// Objects with more keys than this are checked for duplicate keys with a hash set.
constexpr std::size_t kLinearKeyScan = 32;

// ---------------------------------------------------------------------------------------------
// Enum names used in the file

struct EnumName
{
    int value;
    std::string_view name;
};

template<typename E, std::size_t N>
std::string_view enumName(const EnumName (&table)[N], E value)
{
    for (const EnumName &e : table) {
        if (e.value == static_cast<int>(value))
            return e.name;
    }
    return table[0].name;
}

template<typename E, std::size_t N>
bool enumValue(const EnumName (&table)[N], std::string_view name, E &out)
{
    for (const EnumName &e : table) {
        if (e.name == name) {
            out = static_cast<E>(e.value);
            return true;
        }
    }
    return false;
}

template<std::size_t N>
std::string enumChoices(const EnumName (&table)[N])
{
    std::string out;
    for (std::size_t i = 0; i < N; ++i) {
        if (i)
            out += i + 1 == N ? " or " : ", ";
        out += "\"" + std::string(table[i].name) + "\"";
    }
    return out;
}

const EnumName kPartitions[] = {
    {int(Partition::Aws), names::partitionName(Partition::Aws)},
    {int(Partition::AwsCn), names::partitionName(Partition::AwsCn)},
    {int(Partition::AwsUsGov), names::partitionName(Partition::AwsUsGov)},
};
const EnumName kVersionings[] = {
    {int(Versioning::Enabled), "enabled"},
    {int(Versioning::Suspended), "suspended"},
    {int(Versioning::Unversioned), "unversioned"},
};
const EnumName kEncryptions[] = {
    {int(DefaultEncryption::SseS3), "SSE-S3"},
    {int(DefaultEncryption::SseKms), "SSE-KMS"},
    {int(DefaultEncryption::DsseKms), "DSSE-KMS"},
};
const EnumName kOwnerships[] = {
    {int(ObjectOwnership::BucketOwnerEnforced), "BucketOwnerEnforced"},
    {int(ObjectOwnership::BucketOwnerPreferred), "BucketOwnerPreferred"},
    {int(ObjectOwnership::ObjectWriter), "ObjectWriter"},
};
const EnumName kKeyKinds[] = {
    {int(KeyKind::CustomerManaged), "customer-managed"},
    {int(KeyKind::AwsManaged), "aws-managed"},
    {int(KeyKind::MultiRegionPrimary), "multi-region-primary"},
    {int(KeyKind::MultiRegionReplica), "multi-region-replica"},
};
const EnumName kAttachments[] = {
    {int(PermissionsAttachment::Automatic), "automatic"},
    {int(PermissionsAttachment::Inline), "inline"},
    {int(PermissionsAttachment::Managed), "managed"},
};
const EnumName kGuardrailKinds[] = {
    {int(GuardrailKind::ServiceControlPolicy), "service-control-policy"},
    {int(GuardrailKind::PermissionsBoundary), "permissions-boundary"},
    {int(GuardrailKind::ResourceControlPolicy), "resource-control-policy"},
};
const EnumName kBucketTypes[] = {
    {int(BucketType::GeneralPurpose), "general-purpose"},
    {int(BucketType::Directory), "directory"},
};
const EnumName kLifecycles[] = {
    {int(Lifecycle::None), "none"},
    {int(Lifecycle::Rules), "rules"},
    {int(Lifecycle::GlacierTransitions), "glacier-transitions"},
};
const EnumName kRetentionModes[] = {
    {int(RetentionMode::None), "none"},
    {int(RetentionMode::Governance), "GOVERNANCE"},
    {int(RetentionMode::Compliance), "COMPLIANCE"},
};
const EnumName kKeyStates[] = {
    {int(KeyState::Enabled), "enabled"},
    {int(KeyState::Disabled), "disabled"},
    {int(KeyState::PendingDeletion), "pending-deletion"},
};

// objectEncryptions is written as the list of the encryptions that are on, in this order.
struct ObjectEncryptionName
{
    bool ObjectEncryptions::*member;
    std::string_view name;
};
const ObjectEncryptionName kObjectEncryptions[] = {
    {&ObjectEncryptions::sseS3, "SSE-S3"},     {&ObjectEncryptions::sseKms, "SSE-KMS"},
    {&ObjectEncryptions::dsseKms, "DSSE-KMS"}, {&ObjectEncryptions::sseC, "SSE-C"},
    {&ObjectEncryptions::clientSide, "client-side"},
};

// Builds the JSON tree with nlohmann's own DOM builder, adding what json::parse does not give:
// the position and reason of a syntax error, and keys given twice in one object (a JSON parser
// keeps only the last one, which would silently drop data). Never throws.
class TreeBuilder
{
public:
    using number_integer_t = json::number_integer_t;
    using number_unsigned_t = json::number_unsigned_t;
    using number_float_t = json::number_float_t;
    using string_t = json::string_t;
    using binary_t = json::binary_t;

    explicit TreeBuilder(json &root)
        : m_dom(root, false)
    {
    }

    std::size_t errorPosition = 0;
    std::string errorReason;
    std::vector<LoadProblem> duplicateKeys;

    bool null() { return value() && m_dom.null(); }
    bool boolean(bool v) { return value() && m_dom.boolean(v); }
    bool number_integer(number_integer_t v) { return value() && m_dom.number_integer(v); }
    bool number_unsigned(number_unsigned_t v) { return value() && m_dom.number_unsigned(v); }
    bool number_float(number_float_t v, const string_t &s)
    {
        return value() && m_dom.number_float(v, s);
    }
    bool string(string_t &v) { return value() && m_dom.string(v); }
    bool binary(binary_t &v) { return value() && m_dom.binary(v); }

    bool start_object(std::size_t n) { return open(true) && m_dom.start_object(n); }
    bool start_array(std::size_t n) { return open(false) && m_dom.start_array(n); }
    bool end_object() { return close() && m_dom.end_object(); }
    bool end_array() { return close() && m_dom.end_array(); }

    bool key(string_t &k)
    {
        Frame &f = m_frames[m_depth - 1];
        // A linear scan suits the handful of fields of a design element; an object with
        // thousands of keys (hostile input) switches to a hash set so loading stays linear.
        bool seen = false;
        if (f.count < kLinearKeyScan) {
            for (std::size_t i = 0; i < f.count && !seen; ++i)
                seen = f.keys[i] == k;
            if (f.count < f.keys.size())
                f.keys[f.count].assign(k);
            else
                f.keys.push_back(k);
            if (f.count + 1 == kLinearKeyScan)
                f.many.insert(f.keys.begin(), f.keys.begin() + kLinearKeyScan);
        } else {
            seen = !f.many.insert(k).second;
            f.keys[kLinearKeyScan - 1].assign(k); // the last key, for path()
        }
        if (seen && duplicateKeys.size() < kMaxProblems)
            duplicateKeys.push_back(
                {path(k), "the field \"" + k + "\" appears more than once in this object"});
        ++f.count;
        return m_dom.key(k);
    }

    bool parse_error(std::size_t position, const std::string &token,
                     const nlohmann::detail::exception &ex)
    {
        errorPosition = position;
        // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error …";
        // the location is reported separately.
        errorReason = ex.what();
        if (const auto bracket = errorReason.find("] "); bracket != std::string::npos)
            errorReason = errorReason.substr(bracket + 2);
        if (errorReason.starts_with("parse error")) {
            if (const auto colon = errorReason.find(": "); colon != std::string::npos)
                errorReason = errorReason.substr(colon + 2);
        }
        return m_dom.parse_error(position, token, ex);
    }

private:
    // Frames are kept per depth and reused, so tracking keys allocates almost nothing.
    struct Frame
    {
        bool object = false;
        std::vector<std::string> keys;   // the first kLinearKeyScan keys
        std::unordered_set<std::string> many; // every key, once there are kLinearKeyScan
        std::size_t count = 0; // keys in use
        std::size_t index = 0; // next array index
    };

    bool value()
    {
        if (m_depth > 0 && !m_frames[m_depth - 1].object)
            ++m_frames[m_depth - 1].index;
        return true;
    }

    bool open(bool object)
    {
        value();
        if (m_frames.size() <= m_depth)
            m_frames.emplace_back();
        Frame &f = m_frames[m_depth++];
        f.object = object;
        f.count = 0;
        f.index = 0;
        f.many.clear();
        return true;
    }

    bool close()
    {
        --m_depth;
        return true;
    }

    std::string path(const std::string &leaf) const
    {
        std::string out;
        for (std::size_t i = 0; i + 1 < m_depth; ++i) {
            const Frame &f = m_frames[i];
            if (f.object)
                out += (out.empty() ? "" : ".") + f.keys[std::min(f.count, kLinearKeyScan) - 1];
            else
                out += "[" + std::to_string(f.index - 1) + "]";
        }
        return out + (out.empty() ? "" : ".") + leaf;
    }

    nlohmann::detail::json_sax_dom_parser<json> m_dom;
    std::vector<Frame> m_frames;
    std::size_t m_depth = 0;
};

std::string typeName(const json &v)
{
    switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "true or false";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    default: return "something else";
    }
}

std::string inQuotes(std::string_view s)
{
    return "\"" + std::string(s) + "\"";
}

// ---------------------------------------------------------------------------------------------
// Reading

class Reader
{
public:
    std::vector<LoadProblem> problems;

    void problem(std::string location, std::string message)
    {
        if (problems.size() < kMaxProblems)
            problems.push_back({std::move(location), std::move(message)});
        else
            ++m_dropped;
    }

    void finish()
    {
        if (m_dropped)
            problems.push_back({"", "and " + std::to_string(m_dropped) + " more problems"});
    }

private:
    std::size_t m_dropped = 0;
};

// Reads the fields of one JSON object; remembers which keys it knew so the rest can be reported
// as unknown.
class Fields
{
public:
    Fields(Reader &reader, const json &object, std::string path)
        : m_r(reader)
        , m_o(object)
        , m_path(std::move(path))
    {
    }

    const std::string &path() const { return m_path; }
    std::string at(std::string_view key) const
    {
        return m_path.empty() ? std::string(key) : m_path + "." + std::string(key);
    }

    // The value of key, or nullptr when absent (reported when required).
    const json *get(std::string_view key, bool required)
    {
        m_known.push_back(key);
        const auto it = m_o.find(key);
        if (it != m_o.end())
            ++m_found;
        if (it == m_o.end()) {
            if (required)
                m_r.problem(m_path.empty() ? "top level" : m_path,
                            "missing required field " + inQuotes(key));
            return nullptr;
        }
        return &*it;
    }

    bool present(std::string_view key) const
    {
        const auto it = m_o.find(key);
        return it != m_o.end() && it->is_string();
    }

    bool expect(const json &v, std::string_view key, bool ok, std::string_view what)
    {
        if (!ok)
            m_r.problem(at(key), "expected " + std::string(what) + ", found " + typeName(v));
        return ok;
    }

    // True when the field is present and a string.
    bool string(std::string_view key, std::string &out, bool required = false)
    {
        const json *v = get(key, required);
        if (!v || !expect(*v, key, v->is_string(), "a string"))
            return false;
        out = v->get_ref<const std::string &>();
        return true;
    }

    void id(std::string_view key, std::string &out)
    {
        string(key, out, true);
        if (m_o.contains(key) && m_o[std::string(key)].is_string() && out.empty())
            m_r.problem(at(key), "the id must not be empty");
    }

    void boolean(std::string_view key, bool &out)
    {
        if (const json *v = get(key, false);
            v && expect(*v, key, v->is_boolean(), "true or false"))
            out = v->get<bool>();
    }

    void integer(std::string_view key, int &out, long long min)
    {
        const json *v = get(key, false);
        if (!v || !expect(*v, key, v->is_number_integer(), "a whole number"))
            return;
        const bool isUnsigned = v->is_number_unsigned();
        const long long n = isUnsigned ? 0 : v->get<long long>();
        if ((isUnsigned && v->get<unsigned long long>() > unsigned(std::numeric_limits<int>::max()))
            || (!isUnsigned && (n < min || n > std::numeric_limits<int>::max()))) {
            m_r.problem(at(key), "must be a whole number from " + std::to_string(min) + " to "
                                     + std::to_string(std::numeric_limits<int>::max()) + " (found "
                                     + v->dump() + ")");
            return;
        }
        out = int(isUnsigned ? v->get<unsigned long long>() : n);
    }

    template<typename E, std::size_t N>
    void enumeration(std::string_view key, const EnumName (&table)[N], E &out,
                     bool required = false)
    {
        const json *v = get(key, required);
        if (!v || !expect(*v, key, v->is_string(), "a string"))
            return;
        if (!enumValue(table, v->get_ref<const std::string &>(), out))
            m_r.problem(at(key), inQuotes(v->get_ref<const std::string &>())
                                     + " is not one of " + enumChoices(table));
    }

    void geometry(Geometry &g)
    {
        const json *v = get("geometry", false);
        if (!v || !expect(*v, "geometry", v->is_object(), "an object"))
            return;
        Fields f(m_r, *v, at("geometry"));
        f.number("x", g.x, false);
        f.number("y", g.y, false);
        f.number("width", g.width, true);
        f.number("height", g.height, true);
        f.unknown();
    }

    void number(std::string_view key, double &out, bool size)
    {
        const json *v = get(key, false);
        if (!v || !expect(*v, key, v->is_number(), "a number"))
            return;
        const double d = v->get<double>();
        // Keep coordinates where a canvas can still place them precisely.
        constexpr double kLimit = 1e9;
        if (!std::isfinite(d) || std::abs(d) > kLimit) {
            m_r.problem(at(key), "must be a finite number between -1e9 and 1e9");
            return;
        }
        if (size && d < 0) {
            m_r.problem(at(key), "must not be negative");
            return;
        }
        out = d;
    }

    void customPolicy(std::string_view key, std::optional<CustomPolicy> &out)
    {
        const json *v = get(key, false);
        if (!v || !expect(*v, key, v->is_object(), "an object"))
            return;
        Fields f(m_r, *v, at(key));
        CustomPolicy p;
        f.string("name", p.name);
        if (f.string("document", p.document, true))
            checkPolicySize(at(key) + ".document", p.document);
        f.unknown();
        out = std::move(p);
    }

    void defaultRetention(DefaultRetention &out)
    {
        const json *v = get("defaultRetention", false);
        if (!v || !expect(*v, "defaultRetention", v->is_object(), "an object"))
            return;
        Fields f(m_r, *v, at("defaultRetention"));
        f.enumeration("mode", kRetentionModes, out.mode, true);
        f.integer("days", out.days, 0);
        f.unknown();
    }

    void checkPolicySize(const std::string &where, const std::string &document)
    {
        if (document.size() > kMaxPolicyBytes) {
            m_r.problem(where, "is " + std::to_string(document.size())
                                   + " bytes; policy documents are limited to "
                                   + std::to_string(kMaxPolicyBytes) + " bytes");
        } else if (tooDeepAt(document) != std::string_view::npos) {
            m_r.problem(where, "is nested more than " + std::to_string(kMaxDepth)
                                   + " levels deep; this is not a policy");
        }
    }

    void guardrails(std::vector<Guardrail> &out)
    {
        const json *v = get("guardrails", false);
        if (!v || !expect(*v, "guardrails", v->is_array(), "an array"))
            return;
        for (std::size_t i = 0; i < v->size(); ++i) {
            const json &item = (*v)[i];
            const std::string p = at("guardrails") + "[" + std::to_string(i) + "]";
            if (!item.is_object()) {
                m_r.problem(p, "expected an object, found " + typeName(item));
                continue;
            }
            Fields f(m_r, item, p);
            Guardrail g;
            f.enumeration("kind", kGuardrailKinds, g.kind, true);
            f.string("name", g.name);
            if (f.string("document", g.document, true))
                checkPolicySize(p + ".document", g.document);
            f.unknown();
            out.push_back(std::move(g));
        }
    }

    void objectEncryptions(ObjectEncryptions &out)
    {
        const json *v = get("objectEncryptions", false);
        if (!v || !expect(*v, "objectEncryptions", v->is_array(), "an array"))
            return;
        ObjectEncryptions e{false, false, false, false, false};
        for (std::size_t i = 0; i < v->size(); ++i) {
            const json &item = (*v)[i];
            const std::string p = at("objectEncryptions") + "[" + std::to_string(i) + "]";
            if (!item.is_string()) {
                m_r.problem(p, "expected a string, found " + typeName(item));
                continue;
            }
            const std::string &name = item.get_ref<const std::string &>();
            bool found = false;
            for (const ObjectEncryptionName &n : kObjectEncryptions) {
                if (n.name != name)
                    continue;
                found = true;
                if (e.*n.member)
                    m_r.problem(p, inQuotes(name) + " is listed twice");
                e.*n.member = true;
            }
            if (!found)
                m_r.problem(p, inQuotes(name) + " is not one of \"SSE-S3\", \"SSE-KMS\", "
                                              "\"DSSE-KMS\", \"SSE-C\" or \"client-side\"");
        }
        out = e;
    }

    void tags(std::string_view key, std::vector<Tag> &out)
    {
        const json *v = get(key, false);
        if (!v || !expect(*v, key, v->is_array(), "an array"))
            return;
        for (std::size_t i = 0; i < v->size(); ++i) {
            const json &item = (*v)[i];
            const std::string p = at(key) + "[" + std::to_string(i) + "]";
            if (!item.is_object()) {
                m_r.problem(p, "expected an object, found " + typeName(item));
                continue;
            }
            Fields f(m_r, item, p);
            Tag t;
            f.string("key", t.key, true);
            f.string("value", t.value);
            f.unknown();
            out.push_back(std::move(t));
        }
    }

    // Reports every key that no getter asked for.
    void unknown()
    {
        if (m_found >= m_o.size())
            return; // every key was asked for (a key asked for twice is still in the object)
        for (auto it = m_o.begin(); it != m_o.end(); ++it) {
            bool known = false;
            for (std::string_view k : m_known)
                known = known || k == it.key();
            if (!known)
                m_r.problem(at(it.key()), "unknown field " + inQuotes(it.key()));
        }
    }

private:
    Reader &m_r;
    const json &m_o;
    std::string m_path;
    std::vector<std::string_view> m_known;
    std::size_t m_found = 0;
};

enum class Kind { Account, Bucket, Key, Role, Rule };

std::string_view kindName(Kind k)
{
    switch (k) {
    case Kind::Account: return "an account";
    case Kind::Bucket: return "a bucket";
    case Kind::Key: return "a KMS key";
    case Kind::Role: return "a role";
    case Kind::Rule: return "a replication rule";
    }
    return "an element";
}

struct IdEntry
{
    Kind kind;
    std::string path;
};

class DesignReader
{
public:
    LoadResult read(const json &root)
    {
        LoadResult result;
        if (!root.is_object()) {
            r.problem("top level", "expected a JSON object, found " + typeName(root));
            result.problems = std::move(r.problems);
            return result;
        }
        Fields top(r, root, "");
        if (!readHeader(top)) {
            r.finish();
            result.problems = std::move(r.problems);
            return result;
        }
        Design d;
        top.string("name", d.name);
        top.string("note", d.note);
        list(top, "accounts", d.accounts, &DesignReader::account);
        list(top, "buckets", d.buckets, &DesignReader::bucket);
        list(top, "keys", d.keys, &DesignReader::key);
        list(top, "roles", d.roles, &DesignReader::role);
        list(top, "rules", d.rules, &DesignReader::rule);
        top.unknown();
        checkReferences(d);
        r.finish();
        if (r.problems.empty())
            result.design = std::move(d);
        result.problems = std::move(r.problems);
        return result;
    }

private:
    // False when the rest of the file must not be read (not a design, or a newer format).
    bool readHeader(Fields &top)
    {
        const json *format = top.get("format", true);
        if (!format)
            return false;
        if (!format->is_string() || format->get_ref<const std::string &>() != kFormatName) {
            r.problem("format", "this is not an S3 Replication Designer design (\"format\" must "
                                "be \"s3-replication-designer\")");
            return false;
        }
        const json *version = top.get("formatVersion", true);
        if (!version)
            return false;
        // Parsed non-negative integers are unsigned; anything else is not a version.
        if (!version->is_number_unsigned() || version->get<std::uint64_t>() < 1) {
            r.problem("formatVersion", "expected a whole number from 1, found " + version->dump());
            return false;
        }
        if (version->get<std::uint64_t>() > std::uint64_t(kDesignFormatVersion)) {
            r.problem("formatVersion",
                      "made by a newer version of S3 Replication Designer (format "
                          + version->dump() + "); this version reads format "
                          + std::to_string(kDesignFormatVersion));
            return false;
        }
        return true;
    }

    template<typename T>
    void list(Fields &top, std::string_view key, std::vector<T> &out,
              void (DesignReader::*readOne)(Fields &, T &))
    {
        const json *v = top.get(key, false);
        if (v && !top.expect(*v, key, v->is_array(), "an array"))
            m_unreadable.push_back(kindOf<T>());
        if (!v || !v->is_array())
            return;
        if (v->size() > kMaxElements) {
            r.problem(top.at(key), "has " + std::to_string(v->size())
                                       + " elements; a design holds at most "
                                       + std::to_string(kMaxElements) + " of each kind");
            m_unreadable.push_back(kindOf<T>());
            return;
        }
        out.reserve(v->size());
        for (std::size_t i = 0; i < v->size(); ++i) {
            const json &item = (*v)[i];
            const std::string path = std::string(key) + "[" + std::to_string(i) + "]";
            if (!item.is_object()) {
                r.problem(path, "expected an object, found " + typeName(item));
                m_unreadable.push_back(kindOf<T>());
                continue;
            }
            Fields f(r, item, path);
            T element;
            (this->*readOne)(f, element);
            f.unknown();
            out.push_back(std::move(element));
        }
    }

    void registerId(Fields &f, const std::string &id, Kind kind)
    {
        if (id.empty())
            return;
        const auto [it, inserted] = m_ids.try_emplace(id, IdEntry{kind, f.path()});
        if (!inserted)
            r.problem(f.at("id"), "the id " + inQuotes(id) + " is already used by "
                                      + it->second.path);
    }

    void ref(Fields &f, std::string_view key, const std::string &id, Kind kind, bool optional)
    {
        // A missing or mistyped field was reported already.
        if (f.present(key))
            m_refs.push_back({f.at(key), id, kind, optional});
    }

    void account(Fields &f, Account &a)
    {
        f.id("id", a.id);
        registerId(f, a.id, Kind::Account);
        f.string("accountId", a.accountId, true);
        f.string("name", a.name);
        f.enumeration("partition", kPartitions, a.partition);
        f.guardrails(a.guardrails);
        f.string("note", a.note);
        f.geometry(a.geometry);
    }

    void bucket(Fields &f, Bucket &b)
    {
        f.id("id", b.id);
        registerId(f, b.id, Kind::Bucket);
        f.string("name", b.name, true);
        f.string("account", b.account, true);
        f.string("region", b.region, true);
        f.enumeration("versioning", kVersionings, b.versioning);
        f.boolean("objectLock", b.objectLock);
        f.enumeration("defaultEncryption", kEncryptions, b.defaultEncryption);
        f.string("defaultKey", b.defaultKey);
        f.boolean("bucketKey", b.bucketKey);
        f.objectEncryptions(b.objectEncryptions);
        f.boolean("sseCBlocked", b.sseCBlocked);
        f.enumeration("objectOwnership", kOwnerships, b.objectOwnership);
        f.boolean("requesterPays", b.requesterPays);
        f.boolean("hasExistingObjects", b.hasExistingObjects);
        f.boolean("batchReplication", b.batchReplication);
        f.enumeration("type", kBucketTypes, b.type);
        f.boolean("otherAccountsWrite", b.otherAccountsWrite);
        f.enumeration("lifecycle", kLifecycles, b.lifecycle);
        f.defaultRetention(b.defaultRetention);
        f.customPolicy("customBucketPolicy", b.customBucketPolicy);
        f.string("note", b.note);
        f.geometry(b.geometry);
        ref(f, "account", b.account, Kind::Account, false);
        ref(f, "defaultKey", b.defaultKey, Kind::Key, true);
    }

    void key(Fields &f, KmsKey &k)
    {
        f.id("id", k.id);
        registerId(f, k.id, Kind::Key);
        f.string("account", k.account, true);
        f.string("region", k.region, true);
        f.enumeration("kind", kKeyKinds, k.kind);
        f.string("alias", k.alias);
        f.string("keyId", k.keyId);
        f.boolean("symmetric", k.symmetric);
        f.boolean("rotation", k.rotation);
        f.boolean("allowS3ServicePrincipal", k.allowS3ServicePrincipal);
        f.enumeration("state", kKeyStates, k.state);
        f.customPolicy("customKeyPolicy", k.customKeyPolicy);
        f.string("note", k.note);
        f.geometry(k.geometry);
        ref(f, "account", k.account, Kind::Account, false);
    }

    void role(Fields &f, Role &ro)
    {
        f.id("id", ro.id);
        registerId(f, ro.id, Kind::Role);
        f.string("account", ro.account, true);
        f.string("name", ro.name, true);
        f.string("path", ro.path);
        f.boolean("confusedDeputyConditions", ro.confusedDeputyConditions);
        f.customPolicy("customTrustPolicy", ro.customTrustPolicy);
        f.customPolicy("customPermissionsPolicy", ro.customPermissionsPolicy);
        f.enumeration("permissionsAttachment", kAttachments, ro.permissionsAttachment);
        f.guardrails(ro.guardrails);
        f.string("note", ro.note);
        f.geometry(ro.geometry);
        ref(f, "account", ro.account, Kind::Account, false);
    }

    void rule(Fields &f, ReplicationRule &ru)
    {
        f.id("id", ru.id);
        registerId(f, ru.id, Kind::Rule);
        f.string("ruleId", ru.ruleId);
        f.string("source", ru.source, true);
        f.string("destination", ru.destination, true);
        f.string("role", ru.role);
        f.string("note", ru.note);
        f.integer("priority", ru.priority, 0);
        f.boolean("enabled", ru.enabled);
        f.string("filterPrefix", ru.filterPrefix);
        f.tags("filterTags", ru.filterTags);
        f.boolean("deleteMarkerReplication", ru.deleteMarkerReplication);
        f.boolean("replicaModificationSync", ru.replicaModificationSync);
        f.boolean("replicateKmsObjects", ru.replicateKmsObjects);
        f.string("replicaKey", ru.replicaKey);
        f.string("storageClass", ru.storageClass);
        f.boolean("ownerOverride", ru.ownerOverride);
        f.boolean("replicationTimeControl", ru.replicationTimeControl);
        f.boolean("metrics", ru.metrics);
        f.boolean("importedAsV1", ru.importedAsV1);
        ref(f, "source", ru.source, Kind::Bucket, false);
        ref(f, "destination", ru.destination, Kind::Bucket, false);
        ref(f, "role", ru.role, Kind::Role, true);
        ref(f, "replicaKey", ru.replicaKey, Kind::Key, true);
    }

    // Every reference must name an element of the right kind. Empty is allowed only where the
    // model allows it (a missing role or key is a checklist finding, not a broken file).
    void checkReferences(const Design &)
    {
        for (const Ref &ref : m_refs) {
            if (ref.id.empty()) {
                if (!ref.optional)
                    r.problem(ref.path, "must name " + std::string(kindName(ref.kind)));
                continue;
            }
            // Elements of a list that could not be read would only produce follow-on noise.
            if (std::find(m_unreadable.begin(), m_unreadable.end(), ref.kind)
                != m_unreadable.end())
                continue;
            const auto it = m_ids.find(ref.id);
            std::string_view want = kindName(ref.kind);
            want.remove_prefix(want.find(' ') + 1);
            if (it == m_ids.end())
                r.problem(ref.path, "no " + std::string(want) + " with id " + inQuotes(ref.id));
            else if (it->second.kind != ref.kind)
                r.problem(ref.path, inQuotes(ref.id) + " is " + std::string(kindName(it->second.kind))
                                        + " (" + it->second.path + "), not "
                                        + std::string(kindName(ref.kind)));
        }
    }

    struct Ref
    {
        std::string path;
        std::string id;
        Kind kind;
        bool optional;
    };

    template<typename T>
    static Kind kindOf()
    {
        if constexpr (std::is_same_v<T, Account>)
            return Kind::Account;
        else if constexpr (std::is_same_v<T, Bucket>)
            return Kind::Bucket;
        else if constexpr (std::is_same_v<T, KmsKey>)
            return Kind::Key;
        else if constexpr (std::is_same_v<T, Role>)
            return Kind::Role;
        else
            return Kind::Rule;
    }

    Reader r;
    std::vector<Kind> m_unreadable;
    std::unordered_map<std::string, IdEntry> m_ids;
    std::vector<Ref> m_refs;
};

// ---------------------------------------------------------------------------------------------
// Writing

ordered_json number(double v)
{
    // Whole numbers are written without a fraction ("420", not "420.0").
    if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 9.0e15)
        return static_cast<std::int64_t>(v);
    if (!std::isfinite(v))
        return 0;
    return v;
}

ordered_json geometryJson(const Geometry &g)
{
    ordered_json o = ordered_json::object();
    o["x"] = number(g.x);
    o["y"] = number(g.y);
    if (g.width != 0)
        o["width"] = number(g.width);
    if (g.height != 0)
        o["height"] = number(g.height);
    return o;
}

void putNote(ordered_json &o, const std::string &note)
{
    if (!note.empty())
        o["note"] = note;
}

void putPolicy(ordered_json &o, const char *key, const std::optional<CustomPolicy> &p)
{
    if (!p)
        return;
    ordered_json j = ordered_json::object();
    j["name"] = p->name;
    j["document"] = p->document;
    o[key] = std::move(j);
}

void putGuardrails(ordered_json &o, const std::vector<Guardrail> &guardrails)
{
    if (guardrails.empty())
        return;
    ordered_json list = ordered_json::array();
    for (const Guardrail &g : guardrails) {
        ordered_json j = ordered_json::object();
        j["kind"] = enumName(kGuardrailKinds, g.kind);
        j["name"] = g.name;
        j["document"] = g.document;
        list.push_back(std::move(j));
    }
    o["guardrails"] = std::move(list);
}

// Every element keeps its always-present "geometry" (or, for rules, a scalar) last, so adding
// or removing an optional field never touches a neighbouring line's trailing comma.
ordered_json accountJson(const Account &a)
{
    ordered_json o = ordered_json::object();
    o["id"] = a.id;
    o["accountId"] = a.accountId;
    o["name"] = a.name;
    o["partition"] = enumName(kPartitions, a.partition);
    putGuardrails(o, a.guardrails);
    putNote(o, a.note);
    o["geometry"] = geometryJson(a.geometry);
    return o;
}

ordered_json bucketJson(const Bucket &b)
{
    ordered_json o = ordered_json::object();
    o["id"] = b.id;
    o["name"] = b.name;
    o["account"] = b.account;
    o["region"] = b.region;
    o["versioning"] = enumName(kVersionings, b.versioning);
    o["objectLock"] = b.objectLock;
    o["defaultEncryption"] = enumName(kEncryptions, b.defaultEncryption);
    o["defaultKey"] = b.defaultKey;
    o["bucketKey"] = b.bucketKey;
    ordered_json enc = ordered_json::array();
    for (const ObjectEncryptionName &n : kObjectEncryptions) {
        if (b.objectEncryptions.*n.member)
            enc.push_back(n.name);
    }
    o["objectEncryptions"] = std::move(enc);
    o["sseCBlocked"] = b.sseCBlocked;
    o["objectOwnership"] = enumName(kOwnerships, b.objectOwnership);
    o["requesterPays"] = b.requesterPays;
    o["hasExistingObjects"] = b.hasExistingObjects;
    o["batchReplication"] = b.batchReplication;
    // Added after the first release: written only when not the default, so designs that do not
    // use them keep their bytes.
    if (b.type != BucketType::GeneralPurpose)
        o["type"] = enumName(kBucketTypes, b.type);
    if (b.otherAccountsWrite)
        o["otherAccountsWrite"] = true;
    if (b.lifecycle != Lifecycle::None)
        o["lifecycle"] = enumName(kLifecycles, b.lifecycle);
    if (b.defaultRetention != DefaultRetention{}) {
        ordered_json r = ordered_json::object();
        r["mode"] = enumName(kRetentionModes, b.defaultRetention.mode);
        r["days"] = b.defaultRetention.days;
        o["defaultRetention"] = std::move(r);
    }
    putPolicy(o, "customBucketPolicy", b.customBucketPolicy);
    putNote(o, b.note);
    o["geometry"] = geometryJson(b.geometry);
    return o;
}

ordered_json keyJson(const KmsKey &k)
{
    ordered_json o = ordered_json::object();
    o["id"] = k.id;
    o["account"] = k.account;
    o["region"] = k.region;
    o["kind"] = enumName(kKeyKinds, k.kind);
    o["alias"] = k.alias;
    o["keyId"] = k.keyId;
    o["symmetric"] = k.symmetric;
    o["rotation"] = k.rotation;
    o["allowS3ServicePrincipal"] = k.allowS3ServicePrincipal;
    if (k.state != KeyState::Enabled) // added after the first release: only when not the default
        o["state"] = enumName(kKeyStates, k.state);
    putPolicy(o, "customKeyPolicy", k.customKeyPolicy);
    putNote(o, k.note);
    o["geometry"] = geometryJson(k.geometry);
    return o;
}

ordered_json roleJson(const Role &r)
{
    ordered_json o = ordered_json::object();
    o["id"] = r.id;
    o["account"] = r.account;
    o["name"] = r.name;
    o["path"] = r.path;
    o["confusedDeputyConditions"] = r.confusedDeputyConditions;
    putPolicy(o, "customTrustPolicy", r.customTrustPolicy);
    putPolicy(o, "customPermissionsPolicy", r.customPermissionsPolicy);
    // Left out when automatic, so files of earlier versions stay canonical.
    if (r.permissionsAttachment != PermissionsAttachment::Automatic)
        o["permissionsAttachment"] = enumName(kAttachments, r.permissionsAttachment);
    putGuardrails(o, r.guardrails);
    putNote(o, r.note);
    o["geometry"] = geometryJson(r.geometry);
    return o;
}

ordered_json ruleJson(const ReplicationRule &r)
{
    ordered_json o = ordered_json::object();
    o["id"] = r.id;
    o["ruleId"] = r.ruleId;
    o["source"] = r.source;
    o["destination"] = r.destination;
    o["role"] = r.role;
    putNote(o, r.note);
    o["priority"] = r.priority;
    o["enabled"] = r.enabled;
    o["filterPrefix"] = r.filterPrefix;
    ordered_json tags = ordered_json::array();
    for (const Tag &t : r.filterTags) {
        ordered_json j = ordered_json::object();
        j["key"] = t.key;
        j["value"] = t.value;
        tags.push_back(std::move(j));
    }
    o["filterTags"] = std::move(tags);
    o["deleteMarkerReplication"] = r.deleteMarkerReplication;
    o["replicaModificationSync"] = r.replicaModificationSync;
    o["replicateKmsObjects"] = r.replicateKmsObjects;
    o["replicaKey"] = r.replicaKey;
    o["storageClass"] = r.storageClass;
    o["ownerOverride"] = r.ownerOverride;
    o["replicationTimeControl"] = r.replicationTimeControl;
    o["metrics"] = r.metrics;
    o["importedAsV1"] = r.importedAsV1;
    return o;
}

template<typename T>
ordered_json listJson(const std::vector<T> &items, ordered_json (*one)(const T &))
{
    ordered_json list = ordered_json::array();
    for (const T &item : items)
        list.push_back(one(item));
    return list;
}

std::string errnoText(int err)
{
    return std::strerror(err);
}

} // namespace

LoadResult parseDesign(std::string_view text)
{
    LoadResult result;
    if (text.size() > kMaxFileBytes) {
        result.problems.push_back({"", "the file is " + std::to_string(text.size() >> 20)
                                           + " MB; design files are limited to 64 MB"});
        return result;
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        result.problems.push_back({"line 1, column 1", "the file is empty"});
        return result;
    }
    if (const std::size_t deep = tooDeepAt(text); deep != std::string_view::npos) {
        result.problems.push_back({lineColumn(positionOf(text, deep)),
                                   "nested more than " + std::to_string(kMaxDepth)
                                       + " levels deep; this is not a design"});
        return result;
    }
    // json::sax_parse with nlohmann's DOM builder is what json::parse(text, nullptr, false)
    // does; the wrapper adds error positions and duplicate keys in the same single pass.
    json root;
    TreeBuilder builder(root);
    if (!json::sax_parse(text, &builder) || root.is_discarded()) {
        // The parser reports the offset just past the offending character.
        const std::size_t at = builder.errorPosition > 0 ? builder.errorPosition - 1 : 0;
        result.problems.push_back(
            {lineColumn(positionOf(text, at)), "not valid JSON: " + builder.errorReason});
        return result;
    }
    const std::vector<LoadProblem> &duplicateKeys = builder.duplicateKeys;
    DesignReader reader;
    result = reader.read(root);
    if (!duplicateKeys.empty()) {
        result.design = Design{};
        result.problems.insert(result.problems.begin(), duplicateKeys.begin(),
                               duplicateKeys.end());
    }
    return result;
}

LoadResult loadDesignFile(const std::string &path)
{
    LoadResult result;
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0) {
        result.problems.push_back({"", "cannot open the file: " + errnoText(errno)});
        return result;
    }
    if (S_ISDIR(st.st_mode)) {
        result.problems.push_back({"", "this is a directory, not a design file"});
        return result;
    }
    if (std::uintmax_t(st.st_size) > kMaxFileBytes) {
        result.problems.push_back({"", "the file is " + std::to_string(st.st_size >> 20)
                                           + " MB; design files are limited to 64 MB"});
        return result;
    }
    std::FILE *f = std::fopen(path.c_str(), "rb");
    if (!f) {
        result.problems.push_back({"", "cannot open the file: " + errnoText(errno)});
        return result;
    }
    std::string text;
    char buffer[65536];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
        text.append(buffer, n);
        if (text.size() > kMaxFileBytes)
            break;
    }
    const bool failed = std::ferror(f);
    const int err = errno;
    std::fclose(f);
    if (failed) {
        result.problems.push_back({"", "cannot read the file: " + errnoText(err)});
        return result;
    }
    return parseDesign(text);
}

std::string serializeDesign(const Design &design)
{
    ordered_json root = ordered_json::object();
    root["format"] = kFormatName;
    root["formatVersion"] = kDesignFormatVersion;
    root["name"] = design.name;
    putNote(root, design.note);
    root["accounts"] = listJson(design.accounts, &accountJson);
    root["buckets"] = listJson(design.buckets, &bucketJson);
    root["keys"] = listJson(design.keys, &keyJson);
    root["roles"] = listJson(design.roles, &roleJson);
    root["rules"] = listJson(design.rules, &ruleJson);
    // Invalid UTF-8 typed into a text field becomes U+FFFD instead of failing the save.
    std::string out = root.dump(2, ' ', false, ordered_json::error_handler_t::replace);
    out += '\n';
    return out;
}

std::string saveDesignFile(const Design &design, const std::string &path)
{
    files::removeStaleTemporaries(path);
    if (std::string error = files::writeFileAtomically(path, serializeDesign(design));
        !error.empty())
        return "cannot save " + path + ": " + error;
    return {};
}

} // namespace s3rd::model
