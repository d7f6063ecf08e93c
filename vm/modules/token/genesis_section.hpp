#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "core/address.hpp"
#include "core/result.hpp"

/// The token module's genesis section (docs/protocol.md 17): the funded accounts (wire).
namespace azora::vm::token {

struct GenesisAccount {
    Address address{};
    uint64_t balance = 0;  ///< uazr
};

/// The genesis document's required "accounts": an array of {address, balance}, each address
/// once, the total within u64. Errors are "bad_genesis" naming the field.
Result<std::vector<GenesisAccount>> parse_genesis_accounts(const nlohmann::json& genesis,
                                                           std::string_view hrp);

}  // namespace azora::vm::token
