#include "cli.h"

#include <algorithm>
#include <ostream>

namespace s3rd::cli {

Args::Args(std::vector<std::string> args)
    : m_args(std::move(args))
    , m_used(m_args.size(), false)
{
}

bool Args::flag(const std::string &name)
{
    const std::string opt = "--" + name;
    bool found = false;
    for (std::size_t i = 0; i < m_args.size(); ++i) {
        if (m_args[i] == "--")
            break;
        if (!m_used[i] && m_args[i] == opt) {
            m_used[i] = true;
            found = true;
        }
    }
    return found;
}

std::vector<std::string> Args::values(const std::string &name)
{
    std::vector<std::string> out;
    // value() takes every occurrence and keeps the last; take them one at a time instead.
    for (std::size_t i = 0; i < m_args.size() && m_args[i] != "--"; ++i) {
        if (m_used[i])
            continue;
        std::string text;
        const std::string opt = "--" + name;
        if (m_args[i] == opt) {
            m_used[i] = true;
            if (i + 1 >= m_args.size()) {
                m_error = "option " + opt + " needs a value";
                return out;
            }
            m_used[i + 1] = true;
            text = m_args[++i];
        } else if (m_args[i].rfind(opt + "=", 0) == 0) {
            m_used[i] = true;
            text = m_args[i].substr(opt.size() + 1);
        } else {
            continue;
        }
        for (std::size_t start = 0; start <= text.size();) {
            const std::size_t comma = std::min(text.find(',', start), text.size());
            if (comma > start)
                out.push_back(text.substr(start, comma - start));
            start = comma + 1;
        }
    }
    return out;
}

std::optional<std::string> Args::value(const std::string &name)
{
    const std::string opt = "--" + name;
    std::optional<std::string> result;
    for (std::size_t i = 0; i < m_args.size(); ++i) {
        if (m_args[i] == "--")
            break;
        if (m_used[i])
            continue;
        if (m_args[i] == opt) {
            m_used[i] = true;
            if (i + 1 >= m_args.size()) {
                m_error = "option " + opt + " needs a value";
                return std::nullopt;
            }
            m_used[i + 1] = true;
            result = m_args[++i];
        } else if (m_args[i].rfind(opt + "=", 0) == 0) {
            m_used[i] = true;
            result = m_args[i].substr(opt.size() + 1);
        }
    }
    return result;
}

std::vector<std::string> Args::positional() const
{
    std::vector<std::string> out;
    bool afterDashes = false;
    for (std::size_t i = 0; i < m_args.size(); ++i) {
        if (!afterDashes && m_args[i] == "--") {
            afterDashes = true;
            continue;
        }
        if (!m_used[i] && (afterDashes || m_args[i].rfind("--", 0) != 0))
            out.push_back(m_args[i]);
    }
    return out;
}

std::string Args::error() const
{
    if (!m_error.empty())
        return m_error;
    for (std::size_t i = 0; i < m_args.size(); ++i) {
        if (m_args[i] == "--")
            break;
        if (!m_used[i] && m_args[i].rfind("--", 0) == 0)
            return "unknown option " + m_args[i];
    }
    return {};
}

int usageError(Io io, const std::string &command, const std::string &message)
{
    io.err << "s3rd " << command << ": " << message << "\n"
           << "Run 's3rd help " << command << "' for usage.\n";
    return kBadInput;
}

std::optional<std::vector<std::string>> designFiles(const Args &args, Io io,
                                                    const std::string &command)
{
    std::vector<std::string> files = args.positional();
    if (const std::string e = args.error(); !e.empty()) {
        usageError(io, command, e);
        return std::nullopt;
    }
    if (files.empty()) {
        usageError(io, command, "no design file given");
        return std::nullopt;
    }
    return files;
}

void printLoadProblems(Io io, const std::string &file,
                       const std::vector<model::LoadProblem> &problems)
{
    for (const model::LoadProblem &p : problems) {
        io.err << file << ":";
        if (!p.location.empty())
            io.err << p.location << ":";
        io.err << " " << p.message << "\n";
    }
}

std::optional<model::Design> loadDesignReporting(Io io, const std::string &file)
{
    model::LoadResult loaded = model::loadDesignFile(file);
    printLoadProblems(io, file, loaded.problems);
    if (!loaded.ok())
        return std::nullopt;
    return std::move(loaded.design);
}

} // namespace s3rd::cli
