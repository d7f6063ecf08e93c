// Chain over the memory store: admission, building, committing, reopening and pruning.
#include "node/chain/chain.hpp"

#include <gtest/gtest.h>

#include "consensus/commit_verifier.hpp"
#include "ledger/merkle.hpp"
#include "tests/chain/chain_test_util.hpp"
#include "vm/modules/token/state.hpp"

namespace azora::chain {
namespace {

using namespace azora::chain::test;

class ChainTest : public ::testing::Test {
protected:
    Address validator_address() const { return m_chain.proposer(); }

    ProposedBlock build(const std::vector<ledger::Tx>& txs, uint64_t time_ms) {
        auto built = m_chain.build(txs, time_ms);
        EXPECT_TRUE(built.ok()) << built.error().to_string();
        return std::move(built).value();
    }

    // Builds and commits a block signed by the dev validator; returns its header.
    ledger::Header build_and_commit(const std::vector<ledger::Tx>& txs, uint64_t time_ms) {
        auto header = m_chain.produce(txs, time_ms);
        EXPECT_TRUE(header.ok()) << header.error().to_string();
        return header.ok() ? *header : ledger::Header{};
    }

    // A round-0 commit of `header` signed by `key` as validator 0.
    static ledger::Commit sign_commit(const ledger::Header& header, const PrivateKey& key) {
        const consensus::VoteData vote{consensus::VoteType::precommit, header.chain_id,
                                       header.height, 0, header.hash()};
        return consensus::make_commit(header.height, 0, header.hash(),
                                      {consensus::Vote{vote, 0, consensus::sign_vote(key, vote)}});
    }

    // Commits `p` with `commit` after Chain::verify_commit.
    Result<void> commit(ProposedBlock&& p, ledger::Commit commit) {
        AZORA_ASSIGN(VerifiedCommit verified,
                     m_chain->verify_commit(p.block.header.hash(), std::move(commit)));
        return m_chain->commit(std::move(p), verified);
    }

    uint64_t balance_of(const Address& a) const { return m_chain.balance(a); }
    uint64_t nonce_of(const Address& a) const { return m_chain.nonce(a); }
    uint64_t genesis_time() const { return genesis::dev_genesis().genesis_time_ms; }

