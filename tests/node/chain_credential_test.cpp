// Credentials through a real chain on LevelDB: a 500-credential batch mint from the dev issuer
// is admitted, executes and commits in one block, and the committed state pages through the
// node's StoreReader (StateReader::scan over ChainStore::state_scan).
#include <gtest/gtest.h>

#include <set>

#include "node/chain.hpp"
#include "node_test_util.hpp"
#include "vm/modules/credential/messages.hpp"
#include "vm/modules/credential/queries.hpp"
#include "vm/modules/governance/queries.hpp"

namespace azora::node {
namespace {

using namespace azora::node::test;

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
    TempDir dir;
    auto chain = open_chain(dir.path() / "chain");
    ASSERT_NE(chain, nullptr);
    const ledger::Tx tx = batch_of(500, 0);
    auto admitted = chain->admit(tx);
    ASSERT_TRUE(admitted.ok()) << admitted.error().to_string();

    const Address validator = Address::from_pubkey(genesis::dev_validator_key().public_key());
    auto built =
        chain->build_block({*admitted}, genesis::dev_genesis().genesis_time_ms + 1000, validator);
    ASSERT_TRUE(built.ok()) << built.error().to_string();
    ASSERT_EQ(built->block.txs.size(), 1u);
    ASSERT_EQ(built->receipts.size(), 1u);
    EXPECT_EQ(built->receipts[0].status, ledger::TxStatus::success) << built->receipts[0].error;
    EXPECT_EQ(built->receipts[0].events.size(), 500u);
    const ledger::Header header = built->block.header;
    ASSERT_TRUE(
        chain->commit(std::move(built).value(), sign_commit(header, genesis::dev_validator_key()))
            .ok());

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
    TempDir dir;
    auto chain = open_chain(dir.path() / "chain");
    ASSERT_NE(chain, nullptr);
    ledger::Tx tx = batch_of(3, 0);
    tx.sign(dev_key(2));  // not an issuer
    auto r = chain->admit(tx);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "not_issuer");
    EXPECT_EQ(r.error().kind, ErrorKind::failed);  // the action's own error
}

}  // namespace
}  // namespace azora::node
