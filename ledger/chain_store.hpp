#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "ledger/block.hpp"
#include "ledger/commit.hpp"
#include "ledger/kv_store.hpp"
#include "ledger/receipt.hpp"
#include "ledger/state_changes.hpp"
#include "ledger/state_tree.hpp"

namespace azora::ledger {

/// Whether a committed block must be on disk before commit_block returns. Blocks fetched while
/// catching up are final and can be fetched again, so all but the last of a run are deferred.
enum class Durability { synced, deferred };

/// Where a committed transaction sits and what it did.
struct TxLocation {
    uint64_t height = 0;
    uint32_t index = 0;
    Receipt receipt;
};

/// The last committed block: height 0 is the genesis state, whose "hash" is the genesis hash.
struct ChainHead {
    uint64_t height = 0;
    Hash32 hash{};
    bool operator==(const ChainHead&) const = default;
};

/// A block's state changes applied to the tree and flat state, ready to commit: the new
/// root, and the writes that produce it.
struct PreparedState {
    uint64_t height = 0;
    Hash32 state_root{};
    KvBatch batch;
};

/// The node's persistent chain: blocks by height and hash, commits, a tx index with receipts,
/// the flat latest state and the state tree, all in one KvStore. Each block goes in with one
/// synced batch, so after a crash the head is exactly the last committed block.
/// Reads are thread-safe; commits come from one thread.
class ChainStore {
public:
    /// Wraps an open store. Does not validate it: see check_integrity().
    explicit ChainStore(KvStore& store) : m_store(store), m_tree(store) {}

    /// nullopt for a store that has never been initialised.
    Result<std::optional<ChainHead>> head() const;
    /// Genesis hash and chain id recorded at initialisation.
    Result<std::optional<std::pair<Hash32, std::string>>> genesis_info() const;

    /// Checks that the head's block, commit and state root are all present and agree, so a
    /// truncated or damaged data dir is refused instead of silently reset.
    Result<void> check_integrity() const;

    Result<std::optional<Block>> block(uint64_t height) const;
    Result<std::optional<uint64_t>> height_of(const Hash32& block_hash) const;
    Result<std::optional<Header>> header(uint64_t height) const;
    Result<std::optional<Commit>> commit(uint64_t height) const;
    Result<std::optional<TxLocation>> tx(const Hash32& tx_hash) const;
    /// Latest committed value of a state key.
    Result<std::optional<Bytes>> state_get(ByteView key) const;
    /// Visits latest state entries whose key starts with `prefix`, in key order.
    Result<void> state_scan(ByteView prefix,
                            const std::function<bool(ByteView key, ByteView value)>& visit) const;
    /// As above, from the first key >= `start` (empty: from `prefix`); `visit` returning false
    /// stops the scan.
    Result<void> state_scan(ByteView prefix,
                            ByteView start,
                            const std::function<bool(ByteView key, ByteView value)>& visit) const;

    const StateTree& tree() const { return m_tree; }

    /// Applies `changes` on top of the latest committed state, as version `height`.
    Result<PreparedState> prepare_state(uint64_t height, const StateChanges& changes) const;

    /// Writes the genesis state (version 0) and records the genesis hash and chain id.
    Result<void> commit_genesis(const Hash32& genesis_hash,
                                const std::string& chain_id,
                                PreparedState&& state);

    /// Writes a block, its commit, its receipts and its prepared state in one atomic batch and
    /// advances the head. `tx_hashes` are the block's tx hashes (computed once by the caller).
    /// `prune_below` > 0 also drops tree versions older than it. With Durability::deferred the
    /// batch survives a crash of the process but may be lost, with the blocks after it, on a
    /// power loss until the next synced write.
    Result<void> commit_block(const Block& block,
                              const std::vector<Hash32>& tx_hashes,
                              const Commit& commit,
                              const std::vector<Receipt>& receipts,
                              PreparedState&& state,
                              uint64_t prune_below = 0,
                              Durability durability = Durability::synced);

private:
    KvStore& m_store;
    StateTree m_tree;
};

}  // namespace azora::ledger
