#include "node/driver_timers.hpp"

namespace azora::node {

void DriverTimers::begin_height() {
    m_height_start.reset();
    m_timeouts.clear();
}

std::optional<consensus::Timeout> DriverTimers::pop_due_timeout(TimePoint now) {
    if (m_timeouts.empty() || m_timeouts.begin()->first > now) {
        return std::nullopt;
    }
    const consensus::Timeout t = m_timeouts.begin()->second;
    m_timeouts.erase(m_timeouts.begin());
    return t;
}

std::optional<DriverTimers::Tick> DriverTimers::tick(TimePoint now) {
    if (!m_with_sync || now < m_next_tick) {
        return std::nullopt;
    }
    m_next_tick = now + kSyncTick;
    Tick t;
    if (now >= m_next_status) {
        m_next_status = now + kStatusInterval;
        t.status = true;
    }
    return t;
}

std::optional<DriverTimers::TimePoint> DriverTimers::next_deadline() const {
    std::optional<TimePoint> next;
    auto consider = [&](TimePoint t) {
        if (!next || t < *next) {
            next = t;
        }
    };
    if (!m_timeouts.empty()) {
        consider(m_timeouts.begin()->first);
    }
    if (m_height_start) {
        consider(*m_height_start);
    }
    if (m_with_sync) {
        consider(m_next_tick);
    }
    return next;
}

}  // namespace azora::node
