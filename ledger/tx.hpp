#pragma once

#include <cstdint>
#include <string>

#include "core/bytes.hpp"
#include "core/keys.hpp"
#include "core/result.hpp"

namespace azora {
class Writer;
class Reader;
}  // namespace azora

namespace azora::ledger {

inline constexpr uint32_t kTxVersion = 1;

/// A signed transaction (DESIGN.md "Transactions"; byte layout in docs/protocol.md).
struct Tx {
    uint32_t version = kTxVersion;
    std::string chain_id;
    PubKey sender{};
    uint64_t nonce = 0;
    uint64_t gas_limit = 0;
    uint64_t gas_price = 0;
    uint64_t expires_at_height = 0;  ///< 0 = never
    uint16_t module = 0;
    uint16_t action = 0;
    Bytes payload;
    Signature signature{};

    /// Encoding of every field but the signature.
    Bytes encode_unsigned() const;
    /// Full canonical encoding, signature last.
    Bytes encode() const;
    static Result<Tx> decode(ByteView in);
    void encode_to(Writer& w) const;
    static Result<Tx> decode_from(Reader& r);

    /// H_azora/tx(encode_unsigned()): the 32-byte message the sender signs.
    Hash32 signing_hash() const;
    /// H_azora/tx(encode()): the transaction's id.
    Hash32 hash() const;

    /// Signs in place with `key`; sets `sender` to the key's public key.
    void sign(const PrivateKey& key);
    /// BIP-340 check of `signature` over signing_hash() by `sender`.
    bool verify_signature() const;

    bool operator==(const Tx&) const = default;
};

}  // namespace azora::ledger
