#include "tests/p2p/harness.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <iostream>

#include "node/p2p/frame.hpp"
#include "node/p2p/tls.hpp"
#include "tests/support/poll.hpp"

namespace azora::p2p::test {

namespace asio = boost::asio;
using asio::ip::tcp;

PrivateKey test_key(uint8_t b) {
    Hash32 secret{};
    secret.fill(b);
    return PrivateKey::from_bytes(secret).value();
}

P2pOptions test_options(uint8_t key_byte) {
    P2pOptions o;
    o.chain_id = "azora-test";
    o.genesis_hash.fill(0x5a);
    o.node_key = test_key(key_byte);
    o.handshake_timeout = 2000ms;
    o.ping_interval = 200ms;
    o.ping_timeout = 3000ms;
    o.reconnect_min = 50ms;
    o.reconnect_max = 400ms;
    o.peer_exchange_interval = 200ms;
    o.ban_duration = 60000ms;
    return o;
}

void RecordingHandler::on_connected(const PeerInfo& peer) {
    std::lock_guard lock(m_mutex);
    m_connected.insert(peer.id);
}

void RecordingHandler::on_disconnected(const NodeId& peer) {
    std::lock_guard lock(m_mutex);
    m_connected.erase(peer);
    ++m_disconnects;
}

Result<void> RecordingHandler::on_message(const NodeId& peer, uint8_t type, ByteView payload) {
    std::lock_guard lock(m_mutex);
    m_messages.push_back({peer, type, Bytes(payload.begin(), payload.end())});
    if (m_refusal) {
        return *m_refusal;
    }
    return ok_result();
}

bool RecordingHandler::connected_to(const NodeId& id) const {
    std::lock_guard lock(m_mutex);
    return m_connected.count(id) > 0;
}

size_t RecordingHandler::disconnects() const {
    std::lock_guard lock(m_mutex);
    return m_disconnects;
}

std::vector<Bytes> RecordingHandler::messages(const NodeId& from, uint8_t type) const {
    std::lock_guard lock(m_mutex);
    std::vector<Bytes> out;
    for (const auto& m : m_messages) {
        if (m.from == from && m.type == type) {
            out.push_back(m.payload);
        }
    }
    return out;
}

void RecordingHandler::refuse_messages_with(Error error) {
    std::lock_guard lock(m_mutex);
    m_refusal = std::move(error);
}

TestNode::TestNode(P2pOptions options) {
    options.log = [this](const std::string& line) {
        std::lock_guard lock(m_log_mutex);
        m_log.push_back(line);
    };
    m_host = std::make_unique<Host>(std::move(options), m_handler);
}

TestNode::~TestNode() {
    m_host->stop();
    if (::testing::Test::HasFailure()) {
        dump_log();
    }
}

std::string TestNode::address() const {
    return node_id_hex(m_host->id()) + "@127.0.0.1:" + std::to_string(m_host->port());
}

bool TestNode::logged(const std::string& text) const {
    std::lock_guard lock(m_log_mutex);
    for (const auto& line : m_log) {
        if (line.find(text) != std::string::npos) {
            return true;
        }
    }
    return false;
}

bool TestNode::has_peer(const NodeId& id) const {
    for (const auto& p : m_host->peers()) {
        if (p.id == id) {
            return true;
        }
    }
    return false;
}

bool TestNode::banned(const std::string& target) const {
    for (const auto& b : m_host->bans()) {
        if (b.target == target) {
            return true;
        }
    }
    return false;
}

void TestNode::dump_log() const {
    std::lock_guard lock(m_log_mutex);
    for (const auto& line : m_log) {
        std::cerr << "  [" << node_id_hex(m_host->id()).substr(0, 8) << "] " << line << '\n';
    }
}

std::unique_ptr<TestNode> start_node(P2pOptions options) {
    auto node = std::make_unique<TestNode>(std::move(options));
    auto started = node->host().start();
    if (!started.ok()) {
        ADD_FAILURE() << "start: " << started.error().to_string();
    }
    return node;
}

bool eventually(const std::function<bool()>& ready, std::chrono::milliseconds timeout) {
    return azora::test::poll_until(ready, timeout);
}

namespace {

void connect_from(tcp::socket& socket, const std::string& source_ip, uint16_t port) {
    socket.open(tcp::v4());
    socket.bind(tcp::endpoint(asio::ip::make_address(source_ip), 0));
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    // Blocking reads give up after 100 ms so wait_closed can poll a deadline.
    timeval tv{0, 100'000};
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

bool is_timeout(const boost::system::error_code& ec) {
    return ec == asio::error::would_block || ec == asio::error::try_again ||
           ec == asio::error::timed_out;
}

template <typename ReadSome>
bool wait_closed_with(ReadSome&& read_some, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::array<uint8_t, 4096> buf{};
    while (std::chrono::steady_clock::now() < deadline) {
        boost::system::error_code ec;
        read_some(asio::buffer(buf), ec);
        if (ec && !is_timeout(ec)) {
            return true;
        }
    }
    return false;
}

}  // namespace

RawClient::RawClient(const std::string& source_ip, uint16_t port) {
    connect_from(m_socket, source_ip, port);
}

void RawClient::write(ByteView bytes) {
    boost::system::error_code ec;
    asio::write(m_socket, asio::buffer(bytes.data(), bytes.size()), ec);
}

bool RawClient::wait_closed(std::chrono::milliseconds timeout) {
    return wait_closed_with([this](auto buf, auto& ec) { return m_socket.read_some(buf, ec); },
                            timeout);
}

TlsClient::TlsClient(const std::string& source_ip, uint16_t port) {
    m_tls = make_tls_context().value();
    m_stream = std::make_unique<asio::ssl::stream<tcp::socket>>(m_io, *m_tls);
    connect_from(m_stream->next_layer(), source_ip, port);
    m_stream->handshake(asio::ssl::stream_base::client);
}

void TlsClient::write(ByteView bytes) {
    boost::system::error_code ec;
    asio::write(*m_stream, asio::buffer(bytes.data(), bytes.size()), ec);
}

void TlsClient::write_frame(uint8_t type, ByteView payload) {
    write(encode_frame(type, payload));
}

void TlsClient::send_hello(const P2pOptions& options) {
    Hello hello;
    hello.protocol_version = options.protocol_version;
    hello.chain_id = options.chain_id;
    hello.genesis_hash = options.genesis_hash;
    auto exporter = export_hello_keying_material(m_stream->native_handle()).value();
    sign_hello(hello, options.node_key, exporter);
    write_frame(msg::kHello, encode_hello(hello));
}

std::optional<std::pair<uint8_t, Bytes>> TlsClient::read_frame() {
    const auto deadline = std::chrono::steady_clock::now() + 3000ms;
    auto read_exact = [&](uint8_t* out, size_t n) {
        size_t got = 0;
        while (got < n && std::chrono::steady_clock::now() < deadline) {
            boost::system::error_code ec;
            got += m_stream->read_some(asio::buffer(out + got, n - got), ec);
            if (ec && !is_timeout(ec)) {
                return false;
            }
        }
        return got == n;
    };
    std::array<uint8_t, 4> prefix{};
    if (!read_exact(prefix.data(), 4)) {
        return std::nullopt;
    }
    auto length = decode_frame_length(prefix, 4u << 20);
    if (!length.ok()) {
        return std::nullopt;
    }
    Bytes body(*length);
    if (!read_exact(body.data(), body.size())) {
        return std::nullopt;
    }
    return std::make_pair(body[0], Bytes(body.begin() + 1, body.end()));
}

bool TlsClient::wait_closed(std::chrono::milliseconds timeout) {
    return wait_closed_with([this](auto buf, auto& ec) { return m_stream->read_some(buf, ec); },
                            timeout);
}

}  // namespace azora::p2p::test
