// The reader of the design file format: a JSON tree to a design, checking every field, every
// reference between elements and every name, and reporting each problem with its location.
#include "designformat.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace s3rd::model {

using namespace designformat;

namespace {

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

    // An optional whole number from min to max: left unset when the field is absent.
    void optionalInteger(std::string_view key, std::optional<int> &out, int min, int max)
    {
        const json *v = get(key, false);
        if (!v || !expect(*v, key, v->is_number_integer(), "a whole number"))
            return;
        // Parsed non-negative numbers are unsigned, negative ones signed.
        const long long n = v->is_number_unsigned()
                                ? (v->get<unsigned long long>() > unsigned(max)
                                       ? static_cast<long long>(max) + 1
                                       : static_cast<long long>(v->get<unsigned long long>()))
                                : v->get<long long>();
        const bool inRange = n >= min && n <= max;
        if (!inRange) {
            m_r.problem(at(key), "must be a whole number from " + std::to_string(min) + " to "
                                     + std::to_string(max) + " (found " + v->dump() + ")");
            return;
        }
        out = int(n);
    }

    template<typename E, std::size_t N>
    void enumeration(std::string_view key, const EnumName<E> (&table)[N], E &out,
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
        top.string("lab", d.lab);
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
        f.optionalInteger("presentStep", a.presentStep, 1, kMaxPresentStep);
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
        f.optionalInteger("presentStep", b.presentStep, 1, kMaxPresentStep);
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
        f.optionalInteger("presentStep", k.presentStep, 1, kMaxPresentStep);
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
        f.optionalInteger("presentStep", ro.presentStep, 1, kMaxPresentStep);
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
        f.optionalInteger("presentStep", ru.presentStep, 1, kMaxPresentStep);
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

} // namespace

LoadResult designformat::readDesignTree(const json &root)
{
    DesignReader reader;
    return reader.read(root);
}

} // namespace s3rd::model
