#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "consensus/validator_set.hpp"
#include "genesis/genesis.hpp"
#include "ledger/chain_store.hpp"
#include "node/mempool.hpp"
#include "vm/executor.hpp"

namespace azora::node {

/// A block built on the current head, executed but not yet committed.
struct ProposedBlock {
    ledger::Block block;
    std::vector<Hash32> tx_hashes;
    std::vector<ledger::Receipt> receipts;
    ledger::PreparedState state;
    /// Transactions left out, with why (bad nonce after an earlier failure, expired...).
    std::vector<std::pair<PendingTxPtr, Error>> dropped;
};

/// The node's view of its ledger: storage, execution and the validator set, over one data
/// dir. Reads are thread-safe; build_block() and commit() come from one thread.
class Chain {
public:
    /// Opens the chain database in `db_dir`. A new directory is initialised from `genesis`; an
    /// existing one must hold this genesis and pass the integrity check, otherwise this fails
    /// with a clear reason (it never resets data).
    static Result<std::unique_ptr<Chain>> open(const std::filesystem::path& db_dir,
                                               const genesis::Genesis& genesis,
                                               uint64_t tree_keep_versions);

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

    /// Admission checks for a decoded tx against the latest state (see
    /// Executor::check_admission), including the signature. Thread-safe.
    Result<PendingTxPtr> admit(ledger::Tx tx) const;
    /// The same checks for a transaction already wrapped by make_pending().
    Result<void> check_admission(const PendingTx& pending) const;

    /// Executes `candidates` in order on top of the head and builds the next block, stopping
    /// before the encoded block would exceed `max_block_bytes`, then records the `evidence`
    /// items that are valid and not yet on chain.
    Result<ProposedBlock> build_block(const std::vector<PendingTxPtr>& candidates,
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

    /// Writes a built block with its commit in one batch (synced unless `durability` says
    /// otherwise, see ledger::Durability) and advances the head.
    Result<void> commit(ProposedBlock&& proposed,
                        const ledger::Commit& commit,
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

    /// Creates a new chain database holding only the genesis state at `db_dir`.
    static Result<void> initialise(const std::filesystem::path& db_dir,
                                   const genesis::Genesis& genesis);

    Chain(std::unique_ptr<ledger::KvStore> db,
          genesis::Genesis genesis,
          consensus::ValidatorSet validators,
          uint64_t tree_keep_versions);

    std::unique_ptr<ledger::KvStore> m_db;
    std::unique_ptr<ledger::ChainStore> m_chain;
    genesis::Genesis m_genesis;
    Hash32 m_genesis_hash{};
    consensus::ValidatorSet m_validators;
    vm::Executor m_executor;
    StoreReader m_state_reader;
    uint64_t m_tree_keep_versions;

    mutable std::mutex m_head_mutex;
    ledger::ChainHead m_head;                     // guarded by m_head_mutex
    uint64_t m_head_time_ms = 0;                  // guarded by m_head_mutex
    consensus::ValidatorSet m_validators_shared;  // guarded by m_head_mutex: copy for readers
};

}  // namespace azora::node
