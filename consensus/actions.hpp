#pragma once

#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "consensus/step.hpp"
#include "consensus/vote.hpp"
#include "core/bytes.hpp"

namespace azora::consensus {

/// Outputs of the RoundMachine, returned in the order the node must carry them out.

/// This node is the proposer of (height, round): sign and broadcast
/// Proposal{height, round, hash, valid_round, own index} and feed it back as an event. Without
/// `block_hash` the node builds a fresh block (getValue() in the paper) and proposes with
/// valid_round -1; with it, it re-proposes that block (validValue), which it already holds.
/// Emitted at most once per (height, round).
struct ProposeBlock {
    uint64_t height = 0;
    uint32_t round = 0;
    OptRound valid_round = kNoRound;
    std::optional<Hash32> block_hash;
};

/// Execute the proposed block `block_hash` of `height` (first seen in `round`) and report a
/// BlockVerdict. Emitted at most once per block hash and height.
struct ValidateBlock {
    uint64_t height = 0;
    uint32_t round = 0;
    Hash32 block_hash{};
};

/// Sign `vote` with the validator key, record it in the signing-state file (synced) before it
/// leaves the process, broadcast it, and feed the signed Vote back as an event. The machine
/// never emits two different votes for one (height, round, type).
struct SignAndBroadcastVote {
    VoteData vote;
};

/// Deliver Timeout{height, round, step} after `duration_ms` of local time.
struct ScheduleTimeout {
    uint64_t height = 0;
    uint32_t round = 0;
    Step step = Step::propose;
    uint64_t duration_ms = 0;
};

/// Decision: `block_hash` is final at `height`. `precommits` (sorted by validator index) are
/// the precommits of `round` for it, more than 2/3 of the voting power: make_commit() turns
/// them into the block's Commit. The machine then waits for the next StartHeight.
struct CommitBlock {
    uint64_t height = 0;
    uint32_t round = 0;
    Hash32 block_hash{};
    std::vector<Vote> precommits;
};

/// Evidence: `vote_a` (the one counted) and `vote_b` are different votes of one validator for
/// the same (height, round, type). Reported once per validator and (height, round, type).
struct Equivocation {
    Vote vote_a;
    Vote vote_b;
};

using Action = std::variant<ProposeBlock,
                            ValidateBlock,
                            SignAndBroadcastVote,
                            ScheduleTimeout,
                            CommitBlock,
                            Equivocation>;

}  // namespace azora::consensus
