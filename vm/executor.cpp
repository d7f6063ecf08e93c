#include "vm/executor.hpp"

#include "core/amount.hpp"
#include "core/reasons.hpp"
#include "vm/accounts.hpp"
#include "vm/modules/token/state.hpp"

namespace azora::vm {

uint64_t Executor::intrinsic_gas(const ledger::Tx& tx, const ActionSpec* spec) const {
    const GasSchedule& g = m_params.gas;
    uint64_t action_gas = g.default_action;
    if (spec != nullptr) {
        auto it = g.actions.find(spec->name);
        if (it != g.actions.end()) {
            action_gas = it->second;
        }
    }
    // Payload size is bounded by the decoder, so none of this can overflow u64; still checked.
    auto bytes_gas = checked_mul(g.per_payload_byte, tx.payload.size());
    auto sum = bytes_gas ? checked_add(g.tx_base, *bytes_gas) : std::nullopt;
    sum = sum ? checked_add(*sum, action_gas) : std::nullopt;
    return sum.value_or(UINT64_MAX);
}

Result<Executor::ActionOutcome> Executor::run_action(StateView& state,
                                                     const BlockContext& block,
                                                     const ledger::Tx& tx,
                                                     const Hash32& tx_hash,
                                                     const Address& sender,
                                                     uint64_t gas_limit) const {
    const ActionSpec* spec = m_registry.find(tx.module, tx.action);
    ActionOutcome out;
    out.gas_used = intrinsic_gas(tx, spec);
    if (spec == nullptr) {
        out.error = Error::from(reasons::kUnknownAction, "no such module action");
        return out;
    }
    const size_t mark = state.checkpoint();
    TxContext ctx{block, tx, tx_hash, sender, out.events};
    auto r = spec->run(tx.payload, ctx, state);
    if (!r.ok() && r.error().kind == ErrorKind::internal) {
        return r.error();  // storage failure: stop, never commit
    }
    auto write_gas = checked_mul(m_params.gas.per_state_write, state.writes_since(mark));
    auto total = write_gas ? checked_add(out.gas_used, *write_gas) : std::nullopt;
    if (r.ok() && (!total || *total > gas_limit)) {
        r = Error::from(reasons::kOutOfGas, "the action needs more gas than the limit");
        total = gas_limit;
    }
    out.gas_used = std::min(total.value_or(gas_limit), gas_limit);
    if (!r.ok()) {
        state.revert(mark);
        out.events.clear();
        out.error = r.error();
    }
    return out;
}

Result<uint64_t> Executor::precheck(const StateView& state,
                                    const BlockContext& block,
                                    const ledger::Tx& tx,
                                    const Address& sender,
                                    bool allow_future_nonce) const {
    if (tx.chain_id != block.chain_id) {
        return Error::from(reasons::kWrongChain, "tx is for chain '" + tx.chain_id + "'");
    }
    if (tx.expires_at_height != 0 && block.height > tx.expires_at_height) {
        return Error::from(reasons::kExpired,
                           "tx expired at height " + std::to_string(tx.expires_at_height));
    }
    AZORA_ASSIGN(uint64_t nonce, accounts::get_nonce(state, sender));
    if (tx.nonce == UINT64_MAX) {
        return Error::from(reasons::kBadNonce, "nonce space exhausted");  // cannot advance past it
    }
    if (tx.nonce < nonce || (tx.nonce > nonce && !allow_future_nonce)) {
        return Error::from(reasons::kBadNonce, "expected nonce " + std::to_string(nonce) +
                                                   ", got " + std::to_string(tx.nonce));
    }
    if (tx.gas_price < m_params.min_gas_price) {
        return Error::from(reasons::kGasPriceTooLow,
                           "minimum gas price is " + std::to_string(m_params.min_gas_price));
    }
    const uint64_t intrinsic = intrinsic_gas(tx, m_registry.find(tx.module, tx.action));
    if (tx.gas_limit < intrinsic) {
        return Error::from(reasons::kInsufficientGas,
                           "gas limit below the intrinsic gas of " + std::to_string(intrinsic));
    }
    if (tx.gas_limit > m_params.max_tx_gas) {
        return Error::from(reasons::kGasLimitTooHigh, "gas limit above the per-tx cap");
    }
    auto max_fee = checked_mul(tx.gas_limit, tx.gas_price);
    if (!max_fee) {
        return Error::from(reasons::kFeeOverflow, "gas_limit * gas_price overflows");
    }
    AZORA_ASSIGN(uint64_t balance, token::balance(state, sender));
    if (balance < *max_fee) {
        return Error::from(reasons::kInsufficientFeeFunds, "cannot pay gas_limit * gas_price");
    }
    return *max_fee;
}

Result<void> Executor::check_admission(StateView& state,
                                       const BlockContext& block,
                                       const ledger::Tx& tx,
                                       const Address& sender) const {
    AZORA_ASSIGN(const uint64_t max_fee, precheck(state, block, tx, sender, true));
    const size_t mark = state.checkpoint();
    // As in apply(): the action runs with the maximum fee already reserved.
    auto reserved = token::debit(state, sender, max_fee);
    auto outcome = reserved ? run_action(state, block, tx, Hash32{}, sender, tx.gas_limit)
                            : Result<ActionOutcome>(reserved.error());
    state.revert(mark);
    if (!outcome) {
        return outcome.error();
    }
    if (outcome->error) {
        // It would be included only to fail and burn its fee: refuse it up front instead, with
        // the action's own error (its kind is the catalog's, e.g. failed insufficient_funds).
        return *outcome->error;
    }
    return {};
}

Result<ledger::Receipt> Executor::apply(StateView& state,
                                        const BlockContext& block,
                                        const ledger::Tx& tx,
                                        const Hash32& tx_hash,
                                        const Address& sender) const {
    AZORA_ASSIGN(const uint64_t max_fee, precheck(state, block, tx, sender, false));

    // Includable from here on: the fee is charged and the nonce advances whatever happens.
    const size_t tx_mark = state.checkpoint();
    AZORA_TRY(token::debit(state, sender, max_fee));
    accounts::set_nonce(state, sender, tx.nonce + 1);
    AZORA_ASSIGN(ActionOutcome outcome,
                 run_action(state, block, tx, tx_hash, sender, tx.gas_limit));
    const uint64_t fee = outcome.gas_used * tx.gas_price;  // <= max_fee, cannot overflow
    auto settle = token::credit(state, sender, max_fee - fee);
    if (settle.ok()) {
        settle = token::credit(state, block.proposer, fee);
    }
    if (!settle.ok()) {
        // Only a proposer balance at u64 max can get here; undo the whole tx and refuse it.
        state.revert(tx_mark);
        return Error::from(reasons::kFeeOverflow, "paying the fee: " + settle.error().message);
    }
    state.clear_journal();
    if (m_check_invariants) {
        AZORA_TRY(m_registry.check_invariants(state));
    }

    ledger::Receipt receipt;
    receipt.gas_used = outcome.gas_used;
    if (outcome.error) {
        receipt.status = ledger::TxStatus::failed;
        receipt.error = outcome.error->reason;
    }
    receipt.events = std::move(outcome.events);
    return receipt;
}

Result<uint64_t> Executor::estimate_gas(StateView& state,
                                        const BlockContext& block,
                                        const ledger::Tx& tx) const {
    const size_t mark = state.checkpoint();
    const Address sender = Address::from_pubkey(tx.sender);
    auto outcome = run_action(state, block, tx, Hash32{}, sender, m_params.max_tx_gas);
    state.revert(mark);
    if (!outcome) {
        return outcome.error();
    }
    if (outcome->error) {
        return *outcome->error;
    }
    return outcome->gas_used;
}

}  // namespace azora::vm
