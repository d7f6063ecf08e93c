#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "ledger/receipt.hpp"
#include "ledger/tx.hpp"
#include "tests/support/test_state.hpp"
#include "vm/executor.hpp"

/// Declarative execution tests in the style of evmone's state tests and rippled's jtx: a
/// pre-state, transactions with their expected outcome, and the expected post-state.
namespace azora::test {

/// One account of a pre- or post-state.
struct Account {
    Address address{};
    uint64_t balance = 0;
    uint64_t nonce = 0;
};

/// What applying one transaction must produce.
struct Outcome {
    /// Non-empty: apply must refuse the tx (ErrorKind::rejected) with this reason and leave the
    /// state untouched. Empty: apply must return a receipt as described below.
    std::string rejected;
    ledger::TxStatus status = ledger::TxStatus::success;
    std::string error;  ///< receipt error reason, empty on success
    uint64_t gas_used = 0;
    /// Exact receipt events; nullopt skips the check (failed receipts must have none anyway).
    std::optional<std::vector<ledger::Event>> events;
};

/// Receipt status success using `gas_used` gas (events unchecked).
Outcome succeeds(uint64_t gas_used);
/// Receipt status success using `gas_used` gas and emitting exactly `events`.
Outcome succeeds(uint64_t gas_used, std::vector<ledger::Event> events);
/// Receipt status failed with `error`, charged `gas_used` gas.
Outcome fails(std::string error, uint64_t gas_used);
/// Refused before execution with `reason`.
Outcome rejects(std::string reason);

struct Step {
    std::function<ledger::Tx()> tx;
    Outcome expect;
    uint64_t height = 0;  ///< block height this tx executes at; 0 = the test's height
};

/// Raw state entries (key, value) of module records other than balances, supply and nonces.
using Entries = std::vector<std::pair<Bytes, Bytes>>;

/// A pre-state, transactions applied in order in one block, and the complete expected
/// post-state: every account holding a balance or nonce must be listed in `post` (the proposer
/// is checked through `proposer_fee`), so money moving anywhere unexpected fails the test.
struct StateTest {
    std::string name;
    std::vector<Account> pre;
    std::vector<Step> steps;
    std::vector<Account> post;
    uint64_t proposer_fee = 0;  ///< total the proposer earned over all steps
    uint64_t height = 10;       ///< block height the txs execute at
    Entries pre_state{};        ///< module records in the pre-state
    /// When set, the module records afterwards must be exactly these (in any order): with
    /// post_state = pre_state a test proves that failed txs changed nothing but fee and nonce.
    std::optional<Entries> post_state{};
    /// Further checks on the final state (queries, records), run after the steps.
    std::function<void(const vm::StateReader&)> check{};
};

/// gtest prints a case by its name.
inline void PrintTo(const StateTest& t, std::ostream* os) {
    *os << t.name;
}

/// Runs `t` against a fresh MemoryState with `registry` and `params`. The token supply is
/// set in the pre-state to the sum of the pre-state balances (when it fits in u64); after
/// every tx the runner checks that balances are conserved and still add up to the supply, and
/// the credential and governance modules' invariants.
void run_state_test(const StateTest& t,
                    const vm::ModuleRegistry& registry,
                    const vm::ChainParams& params);
void run_state_test(const StateTest& t);

/// Every entry of `state` that is not a token balance, the token supply or a nonce, keyed by
/// hex key, with hex values.
std::map<std::string, std::string> module_entries(const vm::StateReader& state);

/// The token event the module emits for a transfer.
ledger::Event transfer_event(const Address& from, const Address& to, uint64_t amount);

}  // namespace azora::test
