// open_chain_db: the node's chain over LevelDB in a data dir (the kernel's own tests are in
// tests/chain/, over the memory store).
#include <gtest/gtest.h>

#include "node/chain.hpp"
#include "node_test_util.hpp"

namespace azora::node {
namespace {

using namespace azora::node::test;

class ChainDbTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::make_unique<TempDir>();
        m_chain = open_chain(db_dir());
        ASSERT_NE(m_chain, nullptr);
    }
    void TearDown() override {
        m_chain.reset();
        m_dir.reset();
    }

    std::filesystem::path db_dir() const { return m_dir->path() / "chain"; }

    ledger::Header build_and_commit(uint64_t time_ms) {
        Mempool mempool(MempoolOptions{});
        auto head = produce_dev_block(*m_chain, mempool, time_ms);
        EXPECT_TRUE(head.ok()) << head.error().to_string();
        return **m_chain->store().header(m_chain->head().height);
    }

    uint64_t genesis_time() const { return genesis::dev_genesis().genesis_time_ms; }

    std::unique_ptr<TempDir> m_dir;
    std::unique_ptr<Chain> m_chain;
};

TEST_F(ChainDbTest, FreshDirStartsAtGenesisAndReopensAtTheHead) {
    EXPECT_EQ(m_chain->head().height, 0u);
    EXPECT_EQ(m_chain->head().hash, genesis::dev_genesis().hash());
    const Address recipient = Address::from_pubkey(other_key("recipient").public_key());
    Mempool mempool(MempoolOptions{});
    ASSERT_TRUE(mempool.add(as_pending(transfer(dev_key(0), recipient, 1234, 0))).ok());
    ASSERT_TRUE(produce_dev_block(*m_chain, mempool, genesis_time() + 1000).ok());
    const auto head = m_chain->head();
    m_chain.reset();
    m_chain = open_chain(db_dir());
    ASSERT_NE(m_chain, nullptr);
    EXPECT_EQ(m_chain->head(), head);
    EXPECT_EQ(balance_of(*m_chain, recipient), 1234u);
    EXPECT_FALSE(std::filesystem::exists(m_dir->path() / "chain.init"));
}

TEST_F(ChainDbTest, ZeroKeptVersionsIsRefused) {
    TempDir other;
    auto r = open_chain_db(other.path() / "chain", genesis::dev_genesis(), ChainOptions{0});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "bad_config");
}

TEST_F(ChainDbTest, ReopenWithDifferentGenesisIsGenesisMismatch) {
    build_and_commit(genesis_time() + 1000);
    m_chain.reset();
    genesis::Genesis other = genesis::dev_genesis();
    other.genesis_time_ms += 1;
    auto r = open_chain_db(db_dir(), other, ChainOptions{kKeepVersions});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "genesis_mismatch");
    // Nothing was reset: the right genesis still opens at the same head.
    m_chain = open_chain(db_dir());
    ASSERT_NE(m_chain, nullptr);
    EXPECT_EQ(m_chain->head().height, 1u);
}

TEST_F(ChainDbTest, OpenEmptyExistingDirIsRefused) {
    TempDir other;
    const auto chain_dir = other.path() / "chain";
    std::filesystem::create_directories(chain_dir);
    auto r = open_chain_db(chain_dir, genesis::dev_genesis(), ChainOptions{kKeepVersions});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::internal);
    EXPECT_EQ(r.error().reason, "storage_corrupt");
    // It did not initialise a database there (LevelDB leaves only its LOCK and LOG files).
    EXPECT_FALSE(std::filesystem::exists(chain_dir / "CURRENT"));
    for (const auto& e : std::filesystem::directory_iterator(chain_dir)) {
        const auto name = e.path().filename().string();
        EXPECT_TRUE(name == "LOCK" || name == "LOG") << name;
    }
    // Opening it again still fails: the failed attempt did not make it look initialised.
    EXPECT_FALSE(
        open_chain_db(chain_dir, genesis::dev_genesis(), ChainOptions{kKeepVersions}).ok());
}

TEST_F(ChainDbTest, OpenExistingDatabaseWithoutChainIsRefused) {
    TempDir other;
    const auto chain_dir = other.path() / "chain";
    {
        ledger::LevelDbOptions o;
        o.create_if_missing = true;
        auto db = ledger::open_leveldb(chain_dir.string(), o);
        ASSERT_TRUE(db.ok());
    }
    auto r = open_chain_db(chain_dir, genesis::dev_genesis(), ChainOptions{kKeepVersions});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "storage_corrupt");
    EXPECT_EQ(r.error().kind, ErrorKind::internal);
}

TEST_F(ChainDbTest, SecondOpenOfAnOpenDirIsRefused) {
    auto r = open_chain_db(db_dir(), genesis::dev_genesis(), ChainOptions{kKeepVersions});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "storage_open");
}

}  // namespace
}  // namespace azora::node
