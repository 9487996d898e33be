#pragma once

// Writes a JSON document straight into text, in AWS's layout: 2-space indentation, "key": value,
// members in the order they are written, empty containers as {} and [], a final newline. The
// same bytes as nlohmann::ordered_json::dump(2) of the same document, without building one:
// generation runs on every edit in the designer, and a DOM costs an allocation per value.
//
// Contract: calls must form one well-formed value (a key before every member of an object,
// containers closed in order, at most 32 deep); the writer does not check. text() may be called
// once, after the outermost container is closed.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace s3rd::model::policy {

class JsonWriter
{
public:
    JsonWriter();
    ~JsonWriter();
    JsonWriter(const JsonWriter &) = delete;
    JsonWriter &operator=(const JsonWriter &) = delete;

    JsonWriter &beginObject() { return open('{'); }
    JsonWriter &endObject() { return close('}'); }
    JsonWriter &beginArray() { return open('['); }
    JsonWriter &endArray() { return close(']'); }
    JsonWriter &key(std::string_view name);
    JsonWriter &value(std::string_view text);
    JsonWriter &value(const char *text) { return value(std::string_view(text)); }
    JsonWriter &value(std::int64_t number);

    // "name": "text" / "name": number, as one member.
    JsonWriter &member(std::string_view name, std::string_view text)
    {
        return key(name).value(text);
    }
    JsonWriter &member(std::string_view name, std::int64_t number)
    {
        return key(name).value(number);
    }

    // The document with its final newline, at its exact size.
    std::string text();

private:
    void beforeValue();
    JsonWriter &open(char bracket);
    JsonWriter &close(char bracket);

    std::string m_own;  // used when another writer holds the shared buffer
    bool m_shared;      // whether m_out is the thread's shared buffer
    std::string &m_out; // a buffer reused between documents, else m_own
    // Per open container: nothing written into it yet. Documents nest a few levels deep.
    std::array<bool, 32> m_empty{};
    std::size_t m_depth = 0;
    bool m_afterKey = false;
};

// Appends `text` as a JSON string: quoted, escaped where needed, invalid UTF-8 replaced.
void appendJsonString(std::string &out, std::string_view text);

} // namespace s3rd::model::policy
