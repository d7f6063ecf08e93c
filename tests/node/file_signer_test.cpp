// FileSigner: what a validator keeps on disk for a restart (signing state, the lock's block
// with its prevotes), and that only votes that verify are offered to be sent again.
#include "node/file_signer.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "node_test_util.hpp"

namespace azora::node {
namespace {

using namespace azora::node::test;

const std::string kChain(genesis::kDevChainId);

ledger::Block sample_block(uint64_t height) {
    ledger::Block b;
    b.header.chain_id = kChain;
    b.header.height = height;
    b.txs.push_back(transfer(dev_key(0), dev_address(1), 5, 0));
    return b;
}

consensus::Vote prevote(const PrivateKey& key, uint32_t index, uint32_t round, const Hash32& h) {
    consensus::VoteData d{consensus::VoteType::prevote, kChain, 7, round, h};
    return {d, index, consensus::sign_vote(key, d)};
}

class FileSignerTest : public ::testing::Test {
protected:
    std::unique_ptr<FileSigner> open() {
        auto signer = FileSigner::open(genesis::dev_validator_key(), m_dir.path() / "signing_state",
                                       m_dir.path() / "locked_block");
        EXPECT_TRUE(signer.ok()) << signer.error().to_string();
        return signer.ok() ? std::move(signer).value() : nullptr;
    }

    TempDir m_dir;
};

TEST_F(FileSignerTest, KeepsTheLockedBlockWithItsPrevotesAcrossARestart) {
    const ledger::Block block = sample_block(7);
    const std::vector<consensus::Vote> pol = {prevote(dev_key(1), 1, 2, block.hash()),
                                              prevote(dev_key(2), 2, 2, block.hash())};
    {
        auto signer = open();
        EXPECT_FALSE(signer->locked_block().has_value());
        ASSERT_TRUE(signer->keep_locked_block(block, 2, pol).ok());
    }
    const auto kept = open()->locked_block();
    ASSERT_TRUE(kept.has_value());
    EXPECT_EQ(kept->block, block);
    ASSERT_EQ(kept->pol.size(), 2u);
    for (size_t i = 0; i < pol.size(); ++i) {
        const consensus::Vote back = kept->pol[i].to_vote(kChain);
        EXPECT_EQ(back.data.encode(), pol[i].data.encode());
        EXPECT_EQ(back.validator_index, pol[i].validator_index);
        EXPECT_EQ(back.signature, pol[i].signature);
    }

    // A later lock replaces it.
    auto signer = open();
    const ledger::Block other = sample_block(8);
    ASSERT_TRUE(signer->keep_locked_block(other, 3, {}).ok());
    EXPECT_EQ(signer->locked_block()->block, other);
    EXPECT_TRUE(signer->locked_block()->pol.empty());
}

TEST_F(FileSignerTest, ADamagedLockedBlockFileIsIgnored) {
    auto signer = open();
    ASSERT_TRUE(signer->keep_locked_block(sample_block(7), 0, {}).ok());
    const auto file = m_dir.path() / "locked_block";
    std::filesystem::resize_file(file, std::filesystem::file_size(file) - 1);
    EXPECT_FALSE(signer->locked_block().has_value());
    std::ofstream(file, std::ios::binary | std::ios::trunc) << "not a block";
    EXPECT_FALSE(signer->locked_block().has_value());
    std::filesystem::remove(file);
    EXPECT_FALSE(signer->locked_block().has_value());
}

TEST_F(FileSignerTest, HeightVotesAreOfferedOnlyIfTheyVerify) {
    auto signer = open();
    consensus::VoteData d{consensus::VoteType::prevote, kChain, 7, 0, Hash32{}};
    d.block_hash[0] = 1;
    ASSERT_TRUE(signer->sign_vote(d).ok());
    ASSERT_TRUE(signer->lock() == std::nullopt);
    d.type = consensus::VoteType::precommit;
    ASSERT_TRUE(signer->sign_vote(d).ok());
    ASSERT_TRUE(signer->lock().has_value());
    EXPECT_EQ(signer->lock()->block_hash, d.block_hash);

    const auto votes = open()->height_votes(kChain, 3);
    ASSERT_EQ(votes.size(), 2u);
    EXPECT_EQ(votes[1].data.encode(), d.encode());
    EXPECT_EQ(votes[1].validator_index, 3u);
    // Rebuilt for another chain id they do not verify, so none is offered.
    EXPECT_TRUE(open()->height_votes("another-chain", 3).empty());
}

}  // namespace
}  // namespace azora::node
