#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "node/p2p/peer_address.hpp"

namespace azora::p2p {

/// Exponential redial delay: min * 2^failures, capped at max (no overflow).
std::chrono::milliseconds backoff_delay(uint32_t failures,
                                        std::chrono::milliseconds min,
                                        std::chrono::milliseconds max);

/// A dial target with its redial state.
struct DialTarget {
    PeerAddress address;
    bool persistent = false;
    bool dialing = false;  ///< a connection attempt or session is using this target
    uint32_t failures = 0;
    std::chrono::steady_clock::time_point next_attempt{};
};

/// Addresses learned from seeds and peer exchange, keyed by endpoint ("host:port"). Bounded:
/// when full, the entry with the most failures is forgotten. Not thread-safe.
class AddressBook {
public:
    static constexpr size_t kMaxEntries = 1024;

    /// Adds or refreshes `address` (a known id is kept unless the new one names another).
    void add(const PeerAddress& address);
    void erase(const std::string& endpoint) { m_entries.erase(endpoint); }
    DialTarget* find(const std::string& endpoint);
    size_t size() const { return m_entries.size(); }
    std::map<std::string, DialTarget>& entries() { return m_entries; }
    const std::map<std::string, DialTarget>& entries() const { return m_entries; }

private:
    std::map<std::string, DialTarget> m_entries;
};

}  // namespace azora::p2p
