#include "consensus/vote_set.hpp"

#include <gtest/gtest.h>

#include "consensus/height_vote_set.hpp"
#include "core/hash.hpp"

namespace azora::consensus {
namespace {

const std::string kChain = "azora-test-1";
const Hash32 kNil{};
const Hash32 kBlockA = sha256(as_bytes("block a"));
const Hash32 kBlockB = sha256(as_bytes("block b"));

// Signatures are the caller's business here; a marker byte tells copies apart.
Vote vote(VoteType type,
          uint32_t index,
          const Hash32& hash,
          uint32_t round = 0,
          uint64_t height = 5,
          uint8_t sig_marker = 0) {
    Vote v{VoteData{type, kChain, height, round, hash}, index, {}};
    v.signature[0] = sig_marker;
    return v;
}

TEST(VoteSet, TalliesPowerPerHashIncludingNil) {
    VoteSet set(4);
    EXPECT_EQ(set.add(vote(VoteType::prevote, 0, kBlockA), 10).status, VoteAddStatus::added);
    EXPECT_EQ(set.add(vote(VoteType::prevote, 1, kBlockA), 20).status, VoteAddStatus::added);
    EXPECT_EQ(set.add(vote(VoteType::prevote, 3, kNil), 5).status, VoteAddStatus::added);
    EXPECT_EQ(set.power_for(kBlockA), 30u);
    EXPECT_EQ(set.power_for(kNil), 5u);
    EXPECT_EQ(set.power_for(kBlockB), 0u);
    EXPECT_EQ(set.total_power(), 35u);
    EXPECT_EQ(set.tallies().size(), 2u);
    auto votes = set.votes_for(kBlockA);
    ASSERT_EQ(votes.size(), 2u);
    EXPECT_EQ(votes[0].validator_index, 0u);
    EXPECT_EQ(votes[1].validator_index, 1u);
    EXPECT_EQ(set.vote_of(2), nullptr);
    ASSERT_NE(set.vote_of(3), nullptr);
    EXPECT_EQ(set.vote_of(3)->data.block_hash, kNil);
    EXPECT_EQ(set.vote_of(99), nullptr);
}

TEST(VoteSet, DuplicateIsNotCountedTwice) {
    VoteSet set(4);
    EXPECT_EQ(set.add(vote(VoteType::prevote, 2, kBlockA), 7).status, VoteAddStatus::added);
    EXPECT_EQ(set.add(vote(VoteType::prevote, 2, kBlockA), 7).status, VoteAddStatus::duplicate);
    // Another signature over the same data is the same statement.
    EXPECT_EQ(set.add(vote(VoteType::prevote, 2, kBlockA, 0, 5, 9), 7).status,
              VoteAddStatus::duplicate);
    EXPECT_EQ(set.power_for(kBlockA), 7u);
    EXPECT_EQ(set.total_power(), 7u);
}

TEST(VoteSet, EquivocationReportedOnceAndCountedOncePerHash) {
    VoteSet set(4);
    const Vote first = vote(VoteType::precommit, 1, kBlockA);
    ASSERT_EQ(set.add(first, 3).status, VoteAddStatus::added);
    VoteAddResult r = set.add(vote(VoteType::precommit, 1, kBlockB), 3);
    EXPECT_EQ(r.status, VoteAddStatus::added);
    ASSERT_TRUE(r.conflicts_with.has_value());
    EXPECT_EQ(r.conflicts_with->data.block_hash, kBlockA);
    // Further conflicting votes of the same validator are not reported again.
    r = set.add(vote(VoteType::precommit, 1, kNil), 3);
    EXPECT_EQ(r.status, VoteAddStatus::added);
    EXPECT_FALSE(r.conflicts_with.has_value());
    EXPECT_EQ(set.add(vote(VoteType::precommit, 1, kBlockB), 3).status, VoteAddStatus::duplicate);
    // Its power counts once in the total and once for each hash it voted for.
    EXPECT_EQ(set.total_power(), 3u);
    EXPECT_EQ(set.power_for(kBlockA), 3u);
    EXPECT_EQ(set.power_for(kBlockB), 3u);
    EXPECT_EQ(set.power_for(kNil), 3u);
    ASSERT_NE(set.vote_of(1), nullptr);
    EXPECT_EQ(set.vote_of(1)->data.block_hash, kBlockA) << "the first vote stays first";
    ASSERT_EQ(set.votes_for(kBlockB).size(), 1u);
    EXPECT_EQ(set.votes_for(kBlockB)[0].validator_index, 1u);
}

TEST(VoteSet, BoundsVotesPerValidator) {
    VoteSet set(2, 2);
    ASSERT_EQ(set.add(vote(VoteType::prevote, 0, kBlockA), 1).status, VoteAddStatus::added);
    VoteAddResult r = set.add(vote(VoteType::prevote, 0, kBlockB), 1);
    EXPECT_EQ(r.status, VoteAddStatus::added);
    EXPECT_TRUE(r.conflicts_with.has_value());
    for (int i = 0; i < 100; ++i) {
        r = set.add(vote(VoteType::prevote, 0, sha256(as_bytes("junk" + std::to_string(i)))), 1);
        EXPECT_EQ(r.status, VoteAddStatus::ignored);
        EXPECT_FALSE(r.conflicts_with.has_value());
    }
    EXPECT_EQ(set.tallies().size(), 2u);
    EXPECT_EQ(set.total_power(), 1u);
}

TEST(VoteSet, LimitOfOneStillReportsOnce) {
    VoteSet set(2, 1);
    ASSERT_EQ(set.add(vote(VoteType::prevote, 0, kBlockA), 1).status, VoteAddStatus::added);
    VoteAddResult r = set.add(vote(VoteType::prevote, 0, kBlockB), 1);
    EXPECT_EQ(r.status, VoteAddStatus::ignored);
    EXPECT_TRUE(r.conflicts_with.has_value());
    EXPECT_FALSE(set.add(vote(VoteType::prevote, 0, kNil), 1).conflicts_with.has_value());
    EXPECT_EQ(set.power_for(kBlockB), 0u);
}

HeightVoteSet height_set(uint32_t window = 1000) {
    return HeightVoteSet(kChain, 5, {1, 2, 3, 4}, window);
}

TEST(HeightVoteSet, SeparatesRoundsAndTypes) {
    auto hvs = height_set();
    EXPECT_EQ(hvs.add(vote(VoteType::prevote, 0, kBlockA, 0), 0).status, VoteAddStatus::added);
    EXPECT_EQ(hvs.add(vote(VoteType::precommit, 0, kBlockB, 0), 0).status, VoteAddStatus::added);
    EXPECT_EQ(hvs.add(vote(VoteType::prevote, 0, kBlockB, 1), 0).status, VoteAddStatus::added);
    ASSERT_NE(hvs.get(0, VoteType::prevote), nullptr);
    EXPECT_EQ(hvs.get(0, VoteType::prevote)->power_for(kBlockA), 1u);
    EXPECT_EQ(hvs.get(0, VoteType::precommit)->power_for(kBlockB), 1u);
    EXPECT_EQ(hvs.get(1, VoteType::prevote)->power_for(kBlockB), 1u);
    EXPECT_EQ(hvs.get(2, VoteType::prevote), nullptr);
}

TEST(HeightVoteSet, IgnoresOtherHeightsChainsIndexesAndTypes) {
    auto hvs = height_set();
    EXPECT_EQ(hvs.add(vote(VoteType::prevote, 0, kBlockA, 0, 6), 0).status, VoteAddStatus::ignored);
    EXPECT_EQ(hvs.add(vote(VoteType::prevote, 0, kBlockA, 0, 4), 0).status, VoteAddStatus::ignored);
    Vote other_chain = vote(VoteType::prevote, 0, kBlockA);
    other_chain.data.chain_id = "azora-other";
    EXPECT_EQ(hvs.add(other_chain, 0).status, VoteAddStatus::ignored);
    EXPECT_EQ(hvs.add(vote(VoteType::prevote, 4, kBlockA), 0).status, VoteAddStatus::ignored);
    Vote bad_type = vote(VoteType::prevote, 0, kBlockA);
    bad_type.data.type = static_cast<VoteType>(7);
    EXPECT_EQ(hvs.add(bad_type, 0).status, VoteAddStatus::ignored);
    EXPECT_EQ(hvs.round_count(), 0u);
}

TEST(HeightVoteSet, BoundedRoundWindow) {
    auto hvs = height_set(10);
    EXPECT_EQ(hvs.add(vote(VoteType::prevote, 0, kBlockA, 10), 0).status, VoteAddStatus::added);
    EXPECT_EQ(hvs.add(vote(VoteType::prevote, 0, kBlockA, 11), 0).status, VoteAddStatus::ignored);
    EXPECT_EQ(hvs.add(vote(VoteType::prevote, 0, kBlockA, 15), 5).status, VoteAddStatus::added);
    EXPECT_EQ(hvs.add(vote(VoteType::prevote, 0, kBlockA, 4'000'000'000u), 5).status,
              VoteAddStatus::ignored);
    // Past rounds stay acceptable (line 28 and 49 of the algorithm look back).
    EXPECT_EQ(hvs.add(vote(VoteType::prevote, 1, kBlockA, 0), 500).status, VoteAddStatus::added);
    EXPECT_EQ(hvs.round_count(), 3u);
}

// would_add is what a driver relays on: it must say "added" exactly when add() would.
TEST(HeightVoteSet, WouldAddPredictsAdd) {
    auto hvs = height_set(10);
    const std::vector<Hash32> hashes{kNil,
                                     kBlockA,
                                     kBlockB,
                                     sha256(as_bytes("c")),
                                     sha256(as_bytes("d")),
                                     sha256(as_bytes("e"))};
    uint64_t x = 12345;
    auto next = [&x](uint64_t n) {
        x = x * 6364136223846793005u + 1442695040888963407u;
        return (x >> 33) % n;
    };
    size_t added = 0;
    for (int i = 0; i < 5000; ++i) {
        const auto type = next(9) == 0 ? static_cast<VoteType>(7)
                                       : (next(2) == 0 ? VoteType::prevote : VoteType::precommit);
        const uint32_t rounds[] = {0, 1, 2, 10, 11, 4'000'000'000u};
        Vote v = vote(type, static_cast<uint32_t>(next(5)), hashes[next(hashes.size())],
                      rounds[next(6)], next(8) == 0 ? 6 : 5);
        const uint32_t current = static_cast<uint32_t>(next(3));
        const bool predicted = hvs.would_add(v, current);
        const bool was_added = hvs.add(v, current).status == VoteAddStatus::added;
        ASSERT_EQ(predicted, was_added) << "vote " << i;
        added += was_added ? 1 : 0;
    }
    EXPECT_GT(added, 20u);
}

TEST(HeightVoteSet, SenderPowerCountsEachValidatorOncePerRound) {
    auto hvs = height_set();
    hvs.add(vote(VoteType::prevote, 3, kBlockA, 2), 0);
    hvs.add(vote(VoteType::precommit, 3, kBlockA, 2), 0);
    hvs.note_sender(2, 3, 0);
    EXPECT_EQ(hvs.sender_power(2), 4u);
    hvs.note_sender(2, 1, 0);  // a proposal
    EXPECT_EQ(hvs.sender_power(2), 6u);
    hvs.note_sender(2, 9, 0);  // unknown validator
    EXPECT_EQ(hvs.sender_power(2), 6u);
    EXPECT_EQ(hvs.sender_power(3), 0u);

    hvs.add(vote(VoteType::prevote, 0, kNil, 7), 0);
    // total 10: f+1 means power > 3.
    EXPECT_EQ(hvs.highest_round_above(0, 3), std::optional<uint32_t>(2));
    EXPECT_EQ(hvs.highest_round_above(2, 3), std::nullopt);
    hvs.add(vote(VoteType::precommit, 2, kNil, 7), 0);
    hvs.add(vote(VoteType::precommit, 1, kNil, 7), 0);
    EXPECT_EQ(hvs.highest_round_above(0, 3), std::optional<uint32_t>(7));
    EXPECT_EQ(hvs.highest_round_above(7, 3), std::nullopt);
}

}  // namespace
}  // namespace azora::consensus
