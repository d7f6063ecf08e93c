#include "vm/modules/token/genesis_section.hpp"

#include <set>
#include <string>

#include "core/amount.hpp"
#include "vm/genesis_json.hpp"

namespace azora::vm::token {

Result<std::vector<GenesisAccount>> parse_genesis_accounts(const nlohmann::json& genesis,
                                                           std::string_view hrp) {
    using namespace genesis_json;
    AZORA_ASSIGN(const nlohmann::json* accounts, member(genesis, "", "accounts"));
    if (!accounts->is_array()) {
        return bad("accounts", "must be an array");
    }
    std::vector<GenesisAccount> out;
    std::set<Address> seen;
    uint64_t supply = 0;
    for (size_t i = 0; i < accounts->size(); ++i) {
        const std::string path = "accounts[" + std::to_string(i) + "].";
        const nlohmann::json& a = accounts->at(i);
        AZORA_ASSIGN(Address addr, get_address(a, path, "address", hrp));
        if (!seen.insert(addr).second) {
            return bad(path + "address", "duplicate account");
        }
        AZORA_ASSIGN(uint64_t balance, get_u64(a, path, "balance"));
        auto sum = checked_add(supply, balance);
        if (!sum) {
            return bad(path + "balance", "total supply overflows u64");
        }
        supply = *sum;
        out.push_back({addr, balance});
    }
    return out;
}

}  // namespace azora::vm::token
