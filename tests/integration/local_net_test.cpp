// `azorad testnet` and `azorad init` as an operator runs them, and nodes started from the data
// dirs they write with nothing but `azorad --datadir DIR/nodeK`.
#include "tests/support/local_net.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "core/amount.hpp"
#include "core/bytes.hpp"
#include "genesis/dev.hpp"
#include "tests/integration/helpers.hpp"

namespace azora::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::chrono::milliseconds kCommandTimeout{30'000};

LocalNetOptions local_net_options(size_t validators, size_t followers = 0) {
    LocalNetOptions o;
    o.azorad = AZORA_AZORAD;
    o.validators = validators;
    o.followers = followers;
    return o;
}

mode_t mode_of(const fs::path& p) {
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
    return st.st_mode & 0777;
}

std::string first_line(const fs::path& p) {
    std::ifstream in(p);
    std::string line;
    std::getline(in, line);
    return line;
}

// The x-only public key of the key file at `p`, as hex.
std::string pubkey_hex_of(const fs::path& p) {
    auto secret = fixed_from_hex<32>(first_line(p));
    if (!secret) {
        return "(not a key file: " + p.string() + ")";
    }
    auto key = PrivateKey::from_bytes(*secret);
    return key ? to_hex(key->public_key()) : "(bad key)";
}

TEST(LocalNet, OneValidatorNetworkProducesBlocksAndRestarts) {
    LocalNet net(local_net_options(1));
    ASSERT_TRUE(net.generate());
    ASSERT_EQ(net.size(), 1u);
    EXPECT_TRUE(net.node(0).validator);
    EXPECT_EQ(net.node(0).node_id, pubkey_hex_of(net.node(0).datadir / "node_key"));

    ASSERT_TRUE(net.start(0));
    ASSERT_OK_ASSIGN(const json info, net.call(0, "node_info"));
    EXPECT_EQ(info.at("chain_id"), "azora-localnet-1");
    EXPECT_EQ(info.at("validator"), true);
    ASSERT_TRUE(net.wait_for_height(0, 3));

    // A clean restart and a crash both resume the same chain from its data dir.
    ASSERT_TRUE(net.restart(0));
    const auto after_restart = net.height(0);
    ASSERT_TRUE(after_restart.has_value());
    EXPECT_GE(*after_restart, 3u);
    ASSERT_TRUE(net.wait_for_height(0, *after_restart + 2));
    EXPECT_TRUE(net.kill9(0).signal == SIGKILL);
    ASSERT_TRUE(net.start(0));
    ASSERT_OK_ASSIGN(const json again, net.call(0, "node_info"));
    EXPECT_EQ(again.at("genesis_hash"), info.at("genesis_hash"));
    EXPECT_GE(again.at("height").get<uint64_t>(), *after_restart + 2);
    ASSERT_TRUE(net.stop(0));
}

TEST(LocalNet, CommandLineFlagsOverrideTheDatadirConfig) {
    LocalNet net(local_net_options(1));
    ASSERT_TRUE(net.generate());
    // The same genesis under another chain id: config.json names genesis.json, the flag wins.
    const fs::path dir = net.node(0).datadir;
    std::ifstream in(dir / "genesis.json");
    json genesis = json::parse(in);
    genesis["chain_id"] = "azora-override-1";
    const fs::path other = net.work_dir() / "other-genesis.json";
    std::ofstream(other) << genesis.dump();

    ASSERT_TRUE(net.start(0, {"--genesis", other.string()}));
    ASSERT_OK_ASSIGN(const json info, net.call(0, "node_info"));
    EXPECT_EQ(info.at("chain_id"), "azora-override-1");
    ASSERT_TRUE(net.stop(0));
}

TEST(LocalNet, DevAccountsTransactThroughTheWallet) {
    LocalNet net(local_net_options(1));
    ASSERT_TRUE(net.generate());
    ASSERT_TRUE(net.start(0));
    const auto dev = genesis::dev_accounts();
    const std::string dev0 = address_of(dev[0].key);
    const std::string dev2 = address_of(dev[2].key);
    const auto password = net.work_dir() / "password";
    std::ofstream(password) << "local net password\n";
    fs::permissions(password, fs::perms::owner_read | fs::perms::owner_write);

    // The wallet signs for the node's chain id: azora-localnet-1, not the dev chain's.
    const WalletRun sent =
        run_wallet(net.work_dir(), net.rpc_url(0), net.work_dir() / "keystore", password,
                   {"--dev", "send", "--from", "dev0", "--to", dev2, "--amount", "3"});
    ASSERT_TRUE(sent.run.status.success())
        << sent.run.status.to_string() << "\nstdout: " << sent.run.out
        << "\nstderr: " << sent.run.err << "\n"
        << net.log_tail(0);
    EXPECT_EQ(sent.json.at("status"), "committed") << sent.json.dump();
    ASSERT_OK_ASSIGN(const json got, net.call(0, "tx_get", json::array({sent.json.at("hash")})));
    EXPECT_EQ(got.at("tx").at("sender"), dev0);
    EXPECT_EQ(got.at("receipt").at("status"), "success") << got.dump();
    ASSERT_OK_ASSIGN(const json to, net.call(0, "account_get", json::array({dev2})));
    EXPECT_EQ(to.at("balances").at("uazr"),
              std::to_string(genesis::kDevAccountBalance + 3 * kUazrPerAzr));
}

TEST(LocalNet, GeneratesValidatorsAndFollowersWithDistinctPorts) {
    LocalNet net(local_net_options(3, 1));
    ASSERT_TRUE(net.generate());
    ASSERT_EQ(net.size(), 4u);
    std::set<std::string> endpoints;
    for (size_t k = 0; k < net.size(); ++k) {
        const auto& n = net.node(k);
        EXPECT_EQ(n.name, "node" + std::to_string(k));
        EXPECT_EQ(n.validator, k < 3);
        EXPECT_EQ(fs::exists(n.datadir / "validator_key"), k < 3);
        EXPECT_EQ(mode_of(n.datadir), 0700u);
        EXPECT_EQ(n.node_id, pubkey_hex_of(n.datadir / "node_key"));
        endpoints.insert(n.rpc);
        endpoints.insert("http://" + n.p2p);
        // Every other node is a persistent peer.
        std::ifstream in(n.datadir / "config.json");
        const json config = json::parse(in);
        ASSERT_EQ(config.at("persistent_peers").size(), 3u);
        for (size_t i = 0; i < net.size(); ++i) {
            if (i != k) {
                const std::string peer = net.node(i).node_id + "@" + net.node(i).p2p;
                EXPECT_NE(std::find(config["persistent_peers"].begin(),
                                    config["persistent_peers"].end(), peer),
                          config["persistent_peers"].end())
                    << peer;
            }
        }
    }
    EXPECT_EQ(endpoints.size(), 8u);
}

TEST(LocalNet, TestnetRefusesANonEmptyOutputDirectory) {
    TempDir work("azora-it");
    const std::vector<std::string> args = {
        "testnet", "-n", "1", "--base-port", "0", "--out", (work.path() / "net").string()};
    const RunResult first = run_program(AZORA_AZORAD, args, work.path(), "first", kCommandTimeout);
    ASSERT_TRUE(first.status.success()) << first.err;
    const std::string key = first_line(work.path() / "net" / "node0" / "validator_key");
    const RunResult second =
        run_program(AZORA_AZORAD, args, work.path(), "second", kCommandTimeout);
    EXPECT_EQ(second.status.to_string(), "exit code 1");
    EXPECT_NE(second.err.find("out_not_empty"), std::string::npos) << second.err;
    EXPECT_EQ(first_line(work.path() / "net" / "node0" / "validator_key"), key);
}

TEST(LocalNet, InitCreatesKeysAndRefusesToRunTwice) {
    TempDir work("azora-it");
    const fs::path dir = work.path() / "node";
    const std::vector<std::string> args = {"init", "--datadir", dir.string()};
    const RunResult first = run_program(AZORA_AZORAD, args, work.path(), "init-1", kCommandTimeout);
    ASSERT_TRUE(first.status.success()) << first.status.to_string() << "\n" << first.err;
    EXPECT_EQ(mode_of(dir), 0700u);
    EXPECT_EQ(mode_of(dir / "node_key"), 0600u);
    EXPECT_EQ(mode_of(dir / "validator_key"), 0600u);
    EXPECT_TRUE(fs::exists(dir / "config.json"));
    EXPECT_FALSE(fs::exists(dir / "genesis.json"));
    const std::string node_id = pubkey_hex_of(dir / "node_key");
    const std::string validator = pubkey_hex_of(dir / "validator_key");
    EXPECT_NE(first.out.find("node id:           " + node_id), std::string::npos) << first.out;
    EXPECT_NE(first.out.find(validator), std::string::npos) << first.out;
    EXPECT_NE(first.out.find("tazr1"), std::string::npos) << first.out;

    const RunResult second =
        run_program(AZORA_AZORAD, args, work.path(), "init-2", kCommandTimeout);
    EXPECT_EQ(second.status.to_string(), "exit code 1");
    EXPECT_NE(second.err.find("already exists"), std::string::npos) << second.err;
    EXPECT_EQ(pubkey_hex_of(dir / "node_key"), node_id);
    EXPECT_EQ(pubkey_hex_of(dir / "validator_key"), validator);
}

TEST(LocalNet, DatadirWithoutGenesisIsRefusedWithAMessage) {
    // What an operator sees after `azorad init` before copying the network's genesis.json.
    TempDir work("azora-it");
    const fs::path dir = work.path() / "node";
    ASSERT_TRUE(run_program(AZORA_AZORAD, {"init", "--datadir", dir.string()}, work.path(), "init",
                            kCommandTimeout)
                    .status.success());
    const RunResult run =
        run_program(AZORA_AZORAD, {"--datadir", dir.string()}, work.path(), "run", kCommandTimeout);
    EXPECT_FALSE(run.timed_out);
    EXPECT_EQ(run.status.to_string(), "exit code 1");
    EXPECT_NE(run.err.find("genesis.json"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace azora::test
