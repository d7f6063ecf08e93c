#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>

#include "core/result.hpp"
#include "vm/module_ids.hpp"
#include "vm/state_view.hpp"
#include "vm/tx_context.hpp"

namespace azora::vm {

/// Decodes a payload and runs an action's check, verify and apply stages.
using ActionFn = std::function<Result<void>(ByteView payload, TxContext&, StateView&)>;

/// One action a transaction can call.
struct ActionSpec {
    uint16_t module = 0;
    uint16_t action = 0;
    std::string name;  ///< "<module>.<action>", also the gas schedule key
    ActionFn run;
};

/// Every module's actions, keyed by (module, action). Built once at startup; read-only after,
/// so it is safe to share between threads.
class ModuleRegistry {
public:
    /// Registers an action; a repeated (module, action) is a programming error and throws.
    void add(ActionSpec spec);
    const ActionSpec* find(uint16_t module, uint16_t action) const;

    /// The registry with every module of this release.
    static const ModuleRegistry& standard();

private:
    std::map<std::pair<uint16_t, uint16_t>, ActionSpec> m_actions;
};

/// Adapts a module's typed stages (decode, stateless check, read-only verify, journaled
/// apply) into an ActionFn.
template <typename Msg, typename Decode, typename Check, typename Verify, typename Apply>
ActionFn make_action(Decode decode, Check check, Verify verify, Apply apply) {
    return [=](ByteView payload, TxContext& ctx, StateView& state) -> Result<void> {
        auto msg = decode(payload);
        if (!msg) {
            return Error::failed(msg.error().reason, msg.error().message);
        }
        AZORA_TRY(check(*msg));
        AZORA_TRY(verify(*msg, ctx, static_cast<const StateView&>(state)));
        return apply(*msg, ctx, state);
    };
}

}  // namespace azora::vm
