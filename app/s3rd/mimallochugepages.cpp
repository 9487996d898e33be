// Linked into s3rd only, with mimalloc (app/s3rd/CMakeLists.txt): its heap asks the kernel for
// transparent huge pages (2 MB) instead of 4 KB pages.
//
// One command on a large design fills tens of megabytes once (the file, the parser's buffers, the
// design, the generated documents) and exits. With 4 KB pages each page costs a page fault; on a
// virtual machine the faults were most of the CPU time of `s3rd lint` on the 10,000-bucket design
// (13,000 faults, about three quarters of the time); with 2 MB pages about 300 faults in all. A
// short-lived process gives all of it back at exit, so the larger pages cost no lasting memory.
// The designer is long-running and keeps the default. MIMALLOC_LARGE_OS_PAGES still wins when
// set.
//
// The option must be set before mimalloc initialises (its library constructor allocates the
// first segments, which hold most of a design), so it is set from .preinit_array, which the
// dynamic loader runs before the constructors of any library. Setting an option only writes
// mimalloc's table of options; it allocates nothing.

#include <mimalloc.h>

#include <cstdlib>

namespace {

void enableHugePages(int, char **, char **envp)
{
    for (char **e = envp; e && *e; ++e) {
        constexpr char kName[] = "MIMALLOC_LARGE_OS_PAGES=";
        bool match = true;
        for (std::size_t i = 0; i + 1 < sizeof kName && match; ++i)
            match = (*e)[i] == kName[i];
        if (match)
            return;
    }
    mi_option_enable(mi_option_large_os_pages);
}

[[gnu::section(".preinit_array"), gnu::used]] void (*const kEnableHugePages)(int, char **,
                                                                            char **) =
    enableHugePages;

} // namespace
