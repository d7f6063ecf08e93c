#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>

#include "node/clock.hpp"

namespace azora::node {

/// Work handed to one thread by others, bounded in bytes against a flood. Thread-safe.
class WorkQueue {
public:
    using Work = std::function<void()>;

    /// `max_bytes` bounds the bytes of the work queued at once (as post's callers count them).
    WorkQueue(Clock& clock, size_t max_bytes) : m_clock(clock), m_max_bytes(max_bytes) {}

    /// Queues work; `bytes` counts toward max_bytes, past which the work is dropped (false).
    /// False too once stopped.
    bool post(Work work, size_t bytes = 0);
    /// Waits until work is queued, the clock reaches `deadline` (if any) or the queue stops;
    /// returns what is queued (maybe nothing), or nullopt once stopped.
    std::optional<std::deque<Work>> wait(std::optional<Clock::TimePoint> deadline);
    /// Wakes the waiter for good. Idempotent.
    void stop();

private:
    Clock& m_clock;
    const size_t m_max_bytes;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Work> m_work;     // guarded by m_mutex
    size_t m_bytes = 0;          // guarded by m_mutex
    bool m_full_logged = false;  // guarded by m_mutex
    bool m_stopping = false;     // guarded by m_mutex
};

}  // namespace azora::node
