#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace azora::node {

/// Everything azorad is configured with, after the command line and config file are parsed.
struct NodeOptions {
    bool dev = false;
    std::filesystem::path datadir;
    std::optional<std::filesystem::path> genesis_file;        ///< dev: overrides the embedded one
    std::optional<std::filesystem::path> validator_key_file;  ///< hex secret key, mode 0600
    std::string rpc_bind = "127.0.0.1";
    uint16_t rpc_port = 8645;
    int rpc_threads = 2;
    size_t rpc_max_connections = 256;
    std::optional<std::filesystem::path> node_key_file;  ///< P2P identity; default datadir/node_key

    // P2P (docs/p2p.md). A dev node listens only when --p2p-port is given.
    bool p2p_enabled = true;
    std::string p2p_bind = "0.0.0.0";
    uint16_t p2p_port = 8646;  ///< 0 picks a free one
    /// "NODEID@host:port" (NODEID = 64 hex digits of the peer's node public key) or "host:port".
    std::vector<std::string> persistent_peers;  ///< always reconnected, with backoff
    std::vector<std::string> seeds;             ///< dialled for peer exchange
    size_t max_inbound_peers = 40;
    size_t max_outbound_peers = 10;
    uint32_t max_frame_bytes = 4u << 20;
    uint64_t ban_duration_ms = 3'600'000;
    uint32_t ban_score = 100;  ///< misbehaviour score at which a peer is banned

    // Consensus timeouts (consensus/round_machine_options.hpp); each grows by its delta per round.
    uint64_t timeout_propose_ms = 3000;
    uint64_t timeout_propose_delta_ms = 500;
    uint64_t timeout_prevote_ms = 1000;
    uint64_t timeout_prevote_delta_ms = 500;
    uint64_t timeout_precommit_ms = 1000;
    uint64_t timeout_precommit_delta_ms = 500;
    uint64_t block_time_ms = 500;
    size_t max_block_txs = 20'000;
    size_t mempool_max_txs = 200'000;
    uint64_t state_versions_kept = 1'000;  ///< state tree versions kept for proofs
};

/// Fills `options` from a JSON config file (docs/operator.md); keys absent from the file keep
/// their values. Fails with "bad_config" naming the file and the offending key.
Result<void> load_config_file(const std::filesystem::path& path, NodeOptions& options);

}  // namespace azora::node
