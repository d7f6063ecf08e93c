#include "crypto_cache.hpp"

#include <string>

#include "core/hash.hpp"

namespace azora::consensus::sim {

Signature CryptoCache::sign(const PrivateKey& key, const VoteData& data) {
    SignKey k{};
    const Hash32 msg = data.signing_hash();
    std::memcpy(k.data(), key.public_key().data(), 32);
    std::memcpy(k.data() + 32, msg.data(), 32);
    auto it = m_signed.find(k);
    if (it != m_signed.end()) {
        return it->second;
    }
    if (m_signed.size() >= kMaxEntries) {
        m_signed.clear();
    }
    ++m_real_signs;
    Signature sig = sign_vote(key, data);
    m_signed.emplace(k, sig);
    return sig;
}

bool CryptoCache::verify(const PubKey& pubkey, const VoteData& data, const Signature& sig) {
    VerifyKey k{};
    const Hash32 msg = data.signing_hash();
    std::memcpy(k.data(), pubkey.data(), 32);
    std::memcpy(k.data() + 32, msg.data(), 32);
    std::memcpy(k.data() + 64, sig.data(), 64);
    auto it = m_verified.find(k);
    if (it != m_verified.end()) {
        return it->second;
    }
    if (m_verified.size() >= kMaxEntries) {
        m_verified.clear();
    }
    ++m_real_verifies;
    const bool ok = verify_vote(pubkey, data, sig);
    m_verified.emplace(k, ok);
    return ok;
}

std::vector<PrivateKey> make_sim_keys(size_t n) {
    std::vector<PrivateKey> keys;
    for (size_t i = 0; i < n; ++i) {
        auto k = PrivateKey::from_bytes(sha256(as_bytes("consensus-sim/" + std::to_string(i))));
        keys.push_back(std::move(k).value());  // a SHA-256 output is a valid key
    }
    return keys;
}

}  // namespace azora::consensus::sim
