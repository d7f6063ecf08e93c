// consensus_state, consensus_evidence, validator_list, net_peers and the admin_* peer methods
// over the dispatcher, on a dev chain with a fake P2P layer.
#include <gtest/gtest.h>

#include "consensus/evidence.hpp"
#include "node/rpc_methods.hpp"
#include "node_test_util.hpp"
#include "rpc/dispatcher.hpp"

namespace azora::node {
namespace {

using namespace azora::node::test;
using nlohmann::json;

// Records what the admin methods asked of the P2P layer.
class FakeNetwork : public NetworkControl {
public:
    std::vector<PeerSummary> peers() const override { return m_peers; }
    Result<void> add_peer(const std::string& address, bool persistent) override {
        if (address.find(':') == std::string::npos) {
            return Error::malformed("bad_address", "no port");
        }
        added.emplace_back(address, persistent);
        return {};
    }
    Result<void> remove_peer(const PeerId& id) override {
        if (id != m_peers.front().id) {
            return Error::rejected("unknown_peer", "not connected");
        }
        return {};
    }
    void ban_peer(const PeerId& id,
                  std::chrono::milliseconds duration,
                  std::string reason) override {
        bans.push_back({id, duration, std::move(reason)});
    }

    struct Ban {
        PeerId id;
        std::chrono::milliseconds duration;
        std::string reason;
    };
    std::vector<PeerSummary> m_peers{
        PeerSummary{PeerId{}, "127.0.0.1:5000", 5001, true, false, 7, 1234, 10, 20}};
    std::vector<std::pair<std::string, bool>> added;
    std::vector<Ban> bans;
};

class RpcNetworkMethodsTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto chain = open_chain_db(m_dir.path() / "chain", genesis::dev_genesis(),
                                   ChainOptions{kKeepVersions});
        ASSERT_TRUE(chain.ok()) << chain.error().to_string();
        m_chain = std::move(chain).value();
        m_backend = std::make_unique<RpcBackend>(
            RpcBackend{*m_chain, m_mempool, "9.9.9-test", /*validator=*/true, {}});
        ASSERT_TRUE(register_network_methods(m_table, *m_backend).ok());
    }

    json raw_call(const std::string& method, const json& params, bool admin = false) {
        const json request{{"jsonrpc", "2.0"}, {"id", 1}, {"method", method}, {"params", params}};
        rpc::CallContext context;
        context.authorized = admin;
        const std::string body = m_dispatcher.handle(request.dump(), context);
        json response = json::parse(body, nullptr, false);
        EXPECT_FALSE(response.is_discarded()) << body;
        return response;
    }
    json call(const std::string& method, const json& params = json::array(), bool admin = false) {
        json r = raw_call(method, params, admin);
        EXPECT_TRUE(r.contains("result")) << method << " " << params.dump() << " -> " << r.dump();
        return r.contains("result") ? r["result"] : json();
    }
    std::string error_reason(const std::string& method, const json& params, bool admin = false) {
        json r = raw_call(method, params, admin);
        EXPECT_TRUE(r.contains("error")) << method << " " << params.dump() << " -> " << r.dump();
        return r.contains("error") ? r["error"]["data"].value("reason", "") : "";
    }

    // Commits one block (dev validator) that carries `evidence`.
    void commit_with_evidence(const std::vector<ledger::Evidence>& evidence) {
        const PrivateKey key = genesis::dev_validator_key();
        const uint64_t time = genesis::dev_genesis().genesis_time_ms + 1000 * ++m_blocks;
        auto p = m_chain->build_block({}, time, Address::from_pubkey(key.public_key()), SIZE_MAX,
                                      evidence);
        ASSERT_TRUE(p.ok()) << p.error().to_string();
        ASSERT_EQ(p->block.evidence.size(), evidence.size());
        const ledger::Header header = p->block.header;
        auto commit = verified_commit(*m_chain, header, key);
        ASSERT_TRUE(commit.ok()) << commit.error().to_string();
        ASSERT_TRUE(m_chain->commit(std::move(p).value(), *commit).ok());
    }

