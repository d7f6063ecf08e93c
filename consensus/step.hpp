#pragma once

#include <cstdint>
#include <string_view>

namespace azora::consensus {

/// The step of a round (Tendermint's step_p), also naming which timeout fires. The order is
/// the order of the steps within a round: a step compares greater than the steps before it.
enum class Step : uint8_t { propose = 0, prevote = 1, precommit = 2 };

/// "propose", "prevote" or "precommit" (for logs and RPC).
std::string_view to_string(Step step);

/// A round number that may be "none" (-1): lockedRound, validRound, a proposal's POL round.
using OptRound = int64_t;
inline constexpr OptRound kNoRound = -1;

}  // namespace azora::consensus
