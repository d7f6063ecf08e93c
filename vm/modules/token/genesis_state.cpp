#include "core/amount.hpp"
#include "vm/genesis_json.hpp"
#include "vm/modules/token/genesis_section.hpp"
#include "vm/modules/token/module.hpp"
#include "vm/modules/token/state.hpp"

namespace azora::vm::token {

Result<void> apply_genesis(const nlohmann::json& genesis, std::string_view hrp, StateView& state) {
    AZORA_ASSIGN(auto accounts, parse_genesis_accounts(genesis, hrp));
    uint64_t supply = 0;
    for (const GenesisAccount& a : accounts) {
        AZORA_TRY(credit(state, a.address, a.balance));
        auto sum = checked_add(supply, a.balance);
        if (!sum) {
            return genesis_json::bad("accounts", "total supply overflows u64");
        }
        supply = *sum;
    }
    set_supply(state, supply);
    return {};
}

}  // namespace azora::vm::token
