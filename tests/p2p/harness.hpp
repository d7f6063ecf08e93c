#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "node/p2p/host.hpp"
#include "node/p2p/messages.hpp"

namespace azora::p2p::test {

using namespace std::chrono_literals;

/// A deterministic node key from one byte.
PrivateKey test_key(uint8_t b);

/// Options for loopback tests: chain "azora-test", short timers.
P2pOptions test_options(uint8_t key_byte);

/// Records what a Host tells its Handler; can be told to refuse messages.
class RecordingHandler : public Handler {
public:
    void on_connected(const PeerInfo& peer) override;
    void on_disconnected(const NodeId& peer) override;
    Result<void> on_message(const NodeId& peer, uint8_t type, ByteView payload) override;

    bool connected_to(const NodeId& id) const;
    size_t disconnects() const;
    /// Messages received from `from` with `type`.
    std::vector<Bytes> messages(const NodeId& from, uint8_t type) const;
    void refuse_messages_with(Error error);

private:
    struct Message {
        NodeId from;
        uint8_t type;
        Bytes payload;
    };
    mutable std::mutex m_mutex;
    std::set<NodeId> m_connected;
    size_t m_disconnects = 0;
    std::vector<Message> m_messages;
    std::optional<Error> m_refusal;
};

/// A started Host with its handler and captured log lines.
class TestNode {
public:
    explicit TestNode(P2pOptions options);
    ~TestNode();

    Host& host() { return *m_host; }
    RecordingHandler& handler() { return m_handler; }
    const NodeId& id() const { return m_host->id(); }
    /// "NODEID@127.0.0.1:port".
    std::string address() const;
    /// True once a log line contains `text`.
    bool logged(const std::string& text) const;
    bool has_peer(const NodeId& id) const;
    bool banned(const std::string& target) const;
    void dump_log() const;

private:
    mutable std::mutex m_log_mutex;
    std::vector<std::string> m_log;
    RecordingHandler m_handler;
    std::unique_ptr<Host> m_host;
};

/// Starts a node; fails the test (via ADD_FAILURE) if start() fails.
std::unique_ptr<TestNode> start_node(P2pOptions options);

/// Waits up to `timeout` for `ready`.
bool eventually(const std::function<bool()>& ready, std::chrono::milliseconds timeout = 5000ms);

/// A hostile client on plain TCP from a loopback source address (e.g. "127.0.0.7"), so IP bans
/// do not hit the honest test nodes on 127.0.0.1.
class RawClient {
public:
    RawClient(const std::string& source_ip, uint16_t port);
    void write(ByteView bytes);
    /// Reads and discards until the server closes (true) or `timeout` passes in silence (false).
    bool wait_closed(std::chrono::milliseconds timeout = 3000ms);

private:
    boost::asio::io_context m_io;
    boost::asio::ip::tcp::socket m_socket{m_io};
};

/// A hostile client that completes TLS 1.3 and then sends whatever the test wants.
class TlsClient {
public:
    TlsClient(const std::string& source_ip, uint16_t port);
    void write(ByteView bytes);
    void write_frame(uint8_t type, ByteView payload);
    /// Sends a correctly signed hello for this session.
    void send_hello(const P2pOptions& options);
    /// Reads one frame (nullopt on close or timeout).
    std::optional<std::pair<uint8_t, Bytes>> read_frame();
    bool wait_closed(std::chrono::milliseconds timeout = 3000ms);

private:
    boost::asio::io_context m_io;
    std::unique_ptr<boost::asio::ssl::context> m_tls;
    std::unique_ptr<boost::asio::ssl::stream<boost::asio::ip::tcp::socket>> m_stream;
};

}  // namespace azora::p2p::test
