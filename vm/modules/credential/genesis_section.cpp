#include "vm/modules/credential/genesis_section.hpp"

#include "vm/genesis_json.hpp"
#include "vm/modules/credential/records.hpp"

namespace azora::vm::credential {

Result<std::vector<GenesisIssuer>> parse_genesis_issuers(const nlohmann::json& genesis,
                                                         std::string_view hrp) {
    using namespace genesis_json;
    std::vector<GenesisIssuer> out;
    if (!genesis.contains("issuers")) {
        return out;
    }
    const nlohmann::json& list = genesis.at("issuers");
    if (!list.is_array()) {
        return bad("issuers", "must be an array");
    }
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string path = "issuers[" + std::to_string(i) + "].";
        const nlohmann::json& item = list.at(i);
        GenesisIssuer gi;
        AZORA_ASSIGN(gi.address, get_address(item, path, "address", hrp));
        for (const auto& earlier : out) {
            if (earlier.address == gi.address) {
                return bad(path + "address", "duplicate issuer");
            }
        }
        AZORA_ASSIGN(gi.name, get_string(item, path, "name"));
        if (item.is_object() && item.contains("url")) {
            AZORA_ASSIGN(gi.url, get_string(item, path, "url"));
        }
        if (gi.name.empty() || gi.name.size() > kIssuerNameMax) {
            return bad(path + "name", "must be 1 to " + std::to_string(kIssuerNameMax) + " bytes");
        }
        if (gi.url.size() > kIssuerUrlMax) {
            return bad(path + "url", "at most " + std::to_string(kIssuerUrlMax) + " bytes");
        }
        out.push_back(std::move(gi));
    }
    return out;
}

}  // namespace azora::vm::credential
