#pragma once

#include <cstdint>
#include <optional>

#include "vm/modules/governance/records.hpp"
#include "vm/state_view.hpp"

/// Governance module (6) state: keys and record reads and writes (docs/protocol.md 19.4).
namespace azora::vm::governance {

/// 06 'c' -> Council (written at genesis; absent = no council).
Bytes council_key();
/// 06 'n' -> u64 id of the next proposal (absent = 1).
Bytes next_proposal_id_key();
/// 06 'p' || u64 id, big-endian so that key order is id order -> Proposal.
Bytes proposal_key(uint64_t id);
/// 06 'p': every proposal.
Bytes proposals_prefix();

/// Records that do not decode are "state_corrupt" (internal).
Result<std::optional<Council>> load_council(const StateReader& state);
Result<std::optional<Proposal>> load_proposal(const StateReader& state, uint64_t id);
Result<Proposal> decode_proposal_value(ByteView value);
Result<uint64_t> next_proposal_id(const StateReader& state);

void store_council(StateView& state, const Council& c);
void store_proposal(StateView& state, const Proposal& p);
void set_next_proposal_id(StateView& state, uint64_t id);

}  // namespace azora::vm::governance
