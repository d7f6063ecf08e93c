// BlockSync on its own: peers' claims, responses and `now` in; requests, fetched blocks and
// penalties out. No driver, network, thread or clock.
#include "node/block_sync.hpp"

#include <gtest/gtest.h>

#include <map>

namespace azora::node {
namespace {

using namespace std::chrono_literals;

PeerId peer(uint8_t tag) {
    PeerId id{};
    id[0] = tag;
    return id;
}

BlockResponseMsg block_at(uint64_t height) {
    BlockResponseMsg msg;
    msg.block.header.height = height;
    return msg;
}

std::vector<uint64_t> heights(const std::vector<BlockRequest>& requests) {
    std::vector<uint64_t> out;
    for (const auto& r : requests) {
        out.push_back(r.height);
    }
    return out;
}

class BlockSyncTest : public ::testing::Test {
protected:
    static SyncOptions options() {
        SyncOptions o;
        o.window = 4;
        o.request_timeout = 500ms;
        o.one_behind_grace = 1s;
        return o;
    }
    const Clock::TimePoint m_t0 = Clock::TimePoint(1h);
};

TEST_F(BlockSyncTest, RequestsTheWindowAboveTheHeadSpreadOverThePeersThatHaveIt) {
    BlockSync sync(options());
    sync.on_status(peer(1), 100);
    sync.on_status(peer(2), 100);
    sync.on_status(peer(3), 2);
    EXPECT_TRUE(sync.catching_up(10));
    const auto requests = sync.poll(10, m_t0);
    EXPECT_EQ(heights(requests), (std::vector<uint64_t>{11, 12, 13, 14}));
    for (const auto& r : requests) {
        EXPECT_NE(r.peer, peer(3)) << "peer 3 does not have height " << r.height;
    }
    EXPECT_NE(requests[0].peer, requests[1].peer);
    // Pending requests are not sent again.
    EXPECT_TRUE(sync.poll(10, m_t0 + 100ms).empty());
    // The window moves with the head.
    EXPECT_EQ(heights(sync.poll(12, m_t0 + 100ms)), (std::vector<uint64_t>{15, 16}));
    EXPECT_TRUE(sync.take_penalties().empty());
}

TEST_F(BlockSyncTest, APeerOnlyOneAheadIsAskedOnlyAfterTheGrace) {
    BlockSync sync(options());
    sync.on_status(peer(1), 11);
    EXPECT_FALSE(sync.catching_up(10));
    EXPECT_TRUE(sync.poll(10, m_t0).empty());
    EXPECT_TRUE(sync.poll(10, m_t0 + 999ms).empty());
    EXPECT_EQ(heights(sync.poll(10, m_t0 + 1s)), (std::vector<uint64_t>{11}));
}

TEST_F(BlockSyncTest, ATimedOutRequestLowersTheClaimAndCostsItsPeerPoints) {
    BlockSync sync(options());
    sync.on_status(peer(1), 20);
    const auto first = sync.poll(10, m_t0);
    ASSERT_EQ(first.size(), 4u);
    EXPECT_TRUE(sync.poll(10, m_t0 + 499ms).empty());
    EXPECT_TRUE(sync.take_penalties().empty());

    // Nothing came: the claim falls below the first height asked, once, with a penalty.
    EXPECT_TRUE(sync.poll(10, m_t0 + 500ms).empty());
    const auto penalties = sync.take_penalties();
    ASSERT_EQ(penalties.size(), 1u);
    EXPECT_EQ(penalties[0].peer, peer(1));
    EXPECT_EQ(penalties[0].points, BlockSync::kUnansweredRequestPoints);
    EXPECT_EQ(penalties[0].reason, "block_request_unanswered");
    EXPECT_EQ(sync.best_peer_height(), 10u);
    EXPECT_FALSE(sync.catching_up(10));

    // Its next status restores the claim (an honest peer that was only slow).
    sync.on_status(peer(1), 20);
    EXPECT_EQ(sync.best_peer_height(), 20u);
}

TEST_F(BlockSyncTest, ATimedOutRequestIsAskedOfAnotherPeer) {
    BlockSync sync(options());
    sync.on_status(peer(1), 111);
    const auto first = sync.poll(10, m_t0);
    ASSERT_FALSE(first.empty());
    sync.on_status(peer(2), 111);
    const auto again = sync.poll(10, m_t0 + 500ms);
    ASSERT_FALSE(again.empty());
    for (const auto& r : again) {
        EXPECT_EQ(r.peer, peer(2));
    }
    EXPECT_EQ(sync.take_penalties().size(), 1u);
}

TEST_F(BlockSyncTest, ADisconnectedPeersRequestsAreDroppedNotHeldAgainstIt) {
    BlockSync sync(options());
    sync.on_status(peer(1), 20);
    ASSERT_EQ(sync.poll(10, m_t0).size(), 4u);
    sync.on_disconnected(peer(1));
    EXPECT_FALSE(sync.catching_up(10));
    EXPECT_FALSE(sync.on_block(peer(1), block_at(11), 100));
    EXPECT_FALSE(sync.more_coming(10));

    // Back again: asked at once (nothing is pending), and never penalised for the lost ones.
    sync.on_status(peer(1), 20);
    EXPECT_EQ(heights(sync.poll(10, m_t0 + 1ms)), (std::vector<uint64_t>{11, 12, 13, 14}));
    EXPECT_TRUE(sync.take_penalties().empty());
}

TEST_F(BlockSyncTest, FetchedBlocksAreHandedOverInHeightOrder) {
    BlockSync sync(options());
    sync.on_status(peer(1), 20);
    const auto requests = sync.poll(10, m_t0);
    ASSERT_EQ(requests.size(), 4u);
    EXPECT_FALSE(sync.on_block(peer(2), block_at(12), 100)) << "asked of another peer";
    EXPECT_FALSE(sync.on_block(peer(1), block_at(30), 100)) << "never asked";
    EXPECT_TRUE(sync.on_block(peer(1), block_at(12), 100));
    EXPECT_EQ(sync.fetched_bytes(), 100u);
    EXPECT_FALSE(sync.take_next(10).has_value()) << "11 is not here yet";
    EXPECT_TRUE(sync.on_block(peer(1), block_at(11), 50));
    EXPECT_TRUE(sync.more_coming(11));
    auto first = sync.take_next(10);
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->msg.block.header.height, 11u);
    auto second = sync.take_next(11);
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(second->msg.block.header.height, 12u);
    EXPECT_EQ(sync.fetched_bytes(), 0u);

