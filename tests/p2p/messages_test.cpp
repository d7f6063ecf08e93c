#include "node/p2p/messages.hpp"

#include <gtest/gtest.h>

#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "node/p2p/frame.hpp"
#include "node/p2p/peer_address.hpp"

namespace azora::p2p {
namespace {

Hello sample_hello() {
    Hello h;
    h.protocol_version = 1;
    h.chain_id = "azora-test";
    h.genesis_hash.fill(0x11);
    h.listen_port = 0x1f2e;
    return h;
}

PrivateKey key_of(uint8_t b) {
    Hash32 secret{};
    secret.fill(b);
    return PrivateKey::from_bytes(secret).value();
}

TEST(HelloMessage, LayoutIsVersionChainGenesisIdPortSignature) {
    Hello h = sample_hello();
    h.node_id.fill(0x22);
    h.signature.fill(0x33);
    const std::string hex = to_hex(encode_hello(h));
    EXPECT_EQ(hex.substr(0, 8), "01000000");
    EXPECT_EQ(hex.substr(8, 22), "0a617a6f72612d74657374");
    EXPECT_EQ(hex.substr(30, 64), std::string(64, '1'));
    EXPECT_EQ(hex.substr(94, 64), std::string(64, '2'));
    EXPECT_EQ(hex.substr(158, 4), "2e1f");
    EXPECT_EQ(hex.substr(162), std::string(128, '3'));
}

TEST(HelloMessage, RoundTripsAndRejectsTruncatedOrTrailingBytes) {
    Hello h = sample_hello();
    Hash32 exporter{};
    exporter.fill(0x44);
    sign_hello(h, key_of(7), exporter);
    Bytes encoded = encode_hello(h);
    auto back = decode_hello(encoded);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->chain_id, h.chain_id);
    EXPECT_EQ(back->node_id, key_of(7).public_key());
    EXPECT_EQ(back->listen_port, h.listen_port);
    EXPECT_EQ(back->signature, h.signature);

