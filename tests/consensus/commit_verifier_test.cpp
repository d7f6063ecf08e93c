#include "consensus/commit_verifier.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/hash.hpp"

namespace azora::consensus {
namespace {

const std::string kChain = "azora-test-1";
constexpr uint64_t kHeight = 9;
constexpr uint32_t kRound = 2;

PrivateKey key(int i) {
    auto k = PrivateKey::from_bytes(sha256(as_bytes("commit-test/" + std::to_string(i))));
    EXPECT_TRUE(k.ok());
    return std::move(k).value();
}

class CommitVerifierTest : public ::testing::Test {
protected:
    void SetUp() override { use_powers({1, 1, 1, 1}); }

    void use_powers(const std::vector<uint64_t>& powers) {
        m_keys.clear();
        std::vector<std::pair<PubKey, uint64_t>> members;
        for (size_t i = 0; i < powers.size(); ++i) {
            m_keys.push_back(key(static_cast<int>(i)));
            members.emplace_back(m_keys.back().public_key(), powers[i]);
        }
        auto set = ValidatorSet::create(std::move(members));
        ASSERT_TRUE(set.ok());
        m_set = std::make_unique<ValidatorSet>(std::move(set).value());
    }

    // A precommit by validator `index` (signed with `signer`, by default its own key).
    Vote precommit(uint32_t index,
                   const PrivateKey* signer = nullptr,
                   uint64_t height = kHeight,
                   uint32_t round = kRound,
                   VoteType type = VoteType::precommit,
                   const std::string& chain = kChain) const {
        VoteData d{type, chain, height, round, m_block};
        const PrivateKey& k = signer != nullptr ? *signer : m_keys[index];
        return {d, index, sign_vote(k, d)};
    }

    ledger::Commit commit_of(const std::vector<uint32_t>& indexes) const {
        std::vector<Vote> votes;
        for (uint32_t i : indexes) {
            votes.push_back(precommit(i));
        }
        return make_commit(kHeight, kRound, m_block, std::move(votes));
    }

    Result<void> verify(const ledger::Commit& c) const {
        return verify_commit(*m_set, kChain, kHeight, m_block, c);
    }

    void expect_reason(const ledger::Commit& c, const std::string& reason) const {
        auto r = verify(c);
        ASSERT_FALSE(r.ok()) << "expected " << reason;
        EXPECT_EQ(r.error().reason, reason) << r.error().message;
        EXPECT_EQ(r.error().kind, ErrorKind::malformed);
    }

    std::vector<PrivateKey> m_keys;
    std::unique_ptr<ValidatorSet> m_set;
    Hash32 m_block = sha256(as_bytes("the block"));
};

TEST_F(CommitVerifierTest, AllFourPass) {
    EXPECT_TRUE(verify(commit_of({0, 1, 2, 3})).ok());
}

TEST_F(CommitVerifierTest, ThreeOfFourPass) {
    EXPECT_TRUE(verify(commit_of({0, 1, 2})).ok());
    EXPECT_TRUE(verify(commit_of({1, 2, 3})).ok());
    EXPECT_TRUE(verify(commit_of({0, 2, 3})).ok());
}

TEST_F(CommitVerifierTest, TwoOfFourIsInsufficient) {
    expect_reason(commit_of({0, 1}), "commit_insufficient_power");
    expect_reason(commit_of({2, 3}), "commit_insufficient_power");
    expect_reason(commit_of({3}), "commit_insufficient_power");
}

TEST_F(CommitVerifierTest, EmptyCommitIsInsufficient) {
    expect_reason(commit_of({}), "commit_insufficient_power");
}

TEST_F(CommitVerifierTest, SignatureByKeyOutsideTheSetIsBad) {
    const PrivateKey outsider = key(100);
    auto c = make_commit(kHeight, kRound, m_block,
                         {precommit(0), precommit(1), precommit(2, &outsider)});
    expect_reason(c, "commit_bad_signature");
    // Even if the others would be enough on their own.
    c = make_commit(kHeight, kRound, m_block,
                    {precommit(0), precommit(1), precommit(2), precommit(3, &outsider)});
    expect_reason(c, "commit_bad_signature");
}

TEST_F(CommitVerifierTest, SignatureByAnotherMemberUnderWrongIndexIsBad) {
    auto c = make_commit(kHeight, kRound, m_block,
                         {precommit(0), precommit(1), precommit(2, &m_keys[3])});
    expect_reason(c, "commit_bad_signature");
}

TEST_F(CommitVerifierTest, WrongHeightSignatureIsBad) {
    auto c = make_commit(kHeight, kRound, m_block,
                         {precommit(0), precommit(1), precommit(2, nullptr, kHeight + 1)});
    expect_reason(c, "commit_bad_signature");
}

TEST_F(CommitVerifierTest, WrongRoundSignatureIsBad) {
    auto c = make_commit(kHeight, kRound, m_block,
                         {precommit(0), precommit(1), precommit(2, nullptr, kHeight, kRound + 1)});
    expect_reason(c, "commit_bad_signature");
    // The commit's round is what the signatures are checked against.
    auto all_other_round = make_commit(
        kHeight, kRound + 1, m_block,
        {precommit(0, nullptr, kHeight, kRound + 1), precommit(1, nullptr, kHeight, kRound + 1),
         precommit(2, nullptr, kHeight, kRound + 1)});
    EXPECT_TRUE(verify(all_other_round).ok());
}

TEST_F(CommitVerifierTest, PrevoteSignatureIsBad) {
    auto c = make_commit(
        kHeight, kRound, m_block,
        {precommit(0), precommit(1), precommit(2, nullptr, kHeight, kRound, VoteType::prevote)});
    expect_reason(c, "commit_bad_signature");
}

TEST_F(CommitVerifierTest, OtherChainSignatureIsBad) {
    auto c = make_commit(kHeight, kRound, m_block,
                         {precommit(0), precommit(1),
                          precommit(2, nullptr, kHeight, kRound, VoteType::precommit, "other")});
    expect_reason(c, "commit_bad_signature");
    // And the whole commit fails when checked for another chain.
    auto good = commit_of({0, 1, 2});
    auto r = verify_commit(*m_set, "other", kHeight, m_block, good);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "commit_bad_signature");
}

TEST_F(CommitVerifierTest, IndexOutOfRangeIsBadIndex) {
    auto c = commit_of({0, 1, 2});
    c.signatures.push_back({4, c.signatures[0].signature});
    expect_reason(c, "commit_bad_index");
    c.signatures.back().validator_index = UINT32_MAX;
    expect_reason(c, "commit_bad_index");
}

TEST_F(CommitVerifierTest, RepeatedIndexIsBadIndex) {
    // Two copies of one valid signature must not count twice: 0, 1, 1 would otherwise reach 3.
    auto c = commit_of({0, 1});
    c.signatures.push_back(c.signatures[1]);
    expect_reason(c, "commit_bad_index");
}

TEST_F(CommitVerifierTest, UnsortedIndexesAreBadIndex) {
    auto c = commit_of({0, 1, 2});
    std::swap(c.signatures[0], c.signatures[2]);
    expect_reason(c, "commit_bad_index");
}

TEST_F(CommitVerifierTest, MismatchedBlockHashOrHeight) {
    auto c = commit_of({0, 1, 2, 3});
    auto r = verify_commit(*m_set, kChain, kHeight, sha256(as_bytes("another block")), c);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "commit_mismatch");
    r = verify_commit(*m_set, kChain, kHeight + 1, m_block, c);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "commit_mismatch");

    auto wrong_height = c;
    wrong_height.height = kHeight - 1;
    expect_reason(wrong_height, "commit_mismatch");
    auto wrong_hash = c;
    wrong_hash.block_hash[0] ^= 1;
    expect_reason(wrong_hash, "commit_mismatch");
}

