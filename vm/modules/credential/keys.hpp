#pragma once

#include <cstdint>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "vm/modules/credential/records.hpp"

/// Credential module (2) state keys, id derivation and record value decoding
/// (docs/protocol.md section 18.4). Pure: a wallet or verifier uses them to find and check
/// records in proven state without the executor.
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

/// A stored record's value; one that does not decode is "state_corrupt" (internal).
Result<Credential> decode_credential_value(ByteView value);
Result<Issuer> decode_issuer_value(ByteView value);

}  // namespace azora::vm::credential