    TestChain m_chain;
};

void expect_refused(const Result<void>& r, const std::string& reason, ErrorKind kind) {
    ASSERT_FALSE(r.ok()) << "expected " << reason;
    EXPECT_EQ(r.error().reason, reason) << r.error().message;
    EXPECT_EQ(r.error().kind, kind);
}

TEST_F(ChainTest, FreshDirStartsAtGenesis) {
    const auto g = genesis::dev_genesis();
    const auto head = m_chain->head();
    EXPECT_EQ(head.height, 0u);
    EXPECT_EQ(head.hash, g.hash());
    EXPECT_EQ(m_chain->genesis_hash(), g.hash());
    EXPECT_EQ(m_chain->head_time_ms(), g.genesis_time_ms);
    for (size_t i = 0; i < genesis::kDevAccountCount; ++i) {
        EXPECT_EQ(balance_of(dev_address(i)), genesis::kDevAccountBalance);
        EXPECT_EQ(nonce_of(dev_address(i)), 0u);
    }
    EXPECT_EQ(*vm::token::supply(m_chain->state()),
              genesis::kDevAccountCount * genesis::kDevAccountBalance);
    EXPECT_EQ(m_chain->validators().size(), 1u);
    EXPECT_EQ(m_chain->validators().hash(), g.validator_set()->hash());
    EXPECT_TRUE(m_chain->store().check_integrity().ok());
}

TEST_F(ChainTest, AdmitAcceptsGoodTransfer) {
    const auto tx = transfer(dev_key(0), dev_address(1), 1'000, 0);
    auto p = m_chain->check_admission(tx);
    ASSERT_TRUE(p.ok()) << p.error().to_string();
    // Admission does not change state.
    EXPECT_EQ(balance_of(dev_address(0)), genesis::kDevAccountBalance);
    EXPECT_EQ(nonce_of(dev_address(0)), 0u);
}

TEST_F(ChainTest, AdmitRefusesWrongChain) {
    expect_refused(
        m_chain->check_admission(transfer(dev_key(0), dev_address(1), 1, 0, 1, "azora-dev-2")),
        "wrong_chain", ErrorKind::malformed);
}

TEST_F(ChainTest, AdmitRefusesBadSignature) {
    auto tx = transfer(dev_key(0), dev_address(1), 1, 0);
    tx.signature[5] ^= 0x40;
    expect_refused(m_chain->check_admission(tx), "bad_signature", ErrorKind::malformed);
    // A field changed after signing.
    auto tx2 = transfer(dev_key(0), dev_address(1), 1, 0);
    tx2.gas_price = 2;
    expect_refused(m_chain->check_admission(tx2), "bad_signature", ErrorKind::malformed);
    // Signed by one key, claiming another sender.
    auto tx3 = transfer(dev_key(0), dev_address(1), 1, 0);
    tx3.sender = dev_key(2).public_key();
    expect_refused(m_chain->check_admission(tx3), "bad_signature", ErrorKind::malformed);
}

TEST_F(ChainTest, AdmitRefusesInsufficientFunds) {
    expect_refused(m_chain->check_admission(
                       transfer(dev_key(0), dev_address(1), genesis::kDevAccountBalance + 1, 0)),
                   "insufficient_funds", ErrorKind::failed);
    // An unfunded account cannot even pay the fee.
    expect_refused(m_chain->check_admission(transfer(other_key("poor"), dev_address(1), 0, 0)),
                   "insufficient_fee_funds", ErrorKind::rejected);
}

TEST_F(ChainTest, AdmitRefusesTransferThatOnlyFailsAfterTheFee) {
    // The whole balance minus less than the maximum fee: the transfer alone fits, but
    // execution reserves gas_limit * gas_price first, so it would be included and fail.
    const uint64_t amount = genesis::kDevAccountBalance - kTransferGas / 2;
    const auto tx = transfer(dev_key(0), dev_address(1), amount, 0);
    auto admitted = m_chain->check_admission(tx);
    auto built = m_chain.build({tx}, genesis_time() + 1);
    ASSERT_TRUE(built.ok());
    ASSERT_EQ(built->receipts.size(), 1u);
    EXPECT_EQ(built->receipts[0].status, ledger::TxStatus::failed);
    EXPECT_EQ(built->receipts[0].error, "insufficient_funds");
    ASSERT_FALSE(admitted.ok()) << "admitted a tx that will fail with insufficient_funds";
    EXPECT_EQ(admitted.error().reason, "insufficient_funds");
    EXPECT_EQ(admitted.error().kind, ErrorKind::failed);  // the action's own error
}

TEST_F(ChainTest, AdmitRefusesLowGasPrice) {
    expect_refused(m_chain->check_admission(transfer(dev_key(0), dev_address(1), 1, 0, 0)),
                   "gas_price_too_low", ErrorKind::rejected);
}

TEST_F(ChainTest, AdmitAllowsFutureNonceButRefusesPastNonce) {
    EXPECT_TRUE(m_chain->check_admission(transfer(dev_key(0), dev_address(1), 1, 3)).ok());
    build_and_commit({transfer(dev_key(0), dev_address(1), 1, 0)}, genesis_time() + 1000);
    ASSERT_EQ(nonce_of(dev_address(0)), 1u);
    expect_refused(m_chain->check_admission(transfer(dev_key(0), dev_address(1), 1, 0, 2)),
                   "bad_nonce", ErrorKind::rejected);
    EXPECT_TRUE(m_chain->check_admission(transfer(dev_key(0), dev_address(1), 1, 1)).ok());
}

TEST_F(ChainTest, BuildAndCommitThreeTransfers) {
    const Address recipient = Address::from_pubkey(other_key("recipient").public_key());
    const std::vector<ledger::Tx> txs{transfer(dev_key(0), recipient, 100, 0),
                                      transfer(dev_key(0), recipient, 200, 1),
                                      transfer(dev_key(1), dev_address(2), 300, 0, 3)};
    const uint64_t time = genesis_time() + 5'000;
    ProposedBlock p = build(txs, time);
    ASSERT_TRUE(p.dropped.empty());
    ASSERT_EQ(p.block.txs.size(), 3u);
    ASSERT_EQ(p.receipts.size(), 3u);
    const ledger::Header h = p.block.header;
    EXPECT_EQ(h.chain_id, genesis::kDevChainId);
    EXPECT_EQ(h.height, 1u);
    EXPECT_EQ(h.time_ms, time);
    EXPECT_EQ(h.parent, m_chain->genesis_hash());
    EXPECT_EQ(h.proposer, validator_address());
    EXPECT_EQ(h.validators_hash, m_chain->validators().hash());
    EXPECT_EQ(h.next_validators_hash, h.validators_hash);
    std::vector<Hash32> tx_hashes;
    for (const auto& tx : txs) {
        tx_hashes.push_back(tx.hash());
    }
    EXPECT_EQ(p.tx_hashes, tx_hashes);
    EXPECT_EQ(h.tx_root, ledger::compute_tx_root(tx_hashes));
    EXPECT_EQ(h.receipts_root, ledger::compute_receipts_root(p.receipts));
    uint64_t fees_dev0 = 0;
    uint64_t fees_total = 0;
    for (size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(p.receipts[i].status, ledger::TxStatus::success) << p.receipts[i].error;
        EXPECT_GT(p.receipts[i].gas_used, 0u);
        const uint64_t fee = p.receipts[i].gas_used * txs[i].gas_price;
        fees_total += fee;
        if (i < 2) {
            fees_dev0 += fee;
        }
    }
    // Building does not touch committed state.
    EXPECT_EQ(m_chain->head().height, 0u);
    EXPECT_EQ(balance_of(recipient), 0u);

    ASSERT_TRUE(commit(std::move(p), sign_commit(h, genesis::dev_validator_key())).ok());
    EXPECT_EQ(m_chain->head(), (ledger::ChainHead{1, h.hash()}));
    EXPECT_EQ(m_chain->head_time_ms(), time);
    EXPECT_EQ(balance_of(recipient), 300u);
    EXPECT_EQ(balance_of(dev_address(0)), genesis::kDevAccountBalance - 300 - fees_dev0);
    EXPECT_EQ(balance_of(dev_address(2)), genesis::kDevAccountBalance + 300);
    EXPECT_EQ(balance_of(validator_address()), fees_total);
    EXPECT_EQ(nonce_of(dev_address(0)), 2u);
    EXPECT_EQ(nonce_of(dev_address(1)), 1u);
    EXPECT_EQ(*vm::token::supply(m_chain->state()),
              genesis::kDevAccountCount * genesis::kDevAccountBalance);

    // The store has the block, its commit and the tx index.
    auto block = m_chain->store().block(1);
    ASSERT_TRUE(block.ok() && block->has_value());
    EXPECT_EQ((*block)->header, h);
    EXPECT_EQ((*block)->txs, txs);
    auto commit = m_chain->store().commit(1);
    ASSERT_TRUE(commit.ok() && commit->has_value());
    EXPECT_EQ((*commit)->block_hash, h.hash());
    EXPECT_EQ(*m_chain->store().height_of(h.hash()), std::optional<uint64_t>(1));
    for (uint32_t i = 0; i < 3; ++i) {
        auto loc = m_chain->store().tx(tx_hashes[i]);
        ASSERT_TRUE(loc.ok() && loc->has_value());
        EXPECT_EQ((*loc)->height, 1u);
        EXPECT_EQ((*loc)->index, i);
    }
    auto root = m_chain->store().tree().root(1);
    ASSERT_TRUE(root.ok());
    EXPECT_EQ(*root, h.state_root);
    EXPECT_TRUE(m_chain->store().check_integrity().ok());
}

TEST_F(ChainTest, EmptyBlocksAdvanceTheHead) {
    const auto h1 = build_and_commit({}, genesis_time() + 1000);
    const auto h2 = build_and_commit({}, genesis_time() + 2000);
    EXPECT_EQ(h2.parent, h1.hash());
    EXPECT_EQ(m_chain->head(), (ledger::ChainHead{2, h2.hash()}));
    // No state change: the state root stays the genesis root.
    EXPECT_EQ(h1.state_root, h2.state_root);
    EXPECT_EQ(*m_chain->store().tree().root(0), h1.state_root);
}

TEST_F(ChainTest, BlockTimeIsAfterTheParent) {
    const auto h1 = build_and_commit({}, 5);  // far before genesis time
    EXPECT_EQ(h1.time_ms, genesis_time() + 1);
    const auto h2 = build_and_commit({}, h1.time_ms);  // equal to the parent's
    EXPECT_EQ(h2.time_ms, h1.time_ms + 1);
}

TEST_F(ChainTest, BuildDropsUnincludableTxs) {
    const auto good = transfer(dev_key(0), dev_address(1), 1, 0);
    const auto replay = transfer(dev_key(0), dev_address(1), 2, 0);  // nonce 0 again
    const auto future = transfer(dev_key(1), dev_address(1), 1, 7);
    const auto wrong_chain = transfer(dev_key(2), dev_address(1), 1, 0, 1, "other");
    ProposedBlock p = build({good, replay, future, wrong_chain}, genesis_time() + 1);
    ASSERT_EQ(p.block.txs.size(), 1u);
    EXPECT_EQ(p.block.txs[0], good);
    ASSERT_EQ(p.dropped.size(), 3u);
    EXPECT_EQ(p.dropped[0].hash, replay.hash());
    EXPECT_EQ(p.dropped[0].sender, dev_address(0));
    EXPECT_EQ(p.dropped[0].error.reason, "bad_nonce");
    EXPECT_EQ(p.dropped[1].error.reason, "bad_nonce");
    EXPECT_EQ(p.dropped[2].error.reason, "wrong_chain");
}

TEST_F(ChainTest, CommitSignedByAnotherKeyIsRefused) {
    ProposedBlock p = build({transfer(dev_key(0), dev_address(1), 1, 0)}, genesis_time() + 1);
    const ledger::Header h = p.block.header;
    ProposedBlock copy = p;
    auto r = commit(std::move(p), sign_commit(h, dev_key(0)));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "commit_bad_signature");
    EXPECT_EQ(m_chain->head().height, 0u);
    EXPECT_EQ(balance_of(dev_address(0)), genesis::kDevAccountBalance);
    // No signatures at all.
    ProposedBlock copy2 = copy;
    r = commit(std::move(copy2), ledger::Commit{1, 0, h.hash(), {}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "commit_insufficient_power");
    // A commit for another block.
    ledger::Header other = h;
    other.time_ms += 1;
    ProposedBlock copy3 = copy;
    r = commit(std::move(copy3), sign_commit(other, genesis::dev_validator_key()));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "commit_mismatch");
    EXPECT_EQ(m_chain->head().height, 0u);
    // The right commit still works.
    ASSERT_TRUE(commit(std::move(copy), sign_commit(h, genesis::dev_validator_key())).ok());
    EXPECT_EQ(m_chain->head().height, 1u);
}

TEST_F(ChainTest, StaleProposalIsRefused) {
    // Two proposals built on the same head: once one is committed the other no longer
    // extends the head and must be refused.
    ProposedBlock a = build({transfer(dev_key(0), dev_address(1), 1, 0)}, genesis_time() + 1);
    ProposedBlock b = build({transfer(dev_key(2), dev_address(3), 1, 0)}, genesis_time() + 2);
    const ledger::Header ha = a.block.header;
    const ledger::Header hb = b.block.header;
    ASSERT_TRUE(commit(std::move(a), sign_commit(ha, genesis::dev_validator_key())).ok());
    auto r = commit(std::move(b), sign_commit(hb, genesis::dev_validator_key()));
    ASSERT_FALSE(r.ok()) << "committed a block whose parent is not the head";
    EXPECT_EQ(m_chain->head(), (ledger::ChainHead{1, ha.hash()}));
    EXPECT_EQ(nonce_of(dev_address(0)), 1u);
    EXPECT_EQ(nonce_of(dev_address(2)), 0u);
}

TEST_F(ChainTest, ReopenKeepsHeadAndBalances) {
    const Address recipient = Address::from_pubkey(other_key("recipient").public_key());
    build_and_commit({transfer(dev_key(0), recipient, 1234, 0)}, genesis_time() + 1000);
    const auto h2 = build_and_commit(
        {transfer(dev_key(0), recipient, 1, 1), transfer(dev_key(3), recipient, 2, 0)},
        genesis_time() + 2000);
    const auto head = m_chain->head();
    const uint64_t dev0 = balance_of(dev_address(0));
    const uint64_t dev3 = balance_of(dev_address(3));
    const uint64_t fees = balance_of(validator_address());
    ASSERT_TRUE(m_chain.reopen().ok());
    EXPECT_EQ(m_chain->head(), head);
    EXPECT_EQ(head.height, 2u);
    EXPECT_EQ(m_chain->head_time_ms(), h2.time_ms);
    EXPECT_EQ(balance_of(recipient), 1237u);
    EXPECT_EQ(balance_of(dev_address(0)), dev0);
    EXPECT_EQ(balance_of(dev_address(3)), dev3);
    EXPECT_EQ(balance_of(validator_address()), fees);
    EXPECT_EQ(nonce_of(dev_address(0)), 2u);
    // And it keeps going from there.
    const auto h3 = build_and_commit({}, genesis_time() + 3000);
    EXPECT_EQ(h3.height, 3u);
    EXPECT_EQ(h3.parent, head.hash);
}

TEST_F(ChainTest, ReopenWithDifferentGenesisIsGenesisMismatch) {
    build_and_commit({}, genesis_time() + 1000);
    genesis::Genesis other = genesis::dev_genesis();
    other.genesis_time_ms += 1;
    auto r = Chain::open(m_chain.store(), other, ChainOptions{});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "genesis_mismatch");
    // Nothing was reset: the right genesis still opens at the same head.
    ASSERT_TRUE(m_chain.reopen().ok());
    EXPECT_EQ(m_chain->head().height, 1u);
}

TEST_F(ChainTest, OpenStoreWithoutChainIsRefused) {
    auto store = ledger::make_memory_store();
    auto r = Chain::open(*store, genesis::dev_genesis(), ChainOptions{});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "storage_corrupt");
    EXPECT_EQ(r.error().kind, ErrorKind::internal);
    // Initialising a store that already holds a chain is refused too.
    EXPECT_FALSE(Chain::initialise(m_chain.store(), genesis::dev_genesis()).ok());
}

