#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "vm/module_ids.hpp"
#include "vm/query.hpp"
#include "vm/state_view.hpp"
#include "vm/tx_context.hpp"

namespace azora::vm {

/// One action a transaction can call, as rippled's transactors are staged: `check` is
/// stateless, `verify` reads state only, `run` applies. Each stage decodes the payload itself,
/// so a caller can stop after any of them (admission runs `check` before touching state).
/// A payload that does not decode fails every stage with the decoder's reason.
struct ActionSpec {
    uint16_t module = 0;
    uint16_t action = 0;
    std::string name;  ///< "<module>.<action>", also the gas schedule key
    std::function<Result<void>(ByteView payload)> check;
    std::function<Result<void>(ByteView payload, const TxContext&, const StateView&)> verify;
    /// check, verify and apply in order; apply's writes go to the journaled view.
    std::function<Result<void>(ByteView payload, TxContext&, StateView&)> run;
};

/// A property of a module's state that holds after every transaction (rippled's invariant
/// checks). O(module state): run by the state-test runner and, in debug builds, the executor.
struct InvariantSpec {
    std::string name;
    /// Fails with an internal "invariant_broken" error saying what is wrong.
    std::function<Result<void>(const StateReader&)> check;
};

/// Writes a module's height-0 state from its section of the genesis document (the JSON of
/// docs/protocol.md 17, as genesis::Genesis::to_json() gives it), parsed by the same function
/// (the module's `genesis_section`) that the genesis format validates it with. Errors are
/// malformed "bad_genesis" naming the field.
using GenesisApply =
    std::function<Result<void>(const nlohmann::json& genesis, std::string_view hrp, StateView&)>;

/// Everything the framework knows about one module: registered once in vm/registry.cpp.
struct ModuleSpec {
    uint16_t id = 0;
    std::string name;  ///< lowercase, the action-name and query-name prefix
    std::vector<ActionSpec> actions;
    std::vector<QuerySpec> queries;
    std::vector<InvariantSpec> invariants;
    GenesisApply genesis{};  ///< empty: the module has no genesis section
};

/// Builds an ActionSpec from a module's typed stages: `decode(ByteView) -> Result<Msg>`,
/// `check(const Msg&)`, `verify(const Msg&, const TxContext&, const StateView&)` and
/// `apply(const Msg&, TxContext&, StateView&)`.
template <typename Msg, typename Decode, typename Check, typename Verify, typename Apply>
ActionSpec make_action(uint16_t module,
                       uint16_t action,
                       std::string name,
                       Decode decode,
                       Check check,
                       Verify verify,
                       Apply apply) {
    // A payload that does not decode fails the action when it is in a block (fee charged, its
    // reason, e.g. "decode_error", in the receipt); the error keeps the decoder's catalogued
    // kind (malformed), so admission refuses it and a relaying peer is penalised.
    auto decoded = [decode, check](ByteView payload) -> Result<Msg> {
        AZORA_ASSIGN(Msg msg, decode(payload));
        AZORA_TRY(check(msg));
        return msg;
    };
    ActionSpec spec{module, action, std::move(name), {}, {}, {}};
    spec.check = [decoded](ByteView payload) -> Result<void> {
        AZORA_TRY(decoded(payload));
        return {};
    };
    spec.verify = [decoded, verify](ByteView payload, const TxContext& ctx,
                                    const StateView& state) -> Result<void> {
        AZORA_ASSIGN(Msg msg, decoded(payload));
        return verify(msg, ctx, state);
    };
    spec.run = [decoded, verify, apply](ByteView payload, TxContext& ctx,
                                        StateView& state) -> Result<void> {
        AZORA_ASSIGN(Msg msg, decoded(payload));
        AZORA_TRY(verify(msg, ctx, static_cast<const StateView&>(state)));
        return apply(msg, ctx, state);
    };
    return spec;
}

}  // namespace azora::vm
