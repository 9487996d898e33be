#include "textposition.h"

#include <algorithm>

namespace s3rd::model {

TextPosition positionOf(std::string_view text, std::size_t offset)
{
    TextPosition p;
    offset = std::min(offset, text.size());
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++p.line;
            p.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++p.column; // a UTF-8 continuation byte is part of the character before it
        }
    }
    return p;
}

std::string lineColumn(TextPosition p)
{
    return "line " + std::to_string(p.line) + ", column " + std::to_string(p.column);
}

} // namespace s3rd::model
