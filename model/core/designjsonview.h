#pragma once

// The two JSON trees the design reader (designreader.cpp) reads, behind one small interface, so
// that one reader serves both:
//   - NlohmannView: nlohmann's tree, built by the exact parser of designfile.cpp, which reports
//     error positions and duplicate keys;
//   - SimdjsonView: simdjson's DOM, several times faster to build, read first; any problem at
//     all sends the file to the exact path (see readDesignFast).
//
// A view is a cheap handle to one value: its type, its scalar, or its members and items. Views
// of objects look keys up through a Cursor, which starts where the last key was found: the
// reader asks for fields in the order the writer writes them, so a lookup is usually one compare.
// Internal to the format; only designreader.cpp includes this (simdjson.h is large).

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace s3rd::model::designformat {

// Parsed non-negative whole numbers are Unsigned, negative ones Integer, as nlohmann has them.
enum class JsonType { Null, Object, Array, String, Boolean, Integer, Unsigned, Float };

class NlohmannView
{
public:
    // Duplicate keys were reported by the parser that built the tree.
    static constexpr bool kFindsDuplicateKeys = true;
    struct Cursor
    {
    };

    explicit NlohmannView(const nlohmann::json &j)
        : m_j(&j)
    {
    }

    JsonType type() const
    {
        using T = nlohmann::json::value_t;
        switch (m_j->type()) {
        case T::object: return JsonType::Object;
        case T::array: return JsonType::Array;
        case T::string: return JsonType::String;
        case T::boolean: return JsonType::Boolean;
        case T::number_integer: return JsonType::Integer;
        case T::number_unsigned: return JsonType::Unsigned;
        case T::number_float: return JsonType::Float;
        default: return JsonType::Null;
        }
    }
    std::string_view string() const { return m_j->get_ref<const std::string &>(); }
    bool boolean() const { return m_j->get<bool>(); }
    std::int64_t integer() const { return m_j->get<std::int64_t>(); }
    std::uint64_t unsignedInteger() const { return m_j->get<std::uint64_t>(); }
    double number() const { return m_j->get<double>(); }
    std::string dump() const { return m_j->dump(); }
    std::size_t size() const { return m_j->size(); }

    std::optional<NlohmannView> find(std::string_view key, Cursor &) const
    {
        const auto it = m_j->find(key);
        if (it == m_j->end())
            return std::nullopt;
        return NlohmannView(*it);
    }
    // f(std::string_view key) for every key of an object, in the tree's order.
    template<typename F>
    void forEachKey(F f) const
    {
        for (auto it = m_j->begin(); it != m_j->end(); ++it)
            f(std::string_view(it.key()));
    }
    // f(NlohmannView item, std::size_t index) for every item of an array.
    template<typename F>
    void forEachItem(F f) const
    {
        std::size_t i = 0;
        for (const nlohmann::json &item : *m_j)
            f(NlohmannView(item), i++);
    }

private:
    const nlohmann::json *m_j;
};

class SimdjsonView
{
public:
    // Keys given twice are not reported; the reader notices them by count (Fields::unknown).
    static constexpr bool kFindsDuplicateKeys = false;
    // The keys of an object, collected on the first lookup: walking simdjson's tape from one key
    // to the next is slower than comparing a few string views.
    struct Cursor
    {
        std::array<std::pair<std::string_view, simdjson::dom::element>, 32> members;
        std::size_t count = 0;
        std::size_t next = 0;
        bool collected = false;
        bool many = false; // more keys than members holds: looked up on the tape
    };

    explicit SimdjsonView(simdjson::dom::element e)
        : m_e(e)
    {
    }

    JsonType type() const
    {
        using T = simdjson::dom::element_type;
        switch (m_e.type()) {
        case T::OBJECT: return JsonType::Object;
        case T::ARRAY: return JsonType::Array;
        case T::STRING: return JsonType::String;
        case T::BOOL: return JsonType::Boolean;
        case T::INT64:
            return m_e.get_int64().value_unsafe() < 0 ? JsonType::Integer : JsonType::Unsigned;
        case T::UINT64: return JsonType::Unsigned;
        case T::DOUBLE: return JsonType::Float;
        default: return JsonType::Null;
        }
    }
    std::string_view string() const { return m_e.get_string().value_unsafe(); }
    bool boolean() const { return m_e.get_bool().value_unsafe(); }
    std::int64_t integer() const
    {
        return m_e.is_uint64() ? std::int64_t(m_e.get_uint64().value_unsafe())
                               : m_e.get_int64().value_unsafe();
    }
    std::uint64_t unsignedInteger() const
    {
        return m_e.is_uint64() ? m_e.get_uint64().value_unsafe()
                               : std::uint64_t(m_e.get_int64().value_unsafe());
    }
    double number() const
    {
        if (m_e.is_uint64())
            return double(m_e.get_uint64().value_unsafe());
        if (m_e.is_int64())
            return double(m_e.get_int64().value_unsafe());
        return m_e.get_double().value_unsafe();
    }
    std::string dump() const { return simdjson::minify(m_e); }
    std::size_t size() const
    {
        if (m_e.is_object())
            return m_e.get_object().value_unsafe().size();
        return m_e.get_array().value_unsafe().size();
    }

    std::optional<SimdjsonView> find(std::string_view key, Cursor &c) const
    {
        const simdjson::dom::object o = m_e.get_object().value_unsafe();
        if (!c.collected) {
            c.collected = true;
            for (const simdjson::dom::key_value_pair member : o) {
                if (c.count == c.members.size()) {
                    c.many = true;
                    break;
                }
                c.members[c.count++] = {member.key, member.value};
            }
        }
        if (c.many) {
            for (const simdjson::dom::key_value_pair member : o) {
                if (member.key == key)
                    return SimdjsonView(member.value);
            }
            return std::nullopt;
        }
        // From the cursor to the end, then from the beginning to the cursor.
        for (std::size_t n = 0, i = c.next; n < c.count; ++n, i = i + 1 == c.count ? 0 : i + 1) {
            if (c.members[i].first == key) {
                c.next = i + 1 == c.count ? 0 : i + 1;
                return SimdjsonView(c.members[i].second);
            }
        }
        return std::nullopt;
    }
    template<typename F>
    void forEachKey(F f) const
    {
        const simdjson::dom::object o = m_e.get_object().value_unsafe();
        for (const simdjson::dom::key_value_pair member : o)
            f(member.key);
    }
    template<typename F>
    void forEachItem(F f) const
    {
        std::size_t i = 0;
        const simdjson::dom::array a = m_e.get_array().value_unsafe();
        for (const simdjson::dom::element item : a)
            f(SimdjsonView(item), i++);
    }

private:
    simdjson::dom::element m_e;
};

} // namespace s3rd::model::designformat
