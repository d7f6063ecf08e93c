#pragma once

#include <cstdint>
#include <string>

namespace azora::consensus {

/// Settings of a RoundMachine. Each timeout lasts base + delta * round milliseconds (linear
/// growth with the round, as CometBFT's timeout_* and timeout_*_delta), so that after GST the
/// timeouts eventually exceed the message delay bound.
struct RoundMachineOptions {
    std::string chain_id;  ///< votes for another chain are ignored; own votes carry it

    uint64_t timeout_propose_ms = 3000;
    uint64_t timeout_propose_delta_ms = 500;
    uint64_t timeout_prevote_ms = 1000;
    uint64_t timeout_prevote_delta_ms = 500;
    uint64_t timeout_precommit_ms = 1000;
    uint64_t timeout_precommit_delta_ms = 500;

    /// Votes and proposals for rounds more than this far above the current round are ignored
    /// (bounds memory against a peer that votes in far-future rounds).
    uint32_t max_rounds_ahead = 1000;
    /// Distinct proposals kept per round (an honest proposer sends one). Past this, a further
    /// proposal is kept only if its block already has a 2/3 prevote or precommit quorum there.
    uint32_t max_proposals_per_round = 4;
    /// Distinct votes kept per validator and (round, type): its first, plus conflicting ones
    /// of an equivocator, each counted for its own block hash (see VoteSet).
    uint32_t max_votes_per_validator = 4;
};

}  // namespace azora::consensus
