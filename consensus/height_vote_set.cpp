#include "consensus/height_vote_set.hpp"

#include <utility>

namespace azora::consensus {

HeightVoteSet::HeightVoteSet(std::string chain_id,
                             uint64_t height,
                             std::vector<uint64_t> powers,
                             uint32_t max_rounds_ahead,
                             uint32_t max_votes_per_validator)
    : m_chain_id(std::move(chain_id)),
      m_height(height),
      m_powers(std::move(powers)),
      m_max_rounds_ahead(max_rounds_ahead),
      m_max_votes_per_validator(max_votes_per_validator) {}

bool HeightVoteSet::in_window(uint32_t round, uint32_t current_round) const {
    return round <= current_round || round - current_round <= m_max_rounds_ahead;
}

bool HeightVoteSet::admits(const Vote& vote, uint32_t current_round) const {
    const VoteData& d = vote.data;
    return d.height == m_height && d.chain_id == m_chain_id &&
           vote.validator_index < m_powers.size() &&
           (d.type == VoteType::prevote || d.type == VoteType::precommit) &&
           in_window(d.round, current_round);
}

HeightVoteSet::RoundVotes* HeightVoteSet::round_entry(uint32_t round, uint32_t current_round) {
    if (!in_window(round, current_round)) {
        return nullptr;
    }
    auto it = m_rounds.find(round);
    if (it == m_rounds.end()) {
        it = m_rounds.emplace(round, RoundVotes(m_powers.size(), m_max_votes_per_validator)).first;
    }
    return &it->second;
}

void HeightVoteSet::mark_sender(RoundVotes& entry, uint32_t validator) {
    if (!entry.senders[validator]) {
        entry.senders[validator] = true;
        entry.sender_power += m_powers[validator];
    }
}

VoteAddResult HeightVoteSet::add(const Vote& vote, uint32_t current_round) {
    if (!admits(vote, current_round)) {
        return {};
    }
    const VoteData& d = vote.data;
    RoundVotes* entry = round_entry(d.round, current_round);
    VoteSet& set = d.type == VoteType::prevote ? entry->prevotes : entry->precommits;
    VoteAddResult r = set.add(vote, m_powers[vote.validator_index]);
    mark_sender(*entry, vote.validator_index);
    return r;
}

bool HeightVoteSet::would_add(const Vote& vote, uint32_t current_round) const {
    if (!admits(vote, current_round)) {
        return false;
    }
    const VoteData& d = vote.data;
    auto it = m_rounds.find(d.round);
    if (it == m_rounds.end()) {
        return true;
    }
    const VoteSet& set = d.type == VoteType::prevote ? it->second.prevotes : it->second.precommits;
    return set.would_add(vote);
}

void HeightVoteSet::note_sender(uint32_t round, uint32_t validator, uint32_t current_round) {
    if (validator >= m_powers.size()) {
        return;
    }
    if (RoundVotes* entry = round_entry(round, current_round)) {
        mark_sender(*entry, validator);
    }
}

const VoteSet* HeightVoteSet::get(uint32_t round, VoteType type) const {
    auto it = m_rounds.find(round);
    if (it == m_rounds.end()) {
        return nullptr;
    }
    return type == VoteType::prevote ? &it->second.prevotes : &it->second.precommits;
}

uint64_t HeightVoteSet::sender_power(uint32_t round) const {
    auto it = m_rounds.find(round);
    return it == m_rounds.end() ? 0 : it->second.sender_power;
}

std::optional<uint32_t> HeightVoteSet::highest_round_above(uint32_t round,
                                                           uint64_t threshold) const {
    for (auto it = m_rounds.rbegin(); it != m_rounds.rend() && it->first > round; ++it) {
        if (it->second.sender_power > threshold) {
            return it->first;
        }
    }
    return std::nullopt;
}

}  // namespace azora::consensus
