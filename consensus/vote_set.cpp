#include "consensus/vote_set.hpp"

namespace azora::consensus {

VoteSet::VoteSet(size_t validator_count)
    : m_votes(validator_count), m_reported(validator_count, false) {}

VoteAddResult VoteSet::add(const Vote& vote, uint64_t power) {
    auto& slot = m_votes[vote.validator_index];
    if (!slot) {
        slot = vote;
        m_tallies[vote.data.block_hash] += power;
        m_total_power += power;
        return {VoteAddStatus::added, std::nullopt};
    }
    // Same (height, round, type) by precondition, so only the block hash can differ. A second
    // signature over the same data is the same statement, not evidence.
    if (slot->data.block_hash == vote.data.block_hash) {
        return {VoteAddStatus::duplicate, std::nullopt};
    }
    if (m_reported[vote.validator_index]) {
        return {VoteAddStatus::ignored, std::nullopt};
    }
    m_reported[vote.validator_index] = true;
    return {VoteAddStatus::equivocation, *slot};
}

const Vote* VoteSet::vote_of(uint32_t index) const {
    if (index >= m_votes.size() || !m_votes[index]) {
        return nullptr;
    }
    return &*m_votes[index];
}

uint64_t VoteSet::power_for(const Hash32& block_hash) const {
    auto it = m_tallies.find(block_hash);
    return it == m_tallies.end() ? 0 : it->second;
}

std::vector<Vote> VoteSet::votes_for(const Hash32& block_hash) const {
    std::vector<Vote> out;
    for (const auto& v : m_votes) {
        if (v && v->data.block_hash == block_hash) {
            out.push_back(*v);
        }
    }
    return out;
}

}  // namespace azora::consensus
