// Credentials through a real chain (in memory): a 500-credential batch mint from the dev issuer
// is admitted, executes and commits in one block, and the committed state pages through the
// node's StoreReader (StateReader::scan over ChainStore::state_scan).
#include <gtest/gtest.h>

#include <set>

#include "node/chain/chain.hpp"
#include "tests/chain/chain_test_util.hpp"
#include "vm/modules/credential/messages.hpp"
#include "vm/modules/credential/queries.hpp"
#include "vm/modules/governance/queries.hpp"

namespace azora::chain {
namespace {

using namespace azora::chain::test;

ledger::Tx batch_of(size_t n, uint64_t nonce) {
    vm::credential::BatchMint b{
        "course_completion", "Azora 101", 0, false, "https://academy.azora.example/vc/", {}};
    for (size_t i = 0; i < n; ++i) {
        Address holder;
        holder.bytes[0] = 0xc0;
        holder.bytes[18] = static_cast<uint8_t>(i >> 8);
        holder.bytes[19] = static_cast<uint8_t>(i);
        b.items.push_back(
            {holder, sha256(as_bytes("cert " + std::to_string(i))), std::to_string(i) + ".json"});
    }
    ledger::Tx tx;
    tx.chain_id = std::string(genesis::kDevChainId);
    tx.nonce = nonce;
    tx.gas_limit = 2'000'000;
    tx.gas_price = 1;
    tx.module = vm::kCredentialModule;
    tx.action = vm::credential::kBatchMint;
    tx.payload = b.encode();
    tx.sign(dev_key(1));  // dev1 is the dev genesis issuer
    return tx;
}

TEST(ChainCredentials, FiveHundredCredentialBatchCommitsInOneBlock) {
    TestChain chain;
    const ledger::Tx tx = batch_of(500, 0);
    auto admitted = chain->check_admission(tx);
    ASSERT_TRUE(admitted.ok()) << admitted.error().to_string();

    auto built = chain.build({tx}, genesis::dev_genesis().genesis_time_ms + 1000);
    ASSERT_TRUE(built.ok()) << built.error().to_string();
    ASSERT_EQ(built->block.txs.size(), 1u);
    ASSERT_EQ(built->receipts.size(), 1u);
    EXPECT_EQ(built->receipts[0].status, ledger::TxStatus::success) << built->receipts[0].error;
    EXPECT_EQ(built->receipts[0].events.size(), 500u);
    const ledger::Header header = built->block.header;
    auto commit = chain.verified_commit(header);
    ASSERT_TRUE(commit.ok()) << commit.error().to_string();
    ASSERT_TRUE(chain->commit(std::move(built).value(), *commit).ok());

    // Committed: page through the issuer's credentials in pages of 200.
    std::set<Hash32> ids;
    Bytes cursor;
    int pages = 0;
    do {
        auto page = vm::credential::list_by_issuer(chain->state(), dev_address(1), cursor, 200);
        ASSERT_TRUE(page.ok()) << page.error().to_string();
        ++pages;
        for (const auto& c : page->items) {
            EXPECT_TRUE(ids.insert(c.id).second);
            EXPECT_EQ(c.issued_at, header.time_ms);
        }
        cursor = page->next_cursor.value_or(Bytes{});
    } while (!cursor.empty());
    EXPECT_EQ(ids.size(), 500u);
    EXPECT_EQ(pages, 3);

    Address first_holder;
    first_holder.bytes[0] = 0xc0;
    auto held = vm::credential::list_by_holder(chain->state(), first_holder, {}, 10);
    ASSERT_TRUE(held.ok());
    ASSERT_EQ(held->items.size(), 1u);
    EXPECT_EQ(held->items[0].metadata_uri, "https://academy.azora.example/vc/0.json");

    auto issuers = vm::credential::list_issuers(chain->state(), {}, 10);
    ASSERT_TRUE(issuers.ok());
    ASSERT_EQ(issuers->items.size(), 1u);
    EXPECT_EQ(issuers->items[0].name, genesis::kDevIssuerName);
    auto council = vm::governance::get_council(chain->state());
    ASSERT_TRUE(council.ok() && council->has_value());
    EXPECT_EQ((*council)->members, std::vector<Address>{dev_address(0)});
}

TEST(ChainCredentials, AdmissionRefusesAMintThatWouldFail) {
    TestChain chain;
    ledger::Tx tx = batch_of(3, 0);
    tx.sign(dev_key(2));  // not an issuer
    auto r = chain->check_admission(tx);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "not_issuer");
    EXPECT_EQ(r.error().kind, ErrorKind::failed);  // the action's own error
}

}  // namespace
}  // namespace azora::chain
