#include "policies/jsonwriter.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstring>

namespace s3rd::model::policy {

namespace {

// Reused between documents, then copied out at its exact size: growing a fresh string past
// 1 KB makes glibc consolidate its free lists on every document.
thread_local std::string t_buffer;
thread_local bool t_bufferInUse = false;

} // namespace

// Characters a JSON string cannot hold as they are: controls, quotes, backslashes, and bytes
// outside ASCII (which the library checks as UTF-8).
constexpr std::array<bool, 256> kNeedsCare = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c)
        table[std::size_t(c)] = c < 0x20 || c >= 0x80 || c == '"' || c == '\\';
    return table;
}();

void appendJsonString(std::string &out, std::string_view text)
{
    // Plain ASCII is copied as is; anything else goes through the library's escaping (which
    // also replaces invalid UTF-8).
    for (char c : text) {
        if (kNeedsCare[static_cast<unsigned char>(c)]) {
            out += nlohmann::json(std::string(text))
                       .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            return;
        }
    }
    const std::size_t at = out.size();
    out.resize(at + text.size() + 2);
    char *p = out.data() + at;
    *p++ = '"';
    std::memcpy(p, text.data(), text.size());
    p[text.size()] = '"';
}

JsonWriter::JsonWriter() : m_shared(!t_bufferInUse), m_out(m_shared ? t_buffer : m_own)
{
    t_bufferInUse = true;
    m_out.clear();
}

JsonWriter::~JsonWriter()
{
    if (m_shared)
        t_bufferInUse = false;
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_depth == 0)
        return; // the document itself
    m_out += m_empty[m_depth - 1] ? "\n" : ",\n";
    m_empty[m_depth - 1] = false;
    m_out.append(m_depth * 2, ' ');
}

JsonWriter &JsonWriter::open(char bracket)
{
    beforeValue();
    m_out += bracket;
    m_empty.at(m_depth++) = true;
    return *this;
}

JsonWriter &JsonWriter::close(char bracket)
{
    const bool empty = m_empty[--m_depth];
    if (!empty) {
        m_out += '\n';
        m_out.append(m_depth * 2, ' ');
    }
    m_out += bracket;
    return *this;
}

JsonWriter &JsonWriter::key(std::string_view name)
{
    beforeValue();
    appendJsonString(m_out, name);
    m_out += ": ";
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::value(std::string_view text)
{
    beforeValue();
    appendJsonString(m_out, text);
    return *this;
}

JsonWriter &JsonWriter::value(std::int64_t number)
{
    beforeValue();
    m_out += std::to_string(number);
    return *this;
}

std::string JsonWriter::text()
{
    m_out += '\n';
    return std::string(m_out);
}

} // namespace s3rd::model::policy
