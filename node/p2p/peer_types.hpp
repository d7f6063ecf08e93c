#pragma once

#include <cstdint>
#include <string>

#include "core/bytes.hpp"
#include "core/keys.hpp"
#include "core/result.hpp"

namespace azora::p2p {

/// A node's identity: the 32-byte BIP-340 x-only public key of its node key.
using NodeId = PubKey;

/// 64 lowercase hex digits of `id`.
std::string node_id_hex(const NodeId& id);

/// A connected peer, as seen after a valid hello.
struct PeerInfo {
    NodeId id{};
    std::string remote_address;  ///< "ip:port" of the TCP connection
    uint16_t listen_port = 0;    ///< the port the peer says it listens on (0: none)
    bool outbound = false;       ///< we dialled it
    bool persistent = false;     ///< in the persistent peer list
    uint32_t score = 0;          ///< current misbehaviour score
    uint64_t connected_ms = 0;   ///< steady-clock milliseconds when the hello completed
    uint64_t bytes_in = 0;       ///< frame bytes received, headers included
    uint64_t bytes_out = 0;      ///< frame bytes written, headers included
};

/// An active ban.
struct BanInfo {
    std::string target;  ///< "node:<64 hex>" or "ip:<address>"
    uint64_t remaining_ms = 0;
    std::string reason;  ///< why it was banned, e.g. "wrong_chain", "oversize_frame"
};

/// The application's side of the host (implemented by the node). Every method is called on the
/// Host's own thread, never after stop() has begun, and must return quickly.
class Handler {
public:
    virtual ~Handler() = default;
    /// A peer completed a valid hello.
    virtual void on_connected(const PeerInfo& peer) = 0;
    /// A peer that on_connected announced went away. Calls pair up per id: when a crossing
    /// dial replaces a connection, on_disconnected(id) comes before the new on_connected(id).
    virtual void on_disconnected(const NodeId& peer) = 0;
    /// An application message (type >= 0x10). An error is misbehaviour: ErrorKind::malformed
    /// adds 20 points, rejected adds 10, the other kinds none; the reason is logged.
    virtual Result<void> on_message(const NodeId& peer, uint8_t type, ByteView payload) = 0;
};

}  // namespace azora::p2p
