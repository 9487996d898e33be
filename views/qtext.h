#pragma once

// Model text (UTF-8 std::string) as Qt text, for the views.

#include <QString>

#include <string_view>

namespace s3rd::views {

inline QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

} // namespace s3rd::views
