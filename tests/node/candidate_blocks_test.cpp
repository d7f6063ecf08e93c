// CandidateBlocks on its own: what a proposer flooding signed blocks can make a node keep.
#include "node/candidate_blocks.hpp"

#include <gtest/gtest.h>

namespace azora::node {
namespace {

Hash32 hash_of(uint8_t tag) {
    Hash32 h{};
    h[0] = tag;
    return h;
}

CandidateBlocks::Candidate from_peer(uint32_t round, size_t bytes) {
    return CandidateBlocks::Candidate{ledger::Block{}, std::nullopt, round, bytes};
}

TEST(CandidateBlocks, APeerKeepsAtMostTheMachinesProposalsPerRound) {
    CandidateBlocks blocks(2);
    EXPECT_TRUE(blocks.add_from_peer(hash_of(1), from_peer(0, 10), 0));
    EXPECT_TRUE(blocks.add_from_peer(hash_of(2), from_peer(0, 10), 0));
    EXPECT_FALSE(blocks.add_from_peer(hash_of(3), from_peer(0, 10), 0));
    EXPECT_TRUE(blocks.add_from_peer(hash_of(4), from_peer(1, 10), 0)) << "another round";
    // This node's own block is always kept.
    blocks.put(hash_of(5), from_peer(0, 0));
    EXPECT_TRUE(blocks.contains(hash_of(5)));
    EXPECT_FALSE(blocks.contains(hash_of(3)));
}

TEST(CandidateBlocks, OtherRoundsShareAByteBudgetTheCurrentRoundIsNotHeldTo) {
    constexpr size_t kBig = CandidateBlocks::kMaxOtherRoundBytes / 2;
    CandidateBlocks blocks(4);
    EXPECT_TRUE(blocks.add_from_peer(hash_of(1), from_peer(5, kBig), 0));
    EXPECT_TRUE(blocks.add_from_peer(hash_of(2), from_peer(6, kBig), 0));
    EXPECT_FALSE(blocks.add_from_peer(hash_of(3), from_peer(7, 1), 0)) << "budget spent";
    EXPECT_TRUE(blocks.add_from_peer(hash_of(4), from_peer(0, kBig), 0)) << "current round";
}

TEST(CandidateBlocks, TakeRemovesAndClearForgetsAll) {
    CandidateBlocks blocks(4);
    blocks.put(hash_of(1), from_peer(0, 0));
    blocks.put(hash_of(2), from_peer(0, 0));
    ASSERT_NE(blocks.find(hash_of(1)), nullptr);
    EXPECT_TRUE(blocks.take(hash_of(1)).has_value());
    EXPECT_EQ(blocks.find(hash_of(1)), nullptr);
    EXPECT_FALSE(blocks.take(hash_of(1)).has_value());
    blocks.clear();
    EXPECT_FALSE(blocks.contains(hash_of(2)));
}

}  // namespace
}  // namespace azora::node
