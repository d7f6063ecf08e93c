#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "node/p2p/p2p_options.hpp"
#include "node/p2p/peer_types.hpp"

namespace azora::p2p {

class HostImpl;

/// The P2P transport: TLS 1.3 connections authenticated by a signed hello, framing, keepalive,
/// peer exchange, redialling and misbehaviour bans (docs/p2p.md). It runs its own io_context on
/// its own thread, where the Handler is called.
class Host {
public:
    /// `handler` must outlive the Host.
    Host(P2pOptions options, Handler& handler);
    /// Stops.
    ~Host();
    Host(const Host&) = delete;
    Host& operator=(const Host&) = delete;

    /// Binds and listens (error "p2p_bind"), then dials the persistent peers and seeds and starts
    /// the thread. Bad entries in persistent_peers / seeds fail with "bad_address". Call once.
    Result<void> start();
    /// Idempotent: closes every connection and joins the thread. No Handler call after it begins.
    void stop();
    /// The bound port (after start).
    uint16_t port() const;
    const NodeId& id() const;

    // Thread-safe from any thread, including the Handler's.

    /// Queues one frame for `peer`; no-op if it is not connected. A payload over the frame limit
    /// is dropped (logged); a peer whose queue passes max_send_queue_bytes is dropped as slow.
    void send(const NodeId& peer, uint8_t type, Bytes payload);
    /// send() to every connected peer except `except`.
    void broadcast(uint8_t type, Bytes payload, const std::optional<NodeId>& except = {});
    /// Adds misbehaviour points; at ban_score the peer is disconnected and banned.
    void report(const NodeId& peer, uint32_t points, std::string reason);
    /// Connected peers, ordered by id.
    std::vector<PeerInfo> peers() const;
    /// Active bans, ordered by target.
    std::vector<BanInfo> bans() const;
    /// Dials `address` ("NODEID@host:port" | "host:port"; else "bad_address"); a persistent one
    /// is redialled forever, another one goes to the address book.
    Result<void> add_peer(const std::string& address, bool persistent);
    /// Disconnects `id` and forgets it as a persistent peer; "unknown_peer" if it is neither
    /// connected nor persistent.
    Result<void> remove_peer(const NodeId& id);
    /// Disconnects and bans `id` for `duration`.
    void ban(const NodeId& id, std::chrono::milliseconds duration, std::string reason);

private:
    std::unique_ptr<HostImpl> m_impl;
};

}  // namespace azora::p2p
