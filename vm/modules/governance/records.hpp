#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"

/// Governance module (6) records: the council and its proposals, with their canonical
/// encodings (docs/protocol.md section 19). Depends on core only.
namespace azora::vm::governance {

/// Council members at most (genesis refuses more).
inline constexpr size_t kCouncilMax = 64;

/// k of n addresses that admit, suspend and reinstate issuers. Set in genesis.
struct Council {
    std::vector<Address> members;      ///< 1..kCouncilMax distinct addresses, in genesis order
    uint64_t threshold = 1;            ///< approvals that execute a proposal, 1..members.size()
    uint64_t proposal_ttl_blocks = 1;  ///< a proposal can be approved up to created + ttl

    bool is_member(const Address& a) const;
    Bytes encode() const;
    /// Strict; also decode_error unless the record satisfies the rules above.
    static Result<Council> decode(ByteView in);
    bool operator==(const Council&) const = default;
};

enum class ProposalKind : uint8_t { admit_issuer = 0, suspend_issuer = 1, reinstate_issuer = 2 };
/// "admit_issuer", "suspend_issuer", "reinstate_issuer".
std::string_view to_string(ProposalKind k);

/// Stored status is open or executed; expired is derived (effective_status) from the height,
/// since nothing is written when a proposal runs out of time.
enum class ProposalStatus : uint8_t { open = 0, executed = 1, expired = 2 };
/// "open", "executed", "expired".
std::string_view to_string(ProposalStatus s);

/// A council proposal to change an issuer.
struct Proposal {
    uint64_t id = 0;  ///< sequential from 1
    ProposalKind kind = ProposalKind::admit_issuer;
    Address target{};  ///< the issuer concerned
    std::string name;  ///< admit only: the issuer's name (else empty)
    std::string url;   ///< admit only: the issuer's url (else empty)
    Address proposer{};
    std::vector<Address> approvals;  ///< members who approved, proposer included; sorted, distinct
    uint64_t created_height = 0;
    uint64_t expires_height = 0;                   ///< last height at which an approval is accepted
    ProposalStatus status = ProposalStatus::open;  ///< as stored: open or executed

    Bytes encode() const;
    /// Strict; decode_error also for a stored status of expired and unsorted or repeated
    /// approvals.
    static Result<Proposal> decode(ByteView in);
    bool operator==(const Proposal&) const = default;
};

/// The status at `height`: expired when still open and `height` > expires_height.
ProposalStatus effective_status(const Proposal& p, uint64_t height);

}  // namespace azora::vm::governance
