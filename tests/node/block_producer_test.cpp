#include "node/block_producer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "node_test_util.hpp"

namespace azora::node {
namespace {

using namespace azora::node::test;

class BlockProducerTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::make_unique<TempDir>();
        m_chain = open_chain(m_dir->path() / "chain");
        ASSERT_NE(m_chain, nullptr);
        m_mempool = std::make_unique<Mempool>(MempoolOptions{});
        m_producer = make_producer(genesis::dev_validator_key());
    }
    void TearDown() override {
        m_producer.reset();
        m_mempool.reset();
        m_chain.reset();
        m_dir.reset();
    }

    std::unique_ptr<BlockProducer> make_producer(PrivateKey key) {
        return std::make_unique<BlockProducer>(*m_chain, *m_mempool, std::move(key),
                                               ProducerOptions{std::chrono::milliseconds(10), 100},
                                               [this](const Error& e) {
                                                   m_fatal_count++;
                                                   ADD_FAILURE() << "fatal: " << e.to_string();
                                               });
    }

    // Admits `tx` and adds it to the mempool, as tx_submit does.
    Hash32 submit(const ledger::Tx& tx) {
        auto p = m_chain->admit(tx);
        EXPECT_TRUE(p.ok()) << p.error().to_string();
        if (!p.ok()) {
            return {};
        }
        auto added = m_mempool->add(*p);
        EXPECT_TRUE(added.ok()) << added.error().to_string();
        return (*p)->hash;
    }

    bool committed(const Hash32& hash) const {
        auto loc = m_chain->store().tx(hash);
        return loc.ok() && loc->has_value();
    }

