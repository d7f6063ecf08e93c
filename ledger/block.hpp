#pragma once

#include <vector>

#include "ledger/evidence.hpp"
#include "ledger/header.hpp"
#include "ledger/tx.hpp"

namespace azora::ledger {

/// A header, its ordered transactions and the evidence of misbehaviour it records.
struct Block {
    Header header;
    std::vector<Tx> txs;
    std::vector<Evidence> evidence;

    /// Header, then a varint count and each tx length-prefixed, then a varint count and each
    /// evidence length-prefixed.
    Bytes encode() const;
    static Result<Block> decode(ByteView in);
    Hash32 hash() const { return header.hash(); }

    bool operator==(const Block&) const = default;
};

/// list_root("azora/txroot", tx hashes).
Hash32 compute_tx_root(const std::vector<Hash32>& tx_hashes);

}  // namespace azora::ledger
