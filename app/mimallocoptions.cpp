// Linked into every program that allocates through mimalloc (s3rd_use_mimalloc in the top
// CMakeLists.txt): how long freed memory stays with the process before mimalloc gives it back.
//
// mimalloc's default returns freed pages to the system 25 ms after they go idle. One edit in the
// designer frees and allocates again the strings of every regenerated document and finding, a
// command of s3rd the same at every step: each round trip cost a madvise and a page fault per
// page, about half the CPU time of an edit on a large design. A second keeps the memory of a burst
// of edits (or of one command) hot, and still gives it back once the user pauses. The
// environment (MIMALLOC_DECOMMIT_DELAY, ...) still wins when set.

#include <mimalloc.h>

#include <cstdlib>

namespace {

const bool kDelaysSet = [] {
    if (!std::getenv("MIMALLOC_DECOMMIT_DELAY"))
        mi_option_set(mi_option_decommit_delay, 1000);
    if (!std::getenv("MIMALLOC_SEGMENT_DECOMMIT_DELAY"))
        mi_option_set(mi_option_segment_decommit_delay, 1000);
    return true;
}();

} // namespace
