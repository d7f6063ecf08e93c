#include "node/testnet.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <set>

#include "core/bytes.hpp"
#include "genesis/dev.hpp"
#include "node/datadir_init.hpp"
#include "node/node.hpp"
#include "node/options.hpp"
#include "tests/node/node_test_util.hpp"

namespace azora::node {
namespace {

using test::TempDir;

constexpr uint64_t kGenesisTime = 1'790'000'000'000;

mode_t mode_of(const std::filesystem::path& p) {
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
    return st.st_mode & 0777;
}

nlohmann::json read_json(const std::filesystem::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

TestnetOptions options(const std::filesystem::path& out, size_t n, size_t m, uint16_t base) {
    TestnetOptions o;
    o.out = out;
    o.validators = n;
    o.followers = m;
    o.base_port = base;
    o.block_time_ms = 200;
    o.genesis_time_ms = kGenesisTime;
    return o;
}

TEST(Testnet, WritesCompleteDataDirs) {
    TempDir tmp;
    const auto out = tmp.path() / "net";
    auto net = write_testnet(options(out, 3, 1, 30000));
    ASSERT_TRUE(net.ok()) << net.error().to_string();
    ASSERT_EQ(net->nodes.size(), 4u);

    std::set<uint16_t> ports;
    std::set<std::string> node_ids;
    std::set<PubKey> validator_keys;
    for (size_t k = 0; k < 4; ++k) {
        const TestnetNode& n = net->nodes[k];
        const auto dir = out / ("node" + std::to_string(k));
        SCOPED_TRACE(dir.string());
        EXPECT_EQ(n.name, "node" + std::to_string(k));
        EXPECT_EQ(n.datadir, dir);
        EXPECT_EQ(n.validator, k < 3);
        EXPECT_EQ(n.rpc_port, 30000 + 2 * k);
        EXPECT_EQ(n.p2p_port, 30000 + 2 * k + 1);
        ports.insert(n.rpc_port);
        ports.insert(n.p2p_port);
        EXPECT_EQ(mode_of(dir), 0700u);
        EXPECT_EQ(mode_of(dir / "node_key"), 0600u);
        EXPECT_EQ(mode_of(dir / "config.json"), 0600u);

        auto node_key = load_key_file(dir / "node_key");
        ASSERT_TRUE(node_key.ok());
        EXPECT_EQ(to_hex(node_key->public_key()), n.node_id);
        node_ids.insert(n.node_id);
        if (n.validator) {
            EXPECT_EQ(mode_of(dir / "validator_key"), 0600u);
            auto vkey = load_key_file(dir / "validator_key");
            ASSERT_TRUE(vkey.ok());
            EXPECT_EQ(vkey->public_key(), n.validator_pubkey);
            EXPECT_NE(vkey->public_key(), node_key->public_key());
            validator_keys.insert(vkey->public_key());
        } else {
            EXPECT_FALSE(std::filesystem::exists(dir / "validator_key"));
            EXPECT_FALSE(n.validator_pubkey.has_value());
        }

        // Every node holds the same genesis.
        auto g = genesis::Genesis::load(dir / "genesis.json");
        ASSERT_TRUE(g.ok()) << g.error().to_string();
        EXPECT_EQ(g->hash(), net->genesis_hash);

        // The config parses as azorad will parse it, with paths inside the data dir.
        NodeOptions o;
        ASSERT_TRUE(load_config_file(dir / "config.json", o).ok());
        EXPECT_EQ(o.datadir, dir);
        EXPECT_EQ(o.genesis_file, dir / "genesis.json");
        EXPECT_EQ(o.node_key_file, dir / "node_key");
        if (n.validator) {
            EXPECT_EQ(o.validator_key_file, dir / "validator_key");
        } else {
            EXPECT_FALSE(o.validator_key_file.has_value());
        }
        EXPECT_EQ(o.rpc.bind_address, "127.0.0.1");
        EXPECT_EQ(o.p2p.bind, "127.0.0.1");
        EXPECT_EQ(o.rpc.port, n.rpc_port);
        EXPECT_EQ(o.p2p.port, n.p2p_port);
        EXPECT_EQ(o.consensus.commit_wait, std::chrono::milliseconds(200));
        std::vector<std::string> expected_peers;
        for (size_t i = 0; i < 4; ++i) {
            if (i != k) {
                expected_peers.push_back(net->nodes[i].node_id +
                                         "@127.0.0.1:" + std::to_string(net->nodes[i].p2p_port));
            }
        }
        EXPECT_EQ(o.p2p.persistent_peers, expected_peers);
    }
    EXPECT_EQ(ports.size(), 8u);
    EXPECT_EQ(node_ids.size(), 4u);
    EXPECT_EQ(validator_keys.size(), 3u);
}

TEST(Testnet, GenesisHasTheValidatorsAndTheDevAccounts) {
    TempDir tmp;
    auto net = write_testnet(options(tmp.path() / "net", 2, 0, 30000));
    ASSERT_TRUE(net.ok()) << net.error().to_string();
    auto g = genesis::Genesis::load(tmp.path() / "net" / "node1" / "genesis.json");
    ASSERT_TRUE(g.ok());
    EXPECT_EQ(g->chain_id, "azora-localnet-1");
    EXPECT_EQ(g->genesis_time_ms, kGenesisTime);
    ASSERT_EQ(g->validators.size(), 2u);
    for (size_t k = 0; k < 2; ++k) {
        EXPECT_EQ(g->validators[k].name, "node" + std::to_string(k));
        EXPECT_EQ(g->validators[k].pubkey, net->nodes[k].validator_pubkey);
        EXPECT_EQ(g->validators[k].power, 10u);
    }
    const auto dev = genesis::dev_accounts();
    ASSERT_EQ(g->accounts.size(), dev.size());
    EXPECT_EQ(g->accounts[0].address, Address::from_pubkey(dev[0].key.public_key()));
}

TEST(Testnet, NodesJsonListsEveryNode) {
    TempDir tmp;
    const auto out = tmp.path() / "net";
    auto net = write_testnet(options(out, 2, 1, 30000));
    ASSERT_TRUE(net.ok());
    const auto j = read_json(out / "nodes.json");
    ASSERT_TRUE(j.is_array());
    ASSERT_EQ(j.size(), 3u);
    EXPECT_EQ(j[0], (nlohmann::json{{"name", "node0"},
                                    {"validator", true},
                                    {"rpc", "http://127.0.0.1:30000"},
                                    {"p2p", "127.0.0.1:30001"},
                                    {"node_id", net->nodes[0].node_id},
                                    {"datadir", "node0"}}));
    EXPECT_EQ(j[2]["validator"], false);
    EXPECT_EQ(j[2]["rpc"], "http://127.0.0.1:30004");
    EXPECT_EQ(j, nodes_json(*net));
}

TEST(Testnet, BasePortZeroPicksDistinctPorts) {
    TempDir tmp;
    auto net = write_testnet(options(tmp.path() / "net", 3, 2, 0));
    ASSERT_TRUE(net.ok()) << net.error().to_string();
    std::set<uint16_t> ports;
    for (const auto& n : net->nodes) {
        EXPECT_NE(n.rpc_port, 0);
        EXPECT_NE(n.p2p_port, 0);
        ports.insert(n.rpc_port);
        ports.insert(n.p2p_port);
    }
    EXPECT_EQ(ports.size(), 10u);
}

TEST(Testnet, FreeLoopbackPortsAreDistinct) {
    auto ports = free_loopback_ports(20);
    ASSERT_TRUE(ports.ok());
    EXPECT_EQ(std::set<uint16_t>(ports->begin(), ports->end()).size(), 20u);
}

TEST(Testnet, RefusesANonEmptyDirectory) {
    TempDir tmp;
    const auto out = tmp.path() / "net";
    std::filesystem::create_directories(out);
    std::ofstream(out / "keep") << "x";
    auto r = write_testnet(options(out, 1, 0, 30000));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "out_not_empty");
    EXPECT_FALSE(std::filesystem::exists(out / "node0"));
}

TEST(Testnet, AcceptsAnEmptyDirectory) {
    TempDir tmp;
    auto r = write_testnet(options(tmp.path(), 1, 0, 30000));
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_TRUE(std::filesystem::exists(tmp.path() / "node0" / "validator_key"));
}

TEST(Testnet, RefusesBadCounts) {
    TempDir tmp;
    for (auto [n, m] : {std::pair<size_t, size_t>{0, 0}, {65, 0}, {1, 65}}) {
        auto r = write_testnet(options(tmp.path() / "net", n, m, 30000));
        ASSERT_FALSE(r.ok()) << n << " " << m;
        EXPECT_EQ(r.error().reason, "bad_testnet");
    }
    auto max = write_testnet(options(tmp.path() / "max", 64, 0, 0));
    EXPECT_TRUE(max.ok()) << max.error().to_string();
}

TEST(Testnet, RefusesPortsPast65535AndBadSettings) {
    TempDir tmp;
    auto r = write_testnet(options(tmp.path() / "net", 2, 0, 65533));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "bad_testnet");
    EXPECT_TRUE(write_testnet(options(tmp.path() / "fits", 2, 0, 65532)).ok());

