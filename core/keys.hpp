#pragma once

#include <array>
#include <cstdint>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace azora {

/// BIP-340 x-only public key.
using PubKey = std::array<uint8_t, 32>;
/// BIP-340 Schnorr signature.
using Signature = std::array<uint8_t, 64>;

/// A secp256k1 secret key for BIP-340 signing. The secret is wiped on destruction.
class PrivateKey {
public:
    /// Fails with "bad_key" unless 0 < key < n.
    static Result<PrivateKey> from_bytes(const Hash32& secret);
    /// A fresh key from the OS CSPRNG (OpenSSL RAND_bytes).
    static PrivateKey generate();

    PrivateKey(const PrivateKey&) = default;
    PrivateKey& operator=(const PrivateKey&) = default;
    ~PrivateKey();

    const Hash32& secret() const { return m_secret; }
    const PubKey& public_key() const { return m_pubkey; }

    /// BIP-340 signature of `msg` (any length); `aux` is the auxiliary randomness
    /// (all zero when not given, which keeps signatures deterministic).
    Signature sign(ByteView msg, const Hash32& aux = Hash32{}) const;

private:
    PrivateKey(const Hash32& secret, const PubKey& pubkey) : m_secret(secret), m_pubkey(pubkey) {}
    Hash32 m_secret;
    PubKey m_pubkey;
};

/// True if `pubkey` is the x coordinate of a point on secp256k1 (a key that can sign).
bool is_valid_pubkey(const PubKey& pubkey);

/// BIP-340 verification of `sig` over `msg` (any length) by `pubkey`. Thread-safe.
bool verify_signature(const PubKey& pubkey, ByteView msg, const Signature& sig);

}  // namespace azora
