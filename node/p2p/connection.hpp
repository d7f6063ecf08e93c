#pragma once

#include <array>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "node/p2p/frame.hpp"
#include "node/p2p/peer_address.hpp"
#include "node/p2p/peer_types.hpp"

namespace azora::p2p {

class Connection;

/// What a Connection reports to its host; all calls happen on the io_context's thread.
class ConnectionEvents {
public:
    virtual ~ConnectionEvents() = default;
    /// TCP is up (remote_ip is known): return false to refuse (e.g. a banned IP).
    virtual bool on_tcp_connected(Connection& conn) = 0;
    /// The TLS handshake completed: return the hello frame to send first.
    virtual Bytes on_tls_ready(Connection& conn) = 0;
    /// A whole frame arrived (its length was within the limit).
    virtual void on_frame(Connection& conn, uint8_t type, ByteView payload) = 0;
    /// A protocol violation before any body was read (bad length prefix, TLS alert on garbage).
    virtual void on_violation(Connection& conn, const Error& error) = 0;
    /// Called once, when the connection closes for any reason.
    virtual void on_closed(Connection& conn, const std::string& reason) = 0;
};

/// One TLS session carrying frames: connect (outbound) or accept (inbound), the TLS handshake,
/// a read loop of length-checked frames and a bounded write queue. Protocol decisions are the
/// host's. Lives in shared_ptrs held by pending async operations and the host's tables.
class Connection : public std::enable_shared_from_this<Connection> {
public:
    using Clock = std::chrono::steady_clock;
    using Stream = boost::asio::ssl::stream<boost::asio::ip::tcp::socket>;

    /// Outbound: `dial` runs resolve + connect + TLS client handshake.
    Connection(boost::asio::io_context& io,
               boost::asio::ssl::context& tls,
               ConnectionEvents& events,
               uint32_t max_frame_bytes,
               size_t max_send_queue_bytes);
    /// Inbound, on an accepted socket: `accept` runs the TLS server handshake.
    Connection(boost::asio::ip::tcp::socket socket,
               boost::asio::ssl::context& tls,
               ConnectionEvents& events,
               uint32_t max_frame_bytes,
               size_t max_send_queue_bytes);

    void dial(const PeerAddress& address);
    void accept();
    /// Queues a frame; false (and nothing queued) if the queue would pass its byte limit.
    bool send(uint8_t type, ByteView payload);
    /// Idempotent; reports on_closed(reason) the first time.
    void close(const std::string& reason);

    bool closed() const { return m_closed; }
    bool outbound() const { return m_outbound; }
    const std::string& remote_ip() const { return m_remote_ip; }
    const std::string& remote_address() const { return m_remote_address; }
    const Hash32& exporter() const { return m_exporter; }
    Clock::time_point created() const { return m_created; }
    Clock::time_point last_receive() const { return m_last_receive; }
    uint64_t bytes_in() const { return m_bytes_in.load(); }
    uint64_t bytes_out() const { return m_bytes_out.load(); }

    // Host-owned session state (io thread only, except where atomic).
    std::optional<NodeId> peer_id;  ///< set once the hello is accepted
    bool established = false;
    uint16_t listen_port = 0;
    std::string target_key;  ///< dial target endpoint for outbound connections
    std::optional<NodeId> expected_id;
    std::atomic<bool> persistent{false};
    uint64_t connected_ms = 0;
    Clock::time_point last_ping{};
    bool awaiting_peers = false;

private:
    void disable_nagle();
    void start_tls(boost::asio::ssl::stream_base::handshake_type role);
    void read_length();
    void read_body(uint32_t length);
    void write_next();
    void fail(const boost::system::error_code& ec, const char* stage);

    Stream m_stream;
    boost::asio::ip::tcp::resolver m_resolver;
    ConnectionEvents& m_events;
    uint32_t m_max_frame_bytes;
    size_t m_max_send_queue_bytes;
    bool m_outbound;
    bool m_closed = false;
    bool m_writing = false;
    std::string m_remote_ip;
    std::string m_remote_address;
    Hash32 m_exporter{};
    Clock::time_point m_created = Clock::now();
    Clock::time_point m_last_receive = Clock::now();
    std::array<uint8_t, kFrameLengthBytes> m_length_buf{};
    Bytes m_body;
    std::deque<Bytes> m_queue;
    size_t m_queued_bytes = 0;
    std::atomic<uint64_t> m_bytes_in{0};
    std::atomic<uint64_t> m_bytes_out{0};
};

}  // namespace azora::p2p
