// s3rd generate: every JSON document a design's replication setup needs.

#include "commands.h"

#include "core/atomicfile.h"
#include "core/designfile.h"
#include "policies/artifacts.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <unordered_set>

namespace s3rd::cli {

namespace {

namespace fs = std::filesystem;
using model::Artifact;

const char *const kUsage =
    "Usage: s3rd generate FILE [--out DIR] [--format text|json]\n\n"
    "Generates every document the design's replication setup needs: the replication\n"
    "configuration of each source bucket, the trust and permissions policies of each\n"
    "replication role, the key policy of each customer managed KMS key, and the bucket\n"
    "policy of each destination that receives cross-account replicas. Custom policies in\n"
    "the design are passed through verbatim. A source bucket with Batch Replication lets\n"
    "its role keep the job's generated manifest and completion report under\n"
    "batch-replication/ in that bucket: give the job that bucket and prefix.\n\n"
    "Each document has a path: ACCOUNT-ID/replication-BUCKET.json,\n"
    "ACCOUNT-ID/role-ROLE-trust.json, ACCOUNT-ID/role-ROLE-permissions.json,\n"
    "ACCOUNT-ID/key-ALIAS.json and ACCOUNT-ID/bucket-policy-BUCKET.json. A role whose\n"
    "permissions outgrow an inline policy (or whose design asks for managed policies) gets\n"
    "customer managed policies ACCOUNT-ID/role-ROLE-permissions-1.json ... -N.json instead,\n"
    "each at most 6,144 characters, to attach to the role.\n\n"
    "Options:\n"
    "  --out DIR        Write each document to DIR/PATH (folders are created, files are\n"
    "                   replaced atomically; a file that already holds the document is\n"
    "                   left as it is) instead of printing it.\n"
    "  --format text    Print each document after a header line naming its path, the ARN\n"
    "                   it applies to and what it is for (the default).\n"
    "  --format json    Print one JSON object for scripts:\n"
    "                   {\"artifacts\": [{\"kind\", \"account\", \"target\", \"path\", "
    "\"document\"}]}\n"
    "                   kind is replication-configuration, role-trust-policy,\n"
    "                   role-permissions-policy, role-managed-policy, key-policy or\n"
    "                   bucket-policy.\n\n"
    "A document larger than AWS accepts (inline role policy 10,240 characters, managed\n"
    "policy 6,144, more than 10 managed policies for one role, key policy 32 KB,\n"
    "bucket policy 20 KB, replication configuration 2 MB or 1,000 rules), or a custom\n"
    "policy that is not valid JSON, is never written or printed: it is named on stderr.\n\n"
    "Exit status: 0 when every document was generated, 1 when any was held back,\n"
    "2 when the design does not load (or on bad usage).\n";

// Why an artifact is held back, or an empty string.
std::string problemOf(const Artifact &a)
{
    if (a.custom && !a.parsed)
        return "the custom policy is not valid JSON";
    if (a.overLimit) {
        const std::size_t size = model::policySize(a);
        if (size <= model::sizeLimit(a.kind) && a.kind == model::ArtifactKind::RoleManagedPolicy)
            return "the role's permissions need more than " +
                   std::to_string(model::kMaxManagedPoliciesPerRole) +
                   " customer managed policies, more than IAM attaches to a role";
        if (size <= model::sizeLimit(a.kind))
            return "it has more than " + std::to_string(model::kMaxReplicationRules) +
                   " rules, more than AWS accepts";
        return "it is " + std::to_string(size) + " characters, over AWS's limit of " +
               std::to_string(model::sizeLimit(a.kind));
    }
    return {};
}

// Writes the documents under one folder. Each target's folder is created as needed (once);
// the file itself is replaced atomically (renamed over the old one, so a reader sees the
// previous file or the complete new one), keeping the mode of the file it replaces. A file that
// already holds the document is left alone: regenerating an unchanged design rewrites nothing.
// The files are flushed to disk together by flushFolder() at the end: an fsync per file and
// folder made writing a large design's thousands of documents take tens of seconds.
class DocumentWriter
{
public:
    std::string write(const fs::path &target, const std::string &text)
    {
        const std::string folder = target.parent_path().string();
        if (m_folders.insert(folder).second) {
            std::error_code ec;
            fs::create_directories(folder, ec);
            if (ec) {
                m_folders.erase(folder);
                return "cannot create " + folder + ": " + ec.message();
            }
        }
        const std::string path = target.string();
        int mode = newFileMode();
        if (holdsAlready(path, text, mode))
            return {};
        if (const std::string e = model::files::writeFileAtomically(
                path, text, mode, model::files::Durability::WithFolder);
            !e.empty())
            return "cannot write " + path + ": " + e;
        return {};
    }

private:
    // Whether the file at path holds exactly text. A file that is there but differs sets
    // `mode` to its own mode, which the new file keeps.
    static bool holdsAlready(const std::string &path, const std::string &text, int &mode)
    {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return false;
        struct stat st
        {
        };
        bool same = false;
        if (::fstat(fd, &st) == 0) {
            mode = int(st.st_mode & 07777);
            same = S_ISREG(st.st_mode) && std::size_t(st.st_size) == text.size()
                   && sameContent(fd, text);
        } else {
            mode = model::files::kDefaultMode;
        }
        ::close(fd);
        return same;
    }

