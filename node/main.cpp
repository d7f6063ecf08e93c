// azorad: the Azora chain node. `azorad [flags]` runs it; `azorad init` and `azorad testnet`
// prepare data dirs (node/cli_*.cpp).
#include "node/cli.hpp"

int main(int argc, char** argv) {
    namespace cli = azora::node::cli;
    CLI::App app{"azorad: the Azora chain node"};
    app.require_subcommand(0, 1);
    cli::RunArgs run;
    cli::InitArgs init;
    cli::TestnetArgs testnet;
    cli::add_run_options(app, run);
    CLI::App* init_cmd = cli::add_init_command(app, init);
    CLI::App* testnet_cmd = cli::add_testnet_command(app, testnet);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    if (init_cmd->parsed()) {
        return cli::run_init(init);
    }
    if (testnet_cmd->parsed()) {
        return cli::run_testnet(testnet);
    }
    return cli::run_node(app, run);
}