// Commits `blocks` empty blocks.
Result<void> commit_empty_blocks(TestChain& chain, int blocks) {
    for (int i = 1; i <= blocks; ++i) {
        AZORA_TRY(chain.produce({}, genesis::dev_genesis().genesis_time_ms + i));
    }
    return {};
}

TEST(ChainPruning, OldTreeVersionsArePruned) {
    TestChain chain(genesis::dev_genesis(), {genesis::dev_validator_key()}, ChainOptions{2});
    auto r = commit_empty_blocks(chain, 5);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    const auto& tree = chain->store().tree();
    for (uint64_t v : {0u, 1u, 2u}) {
        auto root = tree.root(v);
        ASSERT_FALSE(root.ok()) << "version " << v << " should be pruned";
        EXPECT_EQ(root.error().reason, "version_unknown");
    }
    for (uint64_t v : {4u, 5u}) {
        EXPECT_TRUE(tree.root(v).ok()) << "version " << v << " should be kept";
    }
    // Pruning never touches the latest state.
    EXPECT_EQ(chain.balance(dev_address(0)), genesis::kDevAccountBalance);
    EXPECT_TRUE(chain->store().check_integrity().ok());
}

TEST(ChainPruning, ZeroKeptVersionsIsRefused) {
    auto store = ledger::make_memory_store();
    ASSERT_TRUE(Chain::initialise(*store, genesis::dev_genesis()).ok());
    auto chain = Chain::open(*store, genesis::dev_genesis(), ChainOptions{0});
    ASSERT_FALSE(chain.ok());
    EXPECT_EQ(chain.error().reason, "bad_config");
}

