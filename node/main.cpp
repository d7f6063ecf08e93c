// azorad: the Azora chain node.
#include <malloc.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "core/address.hpp"
#include "genesis/dev.hpp"
#include "node/log.hpp"
#include "node/node.hpp"

namespace {

using azora::node::NodeOptions;

std::filesystem::path default_dev_datadir() {
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home != nullptr ? home : ".") / ".azora" / "dev";
}

void print_banner(const azora::node::Node& node) {
    const auto& chain = node.chain();
    const auto& g = chain.genesis();
    std::printf("Azora node %s\n", std::string(azora::node::kNodeVersion).c_str());
    std::printf("  chain id:     %s\n", g.chain_id.c_str());
    std::printf("  genesis hash: %s\n", azora::to_hex(chain.genesis_hash()).c_str());
    std::printf("  height:       %llu\n", static_cast<unsigned long long>(chain.head().height));
    std::printf("  data dir:     %s\n", node.options().datadir.c_str());
    std::printf("  RPC:          http://%s:%u\n", node.options().rpc_bind.c_str(), node.rpc_port());
    if (node.options().dev) {
        std::printf(
            "\nDEV ONLY accounts: these keys are public; never use them on a real network.\n");
        for (const auto& a : azora::genesis::dev_accounts()) {
            const auto addr = azora::Address::from_pubkey(a.key.public_key());
            std::printf("  %s  %s  secret %s\n", a.name.c_str(), addr.to_string(g.hrp()).c_str(),
                        azora::to_hex(a.key.secret()).c_str());
        }
    }
    std::printf("\n");
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"azorad: the Azora chain node"};
    NodeOptions o;
    std::string config, datadir, genesis, key_file;
    uint16_t rpc_port = 0, p2p_port = 0;
    uint64_t block_time_ms = 0;
    app.add_flag("--dev", o.dev, "run a single-node dev chain from the embedded dev genesis");
    app.add_option("--config", config, "JSON config file")->check(CLI::ExistingFile);
    app.add_option("--datadir", datadir, "data directory (dev default: ~/.azora/dev)");
    app.add_option("--genesis", genesis, "genesis JSON file")->check(CLI::ExistingFile);
    app.add_option("--validator-key-file", key_file, "file with the validator's secret key (hex)")
        ->check(CLI::ExistingFile);
    app.add_option("--rpc-port", rpc_port, "JSON-RPC port (default 8645; 0 picks a free one)");
    app.add_option("--p2p-port", p2p_port, "P2P port (default 8646)");
    app.add_option("--block-time-ms", block_time_ms, "block interval in ms (default 500)")
        ->check(CLI::Range(uint64_t{10}, uint64_t{600'000}));
    bool rpc_port_set = false;
    try {
        app.parse(argc, argv);
        rpc_port_set = app.count("--rpc-port") > 0;
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }

    if (!config.empty()) {
        auto r = azora::node::load_config_file(config, o);
        if (!r) {
            std::fprintf(stderr, "azorad: %s\n", r.error().to_string().c_str());
            return 2;
        }
    }
    // Command-line flags override the config file.
    if (!datadir.empty())
        o.datadir = datadir;
    if (!genesis.empty())
        o.genesis_file = genesis;
    if (!key_file.empty())
        o.validator_key_file = key_file;
    if (rpc_port_set)
        o.rpc_port = rpc_port;
    if (app.count("--p2p-port") > 0)
        o.p2p_port = p2p_port;
    if (block_time_ms > 0)
        o.block_time_ms = block_time_ms;
    if (o.datadir.empty()) {
        if (!o.dev) {
            std::fprintf(stderr, "azorad: give --dev, --datadir DIR or --config FILE\n");
            return 2;
        }
        o.datadir = default_dev_datadir();
    }

    // Few malloc arenas: the node has a handful of threads, and per-thread arenas would keep
    // freed memory of busy periods resident.
    mallopt(M_ARENA_MAX, 2);

    boost::asio::io_context io;
    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    std::atomic<int> exit_code = 0;
    auto node = azora::node::Node::start(o, [&](const azora::Error& e) {
        // Called from the producer thread: hand the shutdown to the main thread.
        azora::node::log_error("fatal: " + e.to_string() + "; stopping");
        exit_code = 1;
        boost::asio::post(io, [&] { io.stop(); });
    });
    if (!node) {
        std::fprintf(stderr, "azorad: cannot start: %s\n", node.error().to_string().c_str());
        return 1;
    }
    print_banner(**node);
    signals.async_wait([&](const boost::system::error_code&, int sig) {
        azora::node::log_info(std::string("received ") + (sig == SIGINT ? "SIGINT" : "SIGTERM") +
                              ", shutting down");
        io.stop();
    });
    io.run();
    (*node)->stop();
    node = azora::Error::internal("stopped");  // close the database before exiting
    azora::node::log_info("stopped cleanly");
    return exit_code;
}
