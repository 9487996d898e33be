#pragma once

// Work spread over the machine's cores: opening a large design routes thousands of arrows and
// runs some eighty rules of the checklist, each independent of the others.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace s3rd::model {

// Calls work(i) for every i in [0, count), on as many threads as the machine has cores (the
// calling thread among them), each thread given at least `leastPerThread` calls, so that a
// small count stays on the calling thread. Returns once every call has returned. The first
// exception a call throws is thrown here, after the others have finished. `work` must be safe
// to call from several threads at once; the order of the calls is unspecified.
template<typename Work>
void parallelFor(std::size_t count, std::size_t leastPerThread, Work &&work)
{
    const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
    const std::size_t threads =
        std::min(cores, std::max<std::size_t>(1, count / std::max<std::size_t>(1, leastPerThread)));
    std::atomic<std::size_t> next = 0;
    std::exception_ptr failure;
    std::mutex failureMutex;
    const auto run = [&] {
        for (std::size_t i = next++; i < count; i = next++) {
            try {
                work(i);
            } catch (...) {
                const std::lock_guard lock(failureMutex);
                if (!failure)
                    failure = std::current_exception();
            }
        }
    };
    {
        std::vector<std::jthread> helpers;
        for (std::size_t t = 1; t < threads; ++t)
            helpers.emplace_back(run);
        run();
    } // the helpers are joined here
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace s3rd::model
