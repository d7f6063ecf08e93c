// DriverTimers on its own: the driver's deadlines with `now` as an input.
#include "node/driver_timers.hpp"

#include <gtest/gtest.h>

namespace azora::node {
namespace {

using namespace std::chrono_literals;

const Clock::TimePoint kT0 = Clock::TimePoint(1h);

TEST(DriverTimers, TimeoutsComeDueInTimeOrderAndANewHeightForgetsThem) {
    DriverTimers timers(false);
    EXPECT_FALSE(timers.next_deadline().has_value());
    timers.schedule(kT0 + 300ms, consensus::Timeout{1, 0, consensus::Step::prevote});
    timers.schedule(kT0 + 100ms, consensus::Timeout{1, 0, consensus::Step::propose});
    EXPECT_EQ(timers.next_deadline(), kT0 + 100ms);
    EXPECT_FALSE(timers.pop_due_timeout(kT0 + 99ms).has_value());
    auto first = timers.pop_due_timeout(kT0 + 300ms);
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->step, consensus::Step::propose);
    EXPECT_EQ(timers.next_deadline(), kT0 + 300ms);

    timers.begin_height();
    EXPECT_FALSE(timers.pop_due_timeout(kT0 + 1s).has_value());
    EXPECT_FALSE(timers.next_deadline().has_value());
}

TEST(DriverTimers, TheNextHeightStartsAfterTheCommitWait) {
    DriverTimers timers(false);
    timers.start_height_at(kT0 + 500ms);
    EXPECT_TRUE(timers.height_start_pending());
    EXPECT_FALSE(timers.height_start_due(kT0 + 499ms));
    EXPECT_TRUE(timers.height_start_due(kT0 + 500ms));
    EXPECT_EQ(timers.next_deadline(), kT0 + 500ms);
    timers.begin_height();
    EXPECT_FALSE(timers.height_start_pending());
}

TEST(DriverTimers, SyncTicksEverySecondWithAStatusEveryFive) {
    DriverTimers timers(true);
    auto first = timers.tick(kT0);
    ASSERT_TRUE(first.has_value());
    EXPECT_TRUE(first->status);
    EXPECT_FALSE(timers.tick(kT0 + 999ms).has_value());
    EXPECT_EQ(timers.next_deadline(), kT0 + DriverTimers::kSyncTick);
    int statuses = 0;
    for (int s = 1; s <= 5; ++s) {
        auto t = timers.tick(kT0 + std::chrono::seconds(s));
        ASSERT_TRUE(t.has_value());
        statuses += t->status ? 1 : 0;
    }
    EXPECT_EQ(statuses, 1);  // at 5 s

    DriverTimers without_network(false);
    EXPECT_FALSE(without_network.tick(kT0).has_value());
}

}  // namespace
}  // namespace azora::node
