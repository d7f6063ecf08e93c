#include "core/hash.hpp"
#include "core/smt.hpp"
#include "node/json_codec.hpp"
#include "node/rpc_credential_json.hpp"
#include "vm/modules/credential/state.hpp"
#include "vm/modules/credential/verdict.hpp"

namespace azora::node {

using nlohmann::json;

namespace {

// One state value at a height with its proof, checked against the header's state root.
struct ProvenValue {
    Bytes key;
    std::optional<Bytes> value;
    smt::Proof proof;

    json to_json() const {
        return {{"key", to_hex(key)},
                {"value", value ? json(to_hex(*value)) : json(nullptr)},
                {"proof", to_hex(proof.encode())}};
    }
};

// Proves `key` at `height` and checks the answer against `state_root` before it is served: a
// proof that does not lead to the committed root means the store is damaged.
Result<ProvenValue> prove(const Chain& chain,
                          uint64_t height,
                          const Hash32& state_root,
                          Bytes key) {
    const Hash32 path = smt::key_path(key);
    AZORA_ASSIGN(auto vp, chain.store().tree().prove_value(height, path));
    AZORA_ASSIGN(auto proven, smt::verify_proof(state_root, path, vp.proof));
    if (proven.has_value() != vp.value.has_value() || (proven && sha256(*vp.value) != *proven)) {
        return Error::internal("state_tree_corrupt", "proof and value disagree at the header");
    }
    return ProvenValue{std::move(key), std::move(vp.value), std::move(vp.proof)};
}

json validators_json(const consensus::ValidatorSet& set) {
    json out = json::array();
    for (const auto& v : set.validators()) {
        out.push_back({{"pubkey", to_hex(v.pubkey)}, {"power", std::to_string(v.power)}});
    }
    return out;
}

Result<json> verify_credential(const Chain& chain, const json& params, std::string_view hrp) {
    rpc::Params p(params);
    AZORA_ASSIGN(std::string id_hex, p.get_string(0, "id"));
    AZORA_ASSIGN(Hash32 id, parse_hash_param(id_hex, "id"));
    std::optional<Hash32> document_hash;
    AZORA_ASSIGN(auto doc_hex, p.opt_string(1, "document_hash"));
    if (doc_hex) {
        AZORA_ASSIGN(document_hash, parse_hash_param(*doc_hex, "document_hash"));
    }
    AZORA_ASSIGN(auto height_opt, p.opt_u64(2, "height"));
    const uint64_t head = chain.head().height;
    const uint64_t height = height_opt.value_or(head);
    // Height 0 (genesis) has no header or commit to anchor the proofs to.
    if (height == 0 || height > head) {
        return Error::rejected("not_found", "no committed block at that height");
    }
    AZORA_ASSIGN(auto header, chain.store().header(height));
    AZORA_ASSIGN(auto commit, chain.store().commit(height));
    if (!header || !commit) {
        return Error::rejected("not_found", "no header or commit at that height");
    }

    // Everything below is read at `height`: records from the proven values, so the verdict is
    // the one a verifier recomputes from the bundle alone.
    AZORA_ASSIGN(ProvenValue cred_pv,
                 prove(chain, height, header->state_root, vm::credential::credential_key(id)));
    std::optional<vm::credential::Credential> credential;
    std::optional<vm::credential::Issuer> issuer;
    json issuer_proof = nullptr;
    if (cred_pv.value) {
        AZORA_ASSIGN(credential, vm::credential::decode_credential_value(*cred_pv.value));
        AZORA_ASSIGN(ProvenValue issuer_pv, prove(chain, height, header->state_root,
                                                  vm::credential::issuer_key(credential->issuer)));
        if (issuer_pv.value) {
            AZORA_ASSIGN(issuer, vm::credential::decode_issuer_value(*issuer_pv.value));
        }
        issuer_proof = issuer_pv.to_json();
    }

    const auto verdict =
        vm::credential::verdict(credential ? &*credential : nullptr, issuer ? &*issuer : nullptr,
                                header->time_ms, document_hash);
    json bundle{{"header", header_to_json(*header, hrp)},
                {"commit", commit_to_json(*commit)},
                {"validators", validators_json(chain.validators())},
                {"credential_proof", cred_pv.to_json()},
                {"issuer_proof", issuer_proof}};
    return json{{"verdict", vm::credential::to_string(verdict)},
                {"height", height},
                {"time_ms", header->time_ms},
                {"credential", credential ? credential_to_json(*credential, hrp) : json(nullptr)},
                {"issuer", issuer ? issuer_to_json(*issuer, hrp) : json(nullptr)},
                {"bundle", std::move(bundle)}};
}

}  // namespace

Result<void> register_credential_verify(rpc::MethodTable& table, RpcBackend& b) {
    const std::string hrp(b.chain.genesis().hrp());
    return table.add(
        {"credential_verify",
         "The verdict on a credential at a committed height, with a bundle to check it locally: "
         "the header and its commit, the validator set, and state proofs of the credential and "
         "its issuer record against the header's state root.",
         {{"id", "hex", true, "credential id (32 bytes)"},
          {"document_hash", "hex", false, "SHA-256 of the presented document"},
          {"height", "u64", false, "block height, >= 1 (default: head)"}},
         "verdict, height, time_ms, credential or null, issuer or null, bundle",
         "object",
         false,
         [&b, hrp](const json& params) -> Result<json> {
             return verify_credential(b.chain, params, hrp);
         }});
}

}  // namespace azora::node
