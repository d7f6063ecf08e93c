#include "vm/modules/governance/genesis_section.hpp"
#include "vm/modules/governance/module.hpp"
#include "vm/modules/governance/state.hpp"

namespace azora::vm::governance {

Result<void> apply_genesis(const nlohmann::json& genesis, std::string_view hrp, StateView& state) {
    AZORA_ASSIGN(auto council, parse_genesis_council(genesis, hrp));
    if (council) {
        store_council(state, *council);
    }
    return {};
}

}  // namespace azora::vm::governance
