#include "core/keys.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <secp256k1.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>

#include <cstdlib>

namespace azora {

namespace {

// Fills `out` from the OS CSPRNG. A failing CSPRNG leaves no safe way to make keys, so it
// stops the process rather than returning predictable bytes.
void random_bytes(Hash32& out) {
    if (RAND_bytes(out.data(), static_cast<int>(out.size())) != 1) {
        std::abort();
    }
}

// One context for the process. After randomization it is only read, which libsecp256k1
// allows from any number of threads; the static initializer runs exactly once.
const secp256k1_context* context() {
    static const secp256k1_context* const ctx = [] {
        secp256k1_context* c = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
        Hash32 seed;
        random_bytes(seed);
        // Blinding against side channels while signing; cannot fail for a fresh context.
        if (secp256k1_context_randomize(c, seed.data()) != 1) {
            std::abort();
        }
        OPENSSL_cleanse(seed.data(), seed.size());
        return c;
    }();
    return ctx;
}

// Builds the keypair for a secret already known to be valid. An out parameter, so that no
// stray copy of the secret material is left on the stack for the caller to miss wiping.
void make_keypair(const Hash32& secret, secp256k1_keypair& keypair) {
    if (secp256k1_keypair_create(context(), &keypair, secret.data()) != 1) {
        std::abort();  // callers validated the secret; failing here is a broken invariant
    }
}

}  // namespace

Result<PrivateKey> PrivateKey::from_bytes(const Hash32& secret) {
    if (secp256k1_ec_seckey_verify(context(), secret.data()) != 1) {
        return Error::malformed("bad_key", "secret key is zero or not below the curve order");
    }
    secp256k1_keypair keypair;
    make_keypair(secret, keypair);
    secp256k1_xonly_pubkey xonly;
    PubKey pubkey;
    // Both calls only fail on illegal arguments, which a valid keypair rules out.
    int ok_pub = secp256k1_keypair_xonly_pub(context(), &xonly, nullptr, &keypair);
    OPENSSL_cleanse(&keypair, sizeof(keypair));
    if (ok_pub != 1 || secp256k1_xonly_pubkey_serialize(context(), pubkey.data(), &xonly) != 1) {
        std::abort();
    }
    return PrivateKey(secret, pubkey);
}

PrivateKey PrivateKey::generate() {
    Hash32 secret;
    for (;;) {
        random_bytes(secret);
        // Invalid draws (zero or >= n) have probability about 2^-128; draw again.
        auto key = from_bytes(secret);
        if (key.ok()) {
            OPENSSL_cleanse(secret.data(), secret.size());
            return std::move(key).value();
        }
    }
}

PrivateKey::~PrivateKey() {
    OPENSSL_cleanse(m_secret.data(), m_secret.size());
}

Signature PrivateKey::sign(ByteView msg, const Hash32& aux) const {
    secp256k1_keypair keypair;
    make_keypair(m_secret, keypair);
    secp256k1_schnorrsig_extraparams params = SECP256K1_SCHNORRSIG_EXTRAPARAMS_INIT;
    // The BIP-340 nonce function reads 32 bytes of aux randomness from ndata.
    params.ndata = const_cast<uint8_t*>(aux.data());
    Signature sig;
    // sign_custom (not sign32) so that messages of any length are signed as BIP-340 specifies.
    int rc = secp256k1_schnorrsig_sign_custom(context(), sig.data(), msg.data(), msg.size(),
                                              &keypair, &params);
    OPENSSL_cleanse(&keypair, sizeof(keypair));
    if (rc != 1) {
        std::abort();  // only fails on illegal arguments, ruled out above
    }
    return sig;
}

bool is_valid_pubkey(const PubKey& pubkey) {
    secp256k1_xonly_pubkey xonly;
    return secp256k1_xonly_pubkey_parse(context(), &xonly, pubkey.data()) == 1;
}

bool verify_signature(const PubKey& pubkey, ByteView msg, const Signature& sig) {
    secp256k1_xonly_pubkey xonly;
    // Rejects x coordinates >= p and those with no point on the curve.
    if (secp256k1_xonly_pubkey_parse(context(), &xonly, pubkey.data()) != 1) {
        return false;
    }
    return secp256k1_schnorrsig_verify(context(), sig.data(), msg.data(), msg.size(), &xonly) == 1;
}

}  // namespace azora