    uint64_t now() const { return genesis::dev_genesis().genesis_time_ms + 60'000; }

    std::unique_ptr<TempDir> m_dir;
    std::unique_ptr<Chain> m_chain;
    std::unique_ptr<Mempool> m_mempool;
    std::unique_ptr<BlockProducer> m_producer;
    std::atomic<int> m_fatal_count{0};
};

TEST_F(BlockProducerTest, EmptyMempoolProducesEmptyBlock) {
    auto head = m_producer->produce_one(now());
    ASSERT_TRUE(head.ok()) << head.error().to_string();
    EXPECT_EQ(head->height, 1u);
    EXPECT_EQ(*head, m_chain->head());
    auto block = m_chain->store().block(1);
    ASSERT_TRUE(block.ok() && block->has_value());
    EXPECT_TRUE((*block)->txs.empty());
    EXPECT_EQ((*block)->header.time_ms, now());
    EXPECT_EQ((*block)->header.proposer,
              Address::from_pubkey(genesis::dev_validator_key().public_key()));
}

TEST_F(BlockProducerTest, CommitsMempoolTxsAndRemovesThem) {
    const Hash32 a = submit(transfer(dev_key(0), dev_address(4), 10, 0));
    const Hash32 b = submit(transfer(dev_key(0), dev_address(4), 20, 1));
    const Hash32 c = submit(transfer(dev_key(1), dev_address(4), 30, 0, 5));
    ASSERT_EQ(m_mempool->size(), 3u);

    auto head = m_producer->produce_one(now());
    ASSERT_TRUE(head.ok()) << head.error().to_string();
    EXPECT_EQ(head->height, 1u);
    EXPECT_TRUE(committed(a));
    EXPECT_TRUE(committed(b));
    EXPECT_TRUE(committed(c));
    EXPECT_EQ(m_mempool->size(), 0u);
    EXPECT_FALSE(m_mempool->contains(a));
    EXPECT_EQ(nonce_of(*m_chain, dev_address(0)), 2u);
    EXPECT_EQ(nonce_of(*m_chain, dev_address(1)), 1u);
    // The higher-priced tx goes first.
    auto block = m_chain->store().block(1);
    ASSERT_TRUE(block.ok() && block->has_value());
    ASSERT_EQ((*block)->txs.size(), 3u);
    EXPECT_EQ((*block)->txs[0].hash(), c);
    // The commit verifies against the validator set.
    auto commit = m_chain->store().commit(1);
    ASSERT_TRUE(commit.ok() && commit->has_value());
    EXPECT_TRUE(consensus::verify_commit(m_chain->validators(), std::string(genesis::kDevChainId),
                                         1, (*block)->header.hash(), **commit)
                    .ok());
}

TEST_F(BlockProducerTest, FutureNonceStaysPending) {
    const Hash32 now_tx = submit(transfer(dev_key(0), dev_address(4), 1, 0));
    const Hash32 later = submit(transfer(dev_key(1), dev_address(4), 1, 2));
    auto head = m_producer->produce_one(now());
    ASSERT_TRUE(head.ok()) << head.error().to_string();
    EXPECT_TRUE(committed(now_tx));
    EXPECT_FALSE(committed(later));
    EXPECT_TRUE(m_mempool->contains(later));
    EXPECT_EQ(m_mempool->size(), 1u);

    // Still pending after another block.
    ASSERT_TRUE(m_producer->produce_one(now() + 1000).ok());
    EXPECT_TRUE(m_mempool->contains(later));

    // Once the gap is filled, everything goes in one block.
    const Hash32 n0 = submit(transfer(dev_key(1), dev_address(4), 1, 0));
    const Hash32 n1 = submit(transfer(dev_key(1), dev_address(4), 1, 1));
    head = m_producer->produce_one(now() + 2000);
    ASSERT_TRUE(head.ok()) << head.error().to_string();
    EXPECT_TRUE(committed(n0));
    EXPECT_TRUE(committed(n1));
    EXPECT_TRUE(committed(later));
    EXPECT_EQ(m_mempool->size(), 0u);
    EXPECT_EQ(nonce_of(*m_chain, dev_address(1)), 3u);
}

TEST_F(BlockProducerTest, TxThatCannotPayAnyMoreIsDropped) {
    // Both pass admission on their own, but after the first the second cannot pay its
    // maximum fee (gas_limit * gas_price), so it is refused at execution, not included.
    const uint64_t almost_all = genesis::kDevAccountBalance - kTransferGas;
    const Hash32 big = submit(transfer(dev_key(0), dev_address(4), almost_all, 0));
    const Hash32 next = submit(transfer(dev_key(0), dev_address(4), 1, 1));
    auto head = m_producer->produce_one(now());
    ASSERT_TRUE(head.ok()) << head.error().to_string();
    EXPECT_TRUE(committed(big));
    EXPECT_FALSE(committed(next));
    // Not a nonce problem: it will never become valid, so it leaves the mempool.
    EXPECT_FALSE(m_mempool->contains(next));
    EXPECT_EQ(m_mempool->size(), 0u);
}

TEST_F(BlockProducerTest, StaleNoncesAreRemovedAfterABlock) {
    const Hash32 a0 = submit(transfer(dev_key(0), dev_address(4), 1, 0));
    ASSERT_TRUE(m_producer->produce_one(now()).ok());
    ASSERT_TRUE(committed(a0));
    // A tx whose nonce the chain has already used (added without admission, as one admitted
    // just before the block would be) ...
    auto stale = as_pending(transfer(dev_key(0), dev_address(3), 1, 0));
    ASSERT_TRUE(m_mempool->add(stale).ok());
    const Hash32 a1 = submit(transfer(dev_key(0), dev_address(4), 1, 1));
    ASSERT_TRUE(m_producer->produce_one(now() + 1000).ok());
    // ... is selected, dropped with bad_nonce, and then removed because its nonce is below the
    // account's; the next nonce behind it still goes into the same block.
    EXPECT_FALSE(m_mempool->contains(stale->hash));
    EXPECT_FALSE(committed(stale->hash));
    EXPECT_TRUE(committed(a1));
    EXPECT_EQ(m_mempool->size(), 0u);
}

TEST_F(BlockProducerTest, BlockTimesStrictlyIncreaseEvenIfClockGoesBackwards) {
    const uint64_t t = now();
    std::vector<uint64_t> clock{t, t + 500, t - 10'000, t - 10'000, 0, t + 1000, t + 1000, 1};
    uint64_t last = genesis::dev_genesis().genesis_time_ms;
    for (size_t i = 0; i < clock.size(); ++i) {
        auto head = m_producer->produce_one(clock[i]);
        ASSERT_TRUE(head.ok()) << head.error().to_string();
        auto header = m_chain->store().header(head->height);
        ASSERT_TRUE(header.ok() && header->has_value());
        EXPECT_GT((*header)->time_ms, last) << "block " << head->height;
        EXPECT_GE((*header)->time_ms, clock[i]);
        last = (*header)->time_ms;
        EXPECT_EQ(m_chain->head_time_ms(), last);
    }
    EXPECT_EQ(m_chain->head().height, clock.size());
}

TEST_F(BlockProducerTest, KeyOutsideTheValidatorSetCannotCommit) {
    auto outsider = make_producer(other_key("not a validator"));
    const Hash32 a = submit(transfer(dev_key(0), dev_address(4), 1, 0));
    auto head = outsider->produce_one(now());
    ASSERT_FALSE(head.ok());
    EXPECT_EQ(head.error().reason, "commit_bad_signature");
    EXPECT_EQ(m_chain->head().height, 0u);
    EXPECT_TRUE(m_mempool->contains(a));
    // The real validator still can.
    ASSERT_TRUE(m_producer->produce_one(now()).ok());
    EXPECT_TRUE(committed(a));
}

TEST_F(BlockProducerTest, BackgroundThreadProducesUntilStopped) {
    const Hash32 a = submit(transfer(dev_key(0), dev_address(4), 1, 0));
    m_producer->start();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (m_chain->head().height < 2 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    m_producer->stop();
    m_producer->stop();  // idempotent
    EXPECT_GE(m_chain->head().height, 2u);
    EXPECT_TRUE(committed(a));
    const auto stopped_at = m_chain->head();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(m_chain->head(), stopped_at);
    EXPECT_EQ(m_fatal_count.load(), 0);
}

}  // namespace
}  // namespace azora::node
