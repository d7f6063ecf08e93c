#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/bytes.hpp"
#include "core/keys.hpp"

namespace azora::p2p {

/// Everything a Host is configured with (docs/p2p.md). Durations are steady-clock intervals.
struct P2pOptions {
    std::string chain_id;   ///< must equal the peer's, else "wrong_chain" (and a ban)
    Hash32 genesis_hash{};  ///< must equal the peer's, else "wrong_genesis" (and a ban)
    uint32_t protocol_version = 1;
    PrivateKey node_key = PrivateKey::generate();  ///< identity; NodeId = its x-only public key
    std::string bind = "127.0.0.1";
    uint16_t port = 0;  ///< 0 picks a free port (see Host::port)
    /// "NODEID@host:port" (NODEID = 64 hex digits) or "host:port"; always redialled.
    std::vector<std::string> persistent_peers;
    /// Same syntax; dialled like address-book entries while under max_outbound.
    std::vector<std::string> seeds;
    size_t max_inbound = 40;
    size_t max_outbound = 10;  ///< persistent peers count towards it but are dialled regardless
    uint32_t max_frame_bytes = 4u << 20;      ///< bound on type + payload of one frame
    size_t max_send_queue_bytes = 64u << 20;  ///< per peer; above it the peer is dropped as slow
    std::chrono::milliseconds ban_duration{3'600'000};
    uint32_t ban_score = 100;  ///< misbehaviour score at which a peer is disconnected and banned
    std::chrono::milliseconds handshake_timeout{5000};  ///< TCP connect + TLS + hellos
    std::chrono::milliseconds ping_interval{10000};
    std::chrono::milliseconds ping_timeout{30000};  ///< silence (no frame at all) that drops a peer
    std::chrono::milliseconds reconnect_min{500};   ///< first redial delay, doubled per failure
    std::chrono::milliseconds reconnect_max{30000};
    std::chrono::milliseconds peer_exchange_interval{30000};
    /// Receives one line per notable event (connects, refusals with their reason, bans). Called
    /// on the Host's thread; empty means standard error.
    std::function<void(const std::string&)> log;
};

}  // namespace azora::p2p
