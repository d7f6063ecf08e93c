#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "consensus/vote.hpp"
#include "core/bytes.hpp"

namespace azora::consensus {

/// What happened to a vote offered to a VoteSet.
enum class VoteAddStatus : uint8_t {
    added,      ///< a new vote: counted for its block hash
    duplicate,  ///< this validator already voted exactly this: not counted again
    ignored,    ///< not for this set, out of the window, or over the per-validator limit
};

/// The outcome of adding a vote. `conflicts_with` is set the first time a validator's vote
/// differs from its earlier one in the set: it is that earlier vote (equivocation evidence,
/// reported once per validator and set).
struct VoteAddResult {
    VoteAddStatus status = VoteAddStatus::ignored;
    std::optional<Vote> conflicts_with;
};

/// The votes of one (height, round, type) and the voting power behind each block hash (the
/// all-zero hash is nil).
///
/// Counting follows the paper's message log: "2f+1 ⟨PREVOTE, h, r, id(v)⟩" counts the distinct
/// validators that sent that message, so an equivocating validator's power counts toward each
/// block hash it voted for (at most once per hash), but only once in total_power(). This keeps
/// the tallies of all honest nodes converging whatever order they saw an equivocator's votes
/// in; counting only a validator's first vote would let two honest nodes disagree forever about
/// whether a quorum exists. Safety is unaffected: quorum intersection holds when Byzantine
/// validators are in both quorums. Memory stays bounded: at most max_votes_per_validator
/// distinct votes per validator.
class VoteSet {
public:
    /// An empty set for validators 0 .. validator_count - 1, keeping at most
    /// `max_votes_per_validator` (>= 1) distinct votes of each.
    explicit VoteSet(size_t validator_count, size_t max_votes_per_validator = 4);

    /// Counts `vote` with its validator's `power` unless that validator already voted the same.
    /// Precondition: vote.validator_index < validator_count and the vote is of this set's
    /// (height, round, type); the caller (HeightVoteSet) checks both.
    VoteAddResult add(const Vote& vote, uint64_t power);
    /// Whether add() would count `vote`: not a duplicate, and its validator under the limit.
    bool would_add(const Vote& vote) const;

    /// The first vote of validator `index`, or null.
    const Vote* vote_of(uint32_t index) const;
    /// Voting power of the validators that voted for `block_hash` (all zero for nil).
    uint64_t power_for(const Hash32& block_hash) const;
    /// Voting power of the validators that voted at all, each counted once.
    uint64_t total_power() const { return m_total_power; }
    /// Power per block hash (nil included), in hash order.
    const std::map<Hash32, uint64_t>& tallies() const { return m_tallies; }
    /// The votes for `block_hash`, one per validator, sorted by validator index.
    std::vector<Vote> votes_for(const Hash32& block_hash) const;

private:
    /// Whether the vote's validator already voted for its block hash.
    bool holds(const Vote& vote) const;

    std::vector<std::vector<Vote>> m_votes;  // by validator index; first vote first
    std::vector<bool> m_reported;            // equivocation reported for this validator
    size_t m_max_per_validator = 1;
    std::map<Hash32, uint64_t> m_tallies;
    uint64_t m_total_power = 0;
};

}  // namespace azora::consensus
