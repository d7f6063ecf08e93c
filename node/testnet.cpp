#include "node/testnet.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "core/bytes.hpp"
#include "core/reasons.hpp"
#include "core/unique_fd.hpp"
#include "node/datadir_init.hpp"
#include "node/new_file.hpp"

namespace azora::node {
namespace {

constexpr const char* kLoopback = "127.0.0.1";

Error bad_testnet(const std::string& message) {
    return Error::from(reasons::kBadTestnet, message);
}

Result<void> check_options(const TestnetOptions& o) {
    if (o.validators < 1 || o.validators > kMaxTestnetValidators) {
        return bad_testnet("the number of validators must be between 1 and " +
                           std::to_string(kMaxTestnetValidators));
    }
    if (o.followers > kMaxTestnetFollowers) {
        return bad_testnet("at most " + std::to_string(kMaxTestnetFollowers) + " followers");
    }
    if (o.block_time_ms < 10 || o.block_time_ms > 600'000) {
        return bad_testnet("block time must be between 10 and 600000 ms");
    }
    const uint64_t last_port = uint64_t{o.base_port} + 2 * (o.validators + o.followers) - 1;
    if (o.base_port != 0 && last_port > 65535) {
        return bad_testnet("ports " + std::to_string(o.base_port) + ".." +
                           std::to_string(last_port) + " do not fit below 65536");
    }
    std::error_code ec;
    if (std::filesystem::exists(o.out, ec) && !std::filesystem::is_empty(o.out, ec)) {
        return Error::from(reasons::kOutNotEmpty,
                           o.out.string() + " is not empty; give a new or empty directory");
    }
    if (ec) {
        return Error::from(reasons::kDatadir, o.out.string() + ": " + ec.message());
    }
    return {};
}

nlohmann::json node_config(const TestnetOptions& o,
                           const std::vector<TestnetNode>& nodes,
                           size_t k) {
    nlohmann::json peers = nlohmann::json::array();
    for (size_t i = 0; i < nodes.size(); ++i) {
        if (i != k) {
            peers.push_back(nodes[i].node_id + "@" + kLoopback + ":" +
                            std::to_string(nodes[i].p2p_port));
        }
    }
    nlohmann::json c = {{"datadir", "."},
                        {"genesis_file", kGenesisFileName},
                        {"node_key_file", kNodeKeyFileName},
                        {"rpc_bind", kLoopback},
                        {"rpc_port", nodes[k].rpc_port},
                        {"p2p_bind", kLoopback},
                        {"p2p_port", nodes[k].p2p_port},
                        {"persistent_peers", std::move(peers)},
                        {"block_time_ms", o.block_time_ms}};
    if (nodes[k].validator) {
        c["validator_key_file"] = kValidatorKeyFileName;
    }
    return c;
}

}  // namespace

Result<std::vector<uint16_t>> free_loopback_ports(size_t count) {
    // Every socket stays bound until all are found, so the kernel cannot hand out one port twice.
    std::vector<UniqueFd> held;
    std::set<uint16_t> seen;
    std::vector<uint16_t> ports;
    while (ports.size() < count) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            return Error::from(reasons::kNoFreePort,
                               std::string("socket: ") + std::strerror(errno));
        }
        held.emplace_back(fd);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = 0;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof(addr);
        if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
            return Error::from(reasons::kNoFreePort, std::string("bind: ") + std::strerror(errno));
        }
        const uint16_t port = ntohs(addr.sin_port);
        if (port == 0 || !seen.insert(port).second) {
            return Error::from(reasons::kNoFreePort,
                               "the kernel returned port " + std::to_string(port) + " twice");
        }
        ports.push_back(port);
    }
    return ports;
}

Result<Testnet> write_testnet(const TestnetOptions& o) {
    AZORA_TRY(check_options(o));
    const size_t total = o.validators + o.followers;
    std::vector<uint16_t> ports;
    if (o.base_port == 0) {
        AZORA_ASSIGN(ports, free_loopback_ports(2 * total));
    } else {
        for (size_t i = 0; i < 2 * total; ++i) {
            ports.push_back(static_cast<uint16_t>(o.base_port + i));
        }
    }

    // All keys first: every node's config names every other node's id.
    std::vector<PrivateKey> node_keys;
    std::vector<PrivateKey> validator_keys;
    std::vector<genesis::GenesisValidator> genesis_validators;
    Testnet net;
    net.chain_id = o.chain_id;
    for (size_t k = 0; k < total; ++k) {
        TestnetNode n;
        n.name = "node" + std::to_string(k);
        n.validator = k < o.validators;
        n.rpc_port = ports[2 * k];
        n.p2p_port = ports[2 * k + 1];
        node_keys.push_back(PrivateKey::generate());
        n.node_id = node_id_hex(node_keys.back());
        if (n.validator) {
            validator_keys.push_back(PrivateKey::generate());
            n.validator_pubkey = validator_keys.back().public_key();
            genesis_validators.push_back(
                {n.name, *n.validator_pubkey, genesis::kLocalnetValidatorPower});
        }
        n.datadir = o.out / n.name;
        net.nodes.push_back(std::move(n));
    }
    AZORA_ASSIGN(
        const genesis::Genesis gen,
        genesis::localnet_genesis(o.chain_id, o.genesis_time_ms, std::move(genesis_validators)));
    net.genesis_hash = gen.hash();
    const nlohmann::json genesis_json = gen.to_json();

    for (size_t k = 0; k < total; ++k) {
        DatadirContents c{node_keys[k], std::nullopt, node_config(o, net.nodes, k), genesis_json};
        if (net.nodes[k].validator) {
            c.validator_key = validator_keys[k];
        }
        AZORA_TRY(write_datadir(net.nodes[k].datadir, c));
    }
    AZORA_TRY(write_new_file(o.out / "nodes.json", nodes_json(net).dump(2) + "\n", 0644));
    return net;
}

nlohmann::json nodes_json(const Testnet& net) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& n : net.nodes) {
        out.push_back(
            {{"name", n.name},
             {"validator", n.validator},
             {"rpc", std::string("http://") + kLoopback + ":" + std::to_string(n.rpc_port)},
             {"p2p", std::string(kLoopback) + ":" + std::to_string(n.p2p_port)},
             {"node_id", n.node_id},
             {"datadir", n.name}});
    }
    return out;
}

}  // namespace azora::node
