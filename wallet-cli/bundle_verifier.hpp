#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "ledger/header.hpp"
#include "vm/modules/credential/records.hpp"
#include "vm/modules/credential/verdict.hpp"

/// Storage-free check of a credential_verify answer (docs/protocol.md sections 14, 18.8): the
/// verdict is recomputed from state proven under a header that validators of a trusted set
/// finalized, so the node that sent the bundle need not be trusted. No I/O, no RPC, no clock.
namespace azora::wallet {

/// What the verifier trusts: the hash of the validator set (ValidatorSet::hash()), e.g. from
/// a genesis file, and optionally the chain id the header must carry.
struct TrustAnchor {
    Hash32 validators_hash{};
    std::optional<std::string> chain_id;
};

/// What a verified bundle establishes.
struct VerifiedCredential {
    vm::credential::Verdict verdict = vm::credential::Verdict::not_found;
    ledger::Header header;
    Hash32 header_hash{};
    std::optional<vm::credential::Credential> credential;
    std::optional<vm::credential::Issuer> issuer;
    uint64_t signed_power = 0;  ///< power of the commit's signers
    uint64_t total_power = 0;   ///< of the trusted validator set
    size_t signers = 0;
};

/// Verifies `result`, a credential_verify result object, for credential `id`. The local
/// verdict uses the header's time and `document_hash`, and must agree with the node's.
/// Every failure is rejected with one stable reason: "bad_bundle" (shape), "bad_header",
/// "bad_commit", "untrusted_validators", "insufficient_power", "bad_signature", "bad_proof",
/// "wrong_key", "tampered_value" or "verdict_mismatch".
Result<VerifiedCredential> verify_bundle(const nlohmann::json& result,
                                         const Hash32& id,
                                         const TrustAnchor& anchor,
                                         const std::optional<Hash32>& document_hash);

}  // namespace azora::wallet
