#include "atomicfile.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace s3rd::model::files {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTempMarker = ".s3rd-tmp-";
// Entries of an old export folder carried over into the new one; beyond this the folder is
// not an export folder (someone exported into their home), and the files are written in place.
constexpr int kMaxCarriedEntries = 10000;

std::string errnoText(int err)
{
    return std::strerror(err);
}

void splitPath(const std::string &path, std::string &dir, std::string &name)
{
    std::string p = path;
    while (p.size() > 1 && p.back() == '/')
        p.pop_back();
    const auto slash = p.rfind('/');
    if (slash == std::string::npos) {
        dir = ".";
        name = p;
    } else {
        dir = slash == 0 ? "/" : p.substr(0, slash);
        name = p.substr(slash + 1);
    }
}

std::string tempTemplate(const std::string &dir, const std::string &name)
{
    return dir + "/." + name + std::string(kTempMarker) + "XXXXXX";
}

void syncDirectory(const std::string &dir)
{
    if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

// A symbolic link is written through: its target is what gets replaced.
std::string resolveLink(const std::string &path)
{
    struct stat lst
    {
    };
    if (::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
        if (char *resolved = ::realpath(path.c_str(), nullptr)) {
            std::string target = resolved;
            std::free(resolved);
            return target;
        }
    }
    return path;
}

mode_t currentUmask()
{
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return mask;
}

mode_t defaultMode()
{
    return 0666 & ~currentUmask();
}

// Creates and locks a temporary file next to dir/name. Returns the descriptor or -1 (errno).
int createLockedTemp(const std::string &dir, const std::string &name, std::string &tmp)
{
    for (int attempt = 0; attempt < 4; ++attempt) {
        tmp = tempTemplate(dir, name);
        const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
        if (fd < 0)
            return -1;
        ::flock(fd, LOCK_EX);
        // Between mkostemp and flock another process may have taken the unlocked file for a
        // dead writer's and removed it; then try again with a new name.
        struct stat st
        {
        };
        if (::fstat(fd, &st) == 0 && st.st_nlink > 0)
            return fd;
        ::close(fd);
    }
    errno = EAGAIN;
    return -1;
}

bool writeAll(int fd, std::string_view content)
{
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        done += std::size_t(n);
    }
    return true;
}

// Hard-links (or copies) into `to` every entry of `from` that `to` lacks, recursively.
// Returns false when it could not, or when there are more than `budget` entries.
bool carryOver(const fs::path &from, const fs::path &to, int &budget)
{
    std::error_code ec;
    for (fs::directory_iterator it(from, ec), end; !ec && it != end; it.increment(ec)) {
        if (--budget < 0)
            return false;
        const fs::path target = to / it->path().filename();
        const fs::file_status st = it->symlink_status(ec);
        if (ec)
            return false;
        const fs::file_status existing = fs::symlink_status(target, ec);
        ec.clear();
        if (fs::is_directory(st)) {
            if (!fs::exists(existing)) {
                fs::create_directory(target, it->path(), ec);
                if (ec)
                    return false;
            } else if (!fs::is_directory(existing)) {
                continue; // the new export writes a file where a folder was
            }
            if (!carryOver(it->path(), target, budget))
                return false;
        } else if (!fs::exists(existing)) {
            if (fs::is_symlink(st)) {
                fs::copy_symlink(it->path(), target, ec);
            } else {
                fs::create_hard_link(it->path(), target, ec);
                if (ec) {
                    ec.clear();
                    fs::copy_file(it->path(), target, ec);
                }
            }
            if (ec)
                return false;
        }
    }
    return !ec;
}

// Flushes everything written under root: one syncfs() of its file system rather than an fsync
// per file and folder.
bool syncFileSystem(int rootFd)
{
    return rootFd >= 0 && ::syncfs(rootFd) == 0;
}

// True when the process's working directory is path or inside it.
bool holdsWorkingDirectory(const fs::path &path)
{
    std::error_code ec;
    const fs::path cwd = fs::current_path(ec);
    if (ec)
        return true;
    const fs::path p = fs::weakly_canonical(path, ec);
    if (ec)
        return true;
    auto c = cwd.begin();
    for (auto it = p.begin(); it != p.end(); ++it, ++c) {
        if (it->empty())
            continue;
        if (c == cwd.end() || *it != *c)
            return false;
    }
    return true;
}

} // namespace

