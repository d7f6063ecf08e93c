#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "node/p2p/peer_types.hpp"

namespace azora::p2p {

/// Misbehaviour scores and bans, keyed by "node:<hex>" (peers that completed a hello) or
/// "ip:<address>" (peers that did not). Both tables are bounded; not thread-safe.
class Misbehaviour {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr size_t kMaxScores = 4096;
    static constexpr size_t kMaxBans = 4096;
    /// Scores fade by one point per this interval, so an honest long-lived peer's occasional
    /// rejected messages never add up to a ban.
    static constexpr std::chrono::seconds kDecayInterval{60};

    static std::string node_key(const NodeId& id) { return "node:" + node_id_hex(id); }
    static std::string ip_key(const std::string& ip) { return "ip:" + ip; }

    Misbehaviour(uint32_t ban_score, std::chrono::milliseconds ban_duration)
        : m_ban_score(ban_score), m_ban_duration(ban_duration) {}

    /// Adds `points` (saturating) to the decayed score; at ban_score the key is banned with
    /// `reason` and its score cleared. Returns true if this call banned it.
    bool add(const std::string& key,
             uint32_t points,
             const std::string& reason,
             Clock::time_point now);
    /// Bans `key` until now + duration (replacing a shorter ban).
    void ban(const std::string& key,
             std::chrono::milliseconds duration,
             const std::string& reason,
             Clock::time_point now);
    bool is_banned(const std::string& key, Clock::time_point now) const;
    /// The current (decayed) score.
    uint32_t score(const std::string& key, Clock::time_point now) const;
    /// Active bans ordered by key.
    std::vector<BanInfo> bans(Clock::time_point now) const;

private:
    struct Score {
        uint32_t points = 0;
        Clock::time_point updated;
        uint32_t at(Clock::time_point now) const;
    };
    struct Ban {
        Clock::time_point until;
        std::string reason;
    };
    void prune(Clock::time_point now);

    uint32_t m_ban_score;
    std::chrono::milliseconds m_ban_duration;
    std::map<std::string, Score> m_scores;
    std::map<std::string, Ban> m_bans;
};

}  // namespace azora::p2p
