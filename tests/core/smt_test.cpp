#include "core/smt.hpp"

#include <gtest/gtest.h>

#include "core/hash.hpp"

namespace azora::smt {
namespace {

Hash32 h32(std::string_view hex) {
    return *fixed_from_hex<32>(hex);
}

// A path whose first byte is `first` and the rest zero.
Hash32 path_with_first_byte(uint8_t first) {
    Hash32 p{};
    p[0] = first;
    return p;
}

Hash32 value(std::string_view s) {
    return sha256(as_bytes(s));
}

const Hash32 kA = path_with_first_byte(0x00);  // 000...
const Hash32 kB = path_with_first_byte(0x20);  // 001...
const Hash32 kC = path_with_first_byte(0x80);  // 1...

void expect_bad_proof(const Result<std::optional<Hash32>>& r) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "bad_proof");
    EXPECT_EQ(r.error().kind, ErrorKind::malformed);
}

TEST(Smt, HashingRules) {
    EXPECT_EQ(kEmptyHash, Hash32{});
    Hash32 k = value("k");
    Hash32 v = value("v");
    Bytes cat(k.begin(), k.end());
    cat.insert(cat.end(), v.begin(), v.end());
    EXPECT_EQ(leaf_hash(k, v), tagged_hash(tags::kLeaf, cat));
    EXPECT_EQ(node_hash(k, v), tagged_hash(tags::kNode, cat));
    EXPECT_NE(leaf_hash(k, v), node_hash(k, v));
    // Known answers from an independent implementation of the tagged hashes.
    EXPECT_EQ(leaf_hash(Hash32{}, Hash32{}),
              h32("a90e7da8f3cb315fb923651f87091e80deb0237c121506fefee88ee8a60a5ae2"));
    EXPECT_EQ(node_hash(Hash32{}, Hash32{}),
              h32("ccc160a878cc5aa73706773cfa7aab99af2a17989b0d124b1c593e13ae1ace6f"));
    EXPECT_EQ(key_path(as_bytes("abc")), sha256(as_bytes("abc")));
}

TEST(Smt, PathBitsAreMostSignificantFirst) {
    Hash32 p{};
    p[0] = 0x80;
    p[1] = 0x01;
    p[31] = 0x01;
    EXPECT_TRUE(path_bit(p, 0));
    for (unsigned i = 1; i < 15; ++i) {
        EXPECT_FALSE(path_bit(p, i)) << i;
    }
    EXPECT_TRUE(path_bit(p, 15));
    EXPECT_TRUE(path_bit(p, 255));
    EXPECT_FALSE(path_bit(p, 254));

    Hash32 q = p;
    q[1] = 0x00;
    EXPECT_TRUE(same_prefix(p, q, 15));
    EXPECT_FALSE(same_prefix(p, q, 16));
    EXPECT_TRUE(same_prefix(p, p, 256));
    EXPECT_TRUE(same_prefix(p, Hash32{}, 0));
}

TEST(Smt, EmptyAndSingleLeafTrees) {
    auto r = verify_proof(kEmptyHash, kA, Proof{});
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->has_value());

    Hash32 root = leaf_hash(kA, value("a"));
    Proof p{{}, ProofLeaf{kA, value("a")}};
    r = verify_proof(root, kA, p);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, value("a"));
    // Any other key is absent: the lone leaf occupies the whole tree.
    r = verify_proof(root, kC, p);
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->has_value());
    expect_bad_proof(verify_proof(kEmptyHash, kA, p));
}

TEST(Smt, TwoLeafTree) {
    // kA and kC differ at bit 0: both leaves sit at depth 1.
    Hash32 la = leaf_hash(kA, value("a"));
    Hash32 lc = leaf_hash(kC, value("c"));
    Hash32 root = node_hash(la, lc);
    EXPECT_EQ(root, h32("8fbd4a794292b70bb6f7171e26f54226754b586249cd5f9404b7435a36d07643"));

    auto r = verify_proof(root, kA, Proof{{lc}, ProofLeaf{kA, value("a")}});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, value("a"));
    r = verify_proof(root, kC, Proof{{la}, ProofLeaf{kC, value("c")}});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, value("c"));
    // kB goes left like kA and finds kA's leaf there.
    r = verify_proof(root, kB, Proof{{lc}, ProofLeaf{kA, value("a")}});
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->has_value());
    // kA's proof offered for kC: the leaf is not on kC's path.
    expect_bad_proof(verify_proof(root, kC, Proof{{lc}, ProofLeaf{kA, value("a")}}));
}

