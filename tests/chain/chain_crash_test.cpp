// Crash safety of the kernel over the fault-injecting store: a commit whose write fails, and a
// power loss that takes the batches written without sync, leave a store that reopens at the
// last durable block with its state, never a half-written block.
#include <gtest/gtest.h>

#include "node/chain/chain.hpp"
#include "tests/chain/chain_test_util.hpp"
#include "tests/support/fault_store.hpp"

namespace azora::chain {
namespace {

using namespace azora::chain::test;
using azora::test::FaultStore;

class ChainCrashTest : public ::testing::Test {
protected:
    TestChain make_chain() {
        return TestChain(m_store, genesis::dev_genesis(), {genesis::dev_validator_key()});
    }

    // Commits a block moving `amount` from dev0 (nonce `nonce`) to dev1.
    ledger::Header pay(TestChain& chain,
                       uint64_t amount,
                       uint64_t nonce,
                       ledger::Durability durability = ledger::Durability::synced) {
        auto h =
            chain.produce({transfer(dev_key(0), dev_address(1), amount, nonce)}, 0, durability);
        EXPECT_TRUE(h.ok()) << h.error().to_string();
        return h.ok() ? *h : ledger::Header{};
    }

    // The reopened chain is at `head` with dev1 holding `received` more than at genesis.
    static void expect_at(TestChain& chain, const ledger::Header& head, uint64_t received) {
        ASSERT_TRUE(chain.reopen().ok());
        EXPECT_EQ(chain->head(), (ledger::ChainHead{head.height, head.hash()}));
        EXPECT_EQ(chain->head_time_ms(), head.time_ms);
        EXPECT_TRUE(chain->store().check_integrity().ok());
        EXPECT_EQ(chain.balance(dev_address(1)), genesis::kDevAccountBalance + received);
        EXPECT_EQ(chain.nonce(dev_address(0)), head.height);
        auto root = chain->store().tree().root(head.height);
        ASSERT_TRUE(root.ok()) << root.error().to_string();
        EXPECT_EQ(*root, head.state_root);
        // Nothing above the head was written.
        auto above = chain->store().block(head.height + 1);
        ASSERT_TRUE(above.ok());
        EXPECT_FALSE(above->has_value());
    }

    FaultStore m_store;
};

TEST_F(ChainCrashTest, FailedCommitWriteLeavesTheLastBlockAsHead) {
    TestChain chain = make_chain();
    const ledger::Header h1 = pay(chain, 10, 0);
    const ledger::Header h2 = pay(chain, 20, 1);
    m_store.fail_write(1);
    auto failed = chain.produce({transfer(dev_key(0), dev_address(1), 40, 2)});
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().kind, ErrorKind::internal);
    // The head did not advance in memory either.
    EXPECT_EQ(chain->head().height, 2u);
    m_store.power_loss();
    expect_at(chain, h2, 30);
    // And the chain goes on from there.
    const ledger::Header h3 = pay(chain, 40, 2);
    EXPECT_EQ(h3.parent, h2.hash());
    expect_at(chain, h3, 70);
    EXPECT_NE(h1.hash(), h3.hash());
}

TEST_F(ChainCrashTest, PowerLossDropsBlocksWrittenWithoutSync) {
    TestChain chain = make_chain();
    pay(chain, 1, 0);
    const ledger::Header durable = pay(chain, 2, 1);
    // Catching up: blocks written without sync, as block sync does between synced writes.
    pay(chain, 4, 2, ledger::Durability::deferred);
    pay(chain, 8, 3, ledger::Durability::deferred);
    EXPECT_EQ(m_store.unsynced_batches(), 2u);
    m_store.power_loss();
    expect_at(chain, durable, 3);
}

TEST_F(ChainCrashTest, ASyncedWriteMakesEarlierDeferredBlocksDurable) {
    TestChain chain = make_chain();
    pay(chain, 1, 0, ledger::Durability::deferred);
    pay(chain, 2, 1, ledger::Durability::deferred);
    const ledger::Header synced = pay(chain, 4, 2);
    pay(chain, 8, 3, ledger::Durability::deferred);
    m_store.power_loss();
    expect_at(chain, synced, 7);
}

TEST_F(ChainCrashTest, CrashDuringTheLastUnsyncedWriteKeepsTheOneBefore) {
    TestChain chain = make_chain();
    pay(chain, 1, 0);
    const ledger::Header kept = pay(chain, 2, 1, ledger::Durability::deferred);
    pay(chain, 4, 2, ledger::Durability::deferred);
    m_store.drop_last_unsynced();
    expect_at(chain, kept, 3);
}

TEST_F(ChainCrashTest, FailedSyncedWriteAfterDeferredBlocksLosesOnlyUnsyncedOnes) {
    TestChain chain = make_chain();
    const ledger::Header durable = pay(chain, 1, 0);
    pay(chain, 2, 1, ledger::Durability::deferred);
    m_store.fail_synced_write(1);
    ASSERT_FALSE(chain.produce({transfer(dev_key(0), dev_address(1), 4, 2)}).ok());
    m_store.power_loss();
    expect_at(chain, durable, 1);
}

TEST_F(ChainCrashTest, GenesisWriteFailureLeavesAnEmptyStore) {
    m_store.fail_write(1);
    EXPECT_FALSE(Chain::initialise(m_store, genesis::dev_genesis()).ok());
    m_store.power_loss();
    auto opened = Chain::open(m_store, genesis::dev_genesis(), ChainOptions{});
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().reason, "storage_corrupt");
    // Initialising again works.
    TestChain chain = make_chain();
    EXPECT_EQ(chain->head().height, 0u);
}

}  // namespace
}  // namespace azora::chain
