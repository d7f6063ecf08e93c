#include "consensus/commit_verifier.hpp"

#include <algorithm>

#include "core/reasons.hpp"

namespace azora::consensus {

Result<void> verify_commit(const ValidatorSet& validators,
                           const std::string& chain_id,
                           uint64_t height,
                           const Hash32& block_hash,
                           const ledger::Commit& commit) {
    if (commit.height != height || commit.block_hash != block_hash) {
        return Error::from(reasons::kCommitMismatch, "commit is for another block or height");
    }
    VoteData data{VoteType::precommit, chain_id, height, commit.round, block_hash};
    const Hash32 msg = data.signing_hash();
    uint64_t power = 0;
    int64_t last_index = -1;
    for (const auto& s : commit.signatures) {
        if (s.validator_index >= validators.size() ||
            static_cast<int64_t>(s.validator_index) <= last_index) {
            return Error::from(reasons::kCommitBadIndex, "unknown or repeated validator index");
        }
        last_index = s.validator_index;
        const Validator& v = validators.validators()[s.validator_index];
        if (!verify_signature(v.pubkey, msg, s.signature)) {
            return Error::from(
                reasons::kCommitBadSignature,
                "bad precommit signature from validator " + std::to_string(s.validator_index));
        }
        power += v.power;  // bounded by kMaxTotalPower
    }
    if (power < validators.quorum_power()) {
        return Error::from(reasons::kCommitInsufficientPower,
                           "commit holds " + std::to_string(power) + " of " +
                               std::to_string(validators.total_power()) + " voting power");
    }
    return {};
}

ledger::Commit make_commit(uint64_t height,
                           uint32_t round,
                           const Hash32& block_hash,
                           std::vector<Vote> precommits) {
    std::stable_sort(precommits.begin(), precommits.end(), [](const Vote& a, const Vote& b) {
        return a.validator_index < b.validator_index;
    });
    ledger::Commit c{height, round, block_hash, {}};
    for (const auto& v : precommits) {
        if (c.signatures.empty() || c.signatures.back().validator_index != v.validator_index) {
            c.signatures.push_back({v.validator_index, v.signature});
        }
    }
    return c;
}

}  // namespace azora::consensus