// The sync path: a block fetched with its commit. The commit's signatures are checked once
// (verify_commit), and commit() does not check them again.
TEST(VerifiedCommitTest, ASyncedBlocksCommitIsVerifiedOnce) {
    TestChain producer;
    TestChain follower;
    for (uint64_t i = 0; i < 3; ++i) {
        auto header = producer.produce({transfer(dev_key(0), dev_address(1), 1 + i, i)});
        ASSERT_TRUE(header.ok()) << header.error().to_string();
        auto block = producer->store().block(header->height);
        auto received = producer->store().commit(header->height);
        ASSERT_TRUE(block.ok() && block->has_value() && received.ok() && received->has_value());

        const uint64_t before = follower->commits_verified();
        auto verified = follower->verify_commit((*block)->hash(), **received);
        ASSERT_TRUE(verified.ok()) << verified.error().to_string();
        auto executed = follower->execute_block(**block, [](const Hash32&) { return false; });
        ASSERT_TRUE(executed.ok()) << executed.error().to_string();
        ASSERT_TRUE(follower->commit(std::move(executed).value(), *verified).ok());
        EXPECT_EQ(follower->commits_verified(), before + 1);
    }
    EXPECT_EQ(follower->head(), producer->head());
    EXPECT_EQ(follower->commits_verified(), 3u);
}

