#include "ledger/chain_store.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "ledger/merkle.hpp"

namespace azora::ledger {
namespace {

std::vector<Hash32> tx_hashes(const Block& b) {
    std::vector<Hash32> out;
    for (const auto& tx : b.txs) {
        out.push_back(tx.hash());
    }
    return out;
}

constexpr std::string_view kChainId = "azora-test-1";

Bytes b(std::string_view s) {
    return Bytes(s.begin(), s.end());
}

// Storage keys from the documented layout (docs/storage.md): heights big-endian.
std::string height_key(char prefix, uint64_t height) {
    std::string k(1, prefix);
    for (int i = 7; i >= 0; --i) {
        k.push_back(static_cast<char>(height >> (8 * i)));
    }
    return k;
}
constexpr std::string_view kHeadKey = "m/head";

PrivateKey key(uint8_t n) {
    Hash32 secret{};
    secret[31] = n;
    return *PrivateKey::from_bytes(secret);
}

Signature sig(uint8_t fill) {
    Signature s;
    s.fill(fill);
    return s;
}

// A memory store that remembers whether each write asked to be synced.
class SyncRecordingStore final : public KvStore {
public:
    Result<std::optional<Bytes>> get(std::string_view key) const override {
        return m_inner->get(key);
    }
    Result<void> write(const KvBatch& batch, bool sync) override {
        synced_writes.push_back(sync);
        return m_inner->write(batch, sync);
    }
    Result<void> scan(
        std::string_view prefix,
        std::string_view start,
        const std::function<bool(std::string_view key, ByteView value)>& visit) const override {
        return m_inner->scan(prefix, start, visit);
    }

    std::vector<bool> synced_writes;

private:
    std::unique_ptr<KvStore> m_inner = make_memory_store();
};

// Builds and commits a genesis and blocks 1..3 on a memory store, remembering what went in.
class ChainStoreTest : public ::testing::Test {
protected:
    ChainStoreTest()
        : m_kv(std::make_unique<SyncRecordingStore>()),
          m_chain(std::make_unique<ChainStore>(*m_kv)),
          m_genesis_hash(sha256(as_bytes("test genesis"))) {}

    void commit_genesis() {
        StateChanges genesis;
        genesis[b("alice")] = b("100");
        genesis[b("bob")] = b("50");
        genesis[b("carol")] = b("7");
        auto prepared = m_chain->prepare_state(0, genesis);
        ASSERT_TRUE(prepared.ok()) << prepared.error().to_string();
        m_roots.push_back(prepared->state_root);
        auto r = m_chain->commit_genesis(m_genesis_hash, std::string(kChainId),
                                         std::move(prepared).value());
        ASSERT_TRUE(r.ok()) << r.error().to_string();
    }

    // Everything commit_block takes for the next block, built but not committed.
    struct NextBlock {
        Block block;
        Commit commit;
        std::vector<Receipt> receipts;
        PreparedState state;
    };

    // The next block (height = committed blocks + 1) with `n_txs` txs and `changes`.
    Result<NextBlock> make_block(size_t n_txs, const StateChanges& changes) {
        const uint64_t height = m_blocks.size() + 1;
        AZORA_ASSIGN(PreparedState prepared, m_chain->prepare_state(height, changes));
        NextBlock next;
        Block& blk = next.block;
        blk.header.chain_id = std::string(kChainId);
        blk.header.height = height;
        blk.header.time_ms = 1'700'000'000'000 + height * 1000;
        blk.header.parent = m_blocks.empty() ? m_genesis_hash : m_blocks.back().hash();
        blk.header.state_root = prepared.state_root;
        blk.header.proposer.bytes.fill(0xee);
        std::vector<Hash32> tx_hashes;
        for (size_t i = 0; i < n_txs; ++i) {
            Tx tx;
            tx.chain_id = std::string(kChainId);
            tx.nonce = m_next_nonce + i;
            tx.gas_limit = 10'000;
            tx.gas_price = 2;
            tx.module = 1;
            tx.action = 1;
            tx.payload = b("tx at height " + std::to_string(height));
            tx.sign(key(1));
            tx_hashes.push_back(tx.hash());
            blk.txs.push_back(tx);
            Receipt rc;
            rc.gas_used = 1000 * height + i;
            if (i % 2 == 1) {
                rc.status = TxStatus::failed;
                rc.error = "insufficient_funds";
            } else {
                rc.events.push_back({1, "transfer", {{"n", std::to_string(i)}}});
            }
            next.receipts.push_back(rc);
        }
        blk.header.tx_root = compute_tx_root(tx_hashes);
        blk.header.receipts_root = compute_receipts_root(next.receipts);
        if (height == 2) {  // one block carries evidence, so storage round-trips it
            Evidence ev;
            ev.vote_type = 1;
            ev.height = 1;
            ev.block_hash_b.fill(0xbb);
            ev.sig_a = sig(3);
            ev.sig_b = sig(4);
            blk.evidence.push_back(ev);
        }
        blk.header.evidence_root = compute_evidence_root(blk.evidence);

        next.commit.height = height;
        next.commit.round = static_cast<uint32_t>(height % 2);
        next.commit.block_hash = blk.hash();
        next.commit.signatures = {{0, sig(1)}, {2, sig(2)}};
        next.state = std::move(prepared);
        return next;
    }

