#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

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
    uint16_t p2p_port = 8646;
    uint64_t block_time_ms = 500;
    size_t max_block_txs = 20'000;
    size_t mempool_max_txs = 200'000;
    uint64_t state_versions_kept = 1'000;  ///< state tree versions kept for proofs
};

/// Fills `options` from a JSON config file (docs/operator.md); keys absent from the file keep
/// their values. Fails with "bad_config" naming the file and the offending key.
Result<void> load_config_file(const std::filesystem::path& path, NodeOptions& options);

}  // namespace azora::node
