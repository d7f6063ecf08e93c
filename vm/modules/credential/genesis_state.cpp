#include "vm/genesis_json.hpp"
#include "vm/modules/credential/genesis_section.hpp"
#include "vm/modules/credential/issuers.hpp"
#include "vm/modules/credential/module.hpp"

namespace azora::vm::credential {

Result<void> apply_genesis(const nlohmann::json& genesis, std::string_view hrp, StateView& state) {
    AZORA_ASSIGN(auto issuers, parse_genesis_issuers(genesis, hrp));
    for (const GenesisIssuer& i : issuers) {
        auto admitted = admit_issuer(state, i.address, i.name, i.url, 0);
        if (!admitted) {
            return genesis_json::bad("issuers", admitted.error().to_string());
        }
    }
    return {};
}

}  // namespace azora::vm::credential
