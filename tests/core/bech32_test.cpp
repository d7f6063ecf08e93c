#include "core/bech32.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace azora::bech32 {
namespace {

nlohmann::json load_vectors() {
    std::ifstream in(std::string(AZORA_TEST_VECTORS) + "/bech32m.json");
    EXPECT_TRUE(in.is_open());
    return nlohmann::json::parse(in);
}

std::string lowercase(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return s;
}

TEST(Bech32, ValidVectorsDecodeAndReencode) {
    auto vectors = load_vectors();
    ASSERT_FALSE(vectors.at("valid").empty());
    for (const auto& v : vectors.at("valid")) {
        auto text = v.get<std::string>();
        SCOPED_TRACE(text);
        auto decoded = decode(text);
        ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
        EXPECT_EQ(decoded->hrp, lowercase(text.substr(0, text.rfind('1'))));
        EXPECT_EQ(encode(decoded->hrp, decoded->data), lowercase(text));
    }
}

TEST(Bech32, InvalidVectorsFail) {
    auto vectors = load_vectors();
    ASSERT_FALSE(vectors.at("invalid").empty());
    for (const auto& v : vectors.at("invalid")) {
        auto text = v.at("string").get<std::string>();
        SCOPED_TRACE(v.at("reason").get<std::string>());
        auto decoded = decode(text);
        ASSERT_FALSE(decoded.ok());
        EXPECT_EQ(decoded.error().reason, "bad_address");
        EXPECT_EQ(decoded.error().kind, ErrorKind::malformed);
        EXPECT_FALSE(decoded.error().message.empty());
    }
}

TEST(Bech32, RejectsBip173Checksum) {
    // Valid bech32 (BIP-173) strings; bech32m must not accept the old checksum constant.
    EXPECT_FALSE(decode("a12uel5l").ok());
    EXPECT_FALSE(decode("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw").ok());
}

TEST(Bech32, RejectsMixedCase) {
    EXPECT_TRUE(decode("a1lqfn3a").ok());
    EXPECT_TRUE(decode("A1LQFN3A").ok());
    EXPECT_FALSE(decode("A1lqfn3a").ok());
    EXPECT_FALSE(decode("a1Lqfn3a").ok());
}

TEST(Bech32, LengthLimitIsNinety) {
    std::string hrp(83, 'x');
    std::string at_limit = encode(hrp, {});
    ASSERT_EQ(at_limit.size(), 90u);
    EXPECT_TRUE(decode(at_limit).ok());
    std::string over = encode(hrp + "x", {});
    ASSERT_EQ(over.size(), 91u);
    EXPECT_FALSE(decode(over).ok());
}

TEST(Bech32, EncodeLowercasesHrp) {
    Bytes data = {0, 1, 2, 31};
    EXPECT_EQ(encode("AbC", data), encode("abc", data));
    auto decoded = decode(encode("AbC", data));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded->hrp, "abc");
    EXPECT_EQ(decoded->data, data);
}

TEST(Bech32, ConvertBitsRoundTrip) {
    for (size_t len = 0; len <= 40; ++len) {
        Bytes in(len);
        for (size_t i = 0; i < len; ++i) {
            in[i] = static_cast<uint8_t>(i * 37 + 11);
        }
        auto five = convert_bits(in, 8, 5, true);
        ASSERT_TRUE(five.ok());
        EXPECT_EQ(five->size(), (len * 8 + 4) / 5);
        auto back = convert_bits(*five, 5, 8, false);
        ASSERT_TRUE(back.ok()) << len;
        EXPECT_EQ(*back, in);
    }
}

TEST(Bech32, ConvertBitsRejectsBadInput) {
    // A 5-bit value out of range.
    EXPECT_FALSE(convert_bits(Bytes{32}, 5, 8, false).ok());
    // One byte is two 5-bit words with 2 padding bits; a set padding bit is rejected.
    auto good = convert_bits(Bytes{0xff}, 8, 5, true);
    ASSERT_TRUE(good.ok());
    EXPECT_EQ(*good, (Bytes{31, 28}));
    EXPECT_TRUE(convert_bits(Bytes{31, 28}, 5, 8, false).ok());
    EXPECT_FALSE(convert_bits(Bytes{31, 29}, 5, 8, false).ok());
    // A whole extra word of padding is rejected even if zero.
    EXPECT_FALSE(convert_bits(Bytes{31, 28, 0}, 5, 8, false).ok());
    EXPECT_EQ(convert_bits(Bytes{31, 28, 0}, 5, 8, false).error().reason, "bad_address");
}

}  // namespace
}  // namespace azora::bech32
