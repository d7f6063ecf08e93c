#include "node/clock.hpp"

namespace azora::node {

uint64_t RealClock::wall_now_ms() const {
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count());
}

void RealClock::wait_until(std::unique_lock<std::mutex>& lock,
                           std::condition_variable& wake,
                           std::optional<TimePoint> deadline,
                           const std::function<bool()>& ready) {
    if (deadline) {
        wake.wait_until(lock, *deadline, ready);
    } else {
        wake.wait(lock, ready);
    }
}

}  // namespace azora::node
