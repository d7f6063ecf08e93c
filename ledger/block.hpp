#pragma once

#include <vector>

#include "ledger/header.hpp"
#include "ledger/tx.hpp"

namespace azora::ledger {

/// A header and its ordered transactions.
struct Block {
    Header header;
    std::vector<Tx> txs;

    /// Header, then a varint count, then each tx as a length-prefixed encoding.
    Bytes encode() const;
    static Result<Block> decode(ByteView in);
    Hash32 hash() const { return header.hash(); }

    bool operator==(const Block&) const = default;
};

/// list_root("azora/txroot", tx hashes).
Hash32 compute_tx_root(const std::vector<Hash32>& tx_hashes);

}  // namespace azora::ledger
