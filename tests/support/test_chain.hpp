#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/keys.hpp"
#include "genesis/genesis.hpp"
#include "ledger/kv_store.hpp"
#include "node/chain/chain.hpp"

namespace azora::test {

/// A kernel Chain for tests, in memory or over a given store (a FaultStore), with the keys of
/// its validators, so that blocks are produced and committed with a real commit, as a network
/// of those validators would.
class TestChain {
public:
    /// The dev genesis over a fresh memory store, signed by the dev validator.
    TestChain();
    /// `genesis` over a fresh memory store; `keys` are its validators' keys, in order.
    TestChain(genesis::Genesis genesis,
              std::vector<PrivateKey> keys,
              chain::ChainOptions options = {});
    /// `genesis` over `store`, initialised first when empty; the caller keeps `store` alive.
    TestChain(ledger::KvStore& store,
              genesis::Genesis genesis,
              std::vector<PrivateKey> keys,
              chain::ChainOptions options = {});

    chain::Chain& chain() { return *m_chain; }
    const chain::Chain& chain() const { return *m_chain; }
    chain::Chain* operator->() { return m_chain.get(); }
    const chain::Chain* operator->() const { return m_chain.get(); }
    ledger::KvStore& store() { return *m_store; }
    const genesis::Genesis& genesis() const { return m_genesis; }
    /// Address of validator 0, the proposer of produced blocks.
    Address proposer() const;

    /// Opens the chain again on its store, as after a restart (or a crash).
    Result<void> reopen();

    /// Builds the next block from `txs` at `time_ms` (0: one second after the head).
    Result<chain::ProposedBlock> build(const std::vector<ledger::Tx>& txs, uint64_t time_ms = 0);
    /// A round-0 commit of `header` signed by every validator.
    ledger::Commit sign_commit(const ledger::Header& header) const;
    /// sign_commit(header) through Chain::verify_commit.
    Result<chain::VerifiedCommit> verified_commit(const ledger::Header& header);
    /// Builds, signs and commits the next block; its header.
    Result<ledger::Header> produce(const std::vector<ledger::Tx>& txs,
                                   uint64_t time_ms = 0,
                                   ledger::Durability durability = ledger::Durability::synced);

    /// Reads of the committed state; a read error fails the test and gives 0.
    uint64_t balance(const Address& addr) const;
    uint64_t nonce(const Address& addr) const;

private:
    void open();

    std::unique_ptr<ledger::KvStore> m_owned;
    ledger::KvStore* m_store = nullptr;
    genesis::Genesis m_genesis;
    std::vector<PrivateKey> m_keys;
    chain::ChainOptions m_options;
    std::unique_ptr<chain::Chain> m_chain;
};

/// Candidates for Chain::build_block from transactions (hash, sender and size computed here);
/// `txs` must outlive the call.
std::vector<chain::TxCandidate> candidates(const std::vector<ledger::Tx>& txs);

}  // namespace azora::test