    // Builds and commits the next block, remembering what went in.
    void commit_block(size_t n_txs,
                      const StateChanges& changes,
                      Durability durability = Durability::synced) {
        auto next = make_block(n_txs, changes);
        ASSERT_TRUE(next.ok()) << next.error().to_string();
        m_roots.push_back(next->state.state_root);
        auto r = m_chain->commit_block(next->block, tx_hashes(next->block), next->commit,
                                       next->receipts, std::move(next->state), 0, durability);
        ASSERT_TRUE(r.ok()) << r.error().to_string();
        m_next_nonce += n_txs;
        m_blocks.push_back(next->block);
        m_commits.push_back(next->commit);
        m_receipts.push_back(next->receipts);
    }

    // Genesis {alice 100, bob 50, carol 7}; block 1 {alice 90, dave 10}; block 2 deletes bob,
    // alice 80; block 3 has no txs and sets carol 8.
    void build_chain() {
        ASSERT_NO_FATAL_FAILURE(commit_genesis());
        StateChanges c1;
        c1[b("alice")] = b("90");
        c1[b("dave")] = b("10");
        ASSERT_NO_FATAL_FAILURE(commit_block(2, c1));
        StateChanges c2;
        c2[b("bob")] = std::nullopt;
        c2[b("alice")] = b("80");
        ASSERT_NO_FATAL_FAILURE(commit_block(3, c2));
        StateChanges c3;
        c3[b("carol")] = b("8");
        ASSERT_NO_FATAL_FAILURE(commit_block(0, c3));
    }

    std::string state(std::string_view k) const {
        auto v = m_chain->state_get(b(k));
        EXPECT_TRUE(v.ok());
        return v.ok() && v->has_value() ? std::string(as_string_view(**v)) : "<absent>";
    }

    void overwrite(std::string_view k, Bytes value) {
        KvBatch batch;
        batch.put(k, std::move(value));
        ASSERT_TRUE(m_kv->write(batch, true).ok());
    }
    void erase(std::string_view k) {
        KvBatch batch;
        batch.del(k);
        ASSERT_TRUE(m_kv->write(batch, true).ok());
    }

    void expect_corrupt() const {
        auto r = m_chain->check_integrity();
        ASSERT_FALSE(r.ok()) << "check_integrity passed on a damaged store";
        EXPECT_EQ(r.error().kind, ErrorKind::internal);
        EXPECT_EQ(r.error().reason, "storage_corrupt") << r.error().to_string();
    }

