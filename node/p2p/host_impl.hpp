#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "node/p2p/address_book.hpp"
#include "node/p2p/connection.hpp"
#include "node/p2p/messages.hpp"
#include "node/p2p/misbehaviour.hpp"
#include "node/p2p/p2p_options.hpp"

namespace azora::p2p {

/// Points added per transport violation (docs/p2p.md, "Misbehaviour").
namespace points {
inline constexpr uint32_t kProtocolViolation =
    100;  ///< bad TLS, bad frame, bad hello, unknown type
inline constexpr uint32_t kHandlerMalformed = 20;
inline constexpr uint32_t kHandlerRejected = 10;
}  // namespace points

/// Inbound connections one IP may have in the handshake at once, so a single address cannot
/// hold every inbound slot with connections that never say hello.
inline constexpr size_t kMaxPendingPerIp = 8;
/// Established inbound peers from one IP address, persistent peers not counted.
inline constexpr size_t kMaxInboundPerIp = 8;

/// Everything behind Host. All members without a lock note are touched only on the io thread.
class HostImpl final : public ConnectionEvents {
public:
    using Clock = std::chrono::steady_clock;

    HostImpl(P2pOptions options, Handler& handler);
    ~HostImpl() override;

    Result<void> start();
    void stop();
    uint16_t port() const { return m_port.load(); }
    const NodeId& id() const { return m_id; }

    void send(const NodeId& peer, uint8_t type, Bytes payload);
    void broadcast(uint8_t type, Bytes payload, const std::optional<NodeId>& except);
    void report(const NodeId& peer, uint32_t points, std::string reason);
    std::vector<PeerInfo> peers() const;
    std::vector<BanInfo> bans() const;
    Result<void> add_peer(const std::string& address, bool persistent);
    Result<void> remove_peer(const NodeId& id);
    void ban(const NodeId& id, std::chrono::milliseconds duration, std::string reason);

    // ConnectionEvents
    bool on_tcp_connected(Connection& conn) override;
    Bytes on_tls_ready(Connection& conn) override;
    void on_frame(Connection& conn, uint8_t type, ByteView payload) override;
    void on_violation(Connection& conn, const Error& error) override;
    void on_closed(Connection& conn, const std::string& reason) override;

private:
    // host_impl.cpp: lifecycle, accepting, dialling, timers.
    void accept_next();
    void schedule_tick();
    void tick();
    void dial_due(Clock::time_point now);
    void dial(DialTarget& target);
    void add_target(const PeerAddress& address, bool persistent);
    DialTarget* find_target(const std::string& key);
    size_t count(bool outbound) const;
    /// Inbound connections from `ip` that have not completed a hello.
    size_t pending_from(const std::string& ip) const;
    size_t established_inbound_from(const std::string& ip) const;
    /// Whether `id` is a persistent peer (configured or added with admin_addPeer).
    bool kept_for(const NodeId& id) const;
    void log(const std::string& line) const;

    // host_session.cpp: hello, transport messages, misbehaviour.
    void on_hello(Connection& conn, uint8_t type, ByteView payload);
    /// Logs and closes a connection whose hello failed; points go to `id` if known, else the IP.
    void refuse(Connection& conn,
                const std::string& reason,
                uint32_t points,
                const std::optional<NodeId>& id = std::nullopt);
    void register_peer(Connection& conn, const Hello& hello);
    void on_peers(Connection& conn, ByteView payload);
    std::vector<PeerAddress> known_addresses(const NodeId& requester) const;
    /// Adds points to the connection's key (node id after the hello, else its IP); closes it if
    /// `disconnect` or if this bans it. Returns true if it was banned.
    bool penalise(Connection& conn, uint32_t points, const std::string& reason, bool disconnect);
    void penalise_node(const NodeId& id, uint32_t points, const std::string& reason);
    std::shared_ptr<Connection> find_peer(const NodeId& id) const;
    void send_to(Connection& conn, uint8_t type, ByteView payload);
    PeerInfo info(const Connection& conn) const;  // caller holds m_mutex

    P2pOptions m_opt;
    Handler& m_handler;
    NodeId m_id;
    std::unique_ptr<boost::asio::ssl::context> m_tls;
    boost::asio::io_context m_io;
    boost::asio::ip::tcp::acceptor m_acceptor{m_io};
    boost::asio::steady_timer m_timer{m_io};
    boost::asio::steady_timer m_accept_retry{m_io};
    std::chrono::milliseconds m_tick_interval{100};
    std::thread m_thread;
    std::atomic<uint16_t> m_port{0};
    std::atomic<bool> m_started{false};
    std::atomic<bool> m_stopping{false};
    std::mutex m_stop_mutex;  // serialises stop()

    std::map<Connection*, std::shared_ptr<Connection>> m_pending;  ///< before a valid hello
    std::map<std::string, DialTarget> m_persistent;                ///< by endpoint
    AddressBook m_book;
    Clock::time_point m_last_exchange{};
    uint64_t m_next_nonce = 1;

    mutable std::mutex m_mutex;
    std::map<NodeId, std::shared_ptr<Connection>> m_peers;  // guarded by m_mutex
    std::set<NodeId> m_persistent_ids;                      // guarded by m_mutex
    Misbehaviour m_misbehaviour;                            // guarded by m_mutex
};

}  // namespace azora::p2p
