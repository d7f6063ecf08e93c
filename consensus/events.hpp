#pragma once

#include <cstdint>
#include <optional>
#include <variant>

#include "consensus/step.hpp"
#include "consensus/validator_set.hpp"
#include "consensus/vote.hpp"
#include "core/bytes.hpp"

namespace azora::consensus {

/// Inputs of the RoundMachine (consensus/round_machine.hpp). The caller authenticates
/// everything before it becomes an event: proposal and vote signatures are checked outside.

/// Begin height `height` (greater than every height started before) with its validator set,
/// whose proposer rotation state is the one of round 0 of this height (docs/protocol.md 16.4).
/// `own_index` is this node's index in the set, or none for a node that only follows.
/// `lock` is what this validator precommitted at this height before a restart (its signing
/// state keeps it): the machine starts locked on that block, as it was; if the node still has
/// the block (`have_block`) it is also the validValue of that round, so that it is proposed
/// again, with that round as its POL round.
struct RestoredLock {
    uint32_t round = 0;
    Hash32 block_hash{};
    bool have_block = false;
};
struct StartHeight {
    uint64_t height = 0;
    ValidatorSet validators;
    std::optional<uint32_t> own_index;
    std::optional<RestoredLock> lock;
};

/// A proposal ⟨PROPOSAL, height, round, v, validRound⟩ whose signature by validator
/// `proposer_index` the caller has checked. `block_hash` is id(v); the caller keeps the block.
struct Proposal {
    uint64_t height = 0;
    uint32_t round = 0;
    Hash32 block_hash{};
    OptRound pol_round = kNoRound;  ///< the proposer's validRound: -1 or less than `round`
    uint32_t proposer_index = 0;

    bool operator==(const Proposal&) const = default;
};

/// The application's valid(v) for a block of the current height: the caller executed the block
/// (asked for by a ValidateBlock action) and its roots, time and transactions were acceptable.
struct BlockVerdict {
    uint64_t height = 0;
    Hash32 block_hash{};
    bool valid = false;
};

/// A timeout scheduled by a ScheduleTimeout action has expired.
struct Timeout {
    uint64_t height = 0;
    uint32_t round = 0;
    Step step = Step::propose;
};

/// Any input. A Vote (consensus/vote.hpp) is a prevote or precommit whose signature by
/// `validator_index` the caller has checked; the node feeds its own signed votes back too.
using Event = std::variant<StartHeight, Proposal, BlockVerdict, Vote, Timeout>;

}  // namespace azora::consensus
