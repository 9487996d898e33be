// The writer of the design file format: deterministic, canonical JSON, saved atomically.
#include "designfields.h"
#include "designformat.h"

#include "atomicfile.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace s3rd::model {

using namespace designformat;

namespace {

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

// The fields of one element as a JSON object, in the order of designfields.h.
class ElementWriter
{
public:
    ordered_json o = ordered_json::object();

    void id(const std::string &id, ElementKind) { o["id"] = id; }
    void text(const char *key, const std::string &value, Field) { o[key] = value; }
    void reference(const char *key, const std::string &id, ElementKind, Field) { o[key] = id; }
    void flag(const char *key, bool value, Field field)
    {
        if (field != Field::Added || value)
            o[key] = value;
    }
    template <typename E, std::size_t N>
    void choice(const char *key, const EnumName<E> (&table)[N], E value, Field field)
    {
        if (field != Field::Added || value != table[0].value)
            o[key] = enumName(table, value);
    }
    void priority(int value) { o["priority"] = value; }
    void note(const std::string &note)
    {
        if (!note.empty())
            o["note"] = note;
    }
    // Added after the first release: only when a trainer set it, so other files keep their bytes.
    void presentStep(const std::optional<int> &step)
    {
        if (step)
            o["presentStep"] = *step;
    }
    void geometry(const Geometry &g) { o["geometry"] = geometryJson(g); }
    void customPolicy(const char *key, const std::optional<CustomPolicy> &p)
    {
        if (!p)
            return;
        ordered_json j = ordered_json::object();
        j["name"] = p->name;
        j["document"] = p->document;
        o[key] = std::move(j);
    }
    void guardrails(const std::vector<Guardrail> &guardrails)
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
    void objectEncryptions(const ObjectEncryptions &e)
    {
        ordered_json list = ordered_json::array();
        for (const ObjectEncryptionName &n : kObjectEncryptions) {
            if (e.*n.member)
                list.push_back(n.name);
        }
        o["objectEncryptions"] = std::move(list);
    }
    // Added after the first release: only when set.
    void defaultRetention(const DefaultRetention &r)
    {
        if (r == DefaultRetention{})
            return;
        ordered_json j = ordered_json::object();
        j["mode"] = enumName(kRetentionModes, r.mode);
        j["days"] = r.days;
        o["defaultRetention"] = std::move(j);
    }
    void tags(const char *key, const std::vector<Tag> &tags)
    {
        ordered_json list = ordered_json::array();
        for (const Tag &t : tags) {
            ordered_json j = ordered_json::object();
            j["key"] = t.key;
            j["value"] = t.value;
            list.push_back(std::move(j));
        }
        o[key] = std::move(list);
    }
};

template <typename T> ordered_json fieldsJson(const T &element)
{
    ElementWriter w;
    fields(w, element);
    return std::move(w.o);
}

template <typename T> ordered_json listJson(const std::vector<T> &items)
{
    ordered_json list = ordered_json::array();
    for (const T &item : items)
        list.push_back(fieldsJson(item));
    return list;
}

} // namespace

nlohmann::ordered_json elementJson(const Element &element)
{
    return std::visit([](const auto &e) { return fieldsJson(e); }, element);
}

std::string serializeDesign(const Design &design)
{
    ordered_json root = ordered_json::object();
    root["format"] = kFormatName;
    root["formatVersion"] = kDesignFormatVersion;
    root["name"] = design.name;
    if (!design.note.empty())
        root["note"] = design.note;
    // Only in designs started from a lab, so every other file saves back to the same bytes.
    if (!design.lab.empty())
        root["lab"] = design.lab;
    root["accounts"] = listJson(design.accounts);
    root["buckets"] = listJson(design.buckets);
    root["keys"] = listJson(design.keys);
    root["roles"] = listJson(design.roles);
    root["rules"] = listJson(design.rules);
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