    auto slow = options(tmp.path() / "slow", 1, 0, 30000);
    slow.block_time_ms = 5;
    EXPECT_EQ(write_testnet(slow).error().reason, "bad_testnet");
    auto bad_id = options(tmp.path() / "id", 1, 0, 30000);
    bad_id.chain_id = "no spaces";
    auto id = write_testnet(bad_id);
    ASSERT_FALSE(id.ok());
    EXPECT_EQ(id.error().reason, "bad_genesis");
}

TEST(DatadirInit, WritesKeysAndSkeletonAndRefusesTwice) {
    TempDir tmp;
    const auto dir = tmp.path() / "a" / "b";
    const PrivateKey node_key = PrivateKey::generate();
    DatadirContents c{node_key, PrivateKey::generate(), init_config_skeleton(), std::nullopt};
    ASSERT_TRUE(write_datadir(dir, c).ok());
    EXPECT_EQ(mode_of(dir), 0700u);
    EXPECT_EQ(mode_of(dir / "node_key"), 0600u);
    EXPECT_EQ(mode_of(dir / "validator_key"), 0600u);
    EXPECT_FALSE(std::filesystem::exists(dir / "genesis.json"));
    NodeOptions o;
    ASSERT_TRUE(load_config_file(dir / "config.json", o).ok());
    EXPECT_EQ(o.genesis_file, dir / "genesis.json");
    EXPECT_EQ(o.node_key_file, dir / "node_key");
    EXPECT_EQ(o.validator_key_file, dir / "validator_key");
    EXPECT_EQ(node_id_hex(node_key), to_hex(node_key.public_key()));

    DatadirContents again{PrivateKey::generate(), PrivateKey::generate(), init_config_skeleton(),
                          std::nullopt};
    auto r = write_datadir(dir, again);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "key_file_exists");
    auto kept = load_key_file(dir / "node_key");
    ASSERT_TRUE(kept.ok());
    EXPECT_EQ(kept->public_key(), node_key.public_key());
}

TEST(DatadirInit, AnExistingConfigStopsBeforeAnyKeyIsWritten) {
    TempDir tmp;
    std::ofstream(tmp.path() / "config.json") << "{}";
    DatadirContents c{PrivateKey::generate(), PrivateKey::generate(), init_config_skeleton(),
                      std::nullopt};
    auto r = write_datadir(tmp.path(), c);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "file_exists");
    EXPECT_FALSE(std::filesystem::exists(tmp.path() / "node_key"));
    EXPECT_FALSE(std::filesystem::exists(tmp.path() / "validator_key"));
}

}  // namespace
}  // namespace azora::node
