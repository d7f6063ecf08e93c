#include "genesis/initial_state.hpp"

#include "vm/registry.hpp"
#include "vm/state_view.hpp"

namespace azora::genesis {

Result<ledger::StateChanges> initial_state(const Genesis& g) {
    // Built on an empty base by each module from its own genesis section, through the same
    // state functions the executor uses, so key layout and encodings cannot drift apart.
    struct Empty final : vm::StateReader {
        Result<std::optional<Bytes>> get(ByteView) const override { return std::optional<Bytes>{}; }
        Result<void> scan(ByteView, ByteView, const vm::ScanVisitor&) const override { return {}; }
    } empty;
    vm::StateView view(empty);
    const nlohmann::json doc = g.to_json();
    for (const vm::ModuleSpec* module : vm::ModuleRegistry::standard().modules()) {
        if (module->genesis) {
            AZORA_TRY(module->genesis(doc, g.hrp(), view));
        }
    }
    return view.changes();
}

}  // namespace azora::genesis
