#include "ledger/commit.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/encoding.hpp"
#include "ledger/limits.hpp"

namespace azora::ledger {
namespace {

// Computed independently in Python: u64 height, u32 round, block hash, varint count, then
// per signature u32 validator_index and 64 signature bytes.
constexpr std::string_view kGoldenCommit =
    "2a00000000000000"
    "01000000"
    "abababababababababababababababababababababababababababababababab"
    "02"
    "00000000"
    "01010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101"
    "010101010101010101010101010101010101"
    "03000000"
    "02020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202"
    "020202020202020202020202020202020202";

Signature sig(uint8_t b) {
    Signature s;
    s.fill(b);
    return s;
}

Commit with_indexes(const std::vector<uint32_t>& indexes) {
    Commit c;
    c.height = 42;
    c.round = 1;
    c.block_hash.fill(0xab);
    for (size_t i = 0; i < indexes.size(); ++i) {
        c.signatures.push_back({indexes[i], sig(static_cast<uint8_t>(i + 1))});
    }
    return c;
}

std::string reason(const Result<Commit>& r) {
    return r.ok() ? "<ok>" : r.error().reason;
}

TEST(Commit, GoldenEncoding) {
    EXPECT_EQ(to_hex(with_indexes({0, 3}).encode()), kGoldenCommit);
}

TEST(Commit, RoundTrip) {
    for (const auto& idx :
         std::vector<std::vector<uint32_t>>{{}, {0}, {0, 5, 9}, {7, UINT32_MAX}}) {
        const Commit c = with_indexes(idx);
        auto back = Commit::decode(c.encode());
        ASSERT_TRUE(back.ok()) << back.error().to_string();
        EXPECT_EQ(*back, c);
    }
}

TEST(Commit, UnsortedIndexesAreRejected) {
    auto r = Commit::decode(with_indexes({2, 1}).encode());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::malformed);
    EXPECT_EQ(r.error().reason, "decode_error");
    EXPECT_EQ(reason(Commit::decode(with_indexes({0, 4, 3}).encode())), "decode_error");
}

TEST(Commit, RepeatedIndexesAreRejected) {
    EXPECT_EQ(reason(Commit::decode(with_indexes({1, 1}).encode())), "decode_error");
    EXPECT_EQ(reason(Commit::decode(with_indexes({0, 2, 2, 3}).encode())), "decode_error");
    // Index 0 repeated: the first entry has no predecessor, the second must still be caught.
    EXPECT_EQ(reason(Commit::decode(with_indexes({0, 0}).encode())), "decode_error");
}

TEST(Commit, StrictDecoding) {
    const Bytes enc = with_indexes({0, 3}).encode();
    for (size_t len = 0; len < enc.size(); ++len) {
        EXPECT_EQ(reason(Commit::decode(ByteView(enc).first(len))), "decode_error") << len;
    }
    Bytes trailing = enc;
    trailing.push_back(0);
    EXPECT_EQ(reason(Commit::decode(trailing)), "decode_error");

    Writer w;
    w.u64(1);
    w.u32(0);
    w.fixed_bytes(Hash32{});
    w.varint(limits::kCommitSignaturesMax + 1);
    EXPECT_EQ(reason(Commit::decode(w.data())), "decode_error");
}

}  // namespace
}  // namespace azora::ledger
