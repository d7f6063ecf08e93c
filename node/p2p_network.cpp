#include "node/p2p_network.hpp"

#include <chrono>

namespace azora::node {

P2pNetwork::P2pNetwork(p2p::P2pOptions options) : m_host(std::move(options), *this) {}

P2pNetwork::~P2pNetwork() {
    m_host.stop();
}

void P2pNetwork::send(const PeerId& peer, MsgType type, Bytes payload) {
    m_host.send(peer, static_cast<uint8_t>(type), std::move(payload));
}

void P2pNetwork::broadcast(MsgType type, Bytes payload, const std::optional<PeerId>& except) {
    m_host.broadcast(static_cast<uint8_t>(type), std::move(payload), except);
}

void P2pNetwork::report(const PeerId& peer, uint32_t points, std::string reason) {
    m_host.report(peer, points, std::move(reason));
}

std::vector<PeerSummary> P2pNetwork::peers() const {
    const auto now = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                               std::chrono::steady_clock::now().time_since_epoch())
                                               .count());
    std::vector<PeerSummary> out;
    for (const auto& p : m_host.peers()) {
        out.push_back(PeerSummary{p.id, p.remote_address, p.listen_port, p.outbound, p.persistent,
                                  p.score, now > p.connected_ms ? now - p.connected_ms : 0,
                                  p.bytes_in, p.bytes_out});
    }
    return out;
}

Result<void> P2pNetwork::add_peer(const std::string& address, bool persistent) {
    return m_host.add_peer(address, persistent);
}

Result<void> P2pNetwork::remove_peer(const PeerId& id) {
    return m_host.remove_peer(id);
}

void P2pNetwork::ban_peer(const PeerId& id,
                          std::chrono::milliseconds duration,
                          std::string reason) {
    m_host.ban(id, duration, std::move(reason));
}

void P2pNetwork::on_connected(const p2p::PeerInfo& peer) {
    if (m_driver != nullptr) {
        m_driver->on_peer_connected(peer.id);
    }
}

void P2pNetwork::on_disconnected(const p2p::NodeId& peer) {
    if (m_driver != nullptr) {
        m_driver->on_peer_disconnected(peer);
    }
}

Result<void> P2pNetwork::on_message(const p2p::NodeId& peer, uint8_t type, ByteView payload) {
    const auto msg_type = static_cast<MsgType>(type);
    if (msg_type == MsgType::txs) {
        return m_tx_relay != nullptr ? m_tx_relay->on_message(peer, payload) : Result<void>{};
    }
    if (m_driver == nullptr) {
        return {};
    }
    return m_driver->on_message(peer, msg_type, payload);
}

}  // namespace azora::node
