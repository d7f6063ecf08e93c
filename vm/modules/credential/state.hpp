#pragma once

#include <cstdint>
#include <optional>

#include "core/address.hpp"
#include "vm/modules/credential/records.hpp"
#include "vm/state_view.hpp"

/// Credential module (2) state: keys, id derivation, record reads and writes
/// (docs/protocol.md section 18.4).
namespace azora::vm::credential {

/// id = H_azora/credential(issuer || tx_hash || u32 index), index = the item's position in
/// its transaction (0 for a mint). Deterministic, and distinct for every (tx, item).
Hash32 credential_id(const Address& issuer, const Hash32& tx_hash, uint32_t index);

/// 02 'c' || id -> Credential.
Bytes credential_key(const Hash32& id);
/// 02 'i' || address -> Issuer.
Bytes issuer_key(const Address& issuer);
/// 02 'h' || holder || id -> empty: the credentials a holder holds now.
Bytes holder_index_key(const Address& holder, const Hash32& id);
/// 02 'm' || issuer || id -> empty: the credentials an issuer minted.
Bytes issuer_index_key(const Address& issuer, const Hash32& id);
/// Prefixes for scans: every issuer, one holder's index, one issuer's index.
Bytes issuers_prefix();
Bytes holder_index_prefix(const Address& holder);
Bytes issuer_index_prefix(const Address& issuer);

/// A record that does not decode is "state_corrupt" (internal).
Result<std::optional<Credential>> load_credential(const StateReader& state, const Hash32& id);
Result<std::optional<Issuer>> load_issuer(const StateReader& state, const Address& issuer);
Result<Credential> decode_credential_value(ByteView value);
Result<Issuer> decode_issuer_value(ByteView value);

/// Writes the record only (1 write).
void store_credential(StateView& state, const Credential& c);
void store_issuer(StateView& state, const Issuer& i);
/// A new credential: its record and both index entries (3 writes).
void insert_credential(StateView& state, const Credential& c);
/// Moves a credential to `to`: record and holder index (3 writes: del, put, record).
void move_credential(StateView& state, Credential c, const Address& to);

}  // namespace azora::vm::credential
