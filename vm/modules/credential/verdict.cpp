#include "vm/modules/credential/verdict.hpp"

namespace azora::vm::credential {

std::string_view to_string(Verdict v) {
    switch (v) {
        case Verdict::valid:
            return "valid";
        case Verdict::revoked:
            return "revoked";
        case Verdict::expired:
            return "expired";
        case Verdict::issuer_suspended:
            return "issuer_suspended";
        case Verdict::unknown_issuer:
            return "unknown_issuer";
        case Verdict::not_found:
            return "not_found";
        case Verdict::document_mismatch:
            return "document_mismatch";
    }
    return "unknown";
}

Verdict verdict(const Credential* credential,
                const Issuer* issuer,
                uint64_t now_ms,
                const std::optional<Hash32>& document_hash) {
    if (credential == nullptr) {
        return Verdict::not_found;
    }
    if (issuer == nullptr || issuer->address != credential->issuer) {
        return Verdict::unknown_issuer;
    }
    // A document that is not the one the issuer attested says nothing about this credential's
    // status, so it is reported before anything the record itself says.
    if (document_hash && *document_hash != credential->metadata_hash) {
        return Verdict::document_mismatch;
    }
    if (credential->revocation) {
        return Verdict::revoked;
    }
    if (credential->expires_at != 0 && now_ms >= credential->expires_at) {
        return Verdict::expired;
    }
    if (issuer->status == IssuerStatus::suspended) {
        return Verdict::issuer_suspended;
    }
    return Verdict::valid;
}

}  // namespace azora::vm::credential