    std::unique_ptr<SyncRecordingStore> m_kv;
    std::unique_ptr<ChainStore> m_chain;
    Hash32 m_genesis_hash{};
    uint64_t m_next_nonce = 0;
    std::vector<Hash32> m_roots;  // state root per height, genesis first
    std::vector<Block> m_blocks;  // m_blocks[h - 1] is height h
    std::vector<Commit> m_commits;
    std::vector<std::vector<Receipt>> m_receipts;
};

TEST_F(ChainStoreTest, EmptyStoreHasNoHeadAndFailsIntegrity) {
    auto head = m_chain->head();
    ASSERT_TRUE(head.ok());
    EXPECT_FALSE(head->has_value());
    auto genesis = m_chain->genesis_info();
    ASSERT_TRUE(genesis.ok());
    EXPECT_FALSE(genesis->has_value());
    expect_corrupt();
}

TEST_F(ChainStoreTest, GenesisCommit) {
    ASSERT_NO_FATAL_FAILURE(commit_genesis());
    auto head = m_chain->head();
    ASSERT_TRUE(head.ok());
    ASSERT_TRUE(head->has_value());
    EXPECT_EQ(**head, (ChainHead{0, m_genesis_hash}));
    auto genesis = m_chain->genesis_info();
    ASSERT_TRUE(genesis.ok() && genesis->has_value());
    EXPECT_EQ((*genesis)->first, m_genesis_hash);
    EXPECT_EQ((*genesis)->second, kChainId);
    EXPECT_EQ(state("alice"), "100");
    EXPECT_EQ(state("dave"), "<absent>");
    auto root = m_chain->tree().root(0);
    ASSERT_TRUE(root.ok());
    EXPECT_EQ(*root, m_roots[0]);
    auto integrity = m_chain->check_integrity();
    EXPECT_TRUE(integrity.ok()) << integrity.error().to_string();
}

TEST_F(ChainStoreTest, HeadAdvancesWithEachBlock) {
    ASSERT_NO_FATAL_FAILURE(commit_genesis());
    for (uint64_t h = 1; h <= 3; ++h) {
        ASSERT_NO_FATAL_FAILURE(commit_block(1, {{b("k" + std::to_string(h)), b("v")}}));
        auto head = m_chain->head();
        ASSERT_TRUE(head.ok() && head->has_value());
        EXPECT_EQ(**head, (ChainHead{h, m_blocks.back().hash()}));
        auto integrity = m_chain->check_integrity();
        EXPECT_TRUE(integrity.ok()) << h << ": " << integrity.error().to_string();
    }
}

TEST_F(ChainStoreTest, BlocksAreSyncedUnlessDeferred) {
    ASSERT_NO_FATAL_FAILURE(commit_genesis());
    ASSERT_NO_FATAL_FAILURE(commit_block(1, {{b("k1"), b("v")}}));
    ASSERT_NO_FATAL_FAILURE(commit_block(1, {{b("k2"), b("v")}}, Durability::deferred));
    ASSERT_NO_FATAL_FAILURE(commit_block(0, {{b("k3"), b("v")}}, Durability::synced));
    EXPECT_EQ(m_kv->synced_writes, (std::vector<bool>{true, true, false, true}));
    // A deferred block is committed like any other: the head, the block and its state.
    auto head = m_chain->head();
    ASSERT_TRUE(head.ok() && head->has_value());
    EXPECT_EQ((*head)->height, 3u);
    EXPECT_EQ(state("k2"), "v");
    auto integrity = m_chain->check_integrity();
    EXPECT_TRUE(integrity.ok()) << integrity.error().to_string();
}

TEST_F(ChainStoreTest, ReadsBackBlocksHeadersCommitsAndTxIndex) {
    ASSERT_NO_FATAL_FAILURE(build_chain());
    ASSERT_EQ(m_blocks[1].evidence.size(), 1u);
    for (uint64_t h = 1; h <= 3; ++h) {
        SCOPED_TRACE("height " + std::to_string(h));
        const Block& want = m_blocks[h - 1];
        auto blk = m_chain->block(h);
        ASSERT_TRUE(blk.ok() && blk->has_value());
        EXPECT_EQ(**blk, want);
        auto hdr = m_chain->header(h);
        ASSERT_TRUE(hdr.ok() && hdr->has_value());
        EXPECT_EQ(**hdr, want.header);
        auto cmt = m_chain->commit(h);
        ASSERT_TRUE(cmt.ok() && cmt->has_value());
        EXPECT_EQ(**cmt, m_commits[h - 1]);
        auto height = m_chain->height_of(want.hash());
        ASSERT_TRUE(height.ok() && height->has_value());
        EXPECT_EQ(**height, h);
        for (size_t i = 0; i < want.txs.size(); ++i) {
            auto loc = m_chain->tx(want.txs[i].hash());
            ASSERT_TRUE(loc.ok() && loc->has_value()) << "tx " << i;
            EXPECT_EQ((*loc)->height, h);
            EXPECT_EQ((*loc)->index, i);
            EXPECT_EQ((*loc)->receipt, m_receipts[h - 1][i]);
        }
        auto root = m_chain->tree().root(h);
        ASSERT_TRUE(root.ok());
        EXPECT_EQ(*root, want.header.state_root);
    }
    // Nothing past the head, and unknown hashes are absent rather than errors.
    auto none = m_chain->block(4);
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->has_value());
    EXPECT_FALSE(m_chain->header(4)->has_value());
    EXPECT_FALSE(m_chain->commit(4)->has_value());
    EXPECT_FALSE(m_chain->height_of(Hash32{})->has_value());
    EXPECT_FALSE(m_chain->tx(Hash32{})->has_value());
    EXPECT_FALSE(m_chain->block(0)->has_value());