    sync.reject(*second, "bad_commit");
    const auto penalties = sync.take_penalties();
    ASSERT_EQ(penalties.size(), 1u);
    EXPECT_EQ(penalties[0].points, BlockSync::kBadBlockPoints);
    EXPECT_EQ(penalties[0].reason, "bad_commit");
}

// Nothing fetched can be applied before the next block, so a spent byte budget must not stop
// the next block from being asked again of someone else.
TEST_F(BlockSyncTest, ASpentFetchBudgetStillAsksForTheNextBlock) {
    SyncOptions o = options();
    o.max_fetched_bytes = 1;
    BlockSync sync(o);
    sync.on_status(peer(1), 20);
    sync.on_status(peer(2), 20);
    std::map<uint64_t, PeerId> asked;
    for (const auto& r : sync.poll(10, m_t0)) {
        asked[r.height] = r.peer;
    }
    ASSERT_EQ(asked.size(), 4u) << "nothing fetched yet: the budget is not spent";
    // Block 12 arrives and spends the budget; block 11's peer never answers.
    const PeerId mute = asked.at(11);
    const PeerId other = mute == peer(1) ? peer(2) : peer(1);
    ASSERT_EQ(asked.at(12), other);
    ASSERT_EQ(asked.at(14), other);
    ASSERT_TRUE(sync.on_block(other, block_at(12), 100));
    ASSERT_TRUE(sync.on_block(other, block_at(14), 100));
    EXPECT_TRUE(sync.poll(10, m_t0 + 100ms).empty());

    const auto again = sync.poll(10, m_t0 + 500ms);
    ASSERT_EQ(heights(again), (std::vector<uint64_t>{11})) << "only the next block: no room";
    EXPECT_EQ(again[0].peer, other);
    const auto penalties = sync.take_penalties();
    ASSERT_FALSE(penalties.empty());
    for (const auto& p : penalties) {
        EXPECT_EQ(p.peer, mute);
    }
}

}  // namespace
}  // namespace azora::node
