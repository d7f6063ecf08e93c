// `azorad init --datadir DIR`: a new node's data dir, keys and config skeleton.
#include <cstdio>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/reasons.hpp"
#include "node/cli.hpp"
#include "node/datadir_init.hpp"

namespace azora::node::cli {

CLI::App* add_init_command(CLI::App& app, InitArgs& a) {
    CLI::App* cmd = app.add_subcommand(
        "init", "create a data dir with a new node key, validator key and config.json");
    cmd->add_option("--datadir", a.datadir, "data directory to create")->required();
    return cmd;
}

int run_init(const InitArgs& a) {
    const std::filesystem::path dir = a.datadir;
    DatadirContents c{PrivateKey::generate(), PrivateKey::generate(), init_config_skeleton(),
                      std::nullopt};
    auto written = write_datadir(dir, c);
    if (!written) {
        const Error& e = written.error();
        const bool refused = e.is(reasons::kKeyFileExists) || e.is(reasons::kFileExists);
        std::fprintf(stderr, "azorad init: %s%s\n", e.to_string().c_str(),
                     refused ? "; this data dir is already initialised (nothing was changed)" : "");
        return 1;
    }
    const PubKey& vpub = c.validator_key->public_key();
    const Address addr = Address::from_pubkey(vpub);
    std::printf("Initialised %s\n", dir.c_str());
    std::printf("  node id:           %s\n", node_id_hex(c.node_key).c_str());
    std::printf("  validator pubkey:  %s\n", to_hex(vpub).c_str());
    std::printf("  validator address: %s (test networks), %s (mainnet)\n",
                addr.to_string(kTestnetHrp).c_str(), addr.to_string(kMainnetHrp).c_str());
    std::printf(
        "\nNext: copy the network's genesis.json into %s, put some of its nodes in\n"
        "persistent_peers of %s/%s (\"NODEID@host:port\"), then run: azorad --datadir %s\n",
        dir.c_str(), dir.c_str(), kConfigFileName, dir.c_str());
    return 0;
}

}  // namespace azora::node::cli
