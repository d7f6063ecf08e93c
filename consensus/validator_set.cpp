#include "consensus/validator_set.hpp"

#include <algorithm>

#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "core/reasons.hpp"

namespace azora::consensus {

Result<ValidatorSet> ValidatorSet::create(std::vector<std::pair<PubKey, uint64_t>> members) {
    if (members.empty()) {
        return Error::from(reasons::kBadValidatorSet, "no validators");
    }
    ValidatorSet set;
    for (const auto& [pubkey, power] : members) {
        if (!is_valid_pubkey(pubkey)) {
            return Error::from(reasons::kBadValidatorSet, "validator key is not a curve point");
        }
        if (power == 0) {
            return Error::from(reasons::kBadValidatorSet, "validator with zero power");
        }
        if (set.index_of(pubkey)) {
            return Error::from(reasons::kBadValidatorSet, "duplicate validator key");
        }
        if (power > kMaxTotalPower || set.m_total_power + power > kMaxTotalPower) {
            return Error::from(reasons::kBadValidatorSet, "total voting power too large");
        }
        set.m_total_power += power;
        set.m_validators.push_back({pubkey, power, Address::from_pubkey(pubkey), 0});
    }
    return set;
}

std::optional<uint32_t> ValidatorSet::index_of(const PubKey& pubkey) const {
    for (size_t i = 0; i < m_validators.size(); ++i) {
        if (m_validators[i].pubkey == pubkey) {
            return static_cast<uint32_t>(i);
        }
    }
    return std::nullopt;
}

Hash32 ValidatorSet::hash() const {
    Writer w;
    w.varint(m_validators.size());
    for (const auto& v : m_validators) {
        w.fixed_bytes(v.pubkey);
        w.u64(v.power);
    }
    return tagged_hash(tags::kValidators, w.data());
}

const Validator& ValidatorSet::proposer() const {
    // The validator the next advance_proposer() step picks: highest priority once every
    // validator has gained its power, lowest index on ties.
    size_t best = 0;
    for (size_t i = 1; i < m_validators.size(); ++i) {
        const auto& v = m_validators[i];
        const auto& b = m_validators[best];
        if (v.proposer_priority + static_cast<int64_t>(v.power) >
            b.proposer_priority + static_cast<int64_t>(b.power)) {
            best = i;
        }
    }
    return m_validators[best];
}

void ValidatorSet::advance_proposer(uint64_t times) {
    // Priorities stay within [-total, total] because the proposer pays exactly what the round
    // added; with total <= 2^60 nothing overflows.
    for (uint64_t t = 0; t < times; ++t) {
        for (auto& v : m_validators) {
            v.proposer_priority += static_cast<int64_t>(v.power);
        }
        size_t best = 0;
        for (size_t i = 1; i < m_validators.size(); ++i) {
            if (m_validators[i].proposer_priority > m_validators[best].proposer_priority) {
                best = i;
            }
        }
        m_validators[best].proposer_priority -= static_cast<int64_t>(m_total_power);
    }
}

}  // namespace azora::consensus
