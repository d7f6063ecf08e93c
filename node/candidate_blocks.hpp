#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>

#include "core/hash.hpp"
#include "ledger/block.hpp"
#include "node/chain.hpp"

namespace azora::node {

/// The blocks proposed at the height being decided, by hash: this node's own, one kept with
/// its lock, and peers', executed once the round machine asks for their validation. Bounds
/// what a proposer flooding signed blocks can make it keep. Not thread-safe.
class CandidateBlocks {
public:
    struct Candidate {
        ledger::Block block;
        std::optional<ProposedBlock> executed;
        uint32_t round = 0;  ///< of the first proposal that carried it
        size_t bytes = 0;    ///< that proposal's encoded size (0: this node's own block)
    };
    /// Proposed blocks of rounds other than the current one (past rounds, and rounds ahead
    /// that a Byzantine proposer may fill): their total encoded size. The current round is
    /// never refused for it, only for its per-round count.
    static constexpr size_t kMaxOtherRoundBytes = 128u << 20;

    /// `max_per_round`: the round machine's max_proposals_per_round.
    explicit CandidateBlocks(uint32_t max_per_round) : m_max_per_round(max_per_round) {}

    void clear() { m_blocks.clear(); }
    bool contains(const Hash32& hash) const { return m_blocks.contains(hash); }
    /// Null if there is no such block.
    Candidate* find(const Hash32& hash);
    /// This node's own block (built, or kept with its lock): always kept.
    void put(const Hash32& hash, Candidate candidate);
    /// A peer's block, kept if there is room: at most max_per_round per round, and rounds
    /// other than `current_round` within kMaxOtherRoundBytes. False if it was not kept.
    bool add_from_peer(const Hash32& hash, Candidate candidate, uint32_t current_round);
    /// The block, removed; nullopt if there is none.
    std::optional<Candidate> take(const Hash32& hash);

private:
    uint32_t m_max_per_round;
    std::map<Hash32, Candidate> m_blocks;
};

}  // namespace azora::node