    Bytes truncated(encoded.begin(), encoded.end() - 1);
    EXPECT_EQ(decode_hello(truncated).error().reason, "decode_error");
    Bytes trailing = encoded;
    trailing.push_back(0);
    EXPECT_EQ(decode_hello(trailing).error().reason, "decode_error");
    EXPECT_FALSE(decode_hello({}).ok());
}

// The worked example of docs/p2p.md section 10; the digest was checked with Python's hashlib.
TEST(HelloMessage, GoldenVector) {
    Hello h;
    h.protocol_version = 1;
    h.chain_id = "azora-test";
    h.genesis_hash.fill(0x11);
    h.listen_port = 8646;
    Hash32 exporter{};
    exporter.fill(0x44);
    sign_hello(h, key_of(1), exporter);
    EXPECT_EQ(node_id_hex(h.node_id),
              "1b84c5567b126440995d3ed5aaba0565d71e1834604819ff9c17f5e9d5dd078f");
    EXPECT_EQ(to_hex(hello_digest(h, exporter)),
              "9983adf7983da8e0bbdec1f6fe3f9156ccae4a73d5c81b59904d5dc5708b81d6");
    EXPECT_EQ(to_hex(h.signature),
              "728dc87bea3cb27c0ecaab9a0aacae4b3edd425b68768d592460702769eb82a3"
              "d8b32a3dcbd1b2d6519fb2d38658df246a6c922eb50a2c55c3624ac58e6bea77");
    EXPECT_EQ(to_hex(encode_frame(msg::kHello, encode_hello(h))),
              "0000009201"
              "01000000"
              "0a617a6f72612d74657374"
              "1111111111111111111111111111111111111111111111111111111111111111"
              "1b84c5567b126440995d3ed5aaba0565d71e1834604819ff9c17f5e9d5dd078f"
              "c621"
              "728dc87bea3cb27c0ecaab9a0aacae4b3edd425b68768d592460702769eb82a3"
              "d8b32a3dcbd1b2d6519fb2d38658df246a6c922eb50a2c55c3624ac58e6bea77");
    EXPECT_TRUE(verify_hello(h, exporter));
}

TEST(HelloMessage, LargestHelloFitsThePreHelloFrameLimit) {
    Hello h = sample_hello();
    h.chain_id = std::string(kMaxChainIdBytes, 'x');
    EXPECT_EQ(encode_frame(msg::kHello, encode_hello(h)).size(), 4u + 200u);
    EXPECT_LE(200u, kMaxHelloFrameBytes);
}

TEST(HelloMessage, ChainIdIsBounded) {
    Hello h = sample_hello();
    h.chain_id = std::string(kMaxChainIdBytes + 1, 'x');
    EXPECT_FALSE(decode_hello(encode_hello(h)).ok());
    h.chain_id = std::string(kMaxChainIdBytes, 'x');
    EXPECT_TRUE(decode_hello(encode_hello(h)).ok());
}

TEST(HelloMessage, SignatureBindsTheSessionAndEveryField) {
    Hash32 exporter{};
    exporter.fill(0x44);
    Hello h = sample_hello();
    sign_hello(h, key_of(7), exporter);
    EXPECT_TRUE(verify_hello(h, exporter));

    Hash32 other_session = exporter;
    other_session[0] ^= 1;
    EXPECT_FALSE(verify_hello(h, other_session));  // relayed into another TLS session

    Hello changed = h;
    changed.listen_port ^= 1;
    EXPECT_FALSE(verify_hello(changed, exporter));
    changed = h;
    changed.chain_id = "azora-other";
    EXPECT_FALSE(verify_hello(changed, exporter));
    changed = h;
    changed.genesis_hash[31] ^= 1;
    EXPECT_FALSE(verify_hello(changed, exporter));
    changed = h;
    changed.node_id = key_of(8).public_key();  // someone else's id on our signature
    EXPECT_FALSE(verify_hello(changed, exporter));
}

TEST(HelloMessage, DigestIsTaggedHashOfExporterAndFields) {
    Hash32 exporter{};
    exporter.fill(0x44);
    Hello h = sample_hello();
    h.node_id.fill(0x22);
    Bytes encoded = encode_hello(h);
    Writer preimage;
    preimage.fixed_bytes(exporter);
    preimage.raw(ByteView(encoded).first(encoded.size() - 64));
    EXPECT_EQ(hello_digest(h, exporter), tagged_hash(kHelloTag, preimage.data()));
}

TEST(PingMessage, IsAU64Nonce) {
    EXPECT_EQ(to_hex(encode_ping(0x0102030405060708ULL)), "0807060504030201");
    EXPECT_EQ(*decode_ping(encode_ping(42)), 42u);
    EXPECT_FALSE(decode_ping(Bytes{1, 2, 3}).ok());
    EXPECT_FALSE(decode_ping(Bytes(9, 0)).ok());
    EXPECT_TRUE(decode_get_peers({}).ok());
    EXPECT_FALSE(decode_get_peers(Bytes{0}).ok());
}

TEST(PeersMessage, RoundTripsAndEnforcesBounds) {
    std::vector<PeerAddress> peers;
    for (uint16_t i = 1; i <= 3; ++i) {
        PeerAddress a;
        a.id = key_of(static_cast<uint8_t>(i)).public_key();
        a.host = "10.0.0." + std::to_string(i);
        a.port = static_cast<uint16_t>(9000 + i);
        peers.push_back(a);
    }
    auto back = decode_peers(encode_peers(peers));
    ASSERT_TRUE(back.ok());
    ASSERT_EQ(back->size(), 3u);
    EXPECT_EQ((*back)[2].host, "10.0.0.3");
    EXPECT_EQ((*back)[2].port, 9003);
    EXPECT_EQ((*back)[2].id, peers[2].id);

    // The encoder caps the list; a hand-built longer list is refused.
    std::vector<PeerAddress> many(kMaxPeersPerMessage + 5, peers[0]);
    EXPECT_EQ(decode_peers(encode_peers(many))->size(), kMaxPeersPerMessage);
    Writer w;
    w.varint(kMaxPeersPerMessage + 1);
    for (size_t i = 0; i < kMaxPeersPerMessage + 1; ++i) {
        w.fixed_bytes(*peers[0].id);
        w.string("h");
        w.u16(1);
    }
    EXPECT_FALSE(decode_peers(w.data()).ok());

    // A count the input cannot hold fails before anything is reserved.
    Writer lying;
    lying.varint(50);
    EXPECT_FALSE(decode_peers(lying.data()).ok());

    // Empty host and port 0 are refused.
    PeerAddress empty = peers[0];
    empty.host.clear();
    EXPECT_FALSE(decode_peers(encode_peers({empty})).ok());
    PeerAddress no_port = peers[0];
    no_port.port = 0;
    EXPECT_FALSE(decode_peers(encode_peers({no_port})).ok());
    // Hosts longer than 255 bytes are refused.
    PeerAddress long_host = peers[0];
    long_host.host = std::string(kMaxHostBytes + 1, 'a');
    EXPECT_FALSE(decode_peers(encode_peers({long_host})).ok());
}

// Every mutation or truncation of a valid message either fails to decode or decodes to a value
// whose encoding is exactly the input: one encoding per value, nothing silently skipped.
TEST(MessageCodecs, MutationsFailOrStayCanonical) {
    Hello h = sample_hello();
    Hash32 exporter{};
    sign_hello(h, key_of(3), exporter);
    const Bytes hello = encode_hello(h);
    const Bytes peers = encode_peers({PeerAddress{key_of(1).public_key(), "10.0.0.1", 9001},
                                      PeerAddress{key_of(2).public_key(), "host.example", 80}});
    for (int which = 0; which < 2; ++which) {
        const bool is_hello = which == 0;
        const Bytes& original = is_hello ? hello : peers;
        auto reencode = [&](ByteView in) -> std::optional<Bytes> {
            if (is_hello) {
                auto d = decode_hello(in);
                return d.ok() ? std::optional<Bytes>(encode_hello(*d)) : std::nullopt;
            }
            auto d = decode_peers(in);
            return d.ok() ? std::optional<Bytes>(encode_peers(*d)) : std::nullopt;
        };
        for (size_t len = 0; len < original.size(); ++len) {
            EXPECT_FALSE(reencode(ByteView(original).first(len)).has_value()) << len;
        }
        for (size_t i = 0; i < original.size(); ++i) {
            for (uint8_t flip : {0x01, 0x80, 0xff}) {
                Bytes mutated = original;
                mutated[i] ^= flip;
                if (auto again = reencode(mutated)) {
                    EXPECT_EQ(*again, mutated) << i;
                }
            }
        }
    }
}

TEST(PeerAddressText, ParsesIdHostAndPort) {
    const std::string id(64, 'a');
    auto a = parse_peer_address(id + "@127.0.0.1:26656");
    ASSERT_TRUE(a.ok());
    ASSERT_TRUE(a->id.has_value());
    EXPECT_EQ(node_id_hex(*a->id), id);
    EXPECT_EQ(a->host, "127.0.0.1");
    EXPECT_EQ(a->port, 26656);
    EXPECT_EQ(a->to_string(), id + "@127.0.0.1:26656");

    auto b = parse_peer_address("seed.example.org:1");
    ASSERT_TRUE(b.ok());
    EXPECT_FALSE(b->id.has_value());
    auto v6 = parse_peer_address("[::1]:8646");
    ASSERT_TRUE(v6.ok());
    EXPECT_EQ(v6->host, "::1");
    EXPECT_EQ(v6->endpoint(), "[::1]:8646");

    for (const char* bad : {"", "host", "host:", ":80", "host:0", "host:65536", "host:8x", "::1:80",
                            "abcd@host:80", "host:-1"}) {
        auto r = parse_peer_address(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().reason, "bad_address") << bad;
    }
    EXPECT_FALSE(parse_peer_address(std::string(63, 'a') + "@h:1").ok());
}

}  // namespace
}  // namespace azora::p2p
