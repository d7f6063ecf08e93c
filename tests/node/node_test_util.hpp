#pragma once

// Helpers shared by the node tests: a temp data dir, dev keys and transfer builders, and a
// commit signed the way the dev block producer signs one.

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "consensus/commit_verifier.hpp"
#include "consensus/vote.hpp"
#include "core/hash.hpp"
#include "genesis/dev.hpp"
#include "node/chain.hpp"
#include "node/mempool.hpp"
#include "tests/support/dev_transfers.hpp"
#include "vm/accounts.hpp"
#include "vm/modules/token/messages.hpp"
#include "vm/modules/token/state.hpp"
#include "vm/registry.hpp"

namespace azora::node::test {

/// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        m_path =
            std::filesystem::temp_directory_path() /
            ("azora-node-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

using azora::test::dev_address;
using azora::test::dev_key;
using azora::test::kTransferGas;
using azora::test::other_key;
using azora::test::transfer;

inline constexpr uint64_t kKeepVersions = 100;

/// A PendingTx built without admission checks.
inline PendingTxPtr as_pending(const ledger::Tx& tx) {
    auto p = std::make_shared<PendingTx>();
    p->tx = tx;
    p->hash = tx.hash();
    p->sender = Address::from_pubkey(tx.sender);
    p->size = tx.encode().size();
    return p;
}

/// A round-0 commit for `header` signed by `key` as validator `index`.
inline ledger::Commit sign_commit(const ledger::Header& header,
                                  const PrivateKey& key,
                                  uint32_t index = 0) {
    const Hash32 hash = header.hash();
    consensus::VoteData vote{consensus::VoteType::precommit, header.chain_id, header.height, 0,
                             hash};
    consensus::Vote precommit{vote, index, consensus::sign_vote(key, vote)};
    return consensus::make_commit(header.height, 0, hash, {precommit});
}

/// Candidates for Chain::build_block from mempool transactions (which outlive the call).
inline std::vector<TxCandidate> to_candidates(const std::vector<PendingTxPtr>& txs) {
    std::vector<TxCandidate> out;
    for (const auto& tx : txs) {
        out.push_back(TxCandidate{&tx->tx, tx->hash, tx->sender, tx->size});
    }
    return out;
}

/// sign_commit(header, key, index) checked by `chain` (Chain::verify_commit).
inline Result<VerifiedCommit> verified_commit(const Chain& chain,
                                              const ledger::Header& header,
                                              const PrivateKey& key,
                                              uint32_t index = 0) {
    return chain.verify_commit(header.hash(), sign_commit(header, key, index));
}

inline std::unique_ptr<Chain> open_chain(const std::filesystem::path& dir,
                                         const genesis::Genesis& g = genesis::dev_genesis()) {
    auto chain = open_chain_db(dir, g, ChainOptions{kKeepVersions});
    EXPECT_TRUE(chain.ok()) << chain.error().to_string();
    return chain.ok() ? std::move(chain).value() : nullptr;
}

/// Builds a block at `time_ms` from everything in `mempool`, commits it with the dev
/// validator's signature and tidies the mempool, as the single-validator node does.
inline Result<ledger::ChainHead> produce_dev_block(Chain& chain,
                                                   Mempool& mempool,
                                                   uint64_t time_ms) {
    const PrivateKey key = genesis::dev_validator_key();
    const auto txs = mempool.select(100'000);
    AZORA_ASSIGN(ProposedBlock p, chain.build_block(to_candidates(txs), time_ms,
                                                    Address::from_pubkey(key.public_key())));
    std::vector<Hash32> done = p.tx_hashes;
    std::vector<Address> senders;
    for (const auto& tx : p.block.txs) {
        senders.push_back(Address::from_pubkey(tx.sender));
    }
    for (const auto& dropped : p.dropped) {
        senders.push_back(dropped.sender);
        if (dropped.error.reason != "bad_nonce") {
            done.push_back(dropped.hash);
        }
    }
    const ledger::Header header = p.block.header;
    AZORA_ASSIGN(VerifiedCommit commit, verified_commit(chain, header, key));
    AZORA_TRY(chain.commit(std::move(p), commit));
    mempool.remove(done);
    for (const auto& sender : senders) {
        AZORA_ASSIGN(uint64_t nonce, vm::accounts::get_nonce(chain.state(), sender));
        mempool.remove_below(sender, nonce);
    }
    return chain.head();
}

inline uint64_t balance_of(const Chain& chain, const Address& addr) {
    auto b = vm::token::balance(chain.state(), addr);
    EXPECT_TRUE(b.ok());
    return b.ok() ? *b : 0;
}

inline uint64_t nonce_of(const Chain& chain, const Address& addr) {
    auto n = vm::accounts::get_nonce(chain.state(), addr);
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : 0;
}

}  // namespace azora::node::test
