#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/address.hpp"
#include "core/result.hpp"

/// The credential module's genesis section (docs/protocol.md 17): the issuers active from
/// height 0 (wire).
namespace azora::vm::credential {

struct GenesisIssuer {
    Address address{};
    std::string name;  ///< 1..kIssuerNameMax bytes
    std::string url;   ///< 0..kIssuerUrlMax bytes
};

/// The genesis document's optional "issuers": an array of {address, name, url?}, each address
/// once. Errors are "bad_genesis" naming the field.
Result<std::vector<GenesisIssuer>> parse_genesis_issuers(const nlohmann::json& genesis,
                                                         std::string_view hrp);

}  // namespace azora::vm::credential
