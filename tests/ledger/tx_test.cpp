#include "ledger/tx.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "core/hash.hpp"
#include "ledger/limits.hpp"

namespace azora::ledger {
namespace {

// Golden values computed independently in Python (hashlib, the BIP-340 reference signer with
// zero aux randomness) from the byte layout in DESIGN.md "Transactions".
constexpr std::string_view kGoldenUnsigned =
    "01000000"                                                          // version
    "0c617a6f72612d746573742d31"                                        // "azora-test-1"
    "f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9"  // sender (key 3)
    "0700000000000000"                                                  // nonce 7
    "50c3000000000000"                                                  // gas_limit 50000
    "0300000000000000"                                                  // gas_price 3
    "d204000000000000"                                                  // expires 1234
    "0100"                                                              // module 1
    "0200"                                                              // action 2
    "04010203ff";                                                       // payload
constexpr std::string_view kGoldenSigningHash =
    "23ebddc3056aee528cc0595c0e2a49d81d1f99e6885ff5b46bceb962a77d3c65";
constexpr std::string_view kGoldenSignature =
    "1675d38a45f0cdac5637bad9b426db05a0ea4dfd1f7d46e24ebf3949131e7ce3"
    "25e9b9d63a8408db1df5ad221e25f955d36a0e1bfe9457e4c7fefd45dcf27ca5";
constexpr std::string_view kGoldenHash =
    "f7bc4e373dbbb81093d1ba28542275434cf59a479b967bffaa156f3672045cd1";

PrivateKey key(uint8_t n) {
    Hash32 secret{};
    secret[31] = n;
    return *PrivateKey::from_bytes(secret);
}

Tx sample_tx() {
    Tx tx;
    tx.chain_id = "azora-test-1";
    tx.nonce = 7;
    tx.gas_limit = 50'000;
    tx.gas_price = 3;
    tx.expires_at_height = 1234;
    tx.module = 1;
    tx.action = 2;
    tx.payload = {0x01, 0x02, 0x03, 0xff};
    tx.sign(key(3));
    return tx;
}

std::string reason(const Result<Tx>& r) {
    return r.ok() ? "<ok>" : r.error().reason;
}

TEST(Tx, GoldenEncodingSignatureAndHashes) {
    const Tx tx = sample_tx();
    EXPECT_EQ(to_hex(tx.encode_unsigned()), kGoldenUnsigned);
    EXPECT_EQ(to_hex(tx.signing_hash()), kGoldenSigningHash);
    EXPECT_EQ(to_hex(tx.signature), kGoldenSignature);
    EXPECT_EQ(to_hex(tx.encode()), std::string(kGoldenUnsigned) + std::string(kGoldenSignature));
    EXPECT_EQ(to_hex(tx.hash()), kGoldenHash);
}

TEST(Tx, RoundTrip) {
    const Tx tx = sample_tx();
    auto back = Tx::decode(tx.encode());
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    EXPECT_EQ(*back, tx);
    EXPECT_EQ(back->hash(), tx.hash());

    Tx empty;  // defaults: empty chain id and payload, zero signature
    auto back_empty = Tx::decode(empty.encode());
    ASSERT_TRUE(back_empty.ok()) << back_empty.error().to_string();
    EXPECT_EQ(*back_empty, empty);
}

TEST(Tx, EveryTruncationIsRejected) {
    const Bytes enc = sample_tx().encode();
    for (size_t len = 0; len < enc.size(); ++len) {
        auto r = Tx::decode(ByteView(enc).first(len));
        ASSERT_FALSE(r.ok()) << "decoded a tx truncated to " << len << " bytes";
        EXPECT_EQ(r.error().kind, ErrorKind::malformed);
        EXPECT_EQ(r.error().reason, "decode_error") << len;
    }
}

TEST(Tx, TrailingBytesAreRejected) {
    Bytes enc = sample_tx().encode();
    enc.push_back(0);
    EXPECT_EQ(reason(Tx::decode(enc)), "decode_error");
}

TEST(Tx, WrongVersionIsRejected) {
    for (uint8_t v : {0, 2, 255}) {
        Bytes enc = sample_tx().encode();
        enc[0] = v;
        auto r = Tx::decode(enc);
        ASSERT_FALSE(r.ok()) << int{v};
        EXPECT_EQ(r.error().kind, ErrorKind::malformed);
        EXPECT_EQ(r.error().reason, "bad_version");
    }
    Bytes high = sample_tx().encode();
    high[3] = 1;  // version 0x01000001
    EXPECT_EQ(reason(Tx::decode(high)), "bad_version");
}

TEST(Tx, PayloadLimit) {
    Tx tx = sample_tx();
    tx.payload.assign(limits::kPayloadMax, 0xaa);
    auto at_limit = Tx::decode(tx.encode());
    ASSERT_TRUE(at_limit.ok()) << at_limit.error().to_string();
    EXPECT_EQ(at_limit->payload.size(), limits::kPayloadMax);

    tx.payload.push_back(0xaa);
    EXPECT_EQ(reason(Tx::decode(tx.encode())), "decode_error");

    // Whole input over the tx size cap is refused before decoding.
    Bytes huge(limits::kTxMax + 1, 0);
    EXPECT_EQ(reason(Tx::decode(huge)), "tx_too_large");
}

TEST(Tx, ChainIdLimit) {
    Tx tx = sample_tx();
    tx.chain_id = std::string(limits::kChainIdMax, 'c');
    auto at_limit = Tx::decode(tx.encode());
    ASSERT_TRUE(at_limit.ok()) << at_limit.error().to_string();
    EXPECT_EQ(at_limit->chain_id, tx.chain_id);

    tx.chain_id.push_back('c');
    EXPECT_EQ(reason(Tx::decode(tx.encode())), "decode_error");
}

TEST(Tx, NonMinimalLengthIsRejected) {
    // Chain id length 12 written as the two-byte varint 0x8c 0x00.
    Bytes enc = sample_tx().encode();
    ASSERT_EQ(enc[4], 12);
    enc[4] = 0x8c;
    enc.insert(enc.begin() + 5, 0x00);
    EXPECT_EQ(reason(Tx::decode(enc)), "decode_error");
}

TEST(Tx, SignThenVerify) {
    Tx tx = sample_tx();
    EXPECT_EQ(tx.sender, key(3).public_key());
    EXPECT_TRUE(tx.verify_signature());

    // Signing again with another key replaces the sender too.
    tx.sign(key(4));
    EXPECT_EQ(tx.sender, key(4).public_key());
    EXPECT_TRUE(tx.verify_signature());

    Tx unsigned_tx = sample_tx();
    unsigned_tx.signature = Signature{};
    EXPECT_FALSE(unsigned_tx.verify_signature());
}

TEST(Tx, TamperingAnyFieldBreaksTheSignature) {
    const std::vector<std::pair<std::string, std::function<void(Tx&)>>> tamper = {
        {"version", [](Tx& t) { t.version = 2; }},
        {"chain_id", [](Tx& t) { t.chain_id = "azora-test-2"; }},
        {"sender", [](Tx& t) { t.sender = key(4).public_key(); }},
        {"nonce", [](Tx& t) { t.nonce += 1; }},
        {"gas_limit", [](Tx& t) { t.gas_limit += 1; }},
        {"gas_price", [](Tx& t) { t.gas_price += 1; }},
        {"expires_at_height", [](Tx& t) { t.expires_at_height = 0; }},
        {"module", [](Tx& t) { t.module = 2; }},
        {"action", [](Tx& t) { t.action = 1; }},
        {"payload byte", [](Tx& t) { t.payload[3] ^= 0x01; }},
        {"payload length", [](Tx& t) { t.payload.push_back(0); }},
        {"signature r", [](Tx& t) { t.signature[0] ^= 0x01; }},
        {"signature s", [](Tx& t) { t.signature[63] ^= 0x80; }},
    };
    const Tx original = sample_tx();
    ASSERT_TRUE(original.verify_signature());
    for (const auto& [field, edit] : tamper) {
        Tx tx = original;
        edit(tx);
        EXPECT_FALSE(tx.verify_signature()) << "tampered " << field << " still verifies";
        EXPECT_NE(tx.hash(), original.hash()) << field;
    }
}

// Flipping any single bit of the encoding either breaks decoding or yields a tx whose
// signature no longer verifies.
TEST(Tx, EveryBitFlipIsDetected) {
    const Bytes enc = sample_tx().encode();
    for (size_t i = 0; i < enc.size(); ++i) {
        for (int bit = 0; bit < 8; ++bit) {
            Bytes e = enc;
            e[i] ^= static_cast<uint8_t>(1 << bit);
            auto r = Tx::decode(e);
            EXPECT_TRUE(!r.ok() || !r->verify_signature()) << "byte " << i << " bit " << bit;
        }
    }
}

TEST(Tx, HashCoversSignatureSigningHashDoesNot) {
    const Tx tx = sample_tx();
    EXPECT_NE(tx.hash(), tx.signing_hash());
    EXPECT_EQ(tx.signing_hash(), tagged_hash("azora/tx", tx.encode_unsigned()));
    EXPECT_EQ(tx.hash(), tagged_hash("azora/tx", tx.encode()));

    // Another valid signature (different aux randomness) changes the id, not what was signed.
    Tx other = tx;
    Hash32 aux{};
    aux[0] = 1;
    other.signature = key(3).sign(other.signing_hash(), aux);
    ASSERT_NE(other.signature, tx.signature);
    EXPECT_TRUE(other.verify_signature());
    EXPECT_EQ(other.signing_hash(), tx.signing_hash());
    EXPECT_NE(other.hash(), tx.hash());
}

}  // namespace
}  // namespace azora::ledger
