#pragma once

#include <functional>
#include <memory>

#include "node/chain.hpp"
#include "node/clock.hpp"
#include "node/consensus_driver.hpp"
#include "node/mempool.hpp"
#include "node/options.hpp"
#include "node/p2p_network.hpp"
#include "node/rpc_methods.hpp"
#include "node/tx_relay.hpp"
#include "rpc/method_table.hpp"
#include "rpc/server.hpp"

namespace azora::node {

inline constexpr std::string_view kNodeVersion = "0.1.0";

/// One running node: owns the clock, chain, mempool, transaction relay, consensus driver, P2P
/// host and RPC server and starts and stops them in order. There are no globals; components get
/// references from here.
class Node {
public:
    /// Opens the data dir, loads genesis and keys, and starts serving. `on_fatal` is called
    /// (from a worker thread) if the node hits an error it cannot continue after.
    static Result<std::unique_ptr<Node>> start(const NodeOptions& options,
                                               std::function<void(const Error&)> on_fatal);
    ~Node();

    /// Stops consensus (finishing the block in progress), then the transaction relay, P2P and
    /// RPC. Idempotent.
    void stop();

    uint16_t rpc_port() const { return m_server->port(); }
    const Chain& chain() const { return *m_chain; }
    const NodeOptions& options() const { return m_options; }
    /// The P2P port and node id; nullopt when P2P is off.
    std::optional<uint16_t> p2p_port() const {
        return m_p2p ? std::optional<uint16_t>(m_p2p->port()) : std::nullopt;
    }
    std::optional<PeerId> node_id() const {
        return m_p2p ? std::optional<PeerId>(m_p2p->id()) : std::nullopt;
    }

private:
    explicit Node(NodeOptions options) : m_options(std::move(options)) {}
    Result<void> start_rpc();

    NodeOptions m_options;
    RealClock m_clock;
    std::unique_ptr<Chain> m_chain;
    std::unique_ptr<Mempool> m_mempool;
    std::unique_ptr<RpcBackend> m_backend;
    std::unique_ptr<rpc::MethodTable> m_methods;
    std::unique_ptr<rpc::Server> m_server;
    std::unique_ptr<P2pNetwork> m_p2p;
    std::unique_ptr<TxRelay> m_tx_relay;
    std::unique_ptr<ConsensusDriver> m_driver;
};

/// Reads a validator secret key: 64 hex digits on the first line.
Result<PrivateKey> load_key_file(const std::filesystem::path& path);

}  // namespace azora::node
