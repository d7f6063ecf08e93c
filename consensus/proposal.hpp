#pragma once

#include <cstdint>
#include <string>

#include "consensus/step.hpp"
#include "core/bytes.hpp"
#include "core/keys.hpp"

namespace azora::consensus {

/// What a proposer signs: block `block_hash` proposed at (height, round), with the proposer's
/// validRound as `pol_round` (kNoRound for a fresh block).
struct ProposalData {
    std::string chain_id;
    uint64_t height = 0;
    uint32_t round = 0;
    OptRound pol_round = kNoRound;
    Hash32 block_hash{};

    /// string chain_id, u64 height, u32 round, u32 pol_round (0xffffffff = none), 32-byte
    /// block_hash.
    Bytes encode() const;
    /// H_azora/proposal(encode()): the message signed with BIP-340.
    Hash32 signing_hash() const;
};

/// pol_round on the wire: kNoRound is 0xffffffff; rounds are below it.
inline constexpr uint32_t kNoRoundWire = 0xffffffff;
uint32_t pol_round_to_wire(OptRound r);
OptRound pol_round_from_wire(uint32_t w);

bool verify_proposal(const PubKey& pubkey, const ProposalData& data, const Signature& sig);

}  // namespace azora::consensus