class ThreeLeafTree : public ::testing::Test {
protected:
    // kA = 000.., kB = 001.., kC = 1..: kA and kB split at depth 2, so the inner node at
    // depth 1 has an empty right child.
    Hash32 la = leaf_hash(kA, value("a"));
    Hash32 lb = leaf_hash(kB, value("b"));
    Hash32 lc = leaf_hash(kC, value("c"));
    Hash32 ab = node_hash(la, lb);
    Hash32 root = node_hash(node_hash(ab, kEmptyHash), lc);
    Proof proof_b{{lc, kEmptyHash, la}, ProofLeaf{kB, value("b")}};
};

TEST_F(ThreeLeafTree, RootMatchesIndependentComputation) {
    EXPECT_EQ(root, h32("e44a2b2da2afb122b350718c7666e7a7369333109cfa56c0fbe06d2fdcfbde12"));
}

TEST_F(ThreeLeafTree, Membership) {
    auto r = verify_proof(root, kB, proof_b);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(*r, value("b"));
    r = verify_proof(root, kA, Proof{{lc, kEmptyHash, lb}, ProofLeaf{kA, value("a")}});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, value("a"));
    r = verify_proof(root, kC, Proof{{node_hash(ab, kEmptyHash)}, ProofLeaf{kC, value("c")}});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, value("c"));
}

TEST_F(ThreeLeafTree, AbsenceInEmptySubtreeAndAtOtherLeaf) {
    // 011.. ends in the empty subtree at depth 2.
    Hash32 k011 = path_with_first_byte(0x60);
    auto r = verify_proof(root, k011, Proof{{lc, ab}, std::nullopt});
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_FALSE(r->has_value());
    // 11.. ends at kC's leaf at depth 1.
    Hash32 k11 = path_with_first_byte(0xc0);
    r = verify_proof(root, k11, Proof{{node_hash(ab, kEmptyHash)}, ProofLeaf{kC, value("c")}});
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->has_value());
    // 0001.. ends at kA's leaf at depth 3.
    Hash32 k0001 = path_with_first_byte(0x10);
    r = verify_proof(root, k0001, Proof{{lc, kEmptyHash, lb}, ProofLeaf{kA, value("a")}});
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->has_value());
    // Claiming the empty subtree for a key that is present is caught by the root.
    expect_bad_proof(verify_proof(root, kB, Proof{{lc, kEmptyHash, la}, std::nullopt}));
}

TEST_F(ThreeLeafTree, RejectsTampering) {
    Proof p = proof_b;
    p.leaf->value_hash = value("x");
    expect_bad_proof(verify_proof(root, kB, p));

    p = proof_b;
    p.siblings[0][5] ^= 1;
    expect_bad_proof(verify_proof(root, kB, p));

    Hash32 wrong_root = root;
    wrong_root[0] ^= 1;
    expect_bad_proof(verify_proof(wrong_root, kB, proof_b));
    expect_bad_proof(verify_proof(root, kA, proof_b));
}

TEST_F(ThreeLeafTree, RejectsTruncatedAndExtraSiblings) {
    Proof p = proof_b;
    p.siblings.pop_back();
    expect_bad_proof(verify_proof(root, kB, p));
    p = proof_b;
    p.siblings.erase(p.siblings.begin());
    expect_bad_proof(verify_proof(root, kB, p));
    p = proof_b;
    p.siblings.push_back(la);
    expect_bad_proof(verify_proof(root, kB, p));
    p = proof_b;
    p.siblings.insert(p.siblings.begin(), lc);
    expect_bad_proof(verify_proof(root, kB, p));
}

TEST(Smt, RejectsNonCanonicalProofsEvenWhenTheRootMatches) {
    Hash32 la = leaf_hash(kA, value("a"));
    // A lone leaf pushed one level down beside an empty sibling.
    Hash32 pushed = node_hash(la, kEmptyHash);
    expect_bad_proof(verify_proof(pushed, kA, Proof{{kEmptyHash}, ProofLeaf{kA, value("a")}}));
    // Two empty subtrees under an inner node.
    Hash32 empty_pair = node_hash(kEmptyHash, kEmptyHash);
    expect_bad_proof(verify_proof(empty_pair, kA, Proof{{kEmptyHash}, std::nullopt}));
    // Empty siblings above the bottom are fine (a chain down to where two keys split).
    Hash32 lb = leaf_hash(kB, value("b"));
    Hash32 chain = node_hash(node_hash(node_hash(la, lb), kEmptyHash), kEmptyHash);
    auto r =
        verify_proof(chain, kA, Proof{{kEmptyHash, kEmptyHash, lb}, ProofLeaf{kA, value("a")}});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, value("a"));
}

