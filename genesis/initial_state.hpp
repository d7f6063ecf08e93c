#pragma once

#include "core/result.hpp"
#include "genesis/genesis.hpp"
#include "ledger/state_changes.hpp"

namespace azora::genesis {

/// The state at height 0 (balances and supply, the council record, the issuer records): each
/// registered module's GenesisApply over the genesis document, in module id order (library
/// azora_genesis_state, which links the vm). Errors have reason "bad_genesis" (a supply
/// overflow, an issuer the module refuses).
Result<ledger::StateChanges> initial_state(const Genesis& genesis);

}  // namespace azora::genesis
