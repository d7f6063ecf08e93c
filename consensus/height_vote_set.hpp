#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "consensus/vote.hpp"
#include "consensus/vote_set.hpp"

namespace azora::consensus {

/// All prevotes and precommits of one height, by round, plus which validators sent any message
/// (vote or proposal) in each round (for the f+1 round-skip rule). Memory is bounded: rounds
/// more than `max_rounds_ahead` past the caller's current round are ignored, and each round
/// holds at most one vote per validator and type.
class HeightVoteSet {
public:
    /// `powers[i]` is validator i's voting power (all non-zero); see VoteSet for
    /// `max_votes_per_validator`.
    HeightVoteSet(std::string chain_id,
                  uint64_t height,
                  std::vector<uint64_t> powers,
                  uint32_t max_rounds_ahead,
                  uint32_t max_votes_per_validator = 4);

    /// Adds a vote whose signature the caller has checked. Ignored if it is for another chain
    /// or height, an unknown validator or vote type, or a round above
    /// current_round + max_rounds_ahead.
    VoteAddResult add(const Vote& vote, uint32_t current_round);
    /// Whether add() would count `vote` (status added), without adding it.
    bool would_add(const Vote& vote, uint32_t current_round) const;
    /// Records that `validator` sent a message (a proposal) in `round`; same window as add().
    void note_sender(uint32_t round, uint32_t validator, uint32_t current_round);

    /// The votes of (round, type), or null when none arrived.
    const VoteSet* get(uint32_t round, VoteType type) const;
    /// Power of the distinct validators that sent any message in `round`.
    uint64_t sender_power(uint32_t round) const;
    /// The highest round above `round` whose sender_power() exceeds `threshold`, if any.
    std::optional<uint32_t> highest_round_above(uint32_t round, uint64_t threshold) const;

    uint64_t height() const { return m_height; }
    size_t round_count() const { return m_rounds.size(); }

private:
    struct RoundVotes {
        RoundVotes(size_t n, size_t per_validator)
            : prevotes(n, per_validator), precommits(n, per_validator), senders(n, false) {}
        VoteSet prevotes;
        VoteSet precommits;
        std::vector<bool> senders;
        uint64_t sender_power = 0;
    };

    bool in_window(uint32_t round, uint32_t current_round) const;
    /// A vote of this chain and height, by a known validator, of a vote type, in the window.
    bool admits(const Vote& vote, uint32_t current_round) const;
    /// The round's entry, created on first use; null outside the window.
    RoundVotes* round_entry(uint32_t round, uint32_t current_round);
    void mark_sender(RoundVotes& entry, uint32_t validator);

    std::string m_chain_id;
    uint64_t m_height = 0;
    std::vector<uint64_t> m_powers;
    uint32_t m_max_rounds_ahead = 0;
    uint32_t m_max_votes_per_validator = 4;
    std::map<uint32_t, RoundVotes> m_rounds;
};

}  // namespace azora::consensus
