// The entry points of the design file format: the file or text read by the fast path
// (readDesignFast) and, when it refuses the text, parsed into a JSON tree (with error positions
// and duplicate keys) and read by designreader.cpp.
#include "designformat.h"

#include "textposition.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <unordered_set>
#include <vector>

namespace s3rd::model {

using namespace designformat;

namespace {

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

std::string errnoText(int err)
{
    return std::strerror(err);
}

// The file size limit first (nothing larger is parsed at all), then the fast path, which
// loads every valid design, and the exact path for whatever it refused.
LoadResult parseText(std::string_view text, bool padded)
{
    LoadResult result;
    if (text.size() > kMaxFileBytes) {
        result.problems.push_back({"", "the file is " + std::to_string(text.size() >> 20)
                                           + " MB; design files are limited to 64 MB"});
        return result;
    }
    if (std::optional<Design> design = readDesignFast(text, padded)) {
        result.design = std::move(*design);
        return result;
    }
    return parseDesignExactly(text);
}

} // namespace

LoadResult designformat::parseDesignExactly(std::string_view text)
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
    result = readDesignTree(root);
    if (!duplicateKeys.empty()) {
        result.design = Design{};
        result.problems.insert(result.problems.begin(), duplicateKeys.begin(),
                               duplicateKeys.end());
    }
    return result;
}

LoadResult parseDesign(std::string_view text)
{
    return parseText(text, false);
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
    // Read once, straight into a buffer with room for the parser's padding, which then needs no
    // copy, and not zero-filled first. A file that grew since stat() is read to its end as well.
    std::size_t capacity = std::size_t(st.st_size) + 1;
    auto text = std::make_unique_for_overwrite<char[]>(capacity + kReadPadding);
    std::size_t size = std::fread(text.get(), 1, capacity, f);
    while (size == capacity && size <= kMaxFileBytes) {
        capacity = std::min<std::size_t>(capacity * 2, kMaxFileBytes + 1);
        auto larger = std::make_unique_for_overwrite<char[]>(capacity + kReadPadding);
        std::memcpy(larger.get(), text.get(), size);
        text = std::move(larger);
        size += std::fread(text.get() + size, 1, capacity - size, f);
    }
    const bool failed = std::ferror(f);
    const int err = errno;
    std::fclose(f);
    if (failed) {
        result.problems.push_back({"", "cannot read the file: " + errnoText(err)});
        return result;
    }
    std::memset(text.get() + size, 0, kReadPadding);
    return parseText(std::string_view(text.get(), size), true);
}

} // namespace s3rd::model
