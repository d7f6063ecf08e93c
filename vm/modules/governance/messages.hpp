#pragma once

#include <cstdint>
#include <string>

#include "core/address.hpp"
#include "core/result.hpp"
#include "vm/modules/governance/records.hpp"

/// Governance module actions and their canonical payload codecs (docs/protocol.md section
/// 19). As in the credential module, strings are bounded by the payload size when decoding
/// and their limits are the action's check ("bad_field").
namespace azora::vm::governance {

enum Action : uint16_t {
    kPropose = 1,
    kApprove = 2,
};

/// Opens a proposal; counts as the proposer's approval. `name` and `url` are the new issuer's
/// for admit_issuer and must be empty otherwise.
struct Propose {
    ProposalKind kind = ProposalKind::admit_issuer;
    Address target{};
    std::string name;
    std::string url;

    Bytes encode() const;
    static Result<Propose> decode(ByteView payload);
};

/// Approves an open proposal; the threshold-th approval executes it.
struct Approve {
    uint64_t proposal_id = 0;

    Bytes encode() const;
    static Result<Approve> decode(ByteView payload);
};

}  // namespace azora::vm::governance
