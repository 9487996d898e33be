// The reader of the design file format: a JSON tree to a design, checking every field, every
// reference between elements and every name, and reporting each problem with its location.
#include "designfields.h"
#include "designformat.h"
#include "designjsonview.h"

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

template<typename V>
std::string typeName(const V &v)
{
    switch (v.type()) {
    case JsonType::Null: return "null";
    case JsonType::Object: return "an object";
    case JsonType::Array: return "an array";
    case JsonType::String: return "a string";
    case JsonType::Boolean: return "true or false";
    case JsonType::Integer:
    case JsonType::Unsigned:
    case JsonType::Float: return "a number";
    }
    return "something else";
}

template<typename V>
bool isObject(const V &v)
{
    return v.type() == JsonType::Object;
}
template<typename V>
bool isArray(const V &v)
{
    return v.type() == JsonType::Array;
}
template<typename V>
bool isString(const V &v)
{
    return v.type() == JsonType::String;
}
template<typename V>
bool isWhole(const V &v)
{
    return v.type() == JsonType::Integer || v.type() == JsonType::Unsigned;
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
template<typename V>
class Fields
{
public:
    using Value = std::optional<V>;

    Fields(Reader &reader, V object, std::string path)
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

    // The value of key, or nothing when absent (reported when required).
    Value get(std::string_view key, bool required)
    {
        if (m_knownCount < m_known.size())
            m_known[m_knownCount] = key;
        else
            m_moreKnown.push_back(key);
        ++m_knownCount;
        Value v = m_o.find(key, m_cursor);
        if (v)
            ++m_found;
        else if (required)
            m_r.problem(m_path.empty() ? "top level" : m_path,
                        "missing required field " + inQuotes(key));
        return v;
    }

    bool present(std::string_view key)
    {
        const Value v = m_o.find(key, m_cursor);
        return v && isString(*v);
    }

    bool expect(const V &v, std::string_view key, bool ok, std::string_view what)
    {
        if (!ok)
            m_r.problem(at(key), "expected " + std::string(what) + ", found " + typeName(v));
        return ok;
    }

    // True when the field is present and a string.
    bool string(std::string_view key, std::string &out, bool required = false)
    {
        const Value v = get(key, required);
        if (!v || !expect(*v, key, isString(*v), "a string"))
            return false;
        out = v->string();
        return true;
    }

    void id(std::string_view key, std::string &out)
    {
        if (string(key, out, true) && out.empty())
            m_r.problem(at(key), "the id must not be empty");
    }

    void boolean(std::string_view key, bool &out)
    {
        if (const Value v = get(key, false);
            v && expect(*v, key, v->type() == JsonType::Boolean, "true or false"))
            out = v->boolean();
    }

    void integer(std::string_view key, int &out, long long min)
    {
        const Value v = get(key, false);
        if (!v || !expect(*v, key, isWhole(*v), "a whole number"))
            return;
        const bool isUnsigned = v->type() == JsonType::Unsigned;
        const long long n = isUnsigned ? 0 : v->integer();
        if ((isUnsigned && v->unsignedInteger() > unsigned(std::numeric_limits<int>::max()))
            || (!isUnsigned && (n < min || n > std::numeric_limits<int>::max()))) {
            m_r.problem(at(key), "must be a whole number from " + std::to_string(min) + " to "
                                     + std::to_string(std::numeric_limits<int>::max()) + " (found "
                                     + v->dump() + ")");
            return;
        }
        out = int(isUnsigned ? v->unsignedInteger() : n);
    }

    // An optional whole number from min to max: left unset when the field is absent.
    void optionalInteger(std::string_view key, std::optional<int> &out, int min, int max)
    {
        const Value v = get(key, false);
        if (!v || !expect(*v, key, isWhole(*v), "a whole number"))
            return;
        // Parsed non-negative numbers are unsigned, negative ones signed.
        const long long n = v->type() == JsonType::Unsigned
                                ? (v->unsignedInteger() > unsigned(max)
                                       ? static_cast<long long>(max) + 1
                                       : static_cast<long long>(v->unsignedInteger()))
                                : v->integer();
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
        const Value v = get(key, required);
        if (!v || !expect(*v, key, isString(*v), "a string"))
            return;
        if (!enumValue(table, v->string(), out))
            m_r.problem(at(key), inQuotes(v->string()) + " is not one of " + enumChoices(table));
    }

    void geometry(Geometry &g)
    {
        const Value v = get("geometry", false);
        if (!v || !expect(*v, "geometry", isObject(*v), "an object"))
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
        const Value v = get(key, false);
        if (!v || !expect(*v, key, isWhole(*v) || v->type() == JsonType::Float, "a number"))
            return;
        const double d = v->number();
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
        const Value v = get(key, false);
        if (!v || !expect(*v, key, isObject(*v), "an object"))
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
        const Value v = get("defaultRetention", false);
        if (!v || !expect(*v, "defaultRetention", isObject(*v), "an object"))
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

    // Each object of the array at key, read by f(Fields &, std::size_t index).
    template<typename F>
    void objects(std::string_view key, F f)
    {
        const Value v = get(key, false);
        if (!v || !expect(*v, key, isArray(*v), "an array"))
            return;
        v->forEachItem([&](V item, std::size_t i) {
            const std::string p = at(key) + "[" + std::to_string(i) + "]";
            if (!isObject(item)) {
                m_r.problem(p, "expected an object, found " + typeName(item));
                return;
            }
            Fields fields(m_r, item, p);
            f(fields);
            fields.unknown();
        });
    }

    void guardrails(std::vector<Guardrail> &out)
    {
        objects("guardrails", [&](Fields &f) {
            Guardrail g;
            f.enumeration("kind", kGuardrailKinds, g.kind, true);
            f.string("name", g.name);
            if (f.string("document", g.document, true))
                checkPolicySize(f.path() + ".document", g.document);
            out.push_back(std::move(g));
        });
    }

    void objectEncryptions(ObjectEncryptions &out)
    {
        const Value v = get("objectEncryptions", false);
        if (!v || !expect(*v, "objectEncryptions", isArray(*v), "an array"))
            return;
        ObjectEncryptions e{false, false, false, false, false};
        v->forEachItem([&](V item, std::size_t i) {
            const std::string p = at("objectEncryptions") + "[" + std::to_string(i) + "]";
            if (!isString(item)) {
                m_r.problem(p, "expected a string, found " + typeName(item));
                return;
            }
            const std::string_view name = item.string();
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
        });
        out = e;
    }

    void tags(std::string_view key, std::vector<Tag> &out)
    {
        objects(key, [&](Fields &f) {
            Tag t;
            f.string("key", t.key, true);
            f.string("value", t.value);
            out.push_back(std::move(t));
        });
    }

    // Reports every key that no getter asked for.
    void unknown()
    {
        if (m_found == m_o.size())
            return;
        // Every key was asked for (a key asked for twice is still in the object)
        if (m_found > m_o.size() && V::kFindsDuplicateKeys)
            return;
        bool reported = false;
        m_o.forEachKey([&](std::string_view key) {
            bool known = false;
            for (std::size_t i = 0; i < m_knownCount && !known; ++i)
                known = (i < m_known.size() ? m_known[i] : m_moreKnown[i - m_known.size()]) == key;
            if (!known) {
                m_r.problem(at(key), "unknown field " + inQuotes(key));
                reported = true;
            }
        });
        // Fewer keys found than the object has, and none unknown: a key is given twice, which
        // the tree of the exact path reports with its position.
        if (!reported && !V::kFindsDuplicateKeys)
            m_r.problem(m_path, "a field appears more than once in this object");
    }

private:
    Reader &m_r;
    V m_o;
    typename V::Cursor m_cursor;
    std::string m_path;
    // The keys asked for: the fields of the largest element fit without allocating.
    std::array<std::string_view, 32> m_known;
    std::vector<std::string_view> m_moreKnown;
    std::size_t m_knownCount = 0;
    std::size_t m_found = 0;
};

using Kind = ElementKind;

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

template<typename V>
class DesignReader
{
public:
    using Fields = model::Fields<V>;
    using Value = std::optional<V>;

    LoadResult read(V root)
    {
        LoadResult result;
        if (!isObject(root)) {
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
        reserve(root);
        Design d;
        top.string("name", d.name);
        top.string("note", d.note);
        top.string("lab", d.lab);
        list(top, "accounts", d.accounts);
        list(top, "buckets", d.buckets);
        list(top, "keys", d.keys);
        list(top, "roles", d.roles);
        list(top, "rules", d.rules);
        top.unknown();
        checkReferences(d);
        r.finish();
        if (r.problems.empty())
            result.design = std::move(d);
        result.problems = std::move(r.problems);
        return result;
    }

private:
    // Room for the ids and references of every element, so the tables never grow while read.
    void reserve(V root)
    {
        std::size_t elements = 0;
        typename V::Cursor cursor;
        for (const std::string_view key : {"accounts", "buckets", "keys", "roles", "rules"}) {
            if (const Value v = root.find(key, cursor); v && isArray(*v))
                elements += std::min(v->size(), kMaxElements);
        }
        m_ids.reserve(elements);
        m_refs.reserve(2 * elements);
    }

    // False when the rest of the file must not be read (not a design, or a newer format).
    bool readHeader(Fields &top)
    {
        const Value format = top.get("format", true);
        if (!format)
            return false;
        if (!isString(*format) || format->string() != kFormatName) {
            r.problem("format", "this is not an S3 Replication Designer design (\"format\" must "
                                "be \"s3-replication-designer\")");
            return false;
        }
        const Value version = top.get("formatVersion", true);
        if (!version)
            return false;
        // Parsed non-negative integers are unsigned; anything else is not a version.
        if (version->type() != JsonType::Unsigned || version->unsignedInteger() < 1) {
            r.problem("formatVersion", "expected a whole number from 1, found " + version->dump());
            return false;
        }
        if (version->unsignedInteger() > std::uint64_t(kDesignFormatVersion)) {
            r.problem("formatVersion",
                      "made by a newer version of S3 Replication Designer (format "
                          + version->dump() + "); this version reads format "
                          + std::to_string(kDesignFormatVersion));
            return false;
        }
        return true;
    }

    template <typename T> void list(Fields &top, std::string_view key, std::vector<T> &out)
    {
        const Value v = top.get(key, false);
        if (v && !top.expect(*v, key, isArray(*v), "an array"))
            m_unreadable.push_back(kindOf<T>());
        if (!v || !isArray(*v))
            return;
        if (v->size() > kMaxElements) {
            r.problem(top.at(key), "has " + std::to_string(v->size())
                                       + " elements; a design holds at most "
                                       + std::to_string(kMaxElements) + " of each kind");
            m_unreadable.push_back(kindOf<T>());
            return;
        }
        out.reserve(v->size());
        v->forEachItem([&](V item, std::size_t i) {
            const std::string path = std::string(key) + "[" + std::to_string(i) + "]";
            if (!isObject(item)) {
                r.problem(path, "expected an object, found " + typeName(item));
                m_unreadable.push_back(kindOf<T>());
                return;
            }
            Fields f(r, item, path);
            T element;
            FieldReader reader{*this, f};
            fields(reader, element);
            f.unknown();
            out.push_back(std::move(element));
        });
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

    // Reads the fields designfields.h lists into an element, registering its id and the
    // references it makes.
    struct FieldReader
    {
        DesignReader &d;
        Fields &f;

        void id(std::string &id, Kind kind)
        {
            f.id("id", id);
            d.registerId(f, id, kind);
        }
        void text(std::string_view key, std::string &out, Field field)
        {
            f.string(key, out, field == Field::Required);
        }
        void reference(std::string_view key, std::string &id, Kind kind, Field field)
        {
            f.string(key, id, field == Field::Required);
            d.ref(f, key, id, kind, field != Field::Required);
        }
        void flag(std::string_view key, bool &out, Field) { f.boolean(key, out); }
        template <typename E, std::size_t N>
        void choice(std::string_view key, const EnumName<E> (&table)[N], E &out, Field)
        {
            f.enumeration(key, table, out);
        }
        void priority(int &out) { f.integer("priority", out, 0); }
        void note(std::string &out) { f.string("note", out); }
        void presentStep(std::optional<int> &out)
        {
            f.optionalInteger("presentStep", out, 1, kMaxPresentStep);
        }
        void geometry(Geometry &out) { f.geometry(out); }
        void customPolicy(std::string_view key, std::optional<CustomPolicy> &out)
        {
            f.customPolicy(key, out);
        }
        void guardrails(std::vector<Guardrail> &out) { f.guardrails(out); }
        void objectEncryptions(ObjectEncryptions &out) { f.objectEncryptions(out); }
        void defaultRetention(DefaultRetention &out) { f.defaultRetention(out); }
        void tags(std::string_view key, std::vector<Tag> &out) { f.tags(key, out); }
    };

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
    DesignReader<NlohmannView> reader;
    return reader.read(NlohmannView(root));
}

std::optional<Design> designformat::readDesignFast(std::string_view text, bool padded)
{
    static_assert(kReadPadding >= simdjson::SIMDJSON_PADDING);
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    // No design nests deeper than a few levels; a deeper file is left to the exact path, which
    // names where it is too deep.
    if (parser.allocate(text.size(), kMaxDepth) != simdjson::SUCCESS
        || parser.parse(text.data(), text.size(), !padded).get(root) != simdjson::SUCCESS)
        return std::nullopt;
    DesignReader<SimdjsonView> reader;
    LoadResult result = reader.read(SimdjsonView(root));
    if (!result.ok())
        return std::nullopt;
    return std::move(result.design);
}

} // namespace s3rd::model
