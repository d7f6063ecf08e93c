// Two and three Hosts on loopback: hellos, application messages, broadcast, and the hello checks
// that refuse a peer.
#include <gtest/gtest.h>

#include "tests/p2p/harness.hpp"

namespace azora::p2p::test {
namespace {

TEST(HostConnect, TwoHostsExchangeMessagesBothWays) {
    auto a = start_node(test_options(1));
    auto b_opts = test_options(2);
    b_opts.persistent_peers = {a->address()};
    auto b = start_node(std::move(b_opts));

    ASSERT_TRUE(eventually(
        [&] { return a->handler().connected_to(b->id()) && b->handler().connected_to(a->id()); }));
    a->host().send(b->id(), 0x10, Bytes{1, 2, 3});
    b->host().send(a->id(), 0x11, Bytes{4});
    b->host().send(a->id(), 0x11, Bytes{});
    ASSERT_TRUE(eventually([&] { return b->handler().messages(a->id(), 0x10).size() == 1; }));
    ASSERT_TRUE(eventually([&] { return a->handler().messages(b->id(), 0x11).size() == 2; }));
    EXPECT_EQ(b->handler().messages(a->id(), 0x10)[0], (Bytes{1, 2, 3}));
    EXPECT_EQ(a->handler().messages(b->id(), 0x11)[0], (Bytes{4}));
    EXPECT_TRUE(a->handler().messages(b->id(), 0x11)[1].empty());

    auto b_peers = b->host().peers();
    ASSERT_EQ(b_peers.size(), 1u);
    EXPECT_EQ(b_peers[0].id, a->id());
    EXPECT_TRUE(b_peers[0].outbound);
    EXPECT_TRUE(b_peers[0].persistent);
    EXPECT_EQ(b_peers[0].listen_port, a->host().port());
    EXPECT_EQ(b_peers[0].remote_address, "127.0.0.1:" + std::to_string(a->host().port()));
    EXPECT_GT(b_peers[0].bytes_in, 0u);
    EXPECT_GT(b_peers[0].bytes_out, 0u);
    auto a_peers = a->host().peers();
    ASSERT_EQ(a_peers.size(), 1u);
    EXPECT_FALSE(a_peers[0].outbound);
    EXPECT_FALSE(a_peers[0].persistent);
    EXPECT_EQ(a_peers[0].listen_port, b->host().port());
    EXPECT_EQ(a_peers[0].score, 0u);

    // Sending to a peer that is not connected is a no-op.
    a->host().send(test_key(99).public_key(), 0x10, Bytes{1});
}

TEST(HostConnect, BroadcastReachesEveryPeerExceptTheExcludedOne) {
    auto a = start_node(test_options(1));
    auto b_opts = test_options(2);
    b_opts.persistent_peers = {a->address()};
    auto b = start_node(std::move(b_opts));
    auto c_opts = test_options(3);
    c_opts.persistent_peers = {a->address()};
    auto c = start_node(std::move(c_opts));
    ASSERT_TRUE(eventually([&] { return a->host().peers().size() == 2; }));

    a->host().broadcast(0x20, Bytes{7});
    ASSERT_TRUE(eventually([&] {
        return b->handler().messages(a->id(), 0x20).size() == 1 &&
               c->handler().messages(a->id(), 0x20).size() == 1;
    }));

    a->host().broadcast(0x21, Bytes{8}, b->id());
    a->host().broadcast(0x22, Bytes{9});
    ASSERT_TRUE(eventually([&] {
        return b->handler().messages(a->id(), 0x22).size() == 1 &&
               c->handler().messages(a->id(), 0x22).size() == 1;
    }));
    // Frames arrive in order on each connection, so B would have seen 0x21 before 0x22.
    EXPECT_TRUE(b->handler().messages(a->id(), 0x21).empty());
    EXPECT_EQ(c->handler().messages(a->id(), 0x21).size(), 1u);
}

TEST(HostConnect, MutualDialsSettleOnOneConnection) {
    auto a_opts = test_options(1);
    auto b_opts = test_options(2);
    // Both listen before either dials, so the dials usually cross.
    auto a = start_node(a_opts);
    auto b = start_node(b_opts);
    ASSERT_TRUE(a->host().add_peer(b->address(), true).ok());
    ASSERT_TRUE(b->host().add_peer(a->address(), true).ok());
    // Both ends keep the connection dialled by the smaller node id: if the larger one's dial
    // completes first, the smaller dials back and its connection replaces that one.
    const bool a_dials = a->id() < b->id();
    auto settled = [&] {
        auto pa = a->host().peers();
        auto pb = b->host().peers();
        return pa.size() == 1 && pb.size() == 1 && pa[0].outbound == a_dials &&
               pb[0].outbound == !a_dials && a->handler().connected_to(b->id()) &&
               b->handler().connected_to(a->id());
    };
    ASSERT_TRUE(eventually(settled));
    const size_t a_drops = a->handler().disconnects();
    const size_t b_drops = b->handler().disconnects();
    EXPECT_FALSE(eventually(
        [&] {
            return a->handler().disconnects() != a_drops || b->handler().disconnects() != b_drops;
        },
        300ms));
    EXPECT_TRUE(settled());
    a->host().send(b->id(), 0x10, Bytes{1});
    b->host().send(a->id(), 0x10, Bytes{2});
    EXPECT_TRUE(eventually([&] {
        return b->handler().messages(a->id(), 0x10).size() == 1 &&
               a->handler().messages(b->id(), 0x10).size() == 1;
    }));
}

TEST(HostConnect, PersistentFullMeshSettlesOnOneConnectionPerPair) {
    // Every node is a persistent peer of every other, as in a local validator network, so
    // dials cross on every pair at once.
    constexpr size_t kNodes = 5;
    std::vector<std::unique_ptr<TestNode>> nodes;
    for (size_t i = 0; i < kNodes; ++i) {
        nodes.push_back(start_node(test_options(static_cast<uint8_t>(i + 1))));
    }
    for (auto& node : nodes) {
        for (auto& other : nodes) {
            if (other != node) {
                ASSERT_TRUE(node->host().add_peer(other->address(), true).ok());
            }
        }
    }
    // Each pair holds exactly one connection, the same one at both ends: dialled by the smaller
    // node id, so outbound there and inbound at the other end. Each Handler was told it is up.
    auto meshed = [&] {
        std::vector<std::vector<PeerInfo>> peers;
        for (auto& node : nodes) {
            peers.push_back(node->host().peers());
            if (peers.back().size() != kNodes - 1) {
                return false;
            }
        }
        auto find = [&](size_t i, const NodeId& id) -> const PeerInfo* {
            for (const auto& p : peers[i]) {
                if (p.id == id) {
                    return &p;
                }
            }
            return nullptr;
        };
        for (size_t i = 0; i < kNodes; ++i) {
            for (size_t j = i + 1; j < kNodes; ++j) {
                const PeerInfo* ij = find(i, nodes[j]->id());
                const PeerInfo* ji = find(j, nodes[i]->id());
                const bool i_dials = nodes[i]->id() < nodes[j]->id();
                if (!ij || !ji || ij->outbound != i_dials || ji->outbound == i_dials ||
                    !ij->persistent || !ji->persistent ||
                    !nodes[i]->handler().connected_to(nodes[j]->id()) ||
                    !nodes[j]->handler().connected_to(nodes[i]->id())) {
                    return false;
                }
            }
        }
        return true;
    };
    ASSERT_TRUE(eventually(meshed));
    std::vector<size_t> drops;
    for (auto& node : nodes) {
        drops.push_back(node->handler().disconnects());
    }
    EXPECT_FALSE(eventually(
        [&] {
            for (size_t i = 0; i < kNodes; ++i) {
                if (nodes[i]->handler().disconnects() != drops[i]) {
                    return true;
                }
            }
            return false;
        },
        300ms));
    EXPECT_TRUE(meshed());
    // Messages flow both ways on every link.
    for (size_t i = 0; i < kNodes; ++i) {
        nodes[i]->host().broadcast(0x10, Bytes{static_cast<uint8_t>(i)});
    }
    EXPECT_TRUE(eventually([&] {
        for (size_t i = 0; i < kNodes; ++i) {
            for (size_t j = 0; j < kNodes; ++j) {
                if (i != j && nodes[j]->handler().messages(nodes[i]->id(), 0x10) !=
                                  std::vector<Bytes>{Bytes{static_cast<uint8_t>(i)}}) {
                    return false;
                }
            }
        }
        return true;
    }));
}

TEST(HostConnect, WrongChainIsRefusedAndBanned) {
    auto a = start_node(test_options(1));
    auto x_opts = test_options(2);
    x_opts.chain_id = "azora-other";
    x_opts.persistent_peers = {a->address()};
    auto x = start_node(std::move(x_opts));

    ASSERT_TRUE(eventually([&] { return a->banned("node:" + node_id_hex(x->id())); }));
    EXPECT_TRUE(eventually([&] { return a->logged("wrong_chain"); }));
    EXPECT_TRUE(eventually([&] { return x->logged("wrong_chain"); }));
    EXPECT_TRUE(a->host().peers().empty());
    EXPECT_FALSE(a->handler().connected_to(x->id()));
    auto bans = a->host().bans();
    ASSERT_EQ(bans.size(), 1u);
    EXPECT_EQ(bans[0].reason, "wrong_chain");
    EXPECT_GT(bans[0].remaining_ms, 50'000u);
    // X banned A in turn. The same key on the right chain is still refused at A.
    EXPECT_TRUE(eventually([&] { return x->banned("node:" + node_id_hex(a->id())); }));
    x.reset();
    auto y_opts = test_options(2);
    y_opts.persistent_peers = {a->address()};
    auto y = start_node(std::move(y_opts));
    ASSERT_TRUE(eventually([&] { return a->logged(node_id_hex(y->id()) + "): banned"); }));
    EXPECT_FALSE(a->handler().connected_to(y->id()));
}

TEST(HostConnect, WrongGenesisIsRefusedAndBanned) {
    auto a = start_node(test_options(1));
    auto x_opts = test_options(2);
    x_opts.genesis_hash[0] ^= 1;
    x_opts.persistent_peers = {a->address()};
    auto x = start_node(std::move(x_opts));
    ASSERT_TRUE(eventually([&] { return a->banned("node:" + node_id_hex(x->id())); }));
    EXPECT_TRUE(eventually([&] { return a->logged("wrong_genesis"); }));
    EXPECT_TRUE(a->host().peers().empty());
}

TEST(HostConnect, WrongVersionIsRefusedWithoutBan) {
    auto a = start_node(test_options(1));
    auto x_opts = test_options(2);
    x_opts.protocol_version = 2;
    x_opts.persistent_peers = {a->address()};
    auto x = start_node(std::move(x_opts));
    ASSERT_TRUE(eventually([&] { return a->logged("wrong_version"); }));
    EXPECT_TRUE(a->host().peers().empty());
    EXPECT_TRUE(a->host().bans().empty());
}

TEST(HostConnect, DialledNodeIdMustMatch) {
    auto a = start_node(test_options(1));
    auto b_opts = test_options(2);
    b_opts.persistent_peers = {node_id_hex(test_key(9).public_key()) +
                               "@127.0.0.1:" + std::to_string(a->host().port())};
    auto b = start_node(std::move(b_opts));
    ASSERT_TRUE(eventually([&] { return b->logged("wrong_node_id"); }));
    // A may dial B back (it learned B's listen port); B's own dial never succeeds.
    for (const auto& p : b->host().peers()) {
        EXPECT_FALSE(p.outbound);
    }
}

TEST(HostConnect, SelfConnectionIsRefused) {
    auto a = start_node(test_options(1));
    ASSERT_TRUE(a->host().add_peer("127.0.0.1:" + std::to_string(a->host().port()), false).ok());
    ASSERT_TRUE(eventually([&] { return a->logged("self_connection"); }));
    EXPECT_TRUE(a->host().peers().empty());
    EXPECT_TRUE(a->host().bans().empty());
}

TEST(HostConnect, InboundLimitIsEnforced) {
    auto a_opts = test_options(1);
    a_opts.max_inbound = 1;
    auto a = start_node(std::move(a_opts));
    auto b_opts = test_options(2);
    b_opts.persistent_peers = {a->address()};
    auto b = start_node(std::move(b_opts));
    ASSERT_TRUE(eventually([&] { return a->has_peer(b->id()); }));

    auto c_opts = test_options(3);
    c_opts.persistent_peers = {a->address()};
    auto c = start_node(std::move(c_opts));
    ASSERT_TRUE(eventually([&] { return a->logged("inbound_limit"); }));
    EXPECT_EQ(a->host().peers().size(), 1u);
    EXPECT_FALSE(c->has_peer(a->id()));
}

TEST(HostConnect, BadAddressesAndUnknownPeersAreErrors) {
    auto a = start_node(test_options(1));
    EXPECT_EQ(a->host().add_peer("nonsense", true).error().reason, "bad_address");
    EXPECT_EQ(a->host().remove_peer(test_key(5).public_key()).error().reason, "unknown_peer");

    auto opts = test_options(2);
    opts.seeds = {"host-without-port"};
    Host bad(std::move(opts), a->handler());
    EXPECT_EQ(bad.start().error().reason, "bad_address");

    auto taken = test_options(3);
    taken.port = a->host().port();
    Host clash(std::move(taken), a->handler());
    EXPECT_EQ(clash.start().error().reason, "p2p_bind");
}

TEST(HostConnect, RemovePeerDisconnectsAndForgetsIt) {
    auto a = start_node(test_options(1));
    auto b = start_node(test_options(2));
    ASSERT_TRUE(b->host().add_peer(a->address(), true).ok());
    ASSERT_TRUE(eventually([&] { return b->has_peer(a->id()); }));
    ASSERT_TRUE(b->host().remove_peer(a->id()).ok());
    ASSERT_TRUE(eventually([&] { return b->handler().disconnects() == 1; }));
    EXPECT_TRUE(eventually([&] { return b->logged("): removed"); }));
    // A may dial B back (it learned B's listen port); B itself never redials A (its redial
    // delay is 50 ms, so 300 ms would see one).
    auto b_dialled_a = [&] {
        for (const auto& p : b->host().peers()) {
            if (p.outbound || p.persistent) {
                return true;
            }
        }
        return false;
    };
    EXPECT_FALSE(eventually(b_dialled_a, 300ms));
    EXPECT_FALSE(b->host().remove_peer(test_key(77).public_key()).ok());
}

}  // namespace
}  // namespace azora::p2p::test
