#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>

namespace azora::node {

/// Where consensus, sync and timers read time, injected so that tests run them on a manual
/// clock instead of the real one (CometBFT's time as an input). Steady time measures timeouts;
/// wall time stamps blocks and bounds clock drift. Thread-safe.
class Clock {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    virtual ~Clock() = default;
    virtual TimePoint steady_now() const = 0;
    /// Milliseconds since the Unix epoch.
    virtual uint64_t wall_now_ms() const = 0;
    /// Blocks on `wake` (`lock` held on the mutex it is used with) until `ready()` holds or
    /// this clock reaches `deadline` (never, if none); `ready` is evaluated under `lock`.
    virtual void wait_until(std::unique_lock<std::mutex>& lock,
                            std::condition_variable& wake,
                            std::optional<TimePoint> deadline,
                            const std::function<bool()>& ready) = 0;
};

/// The system's clocks.
class RealClock final : public Clock {
public:
    TimePoint steady_now() const override { return std::chrono::steady_clock::now(); }
    uint64_t wall_now_ms() const override;
    void wait_until(std::unique_lock<std::mutex>& lock,
                    std::condition_variable& wake,
                    std::optional<TimePoint> deadline,
                    const std::function<bool()>& ready) override;
};

}  // namespace azora::node
