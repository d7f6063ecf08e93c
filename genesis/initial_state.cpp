#include "genesis/initial_state.hpp"

#include "core/amount.hpp"
#include "vm/modules/credential/issuers.hpp"
#include "vm/modules/governance/state.hpp"
#include "vm/modules/token/state.hpp"
#include "vm/state_view.hpp"

namespace azora::genesis {

Result<ledger::StateChanges> initial_state(const Genesis& g) {
    // Genesis state is built on an empty base through the same token functions the executor
    // uses, so key layout and encodings cannot drift apart.
    struct Empty final : vm::StateReader {
        Result<std::optional<Bytes>> get(ByteView) const override { return std::optional<Bytes>{}; }
        Result<void> scan(ByteView, ByteView, const vm::ScanVisitor&) const override { return {}; }
    } empty;
    vm::StateView view(empty);
    uint64_t supply = 0;
    for (const auto& a : g.accounts) {
        AZORA_TRY(vm::token::credit(view, a.address, a.balance));
        auto sum = checked_add(supply, a.balance);
        if (!sum) {
            return Error::malformed("bad_genesis", "accounts: total supply overflows u64");
        }
        supply = *sum;
    }
    vm::token::set_supply(view, supply);
    if (g.council) {
        vm::governance::store_council(view, *g.council);
    }
    for (const auto& i : g.issuers) {
        auto admitted = vm::credential::admit_issuer(view, i.address, i.name, i.url, 0);
        if (!admitted) {
            return Error::malformed("bad_genesis", "issuers: " + admitted.error().to_string());
        }
    }
    return view.changes();
}

}  // namespace azora::genesis
