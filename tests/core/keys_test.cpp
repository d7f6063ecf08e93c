#include "core/keys.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

namespace azora {
namespace {

struct Bip340Row {
    std::string index;
    std::string secret;
    std::string pubkey;
    std::string aux;
    std::string message;
    std::string signature;
    bool expected = false;
};

// The official CSV has no quoting; the comment column is the last and may be empty.
std::vector<Bip340Row> load_bip340_vectors() {
    std::ifstream in(std::string(AZORA_TEST_VECTORS) + "/bip340-schnorr.csv");
    EXPECT_TRUE(in.is_open());
    std::vector<Bip340Row> rows;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty()) {
            continue;
        }
        std::vector<std::string> cols;
        size_t start = 0;
        for (int i = 0; i < 7; ++i) {
            size_t comma = line.find(',', start);
            EXPECT_NE(comma, std::string::npos) << line;
            if (comma == std::string::npos) {
                break;
            }
            cols.push_back(line.substr(start, comma - start));
            start = comma + 1;
        }
        if (cols.size() != 7) {
            continue;
        }
        rows.push_back({cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6] == "TRUE"});
        EXPECT_TRUE(cols[6] == "TRUE" || cols[6] == "FALSE") << line;
    }
    return rows;
}

Hash32 hash32(std::string_view hex) {
    return fixed_from_hex<32>(hex).value();
}

TEST(Keys, Bip340Vectors) {
    auto rows = load_bip340_vectors();
    ASSERT_EQ(rows.size(), 19u);
    for (const auto& row : rows) {
        SCOPED_TRACE("vector " + row.index);
        auto pubkey = fixed_from_hex<32>(row.pubkey);
        auto msg = from_hex(row.message);
        auto sig = fixed_from_hex<64>(row.signature);
        ASSERT_TRUE(pubkey && msg && sig);
        if (!row.secret.empty()) {
            auto key = PrivateKey::from_bytes(hash32(row.secret));
            ASSERT_TRUE(key.ok());
            EXPECT_EQ(key->public_key(), *pubkey);
            EXPECT_EQ(key->sign(*msg, hash32(row.aux)), *sig);
        }
        EXPECT_EQ(verify_signature(*pubkey, *msg, *sig), row.expected);
    }
}

TEST(Keys, SignVerifyRoundTrip) {
    auto key = PrivateKey::generate();
    for (size_t len : {0u, 1u, 32u, 33u, 1000u}) {
        Bytes msg(len, 0x5a);
        auto sig = key.sign(msg);
        EXPECT_TRUE(verify_signature(key.public_key(), msg, sig)) << len;
    }
}

TEST(Keys, DefaultAuxIsDeterministicAndAuxChangesSignature) {
    auto key = PrivateKey::from_bytes(hash32(std::string(63, '0') + "7")).value();
    auto msg = as_bytes("azora");
    EXPECT_EQ(key.sign(msg), key.sign(msg));
    Hash32 aux{};
    aux[0] = 1;
    auto other = key.sign(msg, aux);
    EXPECT_NE(other, key.sign(msg));
    EXPECT_TRUE(verify_signature(key.public_key(), msg, other));
}

TEST(Keys, TamperingFailsVerification) {
    auto key = PrivateKey::generate();
    Bytes msg = {1, 2, 3, 4};
    auto sig = key.sign(msg);

    Bytes longer = msg;
    longer.push_back(0);
    EXPECT_FALSE(verify_signature(key.public_key(), longer, sig));
    for (size_t i = 0; i < msg.size(); ++i) {
        Bytes bad = msg;
        bad[i] ^= 1;
        EXPECT_FALSE(verify_signature(key.public_key(), bad, sig));
    }
    for (size_t i = 0; i < sig.size(); ++i) {
        Signature bad = sig;
        bad[i] ^= 0x80;
        EXPECT_FALSE(verify_signature(key.public_key(), msg, bad)) << i;
    }
    auto other = PrivateKey::generate();
    EXPECT_FALSE(verify_signature(other.public_key(), msg, sig));
}

TEST(Keys, FromBytesRejectsOutOfRange) {
    const std::string n = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
    const std::string n_minus_1 =
        "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140";
    const std::string n_plus_1 = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364142";

    auto zero = PrivateKey::from_bytes(Hash32{});
    ASSERT_FALSE(zero.ok());
    EXPECT_EQ(zero.error().reason, "bad_key");
    EXPECT_EQ(zero.error().kind, ErrorKind::malformed);
    EXPECT_FALSE(PrivateKey::from_bytes(hash32(n)).ok());
    EXPECT_FALSE(PrivateKey::from_bytes(hash32(n_plus_1)).ok());
    Hash32 all_ones;
    all_ones.fill(0xff);
    EXPECT_FALSE(PrivateKey::from_bytes(all_ones).ok());

    Hash32 one{};
    one[31] = 1;
    EXPECT_TRUE(PrivateKey::from_bytes(one).ok());
    EXPECT_TRUE(PrivateKey::from_bytes(hash32(n_minus_1)).ok());
}

TEST(Keys, GenerateGivesDistinctUsableKeys) {
    auto a = PrivateKey::generate();
    auto b = PrivateKey::generate();
    EXPECT_NE(a.secret(), b.secret());
    EXPECT_NE(a.public_key(), b.public_key());
    auto again = PrivateKey::from_bytes(a.secret());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->public_key(), a.public_key());
}

TEST(Keys, CopyKeepsKeyUsable) {
    auto a = PrivateKey::generate();
    PrivateKey copy = a;
    EXPECT_EQ(copy.secret(), a.secret());
    auto sig = copy.sign(as_bytes("m"));
    EXPECT_TRUE(verify_signature(a.public_key(), as_bytes("m"), sig));
}

}  // namespace
}  // namespace azora
