#include "consensus/evidence_pool.hpp"

#include <algorithm>

namespace azora::consensus {

bool EvidencePool::add(const ledger::DuplicateVoteEvidence& ev) {
    if (m_heights.size() >= m_options.max_count || too_old(ev.height)) {
        return false;
    }
    const Hash32 h = ev.hash();
    if (!m_heights.emplace(h, ev.height).second) {
        return false;
    }
    m_items.emplace(Key{ev.height, h}, ev);
    return true;
}

std::vector<ledger::DuplicateVoteEvidence> EvidencePool::pending(size_t max) const {
    std::vector<ledger::DuplicateVoteEvidence> out;
    out.reserve(std::min(max, m_items.size()));
    for (auto it = m_items.begin(); it != m_items.end() && out.size() < max; ++it) {
        out.push_back(it->second);
    }
    return out;
}

void EvidencePool::remove(const std::vector<Hash32>& committed) {
    for (const auto& h : committed) {
        auto it = m_heights.find(h);
        if (it == m_heights.end()) {
            continue;
        }
        m_items.erase(Key{it->second, h});
        m_heights.erase(it);
    }
}

void EvidencePool::prune(uint64_t current_height) {
    m_current_height = current_height;
    while (!m_items.empty() && too_old(m_items.begin()->first.first)) {
        m_heights.erase(m_items.begin()->first.second);
        m_items.erase(m_items.begin());
    }
}

}  // namespace azora::consensus
