#pragma once

#include <optional>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"

/// Hashing rules and the storage-free proof verifier of the authenticated state tree: a binary
/// sparse Merkle tree over SHA-256(key), path-compressed (docs/protocol.md, "State tree").
/// Wallets and verifiers use this without any node storage.
namespace azora::smt {

/// Hash of an empty subtree (32 zero bytes).
inline constexpr Hash32 kEmptyHash{};
/// Path length in bits; a proof has at most this many siblings.
inline constexpr unsigned kMaxDepth = 256;

/// H_azora/leaf(key_hash || value_hash).
Hash32 leaf_hash(const Hash32& key_hash, const Hash32& value_hash);
/// H_azora/node(left || right).
Hash32 node_hash(const Hash32& left, const Hash32& right);
/// The key's path: SHA-256(key); bit i (0 = most significant bit of byte 0) picks the side
/// at depth i, 0 = left.
Hash32 key_path(ByteView key);
/// Bit `depth` of `path` (true = right); requires depth < kMaxDepth.
bool path_bit(const Hash32& path, unsigned depth);
/// True if paths `a` and `b` agree on their first `bits` bits (bits <= kMaxDepth).
bool same_prefix(const Hash32& a, const Hash32& b, unsigned bits);

/// The leaf a proof ends at: its key path and its value hash.
struct ProofLeaf {
    Hash32 key_hash;
    Hash32 value_hash;
    bool operator==(const ProofLeaf&) const = default;
};

/// Membership or absence proof for one key against one root.
struct Proof {
    /// Sibling hashes from the root down: siblings[i] is the sibling at depth i.
    std::vector<Hash32> siblings;
    /// The leaf at the end of the path; nullopt if the path ends in an empty subtree.
    /// For a proof of absence it is the leaf that occupies the key's position, if any.
    std::optional<ProofLeaf> leaf;

    Bytes encode() const;
    static Result<Proof> decode(ByteView in);
    bool operator==(const Proof&) const = default;
};

/// Checks `proof` for the key whose path is `key_hash` against `root`. Returns the proven
/// value hash if the key is present, nullopt if it is proven absent, and an error with reason
/// "bad_proof" if the proof does not lead to `root` or is malformed.
Result<std::optional<Hash32>> verify_proof(const Hash32& root,
                                           const Hash32& key_hash,
                                           const Proof& proof);

}  // namespace azora::smt
