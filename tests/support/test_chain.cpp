#include "tests/support/test_chain.hpp"

#include <gtest/gtest.h>

#include "consensus/commit_verifier.hpp"
#include "genesis/dev.hpp"
#include "vm/accounts.hpp"
#include "vm/modules/token/state.hpp"

namespace azora::test {

TestChain::TestChain()
    : TestChain(genesis::dev_genesis(), {genesis::dev_validator_key()}, chain::ChainOptions{}) {}

TestChain::TestChain(genesis::Genesis genesis,
                     std::vector<PrivateKey> keys,
                     chain::ChainOptions options)
    : m_owned(ledger::make_memory_store()),
      m_store(m_owned.get()),
      m_genesis(std::move(genesis)),
      m_keys(std::move(keys)),
      m_options(options) {
    open();
}

TestChain::TestChain(ledger::KvStore& store,
                     genesis::Genesis genesis,
                     std::vector<PrivateKey> keys,
                     chain::ChainOptions options)
    : m_store(&store), m_genesis(std::move(genesis)), m_keys(std::move(keys)), m_options(options) {
    open();
}

void TestChain::open() {
    ledger::ChainStore existing(*m_store);
    auto head = existing.head();
    if (head.ok() && !head->has_value()) {
        auto initialised = chain::Chain::initialise(*m_store, m_genesis);
        EXPECT_TRUE(initialised.ok()) << initialised.error().to_string();
    }
    auto opened = reopen();
    EXPECT_TRUE(opened.ok()) << opened.error().to_string();
}

Result<void> TestChain::reopen() {
    m_chain.reset();
    AZORA_ASSIGN(m_chain, chain::Chain::open(*m_store, m_genesis, m_options));
    return {};
}

Address TestChain::proposer() const {
    return Address::from_pubkey(m_keys.at(0).public_key());
}

Result<chain::ProposedBlock> TestChain::build(const std::vector<ledger::Tx>& txs,
                                              uint64_t time_ms) {
    if (time_ms == 0) {
        time_ms = m_chain->head_time_ms() + 1000;
    }
    return m_chain->build_block(candidates(txs), time_ms, proposer());
}

ledger::Commit TestChain::sign_commit(const ledger::Header& header) const {
    const Hash32 hash = header.hash();
    const consensus::VoteData vote{consensus::VoteType::precommit, header.chain_id, header.height,
                                   0, hash};
    std::vector<consensus::Vote> precommits;
    for (size_t i = 0; i < m_keys.size(); ++i) {
        precommits.push_back(
            consensus::Vote{vote, static_cast<uint32_t>(i), consensus::sign_vote(m_keys[i], vote)});
    }
    return consensus::make_commit(header.height, 0, hash, std::move(precommits));
}

Result<chain::VerifiedCommit> TestChain::verified_commit(const ledger::Header& header) {
    return m_chain->verify_commit(header.hash(), sign_commit(header));
}

Result<ledger::Header> TestChain::produce(const std::vector<ledger::Tx>& txs,
                                          uint64_t time_ms,
                                          ledger::Durability durability) {
    AZORA_ASSIGN(chain::ProposedBlock block, build(txs, time_ms));
    const ledger::Header header = block.block.header;
    AZORA_ASSIGN(chain::VerifiedCommit commit, verified_commit(header));
    AZORA_TRY(m_chain->commit(std::move(block), commit, durability));
    return header;
}

uint64_t TestChain::balance(const Address& addr) const {
    auto b = vm::token::balance(m_chain->state(), addr);
    EXPECT_TRUE(b.ok()) << b.error().to_string();
    return b.ok() ? *b : 0;
}

uint64_t TestChain::nonce(const Address& addr) const {
    auto n = vm::accounts::get_nonce(m_chain->state(), addr);
    EXPECT_TRUE(n.ok()) << n.error().to_string();
    return n.ok() ? *n : 0;
}

std::vector<chain::TxCandidate> candidates(const std::vector<ledger::Tx>& txs) {
    std::vector<chain::TxCandidate> out;
    out.reserve(txs.size());
    for (const auto& tx : txs) {
        out.push_back(chain::TxCandidate{&tx, tx.hash(), Address::from_pubkey(tx.sender),
                                         tx.encode().size()});
    }
    return out;
}

}  // namespace azora::test
