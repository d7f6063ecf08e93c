#pragma once

#include <cstdint>
#include <vector>

#include "core/bytes.hpp"
#include "core/keys.hpp"
#include "core/result.hpp"

namespace azora::ledger {

/// One validator's precommit signature inside a Commit.
struct CommitSignature {
    uint32_t validator_index = 0;  ///< index into the block's validator set
    Signature signature{};
    bool operator==(const CommitSignature&) const = default;
};

/// Proof of finality: precommits for `block_hash` at (height, round) from more than 2/3 of the
/// voting power. Signatures are sorted by validator_index, each index at most once.
struct Commit {
    uint64_t height = 0;
    uint32_t round = 0;
    Hash32 block_hash{};
    std::vector<CommitSignature> signatures;

    Bytes encode() const;
    /// Also rejects unsorted or repeated validator indexes.
    static Result<Commit> decode(ByteView in);

    bool operator==(const Commit&) const = default;
};

}  // namespace azora::ledger
