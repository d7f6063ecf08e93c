#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

/// azorad's commands: running the node (no subcommand), `init` and `testnet`. Each add_*
/// declares its flags on CLI11; each run_* returns the process exit code (0 ok, 1 failure).
namespace azora::node::cli {

struct RunArgs {
    bool dev = false;
    std::string config, datadir, genesis, validator_key_file;
    uint16_t rpc_port = 0;
    uint16_t p2p_port = 0;
    uint64_t block_time_ms = 0;
};
void add_run_options(CLI::App& app, RunArgs& args);
/// `app` tells which flags were given: those override the config file.
int run_node(const CLI::App& app, const RunArgs& args);

struct InitArgs {
    std::string datadir;
};
CLI::App* add_init_command(CLI::App& app, InitArgs& args);
int run_init(const InitArgs& args);

struct TestnetArgs {
    size_t validators = 1;
    size_t followers = 0;
    std::string out;
    uint16_t base_port = 26650;
    std::string chain_id = "azora-localnet-1";
    uint64_t block_time_ms = 500;
};
CLI::App* add_testnet_command(CLI::App& app, TestnetArgs& args);
int run_testnet(const TestnetArgs& args);

}  // namespace azora::node::cli
