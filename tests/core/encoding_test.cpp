#include "core/encoding.hpp"

#include <gtest/gtest.h>

namespace azora {
namespace {

TEST(Encoding, FixedIntegersAreLittleEndian) {
    Writer w;
    w.u16(0x0102);
    w.u32(0x03040506);
    w.u64(0x0708090a0b0c0d0eULL);
    EXPECT_EQ(to_hex(w.data()), "0201060504030e0d0c0b0a090807");
    Reader r(w.data());
    EXPECT_EQ(*r.u16(), 0x0102);
    EXPECT_EQ(*r.u32(), 0x03040506u);
    EXPECT_EQ(*r.u64(), 0x0708090a0b0c0d0eULL);
    EXPECT_TRUE(r.finish().ok());
}

TEST(Encoding, VarintRoundTripsAndIsMinimal) {
    for (uint64_t v : {0ULL, 1ULL, 127ULL, 128ULL, 300ULL, 16383ULL, 16384ULL, ~0ULL}) {
        Writer w;
        w.varint(v);
        Reader r(w.data());
        auto got = r.varint();
        ASSERT_TRUE(got.ok()) << v;
        EXPECT_EQ(*got, v);
        EXPECT_TRUE(r.finish().ok());
    }
    Writer w;
    w.varint(300);
    EXPECT_EQ(to_hex(w.data()), "ac02");
    Writer max;
    max.varint(~0ULL);
    EXPECT_EQ(to_hex(max.data()), "ffffffffffffffffff01");
}

TEST(Encoding, RejectsNonMinimalAndOverlongVarints) {
    for (const char* hex :
         {"8000", "ff00", "808000", "ffffffffffffffffff02", "ffffffffffffffffffff01"}) {
        auto bytes = *from_hex(hex);
        Reader r(bytes);
        auto got = r.varint();
        ASSERT_FALSE(got.ok()) << hex;
        EXPECT_EQ(got.error().reason, "decode_error");
    }
}

TEST(Encoding, BytesRespectMaximumAndTruncation) {
    Writer w;
    w.bytes(as_bytes("hello"));
    Reader ok(w.data());
    EXPECT_EQ(*ok.string(5), "hello");
    Reader too_long(w.data());
    EXPECT_FALSE(too_long.string(4).ok());
    auto cut = w.data();
    cut.pop_back();
    Reader truncated(cut);
    EXPECT_FALSE(truncated.string(5).ok());
}

TEST(Encoding, RejectsTrailingBytesAndBadBooleans) {
    Bytes data{1, 2};
    auto r = decode_all<uint8_t>(data, [](Reader& rd) { return rd.u8(); });
    EXPECT_FALSE(r.ok());
    Bytes b{2};
    Reader rd(b);
    EXPECT_FALSE(rd.boolean().ok());
}

TEST(Hex, RoundTripAndRejectsBadDigits) {
    Bytes b{0x00, 0xab, 0xff};
    EXPECT_EQ(to_hex(b), "00abff");
    EXPECT_EQ(*from_hex("00ABff"), b);
    EXPECT_EQ(*from_hex("0x00abff"), b);
    EXPECT_FALSE(from_hex("0g").has_value());
    EXPECT_FALSE(from_hex("abc").has_value());
}

}  // namespace
}  // namespace azora
