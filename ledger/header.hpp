#pragma once

#include <cstdint>
#include <string>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"

namespace azora {
class Writer;
class Reader;
}  // namespace azora

namespace azora::ledger {

inline constexpr uint32_t kHeaderVersion = 1;

/// A block header (DESIGN.md "Blocks and finality"). Its hash identifies the block.
struct Header {
    uint32_t version = kHeaderVersion;
    std::string chain_id;
    uint64_t height = 0;
    uint64_t time_ms = 0;  ///< proposer's clock, ms since the Unix epoch
    Hash32 parent{};
    Hash32 tx_root{};
    Hash32 evidence_root{};  ///< compute_evidence_root(block.evidence)
    Hash32 receipts_root{};
    Hash32 state_root{};  ///< state tree root after executing this block
    Hash32 validators_hash{};
    Hash32 next_validators_hash{};
    Address proposer{};

    Bytes encode() const;
    static Result<Header> decode(ByteView in);
    void encode_to(Writer& w) const;
    static Result<Header> decode_from(Reader& r);
    /// H_azora/block(encode()).
    Hash32 hash() const;

    bool operator==(const Header&) const = default;
};

}  // namespace azora::ledger
