#include "ledger/header.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "ledger/limits.hpp"

namespace azora::ledger {
namespace {

// Computed independently in Python from the layout in DESIGN.md "Blocks and finality":
// u32 version, chain id, u64 height, u64 time_ms, seven 32-byte hashes (evidence_root after
// tx_root), 20-byte proposer.
constexpr std::string_view kGoldenHeader =
    "01000000"
    "0c617a6f72612d746573742d31"
    "2a00000000000000"
    "7b68e5cf8b010000"
    "1111111111111111111111111111111111111111111111111111111111111111"
    "2222222222222222222222222222222222222222222222222222222222222222"
    "8888888888888888888888888888888888888888888888888888888888888888"
    "3333333333333333333333333333333333333333333333333333333333333333"
    "4444444444444444444444444444444444444444444444444444444444444444"
    "5555555555555555555555555555555555555555555555555555555555555555"
    "6666666666666666666666666666666666666666666666666666666666666666"
    "7777777777777777777777777777777777777777";
constexpr std::string_view kGoldenHash =
    "fcc4ad90c207b2692b3975bd1d9e6d0ef2402ab282928806415559466d8f7697";

Hash32 filled(uint8_t b) {
    Hash32 h;
    h.fill(b);
    return h;
}

Header sample_header() {
    Header h;
    h.chain_id = "azora-test-1";
    h.height = 42;
    h.time_ms = 1'700'000'000'123;
    h.parent = filled(0x11);
    h.tx_root = filled(0x22);
    h.evidence_root = filled(0x88);
    h.receipts_root = filled(0x33);
    h.state_root = filled(0x44);
    h.validators_hash = filled(0x55);
    h.next_validators_hash = filled(0x66);
    h.proposer.bytes.fill(0x77);
    return h;
}

std::string reason(const Result<Header>& r) {
    return r.ok() ? "<ok>" : r.error().reason;
}

TEST(Header, GoldenEncodingAndHash) {
    const Header h = sample_header();
    EXPECT_EQ(to_hex(h.encode()), kGoldenHeader);
    EXPECT_EQ(to_hex(h.hash()), kGoldenHash);
    EXPECT_EQ(h.hash(), tagged_hash("azora/block", h.encode()));
}

TEST(Header, RoundTrip) {
    const Header h = sample_header();
    auto back = Header::decode(h.encode());
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    EXPECT_EQ(*back, h);

    Writer w;
    h.encode_to(w);
    EXPECT_EQ(w.data(), h.encode());
}

TEST(Header, DecodeFromLeavesTheRest) {
    Writer w;
    sample_header().encode_to(w);
    w.u8(0x99);
    Bytes buf = w.take();
    Reader r(buf);
    auto h = Header::decode_from(r);
    ASSERT_TRUE(h.ok());
    EXPECT_EQ(*h, sample_header());
    EXPECT_EQ(r.remaining(), 1u);
    // The whole-buffer decoder refuses the same bytes.
    EXPECT_EQ(reason(Header::decode(buf)), "decode_error");
}

TEST(Header, StrictDecoding) {
    const Bytes enc = sample_header().encode();
    for (size_t len = 0; len < enc.size(); ++len) {
        EXPECT_EQ(reason(Header::decode(ByteView(enc).first(len))), "decode_error") << len;
    }
    Bytes wrong_version = enc;
    wrong_version[0] = 2;
    EXPECT_EQ(reason(Header::decode(wrong_version)), "bad_version");

    Header long_chain = sample_header();
    long_chain.chain_id = std::string(limits::kChainIdMax, 'x');
    EXPECT_TRUE(Header::decode(long_chain.encode()).ok());
    long_chain.chain_id.push_back('x');
    EXPECT_EQ(reason(Header::decode(long_chain.encode())), "decode_error");
}

TEST(Header, HashCoversEveryField) {
    const std::vector<std::pair<std::string, std::function<void(Header&)>>> edits = {
        {"version", [](Header& h) { h.version = 2; }},
        {"chain_id", [](Header& h) { h.chain_id = "other"; }},
        {"height", [](Header& h) { h.height += 1; }},
        {"time_ms", [](Header& h) { h.time_ms += 1; }},
        {"parent", [](Header& h) { h.parent[31] ^= 1; }},
        {"tx_root", [](Header& h) { h.tx_root[0] ^= 1; }},
        {"evidence_root", [](Header& h) { h.evidence_root[0] ^= 1; }},
        {"receipts_root", [](Header& h) { h.receipts_root[0] ^= 1; }},
        {"state_root", [](Header& h) { h.state_root[0] ^= 1; }},
        {"validators_hash", [](Header& h) { h.validators_hash[0] ^= 1; }},
        {"next_validators_hash", [](Header& h) { h.next_validators_hash[0] ^= 1; }},
        {"proposer", [](Header& h) { h.proposer.bytes[19] ^= 1; }},
    };
    const Hash32 original = sample_header().hash();
    for (const auto& [field, edit] : edits) {
        Header h = sample_header();
        edit(h);
        EXPECT_NE(h.hash(), original) << field;
    }
}

}  // namespace
}  // namespace azora::ledger
