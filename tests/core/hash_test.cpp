#include "core/hash.hpp"

#include <gtest/gtest.h>

namespace azora {
namespace {

TEST(Hash, Sha256KnownAnswers) {
    EXPECT_EQ(to_hex(sha256(as_bytes(""))),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(to_hex(sha256(as_bytes("abc"))),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Hash, IncrementalMatchesOneShot) {
    Sha256 h;
    h.update(as_bytes("a")).update(as_bytes("bc"));
    EXPECT_EQ(h.finish(), sha256(as_bytes("abc")));
}

TEST(Hash, TaggedHashMatchesDefinition) {
    auto tag = sha256(as_bytes("azora/tx"));
    Bytes pre(tag.begin(), tag.end());
    pre.insert(pre.end(), tag.begin(), tag.end());
    pre.push_back('x');
    EXPECT_EQ(tagged_hash(tags::kTx, as_bytes("x")), sha256(pre));
    // A second call uses the cached midstate and must agree.
    EXPECT_EQ(tagged_hash(tags::kTx, as_bytes("x")), sha256(pre));
    EXPECT_NE(tagged_hash(tags::kBlock, as_bytes("x")), sha256(pre));
}

TEST(Hash, TwoHashFormEqualsConcatenation) {
    Hash32 a{}, b{};
    a[0] = 1;
    b[31] = 2;
    Bytes cat(a.begin(), a.end());
    cat.insert(cat.end(), b.begin(), b.end());
    EXPECT_EQ(tagged_hash(tags::kNode, a, b), tagged_hash(tags::kNode, cat));
}

}  // namespace
}  // namespace azora
