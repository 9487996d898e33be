#pragma once

// "line N, column M": where in a text a problem is, for messages about design files, imported
// AWS CLI output and policy text. Lines and columns count from 1; a column counts characters
// (UTF-8 code points), not bytes, so it matches what an editor shows.

#include <cstddef>
#include <string>
#include <string_view>

namespace s3rd::model {

struct TextPosition
{
    std::size_t line = 1;
    std::size_t column = 1;
};

// The position of the byte at offset (0-based; past the end: the end of the text).
TextPosition positionOf(std::string_view text, std::size_t offset);

// "line 4, column 7".
std::string lineColumn(TextPosition p);

inline std::string lineColumnAt(std::string_view text, std::size_t offset)
{
    return lineColumn(positionOf(text, offset));
}

} // namespace s3rd::model
