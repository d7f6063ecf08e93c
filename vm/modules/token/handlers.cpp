#include "core/amount.hpp"
#include "core/reasons.hpp"
#include "vm/modules/token/messages.hpp"
#include "vm/modules/token/module.hpp"
#include "vm/modules/token/state.hpp"

namespace azora::vm::token {
namespace {

ledger::Event transfer_event(const Address& from, const Address& to, uint64_t amount) {
    return {kTokenModule,
            "transfer",
            {{"from", to_hex(from.bytes)},
             {"to", to_hex(to.bytes)},
             {"amount", std::to_string(amount)}}};
}

// Transfer: stateless check, read-only verify, journaled apply.
Result<void> check(const Transfer& t) {
    if (t.amount == 0) {
        return Error::from(reasons::kBadAmount, "amount must be positive");
    }
    return {};
}

Result<void> verify(const Transfer& t, const TxContext& ctx, const StateView& state) {
    AZORA_ASSIGN(uint64_t have, balance(state, ctx.sender));
    if (have < t.amount) {
        return Error::from(reasons::kInsufficientFunds, "balance too low for the transfer");
    }
    return {};
}

Result<void> apply(const Transfer& t, TxContext& ctx, StateView& state) {
    AZORA_TRY(transfer(state, ctx.sender, t.to, t.amount));
    ctx.events.push_back(transfer_event(ctx.sender, t.to, t.amount));
    return {};
}

// MultiTransfer: all outputs or none (the executor reverts every write on failure).
Result<void> check(const MultiTransfer& m) {
    if (m.outputs.empty()) {
        return Error::from(reasons::kBadAmount, "no outputs");
    }
    for (const auto& o : m.outputs) {
        if (o.amount == 0) {
            return Error::from(reasons::kBadAmount, "every output amount must be positive");
        }
    }
    return {};
}

Result<void> verify(const MultiTransfer& m, const TxContext& ctx, const StateView& state) {
    uint64_t total = 0;
    for (const auto& o : m.outputs) {
        auto sum = checked_add(total, o.amount);
        if (!sum) {
            return Error::from(reasons::kAmountOverflow, "outputs add up past u64");
        }
        total = *sum;
    }
    AZORA_ASSIGN(uint64_t have, balance(state, ctx.sender));
    if (have < total) {
        return Error::from(reasons::kInsufficientFunds, "balance too low for the outputs");
    }
    return {};
}

Result<void> apply(const MultiTransfer& m, TxContext& ctx, StateView& state) {
    for (const auto& o : m.outputs) {
        AZORA_TRY(transfer(state, ctx.sender, o.to, o.amount));
        ctx.events.push_back(transfer_event(ctx.sender, o.to, o.amount));
    }
    return {};
}

template <typename Msg>
ActionSpec action(uint16_t id, std::string name) {
    return make_action<Msg>(
        kTokenModule, id, std::move(name), [](ByteView p) { return Msg::decode(p); },
        [](const Msg& m) { return check(m); },
        [](const Msg& m, const TxContext& c, const StateView& s) { return verify(m, c, s); },
        [](const Msg& m, TxContext& c, StateView& s) { return apply(m, c, s); });
}

}  // namespace

std::vector<ActionSpec> actions() {
    return {action<Transfer>(kTransfer, "token.transfer"),
            action<MultiTransfer>(kMultiTransfer, "token.multi_transfer")};
}

}  // namespace azora::vm::token
