#include "node/candidate_blocks.hpp"

namespace azora::node {

CandidateBlocks::Candidate* CandidateBlocks::find(const Hash32& hash) {
    auto it = m_blocks.find(hash);
    return it == m_blocks.end() ? nullptr : &it->second;
}

void CandidateBlocks::put(const Hash32& hash, Candidate candidate) {
    m_blocks.insert_or_assign(hash, std::move(candidate));
}

bool CandidateBlocks::add_from_peer(const Hash32& hash,
                                    Candidate candidate,
                                    uint32_t current_round) {
    size_t in_round = 0;
    size_t other_rounds_bytes = 0;
    for (const auto& [h, c] : m_blocks) {
        in_round += c.round == candidate.round ? 1 : 0;
        other_rounds_bytes += c.round == current_round ? 0 : c.bytes;
    }
    if (in_round >= m_max_per_round) {
        return false;
    }
    if (candidate.round != current_round &&
        other_rounds_bytes + candidate.bytes > kMaxOtherRoundBytes) {
        return false;
    }
    m_blocks.emplace(hash, std::move(candidate));
    return true;
}

std::optional<CandidateBlocks::Candidate> CandidateBlocks::take(const Hash32& hash) {
    auto it = m_blocks.find(hash);
    if (it == m_blocks.end()) {
        return std::nullopt;
    }
    Candidate c = std::move(it->second);
    m_blocks.erase(it);
    return c;
}

}  // namespace azora::node
