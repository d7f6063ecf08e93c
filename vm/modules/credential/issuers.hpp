#pragma once

#include <cstdint>
#include <string>

#include "core/address.hpp"
#include "ledger/receipt.hpp"
#include "vm/modules/credential/records.hpp"
#include "vm/state_view.hpp"

/// The credential module's public surface for changing issuers: governance (module 6) calls
/// it when a council proposal executes, genesis when it writes the initial issuers. Each
/// change returns the event the caller's action emits.
namespace azora::vm::credential {

/// Field rules of an issuer: name 1..kIssuerNameMax bytes, url 0..kIssuerUrlMax bytes.
/// Fails "bad_field" naming `name` or `url`.
Result<void> check_issuer_fields(const std::string& name, const std::string& url);

/// Whether each change is possible now: "issuer_exists" (admit), "issuer_not_found",
/// "issuer_not_active" (suspend), "issuer_not_suspended" (reinstate), "issuer_history_full".
Result<void> can_admit(const StateReader& state, const Address& issuer);
Result<void> can_suspend(const StateReader& state, const Address& issuer);
Result<void> can_reinstate(const StateReader& state, const Address& issuer);

/// Performs the change at block `height` after the same checks (1 write each). Events:
/// "issuer_admitted" {issuer, name, url}, "issuer_suspended" {issuer},
/// "issuer_reinstated" {issuer}, module 2.
Result<ledger::Event> admit_issuer(StateView& state,
                                   const Address& issuer,
                                   const std::string& name,
                                   const std::string& url,
                                   uint64_t height);
Result<ledger::Event> suspend_issuer(StateView& state, const Address& issuer, uint64_t height);
Result<ledger::Event> reinstate_issuer(StateView& state, const Address& issuer, uint64_t height);

}  // namespace azora::vm::credential
