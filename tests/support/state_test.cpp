#include "tests/support/state_test.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "core/address.hpp"
#include "vm/modules/token/state.hpp"
#include "vm/registry.hpp"

namespace azora::test {
namespace {

using Wide = unsigned __int128;

// Hex-keyed so a failing comparison prints readable addresses.
std::map<std::string, uint64_t> by_hex(const std::map<Address, uint64_t>& in) {
    std::map<std::string, uint64_t> out;
    for (const auto& [addr, v] : in) {
        out[to_hex(addr.bytes)] = v;
    }
    return out;
}

Wide sum(const std::map<Address, uint64_t>& balances) {
    Wide total = 0;
    for (const auto& [addr, v] : balances) {
        total += v;
    }
    return total;
}

std::string wide_to_string(Wide v) {
    std::string s;
    do {
        s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
        v /= 10;
    } while (v != 0);
    return s;
}

// Supply conserved: no transaction of these modules creates or destroys tokens (that the
// recorded supply equals the sum of balances is the token module's own invariant).
void check_supply_conserved(const MemoryState& base, const vm::StateView& view, Wide pre_total) {
    const Wide total = sum(all_balances(base, view.changes()));
    EXPECT_EQ(wide_to_string(total), wide_to_string(pre_total))
        << "sum of balances changed: tokens created or destroyed";
}

// Every invariant every registered module declares, after every transaction. A pre-state that
// holds more than u64 in total cannot record a supply, so the supply invariant is skipped there.
void check_module_invariants(const vm::ModuleRegistry& registry,
                             const vm::StateReader& state,
                             bool supply_recorded) {
    for (const vm::ModuleSpec* m : registry.modules()) {
        for (const vm::InvariantSpec& inv : m->invariants) {
            if (!supply_recorded && m->id == vm::kTokenModule &&
                inv.name == "supply_matches_balances") {
                continue;
            }
            auto r = inv.check(state);
            EXPECT_TRUE(r.ok()) << m->name << "." << inv.name << ": " << r.error().to_string();
        }
    }
}

}  // namespace

Outcome succeeds(uint64_t gas_used) {
    Outcome o;
    o.gas_used = gas_used;
    return o;
}

Outcome succeeds(uint64_t gas_used, std::vector<ledger::Event> events) {
    Outcome o = succeeds(gas_used);
    o.events = std::move(events);
    return o;
}

Outcome fails(std::string error, uint64_t gas_used) {
    Outcome o;
    o.status = ledger::TxStatus::failed;
    o.error = std::move(error);
    o.gas_used = gas_used;
    o.events = std::vector<ledger::Event>{};
    return o;
}

Outcome rejects(std::string reason) {
    Outcome o;
    o.rejected = std::move(reason);
    return o;
}

ledger::Event transfer_event(const Address& from, const Address& to, uint64_t amount) {
    return {vm::kTokenModule,
            "transfer",
            {{"from", to_hex(from.bytes)},
             {"to", to_hex(to.bytes)},
             {"amount", std::to_string(amount)}}};
}

std::map<std::string, std::string> module_entries(const vm::StateReader& state) {
    std::map<std::string, std::string> out;
    auto r = state.scan({}, {}, [&](ByteView key, ByteView value) {
        const bool accounting =
            key.size() >= 2 && ((key[0] == vm::kSystemModule && key[1] == 'n') ||
                                (key[0] == vm::kTokenModule && (key[1] == 'b' || key[1] == 's')));
        if (!accounting) {
            out[to_hex(key)] = to_hex(value);
        }
        return true;
    });
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
    return out;
}

void run_state_test(const StateTest& t) {
    run_state_test(t, vm::ModuleRegistry::standard(), test_params());
}

void run_state_test(const StateTest& t,
                    const vm::ModuleRegistry& registry,
                    const vm::ChainParams& params) {
    SCOPED_TRACE("state test " + t.name);
    const Address proposer = test_proposer();

    MemoryState base;
    Wide pre_total = 0;
    uint64_t proposer_before = 0;
    for (const Account& a : t.pre) {
        if (a.balance != 0) {
            base.set_balance(a.address, a.balance);
        }
        if (a.nonce != 0) {
            base.set_nonce(a.address, a.nonce);
        }
        if (a.address == proposer) {
            proposer_before = a.balance;
        }
        pre_total += a.balance;
    }
    // Pre-states that deliberately hold more than u64 in total (balance overflow cases) cannot
    // record a supply; for them only conservation is checked.
    const bool supply_recorded = pre_total <= std::numeric_limits<uint64_t>::max();
    if (supply_recorded) {
        base.set_supply(static_cast<uint64_t>(pre_total));
    }
    for (const auto& [key, value] : t.pre_state) {
        base.put(key, value);
    }

    // The runner checks the invariants itself (and knows which apply to this pre-state).
    const vm::Executor executor(registry, params, /*check_invariants=*/false);
    vm::StateView view(base);
    for (size_t i = 0; i < t.steps.size(); ++i) {
        SCOPED_TRACE("step " + std::to_string(i));
        const Step& step = t.steps[i];
        const vm::BlockContext block = test_block(step.height != 0 ? step.height : t.height);
        const ledger::Tx tx = step.tx();
        ASSERT_TRUE(tx.verify_signature()) << "test builder produced a badly signed tx";
        const Address sender = Address::from_pubkey(tx.sender);
        const ledger::StateChanges before = view.changes();
        const uint64_t nonce_before = nonce_of(view, sender);
        const uint64_t proposer_balance_before = balance_of(view, proposer);

        auto r = executor.apply(view, block, tx, tx.hash(), Address::from_pubkey(tx.sender));
        if (!step.expect.rejected.empty()) {
            ASSERT_FALSE(r.ok()) << "expected rejection '" << step.expect.rejected
                                 << "', got a receipt with status " << static_cast<int>(r->status)
                                 << " error '" << r->error << "'";
            EXPECT_EQ(r.error().kind, ErrorKind::rejected) << r.error().to_string();
            EXPECT_EQ(r.error().reason, step.expect.rejected) << r.error().to_string();
            EXPECT_TRUE(view.changes() == before) << "a rejected tx changed the state";
        } else {
            ASSERT_TRUE(r.ok()) << "expected a receipt, got " << r.error().to_string();
            EXPECT_EQ(r->status, step.expect.status);
            EXPECT_EQ(r->error, step.expect.error);
            EXPECT_EQ(r->gas_used, step.expect.gas_used);
            if (r->status == ledger::TxStatus::failed) {
                EXPECT_TRUE(r->events.empty()) << "a failed tx kept its events";
            }
            if (step.expect.events) {
                EXPECT_EQ(r->events, *step.expect.events);
            }
            // Whatever the outcome, an included tx pays gas_used * gas_price to the proposer
            // and advances the sender's nonce.
            EXPECT_EQ(balance_of(view, proposer) - proposer_balance_before,
                      r->gas_used * tx.gas_price)
                << "proposer was not paid gas_used * gas_price";
            EXPECT_EQ(nonce_of(view, sender), nonce_before + 1) << "nonce did not advance";
        }
        check_supply_conserved(base, view, pre_total);
        check_module_invariants(registry, view, supply_recorded);
    }

    std::map<Address, uint64_t> want_balances;
    std::map<Address, uint64_t> want_nonces;
    bool proposer_listed = false;
    for (const Account& a : t.post) {
        if (a.balance != 0) {
            want_balances[a.address] = a.balance;
        }
        if (a.nonce != 0) {
            want_nonces[a.address] = a.nonce;
        }
        proposer_listed = proposer_listed || a.address == proposer;
    }
    if (!proposer_listed && proposer_before + t.proposer_fee != 0) {
        want_balances[proposer] = proposer_before + t.proposer_fee;
    }
    EXPECT_EQ(by_hex(all_balances(base, view.changes())), by_hex(want_balances))
        << "post-state balances differ (proposer " << to_hex(proposer.bytes) << ")";
    EXPECT_EQ(by_hex(all_nonces(base, view.changes())), by_hex(want_nonces))
        << "post-state nonces differ";
    if (t.post_state) {
        std::map<std::string, std::string> want;
        for (const auto& [key, value] : *t.post_state) {
            want[to_hex(key)] = to_hex(value);
        }
        EXPECT_EQ(module_entries(view), want) << "post-state module records differ";
    }
    if (t.check) {
        t.check(view);
    }
}

}  // namespace azora::test
