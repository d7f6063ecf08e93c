#include "consensus/vote_set.hpp"

#include <algorithm>

namespace azora::consensus {

VoteSet::VoteSet(size_t validator_count, size_t max_votes_per_validator)
    : m_votes(validator_count),
      m_reported(validator_count, false),
      m_max_per_validator(std::max<size_t>(1, max_votes_per_validator)) {}

VoteAddResult VoteSet::add(const Vote& vote, uint64_t power) {
    auto& mine = m_votes[vote.validator_index];
    // Same (height, round, type) by precondition, so only the block hash can differ. A second
    // signature over the same data is the same statement, not evidence.
    if (holds(vote)) {
        return {VoteAddStatus::duplicate, std::nullopt};
    }
    VoteAddResult r;
    if (!mine.empty() && !m_reported[vote.validator_index]) {
        m_reported[vote.validator_index] = true;
        r.conflicts_with = mine.front();
    }
    if (mine.size() >= m_max_per_validator) {
        r.status = VoteAddStatus::ignored;
        return r;
    }
    if (mine.empty()) {
        m_total_power += power;
    }
    mine.push_back(vote);
    m_tallies[vote.data.block_hash] += power;
    r.status = VoteAddStatus::added;
    return r;
}

bool VoteSet::holds(const Vote& vote) const {
    const auto& mine = m_votes[vote.validator_index];
    return std::any_of(mine.begin(), mine.end(),
                       [&](const Vote& v) { return v.data.block_hash == vote.data.block_hash; });
}

bool VoteSet::would_add(const Vote& vote) const {
    return !holds(vote) && m_votes[vote.validator_index].size() < m_max_per_validator;
}

const Vote* VoteSet::vote_of(uint32_t index) const {
    if (index >= m_votes.size() || m_votes[index].empty()) {
        return nullptr;
    }
    return &m_votes[index].front();
}

uint64_t VoteSet::power_for(const Hash32& block_hash) const {
    auto it = m_tallies.find(block_hash);
    return it == m_tallies.end() ? 0 : it->second;
}

std::vector<Vote> VoteSet::votes_for(const Hash32& block_hash) const {
    std::vector<Vote> out;
    for (const auto& mine : m_votes) {
        for (const Vote& v : mine) {
            if (v.data.block_hash == block_hash) {
                out.push_back(v);
            }
        }
    }
    return out;
}

}  // namespace azora::consensus
