#pragma once

#include <string>
#include <vector>

#include "consensus/validator_set.hpp"
#include "consensus/vote.hpp"
#include "ledger/commit.hpp"

namespace azora::consensus {

/// Checks that `commit` finalizes `block_hash` at `height` under `validators`: every signature
/// is a valid precommit from a distinct member, and together they hold more than 2/3 of the
/// voting power. Reasons: "commit_mismatch", "commit_bad_index", "commit_bad_signature",
/// "commit_insufficient_power".
Result<void> verify_commit(const ValidatorSet& validators,
                           const std::string& chain_id,
                           uint64_t height,
                           const Hash32& block_hash,
                           const ledger::Commit& commit);

/// Builds a commit from precommit votes for one block (sorted by validator index). The caller
/// has checked the votes; verify_commit() checks the result.
ledger::Commit make_commit(uint64_t height,
                           uint32_t round,
                           const Hash32& block_hash,
                           std::vector<Vote> precommits);

}  // namespace azora::consensus
