#pragma once

#include <optional>
#include <string>
#include <vector>

#include "consensus/proposal.hpp"
#include "consensus/signing_state.hpp"
#include "consensus/vote.hpp"
#include "core/keys.hpp"
#include "core/result.hpp"
#include "node/locked_block_file.hpp"

namespace azora::node {

/// Signs this validator's proposals and votes. Every signature is recorded durably before it is
/// returned, so that no crash or restart can make the validator sign two different messages for
/// one (height, round, step).
class ValidatorSigner {
public:
    virtual ~ValidatorSigner() = default;
    virtual const PubKey& public_key() const = 0;
    virtual Result<Signature> sign_proposal(const consensus::ProposalData& proposal) = 0;
    virtual Result<Signature> sign_vote(const consensus::VoteData& vote) = 0;
    /// The last block this validator precommitted (its lock), as recorded; nullopt if none.
    virtual std::optional<consensus::PrecommitLock> lock() const = 0;
    /// The votes signed at the latest height signed at, on `chain_id`, oldest first, each
    /// checked against the key: after a restart mid-height they are sent again.
    virtual std::vector<consensus::Vote> height_votes(const std::string& chain_id,
                                                      uint32_t own_index) const = 0;
    /// Keeps the block this validator is about to precommit in `round` (its lock) and the
    /// prevotes for it, durably, so that after a restart it can propose it again.
    virtual Result<void> keep_locked_block(const ledger::Block& block,
                                           uint32_t round,
                                           const std::vector<consensus::Vote>& pol) = 0;
    /// What was kept last, if there is something and it reads back.
    virtual std::optional<LockedBlock> locked_block() const = 0;
};

}  // namespace azora::node
