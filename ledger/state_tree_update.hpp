#pragma once

#include <cstdint>
#include <span>

#include "ledger/state_tree.hpp"
#include "ledger/state_tree_nodes.hpp"

namespace azora::ledger::detail {

/// Applies `updates` (sorted by key_hash, unique) to the tree whose root is `root`, writing
/// every new node of `version` and the stale-index entries of the nodes it replaces to `batch`.
/// Reads the store, never writes it. Returns the new root reference. On error the batch holds
/// a partial update and must be discarded.
Result<ChildRef> apply_updates(const KvStore& store,
                               const ChildRef& root,
                               uint64_t version,
                               std::span<const StateTree::Update> updates,
                               KvBatch& batch);

}  // namespace azora::ledger::detail
