#include "node/state_proof.hpp"

#include "core/hash.hpp"
#include "core/reasons.hpp"

namespace azora::node {

nlohmann::json ProvenValue::to_json() const {
    return {{"key", to_hex(key)},
            {"value", value ? nlohmann::json(to_hex(*value)) : nlohmann::json(nullptr)},
            {"proof", to_hex(proof.encode())}};
}

Result<ProvenValue> prove_state_value(const Chain& chain,
                                      uint64_t height,
                                      const Hash32& state_root,
                                      Bytes key) {
    const Hash32 path = smt::key_path(key);
    AZORA_ASSIGN(auto vp, chain.store().tree().prove_value(height, path));
    AZORA_ASSIGN(auto proven, smt::verify_proof(state_root, path, vp.proof));
    if (proven.has_value() != vp.value.has_value() || (proven && sha256(*vp.value) != *proven)) {
        return Error::from(reasons::kStateTreeCorrupt, "proof and value disagree with the root");
    }
    return ProvenValue{std::move(key), std::move(vp.value), std::move(vp.proof)};
}

}  // namespace azora::node
