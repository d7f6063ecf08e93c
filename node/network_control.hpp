#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "node/peer_network.hpp"

namespace azora::node {

/// One connected peer, as net_peers shows it.
struct PeerSummary {
    PeerId id{};
    std::string remote_address;  ///< ip:port of the connection
    uint16_t listen_port = 0;    ///< where the peer accepts connections
    bool outbound = false;
    bool persistent = false;
    uint32_t score = 0;  ///< misbehaviour points
    uint64_t connected_for_ms = 0;
    uint64_t bytes_in = 0;
    uint64_t bytes_out = 0;
};

/// What the RPC methods read and change in the P2P layer. Thread-safe.
class NetworkControl {
public:
    virtual ~NetworkControl() = default;
    virtual std::vector<PeerSummary> peers() const = 0;
    /// "NODEID@host:port" or "host:port"; reason "bad_address".
    virtual Result<void> add_peer(const std::string& address, bool persistent) = 0;
    /// Disconnects and forgets a peer; reason "unknown_peer".
    virtual Result<void> remove_peer(const PeerId& id) = 0;
    virtual void ban_peer(const PeerId& id,
                          std::chrono::milliseconds duration,
                          std::string reason) = 0;
};

}  // namespace azora::node
