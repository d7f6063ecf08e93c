#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "node/options.hpp"
#include "tests/node/node_test_util.hpp"

namespace azora::node {
namespace {

using nlohmann::json;
using test::TempDir;

class ConfigFile : public ::testing::Test {
protected:
    std::filesystem::path write(const std::string& text) {
        const auto path = m_dir.path() / "config.json";
        std::ofstream(path, std::ios::trunc) << text;
        return path;
    }
    Result<void> load(const json& j, NodeOptions& o) {
        return load_config_file(write(j.dump()), o);
    }
    // Expects "bad_config" naming the file and `key`, and `o` unchanged.
    void expect_bad(const json& j, const std::string& key) {
        NodeOptions o;
        o.rpc.port = 1234;
        auto r = load(j, o);
        ASSERT_FALSE(r.ok()) << j.dump();
        EXPECT_EQ(r.error().reason, "bad_config") << j.dump();
        EXPECT_NE(r.error().message.find((m_dir.path() / "config.json").string()),
                  std::string::npos)
            << r.error().message;
        EXPECT_NE(r.error().message.find(key), std::string::npos) << r.error().message;
        EXPECT_EQ(o.rpc.port, 1234) << "a refused file must leave the options untouched";
    }
    TempDir m_dir;
};

TEST_F(ConfigFile, ReadsEveryKey) {
    const json j = {
        {"datadir", "data"},
        {"genesis_file", "g.json"},
        {"validator_key_file", "/abs/vk"},
        {"node_key_file", "nk"},
        {"rpc_bind", "0.0.0.0"},
        {"rpc_port", 1},
        {"rpc_threads", 4},
        {"rpc_max_connections", 10},
        {"p2p_enabled", false},
        {"p2p_bind", "127.0.0.1"},
        {"p2p_port", 0},
        {"persistent_peers",
         {std::string(64, 'a') + "@127.0.0.1:26651", "example.org:26656", "[::1]:9000"}},
        {"seeds", {"seed.example:1"}},
        {"max_inbound_peers", 7},
        {"max_outbound_peers", 3},
        {"max_frame_bytes", 65536},
        {"ban_duration_ms", 60000},
        {"ban_score", 50},
        {"timeout_propose_ms", 100},
        {"timeout_propose_delta_ms", 10},
        {"timeout_prevote_ms", 200},
        {"timeout_prevote_delta_ms", 20},
        {"timeout_precommit_ms", 300},
        {"timeout_precommit_delta_ms", 0},
        {"block_time_ms", 250},
        {"max_block_txs", 5},
        {"mempool_max_txs", 6},
        {"state_versions_kept", 7}};
    NodeOptions o;
    auto r = load(j, o);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    const auto base = m_dir.path();
    EXPECT_EQ(o.datadir, base / "data");
    EXPECT_EQ(o.genesis_file, base / "g.json");
    EXPECT_EQ(o.validator_key_file, std::filesystem::path("/abs/vk"));
    EXPECT_EQ(o.node_key_file, base / "nk");
    EXPECT_EQ(o.rpc.bind_address, "0.0.0.0");
    EXPECT_EQ(o.rpc.port, 1);
    EXPECT_EQ(o.rpc.threads, 4);
    EXPECT_EQ(o.rpc.max_connections, 10u);
    EXPECT_FALSE(o.p2p_enabled);
    EXPECT_EQ(o.p2p.bind, "127.0.0.1");
    EXPECT_EQ(o.p2p.port, 0);
    EXPECT_EQ(o.p2p.persistent_peers,
              (std::vector<std::string>{std::string(64, 'a') + "@127.0.0.1:26651",
                                        "example.org:26656", "[::1]:9000"}));
    EXPECT_EQ(o.p2p.seeds, std::vector<std::string>{"seed.example:1"});
    EXPECT_EQ(o.p2p.max_inbound, 7u);
    EXPECT_EQ(o.p2p.max_outbound, 3u);
    EXPECT_EQ(o.p2p.max_frame_bytes, 65536u);
    EXPECT_EQ(o.p2p.ban_duration, std::chrono::milliseconds(60000));
    EXPECT_EQ(o.p2p.ban_score, 50u);
    EXPECT_EQ(o.consensus.machine.timeout_propose_ms, 100u);
    EXPECT_EQ(o.consensus.machine.timeout_propose_delta_ms, 10u);
    EXPECT_EQ(o.consensus.machine.timeout_prevote_ms, 200u);
    EXPECT_EQ(o.consensus.machine.timeout_prevote_delta_ms, 20u);
    EXPECT_EQ(o.consensus.machine.timeout_precommit_ms, 300u);
    EXPECT_EQ(o.consensus.machine.timeout_precommit_delta_ms, 0u);
    EXPECT_EQ(o.consensus.commit_wait, std::chrono::milliseconds(250));
    EXPECT_EQ(o.consensus.max_block_txs, 5u);
    EXPECT_EQ(o.mempool.max_txs, 6u);
    EXPECT_EQ(o.state_versions_kept, 7u);
}

TEST_F(ConfigFile, DotDatadirIsTheFilesDirectory) {
    NodeOptions o;
    ASSERT_TRUE(load({{"datadir", "."}, {"genesis_file", "./g.json"}}, o).ok());
    EXPECT_EQ(o.datadir, m_dir.path());
    EXPECT_EQ(o.genesis_file, m_dir.path() / "./g.json");
}

TEST_F(ConfigFile, AbsentKeysKeepTheirValues) {
    NodeOptions o;
    o.p2p.persistent_peers = {"a.example:1"};
    o.consensus.machine.timeout_prevote_ms = 42;
    ASSERT_TRUE(load(json::object(), o).ok());
    EXPECT_EQ(o.p2p.persistent_peers, std::vector<std::string>{"a.example:1"});
    EXPECT_EQ(o.consensus.machine.timeout_prevote_ms, 42u);
    EXPECT_TRUE(o.p2p_enabled);
    EXPECT_FALSE(o.node_key_file.has_value());
}

TEST_F(ConfigFile, EmptyPeerListClearsPeers) {
    NodeOptions o;
    o.p2p.seeds = {"a.example:1"};
    ASSERT_TRUE(load({{"seeds", json::array()}}, o).ok());
    EXPECT_TRUE(o.p2p.seeds.empty());
}

TEST_F(ConfigFile, RefusesUnknownKeys) {
    expect_bad({{"p2p_peers", json::array()}}, "p2p_peers");
}

TEST_F(ConfigFile, RefusesWrongTypes) {
    expect_bad({{"p2p_enabled", 1}}, "p2p_enabled");
    expect_bad({{"p2p_enabled", "true"}}, "p2p_enabled");
    expect_bad({{"p2p_bind", 5}}, "p2p_bind");
    expect_bad({{"node_key_file", true}}, "node_key_file");
    expect_bad({{"persistent_peers", "a.example:1"}}, "persistent_peers");
    expect_bad({{"persistent_peers", {1}}}, "persistent_peers[0]");
    expect_bad({{"seeds", {"a.example:1", nullptr}}}, "seeds[1]");
    expect_bad({{"ban_score", -1}}, "ban_score");
    expect_bad({{"ban_score", 1.5}}, "ban_score");
    expect_bad({{"timeout_propose_ms", "3000"}}, "timeout_propose_ms");
    expect_bad({{"max_frame_bytes", nullptr}}, "max_frame_bytes");
}

TEST_F(ConfigFile, RefusesOutOfRangeValues) {
    expect_bad({{"p2p_port", 65536}}, "p2p_port");
    expect_bad({{"rpc_port", 70000}}, "rpc_port");
    expect_bad({{"max_frame_bytes", 0}}, "max_frame_bytes");
    expect_bad({{"max_frame_bytes", 1u << 30}}, "max_frame_bytes");
    expect_bad({{"max_inbound_peers", 5000}}, "max_inbound_peers");
    expect_bad({{"max_outbound_peers", 5000}}, "max_outbound_peers");
    expect_bad({{"ban_score", 0}}, "ban_score");
    expect_bad({{"ban_duration_ms", uint64_t{1} << 62}}, "ban_duration_ms");
    expect_bad({{"timeout_propose_ms", 0}}, "timeout_propose_ms");
    expect_bad({{"timeout_prevote_ms", 0}}, "timeout_prevote_ms");
    expect_bad({{"timeout_precommit_ms", 600'001}}, "timeout_precommit_ms");
    expect_bad({{"timeout_propose_delta_ms", 600'001}}, "timeout_propose_delta_ms");
    expect_bad({{"timeout_prevote_delta_ms", 600'001}}, "timeout_prevote_delta_ms");
    expect_bad({{"timeout_precommit_delta_ms", 600'001}}, "timeout_precommit_delta_ms");
    expect_bad({{"block_time_ms", 5}}, "block_time_ms");
    expect_bad({{"rpc_threads", 0}}, "rpc_threads");
    expect_bad({{"state_versions_kept", 0}}, "state_versions_kept");
    expect_bad({{"p2p_bind", ""}}, "p2p_bind");
    expect_bad({{"genesis_file", ""}}, "genesis_file");
}

TEST_F(ConfigFile, RefusesMalformedPeers) {
    for (const char* peer : {"", "host", "host:", "host:0", "host:65536", "host:12ab", ":26656",
                             "abc@127.0.0.1:26656", "::1:26656", "[::1:26656", "a@b@c:1"}) {
        expect_bad({{"persistent_peers", {peer}}}, "persistent_peers[0]");
    }
    expect_bad({{"seeds", std::vector<std::string>(1025, "a.example:1")}}, "seeds");
}

TEST_F(ConfigFile, RefusesFilesThatAreNotAnObject) {
    NodeOptions o;
    for (const char* text : {"", "[]", "{\"rpc_port\": 1", "null"}) {
        auto r = load_config_file(write(text), o);
        ASSERT_FALSE(r.ok()) << text;
        EXPECT_EQ(r.error().reason, "bad_config");
    }
    auto missing = load_config_file(m_dir.path() / "absent.json", o);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().reason, "bad_config");
}

TEST_F(ConfigFile, RefusesHugeFiles) {
    NodeOptions o;
    auto r = load_config_file(write("{\"datadir\": \"" + std::string(2 << 20, 'x') + "\"}"), o);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "bad_config");
}

}  // namespace
}  // namespace azora::node
