// Hostile clients: garbage, oversize frames, bad hellos and bad messages get the sender
// disconnected and banned while the host keeps serving honest peers.
#include <gtest/gtest.h>

#include "core/encoding.hpp"
#include "node/p2p/frame.hpp"
#include "tests/p2p/harness.hpp"

namespace azora::p2p::test {
namespace {

/// An honest peer still gets through after an attack.
void expect_serves_good_peer(TestNode& a, uint8_t key_byte) {
    auto opts = test_options(key_byte);
    opts.persistent_peers = {a.address()};
    auto good = start_node(std::move(opts));
    ASSERT_TRUE(
        eventually([&] { return a.handler().connected_to(good->id()) && good->has_peer(a.id()); }));
    good->host().send(a.id(), 0x10, Bytes{42});
    ASSERT_TRUE(eventually([&] { return a.handler().messages(good->id(), 0x10).size() == 1; }));
}

TEST(HostAttack, PlainTcpGarbageIsBannedByIp) {
    auto a = start_node(test_options(1));
    RawClient attacker("127.0.0.7", a->host().port());
    attacker.write(as_bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    EXPECT_TRUE(attacker.wait_closed());
    ASSERT_TRUE(eventually([&] { return a->banned("ip:127.0.0.7"); }));
    EXPECT_TRUE(eventually([&] { return a->logged("bad_tls"); }));

    // The banned address is refused before TLS.
    RawClient again("127.0.0.7", a->host().port());
    EXPECT_TRUE(again.wait_closed());
    ASSERT_TRUE(eventually([&] { return a->logged("127.0.0.7:") && a->logged(": banned"); }));
    expect_serves_good_peer(*a, 2);
}

TEST(HostAttack, Tls12ClientIsRefused) {
    auto a = start_node(test_options(1));
    boost::asio::io_context io;
    boost::asio::ssl::context ctx(boost::asio::ssl::context::tls_client);
    ASSERT_EQ(SSL_CTX_set_max_proto_version(ctx.native_handle(), TLS1_2_VERSION), 1);
    boost::asio::ssl::stream<boost::asio::ip::tcp::socket> stream(io, ctx);
    stream.next_layer().open(boost::asio::ip::tcp::v4());
    stream.next_layer().bind({boost::asio::ip::make_address("127.0.0.16"), 0});
    stream.next_layer().connect({boost::asio::ip::make_address("127.0.0.1"), a->host().port()});
    boost::system::error_code ec;
    stream.handshake(boost::asio::ssl::stream_base::client, ec);
    EXPECT_TRUE(ec);
    ASSERT_TRUE(eventually([&] { return a->logged("bad_tls"); }));
    EXPECT_TRUE(a->host().peers().empty());
}

TEST(HostAttack, OversizeLengthPrefixDisconnectsBeforeTheBody) {
    auto a_opts = test_options(1);
    a_opts.max_frame_bytes = 1024;
    auto a = start_node(std::move(a_opts));
    TlsClient attacker("127.0.0.8", a->host().port());
    const Bytes prefix{0x00, 0x00, 0x04, 0x01};  // 1025 > 1024; no body follows
    attacker.write(prefix);
    EXPECT_TRUE(attacker.wait_closed());
    ASSERT_TRUE(eventually([&] { return a->banned("ip:127.0.0.8"); }));
    EXPECT_TRUE(eventually([&] { return a->logged("oversize_frame"); }));
    expect_serves_good_peer(*a, 2);
}

TEST(HostAttack, LargeFrameBeforeHelloIsOversize) {
    auto a = start_node(test_options(1));  // max_frame_bytes 4 MiB, but no hello yet
    TlsClient attacker("127.0.0.15", a->host().port());
    const Bytes prefix{0x00, 0x00, 0x04, 0x01};  // 1025 bytes
    attacker.write(prefix);
    EXPECT_TRUE(attacker.wait_closed());
    ASSERT_TRUE(eventually([&] { return a->banned("ip:127.0.0.15"); }));
    EXPECT_TRUE(eventually([&] { return a->logged("oversize_frame"); }));
}

TEST(HostAttack, UndecodableHelloIsBannedByIp) {
    auto a = start_node(test_options(1));
    TlsClient attacker("127.0.0.9", a->host().port());
    attacker.write_frame(msg::kHello, Bytes{1, 2, 3});
    EXPECT_TRUE(attacker.wait_closed());
    ASSERT_TRUE(eventually([&] { return a->banned("ip:127.0.0.9"); }));
    EXPECT_TRUE(eventually([&] { return a->logged("bad_hello"); }));
    expect_serves_good_peer(*a, 2);
}

TEST(HostAttack, HelloSignedForAnotherSessionIsRefused) {
    auto a = start_node(test_options(1));
    // A hello captured from one session and replayed into another does not verify.
    TlsClient first("127.0.0.10", a->host().port());
    auto theirs = first.read_frame();
    ASSERT_TRUE(theirs.has_value());
    ASSERT_EQ(theirs->first, msg::kHello);
    auto captured = decode_hello(theirs->second);
    ASSERT_TRUE(captured.ok());
    EXPECT_EQ(captured->node_id, a->id());

    auto opts = test_options(5);
    Hello forged;
    forged.protocol_version = 1;
    forged.chain_id = opts.chain_id;
    forged.genesis_hash = opts.genesis_hash;
    Hash32 wrong_session{};
    sign_hello(forged, opts.node_key, wrong_session);
    TlsClient second("127.0.0.10", a->host().port());
    second.write_frame(msg::kHello, encode_hello(forged));
    EXPECT_TRUE(second.wait_closed());
    ASSERT_TRUE(eventually([&] { return a->logged("bad_hello_signature"); }));
    EXPECT_TRUE(eventually([&] { return a->banned("ip:127.0.0.10"); }));
    EXPECT_FALSE(a->banned("node:" + node_id_hex(opts.node_key.public_key())));
}

TEST(HostAttack, MessageBeforeHelloIsBanned) {
    auto a = start_node(test_options(1));
    TlsClient attacker("127.0.0.11", a->host().port());
    attacker.write_frame(0x10, Bytes{1});
    EXPECT_TRUE(attacker.wait_closed());
    ASSERT_TRUE(eventually([&] { return a->banned("ip:127.0.0.11"); }));
    EXPECT_TRUE(eventually([&] { return a->logged("expected_hello"); }));
}

TEST(HostAttack, UnknownReservedTypeAfterHelloBansTheNodeId) {
    auto a = start_node(test_options(1));
    auto opts = test_options(6);
    TlsClient attacker("127.0.0.12", a->host().port());
    attacker.send_hello(opts);
    ASSERT_TRUE(eventually([&] { return a->handler().connected_to(opts.node_key.public_key()); }));
    attacker.write_frame(0x07, {});
    EXPECT_TRUE(attacker.wait_closed());
    ASSERT_TRUE(
        eventually([&] { return a->banned("node:" + node_id_hex(opts.node_key.public_key())); }));
    EXPECT_TRUE(eventually([&] { return a->logged("unknown_message_type"); }));
    EXPECT_FALSE(a->banned("ip:127.0.0.12"));
    EXPECT_TRUE(eventually([&] { return !a->handler().connected_to(opts.node_key.public_key()); }));
    expect_serves_good_peer(*a, 2);
}

TEST(HostAttack, UndecodablePingAfterHelloBansTheNodeId) {
    auto a = start_node(test_options(1));
    auto opts = test_options(7);
    TlsClient attacker("127.0.0.13", a->host().port());
    attacker.send_hello(opts);
    attacker.write_frame(msg::kPing, Bytes{1, 2, 3});
    EXPECT_TRUE(attacker.wait_closed());
    ASSERT_TRUE(
        eventually([&] { return a->banned("node:" + node_id_hex(opts.node_key.public_key())); }));
    EXPECT_TRUE(eventually([&] { return a->logged("bad_ping"); }));

    // Reconnecting with the banned key is refused after the hello.
    TlsClient again("127.0.0.13", a->host().port());
    again.send_hello(opts);
    EXPECT_TRUE(again.wait_closed());
    EXPECT_FALSE(a->handler().connected_to(opts.node_key.public_key()));
}

TEST(HostAttack, PingIsAnsweredAndUnsolicitedPeersAreIgnored) {
    auto a = start_node(test_options(1));
    auto opts = test_options(8);
    TlsClient client("127.0.0.14", a->host().port());
    client.send_hello(opts);
    client.write_frame(msg::kPeers,
                       encode_peers({PeerAddress{test_key(9).public_key(), "127.0.0.1", 1}}));
    client.write_frame(msg::kPing, encode_ping(77));
    bool got_pong = false;
    for (int i = 0; i < 20 && !got_pong; ++i) {
        auto frame = client.read_frame();
        ASSERT_TRUE(frame.has_value());
        if (frame->first == msg::kPong) {
            EXPECT_EQ(*decode_ping(frame->second), 77u);
            got_pong = true;
        }
    }
    EXPECT_TRUE(got_pong);
    EXPECT_TRUE(a->host().bans().empty());
    // Had the address been booked, A would dial it within a tick and log the refused connect.
    EXPECT_FALSE(eventually([&] { return a->logged("127.0.0.1:1 "); }, 300ms));
}

TEST(HostAttack, HandlerErrorsAccumulateToABan) {
    auto a = start_node(test_options(1));
    a->handler().refuse_messages_with(Error::malformed("bad_tx"));
    auto b_opts = test_options(2);
    b_opts.persistent_peers = {a->address()};
    auto b = start_node(std::move(b_opts));
    ASSERT_TRUE(eventually([&] { return a->has_peer(b->id()) && b->has_peer(a->id()); }));

    b->host().send(a->id(), 0x10, Bytes{1});
    ASSERT_TRUE(eventually([&] {
        auto peers = a->host().peers();
        return peers.size() == 1 && peers[0].score == 20;
    }));
    for (int i = 0; i < 4; ++i) {
        b->host().send(a->id(), 0x10, Bytes{1});
    }
    ASSERT_TRUE(eventually([&] { return a->banned("node:" + node_id_hex(b->id())); }));
    ASSERT_TRUE(eventually([&] { return !a->handler().connected_to(b->id()); }));
    EXPECT_EQ(a->handler().messages(b->id(), 0x10).size(), 5u);
    EXPECT_TRUE(eventually([&] { return a->logged("bad_tx"); }));
}

TEST(HostAttack, RejectedMessagesCostLessAndReportAddsPoints) {
    auto a = start_node(test_options(1));
    a->handler().refuse_messages_with(Error::rejected("stale_vote"));
    auto b_opts = test_options(2);
    b_opts.persistent_peers = {a->address()};
    auto b = start_node(std::move(b_opts));
    ASSERT_TRUE(eventually([&] { return a->has_peer(b->id()) && b->has_peer(a->id()); }));
    b->host().send(a->id(), 0x11, Bytes{});
    ASSERT_TRUE(eventually([&] {
        auto peers = a->host().peers();
        return peers.size() == 1 && peers[0].score == 10;
    }));
    a->host().report(b->id(), 50, "app_says_so");
    ASSERT_TRUE(eventually([&] {
        auto peers = a->host().peers();
        return peers.size() == 1 && peers[0].score == 60;
    }));
    a->host().report(b->id(), 40, "app_says_so");
    ASSERT_TRUE(eventually([&] { return a->banned("node:" + node_id_hex(b->id())); }));
    ASSERT_TRUE(eventually([&] { return !a->has_peer(b->id()); }));
}

TEST(HostAttack, ExplicitBanDisconnects) {
    auto a = start_node(test_options(1));
    auto b_opts = test_options(2);
    b_opts.persistent_peers = {a->address()};
    auto b = start_node(std::move(b_opts));
    ASSERT_TRUE(eventually([&] { return a->has_peer(b->id()) && b->has_peer(a->id()); }));
    a->host().ban(b->id(), 10'000ms, "operator");
    ASSERT_TRUE(eventually([&] { return !a->has_peer(b->id()); }));
    auto bans = a->host().bans();
    ASSERT_EQ(bans.size(), 1u);
    EXPECT_EQ(bans[0].reason, "operator");
    EXPECT_LE(bans[0].remaining_ms, 10'000u);
}

}  // namespace
}  // namespace azora::p2p::test
