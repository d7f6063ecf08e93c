#include "core/address.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/bech32.hpp"

namespace azora {
namespace {

constexpr std::string_view kCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

std::string uppercase(std::string s) {
    for (char& c : s) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return s;
}

// Public key of secret key 3 (BIP-340 vector 0). The expected values were computed
// independently (Python hashlib and the BIP-350 reference encoder) and are pinned here.
TEST(Address, GoldenVector) {
    auto pubkey =
        fixed_from_hex<32>("f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9");
    ASSERT_TRUE(pubkey);
    Address a = Address::from_pubkey(*pubkey);
    EXPECT_EQ(to_hex(a.bytes), "f47ef896405ac4d69709afe730374c1fe2c2bb45");
    EXPECT_EQ(a.to_string(), "tazr173l039jqttzdd9cf4lnnqd6vrl3v9w69sur9n6");
    EXPECT_EQ(a.to_string(kMainnetHrp), "azr173l039jqttzdd9cf4lnnqd6vrl3v9w697f2pnt");

    Hash32 three{};
    three[31] = 3;
    EXPECT_EQ(PrivateKey::from_bytes(three)->public_key(), *pubkey);
}

TEST(Address, RoundTrip) {
    for (int i = 0; i < 8; ++i) {
        Address a = Address::from_pubkey(PrivateKey::generate().public_key());
        for (auto hrp : {kTestnetHrp, kMainnetHrp}) {
            auto text = a.to_string(hrp);
            auto parsed = Address::parse(text, hrp);
            ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.error().to_string();
            EXPECT_EQ(*parsed, a);
        }
    }
}

TEST(Address, DefaultHrpIsTestnet) {
    Address a = Address::from_pubkey(PrivateKey::generate().public_key());
    EXPECT_EQ(a.to_string().substr(0, 5), "tazr1");
    EXPECT_TRUE(Address::parse(a.to_string()).ok());
}

TEST(Address, WrongHrpRejected) {
    Address a = Address::from_pubkey(PrivateKey::generate().public_key());
    auto r = Address::parse(a.to_string(kMainnetHrp), kTestnetHrp);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "bad_address");
    EXPECT_FALSE(Address::parse(a.to_string(kTestnetHrp), kMainnetHrp).ok());
    EXPECT_FALSE(Address::parse(a.to_string("bc"), kTestnetHrp).ok());
}

TEST(Address, EveryOneCharCorruptionRejected) {
    Address a = Address::from_pubkey(PrivateKey::generate().public_key());
    const std::string text = a.to_string();
    for (size_t i = 0; i < text.size(); ++i) {
        if (i == 4) {
            continue;  // the separator
        }
        // Substitute a character of the same class so that only the checksum can catch it.
        std::string bad = text;
        bool in_hrp = i < 4;
        char replacement = in_hrp ? (text[i] == 'z' ? 'y' : 'z')
                                  : kCharset[(kCharset.find(text[i]) + 1) % kCharset.size()];
        bad[i] = replacement;
        auto r = Address::parse(bad);
        EXPECT_FALSE(r.ok()) << bad;
    }
}

TEST(Address, CaseRules) {
    Address a = Address::from_pubkey(PrivateKey::generate().public_key());
    std::string text = a.to_string();
    auto upper = Address::parse(uppercase(text));
    ASSERT_TRUE(upper.ok());
    EXPECT_EQ(*upper, a);
    // An uppercase expected HRP still matches.
    EXPECT_TRUE(Address::parse(text, "TAZR").ok());

    std::string mixed = text;
    mixed[0] = 'T';
    EXPECT_FALSE(Address::parse(mixed).ok());
    // One uppercase letter in the data part.
    mixed = text;
    size_t letter = mixed.find_first_of("abcdefghijklmnopqrstuvwxyz", 5);
    ASSERT_NE(letter, std::string::npos);
    mixed[letter] = static_cast<char>(mixed[letter] - 'a' + 'A');
    EXPECT_FALSE(Address::parse(mixed).ok()) << mixed;
}

TEST(Address, WrongPayloadLengthRejected) {
    for (size_t len : {0u, 19u, 21u, 32u}) {
        Bytes payload(len, 0xab);
        auto text = bech32::encode(kTestnetHrp, bech32::convert_bits(payload, 8, 5, true).value());
        auto r = Address::parse(text);
        ASSERT_FALSE(r.ok()) << len;
        EXPECT_EQ(r.error().reason, "bad_address");
    }
}

TEST(Address, BadPaddingRejected) {
    Bytes payload(20, 0xcd);
    Bytes words = bech32::convert_bits(payload, 8, 5, true).value();
    ASSERT_EQ(words.size(), 32u);  // 160 bits fill 32 words exactly, so no padding is allowed
    words.push_back(0);
    EXPECT_FALSE(Address::parse(bech32::encode(kTestnetHrp, words)).ok());
}

TEST(Address, Ordering) {
    Address a;
    Address b;
    b.bytes[19] = 1;
    EXPECT_LT(a, b);
    EXPECT_NE(a, b);
    EXPECT_EQ(a, Address{});
}

}  // namespace
}  // namespace azora
