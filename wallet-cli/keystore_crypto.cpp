#include "wallet-cli/keystore_crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <climits>
#include <memory>

namespace azora::wallet {

namespace {

// OpenSSL counts its block buffers on top of the 128 * r * n table; at r <= 32 and p <= 16
// they stay far below the extra MiB.
constexpr uint64_t kScryptMaxmem = kMaxScryptMemory + (uint64_t{1} << 20);

using AesKey = std::array<uint8_t, 32>;

/// Wipes a buffer on every path out of a scope, including early error returns.
class Wipe {
public:
    Wipe(void* data, size_t size) : m_data(data), m_size(size) {}
    Wipe(const Wipe&) = delete;
    Wipe& operator=(const Wipe&) = delete;
    ~Wipe() { OPENSSL_cleanse(m_data, m_size); }

private:
    void* m_data;
    size_t m_size;
};

struct CipherCtxFree {
    // EVP_CIPHER_CTX_free also cleanses the expanded AES key schedule.
    void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

Error crypto_error(const char* what) {
    return Error::internal("crypto_error", what);
}

Result<void> derive_key(std::string_view password,
                        const std::array<uint8_t, 16>& salt,
                        const ScryptParams& params,
                        AesKey& key) {
    // An empty string_view may carry a null pointer, which OpenSSL need not accept.
    const char* pass = password.empty() ? "" : password.data();
    if (EVP_PBE_scrypt(pass, password.size(), salt.data(), salt.size(), params.n, params.r,
                       params.p, kScryptMaxmem, key.data(), key.size()) != 1) {
        return crypto_error("scrypt failed (out of memory?)");
    }
    return ok_result();
}

bool aad_fits(ByteView aad) {
    return aad.size() <= static_cast<size_t>(INT_MAX);
}

}  // namespace

Result<void> check_scrypt_params(const ScryptParams& params, uint64_t min_n) {
    const bool pow2 = params.n != 0 && (params.n & (params.n - 1)) == 0;
    if (!pow2 || params.n < min_n || params.n > kMaxScryptN) {
        return Error::malformed("bad_scrypt_params", "scrypt n must be a power of two in [" +
                                                         std::to_string(min_n) + ", " +
                                                         std::to_string(kMaxScryptN) + "], got " +
                                                         std::to_string(params.n));
    }
    if (params.r < 8 || params.r > 32) {
        return Error::malformed("bad_scrypt_params",
                                "scrypt r must be in [8, 32], got " + std::to_string(params.r));
    }
    if (params.p < 1 || params.p > 16) {
        return Error::malformed("bad_scrypt_params",
                                "scrypt p must be in [1, 16], got " + std::to_string(params.p));
    }
    // No overflow: n <= 2^20 and r <= 32 keep the product below 2^32.
    if (uint64_t{128} * params.r * params.n > kMaxScryptMemory) {
        return Error::malformed("bad_scrypt_params", "scrypt memory 128 * r * n exceeds 1 GiB");
    }
    return ok_result();
}

Result<SealedSecret> seal(const Hash32& secret,
                          std::string_view password,
                          ByteView aad,
                          const ScryptParams& params) {
    if (!aad_fits(aad)) {
        return crypto_error("associated data too long");
    }
    SealedSecret out;
    out.kdf = params;
    if (RAND_bytes(out.salt.data(), static_cast<int>(out.salt.size())) != 1 ||
        RAND_bytes(out.nonce.data(), static_cast<int>(out.nonce.size())) != 1) {
        return crypto_error("random generator failed");
    }
    AesKey key{};
    Wipe wipe_key(key.data(), key.size());
    AZORA_TRY(derive_key(password, out.salt, params, key));

    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx) {
        return crypto_error("out of memory");
    }
    int len = 0;
    int final_len = 0;
    const bool ok =
        EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(out.nonce.size()),
                            nullptr) == 1 &&
        EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), out.nonce.data()) == 1 &&
        EVP_EncryptUpdate(ctx.get(), nullptr, &len, aad.data(), static_cast<int>(aad.size())) ==
            1 &&
        EVP_EncryptUpdate(ctx.get(), out.ciphertext.data(), &len, secret.data(),
                          static_cast<int>(secret.size())) == 1 &&
        len == static_cast<int>(secret.size()) &&
        EVP_EncryptFinal_ex(ctx.get(), out.ciphertext.data() + len, &final_len) == 1 &&
        final_len == 0 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(out.tag.size()),
                            out.tag.data()) == 1;
    if (!ok) {
        return crypto_error("AES-256-GCM encryption failed");
    }
    return out;
}

Result<Hash32> unseal(const SealedSecret& sealed, std::string_view password, ByteView aad) {
    if (!aad_fits(aad)) {
        return crypto_error("associated data too long");
    }
    AesKey key{};
    Wipe wipe_key(key.data(), key.size());
    AZORA_TRY(derive_key(password, sealed.salt, sealed.kdf, key));

    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx) {
        return crypto_error("out of memory");
    }
    Hash32 plain{};
    int len = 0;
    int final_len = 0;
    const bool setup =
        EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN,
                            static_cast<int>(sealed.nonce.size()), nullptr) == 1 &&
        EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), sealed.nonce.data()) == 1 &&
        EVP_DecryptUpdate(ctx.get(), nullptr, &len, aad.data(), static_cast<int>(aad.size())) ==
            1 &&
        EVP_DecryptUpdate(ctx.get(), plain.data(), &len, sealed.ciphertext.data(),
                          static_cast<int>(sealed.ciphertext.size())) == 1 &&
        len == static_cast<int>(plain.size()) &&
        // The ctrl takes a non-const pointer but only reads the expected tag.
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(sealed.tag.size()),
                            const_cast<uint8_t*>(sealed.tag.data())) == 1;
    if (!setup) {
        OPENSSL_cleanse(plain.data(), plain.size());
        return crypto_error("AES-256-GCM decryption setup failed");
    }
    // Only the tag check tells a wrong password from the right one; GCM released the
    // unauthenticated plaintext above, so it is wiped rather than returned on failure.
    if (EVP_DecryptFinal_ex(ctx.get(), plain.data() + len, &final_len) != 1 || final_len != 0) {
        OPENSSL_cleanse(plain.data(), plain.size());
        return Error::rejected("bad_password", "wrong password or the key file was modified");
    }
    Result<Hash32> out(plain);
    OPENSSL_cleanse(plain.data(), plain.size());
    return out;
}

}  // namespace azora::wallet
