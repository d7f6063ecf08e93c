#pragma once

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "node/messages.hpp"
#include "node/p2p/host.hpp"
#include "tests/support/local_net.hpp"

/// Helpers for the multi-validator network tests (network_test.cpp): a LocalNet with short
/// consensus timeouts, waits and comparisons over several nodes, evidence reads, and hostile or
/// Byzantine P2P clients run in the test process.
namespace azora::test {

/// Consensus timers of the network tests: a round takes about a second when a proposer is
/// missing and a block about 100 ms when all are up.
struct FastTimeouts {
    uint64_t propose_ms = 500, propose_delta_ms = 100;
    uint64_t prevote_ms = 200, prevote_delta_ms = 100;
    uint64_t precommit_ms = 200, precommit_delta_ms = 100;
    uint64_t block_time_ms = 100;
};

/// LocalNetOptions for the azorad built with these tests.
LocalNetOptions net_options(size_t validators, size_t followers = 0);

/// generate() and then writes `t` into every DIR/nodeK/config.json.
::testing::AssertionResult generate_fast(LocalNet& net, const FastTimeouts& t = {});

/// Starts the listed nodes in order.
::testing::AssertionResult start_nodes(LocalNet& net, const std::vector<size_t>& nodes);

/// Lowest head height among `nodes`; nullopt if one does not answer.
std::optional<uint64_t> min_height(LocalNet& net, const std::vector<size_t>& nodes);
/// Highest head height among `nodes` that answer (0 if none).
uint64_t max_height(LocalNet& net, const std::vector<size_t>& nodes);

/// Polls until every node in `nodes` has a head height of at least `h`; the failure lists the
/// heights reached and the log tail of the slowest node.
::testing::AssertionResult wait_all_height(LocalNet& net,
                                           const std::vector<size_t>& nodes,
                                           uint64_t h,
                                           std::chrono::milliseconds timeout = kStartTimeout);

/// chain_getHeader of node k at `height`.
Result<nlohmann::json> header_at(LocalNet& net, size_t k, uint64_t height);

/// Every node in `nodes` holds the same header hash and state root at each height 1..h.
::testing::AssertionResult same_chain(LocalNet& net, const std::vector<size_t>& nodes, uint64_t h);

/// Polls tx_get on node k until the transaction is committed; its height.
Result<uint64_t> wait_tx_committed(LocalNet& net,
                                   size_t k,
                                   const std::string& hash,
                                   std::chrono::milliseconds timeout = kStartTimeout);

/// Every record of RPC consensus_evidence on node k, following next_cursor.
Result<nlohmann::json> evidence_records(LocalNet& net, size_t k);
/// The "evidence" items of node k's blocks 1..up_to (chain_getBlock), each with "height" of its
/// block added as "included_height".
Result<nlohmann::json> block_evidence(LocalNet& net, size_t k, uint64_t up_to);

/// True if one line of node k's output (stdout or stderr of its latest run) contains every
/// string in `parts`.
bool logged_line(const LocalNet& net, size_t k, const std::vector<std::string>& parts);

/// "host" and port of a "host:port" P2P address from nodes.json.
struct HostPort {
    std::string host;
    uint16_t port = 0;
};
Result<HostPort> parse_host_port(const std::string& text);

/// A hostile client on plain TCP, bound to a loopback source address (e.g. "127.0.0.21") so an
/// IP ban does not hit the honest nodes on 127.0.0.1. Reads time out after 100 ms.
class RawTcp {
public:
    RawTcp(const std::string& source_ip, uint16_t port);
    void write(ByteView bytes);
    /// Reads and discards until the server closes (true) or `timeout` passes (false).
    bool wait_closed(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

private:
    boost::asio::io_context m_io;
    boost::asio::ip::tcp::socket m_socket{m_io};
};

/// As RawTcp, after a completed TLS 1.3 handshake (the node's transport); sends no hello.
class RawTls {
public:
    RawTls(const std::string& source_ip, uint16_t port);
    void write(ByteView bytes);
    bool wait_closed(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

private:
    boost::asio::io_context m_io;
    std::unique_ptr<boost::asio::ssl::context> m_tls;
    std::unique_ptr<boost::asio::ssl::stream<boost::asio::ip::tcp::socket>> m_stream;
};

/// A p2p::Handler for a peer played by the test: records connections, the highest status
/// and the (height, round) of the latest vote received, and answers nothing.
class PeerRecorder : public p2p::Handler {
public:
    void on_connected(const p2p::PeerInfo& peer) override;
    void on_disconnected(const p2p::NodeId& peer) override;
    Result<void> on_message(const p2p::NodeId& peer, uint8_t type, ByteView payload) override;

    bool connected() const;
    size_t connects() const;
    /// Height and round of the most recent vote of the highest height seen.
    std::optional<std::pair<uint64_t, uint32_t>> latest_vote() const;
    uint64_t status_height() const;

private:
    mutable std::mutex m_mutex;
    std::set<p2p::NodeId> m_connected;
    size_t m_connects = 0;
    std::optional<std::pair<uint64_t, uint32_t>> m_vote;
    uint64_t m_status_height = 0;
};

/// P2P options of a peer of `net`'s chain (chain id and genesis hash from node k's node_info)
/// with the given node key, listening on 127.0.0.1 port 0.
Result<p2p::P2pOptions> peer_options(LocalNet& net, size_t k, PrivateKey node_key);

}  // namespace azora::test
