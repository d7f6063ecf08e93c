#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/keys.hpp"
#include "core/result.hpp"

/// Creating a node's data dir before its first start (`azorad init`, `azorad testnet`).
namespace azora::node {

/// File names inside a data dir; config.json is what `azorad --datadir D` loads by itself.
inline constexpr const char* kNodeKeyFileName = "node_key";
inline constexpr const char* kValidatorKeyFileName = "validator_key";
inline constexpr const char* kConfigFileName = "config.json";
inline constexpr const char* kGenesisFileName = "genesis.json";

/// What goes into a new data dir.
struct DatadirContents {
    PrivateKey node_key;                      ///< P2P identity
    std::optional<PrivateKey> validator_key;  ///< none for a follower
    nlohmann::json config;                    ///< config.json (docs/operator.md)
    std::optional<nlohmann::json> genesis;    ///< genesis.json; none: the operator copies it
};

/// Creates `dir` (and parents) with mode 0700 and writes node_key and validator_key (0600),
/// genesis.json (0644) and config.json (0600), each atomically. Checks first that none of them
/// exists, so a refused call writes nothing: rejected "key_file_exists" for a key,
/// "file_exists" for the others; internal "datadir" when `dir` cannot be created.
Result<void> write_datadir(const std::filesystem::path& dir, const DatadirContents& contents);

/// The config.json `azorad init` writes: paths of the files above relative to the data dir,
/// RPC on 127.0.0.1:8645, P2P on 0.0.0.0:8646, no peers yet.
nlohmann::json init_config_skeleton();

/// Hex of an x-only public key: how node ids appear in peers ("NODEID@host:port").
std::string node_id_hex(const PrivateKey& node_key);

}  // namespace azora::node
