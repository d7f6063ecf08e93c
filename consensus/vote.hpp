#pragma once

#include <cstdint>
#include <string>

#include "core/bytes.hpp"
#include "core/keys.hpp"
#include "core/result.hpp"

namespace azora::consensus {

enum class VoteType : uint8_t { prevote = 1, precommit = 2 };

/// What a validator signs: its vote for `block_hash` (all zero = nil) at (height, round).
struct VoteData {
    VoteType type = VoteType::precommit;
    std::string chain_id;
    uint64_t height = 0;
    uint32_t round = 0;
    Hash32 block_hash{};

    /// u8 type, string chain_id, u64 height, u32 round, 32-byte block_hash.
    Bytes encode() const;
    /// H_azora/vote(encode()): the message signed with BIP-340.
    Hash32 signing_hash() const;
};

/// A signed vote from the validator at `validator_index`.
struct Vote {
    VoteData data;
    uint32_t validator_index = 0;
    Signature signature{};
};

/// Signs `data` with `key`.
Signature sign_vote(const PrivateKey& key, const VoteData& data);
/// True if `sig` is `pubkey`'s signature over `data`.
bool verify_vote(const PubKey& pubkey, const VoteData& data, const Signature& sig);

}  // namespace azora::consensus