TEST(Smt, FullDepthProofAndTooManySiblings) {
    // Two keys that differ only in the last bit split at depth 255: 256 siblings.
    Hash32 k0 = value("deep");
    k0[31] &= 0xfe;
    Hash32 k1 = k0;
    k1[31] |= 0x01;
    Proof p;
    p.siblings.assign(kMaxDepth, Hash32{});
    for (unsigned i = 0; i + 1 < kMaxDepth; ++i) {
        p.siblings[i] = value("sibling" + std::to_string(i));
    }
    p.siblings[255] = leaf_hash(k1, value("one"));
    p.leaf = ProofLeaf{k0, value("zero")};
    Hash32 h = leaf_hash(k0, value("zero"));
    for (unsigned i = kMaxDepth; i-- > 0;) {
        h = path_bit(k0, i) ? node_hash(p.siblings[i], h) : node_hash(h, p.siblings[i]);
    }
    auto r = verify_proof(h, k0, p);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(*r, value("zero"));

    auto decoded = Proof::decode(p.encode());
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(*decoded, p);

    p.siblings.insert(p.siblings.begin(), value("extra"));
    expect_bad_proof(verify_proof(h, k0, p));
}

TEST(Smt, EncodingLayout) {
    Hash32 s0 = value("s0");
    Proof p{{s0}, ProofLeaf{kA, value("a")}};
    Bytes enc = p.encode();
    ASSERT_EQ(enc.size(), 1u + 32 + 1 + 64);
    EXPECT_EQ(enc[0], 1);
    EXPECT_TRUE(std::equal(s0.begin(), s0.end(), enc.begin() + 1));
    EXPECT_EQ(enc[33], 1);
    EXPECT_TRUE(std::equal(kA.begin(), kA.end(), enc.begin() + 34));
    Hash32 va = value("a");
    EXPECT_TRUE(std::equal(va.begin(), va.end(), enc.begin() + 66));

    EXPECT_EQ(Proof{}.encode(), (Bytes{0x00, 0x00}));
    Proof many;
    many.siblings.assign(200, s0);
    Bytes enc_many = many.encode();
    EXPECT_EQ(enc_many[0], 0xc8);  // 200 as a two-byte LEB128 varint
    EXPECT_EQ(enc_many[1], 0x01);
    EXPECT_EQ(enc_many.size(), 2u + 200 * 32 + 1);
}

TEST(Smt, EncodeDecodeRoundTrip) {
    for (const Proof& p :
         {Proof{}, Proof{{value("x")}, std::nullopt},
          Proof{{value("x"), kEmptyHash, value("y")}, ProofLeaf{kB, value("b")}}}) {
        auto d = Proof::decode(p.encode());
        ASSERT_TRUE(d.ok()) << d.error().to_string();
        EXPECT_EQ(*d, p);
    }
}

TEST(Smt, StrictDecoding) {
    Proof p{{value("x")}, ProofLeaf{kB, value("b")}};
    Bytes good = p.encode();
    auto expect_decode_error = [](const Bytes& b) {
        auto d = Proof::decode(b);
        ASSERT_FALSE(d.ok());
        EXPECT_EQ(d.error().kind, ErrorKind::malformed);
    };
    Bytes trailing = good;
    trailing.push_back(0);
    expect_decode_error(trailing);
    expect_decode_error(Bytes(good.begin(), good.end() - 1));
    expect_decode_error(Bytes{});
    Bytes bad_presence = Proof{}.encode();
    bad_presence[1] = 2;
    expect_decode_error(bad_presence);
    // No leaf but leaf bytes follow.
    Bytes absent_with_leaf = good;
    absent_with_leaf[33] = 0;
    expect_decode_error(absent_with_leaf);
    // A count of 257 (LEB128 0x81 0x02) exceeds the limit before any sibling is read.
    expect_decode_error(Bytes{0x81, 0x02});
    // Non-minimal count: 1 as 0x81 0x00.
    Bytes non_minimal{0x81, 0x00};
    non_minimal.insert(non_minimal.end(), good.begin() + 1, good.end());
    expect_decode_error(non_minimal);
}

}  // namespace
}  // namespace azora::smt
