#include "node/p2p/host_impl.hpp"

#include <algorithm>
#include <iostream>

#include "core/reasons.hpp"
#include "node/p2p/tls.hpp"

namespace azora::p2p {

namespace asio = boost::asio;
using boost::system::error_code;
using std::chrono::milliseconds;

HostImpl::HostImpl(P2pOptions options, Handler& handler)
    : m_opt(std::move(options)),
      m_handler(handler),
      m_id(m_opt.node_key.public_key()),
      m_misbehaviour(m_opt.ban_score, m_opt.ban_duration) {}

HostImpl::~HostImpl() {
    stop();
    if (m_thread.joinable()) {
        m_thread.join();  // after a stop() from a Handler, which could not join
    }
}

Result<void> HostImpl::start() {
    if (m_started.load()) {
        return Error::from(reasons::kAlreadyStarted);
    }
    std::vector<PeerAddress> persistent;
    std::vector<PeerAddress> seeds;
    for (const auto& text : m_opt.persistent_peers) {
        AZORA_ASSIGN(auto a, parse_peer_address(text));
        persistent.push_back(std::move(a));
    }
    for (const auto& text : m_opt.seeds) {
        AZORA_ASSIGN(auto a, parse_peer_address(text));
        seeds.push_back(std::move(a));
    }
    AZORA_ASSIGN(m_tls, make_tls_context());

    error_code ec;
    auto address = asio::ip::make_address(m_opt.bind, ec);
    if (ec) {
        return Error::from(reasons::kP2pBind, "bad bind address '" + m_opt.bind + "'");
    }
    asio::ip::tcp::endpoint endpoint(address, m_opt.port);
    m_acceptor.open(endpoint.protocol(), ec);
    if (!ec) {
        m_acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    }
    if (!ec) {
        m_acceptor.bind(endpoint, ec);
    }
    if (!ec) {
        m_acceptor.listen(asio::socket_base::max_listen_connections, ec);
    }
    if (ec) {
        error_code ignored;
        m_acceptor.close(ignored);
        return Error::from(reasons::kP2pBind,
                           m_opt.bind + ":" + std::to_string(m_opt.port) + ": " + ec.message());
    }
    m_port = m_acceptor.local_endpoint(ec).port();

    for (const auto& a : persistent) {
        add_target(a, true);
        if (a.id) {
            std::lock_guard lock(m_mutex);
            m_persistent_ids.insert(*a.id);
        }
    }
    for (const auto& a : seeds) {
        add_target(a, false);
    }
    // The tick drives timeouts, keepalive, exchange and redials; a fraction of the shortest
    // interval keeps them accurate enough without spinning.
    auto shortest = std::min({m_opt.reconnect_min, m_opt.ping_interval, m_opt.ping_timeout,
                              m_opt.handshake_timeout, m_opt.peer_exchange_interval});
    m_tick_interval = std::clamp(shortest / 4, milliseconds(5), milliseconds(250));
    m_last_exchange = Clock::now();

    accept_next();
    asio::post(m_io, [this] { tick(); });
    m_started = true;
    m_thread = std::thread([this] { m_io.run(); });
    log("listening on " + m_opt.bind + ":" + std::to_string(port()) + " as " + node_id_hex(m_id));
    return ok_result();
}

void HostImpl::stop() {
    std::lock_guard stop_lock(m_stop_mutex);
    if (!m_started.load() || m_stopping.exchange(true)) {
        return;
    }
    if (std::this_thread::get_id() == m_thread.get_id()) {
        // Called from a Handler: the thread cannot join itself; the destructor's stop() will
        // find m_stopping set, so stop the loop here and let ~HostImpl join.
        m_io.stop();
        return;
    }
    asio::post(m_io, [this] {
        error_code ignored;
        m_acceptor.close(ignored);
        m_timer.cancel();
        m_accept_retry.cancel();
        std::vector<std::shared_ptr<Connection>> all;
        for (auto& [ptr, conn] : m_pending) {
            all.push_back(conn);
        }
        {
            std::lock_guard lock(m_mutex);
            for (auto& [id, conn] : m_peers) {
                all.push_back(conn);
            }
        }
        for (auto& conn : all) {
            conn->close("stopping");
        }
        m_io.stop();
    });
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void HostImpl::log(const std::string& line) const {
    if (m_opt.log) {
        m_opt.log(line);
    } else {
        std::cerr << "p2p: " << line << '\n';
    }
}

void HostImpl::accept_next() {
    m_acceptor.async_accept([this](const error_code& ec, asio::ip::tcp::socket socket) {
        if (m_stopping.load() || ec == asio::error::operation_aborted) {
            return;
        }
        if (ec) {
            // E.g. out of file descriptors: retrying at once would spin.
            log("accept failed: " + ec.message());
            m_accept_retry.expires_after(milliseconds(100));
            m_accept_retry.async_wait([this](const error_code& wait_ec) {
                if (!wait_ec && !m_stopping.load()) {
                    accept_next();
                }
            });
            return;
        }
        error_code remote_ec;
        const std::string ip = socket.remote_endpoint(remote_ec).address().to_string();
        if (count(false) >= m_opt.max_inbound || pending_from(ip) >= kMaxPendingPerIp) {
            const bool full = count(false) >= m_opt.max_inbound;
            log("refused inbound " + ip + (full ? ": inbound_limit" : ": too_many_pending"));
            error_code ignored;
            socket.close(ignored);
        } else {
            auto conn =
                std::make_shared<Connection>(std::move(socket), *m_tls, *this,
                                             m_opt.max_frame_bytes, m_opt.max_send_queue_bytes);
            m_pending.emplace(conn.get(), conn);
            conn->accept();
        }
        accept_next();
    });
}

void HostImpl::schedule_tick() {
    m_timer.expires_after(m_tick_interval);
    m_timer.async_wait([this](const error_code& ec) {
        if (!ec && !m_stopping.load()) {
            tick();
        }
    });
}

void HostImpl::tick() {
    const auto now = Clock::now();
    std::vector<std::shared_ptr<Connection>> pending;
    for (auto& [ptr, conn] : m_pending) {
        pending.push_back(conn);
    }
    for (auto& conn : pending) {
        if (now - conn->created() > m_opt.handshake_timeout) {
            conn->close("handshake_timeout");
        }
    }
    std::vector<std::shared_ptr<Connection>> peers;
    {
        std::lock_guard lock(m_mutex);
        for (auto& [id, conn] : m_peers) {
            peers.push_back(conn);
        }
    }
    const bool exchange = now - m_last_exchange >= m_opt.peer_exchange_interval;
    if (exchange) {
        m_last_exchange = now;
    }
    for (auto& conn : peers) {
        if (now - conn->last_receive() > m_opt.ping_timeout) {
            conn->close("ping_timeout");
            continue;
        }
        if (now - conn->last_ping >= m_opt.ping_interval) {
            conn->last_ping = now;
            send_to(*conn, msg::kPing, encode_ping(m_next_nonce++));
        }
        if (exchange && !conn->closed()) {
            conn->awaiting_peers = true;
            send_to(*conn, msg::kGetPeers, {});
        }
    }
    dial_due(now);
    schedule_tick();
}

void HostImpl::dial_due(Clock::time_point now) {
    // True if `id` needs no dial: a dial that must prove `id` is under way (a second one would
    // race it on the peer's side), or a connection to it is held that our dial would not
    // replace. Ours replaces one the peer dialled when our id is smaller (the duplicate rule in
    // on_hello), so a persistent peer is dialled back then: every pair of persistent peers ends
    // on the connection dialled by the smaller id, whichever dial completed first.
    auto covered = [this](const std::optional<NodeId>& id, bool persistent) {
        if (!id) {
            return false;
        }
        for (const auto& [ptr, conn] : m_pending) {
            if (conn->outbound() && conn->expected_id == id) {
                return true;
            }
        }
        std::lock_guard lock(m_mutex);
        auto it = m_peers.find(*id);
        if (it == m_peers.end()) {
            return false;
        }
        return !(persistent && !it->second->outbound() && m_id < *id);
    };
    for (auto& [key, target] : m_persistent) {
        if (!target.dialing && target.next_attempt <= now && !covered(target.address.id, true)) {
            dial(target);
        }
    }
    size_t outbound = count(true);
    for (auto& [key, target] : m_book.entries()) {
        if (outbound >= m_opt.max_outbound) {
            break;
        }
        const auto& id = target.address.id;
        if (target.dialing || target.next_attempt > now || covered(id, false) ||
            (id && *id == m_id) || m_persistent.count(key) > 0) {
            continue;
        }
        dial(target);
        ++outbound;
    }
}

void HostImpl::dial(DialTarget& target) {
    const auto now = Clock::now();
    if (target.address.id) {
        std::lock_guard lock(m_mutex);
        if (m_misbehaviour.is_banned(Misbehaviour::node_key(*target.address.id), now)) {
            target.next_attempt = now + m_opt.reconnect_max;
            return;
        }
    }
    target.dialing = true;
    auto conn = std::make_shared<Connection>(m_io, *m_tls, *this, m_opt.max_frame_bytes,
                                             m_opt.max_send_queue_bytes);
    conn->target_key = target.address.endpoint();
    conn->expected_id = target.address.id;
    conn->persistent = target.persistent;
    m_pending.emplace(conn.get(), conn);
    conn->dial(target.address);
}

void HostImpl::add_target(const PeerAddress& address, bool persistent) {
    if (!persistent) {
        m_book.add(address);
        return;
    }
    const std::string key = address.endpoint();
    auto it = m_persistent.find(key);
    if (it == m_persistent.end()) {
        m_persistent.emplace(key, DialTarget{address, true});
    } else if (address.id) {
        it->second.address.id = address.id;
    }
}

DialTarget* HostImpl::find_target(const std::string& key) {
    if (auto it = m_persistent.find(key); it != m_persistent.end()) {
        return &it->second;
    }
    return m_book.find(key);
}

size_t HostImpl::pending_from(const std::string& ip) const {
    size_t n = 0;
    for (auto& [ptr, conn] : m_pending) {
        n += !conn->outbound() && conn->remote_ip() == ip ? 1 : 0;
    }
    return n;
}

size_t HostImpl::count(bool outbound) const {
    size_t n = 0;
    for (auto& [ptr, conn] : m_pending) {
        n += conn->outbound() == outbound ? 1 : 0;
    }
    std::lock_guard lock(m_mutex);
    for (auto& [id, conn] : m_peers) {
        n += conn->outbound() == outbound ? 1 : 0;
    }
    return n;
}

bool HostImpl::on_tcp_connected(Connection& conn) {
    bool banned = false;
    {
        std::lock_guard lock(m_mutex);
        banned = m_misbehaviour.is_banned(Misbehaviour::ip_key(conn.remote_ip()), Clock::now());
    }
    if (banned) {
        log("refused " + conn.remote_address() + ": banned");
    }
    return !banned;
}

Bytes HostImpl::on_tls_ready(Connection& conn) {
    Hello hello;
    hello.protocol_version = m_opt.protocol_version;
    hello.chain_id = m_opt.chain_id;
    hello.genesis_hash = m_opt.genesis_hash;
    hello.listen_port = port();
    sign_hello(hello, m_opt.node_key, conn.exporter());
    return encode_hello(hello);
}

void HostImpl::on_closed(Connection& conn, const std::string& reason) {
    auto keep = conn.shared_from_this();  // the tables may hold the last reference
    const auto now = Clock::now();
    m_pending.erase(&conn);
    if (conn.outbound()) {
        if (DialTarget* target = find_target(conn.target_key)) {
            target->dialing = false;
            if (conn.established || conn.peer_id) {  // peer_id: refused as a duplicate
                target->failures = 0;
                target->next_attempt = now + m_opt.reconnect_min;
            } else {
                target->next_attempt =
                    now + backoff_delay(target->failures, m_opt.reconnect_min, m_opt.reconnect_max);
                target->failures =
                    target->failures == UINT32_MAX ? UINT32_MAX : target->failures + 1;
            }
        }
    }
    if (m_stopping.load()) {
        return;
    }
    if (!conn.established) {
        log(conn.outbound()
                ? "dial " + conn.target_key + " failed: " + reason
                : "inbound " + conn.remote_address() + " closed before hello: " + reason);
        return;
    }
    bool was_registered = false;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_peers.find(*conn.peer_id);
        if (it != m_peers.end() && it->second.get() == &conn) {
            m_peers.erase(it);
            was_registered = true;
        }
    }
    if (was_registered) {
        log("disconnected " + node_id_hex(*conn.peer_id) + " (" + conn.remote_address() +
            "): " + reason);
        m_handler.on_disconnected(*conn.peer_id);
    }
}

}  // namespace azora::p2p
