// Chain::execute_block: a validator re-executes a block another node built and accepts it only
// if everything in its header matches.
#include <gtest/gtest.h>

#include "node/chain/chain.hpp"
#include "tests/chain/chain_test_util.hpp"

namespace azora::chain {
namespace {

using namespace azora::chain::test;

class ChainExecuteTest : public ::testing::Test {
protected:
    ledger::Block build(const std::vector<ledger::Tx>& txs) {
        auto built = m_builder.build(txs, genesis::dev_genesis().genesis_time_ms + 1000);
        EXPECT_TRUE(built.ok());
        return built->block;
    }

    Result<ProposedBlock> execute(const ledger::Block& b) {
        return m_checker->execute_block(b, [](const Hash32&) { return false; });
    }

    void expect_refused(const ledger::Block& b, const std::string& reason) {
        auto r = execute(b);
        ASSERT_FALSE(r.ok()) << "expected " << reason;
        EXPECT_EQ(r.error().reason, reason) << r.error().message;
    }

    TestChain m_builder, m_checker;
};

TEST_F(ChainExecuteTest, AcceptsWhatAnHonestProposerBuiltAndCommitsTheSameState) {
    const ledger::Block b = build({transfer(dev_key(0), dev_address(1), 5, 0)});
    auto r = execute(b);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(r->state.state_root, b.header.state_root);
    auto commit = m_checker.verified_commit(b.header);
    ASSERT_TRUE(commit.ok()) << commit.error().to_string();
    ASSERT_TRUE(m_checker->commit(std::move(r).value(), *commit).ok());
    EXPECT_EQ(m_checker->head().hash, b.hash());
    EXPECT_EQ(m_checker.balance(dev_address(1)), genesis::kDevAccountBalance + 5);
}

TEST_F(ChainExecuteTest, RefusesAnyHeaderThatDoesNotMatchExecution) {
    const ledger::Block good = build({transfer(dev_key(0), dev_address(1), 5, 0)});
    auto with = [&](auto change) {
        ledger::Block b = good;
        change(b);
        return b;
    };
    expect_refused(with([](ledger::Block& b) { b.header.state_root[0] ^= 1; }), "block_bad_root");
    expect_refused(with([](ledger::Block& b) { b.header.receipts_root[0] ^= 1; }),
                   "block_bad_root");
    expect_refused(with([](ledger::Block& b) { b.header.tx_root[0] ^= 1; }), "block_bad_root");
    expect_refused(with([](ledger::Block& b) { b.header.evidence_root[0] ^= 1; }),
                   "evidence_root_mismatch");
    expect_refused(with([](ledger::Block& b) { b.header.parent[0] ^= 1; }), "block_wrong_parent");
    expect_refused(with([](ledger::Block& b) { b.header.height = 2; }), "block_wrong_height");
    expect_refused(with([](ledger::Block& b) { b.header.chain_id = "other"; }),
                   "block_wrong_chain");
    expect_refused(
        with([](ledger::Block& b) { b.header.time_ms = genesis::dev_genesis().genesis_time_ms; }),
        "block_bad_time");
    expect_refused(with([](ledger::Block& b) { b.header.validators_hash[0] ^= 1; }),
                   "block_bad_validators");
    expect_refused(with([](ledger::Block& b) { b.header.proposer = dev_address(2); }),
                   "block_bad_proposer");
    expect_refused(with([](ledger::Block& b) { b.txs[0].signature[10] ^= 1; }), "block_bad_tx");
    // A tx that cannot be included (nonce already used) makes the whole block invalid.
    expect_refused(with([](ledger::Block& b) { b.txs.push_back(b.txs[0]); }), "block_bad_tx");
    // Nothing was committed by the refusals.
    EXPECT_EQ(m_checker->head().height, 0u);
}

}  // namespace
}  // namespace azora::chain
