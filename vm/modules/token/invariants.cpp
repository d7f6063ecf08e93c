#include "core/amount.hpp"
#include "core/encoding.hpp"
#include "core/reasons.hpp"
#include "vm/modules/token/module.hpp"
#include "vm/modules/token/state.hpp"
#include "vm/state_key.hpp"

namespace azora::vm::token {
namespace {

Error broken(const std::string& what) {
    return Error::from(reasons::kInvariantBroken, what);
}

// The recorded supply equals the sum of all balances, and no balance record is zero (zero
// balances are deleted) or malformed.
Result<void> supply_matches_balances(const StateReader& state) {
    const Bytes prefix = state_key(kTokenModule, 'b');
    uint64_t total = 0;
    std::optional<Error> problem;
    AZORA_TRY(state.scan(prefix, {}, [&](ByteView key, ByteView value) {
        Reader r(value);
        const auto amount = r.u64();
        if (key.size() != prefix.size() + 20 || !amount || !r.finish() || *amount == 0) {
            problem = broken("bad balance record " + to_hex(key));
            return false;
        }
        const auto sum = checked_add(total, *amount);
        if (!sum) {
            problem = broken("balances add up past u64");
            return false;
        }
        total = *sum;
        return true;
    }));
    if (problem) {
        return *problem;
    }
    AZORA_ASSIGN(uint64_t recorded, supply(state));
    if (recorded != total) {
        return broken("supply " + std::to_string(recorded) + " != sum of balances " +
                      std::to_string(total));
    }
    return {};
}

}  // namespace

std::vector<InvariantSpec> invariants() {
    return {{"supply_matches_balances", supply_matches_balances}};
}

}  // namespace azora::vm::token
