#pragma once

#include <chrono>
#include <thread>

namespace azora::test {

/// Calls `ready` every `interval` until it returns true or `timeout` has passed; returns the
/// last answer. For waiting on state a test cannot be told about (a height, a commit), never
/// a fixed sleep.
template <typename Pred>
bool poll_until(Pred&& ready,
                std::chrono::milliseconds timeout,
                std::chrono::milliseconds interval = std::chrono::milliseconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (ready()) {
            return true;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(interval);
    }
}

}  // namespace azora::test
