#pragma once

#include <chrono>
#include <map>
#include <optional>

#include "consensus/events.hpp"
#include "node/clock.hpp"

namespace azora::node {

/// The consensus driver's deadlines, pure (`now` is an input): the round machine's timeouts,
/// the start of the next height once the commit wait is over, and the periodic sync tick (with
/// a status broadcast every few ticks). Not thread-safe (the driver thread owns it).
class DriverTimers {
public:
    using TimePoint = Clock::TimePoint;
    static constexpr std::chrono::seconds kSyncTick{1};
    static constexpr std::chrono::seconds kStatusInterval{5};

    /// What a sync tick asks for.
    struct Tick {
        bool status = false;  ///< broadcast this node's status as well
    };

    /// `with_sync`: whether to tick at all (not without a network).
    explicit DriverTimers(bool with_sync) : m_with_sync(with_sync) {}

    /// Forgets the timeouts and the pending height start: a height begins.
    void begin_height();
    void schedule(TimePoint at, const consensus::Timeout& timeout) {
        m_timeouts.emplace(at, timeout);
    }
    /// The next height starts at `at` (after a decided block).
    void start_height_at(TimePoint at) { m_height_start = at; }
    bool height_start_pending() const { return m_height_start.has_value(); }
    /// Whether the pending height start is due at `now`.
    bool height_start_due(TimePoint now) const { return m_height_start && *m_height_start <= now; }
    /// The earliest timeout due at `now`, removed; nullopt if none is.
    std::optional<consensus::Timeout> pop_due_timeout(TimePoint now);
    /// A sync tick if one is due at `now` (then the next is kSyncTick later).
    std::optional<Tick> tick(TimePoint now);
    /// The earliest deadline of all, for the driver thread's wait.
    std::optional<TimePoint> next_deadline() const;

private:
    bool m_with_sync;
    std::multimap<TimePoint, consensus::Timeout> m_timeouts;
    std::optional<TimePoint> m_height_start;
    TimePoint m_next_tick{};  // the first tick is due at once
    TimePoint m_next_status{};
};

}  // namespace azora::node
