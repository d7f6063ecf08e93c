#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "node/driver_options.hpp"
#include "node/mempool.hpp"
#include "node/p2p/p2p_options.hpp"
#include "node/tx_relay.hpp"
#include "rpc/server.hpp"

namespace azora::node {

/// azorad's P2P settings before the config file: the transport's own defaults
/// (node/p2p/p2p_options.hpp), except that a daemon listens on every interface at its
/// well-known port rather than on loopback at a free one.
inline p2p::P2pOptions azorad_p2p_defaults() {
    p2p::P2pOptions p;
    p.bind = "0.0.0.0";
    p.port = 8646;
    return p;
}

/// Everything azorad is configured with, after the command line and config file are parsed:
/// the node's own settings and each component's options struct, whose defaults are its own.
/// What only the node knows (chain id, genesis hash, keys, the admin token, the log) is filled
/// in when it starts.
struct NodeOptions {
    bool dev = false;
    std::filesystem::path datadir;
    std::optional<std::filesystem::path> genesis_file;        ///< dev: overrides the embedded one
    std::optional<std::filesystem::path> validator_key_file;  ///< hex secret key, mode 0600
    std::optional<std::filesystem::path> node_key_file;  ///< P2P identity; default datadir/node_key
    uint64_t state_versions_kept = 1'000;                ///< state tree versions kept for proofs

    rpc::ServerOptions rpc;
    /// P2P (docs/p2p.md). A dev node listens only when --p2p-port is given.
    bool p2p_enabled = true;
    p2p::P2pOptions p2p = azorad_p2p_defaults();
    /// Consensus: the round machine's timeouts, block time (commit_wait), block limits, gossip
    /// and sync. max_block_bytes follows p2p.max_frame_bytes.
    DriverOptions consensus;
    MempoolOptions mempool;
    TxRelayOptions tx_relay;
};

/// Fills `options` from a JSON config file (docs/operator.md); keys absent from the file keep
/// their values. Fails with "bad_config" naming the file and the offending key.
Result<void> load_config_file(const std::filesystem::path& path, NodeOptions& options);

}  // namespace azora::node
