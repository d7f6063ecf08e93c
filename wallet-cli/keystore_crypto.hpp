#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace azora::wallet {

/// scrypt cost parameters. Memory use is 128 * r * n bytes; time grows with n * r * p.
struct ScryptParams {
    uint64_t n = uint64_t{1} << 15;
    uint32_t r = 8;
    uint32_t p = 1;

    bool operator==(const ScryptParams&) const = default;
};

/// Smallest scrypt N a key file may use (DESIGN.md, Cryptography: N >= 2^15).
inline constexpr uint64_t kMinScryptN = uint64_t{1} << 15;
/// Largest scrypt N accepted, so a planted file cannot make unlocking take minutes.
inline constexpr uint64_t kMaxScryptN = uint64_t{1} << 20;
/// Largest scrypt memory (128 * r * n) accepted.
inline constexpr uint64_t kMaxScryptMemory = uint64_t{1} << 30;

/// Fails with "bad_scrypt_params" unless n is a power of two in [min_n, kMaxScryptN], r is in
/// [8, 32], p is in [1, 16] and 128 * r * n <= kMaxScryptMemory.
Result<void> check_scrypt_params(const ScryptParams& params, uint64_t min_n = kMinScryptN);

/// A 32-byte secret encrypted under a password: AES-256-GCM keyed by scrypt(password, salt).
struct SealedSecret {
    ScryptParams kdf;
    std::array<uint8_t, 16> salt{};
    std::array<uint8_t, 12> nonce{};
    Hash32 ciphertext{};
    std::array<uint8_t, 16> tag{};
};

/// Encrypts `secret` with a fresh random salt and nonce, authenticating `aad` alongside it.
/// `params` must pass check_scrypt_params. Fails only if OpenSSL does ("crypto_error").
Result<SealedSecret> seal(const Hash32& secret,
                          std::string_view password,
                          ByteView aad,
                          const ScryptParams& params);

/// Decrypts `sealed`; "bad_password" for a wrong password or any change to `sealed` or `aad`
/// (the two are indistinguishable by design). Callers check `sealed.kdf` first.
Result<Hash32> unseal(const SealedSecret& sealed, std::string_view password, ByteView aad);

}  // namespace azora::wallet
