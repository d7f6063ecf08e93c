#pragma once

#include <atomic>
#include <memory>

#include "node/consensus_driver.hpp"
#include "node/network_control.hpp"
#include "node/p2p/host.hpp"
#include "node/peer_network.hpp"
#include "node/tx_relay.hpp"

namespace azora::node {

/// The node's side of the P2P host: carries the driver's and the transaction relay's messages
/// over it, hands what peers send to them (transactions to the relay, the rest to the driver),
/// and exposes peers and bans to RPC.
class P2pNetwork final : public PeerNetwork, public NetworkControl, private p2p::Handler {
public:
    explicit P2pNetwork(p2p::P2pOptions options);
    ~P2pNetwork() override;

    /// Where peers' messages go; set before start().
    void attach(ConsensusDriver& driver, TxRelay& tx_relay) {
        m_driver = &driver;
        m_tx_relay = &tx_relay;
    }
    Result<void> start() { return m_host.start(); }
    void stop() { m_host.stop(); }
    uint16_t port() const { return m_host.port(); }
    const PeerId& id() const { return m_host.id(); }

    // PeerNetwork
    void send(const PeerId& peer, MsgType type, Bytes payload) override;
    void broadcast(MsgType type, Bytes payload, const std::optional<PeerId>& except) override;
    void report(const PeerId& peer, uint32_t points, std::string reason) override;

    // NetworkControl
    std::vector<PeerSummary> peers() const override;
    Result<void> add_peer(const std::string& address, bool persistent) override;
    Result<void> remove_peer(const PeerId& id) override;
    void ban_peer(const PeerId& id,
                  std::chrono::milliseconds duration,
                  std::string reason) override;

private:
    void on_connected(const p2p::PeerInfo& peer) override;
    void on_disconnected(const p2p::NodeId& peer) override;
    Result<void> on_message(const p2p::NodeId& peer, uint8_t type, ByteView payload) override;

    ConsensusDriver* m_driver = nullptr;
    TxRelay* m_tx_relay = nullptr;
    p2p::Host m_host;
};

}  // namespace azora::node
