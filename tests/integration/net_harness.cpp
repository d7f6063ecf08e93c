#include "tests/integration/net_harness.hpp"

#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

#include "node/p2p/tls.hpp"
#include "tests/support/poll.hpp"

namespace azora::test {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using nlohmann::json;

void connect_from(tcp::socket& socket, const std::string& source_ip, uint16_t port) {
    socket.open(tcp::v4());
    socket.bind(tcp::endpoint(asio::ip::make_address(source_ip), 0));
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    // Blocking reads give up after 100 ms so wait_closed can poll its deadline.
    timeval tv{0, 100'000};
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

bool is_timeout(const boost::system::error_code& ec) {
    return ec == asio::error::would_block || ec == asio::error::try_again ||
           ec == asio::error::timed_out;
}

template <typename ReadSome>
bool wait_closed_with(ReadSome&& read_some, std::chrono::milliseconds timeout) {
    std::array<uint8_t, 4096> buf{};
    return poll_until(
        [&] {
            boost::system::error_code ec;
            read_some(asio::buffer(buf), ec);
            return ec && !is_timeout(ec);
        },
        timeout, std::chrono::milliseconds(0));
}

std::string heights_of(LocalNet& net, const std::vector<size_t>& nodes) {
    std::ostringstream out;
    for (size_t k : nodes) {
        const auto h = net.height(k);
        out << " node" << k << "=" << (h ? std::to_string(*h) : "?");
    }
    return out.str();
}

}  // namespace

LocalNetOptions net_options(size_t validators, size_t followers) {
    LocalNetOptions o;
    o.azorad = AZORA_AZORAD;
    o.validators = validators;
    o.followers = followers;
    return o;
}

::testing::AssertionResult generate_fast(LocalNet& net, const FastTimeouts& t) {
    if (auto generated = net.generate(); !generated) {
        return generated;
    }
    for (size_t k = 0; k < net.size(); ++k) {
        const auto path = net.node(k).datadir / "config.json";
        json config = json::parse(read_text_file(path), nullptr, false);
        if (!config.is_object()) {
            return ::testing::AssertionFailure() << path << " is not a JSON object";
        }
        config["timeout_propose_ms"] = t.propose_ms;
        config["timeout_propose_delta_ms"] = t.propose_delta_ms;
        config["timeout_prevote_ms"] = t.prevote_ms;
        config["timeout_prevote_delta_ms"] = t.prevote_delta_ms;
        config["timeout_precommit_ms"] = t.precommit_ms;
        config["timeout_precommit_delta_ms"] = t.precommit_delta_ms;
        config["block_time_ms"] = t.block_time_ms;
        std::ofstream(path) << config.dump(2) << "\n";
    }
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult start_nodes(LocalNet& net, const std::vector<size_t>& nodes) {
    for (size_t k : nodes) {
        if (auto started = net.start(k); !started) {
            return started;
        }
    }
    return ::testing::AssertionSuccess();
}

std::optional<uint64_t> min_height(LocalNet& net, const std::vector<size_t>& nodes) {
    std::optional<uint64_t> low;
    for (size_t k : nodes) {
        const auto h = net.height(k);
        if (!h) {
            return std::nullopt;
        }
        low = low ? std::min(*low, *h) : *h;
    }
    return low;
}

uint64_t max_height(LocalNet& net, const std::vector<size_t>& nodes) {
    uint64_t high = 0;
    for (size_t k : nodes) {
        high = std::max(high, net.height(k).value_or(0));
    }
    return high;
}

::testing::AssertionResult wait_all_height(LocalNet& net,
                                           const std::vector<size_t>& nodes,
                                           uint64_t h,
                                           std::chrono::milliseconds timeout) {
    if (poll_until(
            [&] {
                const auto low = min_height(net, nodes);
                return low && *low >= h;
            },
            timeout, std::chrono::milliseconds(50))) {
        return ::testing::AssertionSuccess();
    }
    size_t slowest = nodes.front();
    for (size_t k : nodes) {
        if (net.height(k).value_or(0) < net.height(slowest).value_or(0)) {
            slowest = k;
        }
    }
    return ::testing::AssertionFailure()
           << "not all at height " << h << " within " << timeout.count()
           << " ms:" << heights_of(net, nodes) << "\nnode" << slowest << " log:\n"
           << net.log_tail(slowest);
}

Result<json> header_at(LocalNet& net, size_t k, uint64_t height) {
    return net.call(k, "chain_getHeader", json::array({height}));
}

::testing::AssertionResult same_chain(LocalNet& net, const std::vector<size_t>& nodes, uint64_t h) {
    for (uint64_t height = 1; height <= h; ++height) {
        std::optional<json> first;
        for (size_t k : nodes) {
            auto header = header_at(net, k, height);
            if (!header) {
                return ::testing::AssertionFailure()
                       << "node" << k << " header " << height << ": " << header.error().to_string();
            }
            if (!first) {
                first = *header;
            } else if (header->at("hash") != first->at("hash") ||
                       header->at("state_root") != first->at("state_root")) {
                return ::testing::AssertionFailure()
                       << "height " << height << ": node" << nodes.front() << " has "
                       << first->dump() << "\nnode" << k << " has " << header->dump();
            }
        }
    }
    return ::testing::AssertionSuccess();
}

Result<uint64_t> wait_tx_committed(LocalNet& net,
                                   size_t k,
                                   const std::string& hash,
                                   std::chrono::milliseconds timeout) {
    Result<json> last = Error::retry("timeout", "no answer from tx_get");
    poll_until(
        [&] {
            last = net.call(k, "tx_get", json::array({hash}));
            return last.ok() && last->at("status") == "committed";
        },
        timeout, std::chrono::milliseconds(50));
    if (!last) {
        return last.error();
    }
    if (last->at("status") != "committed") {
        return Error::rejected("not_committed",
                               "node" + std::to_string(k) + ": tx " + hash + " is " + last->dump());
    }
    return last->at("height").get<uint64_t>();
}

Result<json> evidence_records(LocalNet& net, size_t k) {
    json all = json::array();
    json cursor = nullptr;
    // A page holds up to 1000 records; a test network has far fewer than 100 pages.
    for (int page = 0; page < 100; ++page) {
        json params = json::array({cursor, 1000});
        AZORA_ASSIGN(json result, net.call(k, "consensus_evidence", params));
        for (const auto& record : result.at("evidence")) {
            all.push_back(record);
        }
        cursor = result.at("next_cursor");
        if (cursor.is_null()) {
            return all;
        }
    }
    return Error::internal("too_many_pages", "consensus_evidence did not end after 100 pages");
}

Result<json> block_evidence(LocalNet& net, size_t k, uint64_t up_to) {
    json all = json::array();
    for (uint64_t height = 1; height <= up_to; ++height) {
        AZORA_ASSIGN(json block, net.call(k, "chain_getBlock", json::array({height})));
        for (auto item : block.at("evidence")) {
            item["included_height"] = height;
            all.push_back(std::move(item));
        }
    }
    return all;
}

bool logged_line(const LocalNet& net, size_t k, const std::vector<std::string>& parts) {
    // Enough of a node's output to hold every line of a short test run.
    std::istringstream log(net.log_tail(k, 1u << 22));
    for (std::string line; std::getline(log, line);) {
        if (std::all_of(parts.begin(), parts.end(), [&](const std::string& part) {
                return line.find(part) != std::string::npos;
            })) {
            return true;
        }
    }
    return false;
}

Result<HostPort> parse_host_port(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos) {
        return Error::malformed("bad_address", text);
    }
    HostPort out;
    out.host = text.substr(0, colon);
    try {
        const unsigned long port = std::stoul(text.substr(colon + 1));
        if (port == 0 || port > 65535) {
            return Error::malformed("bad_address", text);
        }
        out.port = static_cast<uint16_t>(port);
    } catch (const std::exception&) {
        return Error::malformed("bad_address", text);
    }
    return out;
}

RawTcp::RawTcp(const std::string& source_ip, uint16_t port) {
    connect_from(m_socket, source_ip, port);
}

void RawTcp::write(ByteView bytes) {
    boost::system::error_code ec;
    asio::write(m_socket, asio::buffer(bytes.data(), bytes.size()), ec);
}

bool RawTcp::wait_closed(std::chrono::milliseconds timeout) {
    return wait_closed_with([this](auto buf, auto& ec) { return m_socket.read_some(buf, ec); },
                            timeout);
}

RawTls::RawTls(const std::string& source_ip, uint16_t port) {
    m_tls = p2p::make_tls_context().value();
    m_stream = std::make_unique<asio::ssl::stream<tcp::socket>>(m_io, *m_tls);
    connect_from(m_stream->next_layer(), source_ip, port);
    m_stream->handshake(asio::ssl::stream_base::client);
}

void RawTls::write(ByteView bytes) {
    boost::system::error_code ec;
    asio::write(*m_stream, asio::buffer(bytes.data(), bytes.size()), ec);
}

bool RawTls::wait_closed(std::chrono::milliseconds timeout) {
    return wait_closed_with([this](auto buf, auto& ec) { return m_stream->read_some(buf, ec); },
                            timeout);
}

void PeerRecorder::on_connected(const p2p::PeerInfo& peer) {
    std::lock_guard lock(m_mutex);
    m_connected.insert(peer.id);
    ++m_connects;
}

void PeerRecorder::on_disconnected(const p2p::NodeId& peer) {
    std::lock_guard lock(m_mutex);
    m_connected.erase(peer);
}

Result<void> PeerRecorder::on_message(const p2p::NodeId&, uint8_t type, ByteView payload) {
    if (type == static_cast<uint8_t>(node::MsgType::vote)) {
        AZORA_ASSIGN(node::VoteMsg vote, node::VoteMsg::decode(payload));
        std::lock_guard lock(m_mutex);
        if (!m_vote || vote.height > m_vote->first ||
            (vote.height == m_vote->first && vote.round >= m_vote->second)) {
            m_vote = std::pair{vote.height, vote.round};
        }
    } else if (type == static_cast<uint8_t>(node::MsgType::status)) {
        AZORA_ASSIGN(node::StatusMsg status, node::StatusMsg::decode(payload));
        std::lock_guard lock(m_mutex);
        m_status_height = std::max(m_status_height, status.height);
    }
    return {};
}

bool PeerRecorder::connected() const {
    std::lock_guard lock(m_mutex);
    return !m_connected.empty();
}

size_t PeerRecorder::connects() const {
    std::lock_guard lock(m_mutex);
    return m_connects;
}

std::optional<std::pair<uint64_t, uint32_t>> PeerRecorder::latest_vote() const {
    std::lock_guard lock(m_mutex);
    return m_vote;
}

uint64_t PeerRecorder::status_height() const {
    std::lock_guard lock(m_mutex);
    return m_status_height;
}

Result<p2p::P2pOptions> peer_options(LocalNet& net, size_t k, PrivateKey node_key) {
    AZORA_ASSIGN(json info, net.call(k, "node_info"));
    auto genesis_hash = fixed_from_hex<32>(info.at("genesis_hash").get<std::string>());
    if (!genesis_hash) {
        return Error::malformed("bad_response", "genesis_hash is not 32 bytes of hex");
    }
    p2p::P2pOptions o;
    o.chain_id = info.at("chain_id").get<std::string>();
    o.genesis_hash = *genesis_hash;
    o.node_key = std::move(node_key);
    o.bind = "127.0.0.1";
    o.port = 0;
    o.log = [](const std::string&) {};
    return o;
}

}  // namespace azora::test
