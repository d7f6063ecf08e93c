#include "node/p2p/misbehaviour.hpp"

#include <algorithm>

namespace azora::p2p {

uint32_t Misbehaviour::Score::at(Clock::time_point now) const {
    if (now <= updated) {
        return points;
    }
    const auto faded = static_cast<uint64_t>((now - updated) / kDecayInterval);
    return faded >= points ? 0 : points - static_cast<uint32_t>(faded);
}

bool Misbehaviour::add(const std::string& key,
                       uint32_t points,
                       const std::string& reason,
                       Clock::time_point now) {
    auto it = m_scores.find(key);
    if (it == m_scores.end()) {
        if (m_scores.size() >= kMaxScores) {
            // Forget the least suspicious entry; a flood of fresh keys cannot grow the table.
            auto lowest = std::min_element(m_scores.begin(), m_scores.end(), [&](auto& a, auto& b) {
                return a.second.at(now) < b.second.at(now);
            });
            m_scores.erase(lowest);
        }
        it = m_scores.emplace(key, Score{0, now}).first;
    }
    const uint32_t current = it->second.at(now);
    it->second.points = points > UINT32_MAX - current ? UINT32_MAX : current + points;
    it->second.updated = now;
    if (it->second.points < m_ban_score) {
        return false;
    }
    m_scores.erase(it);
    ban(key, m_ban_duration, reason, now);
    return true;
}

void Misbehaviour::ban(const std::string& key,
                       std::chrono::milliseconds duration,
                       const std::string& reason,
                       Clock::time_point now) {
    const auto until = now + duration;
    auto it = m_bans.find(key);
    if (it != m_bans.end()) {
        if (it->second.until < until) {
            it->second = Ban{until, reason};
        }
        return;
    }
    prune(now);
    if (m_bans.size() >= kMaxBans) {
        auto soonest = std::min_element(m_bans.begin(), m_bans.end(), [](auto& a, auto& b) {
            return a.second.until < b.second.until;
        });
        m_bans.erase(soonest);
    }
    m_bans.emplace(key, Ban{until, reason});
}

bool Misbehaviour::is_banned(const std::string& key, Clock::time_point now) const {
    auto it = m_bans.find(key);
    return it != m_bans.end() && it->second.until > now;
}

uint32_t Misbehaviour::score(const std::string& key, Clock::time_point now) const {
    auto it = m_scores.find(key);
    return it == m_scores.end() ? 0 : it->second.at(now);
}

std::vector<BanInfo> Misbehaviour::bans(Clock::time_point now) const {
    std::vector<BanInfo> out;
    for (const auto& [key, b] : m_bans) {
        if (b.until <= now) {
            continue;
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(b.until - now);
        out.push_back(BanInfo{key, static_cast<uint64_t>(left.count()), b.reason});
    }
    return out;
}

void Misbehaviour::prune(Clock::time_point now) {
    std::erase_if(m_bans, [&](const auto& kv) { return kv.second.until <= now; });
}

}  // namespace azora::p2p
