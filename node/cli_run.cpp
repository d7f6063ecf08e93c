// `azorad [--dev] [--config FILE] [--datadir DIR] ...`: runs the node until SIGINT / SIGTERM.
#include <malloc.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <cstdio>
#include <cstdlib>

#include "core/address.hpp"
#include "core/reasons.hpp"
#include "genesis/dev.hpp"
#include "node/cli.hpp"
#include "node/datadir_init.hpp"
#include "node/log.hpp"
#include "node/node.hpp"

namespace azora::node::cli {
namespace {

std::filesystem::path default_dev_datadir() {
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home != nullptr ? home : ".") / ".azora" / "dev";
}

void print_banner(const Node& node) {
    const auto& chain = node.chain();
    const auto& g = chain.genesis();
    std::printf("Azora node %s\n", std::string(kNodeVersion).c_str());
    std::printf("  chain id:     %s\n", g.chain_id.c_str());
    std::printf("  genesis hash: %s\n", to_hex(chain.genesis_hash()).c_str());
    std::printf("  height:       %llu\n", static_cast<unsigned long long>(chain.head().height));
    std::printf("  data dir:     %s\n", node.options().datadir.c_str());
    std::printf("  RPC:          http://%s:%u\n", node.options().rpc.bind_address.c_str(),
                node.rpc_port());
    if (auto port = node.p2p_port()) {
        std::printf("  P2P:          %s:%u\n", node.options().p2p.bind.c_str(), *port);
        std::printf("  node id:      %s\n", to_hex(*node.node_id()).c_str());
    } else {
        std::printf("  P2P:          off\n");
    }
    if (node.options().dev) {
        std::printf(
            "\nDEV ONLY accounts: these keys are public; never use them on a real network.\n");
        for (const auto& a : genesis::dev_accounts()) {
            const auto addr = Address::from_pubkey(a.key.public_key());
            std::printf("  %s  %s  secret %s\n", a.name.c_str(), addr.to_string(g.hrp()).c_str(),
                        to_hex(a.key.secret()).c_str());
        }
    }
    std::printf("\n");
    std::fflush(stdout);
}

// The config file named by --config, else DATADIR/config.json when it exists (what
// `azorad init` and `azorad testnet` write), else none.
std::optional<std::filesystem::path> config_path(const RunArgs& a) {
    if (!a.config.empty()) {
        return std::filesystem::path(a.config);
    }
    if (!a.datadir.empty()) {
        const auto implicit = std::filesystem::path(a.datadir) / kConfigFileName;
        std::error_code ec;
        if (std::filesystem::exists(implicit, ec)) {
            return implicit;
        }
    }
    return std::nullopt;
}

}  // namespace

void add_run_options(CLI::App& app, RunArgs& a) {
    app.add_flag("--dev", a.dev, "run a single-node dev chain from the embedded dev genesis");
    app.add_option("--config", a.config, "JSON config file (default: DATADIR/config.json if any)")
        ->check(CLI::ExistingFile);
    app.add_option("--datadir", a.datadir, "data directory (dev default: ~/.azora/dev)");
    app.add_option("--genesis", a.genesis, "genesis JSON file")->check(CLI::ExistingFile);
    app.add_option("--validator-key-file", a.validator_key_file,
                   "file with the validator's secret key (hex)")
        ->check(CLI::ExistingFile);
    app.add_option("--rpc-port", a.rpc_port, "JSON-RPC port (default 8645; 0 picks a free one)");
    app.add_option("--p2p-port", a.p2p_port, "P2P port (default 8646)");
    app.add_option("--block-time-ms", a.block_time_ms, "block interval in ms (default 500)")
        ->check(CLI::Range(uint64_t{10}, uint64_t{600'000}));
}

int run_node(const CLI::App& app, const RunArgs& a) {
    NodeOptions o;
    o.dev = a.dev;
    if (const auto config = config_path(a)) {
        auto r = load_config_file(*config, o);
        if (!r) {
            std::fprintf(stderr, "azorad: %s\n", r.error().to_string().c_str());
            return 2;
        }
    }
    // Command-line flags override the config file.
    if (!a.datadir.empty())
        o.datadir = a.datadir;
    if (!a.genesis.empty())
        o.genesis_file = a.genesis;
    if (!a.validator_key_file.empty())
        o.validator_key_file = a.validator_key_file;
    if (app.count("--rpc-port") > 0)
        o.rpc.port = a.rpc_port;
    if (app.count("--p2p-port") > 0)
        o.p2p.port = a.p2p_port;
    // A dev node is a private single-validator chain: it listens for peers only when asked.
    if (o.dev && app.count("--p2p-port") == 0 && !config_path(a))
        o.p2p_enabled = false;
    if (a.block_time_ms > 0)
        o.consensus.commit_wait = std::chrono::milliseconds(a.block_time_ms);
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
    auto node = Node::start(o, [&](const Error& e) {
        // Called from the producer thread: hand the shutdown to the main thread.
        log_error("fatal: " + e.to_string() + "; stopping");
        exit_code = 1;
        boost::asio::post(io, [&] { io.stop(); });
    });
    if (!node) {
        std::fprintf(stderr, "azorad: cannot start: %s\n", node.error().to_string().c_str());
        return 1;
    }
    print_banner(**node);
    signals.async_wait([&](const boost::system::error_code&, int sig) {
        log_info(std::string("received ") + (sig == SIGINT ? "SIGINT" : "SIGTERM") +
                 ", shutting down");
        io.stop();
    });
    io.run();
    (*node)->stop();
    node = Error::from(reasons::kStopped);  // close the database before exiting
    log_info("stopped cleanly");
    return exit_code;
}

}  // namespace azora::node::cli
