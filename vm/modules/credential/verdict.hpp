#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "vm/modules/credential/records.hpp"

/// The verdict on a credential, from its record, its issuer's record, a time and optionally
/// the hash of a presented document. Pure: no state, no clock; the node, RPC and an offline
/// verifier (with records taken from proven state) all decide the same way.
namespace azora::vm::credential {

enum class Verdict : uint8_t {
    valid = 0,
    revoked = 1,
    expired = 2,
    issuer_suspended = 3,
    unknown_issuer = 4,
    not_found = 5,
    document_mismatch = 6,
};

/// The verdict's stable name: "valid", "revoked", "expired", "issuer_suspended",
/// "unknown_issuer", "not_found", "document_mismatch".
std::string_view to_string(Verdict v);

/// Decides, first match wins (docs/protocol.md section 18.8):
///  1. not_found          `credential` is null;
///  2. unknown_issuer     `issuer` is null or is another address than credential->issuer;
///  3. document_mismatch  `document_hash` is given and differs from metadata_hash;
///  4. revoked            the credential has a revocation;
///  5. expired            expires_at != 0 and now_ms >= expires_at;
///  6. issuer_suspended   the issuer's status is suspended;
///  7. valid.
/// `now_ms` is a block time (the verified header's), never a wall clock inside the node.
Verdict verdict(const Credential* credential,
                const Issuer* issuer,
                uint64_t now_ms,
                const std::optional<Hash32>& document_hash = std::nullopt);

}  // namespace azora::vm::credential
