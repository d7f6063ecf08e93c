// The network against peers played by the test process over the real P2P transport: a
// Byzantine validator whose equivocation ends up as evidence in a block, and hostile
// connections that are closed and banned while the node keeps finalizing.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "consensus/vote.hpp"
#include "node/messages.hpp"
#include "node/node.hpp"
#include "node/p2p/host.hpp"
#include "tests/integration/helpers.hpp"
#include "tests/integration/net_harness.hpp"
#include "tests/support/poll.hpp"

namespace azora::test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr std::chrono::milliseconds kNetTimeout{30'000};

Hash32 random_hash(std::mt19937_64& rng) {
    Hash32 h{};
    for (auto& b : h) {
        b = static_cast<uint8_t>(rng());
    }
    return h;
}

// Evidence items against `validator_index` in node k's blocks, scanning heights after
// `*scanned` up to its head and advancing `*scanned`.
Result<std::vector<json>> scan_evidence(LocalNet& net,
                                        size_t k,
                                        uint32_t validator_index,
                                        uint64_t* scanned) {
    std::vector<json> found;
    const auto head = net.height(k);
    for (uint64_t h = *scanned + 1; head && h <= *head; ++h) {
        AZORA_ASSIGN(json block, net.call(k, "chain_getBlock", json::array({h})));
        for (auto item : block.at("evidence")) {
            if (item.at("validator_index") == validator_index) {
                item["included_height"] = h;
                found.push_back(std::move(item));
            }
        }
        *scanned = h;
    }
    return found;
}

TEST(NetworkP2p, EquivocatingValidatorIsRecordedInABlock) {
    LocalNet net(net_options(4));
    ASSERT_TRUE(generate_fast(net));
    // Three of four equal validators are a quorum; the test process plays node3.
    ASSERT_TRUE(start_nodes(net, {0, 1, 2}));
    ASSERT_TRUE(wait_all_height(net, {0, 1, 2}, 1, kNetTimeout));

    ASSERT_OK_ASSIGN(const PrivateKey validator_key,
                     node::load_key_file(net.node(3).datadir / "validator_key"));
    ASSERT_OK_ASSIGN(PrivateKey node_key, node::load_key_file(net.node(3).datadir / "node_key"));
    ASSERT_OK_ASSIGN(p2p::P2pOptions options, peer_options(net, 0, std::move(node_key)));
    const std::string chain_id = options.chain_id;
    options.persistent_peers = {net.node(0).node_id + "@" + net.node(0).p2p};
    PeerRecorder recorder;
    p2p::Host host(std::move(options), recorder);
    ASSERT_OK(host.start());
    ASSERT_TRUE(poll_until([&] { return recorder.connected(); }, kNetTimeout)) << net.log_tail(0);

    // Two prevotes for different blocks at the (height, round) node0 is voting in; repeated
    // for each new one seen, as the height may move on before node0 reads them.
    std::mt19937_64 rng(20261123);
    std::optional<std::pair<uint64_t, uint32_t>> sent;
    uint64_t scanned = 0;
    std::vector<json> found;
    std::string scan_error;
    const bool recorded = poll_until(
        [&] {
            const auto at = recorder.latest_vote();
            if (at && at != sent) {
                for (int i = 0; i < 2; ++i) {
                    consensus::VoteData data;
                    data.type = consensus::VoteType::prevote;
                    data.chain_id = chain_id;
                    data.height = at->first;
                    data.round = at->second;
                    data.block_hash = random_hash(rng);
                    consensus::Vote vote{data, 3, consensus::sign_vote(validator_key, data)};
                    host.broadcast(static_cast<uint8_t>(node::MsgType::vote),
                                   node::VoteMsg::from_vote(vote).encode());
                }
                sent = at;
            }
            auto more = scan_evidence(net, 0, 3, &scanned);
            if (!more) {
                scan_error = more.error().to_string();
                return false;
            }
            found.insert(found.end(), more->begin(), more->end());
            return !found.empty();
        },
        kNetTimeout, 50ms);
    ASSERT_TRUE(recorded) << "no evidence against validator 3 in node0's blocks 1.." << scanned
                          << " " << scan_error << "\n"
                          << net.log_tail(0);
    const json& evidence = found.front();
    const uint64_t included = evidence.at("included_height");
    EXPECT_GT(included, 0u);
    EXPECT_EQ(evidence.at("type"), "prevote");
    EXPECT_EQ(evidence.at("validator_pubkey"), to_hex(validator_key.public_key()));
    EXPECT_NE(evidence.at("block_hash_a"), evidence.at("block_hash_b"));

    // Every node holds the same block with it, and lists it over RPC.
    ASSERT_TRUE(wait_all_height(net, {0, 1, 2}, included, kNetTimeout));
    for (size_t k : {0, 1, 2}) {
        ASSERT_OK_ASSIGN(const json block, net.call(k, "chain_getBlock", json::array({included})));
        const auto& items = block.at("evidence");
        EXPECT_TRUE(std::any_of(items.begin(), items.end(),
                                [&](const json& e) { return e.at("hash") == evidence.at("hash"); }))
            << "node" << k << ": " << block.dump();
        ASSERT_OK_ASSIGN(const json records, evidence_records(net, k));
        EXPECT_TRUE(std::any_of(records.begin(), records.end(),
                                [&](const json& r) {
                                    return r.at("hash") == evidence.at("hash") &&
                                           r.at("validator_index") == 3 &&
                                           r.at("included_height") == included;
                                }))
            << "node" << k << ": " << records.dump();
    }
    host.stop();
}

TEST(NetworkP2p, HostilePeersAreBannedWhileTheNodeKeepsFinalizing) {
    // Four validators, so node0 must go on finalizing with its honest peers on 127.0.0.1.
    const std::vector<size_t> all = {0, 1, 2, 3};
    LocalNet net(net_options(4));
    ASSERT_TRUE(generate_fast(net));
    ASSERT_TRUE(start_nodes(net, all));
    ASSERT_TRUE(wait_all_height(net, all, 1, kNetTimeout));
    ASSERT_OK_ASSIGN(const HostPort p2p_at, parse_host_port(net.node(0).p2p));

    // Plain TCP garbage instead of a TLS handshake; from 127.0.0.21 so the IP ban is its own.
    {
        RawTcp garbage("127.0.0.21", p2p_at.port);
        garbage.write(as_bytes("GET / HTTP/1.1\r\nHost: azora\r\n\r\n"));
        EXPECT_TRUE(garbage.wait_closed());
    }
    EXPECT_TRUE(poll_until(
        [&] {
            return logged_line(net, 0, {"ip:127.0.0.21", "bad_tls", "banned"});
        },
        kNetTimeout, 50ms))
        << net.log_tail(0);

    // A length prefix over max_frame_bytes (the node's default, 4 MiB), with no body.
    {
        RawTls oversize("127.0.0.22", p2p_at.port);
        const uint32_t length = (4u << 20) + 1;
        const Bytes prefix{static_cast<uint8_t>(length >> 24), static_cast<uint8_t>(length >> 16),
                           static_cast<uint8_t>(length >> 8), static_cast<uint8_t>(length)};
        oversize.write(prefix);
        EXPECT_TRUE(oversize.wait_closed());
    }
    EXPECT_TRUE(poll_until(
        [&] {
            return logged_line(net, 0, {"ip:127.0.0.22", "oversize_frame", "banned"});
        },
        kNetTimeout, 50ms))
        << net.log_tail(0);

    // A well-formed peer of another chain: refused at the hello and its node id banned.
    {
        ASSERT_OK_ASSIGN(p2p::P2pOptions options, peer_options(net, 0, PrivateKey::generate()));
        options.chain_id = "azora-other-1";
        options.persistent_peers = {net.node(0).node_id + "@" + net.node(0).p2p};
        const std::string who = "node:" + p2p::node_id_hex(options.node_key.public_key());
        PeerRecorder recorder;
        p2p::Host other(std::move(options), recorder);
        ASSERT_OK(other.start());
        EXPECT_TRUE(poll_until(
            [&] {
                return logged_line(net, 0, {who, "wrong_chain", "banned"});
            },
            kNetTimeout, 50ms))
            << net.log_tail(0);
        EXPECT_EQ(recorder.connects(), 0u);
        other.stop();
    }

    // None of it stopped the node: it answers RPC, its peers are exactly the honest validators
    // and it keeps finalizing with them.
    ASSERT_OK_ASSIGN(const json peers, net.call(0, "net_peers"));
    std::vector<std::string> ids;
    for (const auto& p : peers) {
        ids.push_back(p.at("node_id"));
    }
    std::sort(ids.begin(), ids.end());
    std::vector<std::string> honest = {net.node(1).node_id, net.node(2).node_id,
                                       net.node(3).node_id};
    std::sort(honest.begin(), honest.end());
    EXPECT_EQ(ids, honest) << peers.dump();
    const auto now = net.height(0);
    ASSERT_TRUE(now.has_value());
    EXPECT_TRUE(wait_all_height(net, all, *now + 2, kNetTimeout));
    EXPECT_TRUE(same_chain(net, all, *now + 2));
}

}  // namespace
}  // namespace azora::test
