// The per-session protocol of HostImpl: the hello checks, transport messages, application
// dispatch and misbehaviour accounting.
#include <boost/asio/post.hpp>

#include "core/reasons.hpp"
#include "node/p2p/host_impl.hpp"

namespace azora::p2p {

namespace {

uint64_t steady_ms(std::chrono::steady_clock::time_point t) {
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

}  // namespace

void HostImpl::on_frame(Connection& conn, uint8_t type, ByteView payload) {
    if (!conn.established) {
        return on_hello(conn, type, payload);
    }
    const NodeId id = *conn.peer_id;
    if (type >= msg::kFirstAppType) {
        auto result = m_handler.on_message(id, type, payload);
        if (!result.ok()) {
            const Error& e = result.error();
            const uint32_t pts = e.kind == ErrorKind::malformed  ? points::kHandlerMalformed
                                 : e.kind == ErrorKind::rejected ? points::kHandlerRejected
                                                                 : 0;
            log("message 0x" + to_hex(std::array<uint8_t, 1>{type}) + " from " + node_id_hex(id) +
                " refused: " + e.to_string());
            if (pts > 0) {
                penalise(conn, pts, e.reason, false);
            }
        }
        return;
    }
    switch (type) {
        case msg::kPing: {
            auto nonce = decode_ping(payload);
            if (!nonce.ok()) {
                penalise(conn, points::kProtocolViolation, "bad_ping", true);
                return;
            }
            send_to(conn, msg::kPong, encode_ping(*nonce));
            return;
        }
        case msg::kPong:
            // Any frame counts as liveness; the nonce only has to decode.
            if (!decode_ping(payload).ok()) {
                penalise(conn, points::kProtocolViolation, "bad_pong", true);
            }
            return;
        case msg::kGetPeers:
            if (!decode_get_peers(payload).ok()) {
                penalise(conn, points::kProtocolViolation, "bad_get_peers", true);
                return;
            }
            send_to(conn, msg::kPeers, encode_peers(known_addresses(id)));
            return;
        case msg::kPeers:
            return on_peers(conn, payload);
        case msg::kHello:
            penalise(conn, points::kProtocolViolation, "repeated_hello", true);
            return;
        default:
            penalise(conn, points::kProtocolViolation, "unknown_message_type", true);
            return;
    }
}

void HostImpl::on_hello(Connection& conn, uint8_t type, ByteView payload) {
    if (type != msg::kHello) {
        return refuse(conn, "expected_hello", points::kProtocolViolation);
    }
    auto decoded = decode_hello(payload);
    if (!decoded.ok()) {
        return refuse(conn, "bad_hello", points::kProtocolViolation);
    }
    const Hello& hello = *decoded;
    // Nothing in the hello is trusted, nor charged to its node id, before the signature over
    // this session's exporter output proves the sender holds that key.
    if (!verify_hello(hello, conn.exporter())) {
        return refuse(conn, "bad_hello_signature", points::kProtocolViolation);
    }
    const NodeId& id = hello.node_id;
    if (id == m_id) {
        if (conn.outbound()) {
            m_book.erase(conn.target_key);  // our own address: never dial it again
        }
        return refuse(conn, "self_connection", 0);
    }
    if (hello.protocol_version != m_opt.protocol_version) {
        return refuse(conn, "wrong_version", 0, id);
    }
    if (hello.chain_id != m_opt.chain_id) {
        return refuse(conn, "wrong_chain", m_opt.ban_score, id);
    }
    if (hello.genesis_hash != m_opt.genesis_hash) {
        return refuse(conn, "wrong_genesis", m_opt.ban_score, id);
    }
    if (conn.expected_id && *conn.expected_id != id) {
        return refuse(conn, "wrong_node_id", 0, id);
    }
    std::shared_ptr<Connection> existing;
    bool banned = false;
    {
        std::lock_guard lock(m_mutex);
        banned = m_misbehaviour.is_banned(Misbehaviour::node_key(id), Connection::Clock::now());
        if (auto it = m_peers.find(id); it != m_peers.end()) {
            existing = it->second;
        }
    }
    if (banned) {
        return refuse(conn, "banned", 0, id);
    }
    if (existing) {
        // Both ends see both connections of a simultaneous dial and must keep the same one
        // without talking about it: the one dialled by the smaller node id. Two connections
        // dialled by the same node mean that node dropped the older one (a node never dials a
        // peer it holds or is already dialling), so the newer is kept; waiting for the ping
        // timeout on the stale one would leave the pair without a link.
        auto dialer = [&](const Connection& c) { return c.outbound() ? m_id : id; };
        if (dialer(*existing) < dialer(conn)) {
            if (DialTarget* target = conn.outbound() ? find_target(conn.target_key) : nullptr) {
                target->address.id = id;  // proven by the hello; stops redials while connected
            }
            // The hello proved the address: on_closed redials it without backoff if the
            // survivor dies.
            conn.peer_id = id;
            // A peer that dials again may have lost the survivor without a FIN (a reboot); a
            // write makes its kernel answer with a reset instead of waiting for ping_timeout.
            send_to(*existing, msg::kPing, encode_ping(m_next_nonce++));
            return refuse(conn, "duplicate_peer", 0, id);
        }
        existing->close("duplicate_peer");
    }
    if (!conn.outbound() && !kept_for(id) &&
        established_inbound_from(conn.remote_ip()) >= kMaxInboundPerIp) {
        // Fresh node keys cost nothing: one address must not hold every inbound slot.
        return refuse(conn, "too_many_from_ip", 0, id);
    }
    register_peer(conn, hello);
}

bool HostImpl::kept_for(const NodeId& id) const {
    std::lock_guard lock(m_mutex);
    return m_persistent_ids.count(id) > 0;
}

size_t HostImpl::established_inbound_from(const std::string& ip) const {
    std::lock_guard lock(m_mutex);
    size_t n = 0;
    for (const auto& [peer, conn] : m_peers) {
        n += !conn->outbound() && !conn->persistent.load() && conn->remote_ip() == ip ? 1 : 0;
    }
    return n;
}

void HostImpl::refuse(Connection& conn,
                      const std::string& reason,
                      uint32_t pts,
                      const std::optional<NodeId>& id) {
    std::string who = conn.remote_address() + (id ? " (" + node_id_hex(*id) + ")" : "");
    log("refused " + who + ": " + reason);
    if (pts > 0) {
        const auto key = id ? Misbehaviour::node_key(*id) : Misbehaviour::ip_key(conn.remote_ip());
        bool banned = false;
        {
            std::lock_guard lock(m_mutex);
            banned = m_misbehaviour.add(key, pts, reason, Connection::Clock::now());
        }
        if (banned) {
            log("banned " + key + ": " + reason);
        }
    }
    conn.close(reason);
}

void HostImpl::register_peer(Connection& conn, const Hello& hello) {
    auto self = conn.shared_from_this();
    const auto now = Connection::Clock::now();
    const NodeId id = hello.node_id;
    conn.peer_id = id;
    conn.listen_port = hello.listen_port;
    conn.established = true;
    conn.connected_ms = steady_ms(now);
    conn.last_ping = now;
    m_pending.erase(&conn);
    if (conn.outbound()) {
        if (DialTarget* target = find_target(conn.target_key)) {
            target->failures = 0;
            target->address.id = id;
        }
    } else if (hello.listen_port != 0) {
        m_book.add(PeerAddress{id, conn.remote_ip(), hello.listen_port});
    }
    PeerInfo peer;
    {
        std::lock_guard lock(m_mutex);
        if (conn.persistent.load() || m_persistent_ids.count(id) > 0) {
            conn.persistent = true;
            m_persistent_ids.insert(id);
        }
        m_peers[id] = self;
        peer = info(conn);
    }
    log("connected " + node_id_hex(id) + " (" + conn.remote_address() +
        (conn.outbound() ? ", outbound)" : ", inbound)"));
    if (conn.outbound()) {
        conn.awaiting_peers = true;
        send_to(conn, msg::kGetPeers, {});
    }
    m_handler.on_connected(peer);
}

void HostImpl::on_peers(Connection& conn, ByteView payload) {
    auto peers = decode_peers(payload);
    if (!peers.ok()) {
        penalise(conn, points::kProtocolViolation, "bad_peers", true);
        return;
    }
    if (!conn.awaiting_peers) {
        return;  // unsolicited: ignored so a peer cannot flood the address book
    }
    conn.awaiting_peers = false;
    for (const auto& address : *peers) {
        if (*address.id != m_id) {
            m_book.add(address);
        }
    }
}

std::vector<PeerAddress> HostImpl::known_addresses(const NodeId& requester) const {
    std::vector<PeerAddress> out;
    std::set<NodeId> seen{requester, m_id};
    {
        std::lock_guard lock(m_mutex);
        for (const auto& [id, conn] : m_peers) {
            if (out.size() >= kMaxPeersPerMessage || seen.count(id) > 0) {
                continue;
            }
            if (conn->outbound()) {
                auto parsed = parse_peer_address(conn->target_key);
                if (parsed.ok()) {
                    out.push_back(PeerAddress{id, parsed->host, parsed->port});
                    seen.insert(id);
                }
            } else if (conn->listen_port != 0) {
                out.push_back(PeerAddress{id, conn->remote_ip(), conn->listen_port});
                seen.insert(id);
            }
        }
    }
    for (const auto& [key, target] : m_book.entries()) {
        if (out.size() >= kMaxPeersPerMessage) {
            break;
        }
        if (target.address.id && target.failures == 0 && seen.insert(*target.address.id).second) {
            out.push_back(target.address);
        }
    }
    return out;
}

bool HostImpl::penalise(Connection& conn,
                        uint32_t pts,
                        const std::string& reason,
                        bool disconnect) {
    const auto key = conn.peer_id ? Misbehaviour::node_key(*conn.peer_id)
                                  : Misbehaviour::ip_key(conn.remote_ip());
    bool banned = false;
    uint32_t score = 0;
    {
        std::lock_guard lock(m_mutex);
        banned = m_misbehaviour.add(key, pts, reason, Connection::Clock::now());
        score = m_misbehaviour.score(key, Connection::Clock::now());
    }
    log("misbehaviour " + key + " +" + std::to_string(pts) + " (" + reason + ")" +
        (banned ? ": banned" : ", score " + std::to_string(score)));
    if (banned || disconnect) {
        conn.close(reason);
    }
    return banned;
}

void HostImpl::on_violation(Connection& conn, const Error& error) {
    penalise(conn, points::kProtocolViolation, error.reason, true);
}

void HostImpl::send_to(Connection& conn, uint8_t type, ByteView payload) {
    if (payload.size() + 1 > m_opt.max_frame_bytes) {
        log("dropped an oversize message (type " + std::to_string(type) + ", " +
            std::to_string(payload.size()) + " bytes)");
        return;
    }
    if (!conn.send(type, payload)) {
        conn.close("slow_peer");
    }
}

std::shared_ptr<Connection> HostImpl::find_peer(const NodeId& id) const {
    std::lock_guard lock(m_mutex);
    auto it = m_peers.find(id);
    return it == m_peers.end() ? nullptr : it->second;
}

PeerInfo HostImpl::info(const Connection& conn) const {
    PeerInfo p;
    p.id = *conn.peer_id;
    p.remote_address = conn.remote_address();
    p.listen_port = conn.listen_port;
    p.outbound = conn.outbound();
    p.persistent = conn.persistent.load();
    p.score = m_misbehaviour.score(Misbehaviour::node_key(p.id), Connection::Clock::now());
    p.connected_ms = conn.connected_ms;
    p.bytes_in = conn.bytes_in();
    p.bytes_out = conn.bytes_out();
    return p;
}

void HostImpl::send(const NodeId& peer, uint8_t type, Bytes payload) {
    boost::asio::post(m_io, [this, peer, type, payload = std::move(payload)] {
        if (auto conn = find_peer(peer)) {
            send_to(*conn, type, payload);
        }
    });
}

void HostImpl::broadcast(uint8_t type, Bytes payload, const std::optional<NodeId>& except) {
    boost::asio::post(m_io, [this, type, except, payload = std::move(payload)] {
        std::vector<std::shared_ptr<Connection>> all;
        {
            std::lock_guard lock(m_mutex);
            for (const auto& [id, conn] : m_peers) {
                if (!except || id != *except) {
                    all.push_back(conn);
                }
            }
        }
        for (auto& conn : all) {
            send_to(*conn, type, payload);
        }
    });
}

void HostImpl::report(const NodeId& peer, uint32_t pts, std::string reason) {
    boost::asio::post(m_io, [this, peer, pts, reason = std::move(reason)] {
        if (auto conn = find_peer(peer)) {
            penalise(*conn, pts, reason, false);
            return;
        }
        std::lock_guard lock(m_mutex);
        m_misbehaviour.add(Misbehaviour::node_key(peer), pts, reason, Connection::Clock::now());
    });
}

void HostImpl::ban(const NodeId& id, std::chrono::milliseconds duration, std::string reason) {
    boost::asio::post(m_io, [this, id, duration, reason = std::move(reason)] {
        {
            std::lock_guard lock(m_mutex);
            m_misbehaviour.ban(Misbehaviour::node_key(id), duration, reason,
                               Connection::Clock::now());
        }
        log("banned " + Misbehaviour::node_key(id) + ": " + reason);
        if (auto conn = find_peer(id)) {
            conn->close("banned");
        }
    });
}

std::vector<PeerInfo> HostImpl::peers() const {
    std::lock_guard lock(m_mutex);
    std::vector<PeerInfo> out;
    for (const auto& [id, conn] : m_peers) {
        out.push_back(info(*conn));
    }
    return out;
}

std::vector<BanInfo> HostImpl::bans() const {
    std::lock_guard lock(m_mutex);
    return m_misbehaviour.bans(Connection::Clock::now());
}

Result<void> HostImpl::add_peer(const std::string& address, bool persistent) {
    AZORA_ASSIGN(auto parsed, parse_peer_address(address));
    if (persistent && parsed.id) {
        std::lock_guard lock(m_mutex);
        m_persistent_ids.insert(*parsed.id);
        // It may already be connected, e.g. by its own dial before this call.
        if (auto it = m_peers.find(*parsed.id); it != m_peers.end()) {
            it->second->persistent = true;
        }
    }
    boost::asio::post(m_io, [this, parsed, persistent] { add_target(parsed, persistent); });
    return ok_result();
}

Result<void> HostImpl::remove_peer(const NodeId& id) {
    {
        std::lock_guard lock(m_mutex);
        const bool known = m_peers.count(id) > 0 || m_persistent_ids.erase(id) > 0;
        if (!known) {
            return Error::from(reasons::kUnknownPeer, node_id_hex(id));
        }
        m_persistent_ids.erase(id);
    }
    boost::asio::post(m_io, [this, id] {
        std::erase_if(m_persistent, [&](const auto& kv) { return kv.second.address.id == id; });
        if (auto conn = find_peer(id)) {
            conn->persistent = false;
            conn->close("removed");
        }
    });
    return ok_result();
}

}  // namespace azora::p2p
