// `azorad testnet -n N --out DIR`: data dirs for a local network on 127.0.0.1.
#include <chrono>
#include <cstdio>

#include "core/bytes.hpp"
#include "node/cli.hpp"
#include "node/testnet.hpp"

namespace azora::node::cli {
namespace {

void print_summary(const Testnet& net, const std::filesystem::path& out) {
    std::printf("Wrote a local network to %s\n", out.c_str());
    std::printf("  chain id:     %s\n", net.chain_id.c_str());
    std::printf("  genesis hash: %s\n\n", to_hex(net.genesis_hash).c_str());
    for (const auto& n : net.nodes) {
        std::printf("  %-7s %-9s rpc http://127.0.0.1:%u  p2p 127.0.0.1:%u\n", n.name.c_str(),
                    n.validator ? "validator" : "follower", n.rpc_port, n.p2p_port);
    }
    const std::string last = std::to_string(net.nodes.size() - 1);
    const std::string dir = out.string();
    std::printf(
        "\nNode list: %s/nodes.json. Accounts dev0..dev4 are funded with the public DEV ONLY\n"
        "keys (azora-wallet --dev).\n\n"
        "Start every node in the background, logs in its data dir:\n"
        "  for k in $(seq 0 %s); do azorad --datadir %s/node$k > %s/node$k/azorad.log 2>&1 &\n"
        "    echo $! > %s/node$k/azorad.pid; done\n"
        "Stop them (SIGTERM; each exits after its current block):\n"
        "  for k in $(seq 0 %s); do kill $(cat %s/node$k/azorad.pid); done\n"
        "Wipe the network: stop it, then rm -r %s\n",
        dir.c_str(), last.c_str(), dir.c_str(), dir.c_str(), dir.c_str(), last.c_str(), dir.c_str(),
        dir.c_str());
}

}  // namespace

CLI::App* add_testnet_command(CLI::App& app, TestnetArgs& a) {
    CLI::App* cmd = app.add_subcommand(
        "testnet", "write data dirs, keys and one genesis for a local network on 127.0.0.1");
    cmd->add_option("-n,--validators", a.validators, "number of validators (1..64)")
        ->required()
        ->check(CLI::Range(size_t{1}, kMaxTestnetValidators));
    cmd->add_option("--out", a.out, "output directory (new or empty)")->required();
    cmd->add_option("--followers", a.followers, "non-validator nodes (default 0)")
        ->check(CLI::Range(size_t{0}, kMaxTestnetFollowers));
    cmd->add_option("--base-port", a.base_port,
                    "node k: RPC port P+2k, P2P port P+2k+1 (default 26650; 0 picks free ports)");
    cmd->add_option("--chain-id", a.chain_id, "chain id (default azora-localnet-1)");
    cmd->add_option("--block-time-ms", a.block_time_ms, "block interval in ms (default 500)")
        ->check(CLI::Range(uint64_t{10}, uint64_t{600'000}));
    return cmd;
}

int run_testnet(const TestnetArgs& a) {
    TestnetOptions o;
    o.out = a.out;
    o.validators = a.validators;
    o.followers = a.followers;
    o.base_port = a.base_port;
    o.chain_id = a.chain_id;
    o.block_time_ms = a.block_time_ms;
    // Only the genesis time comes from the clock: it is the network's starting point.
    o.genesis_time_ms =
        static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count());
    auto net = write_testnet(o);
    if (!net) {
        std::fprintf(stderr, "azorad testnet: %s\n", net.error().to_string().c_str());
        return 1;
    }
    print_summary(*net, o.out);
    return 0;
}

}  // namespace azora::node::cli
