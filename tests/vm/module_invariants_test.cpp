// The credential and governance invariant checks catch the inconsistencies they describe.
#include <gtest/gtest.h>

#include "tests/support/module_records.hpp"
#include "tests/support/test_state.hpp"
#include "vm/modules/credential/invariants.hpp"
#include "vm/modules/credential/state.hpp"
#include "vm/modules/governance/invariants.hpp"
#include "vm/modules/governance/state.hpp"

namespace azora::test {
namespace {

using vm::governance::Proposal;
using vm::governance::ProposalKind;
using vm::governance::ProposalStatus;

void put(MemoryState& s, const Entries& entries) {
    for (const auto& [k, v] : entries) {
        s.put(k, v);
    }
}

void expect_broken(const Result<void>& r) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "invariant_broken");
    EXPECT_EQ(r.error().kind, ErrorKind::internal);
}

TEST(ModuleInvariants, Credential) {
    const auto c = sample_credential(test_address(1), test_address(2), "c");
    MemoryState s;
    put(s, issuer_entries(make_issuer(test_address(1))) + credential_entries(c));
    EXPECT_TRUE(vm::credential::check_invariants(s).ok());

    MemoryState missing_index = s;
    missing_index.erase(vm::credential::holder_index_key(c.holder, c.id));
    expect_broken(vm::credential::check_invariants(missing_index));

    MemoryState stale_index = s;
    stale_index.put(vm::credential::holder_index_key(test_address(3), c.id), {});
    expect_broken(vm::credential::check_invariants(stale_index));

    MemoryState no_issuer = s;
    no_issuer.erase(vm::credential::issuer_key(test_address(1)));
    expect_broken(vm::credential::check_invariants(no_issuer));
}

TEST(ModuleInvariants, Governance) {
    const vm::governance::Council council{{test_address(1), test_address(2)}, 2, 10};
    Proposal p{1,
               ProposalKind::suspend_issuer,
               test_address(5),
               "",
               "",
               test_address(1),
               {test_address(1)},
               3,
               13,
               ProposalStatus::open};
    MemoryState s;
    put(s, council_entries(council) + next_proposal_id_entries(2) + proposal_entries(p));
    EXPECT_TRUE(vm::governance::check_invariants(s).ok());

    MemoryState executed_early = s;
    p.status = ProposalStatus::executed;
    put(executed_early, proposal_entries(p));
    expect_broken(vm::governance::check_invariants(executed_early));

    MemoryState beyond_next = s;
    put(beyond_next, next_proposal_id_entries(1));
    expect_broken(vm::governance::check_invariants(beyond_next));

    MemoryState no_council = s;
    no_council.erase(vm::governance::council_key());
    expect_broken(vm::governance::check_invariants(no_council));
}

}  // namespace
}  // namespace azora::test