TEST_F(CommitVerifierTest, WeightedPowers) {
    // Total 10, quorum 7.
    use_powers({5, 2, 2, 1});
    ASSERT_EQ(m_set->quorum_power(), 7u);
    EXPECT_TRUE(verify(commit_of({0, 1})).ok());                       // 7
    EXPECT_TRUE(verify(commit_of({0, 2})).ok());                       // 7
    EXPECT_TRUE(verify(commit_of({0, 1, 3})).ok());                    // 8
    expect_reason(commit_of({0, 3}), "commit_insufficient_power");     // 6
    expect_reason(commit_of({1, 2, 3}), "commit_insufficient_power");  // 5
    expect_reason(commit_of({0}), "commit_insufficient_power");        // 5
}

TEST_F(CommitVerifierTest, WeightedExactlyTwoThirdsIsNotEnough) {
    // Total 3: 2 is exactly 2/3 and does not finalize.
    use_powers({2, 1});
    expect_reason(commit_of({0}), "commit_insufficient_power");
    EXPECT_TRUE(verify(commit_of({0, 1})).ok());
    // One heavy validator alone.
    use_powers({7, 1, 1, 1});
    EXPECT_TRUE(verify(commit_of({0})).ok());
    expect_reason(commit_of({1, 2, 3}), "commit_insufficient_power");
}

TEST_F(CommitVerifierTest, MakeCommitSortsAndDedups) {
    auto c = make_commit(kHeight, kRound, m_block,
                         {precommit(3), precommit(1), precommit(3), precommit(0), precommit(1)});
    EXPECT_EQ(c.height, kHeight);
    EXPECT_EQ(c.round, kRound);
    EXPECT_EQ(c.block_hash, m_block);
    ASSERT_EQ(c.signatures.size(), 3u);
    EXPECT_EQ(c.signatures[0].validator_index, 0u);
    EXPECT_EQ(c.signatures[1].validator_index, 1u);
    EXPECT_EQ(c.signatures[2].validator_index, 3u);
    EXPECT_EQ(c.signatures[0].signature, precommit(0).signature);
    EXPECT_EQ(c.signatures[2].signature, precommit(3).signature);
    EXPECT_TRUE(verify(c).ok());
    // The result is canonical: it survives the strict decoder.
    auto decoded = ledger::Commit::decode(c.encode());
    ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
    EXPECT_EQ(*decoded, c);
}

TEST_F(CommitVerifierTest, MakeCommitOfNothingIsEmpty) {
    auto c = make_commit(kHeight, kRound, m_block, {});
    EXPECT_TRUE(c.signatures.empty());
}

}  // namespace
}  // namespace azora::consensus
