#pragma once

#include "consensus/proposal.hpp"
#include "consensus/vote.hpp"
#include "core/keys.hpp"
#include "core/result.hpp"

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
};

}  // namespace azora::node
