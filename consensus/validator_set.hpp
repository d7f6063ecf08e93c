#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/address.hpp"
#include "core/keys.hpp"
#include "core/result.hpp"

namespace azora::consensus {

/// Upper bound on total voting power, so priority arithmetic can never overflow int64.
inline constexpr uint64_t kMaxTotalPower = uint64_t{1} << 60;

/// One validator: its consensus key and voting power.
struct Validator {
    PubKey pubkey{};
    uint64_t power = 0;
    Address address{};              ///< derived from pubkey
    int64_t proposer_priority = 0;  ///< proposer rotation state, not part of the hash
};

/// An ordered validator set. Indexes are positions in this order (commits refer to them).
/// Immutable except for the proposer rotation state.
class ValidatorSet {
public:
    /// Fails with "bad_validator_set" on an empty set, a key that is not a curve point, zero
    /// power, duplicate keys or total power over kMaxTotalPower.
    static Result<ValidatorSet> create(std::vector<std::pair<PubKey, uint64_t>> members);

    const std::vector<Validator>& validators() const { return m_validators; }
    size_t size() const { return m_validators.size(); }
    uint64_t total_power() const { return m_total_power; }
    std::optional<uint32_t> index_of(const PubKey& pubkey) const;

    /// Smallest power that is more than 2/3 of the total.
    uint64_t quorum_power() const { return m_total_power * 2 / 3 + 1; }

    /// H_azora/validators(varint n, then pubkey || u64 power for each, in order).
    Hash32 hash() const;

    /// The validator whose turn it is to propose: the one the next advance_proposer() step
    /// picks (highest priority plus power, then lowest index).
    const Validator& proposer() const;
    /// Advances the weighted round-robin `times` steps (Tendermint proposer priority: add
    /// each validator's power, then the proposer pays the total power).
    void advance_proposer(uint64_t times = 1);

private:
    std::vector<Validator> m_validators;
    uint64_t m_total_power = 0;
};

}  // namespace azora::consensus
