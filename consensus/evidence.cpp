#include "consensus/evidence.hpp"

#include <set>

#include "core/reasons.hpp"
#include "ledger/limits.hpp"

namespace azora::consensus {
namespace {

VoteData vote_data(const ledger::DuplicateVoteEvidence& ev,
                   const std::string& chain_id,
                   const Hash32& block_hash) {
    return VoteData{static_cast<VoteType>(ev.vote_type), chain_id, ev.height, ev.round, block_hash};
}

}  // namespace

Result<ledger::DuplicateVoteEvidence> make_evidence(const Vote& a,
                                                    const Vote& b,
                                                    const ValidatorSet& validators) {
    if (a.data.type != b.data.type || a.data.chain_id != b.data.chain_id ||
        a.data.height != b.data.height || a.data.round != b.data.round ||
        a.validator_index != b.validator_index) {
        return Error::from(reasons::kEvidenceMismatch,
                           "votes differ in type, chain, height, round or validator");
    }
    if (a.data.block_hash == b.data.block_hash) {
        return Error::from(reasons::kEvidenceSameVote, "both votes are for the same block hash");
    }
    if (a.validator_index >= validators.size()) {
        return Error::from(reasons::kEvidenceBadIndex, "validator index outside the set");
    }
    const bool a_first = a.data.block_hash < b.data.block_hash;
    const Vote& first = a_first ? a : b;
    const Vote& second = a_first ? b : a;
    ledger::DuplicateVoteEvidence ev;
    ev.vote_type = static_cast<uint8_t>(a.data.type);
    ev.height = a.data.height;
    ev.round = a.data.round;
    ev.validator_index = a.validator_index;
    ev.validator = validators.validators()[a.validator_index].pubkey;
    ev.block_hash_a = first.data.block_hash;
    ev.sig_a = first.signature;
    ev.block_hash_b = second.data.block_hash;
    ev.sig_b = second.signature;
    return ev;
}

Result<void> verify_evidence(const ValidatorSet& validators,
                             const std::string& chain_id,
                             const ledger::DuplicateVoteEvidence& ev) {
    AZORA_TRY(ev.check_form());
    if (ev.validator_index >= validators.size()) {
        return Error::from(reasons::kEvidenceBadIndex, "validator index outside the set");
    }
    if (validators.validators()[ev.validator_index].pubkey != ev.validator) {
        return Error::from(reasons::kEvidenceWrongValidator,
                           "key is not the validator's at that index");
    }
    if (!verify_vote(ev.validator, vote_data(ev, chain_id, ev.block_hash_a), ev.sig_a) ||
        !verify_vote(ev.validator, vote_data(ev, chain_id, ev.block_hash_b), ev.sig_b)) {
        return Error::from(reasons::kEvidenceBadSignature, "a vote signature does not verify");
    }
    return ok_result();
}

Result<void> check_block_evidence(const ValidatorSet& validators,
                                  const std::string& chain_id,
                                  uint64_t block_height,
                                  const std::vector<ledger::DuplicateVoteEvidence>& evidence) {
    if (evidence.size() > ledger::limits::kBlockEvidenceMax) {
        return Error::from(reasons::kEvidenceTooMany, "more evidence than a block may hold");
    }
    std::set<Hash32> seen;
    for (const auto& ev : evidence) {
        if (ev.height == 0 || ev.height > block_height) {
            return Error::from(
                reasons::kEvidenceFuture,
                "evidence height " + std::to_string(ev.height) + " is not below or at the block's");
        }
        if (block_height - ev.height > kMaxEvidenceAgeBlocks) {
            return Error::from(
                reasons::kEvidenceTooOld,
                "evidence height " + std::to_string(ev.height) + " is older than the maximum age");
        }
        AZORA_TRY(verify_evidence(validators, chain_id, ev));
        if (!seen.insert(ev.hash()).second) {
            return Error::from(reasons::kEvidenceDuplicate, "the same evidence twice in a block");
        }
    }
    return ok_result();
}

Result<void> check_block_evidence(const ValidatorSet& validators, const ledger::Block& block) {
    if (block.header.evidence_root != ledger::compute_evidence_root(block.evidence)) {
        return Error::from(reasons::kEvidenceRootMismatch,
                           "header evidence_root does not match the block's evidence");
    }
    return check_block_evidence(validators, block.header.chain_id, block.header.height,
                                block.evidence);
}

}  // namespace azora::consensus
