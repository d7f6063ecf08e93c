#include "node/p2p/misbehaviour.hpp"

#include <gtest/gtest.h>

#include "node/p2p/address_book.hpp"

namespace azora::p2p {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(Misbehaviour, ScoresAccumulateToABanThatExpires) {
    Misbehaviour m(100, 1000ms);
    const auto t0 = Clock::now();
    EXPECT_FALSE(m.add("ip:1.2.3.4", 60, "bad", t0));
    EXPECT_EQ(m.score("ip:1.2.3.4", t0), 60u);
    EXPECT_FALSE(m.is_banned("ip:1.2.3.4", t0));
    EXPECT_TRUE(m.add("ip:1.2.3.4", 40, "worse", t0));
    EXPECT_TRUE(m.is_banned("ip:1.2.3.4", t0 + 999ms));
    EXPECT_FALSE(m.is_banned("ip:1.2.3.4", t0 + 1000ms));
    auto bans = m.bans(t0 + 400ms);
    ASSERT_EQ(bans.size(), 1u);
    EXPECT_EQ(bans[0].target, "ip:1.2.3.4");
    EXPECT_EQ(bans[0].reason, "worse");
    EXPECT_EQ(bans[0].remaining_ms, 600u);
    EXPECT_TRUE(m.bans(t0 + 1000ms).empty());
}

TEST(Misbehaviour, ScoresFadeOnePointPerInterval) {
    Misbehaviour m(100, 1000ms);
    const auto t0 = Clock::now();
    const auto step = Misbehaviour::kDecayInterval;
    EXPECT_FALSE(m.add("node:x", 90, "rejected", t0));
    EXPECT_EQ(m.score("node:x", t0 + step * 10), 80u);
    // 90 + 15 would ban without the decay; 10 points have faded, so the score is 95.
    EXPECT_FALSE(m.add("node:x", 15, "rejected", t0 + step * 10));
    EXPECT_EQ(m.score("node:x", t0 + step * 10), 95u);
    // A long quiet spell clears it completely.
    EXPECT_EQ(m.score("node:x", t0 + step * 500), 0u);
    EXPECT_FALSE(m.add("node:x", 99, "rejected", t0 + step * 500));
}

TEST(Misbehaviour, ScoreSaturates) {
    Misbehaviour m(UINT32_MAX, 1000ms);
    const auto t0 = Clock::now();
    EXPECT_FALSE(m.add("k", UINT32_MAX - 1, "a", t0));
    EXPECT_TRUE(m.add("k", UINT32_MAX - 1, "b", t0));
}

TEST(Misbehaviour, TablesAreBounded) {
    Misbehaviour m(100, 1000ms);
    const auto t0 = Clock::now();
    for (size_t i = 0; i < Misbehaviour::kMaxScores + 10; ++i) {
        (void)m.add("ip:" + std::to_string(i), 1, "x", t0);
    }
    size_t kept = 0;
    for (size_t i = 0; i < Misbehaviour::kMaxScores + 10; ++i) {
        kept += m.score("ip:" + std::to_string(i), t0) > 0 ? 1 : 0;
    }
    EXPECT_EQ(kept, Misbehaviour::kMaxScores);
    for (size_t i = 0; i < Misbehaviour::kMaxBans + 10; ++i) {
        m.ban("node:" + std::to_string(i), std::chrono::milliseconds(1000 + i), "x", t0);
    }
    EXPECT_EQ(m.bans(t0).size(), Misbehaviour::kMaxBans);
    // The soonest-expiring bans made room; the latest one is kept.
    EXPECT_TRUE(m.is_banned("node:" + std::to_string(Misbehaviour::kMaxBans + 9), t0));
}

TEST(Backoff, DoublesFromMinAndCapsAtMax) {
    EXPECT_EQ(backoff_delay(0, 500ms, 30000ms), 500ms);
    EXPECT_EQ(backoff_delay(1, 500ms, 30000ms), 1000ms);
    EXPECT_EQ(backoff_delay(5, 500ms, 30000ms), 16000ms);
    EXPECT_EQ(backoff_delay(6, 500ms, 30000ms), 30000ms);
    EXPECT_EQ(backoff_delay(UINT32_MAX, 500ms, 30000ms), 30000ms);
}

TEST(AddressBookTest, IsBoundedAndKeyedByEndpoint) {
    AddressBook book;
    PeerAddress a{std::nullopt, "10.0.0.1", 1};
    book.add(a);
    NodeId id{};
    id.fill(5);
    book.add(PeerAddress{id, "10.0.0.1", 1});
    ASSERT_EQ(book.size(), 1u);
    EXPECT_EQ(book.find("10.0.0.1:1")->address.id, id);
    for (uint32_t i = 0; i < AddressBook::kMaxEntries + 50; ++i) {
        book.add(PeerAddress{std::nullopt,
                             "10.1." + std::to_string(i / 256) + "." + std::to_string(i % 256), 2});
    }
    EXPECT_EQ(book.size(), AddressBook::kMaxEntries);
}

}  // namespace
}  // namespace azora::p2p
