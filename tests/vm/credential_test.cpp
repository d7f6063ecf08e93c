// Credential module state tests, revoking and transferring. Gas from test_params() as in
// credential_mint_test.cpp: 1000 + 10 per payload byte + 1000, plus 500 per write; a revoke
// writes the record (1), a transfer the record and both holder index keys (3).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/hash.hpp"
#include "tests/support/module_records.hpp"
#include "tests/support/state_test.hpp"
#include "tests/support/test_state.hpp"
#include "vm/modules/credential/messages.hpp"
#include "vm/modules/credential/state.hpp"
#include "vm/registry.hpp"

namespace azora::test {
namespace {

using vm::credential::Credential;
using vm::credential::IssuerStatus;
using vm::credential::Revocation;
using vm::credential::Revoke;
using vm::credential::Transfer;

constexpr uint64_t kPrice = 2;
constexpr uint64_t kLimit = 100'000;
constexpr uint64_t kFunds = 10'000'000;
constexpr uint64_t kHeight = 10;

// Key 1 is an active issuer, key 4 a suspended one, key 2 a holder, key 3 another address.
Address issuer() {
    return test_address(1);
}
Address holder() {
    return test_address(2);
}
Address carol() {
    return test_address(3);
}
Address suspended_issuer() {
    return test_address(4);
}

Entries issuers() {
    return issuer_entries(make_issuer(issuer())) +
           issuer_entries(make_issuer(suspended_issuer(), IssuerStatus::suspended));
}

Credential soulbound() {
    return sample_credential(issuer(), holder(), "soulbound");
}
Credential transferable() {
    return sample_credential(issuer(), holder(), "transferable", true);
}
Credential revoked(Credential c) {
    c.revocation = Revocation{3, 3000, "issued in error"};
    return c;
}
Credential by_suspended() {
    return sample_credential(suspended_issuer(), holder(), "old");
}

Entries pre_state() {
    return issuers() + credential_entries(soulbound()) + credential_entries(transferable()) +
           credential_entries(revoked(sample_credential(issuer(), holder(), "revoked", true))) +
           credential_entries(by_suspended());
}

ledger::Tx revoke_tx(uint8_t key, const Hash32& id, std::string reason) {
    return make_tx(test_key(key), 0, vm::kCredentialModule, vm::credential::kRevoke,
                   Revoke{id, std::move(reason)}.encode(), kLimit, kPrice);
}

ledger::Tx transfer_tx(uint8_t key, const Hash32& id, const Address& to) {
    return make_tx(test_key(key), 0, vm::kCredentialModule, vm::credential::kTransfer,
                   Transfer{id, to}.encode(), kLimit, kPrice);
}

// Replaces the entries of `before` (a credential's record and indexes) with those of `after`.
Entries replaced(const Credential& before, const Credential& after) {
    Entries out;
    const Entries old = credential_entries(before);
    for (const auto& e : pre_state()) {
        if (std::find(old.begin(), old.end(), e) == old.end()) {
            out.push_back(e);
        }
    }
    return out + credential_entries(after);
}

// One tx by test key `key` that succeeds with `writes` writes and `events`, leaving `post`.
StateTest succeeds_with(std::string name,
                        uint8_t key,
                        const ledger::Tx& tx,
                        uint64_t writes,
                        std::vector<ledger::Event> events,
                        Entries post) {
    const uint64_t gas = module_gas(tx.payload, writes);
    return {.name = std::move(name),
            .pre = {{test_address(key), kFunds}},
            .steps = {{[tx] { return tx; }, succeeds(gas, std::move(events))}},
            .post = {{test_address(key), kFunds - gas * kPrice, 1}},
            .proposer_fee = gas * kPrice,
            .pre_state = pre_state(),
            .post_state = std::move(post)};
}

// One tx that fails with `reason` before writing: only the fee and the nonce change.
StateTest refused(std::string name, uint8_t key, const ledger::Tx& tx, std::string reason) {
    const uint64_t gas = module_gas(tx.payload, 0);
    return {.name = std::move(name),
            .pre = {{test_address(key), kFunds}},
            .steps = {{[tx] { return tx; }, fails(std::move(reason), gas)}},
            .post = {{test_address(key), kFunds - gas * kPrice, 1}},
            .proposer_fee = gas * kPrice,
            .pre_state = pre_state(),
            .post_state = pre_state()};
}

ledger::Event revoked_event(const Credential& c, const std::string& reason) {
    return {vm::kCredentialModule,
            "credential_revoked",
            {{"id", to_hex(c.id)}, {"issuer", to_hex(c.issuer.bytes)}, {"reason", reason}}};
}

std::vector<StateTest> revoke_cases() {
    const uint64_t now = test_block(kHeight).time_ms;
    Credential soulbound_revoked = soulbound();
    soulbound_revoked.revocation = Revocation{kHeight, now, "issued in error"};
    Credential old_revoked = by_suspended();
    old_revoked.revocation = Revocation{kHeight, now, "fraud"};
    const Hash32 revoked_id = sha256(as_bytes("revoked"));
    return {
        succeeds_with("revoke_by_its_issuer", 1, revoke_tx(1, soulbound().id, "issued in error"), 1,
                      {revoked_event(soulbound(), "issued in error")},
                      replaced(soulbound(), soulbound_revoked)),
        // Suspension stops minting, not the clean-up of what the issuer minted before.
        succeeds_with("revoke_by_a_suspended_issuer", 4, revoke_tx(4, by_suspended().id, "fraud"),
                      1, {revoked_event(by_suspended(), "fraud")},
                      replaced(by_suspended(), old_revoked)),
        refused("revoke_by_the_holder", 2, revoke_tx(2, soulbound().id, "x"), "not_issuer"),
        refused("revoke_by_another_issuer", 4, revoke_tx(4, soulbound().id, "x"), "not_issuer"),
        refused("revoke_twice", 1, revoke_tx(1, revoked_id, "again"), "already_revoked"),
        refused("revoke_unknown_id", 1, revoke_tx(1, sha256(as_bytes("nothing")), "x"),
                "credential_not_found"),
        refused("revoke_empty_reason", 1, revoke_tx(1, soulbound().id, ""), "bad_field"),
        refused("revoke_reason_257_bytes", 1, revoke_tx(1, soulbound().id, std::string(257, 'r')),
                "bad_field"),
    };
}

std::vector<StateTest> transfer_cases() {
    Credential moved = transferable();
    moved.holder = carol();
    const Hash32 revoked_id = sha256(as_bytes("revoked"));
    return {
        succeeds_with("transfer_transferable", 2, transfer_tx(2, transferable().id, carol()), 3,
                      {{vm::kCredentialModule,
                        "credential_transferred",
                        {{"id", to_hex(moved.id)},
                         {"from", to_hex(holder().bytes)},
                         {"to", to_hex(carol().bytes)}}}},
                      replaced(transferable(), moved)),
        refused("transfer_soulbound", 2, transfer_tx(2, soulbound().id, carol()),
                "not_transferable"),
        refused("transfer_by_non_holder", 1, transfer_tx(1, transferable().id, carol()),
                "not_holder"),
        refused("transfer_revoked", 2, transfer_tx(2, revoked_id, carol()), "credential_revoked"),
        refused("transfer_unknown_id", 2, transfer_tx(2, sha256(as_bytes("nothing")), carol()),
                "credential_not_found"),
    };
}

class CredentialAction : public ::testing::TestWithParam<StateTest> {};

TEST_P(CredentialAction, Run) {
    run_state_test(GetParam());
}

INSTANTIATE_TEST_SUITE_P(Revoke,
                         CredentialAction,
                         ::testing::ValuesIn(revoke_cases()),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Transfer,
                         CredentialAction,
                         ::testing::ValuesIn(transfer_cases()),
                         [](const auto& info) { return info.param.name; });

// Revoking and then transferring in later blocks: the second revoke fails, the transfer of
// the revoked credential fails, and only the first revoke's record change remains.
TEST(CredentialAction, RevokeThenRetryAcrossBlocks) {
    const Credential c = transferable();
    Credential after = c;
    after.revocation = Revocation{11, test_block(11).time_ms, "expelled"};
    const uint64_t revoke_gas = module_gas(revoke_tx(1, c.id, "expelled").payload, 1);
    const uint64_t again_gas = module_gas(revoke_tx(1, c.id, "again").payload, 0);
    const uint64_t transfer_gas = module_gas(transfer_tx(2, c.id, carol()).payload, 0);
    run_state_test(
        {.name = "revoke_then_retry",
         .pre = {{issuer(), kFunds}, {holder(), kFunds}},
         .steps = {{[c] { return revoke_tx(1, c.id, "expelled"); }, succeeds(revoke_gas), 11},
                   {[c] {
                        return make_tx(test_key(1), 1, vm::kCredentialModule,
                                       vm::credential::kRevoke, Revoke{c.id, "again"}.encode(),
                                       kLimit, kPrice);
                    },
                    fails("already_revoked", again_gas), 12},
                   {[c] { return transfer_tx(2, c.id, carol()); },
                    fails("credential_revoked", transfer_gas), 12}},
         .post = {{issuer(), kFunds - (revoke_gas + again_gas) * kPrice, 2},
                  {holder(), kFunds - transfer_gas * kPrice, 1}},
         .proposer_fee = (revoke_gas + again_gas + transfer_gas) * kPrice,
         .pre_state = pre_state(),
         .post_state = replaced(c, after)});
}

}  // namespace
}  // namespace azora::test