    // The dev validator's two prevotes at `height` for two different blocks, as evidence.
    ledger::Evidence equivocation(uint64_t height, uint8_t tag) {
        const PrivateKey key = genesis::dev_validator_key();
        consensus::VoteData data{consensus::VoteType::prevote, genesis::dev_genesis().chain_id,
                                 height, 0, Hash32{}};
        data.block_hash[0] = tag;
        data.block_hash[1] = 1;
        const consensus::Vote a{data, 0, consensus::sign_vote(key, data)};
        data.block_hash[1] = 2;
        const consensus::Vote b{data, 0, consensus::sign_vote(key, data)};
        auto ev = consensus::make_evidence(a, b, m_chain->validators());
        EXPECT_TRUE(ev.ok()) << ev.error().to_string();
        return ev.ok() ? *ev : ledger::Evidence{};
    }

    TempDir m_dir;
    std::unique_ptr<Chain> m_chain;
    Mempool m_mempool{MempoolOptions{}};
    std::unique_ptr<RpcBackend> m_backend;
    rpc::MethodTable m_table;
    rpc::Dispatcher m_dispatcher{m_table};
    uint64_t m_blocks = 0;
};

TEST_F(RpcNetworkMethodsTest, ConsensusEvidenceIsEmptyOnANewChain) {
    const json page = call("consensus_evidence");
    EXPECT_EQ(page, (json{{"evidence", json::array()}, {"next_cursor", nullptr}}));
}

TEST_F(RpcNetworkMethodsTest, ConsensusEvidenceListsRecordedEvidenceInPages) {
    commit_with_evidence({});
    const ledger::Evidence first = equivocation(1, 1);
    const ledger::Evidence second = equivocation(1, 2);
    commit_with_evidence({first});
    commit_with_evidence({second, equivocation(2, 3)});

    const json all = call("consensus_evidence", json::array({nullptr, 1000}));
    ASSERT_EQ(all["evidence"].size(), 3u) << all.dump();
    EXPECT_TRUE(all["next_cursor"].is_null());
    for (size_t i = 1; i < 3; ++i) {
        EXPECT_LT(all["evidence"][i - 1]["hash"].get<std::string>(),
                  all["evidence"][i]["hash"].get<std::string>());
    }
    for (const auto& item : all["evidence"]) {
        const bool is_first = item["hash"] == to_hex(first.hash());
        EXPECT_EQ(item["included_height"], is_first ? 2u : 3u) << item.dump();
        EXPECT_EQ(item["type"], "prevote");
        EXPECT_EQ(item["validator_index"], 0u);
        EXPECT_EQ(item["validator_pubkey"], to_hex(genesis::dev_validator_key().public_key()));
        EXPECT_EQ(item["raw"].get<std::string>().size(), 2 * ledger::kDuplicateVoteEvidenceSize);
    }

    // Pages of two and one, each resuming after the previous page's cursor.
    const json page1 = call("consensus_evidence", json::array({nullptr, 2}));
    ASSERT_EQ(page1["evidence"].size(), 2u);
    EXPECT_EQ(page1["next_cursor"], all["evidence"][1]["hash"]);
    const json page2 = call("consensus_evidence", json{{"cursor", page1["next_cursor"]}});
    ASSERT_EQ(page2["evidence"].size(), 1u);
    EXPECT_EQ(page2["evidence"][0], all["evidence"][2]);
    EXPECT_TRUE(page2["next_cursor"].is_null());

    // A page that ends exactly at the last record says so.
    const json exact = call("consensus_evidence", json::array({nullptr, 3}));
    EXPECT_TRUE(exact["next_cursor"].is_null());
}

TEST_F(RpcNetworkMethodsTest, ConsensusEvidenceRefusesBadPageArguments) {
    EXPECT_EQ(error_reason("consensus_evidence", json::array({"zz"})), "invalid_params");
    EXPECT_EQ(error_reason("consensus_evidence", json::array({std::string(62, 'a')})),
              "invalid_params");
    EXPECT_EQ(error_reason("consensus_evidence", json::array({nullptr, 0})), "invalid_params");
    EXPECT_EQ(error_reason("consensus_evidence", json::array({nullptr, 1001})), "invalid_params");
    EXPECT_EQ(error_reason("consensus_evidence", json::array({nullptr, -1})), "invalid_params");
}

