#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "core/smt.hpp"
#include "ledger/kv_store.hpp"

namespace azora::ledger {

/// The versioned authenticated state tree (DESIGN.md "Authenticated state"), persisted in a
/// KvStore under the key prefix "t". Version = block height; version 0 is genesis.
/// apply() never mutates the store itself: it adds the new version's writes to a batch that
/// the caller commits together with the block. Not thread-safe for concurrent apply().
class StateTree {
public:
    /// One change: set key (by its path, SHA-256(key)) to a value hash, or delete it.
    struct Update {
        Hash32 key_hash;
        std::optional<Hash32> value_hash;  ///< nullopt deletes
        /// The value itself (SHA-256 must equal value_hash), kept in the leaf so that
        /// prove_value() can return it at any kept version; optional.
        std::optional<Bytes> value = std::nullopt;
    };

    explicit StateTree(const KvStore& store) : m_store(store) {}

    /// The latest version written to the store, nullopt if none yet.
    Result<std::optional<uint64_t>> latest_version() const;

    /// The root hash at `version`; "version_unknown" if never written or already pruned.
    Result<Hash32> root(uint64_t version) const;

    /// Builds version `version` from the latest committed version (or the empty tree if none)
    /// plus `updates` (sorted by key_hash, unique). Adds all new nodes and the version record
    /// to `batch` and returns the new root. `version` must exceed the latest version
    /// ("version_not_increasing"); unsorted or duplicate updates fail with "unsorted_updates".
    /// Each changed node is hashed once. On error, discard the batch.
    Result<Hash32> apply(uint64_t version, std::span<const Update> updates, KvBatch& batch) const;

    /// A membership or absence proof for `key_hash` at `version`.
    Result<smt::Proof> prove(uint64_t version, const Hash32& key_hash) const;

    /// A proof as prove() gives it, plus the value at `version` when the key is present and its
    /// leaf was written with the value (nullopt otherwise).
    struct ValueProof {
        smt::Proof proof;
        std::optional<Bytes> value;
    };
    Result<ValueProof> prove_value(uint64_t version, const Hash32& key_hash) const;

    /// Adds to `batch` the deletion of every node not reachable from versions >= `keep_from`
    /// and of the root records of versions < `keep_from`. Reads only the stale index, not the
    /// tree. `keep_from` may not exceed the latest version ("prune_beyond_latest").
    Result<void> prune(uint64_t keep_from, KvBatch& batch) const;

private:
    const KvStore& m_store;
};

}  // namespace azora::ledger
