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
    added,         ///< first vote of this validator here: counted
    duplicate,     ///< the same vote data again (the signature may differ): not counted
    equivocation,  ///< a different vote of a validator that already voted: not counted
    ignored,       ///< not for this set, out of the window, or a repeated equivocation
};

/// The outcome of adding a vote; `first` is the vote already counted when `status` is
/// equivocation (reported once per validator and set).
struct VoteAddResult {
    VoteAddStatus status = VoteAddStatus::ignored;
    std::optional<Vote> first;
};

/// The votes of one (height, round, type): each validator's first vote and the voting power
/// behind each block hash (the all-zero hash is nil). Memory is bounded by the validator count:
/// one vote per validator, so at most that many distinct hashes.
class VoteSet {
public:
    /// An empty set for validators 0 .. validator_count - 1.
    explicit VoteSet(size_t validator_count);

    /// Counts `vote` with its validator's `power` unless that validator already voted.
    /// Precondition: vote.validator_index < validator_count and the vote is of this set's
    /// (height, round, type); the caller (HeightVoteSet) checks both.
    VoteAddResult add(const Vote& vote, uint64_t power);

    /// The counted vote of validator `index`, or null.
    const Vote* vote_of(uint32_t index) const;
    /// Voting power of the counted votes for `block_hash` (all zero for nil).
    uint64_t power_for(const Hash32& block_hash) const;
    /// Voting power of all counted votes, whatever they are for.
    uint64_t total_power() const { return m_total_power; }
    /// Power per block hash (nil included), in hash order.
    const std::map<Hash32, uint64_t>& tallies() const { return m_tallies; }
    /// The counted votes for `block_hash`, sorted by validator index.
    std::vector<Vote> votes_for(const Hash32& block_hash) const;

private:
    std::vector<std::optional<Vote>> m_votes;  // by validator index
    std::vector<bool> m_reported;              // equivocation reported for this validator
    std::map<Hash32, uint64_t> m_tallies;
    uint64_t m_total_power = 0;
};

}  // namespace azora::consensus