void removeStaleTemporaries(const std::string &path)
{
    std::string dir, name;
    splitPath(resolveLink(path), dir, name);
    const std::string prefix = "." + name + std::string(kTempMarker);
    DIR *d = ::opendir(dir.c_str());
    if (!d)
        return;
    while (const dirent *e = ::readdir(d)) {
        const std::string entry = e->d_name;
        if (entry.size() != prefix.size() + 6 || entry.compare(0, prefix.size(), prefix) != 0)
            continue;
        const std::string full = dir + "/" + entry;
        const int fd = ::open(full.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0)
            continue;
        // A live writer holds the lock; a dead one's lock went with its process.
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            struct stat st
            {
            };
            if (::fstat(fd, &st) == 0) {
                std::error_code ec;
                if (S_ISDIR(st.st_mode))
                    fs::remove_all(full, ec);
                else if (S_ISREG(st.st_mode))
                    ::unlink(full.c_str());
            }
        }
        ::close(fd);
    }
    ::closedir(d);
}

std::string writeFileAtomically(const std::string &path, std::string_view content, int mode,
                                Durability durability)
{
    const std::string target = resolveLink(path);
    std::string dir, name;
    splitPath(target, dir, name);
    std::string tmp;
    const int fd = createLockedTemp(dir, name, tmp);
    if (fd < 0)
        return "cannot create a temporary file in " + dir + " (" + errnoText(errno) + ")";
    mode_t m = mode >= 0 ? mode_t(mode) : defaultMode();
    struct stat st
    {
    };
    if (mode < 0 && ::stat(target.c_str(), &st) == 0)
        m = st.st_mode & 07777; // keep the permissions of the file being replaced
    const auto fail = [&](const std::string &what) {
        const int err = errno;
        ::unlink(tmp.c_str());
        ::close(fd);
        return what + " (" + errnoText(err) + ")";
    };
    if (!writeAll(fd, content))
        return fail("writing failed");
    if (::fchmod(fd, m) != 0)
        return fail("setting its permissions failed");
    if (durability == Durability::Now && ::fsync(fd) != 0)
        return fail("flushing to disk failed");
    if (::rename(tmp.c_str(), target.c_str()) != 0)
        return fail("replacing the file failed");
    ::close(fd);
    if (durability == Durability::Now)
        syncDirectory(dir); // make the rename itself durable
    return {};
}

std::string replaceFolderAtomically(const std::string &path,
                                    const std::function<std::string(const std::string &)> &fill)
{
    std::error_code ec;
    std::string dir, name;
    splitPath(path, dir, name);
    fs::create_directories(dir, ec);
    if (ec)
        return "cannot create " + dir + ": " + ec.message();
    removeStaleTemporaries(path);

    const fs::file_status existing = fs::status(path, ec);
    const bool exists = fs::exists(existing);
    if (exists && !fs::is_directory(existing))
        return "cannot write into " + path + ": it is a file, not a folder";
    // Writes into the existing folder, file by file, when it cannot be swapped.
    const auto inPlace = [&]() -> std::string {
        std::string error = fill(path);
        if (const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
            if (!syncFileSystem(fd) && error.empty())
                error = "cannot flush " + path + " to disk: " + errnoText(errno);
            ::close(fd);
        }
        return error;
    };
    if (exists && holdsWorkingDirectory(path))
        return inPlace(); // swapping it would pull the folder from under the caller

    std::string tmp = tempTemplate(dir, name);
    if (!::mkdtemp(tmp.data()))
        return "cannot create a temporary folder in " + dir + ": " + errnoText(errno);
    const int lockFd = ::open(tmp.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (lockFd >= 0)
        ::flock(lockFd, LOCK_EX);
    const auto cleanUp = [&] {
        std::error_code ignored;
        fs::remove_all(tmp, ignored);
        if (lockFd >= 0)
            ::close(lockFd);
    };
    if (std::string error = fill(tmp); !error.empty()) {
        cleanUp();
        return error;
    }
    if (exists) {
        int budget = kMaxCarriedEntries;
        struct stat st
        {
        };
        if (!carryOver(path, tmp, budget)) {
            cleanUp();
            return inPlace();
        }
        if (::stat(path.c_str(), &st) == 0)
            ::chmod(tmp.c_str(), st.st_mode & 07777);
    } else {
        ::chmod(tmp.c_str(), 0777 & ~currentUmask()); // mkdtemp made it 0700
    }
    if (!syncFileSystem(lockFd)) {
        const int err = errno;
        cleanUp();
        return "cannot flush " + tmp + " to disk: " + errnoText(err);
    }
    if (exists) {
        if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_EXCHANGE) != 0) {
            cleanUp(); // the file system cannot exchange: write in place instead
            return inPlace();
        }
        // tmp now names the previous folder. A crash before it is gone leaves an unlocked
        // temporary that the next export removes.
        if (lockFd >= 0)
            ::close(lockFd);
        syncDirectory(dir);
        fs::remove_all(tmp, ec);
        return {};
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        cleanUp();
        return "cannot create " + path + ": " + errnoText(err);
    }
    if (lockFd >= 0)
        ::close(lockFd);
    syncDirectory(dir);
    return {};
}

} // namespace s3rd::model::files
