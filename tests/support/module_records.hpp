#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "core/keys.hpp"
#include "ledger/tx.hpp"
#include "tests/support/state_test.hpp"
#include "vm/modules/credential/records.hpp"
#include "vm/modules/governance/records.hpp"

/// Pre- and post-state entries and transaction builders for credential and governance state
/// tests, written through the modules' own record encoders and keys.
namespace azora::test {

/// An issuer admitted at `height` and still in `status` (history: admission, then the change
/// at `changed_at` when suspended).
vm::credential::Issuer make_issuer(
    const Address& address,
    vm::credential::IssuerStatus status = vm::credential::IssuerStatus::active,
    uint64_t height = 0,
    uint64_t changed_at = 1);

/// The issuer record entry.
Entries issuer_entries(const vm::credential::Issuer& issuer);
/// A credential's record and its two index entries.
Entries credential_entries(const vm::credential::Credential& c);
/// The council record entry.
Entries council_entries(const vm::governance::Council& council);
/// A proposal record entry, and the next-proposal-id entry.
Entries proposal_entries(const vm::governance::Proposal& p);
Entries next_proposal_id_entries(uint64_t next);
/// Concatenation, for building pre- and post-states from parts.
Entries operator+(Entries a, const Entries& b);

/// A credential of `issuer` held by `holder` with id SHA256(seed), issued at time 1000.
vm::credential::Credential sample_credential(const Address& issuer,
                                             const Address& holder,
                                             std::string_view seed,
                                             bool transferable = false);

/// The gas schedule of test_params(): intrinsic gas of a module action with this payload
/// (base 1000 + 10 per byte + default action 1000), plus 500 per write.
uint64_t module_gas(const Bytes& payload, uint64_t writes);

}  // namespace azora::test
