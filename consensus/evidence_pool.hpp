#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "consensus/evidence.hpp"
#include "ledger/evidence.hpp"

namespace azora::consensus {

/// Bounds of an EvidencePool.
struct EvidencePoolOptions {
    size_t max_count = 1'000;                         ///< pending items kept at most
    uint64_t max_age_blocks = kMaxEvidenceAgeBlocks;  ///< older items are dropped by prune()
};

/// The node's pending evidence: verified, not yet committed in a block. Not thread-safe: one
/// owner calls every method (the node's consensus thread). The caller verifies evidence
/// (verify_evidence) before add(); the pool only dedupes, bounds and orders it.
class EvidencePool {
public:
    explicit EvidencePool(EvidencePoolOptions options = {}) : m_options(options) {}

    /// Adds `ev`; true if it is new and kept. False when it is already pending, the pool is
    /// full (max_count), or it is older than max_age_blocks below the last prune() height.
    bool add(const ledger::DuplicateVoteEvidence& ev);
    /// Up to `max` pending items, oldest height first, then by evidence hash: a deterministic
    /// order, and the items closest to expiry go into blocks first.
    std::vector<ledger::DuplicateVoteEvidence> pending(size_t max) const;
    /// Drops the items whose hash is in `committed` (evidence a block has included).
    void remove(const std::vector<Hash32>& committed);
    bool contains(const Hash32& hash) const { return m_heights.count(hash) != 0; }
    size_t size() const { return m_heights.size(); }
    /// Drops items more than max_age_blocks below `current_height` (no block could include
    /// them any more) and remembers the height, so add() refuses such items too.
    void prune(uint64_t current_height);

private:
    using Key = std::pair<uint64_t, Hash32>;  // (height, hash): the pending() order

    bool too_old(uint64_t height) const {
        return m_current_height > height && m_current_height - height > m_options.max_age_blocks;
    }

    EvidencePoolOptions m_options;
    uint64_t m_current_height = 0;
    std::map<Key, ledger::DuplicateVoteEvidence> m_items;
    std::map<Hash32, uint64_t> m_heights;  // hash -> height, to find items by hash
};

}  // namespace azora::consensus
