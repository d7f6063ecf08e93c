#include "vm/modules/governance/records.hpp"

#include <algorithm>

#include "core/encoding.hpp"
#include "core/reasons.hpp"
#include "vm/modules/credential/records.hpp"

namespace azora::vm::governance {
namespace {

Error bad_record(const std::string& what) {
    return Error::from(reasons::kDecodeError, what);
}

Result<std::vector<Address>> read_addresses(Reader& r, size_t max) {
    AZORA_ASSIGN(size_t n, r.count(max, 20));
    std::vector<Address> out(n);
    for (auto& a : out) {
        AZORA_ASSIGN(a.bytes, r.fixed_bytes<20>());
    }
    return out;
}

void write_addresses(Writer& w, const std::vector<Address>& list) {
    w.varint(list.size());
    for (const auto& a : list) {
        w.fixed_bytes(a.bytes);
    }
}

}  // namespace

bool Council::is_member(const Address& a) const {
    return std::find(members.begin(), members.end(), a) != members.end();
}

Bytes Council::encode() const {
    Writer w;
    write_addresses(w, members);
    w.u64(threshold);
    w.u64(proposal_ttl_blocks);
    return w.take();
}

Result<Council> Council::decode(ByteView in) {
    return decode_all<Council>(in, [](Reader& r) -> Result<Council> {
        Council c;
        AZORA_ASSIGN(c.members, read_addresses(r, kCouncilMax));
        AZORA_ASSIGN(c.threshold, r.u64());
        AZORA_ASSIGN(c.proposal_ttl_blocks, r.u64());
        std::vector<Address> sorted = c.members;
        std::sort(sorted.begin(), sorted.end());
        if (c.members.empty() || std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
            return bad_record("council members must be non-empty and distinct");
        }
        if (c.threshold == 0 || c.threshold > c.members.size() || c.proposal_ttl_blocks == 0) {
            return bad_record("council threshold or ttl out of range");
        }
        return c;
    });
}

std::string_view to_string(ProposalKind k) {
    switch (k) {
        case ProposalKind::admit_issuer:
            return "admit_issuer";
        case ProposalKind::suspend_issuer:
            return "suspend_issuer";
        case ProposalKind::reinstate_issuer:
            return "reinstate_issuer";
    }
    return "unknown";
}

std::string_view to_string(ProposalStatus s) {
    switch (s) {
        case ProposalStatus::open:
            return "open";
        case ProposalStatus::executed:
            return "executed";
        case ProposalStatus::expired:
            return "expired";
    }
    return "unknown";
}

Bytes Proposal::encode() const {
    Writer w;
    w.u64(id);
    w.u8(static_cast<uint8_t>(kind));
    w.fixed_bytes(target.bytes);
    w.string(name);
    w.string(url);
    w.fixed_bytes(proposer.bytes);
    write_addresses(w, approvals);
    w.u64(created_height);
    w.u64(expires_height);
    w.u8(static_cast<uint8_t>(status));
    return w.take();
}

Result<Proposal> Proposal::decode(ByteView in) {
    return decode_all<Proposal>(in, [](Reader& r) -> Result<Proposal> {
        Proposal p;
        AZORA_ASSIGN(p.id, r.u64());
        AZORA_ASSIGN(uint8_t kind, r.u8());
        if (kind > static_cast<uint8_t>(ProposalKind::reinstate_issuer)) {
            return bad_record("unknown proposal kind " + std::to_string(kind));
        }
        p.kind = static_cast<ProposalKind>(kind);
        AZORA_ASSIGN(p.target.bytes, r.fixed_bytes<20>());
        AZORA_ASSIGN(p.name, r.string(credential::kIssuerNameMax));
        AZORA_ASSIGN(p.url, r.string(credential::kIssuerUrlMax));
        AZORA_ASSIGN(p.proposer.bytes, r.fixed_bytes<20>());
        AZORA_ASSIGN(p.approvals, read_addresses(r, kCouncilMax));
        if (std::adjacent_find(p.approvals.begin(), p.approvals.end(),
                               [](const Address& a, const Address& b) { return !(a < b); }) !=
            p.approvals.end()) {
            return bad_record("approvals must be sorted and distinct");
        }
        AZORA_ASSIGN(p.created_height, r.u64());
        AZORA_ASSIGN(p.expires_height, r.u64());
        AZORA_ASSIGN(uint8_t status, r.u8());
        if (status > static_cast<uint8_t>(ProposalStatus::executed)) {
            return bad_record("stored proposal status must be open or executed");
        }
        p.status = static_cast<ProposalStatus>(status);
        return p;
    });
}

ProposalStatus effective_status(const Proposal& p, uint64_t height) {
    if (p.status == ProposalStatus::open && height > p.expires_height) {
        return ProposalStatus::expired;
    }
    return p.status;
}

}  // namespace azora::vm::governance
