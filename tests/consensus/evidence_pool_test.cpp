#include "consensus/evidence_pool.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace azora::consensus {
namespace {

// The pool does not look at signatures, so plain values with distinct hashes do.
ledger::DuplicateVoteEvidence ev(uint64_t height, uint8_t tag = 0) {
    ledger::DuplicateVoteEvidence e;
    e.vote_type = 1;
    e.height = height;
    e.block_hash_a.fill(0x01);
    e.block_hash_b.fill(0x02);
    e.validator[0] = tag;
    return e;
}

std::vector<Hash32> hashes(const std::vector<ledger::DuplicateVoteEvidence>& list) {
    std::vector<Hash32> out;
    for (const auto& e : list) {
        out.push_back(e.hash());
    }
    return out;
}

TEST(EvidencePool, AddDedupesByHash) {
    EvidencePool pool;
    EXPECT_TRUE(pool.add(ev(10)));
    EXPECT_FALSE(pool.add(ev(10)));
    EXPECT_TRUE(pool.add(ev(10, 1)));
    EXPECT_EQ(pool.size(), 2u);
    EXPECT_TRUE(pool.contains(ev(10).hash()));
    EXPECT_FALSE(pool.contains(ev(11).hash()));
}

TEST(EvidencePool, PendingIsOldestFirstThenByHashWhateverTheArrivalOrder) {
    std::vector<ledger::DuplicateVoteEvidence> items = {ev(30), ev(10, 1), ev(10, 2), ev(20),
                                                        ev(10, 3)};
    EvidencePool forward;
    EvidencePool backward;
    for (const auto& e : items) {
        forward.add(e);
    }
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
        backward.add(*it);
    }
    const auto all = forward.pending(100);
    ASSERT_EQ(all.size(), 5u);
    EXPECT_EQ(all, backward.pending(100));
    EXPECT_EQ(all[0].height, 10u);
    EXPECT_EQ(all[2].height, 10u);
    EXPECT_EQ(all[3].height, 20u);
    EXPECT_EQ(all[4].height, 30u);
    EXPECT_LT(all[0].hash(), all[1].hash());
    EXPECT_LT(all[1].hash(), all[2].hash());
    EXPECT_EQ(forward.pending(2), std::vector(all.begin(), all.begin() + 2));
    EXPECT_TRUE(forward.pending(0).empty());
}

TEST(EvidencePool, RemoveDropsCommittedItems) {
    EvidencePool pool;
    pool.add(ev(1));
    pool.add(ev(2));
    pool.add(ev(3));
    pool.remove({ev(2).hash(), ev(99).hash()});
    EXPECT_EQ(hashes(pool.pending(10)), hashes({ev(1), ev(3)}));
    EXPECT_FALSE(pool.contains(ev(2).hash()));
    // Removed evidence may be added again (the caller checks the state for committed ones).
    EXPECT_TRUE(pool.add(ev(2)));
}

TEST(EvidencePool, IsBounded) {
    EvidencePool pool({3, kMaxEvidenceAgeBlocks});
    for (uint8_t i = 0; i < 3; ++i) {
        EXPECT_TRUE(pool.add(ev(5, i)));
    }
    EXPECT_FALSE(pool.add(ev(5, 9)));
    EXPECT_EQ(pool.size(), 3u);
    pool.remove({ev(5, 0).hash()});
    EXPECT_TRUE(pool.add(ev(5, 9)));
}

TEST(EvidencePool, PruneDropsExpiredItemsAndRefusesThemAfterwards) {
    EvidencePool pool({100, 10});
    pool.add(ev(5));
    pool.add(ev(6));
    pool.add(ev(20));
    pool.prune(15);  // 15 - 5 = 10: still includable
    EXPECT_EQ(pool.size(), 3u);
    pool.prune(16);
    EXPECT_EQ(hashes(pool.pending(10)), hashes({ev(6), ev(20)}));
    EXPECT_FALSE(pool.contains(ev(5).hash()));
    EXPECT_FALSE(pool.add(ev(5)));
    EXPECT_TRUE(pool.add(ev(6, 1)));
    EXPECT_TRUE(pool.add(ev(40)));  // ahead of the current height: kept for later blocks
}

}  // namespace
}  // namespace azora::consensus