    static bool sameContent(int fd, const std::string &text)
    {
        char buffer[16384];
        std::size_t done = 0;
        while (true) {
            const ssize_t n = ::read(fd, buffer, sizeof buffer);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                return false;
            }
            if (n == 0)
                return done == text.size();
            if (done + std::size_t(n) > text.size() ||
                std::memcmp(buffer, text.data() + done, std::size_t(n)) != 0)
                return false;
            done += std::size_t(n);
        }
    }

    // 0666 less the umask, as a new file gets by default; asked once.
    int newFileMode()
    {
        if (m_newFileMode < 0) {
            const mode_t mask = ::umask(0);
            ::umask(mask);
            m_newFileMode = int(0666 & ~mask);
        }
        return m_newFileMode;
    }

    std::unordered_set<std::string> m_folders; // created (or found) already
    int m_newFileMode = -1;
};

// Everything written under the folder reaches the disk: one syncfs() of its file system.
std::string flushFolder(const std::string &folder)
{
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return {}; // nothing was written there
    const bool ok = ::syncfs(fd) == 0;
    const int err = errno;
    ::close(fd);
    return ok ? std::string() : "cannot flush " + folder + " to disk: " + std::strerror(err);
}

int run(const std::vector<std::string> &argv, Io io)
{
    Args args(argv);
    const std::optional<std::string> out = args.value("out");
    const std::string format = args.value("format").value_or("text");
    const std::vector<std::string> files = args.positional();
    if (const std::string e = args.error(); !e.empty())
        return usageError(io, "generate", e);
    if (files.size() != 1)
        return usageError(io, "generate",
                          files.empty() ? "no design file given" : "give exactly one design file");
    if (format != "text" && format != "json")
        return usageError(io, "generate", "unknown format '" + format + "' (text or json)");
    if (out && out->empty())
        return usageError(io, "generate", "--out needs a folder");

    const std::string &file = files.front();
    const std::optional<model::Design> design = loadDesignReporting(io, file);
    if (!design)
        return kBadInput;

    const std::vector<Artifact> artifacts = model::generateArtifacts(*design);
    bool heldBack = false;
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    DocumentWriter writer;
    // The printed documents, written at once (a large design has thousands).
    std::string text;
    for (const Artifact &a : artifacts) {
        if (const std::string problem = problemOf(a); !problem.empty()) {
            io.err << "s3rd generate: " << a.path << " (" << a.target
                   << ") not generated: " << problem << "\n";
            heldBack = true;
            continue;
        }
        if (out) {
            const fs::path root = fs::path(*out);
            const fs::path target = root / a.path;
            // Paths are built from validated names; refuse anything leaving the folder anyway.
            const fs::path relative = fs::path(a.path).lexically_normal();
            if (relative.is_absolute() || relative.empty() || *relative.begin() == "..") {
                io.err << "s3rd generate: refusing to write outside " << *out << ": " << a.path
                       << "\n";
                heldBack = true;
                continue;
            }
            if (const std::string e = writer.write(target, a.text); !e.empty()) {
                io.err << "s3rd generate: " << e << "\n";
                return kBadInput;
            }
            if (format == "text")
                io.out << "wrote " << target.string() << "\n";
        } else if (format == "text") {
            text += "# ";
            text += a.path;
            text += "  ";
            text += a.target;
            text += "  ";
            text += model::artifactPurpose(a.kind);
            if (a.custom)
                text += ", custom policy from the design";
            text += '\n';
            text += a.text;
            if (!a.text.empty() && a.text.back() != '\n')
                text += '\n';
            text += '\n';
        }
        if (format == "json") {
            nlohmann::ordered_json item = nlohmann::ordered_json::object();
            item["kind"] = std::string(model::artifactKindName(a.kind));
            item["account"] = a.accountId;
            item["target"] = a.target;
            item["path"] = a.path;
            item["document"] = a.document();
            list.push_back(std::move(item));
        }
    }
    io.out << text;
    if (out) {
        if (const std::string e = flushFolder(*out); !e.empty()) {
            io.err << "s3rd generate: " << e << "\n";
            return kBadInput;
        }
    }
    if (format == "json") {
        nlohmann::ordered_json result = nlohmann::ordered_json::object();
        result["artifacts"] = std::move(list);
        io.out << result.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
               << "\n";
    }
    return heldBack ? kFindings : kOk;
}

} // namespace

extern const Command kGenerateCommand = {
    "generate", "Generate every policy and configuration document of a design", kUsage, &run};

} // namespace s3rd::cli
