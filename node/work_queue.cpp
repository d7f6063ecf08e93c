#include "node/work_queue.hpp"

#include "node/log.hpp"

namespace azora::node {

bool WorkQueue::post(Work work, size_t bytes) {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            return false;
        }
        if (bytes > 0 && m_bytes + bytes > m_max_bytes) {
            if (!m_full_logged) {
                log_warn("consensus queue full: dropping peer messages until it drains");
                m_full_logged = true;
            }
            return false;
        }
        m_bytes += bytes;
        m_work.push_back(std::move(work));
    }
    m_wake.notify_one();
    return true;
}

std::optional<std::deque<WorkQueue::Work>> WorkQueue::wait(
    std::optional<Clock::TimePoint> deadline) {
    std::unique_lock lock(m_mutex);
    m_clock.wait_until(lock, m_wake, deadline, [this] { return m_stopping || !m_work.empty(); });
    if (m_stopping) {
        return std::nullopt;
    }
    std::deque<Work> work;
    work.swap(m_work);
    m_bytes = 0;
    m_full_logged = false;
    return work;
}

void WorkQueue::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
}

}  // namespace azora::node
