// Redialling, peer exchange and the timers that drop silent connections.
#include <gtest/gtest.h>

#include <functional>
#include <thread>

#include "node/p2p/host_impl.hpp"
#include "tests/p2p/harness.hpp"

namespace azora::p2p::test {
namespace {

TEST(HostDial, PersistentPeerIsRedialledAfterItRestarts) {
    auto b = start_node(test_options(2));
    const uint16_t b_port = b->host().port();
    auto a_opts = test_options(1);
    a_opts.persistent_peers = {b->address()};
    auto a = start_node(std::move(a_opts));
    ASSERT_TRUE(eventually([&] { return a->handler().connected_to(test_key(2).public_key()); }));

    b.reset();
    ASSERT_TRUE(eventually([&] { return !a->handler().connected_to(test_key(2).public_key()); }));
    EXPECT_EQ(a->handler().disconnects(), 1u);
    // A's redials fail while nothing listens; the backoff stays under reconnect_max.
    ASSERT_TRUE(eventually([&] { return a->logged("failed"); }));

    auto b2_opts = test_options(2);
    b2_opts.port = b_port;
    auto b2 = start_node(std::move(b2_opts));
    ASSERT_TRUE(eventually([&] { return a->handler().connected_to(b2->id()); }));
    auto peers = a->host().peers();
    ASSERT_EQ(peers.size(), 1u);
    EXPECT_TRUE(peers[0].outbound);
    EXPECT_TRUE(peers[0].persistent);
}

TEST(HostDial, PersistentPeerIsRedialledWhenTheConnectionItDidNotDialDrops) {
    // A and B list each other; the surviving connection is A's (the smaller id dials).
    auto a = start_node(test_options(1));
    auto b = start_node(test_options(2));
    ASSERT_LT(a->id(), b->id());
    ASSERT_TRUE(a->host().add_peer(b->address(), true).ok());
    ASSERT_TRUE(b->host().add_peer(a->address(), true).ok());
    auto a_holds = [&](bool a_outbound) {
        auto pa = a->host().peers();
        auto pb = b->host().peers();
        return pa.size() == 1 && pb.size() == 1 && pa[0].outbound == a_outbound &&
               pb[0].outbound == !a_outbound;
    };
    ASSERT_TRUE(eventually([&] { return a_holds(true); }));

    // A restarts on its port knowing no peers. B's own dial was at best refused as a duplicate,
    // but B must dial A again, and both ends then hold B's connection.
    const uint16_t a_port = a->host().port();
    const size_t b_drops = b->handler().disconnects();
    a.reset();
    ASSERT_TRUE(eventually([&] { return b->handler().disconnects() > b_drops; }));
    auto a2_opts = test_options(1);
    a2_opts.port = a_port;
    a = start_node(std::move(a2_opts));
    ASSERT_TRUE(eventually([&] { return a_holds(false); }));
    EXPECT_TRUE(b->handler().connected_to(a->id()));
    EXPECT_TRUE(a->handler().connected_to(b->id()));
}

TEST(HostDial, PeerExchangeFindsAPeerOfAPeer) {
    auto c = start_node(test_options(3));
    auto b_opts = test_options(2);
    b_opts.persistent_peers = {c->address()};
    auto b = start_node(std::move(b_opts));
    auto a_opts = test_options(1);
    a_opts.persistent_peers = {b->address()};
    auto a = start_node(std::move(a_opts));

    ASSERT_TRUE(eventually([&] { return a->has_peer(c->id()) && c->has_peer(a->id()); }));
    for (const auto& p : a->host().peers()) {
        if (p.id == c->id()) {
            EXPECT_TRUE(p.outbound);
            EXPECT_FALSE(p.persistent);
        }
    }
}

TEST(HostDial, SeedsAreDialled) {
    auto s = start_node(test_options(3));
    auto a_opts = test_options(1);
    a_opts.seeds = {"127.0.0.1:" + std::to_string(s->host().port())};
    auto a = start_node(std::move(a_opts));
    ASSERT_TRUE(eventually([&] { return a->has_peer(s->id()); }));
}

TEST(HostDial, OutboundLimitCapsAddressBookDials) {
    auto b = start_node(test_options(2));
    auto c = start_node(test_options(3));
    auto a_opts = test_options(1);
    a_opts.max_outbound = 1;
    a_opts.seeds = {b->address(), c->address()};
    auto a = start_node(std::move(a_opts));
    ASSERT_TRUE(eventually([&] { return a->host().peers().size() == 1; }));
    // No second outbound connection appears.
    EXPECT_FALSE(eventually([&] { return a->host().peers().size() > 1; }, 300ms));
}

TEST(HostDial, SilentTcpClientHitsTheHandshakeTimeoutWithoutBan) {
    auto a_opts = test_options(1);
    a_opts.handshake_timeout = 200ms;
    auto a = start_node(std::move(a_opts));
    RawClient silent("127.0.0.20", a->host().port());
    EXPECT_TRUE(silent.wait_closed(3000ms));
    EXPECT_TRUE(eventually([&] { return a->logged("handshake_timeout"); }));
    EXPECT_TRUE(a->host().bans().empty());
}

// A peer killed (or refusing) in the middle of the TLS handshake is a lost connection, not
// garbage: banning its IP would also ban every honest node behind that IP (all of a local
// network's nodes are 127.0.0.1), and they would ban each other in turn.
TEST(HostDial, ClientGoneMidHandshakeIsNotBanned) {
    auto a = start_node(test_options(1));
    {
        RawClient vanishing("127.0.0.25", a->host().port());
        // The start of a TLS ClientHello record: a record header and a handshake header.
        vanishing.write(Bytes{0x16, 0x03, 0x01, 0x00, 0xc8, 0x01, 0x00, 0x00, 0xc4, 0x03, 0x03});
    }
    ASSERT_TRUE(eventually([&] {
        return a->logged("inbound 127.0.0.25:") &&
               a->logged("closed before hello: connection_closed");
    }));
    EXPECT_TRUE(a->host().bans().empty());
    EXPECT_FALSE(a->logged("bad_tls"));
}

TEST(HostDial, DialClosedBeforeTlsIsNotPunished) {
    // A listener that hangs up on every connection, as a node does to an address it bans.
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor listener(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    std::function<void()> hang_up = [&] {
        listener.async_accept([&](boost::system::error_code ec, boost::asio::ip::tcp::socket s) {
            if (!ec) {
                s.close();
                hang_up();
            }
        });
    };
    hang_up();
    std::thread server([&] { io.run(); });
    auto opts = test_options(1);
    opts.persistent_peers = {node_id_hex(test_key(9).public_key()) +
                             "@127.0.0.1:" + std::to_string(listener.local_endpoint().port())};
    auto b = start_node(std::move(opts));
    EXPECT_TRUE(eventually([&] { return b->logged("failed: connection_closed"); }));
    EXPECT_TRUE(b->host().bans().empty());
    b.reset();
    boost::asio::post(io, [&] { listener.close(); });
    server.join();
}

TEST(HostDial, OneIpCannotHoldEveryInboundSlot) {
    auto a = start_node(test_options(1));  // max_inbound 40
    std::vector<std::unique_ptr<RawClient>> silent;
    for (size_t i = 0; i < kMaxPendingPerIp; ++i) {
        silent.push_back(std::make_unique<RawClient>("127.0.0.23", a->host().port()));
    }
    RawClient one_more("127.0.0.23", a->host().port());
    EXPECT_TRUE(one_more.wait_closed());
    EXPECT_TRUE(eventually([&] { return a->logged("127.0.0.23: too_many_pending"); }));
    // Another address still gets in.
    auto b_opts = test_options(2);
    b_opts.persistent_peers = {a->address()};
    auto b = start_node(std::move(b_opts));
    EXPECT_TRUE(eventually([&] { return a->has_peer(b->id()); }));
}

TEST(HostDial, OneIpCannotHoldEveryEstablishedInboundSlot) {
    auto a_opts = test_options(1);  // max_inbound 40
    a_opts.ping_timeout = 60s;      // the sybils below never answer a ping
    auto a = start_node(std::move(a_opts));
    // Sybils: fresh keys, valid hellos, one address.
    std::vector<std::unique_ptr<TlsClient>> sybils;
    for (size_t i = 0; i < kMaxInboundPerIp; ++i) {
        sybils.push_back(std::make_unique<TlsClient>("127.0.0.26", a->host().port()));
        sybils.back()->send_hello(test_options(static_cast<uint8_t>(100 + i)));
        ASSERT_TRUE(eventually([&] { return a->host().peers().size() == i + 1; }));
    }
    TlsClient one_more("127.0.0.26", a->host().port());
    one_more.send_hello(test_options(120));
    EXPECT_TRUE(one_more.wait_closed());
    EXPECT_TRUE(eventually([&] { return a->logged("too_many_from_ip"); }));
    EXPECT_EQ(a->host().peers().size(), kMaxInboundPerIp);
    EXPECT_TRUE(a->host().bans().empty());
    // A persistent peer from that same address still gets in.
    auto b_opts = test_options(2);
    ASSERT_TRUE(
        a->host().add_peer(node_id_hex(test_key(2).public_key()) + "@127.0.0.26:1", true).ok());
    TlsClient persistent("127.0.0.26", a->host().port());
    persistent.send_hello(b_opts);
    EXPECT_TRUE(eventually([&] { return a->has_peer(test_key(2).public_key()); }));
}

TEST(HostDial, PeerThatStopsAnsweringIsDropped) {
    auto a_opts = test_options(1);
    a_opts.ping_interval = 50ms;
    a_opts.ping_timeout = 300ms;
    auto a = start_node(std::move(a_opts));
    auto opts = test_options(4);
    TlsClient mute("127.0.0.21", a->host().port());
    mute.send_hello(opts);
    ASSERT_TRUE(eventually([&] { return a->handler().connected_to(opts.node_key.public_key()); }));
    // The client never reads or answers; A gives up after ping_timeout of silence.
    ASSERT_TRUE(eventually([&] { return !a->handler().connected_to(opts.node_key.public_key()); }));
    EXPECT_TRUE(eventually([&] { return a->logged("ping_timeout"); }));
}

TEST(HostDial, PeerThatDoesNotReadIsDroppedAsSlow) {
    auto a_opts = test_options(1);
    a_opts.max_send_queue_bytes = 256 * 1024;
    auto a = start_node(std::move(a_opts));
    auto opts = test_options(4);
    TlsClient stuck("127.0.0.22", a->host().port());
    stuck.send_hello(opts);
    const NodeId id = opts.node_key.public_key();
    ASSERT_TRUE(eventually([&] { return a->handler().connected_to(id); }));
    // 32 MiB in total: more than the socket buffers hold, so the queue must pass its limit.
    for (int i = 0; i < 512 && !a->logged("slow_peer"); ++i) {
        a->host().send(id, 0x10, Bytes(64 * 1024, 0xab));
    }
    ASSERT_TRUE(eventually([&] { return a->logged("slow_peer"); }));
    ASSERT_TRUE(eventually([&] { return !a->handler().connected_to(id); }));
    EXPECT_TRUE(a->host().bans().empty());
}

TEST(HostDial, KeepaliveHoldsAnIdleConnection) {
    auto a_opts = test_options(1);
    a_opts.ping_interval = 30ms;
    a_opts.ping_timeout = 200ms;
    auto a = start_node(a_opts);
    auto b_opts = test_options(2);
    b_opts.ping_interval = 30ms;
    b_opts.ping_timeout = 200ms;
    b_opts.persistent_peers = {a->address()};
    auto b = start_node(std::move(b_opts));
    ASSERT_TRUE(eventually([&] { return a->has_peer(b->id()); }));
    // Several ping timeouts pass with no application traffic and no disconnect.
    EXPECT_FALSE(eventually([&] { return a->handler().disconnects() > 0; }, 800ms));
}

}  // namespace
}  // namespace azora::p2p::test
