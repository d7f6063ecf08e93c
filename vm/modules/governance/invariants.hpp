#pragma once

#include "vm/state_view.hpp"

/// Invariants of the governance module's state, checked after every transaction in tests
/// (O(module state): not for production paths).
namespace azora::vm::governance {

/// Without a council there are no proposals. Every proposal decodes under its own id, below
/// the next id; its approvals are council members, the proposer among them; it is executed
/// exactly when it has at least threshold approvals. Fails with an internal
/// "invariant_broken" error saying what is wrong.
Result<void> check_invariants(const StateReader& state);

}  // namespace azora::vm::governance
