#include "vm/modules/credential/issuers.hpp"

#include "core/reasons.hpp"
#include "vm/module_ids.hpp"
#include "vm/modules/credential/state.hpp"

namespace azora::vm::credential {
namespace {

Result<Issuer> existing(const StateReader& state, const Address& issuer) {
    AZORA_ASSIGN(auto found, load_issuer(state, issuer));
    if (!found) {
        return Error::from(reasons::kIssuerNotFound, "no issuer " + to_hex(issuer.bytes));
    }
    if (found->history.size() >= kIssuerHistoryMax) {
        return Error::from(reasons::kIssuerHistoryFull, "the issuer's status changed too often");
    }
    return std::move(*found);
}

Result<ledger::Event> change_status(
    StateView& state, const Address& issuer, IssuerStatus from, IssuerStatus to, uint64_t height) {
    AZORA_ASSIGN(Issuer i, existing(state, issuer));
    if (i.status != from) {
        return from == IssuerStatus::active
                   ? Error::from(reasons::kIssuerNotActive, "the issuer is suspended")
                   : Error::from(reasons::kIssuerNotSuspended, "the issuer is active");
    }
    i.status = to;
    i.history.push_back({to, height});
    store_issuer(state, i);
    return ledger::Event{kCredentialModule,
                         to == IssuerStatus::suspended ? "issuer_suspended" : "issuer_reinstated",
                         {{"issuer", to_hex(issuer.bytes)}}};
}

}  // namespace

Result<void> check_issuer_fields(const std::string& name, const std::string& url) {
    if (name.empty() || name.size() > kIssuerNameMax) {
        return Error::from(reasons::kBadField, "name: must be 1 to " +
                                                   std::to_string(kIssuerNameMax) + " bytes, got " +
                                                   std::to_string(name.size()));
    }
    if (url.size() > kIssuerUrlMax) {
        return Error::from(reasons::kBadField, "url: at most " + std::to_string(kIssuerUrlMax) +
                                                   " bytes, got " + std::to_string(url.size()));
    }
    return {};
}

Result<void> can_admit(const StateReader& state, const Address& issuer) {
    AZORA_ASSIGN(auto found, load_issuer(state, issuer));
    if (found) {
        return Error::from(reasons::kIssuerExists, "already an issuer: " + to_hex(issuer.bytes));
    }
    return {};
}

Result<void> can_suspend(const StateReader& state, const Address& issuer) {
    AZORA_ASSIGN(Issuer i, existing(state, issuer));
    if (i.status != IssuerStatus::active) {
        return Error::from(reasons::kIssuerNotActive, "the issuer is already suspended");
    }
    return {};
}

Result<void> can_reinstate(const StateReader& state, const Address& issuer) {
    AZORA_ASSIGN(Issuer i, existing(state, issuer));
    if (i.status != IssuerStatus::suspended) {
        return Error::from(reasons::kIssuerNotSuspended, "the issuer is active");
    }
    return {};
}

Result<ledger::Event> admit_issuer(StateView& state,
                                   const Address& issuer,
                                   const std::string& name,
                                   const std::string& url,
                                   uint64_t height) {
    AZORA_TRY(check_issuer_fields(name, url));
    AZORA_TRY(can_admit(state, issuer));
    Issuer i{issuer, name, url, IssuerStatus::active, {{IssuerStatus::active, height}}};
    store_issuer(state, i);
    return ledger::Event{kCredentialModule,
                         "issuer_admitted",
                         {{"issuer", to_hex(issuer.bytes)}, {"name", name}, {"url", url}}};
}

Result<ledger::Event> suspend_issuer(StateView& state, const Address& issuer, uint64_t height) {
    return change_status(state, issuer, IssuerStatus::active, IssuerStatus::suspended, height);
}

Result<ledger::Event> reinstate_issuer(StateView& state, const Address& issuer, uint64_t height) {
    return change_status(state, issuer, IssuerStatus::suspended, IssuerStatus::active, height);
}

}  // namespace azora::vm::credential