    auto latest = m_chain->tree().latest_version();
    ASSERT_TRUE(latest.ok() && latest->has_value());
    EXPECT_EQ(**latest, 3u);
    auto integrity = m_chain->check_integrity();
    EXPECT_TRUE(integrity.ok()) << integrity.error().to_string();
}

TEST_F(ChainStoreTest, StateSeesLatestValuesAndDeletions) {
    ASSERT_NO_FATAL_FAILURE(build_chain());
    EXPECT_EQ(state("alice"), "80");
    EXPECT_EQ(state("bob"), "<absent>");
    EXPECT_EQ(state("carol"), "8");
    EXPECT_EQ(state("dave"), "10");

    std::vector<std::string> seen;
    ASSERT_TRUE(m_chain
                    ->state_scan(as_bytes(""),
                                 [&](ByteView k, ByteView v) {
                                     seen.push_back(std::string(as_string_view(k)) + "=" +
                                                    std::string(as_string_view(v)));
                                     return true;
                                 })
                    .ok());
    EXPECT_EQ(seen, (std::vector<std::string>{"alice=80", "carol=8", "dave=10"}));

    // From a start key, stopping when the visitor says so.
    seen.clear();
    ASSERT_TRUE(m_chain
                    ->state_scan(as_bytes(""), as_bytes("b"),
                                 [&](ByteView k, ByteView) {
                                     seen.push_back(std::string(as_string_view(k)));
                                     return seen.size() < 1;
                                 })
                    .ok());
    EXPECT_EQ(seen, (std::vector<std::string>{"carol"}));
}

TEST_F(ChainStoreTest, MissingHeadBlockIsCorruption) {
    ASSERT_NO_FATAL_FAILURE(build_chain());
    ASSERT_NO_FATAL_FAILURE(erase(height_key('b', 3)));
    expect_corrupt();
}

TEST_F(ChainStoreTest, MissingHeadCommitIsCorruption) {
    ASSERT_NO_FATAL_FAILURE(build_chain());
    ASSERT_NO_FATAL_FAILURE(erase(height_key('c', 3)));
    expect_corrupt();
}

TEST_F(ChainStoreTest, DamagedHeadBlockIsCorruption) {
    ASSERT_NO_FATAL_FAILURE(build_chain());
    ASSERT_NO_FATAL_FAILURE(overwrite(height_key('b', 3), Bytes{1, 2, 3}));
    auto blk = m_chain->block(3);
    ASSERT_FALSE(blk.ok());
    EXPECT_EQ(blk.error().reason, "storage_corrupt");
    expect_corrupt();
}

TEST_F(ChainStoreTest, GarbageHeadRecordIsCorruption) {
    ASSERT_NO_FATAL_FAILURE(build_chain());
    ASSERT_NO_FATAL_FAILURE(overwrite(kHeadKey, Bytes{0xde, 0xad}));
    auto head = m_chain->head();
    ASSERT_FALSE(head.ok());
    EXPECT_EQ(head.error().reason, "storage_corrupt");
    expect_corrupt();
}

TEST_F(ChainStoreTest, HeadRecordWithWrongHashIsCorruption) {
    ASSERT_NO_FATAL_FAILURE(build_chain());
    Writer w;
    w.u64(3);
    w.fixed_bytes(m_blocks[1].hash());  // block 2's hash at height 3
    ASSERT_NO_FATAL_FAILURE(overwrite(kHeadKey, w.take()));
    expect_corrupt();
}

// A head rolled back to an earlier block no longer matches the state tree.
TEST_F(ChainStoreTest, HeadRecordBehindTheStateIsCorruption) {
    ASSERT_NO_FATAL_FAILURE(build_chain());
    Writer w;
    w.u64(2);
    w.fixed_bytes(m_blocks[1].hash());
    ASSERT_NO_FATAL_FAILURE(overwrite(kHeadKey, w.take()));
    expect_corrupt();
}

TEST_F(ChainStoreTest, GenesisHeadWithWrongHashIsCorruption) {
    ASSERT_NO_FATAL_FAILURE(commit_genesis());
    Writer w;
    w.u64(0);
    w.fixed_bytes(Hash32{});
    ASSERT_NO_FATAL_FAILURE(overwrite(kHeadKey, w.take()));
    expect_corrupt();
}

TEST_F(ChainStoreTest, MismatchedCommitInputsAreRefusedWithoutWriting) {
    ASSERT_NO_FATAL_FAILURE(commit_genesis());
    Block blk;
    blk.header.chain_id = std::string(kChainId);
    blk.header.height = 1;
    Tx tx;
    tx.chain_id = std::string(kChainId);
    tx.sign(key(1));
    blk.txs.push_back(tx);
    Commit cmt;
    cmt.height = 1;
    cmt.block_hash = blk.hash();

    auto no_receipts = m_chain->prepare_state(1, {});
    ASSERT_TRUE(no_receipts.ok());
    auto r = m_chain->commit_block(blk, tx_hashes(blk), cmt, {}, std::move(no_receipts).value());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "bad_commit");

