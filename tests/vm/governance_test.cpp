// Governance module state tests: a 2-of-3 council admits, suspends and reinstates issuers by
// proposal and approval. Gas from test_params(): 1000 + 10 per payload byte + 1000, plus 500
// per write. A proposal that stays open writes 2 keys (next id, proposal), an approval that
// does not execute 1; execution adds the issuer record.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/hash.hpp"
#include "tests/support/module_records.hpp"
#include "tests/support/state_test.hpp"
#include "tests/support/test_state.hpp"
#include "vm/modules/credential/messages.hpp"
#include "vm/modules/credential/queries.hpp"
#include "vm/modules/credential/verdict.hpp"
#include "vm/modules/governance/messages.hpp"
#include "vm/modules/governance/queries.hpp"
#include "vm/registry.hpp"

namespace azora::test {
namespace {

using vm::credential::Issuer;
using vm::credential::IssuerStatus;
using vm::governance::Approve;
using vm::governance::Council;
using vm::governance::Proposal;
using vm::governance::ProposalKind;
using vm::governance::ProposalStatus;
using vm::governance::Propose;

constexpr uint64_t kPrice = 2;
constexpr uint64_t kLimit = 100'000;
constexpr uint64_t kFunds = 10'000'000;
constexpr uint64_t kTtl = 5;

// Keys 6, 7, 8 are the council; 1 is an active issuer, 4 a suspended one, 9 a candidate, 5
// nobody.
Address member(int i) {
    return test_address(static_cast<uint8_t>(6 + i));
}
Address school() {
    return test_address(1);
}
Address suspended_school() {
    return test_address(4);
}
Address candidate() {
    return test_address(9);
}

Council council(uint64_t threshold = 2) {
    return {{member(0), member(1), member(2)}, threshold, kTtl};
}

Entries base(uint64_t threshold = 2) {
    return council_entries(council(threshold)) + issuer_entries(make_issuer(school())) +
           issuer_entries(make_issuer(suspended_school(), IssuerStatus::suspended));
}

Propose admit(std::string name = "New School", std::string url = "https://new.example") {
    return {ProposalKind::admit_issuer, candidate(), std::move(name), std::move(url)};
}

ledger::Tx propose_tx(uint8_t key, uint64_t nonce, const Propose& p) {
    return make_tx(test_key(key), nonce, vm::kGovernanceModule, vm::governance::kPropose,
                   p.encode(), kLimit, kPrice);
}

ledger::Tx approve_tx(uint8_t key, uint64_t nonce, uint64_t id) {
    return make_tx(test_key(key), nonce, vm::kGovernanceModule, vm::governance::kApprove,
                   Approve{id}.encode(), kLimit, kPrice);
}

uint64_t propose_gas(const Propose& p, uint64_t writes) {
    return module_gas(p.encode(), writes);
}
uint64_t approve_gas(uint64_t writes) {
    return module_gas(Approve{1}.encode(), writes);
}

Proposal proposal(uint64_t id,
                  const Propose& p,
                  const Address& proposer,
                  std::vector<Address> approvals,
                  uint64_t created,
                  ProposalStatus status) {
    std::sort(approvals.begin(), approvals.end());
    return {id,       p.kind,    p.target, p.name,         p.url,
            proposer, approvals, created,  created + kTtl, status};
}

std::string hex(const Address& a) {
    return to_hex(a.bytes);
}

// One tx by `key` refused with `reason` before any write: only the fee and nonce change.
StateTest refused(std::string name,
                  uint8_t key,
                  const ledger::Tx& tx,
                  std::string reason,
                  Entries pre_state = base(),
                  uint64_t height = 10) {
    const uint64_t gas = module_gas(tx.payload, 0);
    return {.name = std::move(name),
            .pre = {{test_address(key), kFunds}},
            .steps = {{[tx] { return tx; }, fails(std::move(reason), gas)}},
            .post = {{test_address(key), kFunds - gas * kPrice, 1}},
            .proposer_fee = gas * kPrice,
            .height = height,
            .pre_state = pre_state,
            .post_state = pre_state};
}

// An open admit proposal #1 by member 0 at height 10 (approved by it), stored in the state.
Entries with_open_admit() {
    return base() + next_proposal_id_entries(2) +
           proposal_entries(proposal(1, admit(), member(0), {member(0)}, 10, ProposalStatus::open));
}

TEST(Governance, TwoOfThreeCouncilAdmitsAnIssuer) {
    const Propose p = admit();
    const uint64_t g1 = propose_gas(p, 2);
    const uint64_t g2 = approve_gas(0);
    const uint64_t g3 = approve_gas(2);
    const uint64_t g4 = approve_gas(0);
    const std::vector<ledger::Event> created{{vm::kGovernanceModule,
                                              "proposal_created",
                                              {{"id", "1"},
                                               {"kind", "admit_issuer"},
                                               {"target", hex(candidate())},
                                               {"proposer", hex(member(0))},
                                               {"expires_height", "15"}}}};
    const std::vector<ledger::Event> executed{
        {vm::kGovernanceModule,
         "proposal_approved",
         {{"id", "1"}, {"approver", hex(member(1))}, {"approvals", "2"}}},
        {vm::kCredentialModule,
         "issuer_admitted",
         {{"issuer", hex(candidate())}, {"name", "New School"}, {"url", "https://new.example"}}},
        {vm::kGovernanceModule,
         "proposal_executed",
         {{"id", "1"}, {"kind", "admit_issuer"}, {"target", hex(candidate())}}}};
    const Issuer admitted{candidate(),
                          "New School",
                          "https://new.example",
                          IssuerStatus::active,
                          {{IssuerStatus::active, 11}}};
    run_state_test(
        {.name = "council_admits",
         .pre = {{member(0), kFunds}, {member(1), kFunds}, {member(2), kFunds}},
         .steps = {{[p] { return propose_tx(6, 0, p); }, succeeds(g1, created), 10},
                   // The proposer's proposal already counts as its approval.
                   {[] { return approve_tx(6, 1, 1); }, fails("already_approved", g2), 10},
                   {[] { return approve_tx(7, 0, 1); }, succeeds(g3, executed), 11},
                   {[] { return approve_tx(8, 0, 1); }, fails("proposal_closed", g4), 12}},
         .post = {{member(0), kFunds - (g1 + g2) * kPrice, 2},
                  {member(1), kFunds - g3 * kPrice, 1},
                  {member(2), kFunds - g4 * kPrice, 1}},
         .proposer_fee = (g1 + g2 + g3 + g4) * kPrice,
         .pre_state = base(),
         .post_state = base() + next_proposal_id_entries(2) + issuer_entries(admitted) +
                       proposal_entries(proposal(1, p, member(0), {member(0), member(1)}, 10,
                                                 ProposalStatus::executed))});
}

TEST(Governance, ApprovalsCloseAfterTheTtl) {
    // Proposed at height 10 with a ttl of 5: approvable up to height 15 inclusive.
    run_state_test(refused("approve_at_16", 7, approve_tx(7, 0, 1), "proposal_expired",
                           with_open_admit(), 16));
    const uint64_t gas = approve_gas(2);
    run_state_test(
        {.name = "approve_at_15",
         .pre = {{member(1), kFunds}},
         .steps = {{[] { return approve_tx(7, 0, 1); }, succeeds(gas)}},
         .post = {{member(1), kFunds - gas * kPrice, 1}},
         .proposer_fee = gas * kPrice,
         .height = 15,
         .pre_state = with_open_admit(),
         .post_state = base() + next_proposal_id_entries(2) +
                       issuer_entries({candidate(),
                                       "New School",
                                       "https://new.example",
                                       IssuerStatus::active,
                                       {{IssuerStatus::active, 15}}}) +
                       proposal_entries(proposal(1, admit(), member(0), {member(0), member(1)}, 10,
                                                 ProposalStatus::executed))});
}

std::vector<StateTest> refusal_cases() {
    const Propose suspend_school{ProposalKind::suspend_issuer, school(), "", ""};
    return {
        refused("propose_by_non_member", 5, propose_tx(5, 0, admit()), "not_council_member"),
        refused("propose_by_an_issuer", 1, propose_tx(1, 0, admit()), "not_council_member"),
        refused("approve_by_non_member", 5, approve_tx(5, 0, 1), "not_council_member",
                with_open_admit()),
        refused("approve_unknown_proposal", 7, approve_tx(7, 0, 42), "proposal_not_found",
                with_open_admit()),
        refused("propose_without_a_council", 6, propose_tx(6, 0, admit()), "not_council_member",
                issuer_entries(make_issuer(school()))),
        refused("admit_an_existing_issuer", 6,
                propose_tx(6, 0, {ProposalKind::admit_issuer, school(), "Again", ""}),
                "issuer_exists"),
        refused("suspend_an_unknown_issuer", 6,
                propose_tx(6, 0, {ProposalKind::suspend_issuer, candidate(), "", ""}),
                "issuer_not_found"),
        refused("suspend_a_suspended_issuer", 6,
                propose_tx(6, 0, {ProposalKind::suspend_issuer, suspended_school(), "", ""}),
                "issuer_not_active"),
        refused("reinstate_an_active_issuer", 6,
                propose_tx(6, 0, {ProposalKind::reinstate_issuer, school(), "", ""}),
                "issuer_not_suspended"),
        refused("admit_with_empty_name", 6, propose_tx(6, 0, admit("")), "bad_field"),
        refused("admit_with_name_129_bytes", 6, propose_tx(6, 0, admit(std::string(129, 'n'))),
                "bad_field"),
        refused("admit_with_url_257_bytes", 6,
                propose_tx(6, 0, admit("School", std::string(257, 'u'))), "bad_field"),
        refused("suspend_with_a_name", 6,
                propose_tx(6, 0, {ProposalKind::suspend_issuer, school(), "x", ""}), "bad_field"),
        // Proposal kind 3 does not exist.
        refused(
            "propose_unknown_kind", 6,
            [] {
                Bytes p = admit().encode();
                p[0] = 3;
                return make_tx(test_key(6), 0, vm::kGovernanceModule, vm::governance::kPropose, p,
                               kLimit, kPrice);
            }(),
            "decode_error"),
        // Suspending a suspended issuer is checked again when the proposal executes.
        refused("execution_rechecks_the_target", 7, approve_tx(7, 0, 1), "issuer_not_active",
                base() + next_proposal_id_entries(2) +
                    proposal_entries(
                        proposal(1, {ProposalKind::suspend_issuer, suspended_school(), "", ""},
                                 member(0), {member(0)}, 10, ProposalStatus::open))),
    };
}

class GovernanceRefusal : public ::testing::TestWithParam<StateTest> {};

TEST_P(GovernanceRefusal, Run) {
    run_state_test(GetParam());
}

INSTANTIATE_TEST_SUITE_P(Governance,
                         GovernanceRefusal,
                         ::testing::ValuesIn(refusal_cases()),
                         [](const auto& info) { return info.param.name; });

// Suspension stops minting but keeps what the issuer minted (verdict issuer_suspended);
// reinstatement lets it mint again; the issuer record keeps every change with its height.
TEST(Governance, SuspendThenMintRefusedThenReinstateThenMint) {
    const vm::credential::Credential old = sample_credential(school(), test_address(2), "old");
    const vm::credential::Mint m{
        test_address(2), "badge", "Reinstated", sha256(as_bytes("d")), "", 0, false};
    auto mint_tx = [m](uint64_t nonce) {
        return make_tx(test_key(1), nonce, vm::kCredentialModule, vm::credential::kMint, m.encode(),
                       kLimit, kPrice);
    };
    const Propose suspend{ProposalKind::suspend_issuer, school(), "", ""};
    const Propose reinstate{ProposalKind::reinstate_issuer, school(), "", ""};
    const uint64_t open_gas = propose_gas(suspend, 2);
    const uint64_t exec_gas = approve_gas(2);
    const uint64_t refused_gas = module_gas(m.encode(), 0);
    const uint64_t mint_gas = module_gas(m.encode(), 3);
    run_state_test(
        {.name = "suspend_reinstate",
         .pre = {{member(0), kFunds}, {member(1), kFunds}, {member(2), kFunds}, {school(), kFunds}},
         .steps = {{[suspend] { return propose_tx(6, 0, suspend); }, succeeds(open_gas), 20},
                   {[] { return approve_tx(7, 0, 1); }, succeeds(exec_gas), 21},
                   {[mint_tx] { return mint_tx(0); }, fails("issuer_not_active", refused_gas), 22},
                   {[reinstate] { return propose_tx(7, 1, reinstate); }, succeeds(open_gas), 23},
                   {[] { return approve_tx(8, 0, 2); }, succeeds(exec_gas), 24},
                   {[mint_tx] { return mint_tx(1); }, succeeds(mint_gas), 25}},
         .post = {{member(0), kFunds - open_gas * kPrice, 1},
                  {member(1), kFunds - (exec_gas + open_gas) * kPrice, 2},
                  {member(2), kFunds - exec_gas * kPrice, 1},
                  {school(), kFunds - (refused_gas + mint_gas) * kPrice, 2}},
         .proposer_fee = (2 * open_gas + 2 * exec_gas + refused_gas + mint_gas) * kPrice,
         .pre_state = base() + credential_entries(old),
         .check = [old](const vm::StateReader& state) {
             auto issuer = vm::credential::get_issuer(state, school());
             ASSERT_TRUE(issuer.ok() && issuer->has_value());
             EXPECT_EQ((*issuer)->status, IssuerStatus::active);
             EXPECT_EQ((*issuer)->history,
                       (std::vector<Issuer::Change>{{IssuerStatus::active, 0},
                                                    {IssuerStatus::suspended, 21},
                                                    {IssuerStatus::active, 24}}));
             auto minted = vm::credential::list_by_issuer(state, school(), {}, 10);
             ASSERT_TRUE(minted.ok());
             EXPECT_EQ(minted->items.size(), 2u);  // the old one and the new one
             auto kept = vm::credential::get_credential(state, old.id);
             ASSERT_TRUE(kept.ok() && kept->has_value());
             EXPECT_EQ(**kept, old);
             auto proposals = vm::governance::list_proposals(state, {}, 10);
             ASSERT_TRUE(proposals.ok());
             ASSERT_EQ(proposals->items.size(), 2u);
             EXPECT_EQ(proposals->items[0].id, 1u);
             EXPECT_EQ(proposals->items[1].id, 2u);
             EXPECT_EQ(proposals->items[1].status, ProposalStatus::executed);
         }});
}

TEST(Governance, WhatASuspendedIssuerMintedVerifiesAsIssuerSuspended) {
    const vm::credential::Credential old = sample_credential(school(), test_address(2), "old");
    const Propose suspend{ProposalKind::suspend_issuer, school(), "", ""};
    const uint64_t gas = propose_gas(suspend, 3);
    run_state_test({.name = "one_of_one_suspends_at_once",
                    .pre = {{member(0), kFunds}},
                    .steps = {{[suspend] { return propose_tx(6, 0, suspend); }, succeeds(gas)}},
                    .post = {{member(0), kFunds - gas * kPrice, 1}},
                    .proposer_fee = gas * kPrice,
                    .pre_state = base(1) + credential_entries(old),
                    .check = [old](const vm::StateReader& state) {
                        auto c = vm::credential::get_credential(state, old.id);
                        auto i = vm::credential::get_issuer(state, school());
                        ASSERT_TRUE(c.ok() && c->has_value() && i.ok() && i->has_value());
                        EXPECT_EQ(**c, old);
                        EXPECT_EQ(vm::credential::verdict(&**c, &**i, 0, old.metadata_hash),
                                  vm::credential::Verdict::issuer_suspended);
                    }});
}

TEST(Governance, ProposalIdsAreSequentialAndListedInOrder) {
    const Propose a = admit();
    const Propose b{ProposalKind::suspend_issuer, school(), "", ""};
    const uint64_t ga = propose_gas(a, 2);
    const uint64_t gb = propose_gas(b, 2);
    run_state_test(
        {.name = "two_open_proposals",
         .pre = {{member(0), kFunds}, {member(2), kFunds}},
         .steps = {{[a] { return propose_tx(6, 0, a); }, succeeds(ga)},
                   {[b] { return propose_tx(8, 0, b); }, succeeds(gb), 11}},
         .post = {{member(0), kFunds - ga * kPrice, 1}, {member(2), kFunds - gb * kPrice, 1}},
         .proposer_fee = (ga + gb) * kPrice,
         .pre_state = base(),
         .post_state =
             base() + next_proposal_id_entries(3) +
             proposal_entries(proposal(1, a, member(0), {member(0)}, 10, ProposalStatus::open)) +
             proposal_entries(proposal(2, b, member(2), {member(2)}, 11, ProposalStatus::open)),
         .check = [](const vm::StateReader& state) {
             auto first = vm::governance::list_proposals(state, {}, 1);
             ASSERT_TRUE(first.ok());
             ASSERT_EQ(first->items.size(), 1u);
             EXPECT_EQ(first->items[0].id, 1u);
             ASSERT_TRUE(first->next_cursor.has_value());
             auto second = vm::governance::list_proposals(state, *first->next_cursor, 1);
             ASSERT_TRUE(second.ok());
             ASSERT_EQ(second->items.size(), 1u);
             EXPECT_EQ(second->items[0].id, 2u);
             EXPECT_FALSE(second->next_cursor.has_value());
             // Open at its last height, expired after; a stored status never says expired.
             EXPECT_EQ(vm::governance::effective_status(second->items[0], 16),
                       ProposalStatus::open);
             EXPECT_EQ(vm::governance::effective_status(second->items[0], 17),
                       ProposalStatus::expired);
             auto bad = vm::governance::list_proposals(state, Bytes(7, 0), 1);
             ASSERT_FALSE(bad.ok());
             EXPECT_EQ(bad.error().reason, "bad_cursor");
             auto c = vm::governance::get_council(state);
             ASSERT_TRUE(c.ok() && c->has_value());
             EXPECT_EQ(**c, council());
         }});
}

}  // namespace
}  // namespace azora::test
