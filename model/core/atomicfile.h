#pragma once

// Replacing files and folders so that a crash at any moment (power loss, SIGKILL, a full disk)
// leaves either the previous version or the complete new one, never a truncated file or a mix.
//
// Everything new is written under a temporary name next to its target, ".<name>.s3rd-tmp-XXXXXX",
// flushed to disk (fsync), and renamed over the target; then the folder itself is flushed so the
// rename is durable. While a writer works on a temporary it holds an flock() on it. A temporary
// whose lock is free belongs to a writer that died: the next write to the same target removes
// it (removeStaleTemporaries), so a crash leaves no lasting clutter in the user's folder.

#include <functional>
#include <string>
#include <string_view>

namespace s3rd::model::files {

// Mode of a new file: kDefaultMode gives 0666 & ~umask, or keeps the mode of the file replaced.
inline constexpr int kDefaultMode = -1;

// When a write reaches the disk: before writeFileAtomically() returns (fsync of the file and its
// folder), or with the folder being replaced by replaceFolderAtomically(), which flushes the
// whole new folder with one syncfs() instead of one fsync per file (hundreds of fsyncs take
// seconds on a busy disk).
enum class Durability { Now, WithFolder };

// Writes content to path atomically. A symbolic link at path is followed: its target is
// replaced and the link kept. Returns an empty string, or what failed ("writing failed (No space
// left on device)"), for the caller to put after the path.
std::string writeFileAtomically(const std::string &path, std::string_view content,
                                int mode = kDefaultMode, Durability durability = Durability::Now);

// Replaces the folder at path (created when missing) by one that fill() writes into an empty
// temporary folder next to it. Entries of the previous folder that fill() does not write are
// carried over (hard links), so the result is what writing the files into the old folder one by
// one would give, but it appears all at once (renameat2 RENAME_EXCHANGE). When the swap cannot be
// done safely (path is the working directory or holds it, the file system cannot exchange, or
// the old folder is huge) the files are written in place, each one atomically. fill() returns
// an empty string or an error message; on error nothing changes at path.
std::string
replaceFolderAtomically(const std::string &path,
                        const std::function<std::string(const std::string &folder)> &fill);

// Removes the temporaries of writers that died while replacing path. Safe while other processes
// write: a temporary in use is locked and left alone.
void removeStaleTemporaries(const std::string &path);

} // namespace s3rd::model::files