TEST_F(RpcNetworkMethodsTest, ConsensusStateNeedsARunningDriver) {
    EXPECT_EQ(error_reason("consensus_state", json::array()), "unavailable");
    m_backend->consensus_status = [] {
        ConsensusStatus s;
        s.height = 7;
        s.round = 2;
        s.step = consensus::Step::precommit;
        s.validator_index = 0;
        return s;
    };
    const json state = call("consensus_state");
    EXPECT_EQ(state["height"], 7u);
    EXPECT_EQ(state["round"], 2u);
    EXPECT_EQ(state["step"], "precommit");
    EXPECT_EQ(state["syncing"], false);
    EXPECT_TRUE(state["last_commit_time"].is_null());
    EXPECT_EQ(state["validator_index"], 0u);
}

TEST_F(RpcNetworkMethodsTest, ValidatorListShowsTheDevValidator) {
    const json list = call("validator_list");
    ASSERT_EQ(list["validators"].size(), 1u);
    const json& v = list["validators"][0];
    EXPECT_EQ(v["pubkey"], to_hex(genesis::dev_validator_key().public_key()));
    EXPECT_EQ(list["next_proposer"], v["address"]);
    EXPECT_EQ(list["total_power"], v["power"]);
    EXPECT_EQ(list["validators_hash"], to_hex(m_chain->validators().hash()));
}

TEST_F(RpcNetworkMethodsTest, PeerMethodsWithoutP2p) {
    EXPECT_EQ(call("net_peers"), json::array());
    EXPECT_EQ(error_reason("admin_addPeer", json::array({"127.0.0.1:1"}), true), "p2p_disabled");
    EXPECT_EQ(error_reason("admin_removePeer", json::array({std::string(64, '0')}), true),
              "p2p_disabled");
}

TEST_F(RpcNetworkMethodsTest, AdminPeerMethodsReachTheNetworkAndCheckArguments) {
    FakeNetwork net;
    m_backend->network = &net;
    const json peers = call("net_peers");
    ASSERT_EQ(peers.size(), 1u);
    EXPECT_EQ(peers[0]["remote_address"], "127.0.0.1:5000");
    EXPECT_EQ(peers[0]["score"], 7u);

    // Admin only.
    EXPECT_EQ(error_reason("admin_addPeer", json::array({"127.0.0.1:1"})), "unauthorized");

    EXPECT_EQ(call("admin_addPeer", json::array({"127.0.0.1:1", true}), true)["added"], true);
    ASSERT_EQ(net.added.size(), 1u);
    EXPECT_EQ(net.added[0], std::make_pair(std::string("127.0.0.1:1"), true));
    EXPECT_EQ(error_reason("admin_addPeer", json::array({"nowhere"}), true), "bad_address");

    const std::string id(64, '0');
    EXPECT_EQ(call("admin_removePeer", json::array({id}), true)["removed"], true);
    EXPECT_EQ(error_reason("admin_removePeer", json::array({std::string(64, '1')}), true),
              "unknown_peer");
    EXPECT_EQ(error_reason("admin_removePeer", json::array({"abc"}), true), "invalid_params");

    const json ban = call("admin_banPeer", json::array({id, 60'000, "spam"}), true);
    EXPECT_EQ(ban["duration_ms"], 60'000u);
    ASSERT_EQ(net.bans.size(), 1u);
    EXPECT_EQ(net.bans[0].duration, std::chrono::milliseconds(60'000));
    EXPECT_EQ(net.bans[0].reason, "spam");
    EXPECT_EQ(call("admin_banPeer", json::array({id}), true)["duration_ms"], 24u * 3'600'000);
    EXPECT_EQ(error_reason("admin_banPeer", json::array({id, 0}), true), "invalid_params");
    EXPECT_EQ(error_reason("admin_banPeer", json::array({id, 366ull * 24 * 3'600'000}), true),
              "invalid_params");
    EXPECT_EQ(net.bans.size(), 2u);
}

}  // namespace
}  // namespace azora::node
