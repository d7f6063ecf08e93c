#pragma once

#include "vm/state_view.hpp"

/// Invariants of the credential module's state, checked after every transaction in tests
/// (O(module state): not for production paths).
namespace azora::vm::credential {

/// Every credential record decodes, sits under its own id and names an existing issuer, and
/// has exactly its two index entries; every index entry names a record with that holder or
/// issuer and has an empty value; every issuer record decodes under its own address.
/// Fails with an internal "invariant_broken" error saying what is wrong.
Result<void> check_invariants(const StateReader& state);

}  // namespace azora::vm::credential
