#pragma once

#include <cstdint>
#include <vector>

#include "core/bytes.hpp"
#include "core/keys.hpp"
#include "core/result.hpp"

namespace azora {
class Writer;
class Reader;
}  // namespace azora

namespace azora::ledger {

/// Size of an encoded DuplicateVoteEvidence (all fields are fixed width).
inline constexpr size_t kDuplicateVoteEvidenceSize = 1 + 8 + 4 + 4 + 32 + 32 + 64 + 32 + 64;

/// Proof that one validator signed two different votes for the same (height, round, type)
/// (docs/protocol.md 16.5). The chain id is not carried: a verifier supplies its own.
/// Canonical form: block_hash_a < block_hash_b (bytewise), so one equivocation has exactly one
/// encoding and hash whichever vote was seen first. The data types only check the shape;
/// consensus::verify_evidence checks the validator and the signatures.
struct DuplicateVoteEvidence {
    uint8_t vote_type = 0;  ///< 1 prevote, 2 precommit (consensus::VoteType)
    uint64_t height = 0;
    uint32_t round = 0;
    uint32_t validator_index = 0;
    PubKey validator{};
    Hash32 block_hash_a{};
    Signature sig_a{};
    Hash32 block_hash_b{};
    Signature sig_b{};

    /// u8 vote_type, u64 height, u32 round, u32 validator_index, pubkey validator,
    /// hash block_hash_a, sig sig_a, hash block_hash_b, sig sig_b (241 bytes).
    Bytes encode() const;
    void encode_to(Writer& w) const;
    /// Strict: besides decode_error, a vote type other than 1 or 2 is "evidence_bad_type",
    /// equal block hashes "evidence_same_vote" and a non-canonical order "evidence_bad_order".
    static Result<DuplicateVoteEvidence> decode(ByteView in);
    static Result<DuplicateVoteEvidence> decode_from(Reader& r);
    /// H_azora/evidence(encode()).
    Hash32 hash() const;
    /// The shape checks decode() makes, for values built in memory.
    Result<void> check_form() const;

    bool operator==(const DuplicateVoteEvidence&) const = default;
};

/// The kind of evidence a block carries (only duplicate votes so far).
using Evidence = DuplicateVoteEvidence;

/// list_root("azora/evidenceroot", evidence hashes in block order); 32 zero bytes when empty.
Hash32 compute_evidence_root(const std::vector<Evidence>& evidence);

}  // namespace azora::ledger
