#pragma once

#include <cstdint>
#include <optional>

#include "core/address.hpp"
#include "vm/modules/credential/keys.hpp"
#include "vm/modules/credential/records.hpp"
#include "vm/state_view.hpp"

/// Credential module (2) state: record reads and writes (docs/protocol.md section 18.4); the
/// keys and id derivation are in keys.hpp, which this header includes.
namespace azora::vm::credential {

/// A record that does not decode is "state_corrupt" (internal).
Result<std::optional<Credential>> load_credential(const StateReader& state, const Hash32& id);
Result<std::optional<Issuer>> load_issuer(const StateReader& state, const Address& issuer);

/// Writes the record only (1 write).
void store_credential(StateView& state, const Credential& c);
void store_issuer(StateView& state, const Issuer& i);
/// A new credential: its record and both index entries (3 writes).
void insert_credential(StateView& state, const Credential& c);
/// Moves a credential to `to`: record and holder index (3 writes: del, put, record).
void move_credential(StateView& state, Credential c, const Address& to);

}  // namespace azora::vm::credential
