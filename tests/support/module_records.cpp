#include "tests/support/module_records.hpp"

#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "vm/modules/credential/state.hpp"
#include "vm/modules/governance/state.hpp"

namespace azora::test {

vm::credential::Issuer make_issuer(const Address& address,
                                   vm::credential::IssuerStatus status,
                                   uint64_t height,
                                   uint64_t changed_at) {
    using vm::credential::IssuerStatus;
    vm::credential::Issuer i{address,
                             "School " + to_hex(address.bytes).substr(0, 6),
                             "https://school.example",
                             IssuerStatus::active,
                             {{IssuerStatus::active, height}}};
    if (status == IssuerStatus::suspended) {
        i.status = status;
        i.history.push_back({status, changed_at});
    }
    return i;
}

Entries issuer_entries(const vm::credential::Issuer& issuer) {
    return {{vm::credential::issuer_key(issuer.address), issuer.encode()}};
}

Entries credential_entries(const vm::credential::Credential& c) {
    return {{vm::credential::credential_key(c.id), c.encode()},
            {vm::credential::holder_index_key(c.holder, c.id), {}},
            {vm::credential::issuer_index_key(c.issuer, c.id), {}}};
}

Entries council_entries(const vm::governance::Council& council) {
    return {{vm::governance::council_key(), council.encode()}};
}

Entries proposal_entries(const vm::governance::Proposal& p) {
    return {{vm::governance::proposal_key(p.id), p.encode()}};
}

Entries next_proposal_id_entries(uint64_t next) {
    Writer w;
    w.u64(next);
    return {{vm::governance::next_proposal_id_key(), w.take()}};
}

Entries operator+(Entries a, const Entries& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

vm::credential::Credential sample_credential(const Address& issuer,
                                             const Address& holder,
                                             std::string_view seed,
                                             bool transferable) {
    return {sha256(as_bytes(seed)),
            issuer,
            holder,
            std::string(vm::credential::classes::kBadge),
            "Badge " + std::string(seed),
            sha256(as_bytes("document " + std::string(seed))),
            "https://school.example/" + std::string(seed),
            1000,
            0,
            transferable,
            std::nullopt};
}

uint64_t module_gas(const Bytes& payload, uint64_t writes) {
    return 1000 + 10 * payload.size() + 1000 + 500 * writes;
}

}  // namespace azora::test