// The consensus path: precommits checked on arrival are assembled without checking any
// signature again, but their fields and power are checked.
TEST(VerifiedCommitTest, CommitFromCheckedPrecommitsChecksAllButSignatures) {
    TestChain chain;
    auto built = chain.build({});
    ASSERT_TRUE(built.ok());
    const ledger::Header h = built->block.header;
    const consensus::VoteData vote{consensus::VoteType::precommit, h.chain_id, h.height, 2,
                                   h.hash()};
    const consensus::Vote good{vote, 0, consensus::sign_vote(genesis::dev_validator_key(), vote)};

    auto wrong_round = chain->commit_from_checked_precommits(h.hash(), 1, {good});
    ASSERT_FALSE(wrong_round.ok());
    EXPECT_EQ(wrong_round.error().reason, "commit_mismatch");
    consensus::Vote prevote = good;
    prevote.data.type = consensus::VoteType::prevote;
    EXPECT_EQ(chain->commit_from_checked_precommits(h.hash(), 2, {prevote}).error().reason,
              "commit_mismatch");
    consensus::Vote stranger = good;
    stranger.validator_index = 1;
    EXPECT_EQ(chain->commit_from_checked_precommits(h.hash(), 2, {stranger}).error().reason,
              "commit_bad_index");
    EXPECT_EQ(chain->commit_from_checked_precommits(h.hash(), 2, {}).error().reason,
              "commit_insufficient_power");

    auto commit = chain->commit_from_checked_precommits(h.hash(), 2, {good, good});
    ASSERT_TRUE(commit.ok()) << commit.error().to_string();
    EXPECT_EQ(commit->commit().round, 2u);
    EXPECT_EQ(commit->commit().signatures.size(), 1u);
    ASSERT_TRUE(chain->commit(std::move(built).value(), *commit).ok());
    EXPECT_EQ(chain->commits_verified(), 0u);
    // What was written is a commit anyone can verify.
    auto stored = chain->store().commit(1);
    ASSERT_TRUE(stored.ok() && stored->has_value());
    EXPECT_TRUE(consensus::verify_commit(*genesis::dev_genesis().validator_set(), h.chain_id, 1,
                                         h.hash(), **stored)
                    .ok());
}

TEST(VerifiedCommitTest, CommitRefusesAVerifiedCommitOfAnotherBlock) {
    TestChain chain;
    auto a = chain.build({}, genesis::dev_genesis().genesis_time_ms + 1);
    auto b = chain.build({}, genesis::dev_genesis().genesis_time_ms + 2);
    ASSERT_TRUE(a.ok() && b.ok());
    auto commit_b = chain.verified_commit(b->block.header);
    ASSERT_TRUE(commit_b.ok());
    auto r = chain->commit(std::move(a).value(), *commit_b);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "commit_mismatch");
    EXPECT_EQ(chain->head().height, 0u);
}

}  // namespace
}  // namespace azora::chain
