#include "core/smt.hpp"

#include <cassert>
#include <string>

#include "core/encoding.hpp"
#include "core/hash.hpp"

namespace azora::smt {

namespace {

Error bad_proof(std::string message) {
    return Error::malformed("bad_proof", std::move(message));
}

}  // namespace

Hash32 leaf_hash(const Hash32& key_hash, const Hash32& value_hash) {
    return tagged_hash(tags::kLeaf, key_hash, value_hash);
}

Hash32 node_hash(const Hash32& left, const Hash32& right) {
    return tagged_hash(tags::kNode, left, right);
}

bool same_prefix(const Hash32& a, const Hash32& b, unsigned bits) {
    assert(bits <= kMaxDepth);
    unsigned whole = bits / 8;
    for (unsigned i = 0; i < whole; ++i) {
        if (a[i] != b[i]) {
            return false;
        }
    }
    unsigned rest = bits % 8;
    if (rest == 0) {
        return true;
    }
    auto mask = static_cast<uint8_t>(0xff << (8 - rest));
    return (a[whole] & mask) == (b[whole] & mask);
}

Hash32 key_path(ByteView key) {
    return sha256(key);
}

bool path_bit(const Hash32& path, unsigned depth) {
    assert(depth < kMaxDepth);
    return ((path[depth / 8] >> (7 - depth % 8)) & 1) != 0;
}

Bytes Proof::encode() const {
    assert(siblings.size() <= kMaxDepth);
    Writer w;
    w.reserve(1 + 2 + siblings.size() * 32 + 1 + 64);
    w.varint(siblings.size());
    for (const auto& s : siblings) {
        w.fixed_bytes(s);
    }
    w.boolean(leaf.has_value());
    if (leaf) {
        w.fixed_bytes(leaf->key_hash);
        w.fixed_bytes(leaf->value_hash);
    }
    return w.take();
}

Result<Proof> Proof::decode(ByteView in) {
    return decode_all<Proof>(in, [](Reader& r) -> Result<Proof> {
        Proof p;
        AZORA_ASSIGN(size_t n, r.count(kMaxDepth));
        p.siblings.reserve(n);
        for (size_t i = 0; i < n; ++i) {
            AZORA_ASSIGN(Hash32 s, r.fixed_bytes<32>());
            p.siblings.push_back(s);
        }
        AZORA_ASSIGN(bool has_leaf, r.boolean());
        if (has_leaf) {
            AZORA_ASSIGN(Hash32 key_hash, r.fixed_bytes<32>());
            AZORA_ASSIGN(Hash32 value_hash, r.fixed_bytes<32>());
            p.leaf = ProofLeaf{key_hash, value_hash};
        }
        return p;
    });
}

Result<std::optional<Hash32>> verify_proof(const Hash32& root,
                                           const Hash32& key_hash,
                                           const Proof& proof) {
    const size_t n = proof.siblings.size();
    if (n > kMaxDepth) {
        return bad_proof("more than 256 siblings");
    }
    if (proof.leaf && !same_prefix(proof.leaf->key_hash, key_hash, static_cast<unsigned>(n))) {
        return bad_proof("leaf is not on the key's path");
    }
    // The bottom is a leaf or an empty subtree; beside an empty sibling either one would have
    // to sit one level higher, so such a proof is not of a path-compressed tree.
    if (n > 0 && proof.siblings.back() == kEmptyHash) {
        return bad_proof("non-canonical: empty sibling at the bottom");
    }
    Hash32 h = proof.leaf ? leaf_hash(proof.leaf->key_hash, proof.leaf->value_hash) : kEmptyHash;
    for (size_t i = n; i-- > 0;) {
        h = path_bit(key_hash, static_cast<unsigned>(i)) ? node_hash(proof.siblings[i], h)
                                                         : node_hash(h, proof.siblings[i]);
    }
    if (h != root) {
        return bad_proof("computed root does not match");
    }
    if (proof.leaf && proof.leaf->key_hash == key_hash) {
        return std::optional<Hash32>{proof.leaf->value_hash};
    }
    return std::optional<Hash32>{};
}

}  // namespace azora::smt
