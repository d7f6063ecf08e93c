#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "consensus/validator_set.hpp"
#include "consensus/vote.hpp"
#include "ledger/block.hpp"
#include "ledger/evidence.hpp"

namespace azora::consensus {

/// Evidence more than this many heights below the block that includes it is refused
/// (docs/protocol.md 16.5), so a pool and a block checker need only recent validator sets.
inline constexpr uint64_t kMaxEvidenceAgeBlocks = 100'000;

/// Turns an Equivocation action's two votes into canonical evidence (the vote with the smaller
/// block hash becomes `a`). The votes must agree on type, chain id, height, round and validator
/// index and differ in block hash. Signatures are not checked here: verify_evidence does.
/// Reasons (malformed): "evidence_mismatch", "evidence_same_vote", "evidence_bad_index".
Result<ledger::DuplicateVoteEvidence> make_evidence(const Vote& a,
                                                    const Vote& b,
                                                    const ValidatorSet& validators);

/// Checks `ev` against `validators`, the set of the evidence's height, on chain `chain_id`.
/// In order (first failure wins, all malformed): "evidence_bad_type", "evidence_same_vote",
/// "evidence_bad_order" (the shape, as in decode), "evidence_bad_index" (index out of the set),
/// "evidence_wrong_validator" (the key is not the one at that index), "evidence_bad_signature"
/// (either signature is not that validator's vote over VoteData{type, chain_id, height, round,
/// block hash}).
Result<void> verify_evidence(const ValidatorSet& validators,
                             const std::string& chain_id,
                             const ledger::DuplicateVoteEvidence& ev);

/// Block validity of a block's evidence list at `block_height`: at most
/// ledger::limits::kBlockEvidenceMax items ("evidence_too_many", malformed); each with
/// 1 <= height <= block_height ("evidence_future", malformed) and block_height - height <=
/// kMaxEvidenceAgeBlocks ("evidence_too_old", rejected); each verifies (verify_evidence); no
/// two equal ("evidence_duplicate", malformed). Evidence already recorded by an earlier block
/// is refused when the block executes (vm::record_evidence).
Result<void> check_block_evidence(const ValidatorSet& validators,
                                  const std::string& chain_id,
                                  uint64_t block_height,
                                  const std::vector<ledger::DuplicateVoteEvidence>& evidence);

/// check_block_evidence for `block` plus its header's evidence_root
/// ("evidence_root_mismatch", malformed).
Result<void> check_block_evidence(const ValidatorSet& validators, const ledger::Block& block);

}  // namespace azora::consensus
