#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "consensus/validator_set.hpp"
#include "consensus/vote.hpp"
#include "genesis/genesis.hpp"
#include "ledger/chain_store.hpp"
#include "node/chain/chain_options.hpp"
#include "node/chain/verified_commit.hpp"
#include "vm/executor.hpp"

namespace azora::chain {

/// A transaction offered to build_block, with what admission computed once.
struct TxCandidate {
    const ledger::Tx* tx = nullptr;  ///< not owned: must outlive the build_block call
    Hash32 hash{};
    Address sender{};
    size_t size = 0;  ///< encoded bytes
};

/// A candidate build_block left out of its block, with why.
struct DroppedTx {
    Hash32 hash{};
    Address sender{};
    Error error;
};

/// A block built on the current head, executed but not yet committed.
struct ProposedBlock {
    ledger::Block block;
    std::vector<Hash32> tx_hashes;
    std::vector<ledger::Receipt> receipts;
    ledger::PreparedState state;
    /// Transactions left out, with why (bad nonce after an earlier failure, expired...).
    std::vector<DroppedTx> dropped;
};

/// The kernel: storage, execution and the validator set over one key-value store. No threads,
/// sockets or clocks of its own; time and transactions are inputs. Reads are thread-safe;
/// build_block(), execute_block() and commit() come from one thread.
class Chain {
public:
    /// Writes the genesis state and head to `store`, which must be empty.
    static Result<void> initialise(ledger::KvStore& store, const genesis::Genesis& genesis);

    /// Opens the chain held in `store` (initialised before, see initialise()). It must hold this
    /// genesis ("genesis_mismatch") and pass the integrity check ("storage_corrupt"); nothing is
    /// ever reset. The caller keeps `store` alive for the chain's lifetime.
    static Result<std::unique_ptr<Chain>> open(ledger::KvStore& store,
                                               const genesis::Genesis& genesis,
                                               const ChainOptions& options);
    /// The same, the chain owning its store (destroyed after the chain).
    static Result<std::unique_ptr<Chain>> open(std::unique_ptr<ledger::KvStore> store,
                                               const genesis::Genesis& genesis,
                                               const ChainOptions& options);

    const genesis::Genesis& genesis() const { return m_genesis; }
    const Hash32& genesis_hash() const { return m_genesis_hash; }
    const ledger::ChainStore& store() const { return *m_chain; }
    const vm::Executor& executor() const { return m_executor; }
    /// The validator set of the next height, with its proposer rotation state at round 0.
    consensus::ValidatorSet validators() const;
    ledger::ChainHead head() const;
    /// Time of the head block (genesis time at height 0).
    uint64_t head_time_ms() const;

    /// Reader over the latest committed state, for execution and queries.
    const vm::StateReader& state() const { return m_state_reader; }

    /// Admission checks for a decoded tx from `sender` (its signer's address) against the latest
    /// state (see Executor::check_admission), including the signature. Thread-safe.
    Result<void> check_admission(const ledger::Tx& tx, const Address& sender) const;
    /// The same, computing the sender from the tx.
    Result<void> check_admission(const ledger::Tx& tx) const {
        return check_admission(tx, Address::from_pubkey(tx.sender));
    }

    /// Executes `candidates` in order on top of the head and builds the next block, stopping
    /// before the encoded block would exceed `max_block_bytes`, then records the `evidence`
    /// items that are valid and not yet on chain.
    Result<ProposedBlock> build_block(const std::vector<TxCandidate>& candidates,
                                      uint64_t time_ms,
                                      const Address& proposer,
                                      size_t max_block_bytes = SIZE_MAX,
                                      const std::vector<ledger::Evidence>& evidence = {}) const;

    /// Executes a block someone else built on top of the head and checks it: header fields,
    /// every transaction (signatures unless `signature_known(tx hash)` says it was already
    /// checked on admission) and the resulting roots. Reasons: "block_wrong_chain",
    /// "block_wrong_height", "block_wrong_parent", "block_bad_time", "block_bad_validators",
    /// "block_bad_proposer", "block_bad_tx", "block_bad_root" (all kind rejected), or an
    /// evidence reason (consensus/evidence.hpp).
    Result<ProposedBlock> execute_block(
        const ledger::Block& block,
        const std::function<bool(const Hash32&)>& signature_known) const;

    /// Checks every signature of a commit received whole (block sync) for the block
    /// `block_hash` at the next height, against the next height's validators
    /// (consensus::verify_commit and its reasons). The only place a commit's signatures are
    /// checked: call it once per received commit. Thread-safe.
    Result<VerifiedCommit> verify_commit(const Hash32& block_hash, ledger::Commit commit) const;
    /// Assembles the commit of the block `block_hash` at the next height decided in `round`
    /// from precommits whose signatures were each checked on arrival (consensus::verify_vote).
    /// Checks their fields, indexes and quorum power but no signature (see VerifiedCommit).
    Result<VerifiedCommit> commit_from_checked_precommits(
        const Hash32& block_hash,
        uint32_t round,
        const std::vector<consensus::Vote>& precommits) const;
    /// Commit signature checks done by verify_commit() so far (each checks every signature of
    /// one commit): tests show that a block's commit is checked once.
    uint64_t commits_verified() const { return m_commits_verified.load(); }

    /// Writes a built block with its verified commit in one batch (synced unless `durability`
    /// says otherwise, see ledger::Durability) and advances the head. Signatures are not checked
    /// again: `commit` was verified for this block by verify_commit() or assembled by
    /// commit_from_checked_precommits(); "commit_mismatch" if it is for another block.
    Result<void> commit(ProposedBlock&& proposed,
                        const VerifiedCommit& commit,
                        ledger::Durability durability = ledger::Durability::synced);

private:
    class StoreReader final : public vm::StateReader {
    public:
        explicit StoreReader(const ledger::ChainStore& chain) : m_chain(chain) {}
        Result<std::optional<Bytes>> get(ByteView key) const override {
            return m_chain.state_get(key);
        }
        Result<void> scan(ByteView prefix,
                          ByteView start,
                          const vm::ScanVisitor& visit) const override {
            return m_chain.state_scan(prefix, start, visit);
        }

    private:
        const ledger::ChainStore& m_chain;
    };

    Chain(std::unique_ptr<ledger::KvStore> owned,
          ledger::KvStore& store,
          genesis::Genesis genesis,
          consensus::ValidatorSet validators,
          const ChainOptions& options);
    static Result<std::unique_ptr<Chain>> open_impl(std::unique_ptr<ledger::KvStore> owned,
                                                    ledger::KvStore& store,
                                                    const genesis::Genesis& genesis,
                                                    const ChainOptions& options);

    std::unique_ptr<ledger::KvStore> m_owned_store;  // null when the caller owns the store
    std::unique_ptr<ledger::ChainStore> m_chain;
    genesis::Genesis m_genesis;
    Hash32 m_genesis_hash{};
    consensus::ValidatorSet m_validators;
    vm::Executor m_executor;
    StoreReader m_state_reader;
    ChainOptions m_options;
    mutable std::atomic<uint64_t> m_commits_verified{0};

    mutable std::mutex m_head_mutex;
    ledger::ChainHead m_head;                     // guarded by m_head_mutex
    uint64_t m_head_time_ms = 0;                  // guarded by m_head_mutex
    consensus::ValidatorSet m_validators_shared;  // guarded by m_head_mutex: copy for readers
};

}  // namespace azora::chain
