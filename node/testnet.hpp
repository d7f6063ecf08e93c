#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/keys.hpp"
#include "core/result.hpp"
#include "genesis/testnet.hpp"

/// `azorad testnet`: key material, one genesis and per-node data dirs for a network of local
/// validators (and followers) on 127.0.0.1.
namespace azora::node {

inline constexpr size_t kMaxTestnetValidators = 64;
inline constexpr size_t kMaxTestnetFollowers = 64;
inline constexpr uint16_t kDefaultTestnetBasePort = 26650;

struct TestnetOptions {
    std::filesystem::path out;  ///< must not exist or be empty
    size_t validators = 1;      ///< 1 .. kMaxTestnetValidators
    size_t followers = 0;       ///< 0 .. kMaxTestnetFollowers
    /// Node k gets RPC port base+2k and P2P port base+2k+1; 0 picks free loopback ports.
    uint16_t base_port = kDefaultTestnetBasePort;
    std::string chain_id = std::string(genesis::kLocalnetChainId);
    uint64_t block_time_ms = 500;  ///< 10 .. 600000
    uint64_t genesis_time_ms = 0;  ///< the caller's clock: the generator reads none
};

struct TestnetNode {
    std::string name;  ///< node0 .. node{N+M-1}
    bool validator = false;
    uint16_t rpc_port = 0;
    uint16_t p2p_port = 0;
    std::string node_id;  ///< hex x-only public key of the node key
    std::optional<PubKey> validator_pubkey;
    std::filesystem::path datadir;  ///< out / name
};

struct Testnet {
    std::string chain_id;
    Hash32 genesis_hash{};
    std::vector<TestnetNode> nodes;  ///< validators first, then followers
};

/// Writes out/node0 .. out/node{N+M-1} (each: node_key, validator_key for validators only,
/// genesis.json, config.json with loopback ports, every other node as a persistent peer,
/// block_time_ms) and out/nodes.json. Nodes 0..N-1 are the genesis validators (power 10 each,
/// named like their dirs) in a genesis built by genesis::localnet_genesis. Errors: malformed
/// "bad_testnet" for counts, ports or block time out of range; rejected "out_not_empty";
/// whatever writing the files fails with. A failure can leave a partial `out` behind.
Result<Testnet> write_testnet(const TestnetOptions& options);

/// `count` distinct TCP ports that are free on 127.0.0.1 right now (bound to port 0 together,
/// then released): internal "no_free_port" if the kernel gives none.
Result<std::vector<uint16_t>> free_loopback_ports(size_t count);

/// DIR/nodes.json: [{"name","validator","rpc":"http://127.0.0.1:P","p2p":"127.0.0.1:P",
/// "node_id","datadir":"nodeK"}, ...].
nlohmann::json nodes_json(const Testnet& net);

}  // namespace azora::node
