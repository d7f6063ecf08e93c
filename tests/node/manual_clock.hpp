#pragma once

// A Clock that moves only when a test says so, and that knows which threads wait on it, so
// that a test can run threaded components as a discrete-event simulation: wait until every
// thread waits with nothing to do, then jump to the earliest deadline. Nothing sleeps.

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>

#include "node/clock.hpp"

namespace azora::node::test {

class ManualClock final : public Clock {
public:
    /// Wall time at the start: after the dev genesis time (2026-01-01), so blocks stamped
    /// with it are not ahead of the clock.
    static constexpr uint64_t kStartWallMs = 1'780'000'000'000;

    TimePoint steady_now() const override {
        std::lock_guard guard(m_mutex);
        return m_now;
    }
    uint64_t wall_now_ms() const override {
        return kStartWallMs +
               static_cast<uint64_t>(
                   std::chrono::duration_cast<std::chrono::milliseconds>(steady_now() - kStart)
                       .count());
    }

    void wait_until(std::unique_lock<std::mutex>& lock,
                    std::condition_variable& wake,
                    std::optional<TimePoint> deadline,
                    const std::function<bool()>& ready) override {
        auto due = [&] { return ready() || (deadline && steady_now() >= *deadline); };
        if (due()) {
            return;
        }
        size_t id = 0;
        {
            std::lock_guard guard(m_mutex);
            id = m_next_id++;
            m_waiters.emplace(id, Waiter{lock.mutex(), &wake, deadline, &ready});
            ++m_version;
        }
        m_changed.notify_all();
        wake.wait(lock, due);
        {
            std::lock_guard guard(m_mutex);
            m_waiters.erase(id);
            ++m_version;
        }
        m_changed.notify_all();
    }

    /// Moves the clock to `t` (never backwards) and wakes the waiters.
    void advance_to(TimePoint t) {
        std::map<size_t, Waiter> waiters;
        {
            std::lock_guard guard(m_mutex);
            m_now = std::max(m_now, t);
            waiters = m_waiters;
        }
        for (const auto& [id, w] : waiters) {
            // Taking the waiter's mutex orders this wake-up after its check of the deadline.
            { std::lock_guard waiter_lock(*w.mutex); }
            w.wake->notify_all();
        }
    }
    void advance(std::chrono::milliseconds d) { advance_to(steady_now() + d); }

    /// The earliest deadline of the threads waiting now.
    std::optional<TimePoint> next_deadline() const {
        std::lock_guard guard(m_mutex);
        std::optional<TimePoint> next;
        for (const auto& [id, w] : m_waiters) {
            if (w.deadline && (!next || *w.deadline < *next)) {
                next = w.deadline;
            }
        }
        return next;
    }

    /// Waits until at least `threads` threads wait on this clock, none with work ready or a
    /// deadline passed. False if that has not happened within `guard` of real time (a thread
    /// that stopped or hangs): a failure, not a way to pass time.
    bool wait_idle(size_t threads, std::chrono::seconds guard = std::chrono::seconds(60)) {
        const auto give_up = std::chrono::steady_clock::now() + guard;
        std::unique_lock lock(m_mutex);
        for (;;) {
            if (m_waiters.size() >= threads) {
                const uint64_t version = m_version;
                const auto waiters = m_waiters;
                const TimePoint now = m_now;
                lock.unlock();
                bool idle = true;
                for (const auto& [id, w] : waiters) {
                    // Holding its mutex keeps a waiter that is still registered inside its
                    // wait (and its `ready` alive) while `ready` is asked.
                    std::lock_guard waiter_lock(*w.mutex);
                    bool registered = false;
                    {
                        std::lock_guard guard(m_mutex);
                        registered = m_waiters.contains(id);
                    }
                    idle =
                        idle && registered && !(*w.ready)() && !(w.deadline && *w.deadline <= now);
                }
                lock.lock();
                if (idle && version == m_version) {
                    return true;
                }
                if (version != m_version) {
                    continue;
                }
            }
            if (m_changed.wait_until(lock, give_up) == std::cv_status::timeout) {
                return false;
            }
        }
    }

private:
    struct Waiter {
        std::mutex* mutex = nullptr;
        std::condition_variable* wake = nullptr;
        std::optional<TimePoint> deadline;
        const std::function<bool()>* ready = nullptr;
    };
    static constexpr TimePoint kStart = TimePoint(std::chrono::hours(1));

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    TimePoint m_now = kStart;            // guarded by m_mutex
    std::map<size_t, Waiter> m_waiters;  // guarded by m_mutex
    size_t m_next_id = 0;                // guarded by m_mutex
    uint64_t m_version = 0;              // guarded by m_mutex
};

}  // namespace azora::node::test
