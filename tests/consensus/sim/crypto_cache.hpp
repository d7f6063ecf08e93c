#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "consensus/vote.hpp"
#include "core/keys.hpp"

namespace azora::consensus::sim {

/// Real BIP-340 vote signatures for the simulator, computed once per distinct input. Signing is
/// deterministic (zero aux randomness) and verification is a pure function, so remembering
/// results across runs changes nothing but the time: every distinct (key, vote, signature) is
/// still checked by verify_vote. Single-threaded.
class CryptoCache {
public:
    /// sign_vote(key, data), from the cache when this key signed this data before.
    Signature sign(const PrivateKey& key, const VoteData& data);
    /// verify_vote(pubkey, data, sig), from the cache when asked before.
    bool verify(const PubKey& pubkey, const VoteData& data, const Signature& sig);

    uint64_t real_signs() const { return m_real_signs; }
    uint64_t real_verifies() const { return m_real_verifies; }

private:
    using SignKey = std::array<uint8_t, 64>;     // pubkey || signing hash
    using VerifyKey = std::array<uint8_t, 128>;  // pubkey || signing hash || signature
    struct KeyHash {
        template <size_t N>
        size_t operator()(const std::array<uint8_t, N>& k) const {
            uint64_t a = 0;
            uint64_t b = 0;
            std::memcpy(&a, k.data() + 32, 8);  // from the signing hash: uniform
            std::memcpy(&b, k.data(), 8);
            return static_cast<size_t>(a ^ (b * 0x9e3779b97f4a7c15ull));
        }
    };
    static constexpr size_t kMaxEntries = 1'000'000;

    std::unordered_map<SignKey, Signature, KeyHash> m_signed;
    std::unordered_map<VerifyKey, bool, KeyHash> m_verified;
    uint64_t m_real_signs = 0;
    uint64_t m_real_verifies = 0;
};

/// Fixed test keys for validators 0 .. n-1 (the same for every run).
std::vector<PrivateKey> make_sim_keys(size_t n);

}  // namespace azora::consensus::sim
