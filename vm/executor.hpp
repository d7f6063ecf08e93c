#pragma once

#include "ledger/receipt.hpp"
#include "ledger/tx.hpp"
#include "vm/params.hpp"
#include "vm/registry.hpp"
#include "vm/state_view.hpp"
#include "vm/tx_context.hpp"

namespace azora::vm {

/// Debug builds check every module invariant after each applied transaction.
#ifdef NDEBUG
inline constexpr bool kCheckInvariantsByDefault = false;
#else
inline constexpr bool kCheckInvariantsByDefault = true;
#endif

/// Applies transactions to a journaled StateView (DESIGN.md "Execution").
///
/// Per transaction: reject (no state change, not includable) on a wrong chain id, expired tx,
/// wrong nonce, gas price under the minimum, gas limit under the intrinsic gas or over the cap,
/// or a sender unable to pay gas_limit * gas_price. Otherwise the maximum fee is reserved, the
/// module runs, its writes are reverted if it fails or runs out of gas, the unused fee is
/// refunded, the used fee goes to the block proposer and the nonce advances.
/// The signature is NOT checked here: callers verify it once (mempool admission or block
/// validation). Deterministic and single-threaded.
class Executor {
public:
    /// Keeps references: both must outlive the executor (temporaries are refused). With
    /// `check_invariants`, apply() runs the registry's invariants after every transaction and
    /// fails with their internal error (O(state): tests and debug builds only).
    Executor(const ModuleRegistry& registry,
             const ChainParams& params,
             bool check_invariants = kCheckInvariantsByDefault)
        : m_registry(registry), m_params(params), m_check_invariants(check_invariants) {}
    Executor(const ModuleRegistry&, ChainParams&&, bool = kCheckInvariantsByDefault) = delete;
    Executor(ModuleRegistry&&, const ChainParams&, bool = kCheckInvariantsByDefault) = delete;

    /// Executes `tx` (whose hash is `tx_hash`, sent by `sender` = the address of tx.sender).
    /// Returns its receipt when it is includable (status success or failed), or a `rejected`
    /// error with `state` unchanged.
    Result<ledger::Receipt> apply(StateView& state,
                                  const BlockContext& block,
                                  const ledger::Tx& tx,
                                  const Hash32& tx_hash,
                                  const Address& sender) const;

    /// Mempool admission: the same checks as apply() except that a nonce ahead of the
    /// account's is allowed, plus a dry run of the action, so a tx that would only fail
    /// (e.g. insufficient_funds, amount_overflow) is refused with that reason. `state` is
    /// left unchanged.
    Result<void> check_admission(StateView& state,
                                 const BlockContext& block,
                                 const ledger::Tx& tx,
                                 const Address& sender) const;

    /// Gas `tx` would use if executed now, ignoring its nonce, gas limit, price and fee;
    /// the error of the action if it would fail. `state` is left unchanged.
    Result<uint64_t> estimate_gas(StateView& state,
                                  const BlockContext& block,
                                  const ledger::Tx& tx) const;

    /// Gas charged before the action runs: base + payload bytes + the action's own cost.
    uint64_t intrinsic_gas(const ledger::Tx& tx, const ActionSpec* spec) const;

    const ChainParams& params() const { return m_params; }

private:
    /// Checks shared by apply() and check_admission(); returns the maximum fee.
    Result<uint64_t> precheck(const StateView& state,
                              const BlockContext& block,
                              const ledger::Tx& tx,
                              const Address& sender,
                              bool allow_future_nonce) const;

    /// Runs the action with a revert point; returns gas used, or the failure with gas used.
    struct ActionOutcome {
        uint64_t gas_used = 0;
        std::optional<Error> error;
        std::vector<ledger::Event> events;
    };
    Result<ActionOutcome> run_action(StateView& state,
                                     const BlockContext& block,
                                     const ledger::Tx& tx,
                                     const Hash32& tx_hash,
                                     const Address& sender,
                                     uint64_t gas_limit) const;

    const ModuleRegistry& m_registry;
    const ChainParams& m_params;
    bool m_check_invariants;
};

}  // namespace azora::vm
