#include "core/reasons.hpp"
#include "vm/modules/credential/json.hpp"
#include "vm/modules/credential/module.hpp"
#include "vm/modules/credential/state.hpp"
#include "vm/modules/credential/verdict.hpp"

namespace azora::vm::credential {
namespace {

using nlohmann::json;

constexpr std::string_view kCredentialProof = "credential_proof";
constexpr std::string_view kIssuerProof = "issuer_proof";

// Everything is read through the proven state at one height, so the verdict is the one a
// verifier recomputes from the bundle alone.
Result<json> verify(const QueryContext& ctx, const QueryArgs& args) {
    AZORA_ASSIGN(Hash32 id, args.hash("id"));
    AZORA_ASSIGN(std::optional<Hash32> document_hash, args.opt_hash("document_hash"));
    if (ctx.proven == nullptr) {
        return Error::from(reasons::kNotProven, "credential_verify needs proven state");
    }
    ProvenState& proven = *ctx.proven;
    AZORA_ASSIGN(auto credential_value, proven.read(kCredentialProof, credential_key(id)));
    std::optional<Credential> credential;
    std::optional<Issuer> issuer;
    if (credential_value) {
        AZORA_ASSIGN(credential, decode_credential_value(*credential_value));
        AZORA_ASSIGN(auto issuer_value, proven.read(kIssuerProof, issuer_key(credential->issuer)));
        if (issuer_value) {
            AZORA_ASSIGN(issuer, decode_issuer_value(*issuer_value));
        }
    }
    const Verdict v = verdict(credential ? &*credential : nullptr, issuer ? &*issuer : nullptr,
                              proven.time_ms(), document_hash);
    return json{{"verdict", to_string(v)},
                {"height", proven.height()},
                {"time_ms", proven.time_ms()},
                {"credential", credential ? to_json(*credential, ctx.hrp) : json(nullptr)},
                {"issuer", issuer ? to_json(*issuer, ctx.hrp) : json(nullptr)}};
}

}  // namespace

QuerySpec verify_query() {
    return {"credential_verify",
            "The verdict on a credential at a committed height, with a bundle to check it "
            "locally: the header and its commit, the validator set, and state proofs of the "
            "credential and its issuer record against the header's state root.",
            {{"id", "hash", true, "credential id (32 bytes)"},
             {"document_hash", "hash", false, "SHA-256 of the presented document"}},
            "verdict, height, time_ms, credential or null, issuer or null, bundle",
            "object",
            {std::string(kCredentialProof), std::string(kIssuerProof)},
            verify};
}

}  // namespace azora::vm::credential