    auto wrong_height = m_chain->prepare_state(2, {});
    ASSERT_TRUE(wrong_height.ok());
    r = m_chain->commit_block(blk, tx_hashes(blk), cmt, {Receipt{}},
                              std::move(wrong_height).value());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "bad_commit");

    EXPECT_EQ(**m_chain->head(), (ChainHead{0, m_genesis_hash}));
    EXPECT_FALSE(m_chain->block(1)->has_value());
    EXPECT_FALSE(m_chain->tx(tx.hash())->has_value());
    auto integrity = m_chain->check_integrity();
    EXPECT_TRUE(integrity.ok()) << integrity.error().to_string();
}

// A commit, state root or height that does not belong to the block is refused ("bad_commit")
// before anything is written, so the store never fails its own integrity check.
TEST_F(ChainStoreTest, CommitBlockRefusesPartsThatDoNotBelongTogether) {
    const std::vector<std::pair<std::string, std::function<void(NextBlock&)>>> edits = {
        {"commit for another block", [](NextBlock& n) { n.commit.block_hash[0] ^= 1; }},
        {"commit for another height", [](NextBlock& n) { n.commit.height += 1; }},
        {"header state root differs from the prepared root",
         [](NextBlock& n) {
             n.block.header.state_root[0] ^= 1;
             n.commit.block_hash = n.block.hash();
         }},
    };
    for (const auto& [what, edit] : edits) {
        SCOPED_TRACE(what);
        m_kv = std::make_unique<SyncRecordingStore>();
        m_chain = std::make_unique<ChainStore>(*m_kv);
        m_blocks.clear();
        ASSERT_NO_FATAL_FAILURE(commit_genesis());
        auto next = make_block(1, {{b("k"), b("v")}});
        ASSERT_TRUE(next.ok());
        edit(*next);
        auto r = m_chain->commit_block(next->block, tx_hashes(next->block), next->commit,
                                       next->receipts, std::move(next->state));
        EXPECT_FALSE(r.ok()) << "commit_block accepted mismatched parts";
        auto integrity = m_chain->check_integrity();
        EXPECT_TRUE(integrity.ok()) << "store left damaged: " << integrity.error().to_string();
    }

    // A gap: block 2 committed straight after genesis.
    m_kv = std::make_unique<SyncRecordingStore>();
    m_chain = std::make_unique<ChainStore>(*m_kv);
    m_blocks.clear();
    ASSERT_NO_FATAL_FAILURE(commit_genesis());
    m_blocks.push_back(Block{});  // pretend block 1 exists so make_block builds height 2
    auto gap = make_block(0, {});
    ASSERT_TRUE(gap.ok());
    auto r = m_chain->commit_block(gap->block, tx_hashes(gap->block), gap->commit, gap->receipts,
                                   std::move(gap->state));
    EXPECT_FALSE(r.ok()) << "commit_block accepted height 2 on top of genesis";
}

}  // namespace
}  // namespace azora::ledger
