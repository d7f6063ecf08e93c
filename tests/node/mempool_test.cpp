#include "node/mempool.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/hash.hpp"

namespace azora::node {
namespace {

PrivateKey key(int i) {
    auto k = PrivateKey::from_bytes(sha256(as_bytes("mempool-test/" + std::to_string(i))));
    EXPECT_TRUE(k.ok());
    return std::move(k).value();
}

// A pending tx from `sender_key` with the given nonce and price; `tag` makes otherwise equal
// transactions distinct, `payload_bytes` sets its size.
PendingTxPtr pending(
    int sender_key, uint64_t nonce, uint64_t gas_price, uint8_t tag = 0, size_t payload_bytes = 4) {
    ledger::Tx tx;
    tx.chain_id = "azora-test-1";
    tx.nonce = nonce;
    tx.gas_limit = 10'000;
    tx.gas_price = gas_price;
    tx.module = 1;
    tx.action = 1;
    tx.payload.assign(payload_bytes, tag);
    tx.sign(key(sender_key));
    auto p = std::make_shared<PendingTx>();
    p->hash = tx.hash();
    p->sender = Address::from_pubkey(tx.sender);
    p->size = tx.encode().size();
    p->tx = std::move(tx);
    return p;
}

Address sender(int i) {
    return Address::from_pubkey(key(i).public_key());
}

std::vector<Hash32> hashes(const std::vector<PendingTxPtr>& txs) {
    std::vector<Hash32> out;
    for (const auto& t : txs) {
        out.push_back(t->hash);
    }
    return out;
}

void expect_error(const Result<void>& r, const std::string& reason, ErrorKind kind) {
    ASSERT_FALSE(r.ok()) << "expected " << reason;
    EXPECT_EQ(r.error().reason, reason);
    EXPECT_EQ(r.error().kind, kind);
}

TEST(Mempool, AddContainsSize) {
    Mempool m({});
    EXPECT_EQ(m.size(), 0u);
    auto a = pending(0, 0, 1);
    auto b = pending(0, 1, 1);
    EXPECT_FALSE(m.contains(a->hash));
    ASSERT_TRUE(m.add(a).ok());
    ASSERT_TRUE(m.add(b).ok());
    EXPECT_EQ(m.size(), 2u);
    EXPECT_TRUE(m.contains(a->hash));
    EXPECT_TRUE(m.contains(b->hash));
    EXPECT_FALSE(m.contains(pending(0, 2, 1)->hash));
}

TEST(Mempool, DuplicateIsAlreadyKnown) {
    Mempool m({});
    auto a = pending(0, 0, 1);
    ASSERT_TRUE(m.add(a).ok());
    expect_error(m.add(a), "already_known", ErrorKind::rejected);
    // The same transaction as a separate object is the same hash.
    expect_error(m.add(pending(0, 0, 1)), "already_known", ErrorKind::rejected);
    EXPECT_EQ(m.size(), 1u);
}

TEST(Mempool, SameNonceLowerOrEqualPriceIsNonceTaken) {
    Mempool m({});
    auto a = pending(0, 0, 5);
    ASSERT_TRUE(m.add(a).ok());
    expect_error(m.add(pending(0, 0, 4, 1)), "nonce_taken", ErrorKind::rejected);
    expect_error(m.add(pending(0, 0, 5, 1)), "nonce_taken", ErrorKind::rejected);
    EXPECT_EQ(m.size(), 1u);
    EXPECT_TRUE(m.contains(a->hash));
}

TEST(Mempool, SameNonceHigherPriceReplaces) {
    Mempool m({});
    auto a = pending(0, 0, 5);
    auto b = pending(0, 1, 5);
    ASSERT_TRUE(m.add(a).ok());
    ASSERT_TRUE(m.add(b).ok());
    auto a2 = pending(0, 0, 6, 1);
    ASSERT_TRUE(m.add(a2).ok());
    EXPECT_EQ(m.size(), 2u);
    EXPECT_FALSE(m.contains(a->hash));
    EXPECT_TRUE(m.contains(a2->hash));
    EXPECT_EQ(hashes(m.select(10)), (std::vector<Hash32>{a2->hash, b->hash}));
    // The replaced one can come back only at a still higher price.
    expect_error(m.add(a), "nonce_taken", ErrorKind::rejected);
    // Replacing the only tx of a sender works too.
    auto c = pending(1, 0, 1);
    auto c2 = pending(1, 0, 2, 1);
    ASSERT_TRUE(m.add(c).ok());
    ASSERT_TRUE(m.add(c2).ok());
    EXPECT_FALSE(m.contains(c->hash));
    EXPECT_TRUE(m.contains(c2->hash));
    EXPECT_EQ(m.size(), 3u);
}

TEST(Mempool, PerSenderLimitIsRetry) {
    Mempool m({.max_txs = 100, .max_per_sender = 3, .max_bytes = 1 << 20});
    for (uint64_t n = 0; n < 3; ++n) {
        ASSERT_TRUE(m.add(pending(0, n, 1)).ok());
    }
    expect_error(m.add(pending(0, 3, 1)), "sender_limit", ErrorKind::retry);
    // Another sender is unaffected; replacing at the limit is allowed.
    EXPECT_TRUE(m.add(pending(1, 0, 1)).ok());
    EXPECT_TRUE(m.add(pending(0, 1, 2, 1)).ok());
    EXPECT_EQ(m.size(), 4u);
    // Room again after removal.
    m.remove_below(sender(0), 1);
    EXPECT_TRUE(m.add(pending(0, 3, 1)).ok());
}

TEST(Mempool, TotalCountLimitIsRetry) {
    Mempool m({.max_txs = 3, .max_per_sender = 100, .max_bytes = 1 << 20});
    ASSERT_TRUE(m.add(pending(0, 0, 1)).ok());
    ASSERT_TRUE(m.add(pending(1, 0, 1)).ok());
    ASSERT_TRUE(m.add(pending(1, 1, 1)).ok());
    expect_error(m.add(pending(2, 0, 1)), "mempool_full", ErrorKind::retry);
    expect_error(m.add(pending(0, 1, 1)), "mempool_full", ErrorKind::retry);
    EXPECT_EQ(m.size(), 3u);
    // The refused new sender left nothing behind: select still sees exactly three.
    EXPECT_EQ(m.select(10).size(), 3u);
    // Replacement does not grow the pool, so it is still allowed when full.
    EXPECT_TRUE(m.add(pending(0, 0, 2, 1)).ok());
    EXPECT_EQ(m.size(), 3u);
}

TEST(Mempool, TotalBytesLimitIsRetry) {
    const size_t one = pending(0, 0, 1)->size;
    Mempool m({.max_txs = 100, .max_per_sender = 100, .max_bytes = 2 * one});
    ASSERT_TRUE(m.add(pending(0, 0, 1)).ok());
    ASSERT_TRUE(m.add(pending(1, 0, 1)).ok());
    expect_error(m.add(pending(2, 0, 1)), "mempool_full", ErrorKind::retry);
    m.remove({pending(1, 0, 1)->hash});
    EXPECT_TRUE(m.add(pending(2, 0, 1)).ok());
    // A bigger tx does not fit where a small one did.
    m.remove({pending(2, 0, 1)->hash});
    expect_error(m.add(pending(2, 0, 1, 0, 100)), "mempool_full", ErrorKind::retry);
}

TEST(Mempool, ReplacementRespectsByteLimit) {
    const size_t one = pending(0, 0, 1)->size;
    Mempool m({.max_txs = 100, .max_per_sender = 100, .max_bytes = 2 * one});
    ASSERT_TRUE(m.add(pending(0, 0, 1)).ok());
    ASSERT_TRUE(m.add(pending(1, 0, 1)).ok());
    auto big = pending(0, 0, 2, 0, 10'000);
    expect_error(m.add(big), "mempool_full", ErrorKind::retry);
}

TEST(Mempool, SelectReturnsEachSendersTxsInNonceOrder) {
    Mempool m({});
    auto a2 = pending(0, 2, 1);
    auto a0 = pending(0, 0, 1);
    auto a1 = pending(0, 1, 1);
    ASSERT_TRUE(m.add(a2).ok());
    ASSERT_TRUE(m.add(a0).ok());
    ASSERT_TRUE(m.add(a1).ok());
    EXPECT_EQ(hashes(m.select(10)), (std::vector<Hash32>{a0->hash, a1->hash, a2->hash}));
}

TEST(Mempool, SelectStopsAtNonceGap) {
    Mempool m({});
    auto a0 = pending(0, 0, 1);
    auto a1 = pending(0, 1, 1);
    auto a3 = pending(0, 3, 100);
    auto a4 = pending(0, 4, 100);
    for (const auto& t : {a0, a1, a3, a4}) {
        ASSERT_TRUE(m.add(t).ok());
    }
    EXPECT_EQ(hashes(m.select(10)), (std::vector<Hash32>{a0->hash, a1->hash}));
    // Filling the gap releases the rest.
    auto a2 = pending(0, 2, 1);
    ASSERT_TRUE(m.add(a2).ok());
    EXPECT_EQ(hashes(m.select(10)),
              (std::vector<Hash32>{a0->hash, a1->hash, a2->hash, a3->hash, a4->hash}));
}

TEST(Mempool, SelectStartsAtLowestPendingNonce) {
    Mempool m({});
    auto a5 = pending(0, 5, 1);
    auto a6 = pending(0, 6, 1);
    ASSERT_TRUE(m.add(a6).ok());
    ASSERT_TRUE(m.add(a5).ok());
    EXPECT_EQ(hashes(m.select(10)), (std::vector<Hash32>{a5->hash, a6->hash}));
}

TEST(Mempool, SelectInterleavesSendersByGasPriceThenArrival) {
    Mempool m({});
    // Sender A: prices 5, 1, 9 for nonces 0, 1, 2. Sender B: prices 3, 10.
    auto a0 = pending(0, 0, 5);
    auto a1 = pending(0, 1, 1);
    auto a2 = pending(0, 2, 9);
    auto b0 = pending(1, 0, 3);
    auto b1 = pending(1, 1, 10);
    for (const auto& t : {a0, a1, a2, b0, b1}) {
        ASSERT_TRUE(m.add(t).ok());
    }
    // A's nonce 2 cannot jump ahead of its nonce 1 despite the price.
    EXPECT_EQ(hashes(m.select(10)),
              (std::vector<Hash32>{a0->hash, b0->hash, b1->hash, a1->hash, a2->hash}));
}

TEST(Mempool, SelectBreaksPriceTiesByArrival) {
    Mempool m({});
    auto c0 = pending(2, 0, 7);
    auto d0 = pending(3, 0, 7);
    auto e0 = pending(4, 0, 7);
    // Arrival order d, e, c.
    ASSERT_TRUE(m.add(d0).ok());
    ASSERT_TRUE(m.add(e0).ok());
    ASSERT_TRUE(m.add(c0).ok());
    EXPECT_EQ(hashes(m.select(10)), (std::vector<Hash32>{d0->hash, e0->hash, c0->hash}));
    // A replacement counts as a new arrival.
    auto d0b = pending(3, 0, 7 + 0, 1);
    expect_error(m.add(d0b), "nonce_taken", ErrorKind::rejected);
    auto d0c = pending(3, 0, 8, 1);
    ASSERT_TRUE(m.add(d0c).ok());
    EXPECT_EQ(hashes(m.select(10)), (std::vector<Hash32>{d0c->hash, e0->hash, c0->hash}));
}

TEST(Mempool, SelectIsDeterministicAndRespectsMax) {
    Mempool m({});
    for (int s = 0; s < 5; ++s) {
        for (uint64_t n = 0; n < 4; ++n) {
            ASSERT_TRUE(m.add(pending(s, n, 1 + static_cast<uint64_t>(s * 7 + n) % 5)).ok());
        }
    }
    const auto all = hashes(m.select(100));
    EXPECT_EQ(all.size(), 20u);
    EXPECT_EQ(hashes(m.select(100)), all);
    const auto some = hashes(m.select(7));
    ASSERT_EQ(some.size(), 7u);
    EXPECT_TRUE(std::equal(some.begin(), some.end(), all.begin()));
    EXPECT_TRUE(m.select(0).empty());
    // select() does not remove anything.
    EXPECT_EQ(m.size(), 20u);
}

TEST(Mempool, SelectOnEmptyPool) {
    Mempool m({});
    EXPECT_TRUE(m.select(10).empty());
}

TEST(Mempool, RemoveDropsGivenHashes) {
    Mempool m({});
    auto a0 = pending(0, 0, 1);
    auto a1 = pending(0, 1, 1);
    auto a2 = pending(0, 2, 1);
    auto b0 = pending(1, 0, 1);
    for (const auto& t : {a0, a1, a2, b0}) {
        ASSERT_TRUE(m.add(t).ok());
    }
    m.remove({a1->hash, b0->hash, pending(9, 0, 1)->hash});
    EXPECT_EQ(m.size(), 2u);
    EXPECT_FALSE(m.contains(a1->hash));
    EXPECT_FALSE(m.contains(b0->hash));
    // a1's removal leaves a gap: only a0 is selectable.
    EXPECT_EQ(hashes(m.select(10)), (std::vector<Hash32>{a0->hash}));
    // Removed hashes can be added again.
    EXPECT_TRUE(m.add(a1).ok());
    EXPECT_TRUE(m.add(b0).ok());
    EXPECT_EQ(m.size(), 4u);
    m.remove({});
    EXPECT_EQ(m.size(), 4u);
}

TEST(Mempool, RemoveBelowDropsOldNoncesOfOneSender) {
    Mempool m({});
    auto a0 = pending(0, 0, 1);
    auto a1 = pending(0, 1, 1);
    auto a2 = pending(0, 2, 1);
    auto a5 = pending(0, 5, 1);
    auto b0 = pending(1, 0, 1);
    for (const auto& t : {a0, a1, a2, a5, b0}) {
        ASSERT_TRUE(m.add(t).ok());
    }
    m.remove_below(sender(0), 2);
    EXPECT_FALSE(m.contains(a0->hash));
    EXPECT_FALSE(m.contains(a1->hash));
    EXPECT_TRUE(m.contains(a2->hash));
    EXPECT_TRUE(m.contains(a5->hash));
    EXPECT_TRUE(m.contains(b0->hash));
    EXPECT_EQ(m.size(), 3u);
    m.remove_below(sender(0), 0);  // nothing below 0
    EXPECT_EQ(m.size(), 3u);
    m.remove_below(sender(7), 100);  // unknown sender
    EXPECT_EQ(m.size(), 3u);
    m.remove_below(sender(0), 100);
    EXPECT_EQ(m.size(), 1u);
    EXPECT_EQ(hashes(m.select(10)), (std::vector<Hash32>{b0->hash}));
    // The sender's per-sender budget is free again.
    EXPECT_TRUE(m.add(a0).ok());
}

TEST(Mempool, ByteAccountingSurvivesReplaceAndRemove) {
    const size_t one = pending(0, 0, 1)->size;
    Mempool m({.max_txs = 100, .max_per_sender = 100, .max_bytes = 3 * one});
    for (int round = 0; round < 50; ++round) {
        ASSERT_TRUE(m.add(pending(0, 0, 1)).ok()) << round;
        ASSERT_TRUE(m.add(pending(0, 0, 2, 1)).ok()) << round;  // replace
        ASSERT_TRUE(m.add(pending(1, 0, 1)).ok()) << round;
        ASSERT_TRUE(m.add(pending(2, 0, 1)).ok()) << round;
        m.remove({pending(1, 0, 1)->hash});
        m.remove_below(sender(0), 1);
        m.remove_below(sender(2), 1);
        ASSERT_EQ(m.size(), 0u) << round;
    }
    // If bytes leaked, three txs would no longer fit.
    ASSERT_TRUE(m.add(pending(0, 0, 1)).ok());
    ASSERT_TRUE(m.add(pending(1, 0, 1)).ok());
    ASSERT_TRUE(m.add(pending(2, 0, 1)).ok());
}

}  // namespace
}  // namespace azora::node
