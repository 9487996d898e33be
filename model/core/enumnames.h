#pragma once

// The names of an enum's values, as the design file, reports and the command line spell them:
// one table per enum, read both ways. A table lists every value once; a value missing from it
// gets the first row's name, so keep the tables complete (each one sits beside its enum's
// other names).

#include <cstddef>
#include <string>
#include <string_view>

namespace s3rd::model {

template<typename E>
struct EnumName
{
    E value;
    std::string_view name;
};

template<typename E, std::size_t N>
constexpr std::string_view enumName(const EnumName<E> (&table)[N], E value)
{
    for (const EnumName<E> &e : table) {
        if (e.value == value)
            return e.name;
    }
    return table[0].name;
}

// The value named `name`; false, and `out` untouched, when no row has that name.
template<typename E, std::size_t N>
constexpr bool enumValue(const EnumName<E> (&table)[N], std::string_view name, E &out)
{
    for (const EnumName<E> &e : table) {
        if (e.name == name) {
            out = e.value;
            return true;
        }
    }
    return false;
}

// "\"a\", \"b\" or \"c\"", for messages that list what is allowed.
template<typename E, std::size_t N>
std::string enumChoices(const EnumName<E> (&table)[N])
{
    std::string out;
    for (std::size_t i = 0; i < N; ++i) {
        if (i)
            out += i + 1 == N ? " or " : ", ";
        out += "\"" + std::string(table[i].name) + "\"";
    }
    return out;
}

} // namespace s3rd::model
