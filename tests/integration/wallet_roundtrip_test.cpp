// The main scenario: a key made by the real wallet receives AZR from a dev account,
// sends some back, and everything survives a clean restart of the node.
#include <fstream>

#include "genesis/dev.hpp"
#include "tests/integration/helpers.hpp"

namespace azora::test {
namespace {

using nlohmann::json;

constexpr uint64_t kToAlice = 12'500'000;  // 12.5 AZR
constexpr uint64_t kBack = 2'250'000;      // 2.25 AZR

std::filesystem::path write_password_file(const std::filesystem::path& dir) {
    const auto path = dir / "password";
    std::ofstream(path) << "correct horse battery staple\n";
    std::filesystem::permissions(
        path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    return path;
}

// Checks a wallet `send --json` answer and the same tx over RPC; sets its fee and height.
void expect_committed_transfer(rpc::Client& client,
                               const WalletRun& sent,
                               const std::string& from,
                               const std::string& to,
                               uint64_t amount,
                               uint64_t* fee,
                               uint64_t* height) {
    ASSERT_TRUE(sent.run.status.success())
        << sent.run.status.to_string() << "\nstdout: " << sent.run.out
        << "\nstderr: " << sent.run.err;
    ASSERT_TRUE(sent.json.is_object()) << sent.run.out;
    ASSERT_TRUE(sent.json.contains("hash")) << sent.json.dump();
    ASSERT_TRUE(sent.json.contains("height")) << sent.json.dump();
    EXPECT_EQ(sent.json.at("status"), "committed");
    EXPECT_EQ(sent.json.at("from"), from);
    EXPECT_EQ(sent.json.at("to"), to);
    EXPECT_EQ(sent.json.at("amount"), std::to_string(amount));

    const std::string hash = sent.json.at("hash").get<std::string>();
    ASSERT_OK_ASSIGN(json got, client.call("tx_get", json::array({hash})));
    EXPECT_EQ(got.at("status"), "committed");
    EXPECT_EQ(got.at("height"), sent.json.at("height"));
    const json& receipt = got.at("receipt");
    EXPECT_EQ(receipt.at("status"), "success") << receipt.dump();
    EXPECT_EQ(receipt.at("error"), "");
    ASSERT_EQ(receipt.at("events").size(), 1u) << receipt.dump();
    const json& event = receipt.at("events").at(0);
    EXPECT_EQ(event.at("type"), "transfer");
    EXPECT_EQ(event.at("attributes").at("amount"), std::to_string(amount));
    EXPECT_EQ(got.at("tx").at("sender"), from);
    EXPECT_EQ(got.at("tx").at("gas_price"), "1");
    *fee = receipt.at("gas_used").get<uint64_t>() * 1;
    *height = got.at("height").get<uint64_t>();
    EXPECT_GT(*fee, 0u);
}

TEST(WalletRoundTrip, SendReceiveAndSurviveRestart) {
    DevNode node(dev_node_options());
    ASSERT_TRUE(node.start());
    rpc::Client* client = &node.rpc();

    const auto dir = node.work_dir();
    const auto keystore = dir / "keystore";
    const auto password = write_password_file(dir);
    const auto dev = genesis::dev_accounts();
    const std::string dev0 = address_of(dev[0].key);

    ASSERT_OK_ASSIGN(const uint64_t supply, get_supply(*client));
    ASSERT_OK_ASSIGN(const Account dev0_before, get_account(*client, dev0));
    EXPECT_EQ(dev0_before.balance, genesis::kDevAccountBalance);

    // key new, then key list and key show agree on the address.
    auto created = run_wallet(dir, node.url(), keystore, password, {"key", "new", "alice"});
    ASSERT_TRUE(created.run.status.success()) << created.run.out << created.run.err;
    ASSERT_TRUE(created.json.is_object()) << created.run.out;
    const std::string alice = created.json.at("address").get<std::string>();
    ASSERT_TRUE(alice.starts_with("tazr1")) << alice;
    auto shown = run_wallet(dir, node.url(), keystore, password, {"key", "show", "alice"});
    ASSERT_TRUE(shown.run.status.success()) << shown.run.out << shown.run.err;
    EXPECT_EQ(shown.json.at("address"), alice);
    auto listed = run_wallet(dir, node.url(), keystore, password, {"key", "list"});
    ASSERT_TRUE(listed.run.status.success()) << listed.run.out << listed.run.err;
    ASSERT_EQ(listed.json.at("keys").size(), 1u) << listed.json.dump();
    EXPECT_EQ(listed.json.at("keys").at(0).at("address"), alice);

    // dev0 -> alice, 12.5 AZR, through the wallet.
    auto to_alice =
        run_wallet(dir, node.url(), keystore, password,
                   {"--dev", "send", "--from", "dev0", "--to", alice, "--amount", "12.5"});
    uint64_t fee1 = 0, height1 = 0;
    expect_committed_transfer(*client, to_alice, dev0, alice, kToAlice, &fee1, &height1);
    if (HasFatalFailure()) {
        return;
    }
    ASSERT_OK_ASSIGN(Account alice_now, get_account(*client, alice));
    EXPECT_EQ(alice_now, (Account{kToAlice, 0}));
    auto balance = run_wallet(dir, node.url(), keystore, password, {"balance", "alice"});
    ASSERT_TRUE(balance.run.status.success()) << balance.run.out << balance.run.err;
    EXPECT_EQ(balance.json.at("balances").at("uazr"), std::to_string(kToAlice));
    ASSERT_OK_ASSIGN(uint64_t supply_now, get_supply(*client));
    EXPECT_EQ(supply_now, supply);

    // alice -> dev0: needs alice's password from the file.
    auto back = run_wallet(dir, node.url(), keystore, password,
                           {"send", "--from", "alice", "--to", dev0, "--amount", "2.25"});
    uint64_t fee2 = 0, height2 = 0;
    expect_committed_transfer(*client, back, alice, dev0, kBack, &fee2, &height2);
    if (HasFatalFailure()) {
        return;
    }
    EXPECT_GT(height2, height1);

    // Fees go to the block's proposer: the validator, which is none of the dev accounts.
    ASSERT_OK_ASSIGN(json header1, client->call("chain_getHeader", json::array({height1})));
    ASSERT_OK_ASSIGN(json header2, client->call("chain_getHeader", json::array({height2})));
    const std::string proposer = header1.at("proposer").get<std::string>();
    EXPECT_EQ(header2.at("proposer"), proposer);
    EXPECT_EQ(proposer, address_of(genesis::dev_validator_key()));
    for (const auto& a : dev) {
        EXPECT_NE(proposer, address_of(a.key)) << a.name;
    }

    ASSERT_OK_ASSIGN(const Account alice_after, get_account(*client, alice));
    ASSERT_OK_ASSIGN(const Account dev0_after, get_account(*client, dev0));
    ASSERT_OK_ASSIGN(const Account proposer_after, get_account(*client, proposer));
    EXPECT_EQ(alice_after, (Account{kToAlice - kBack - fee2, 1}));
    EXPECT_EQ(dev0_after, (Account{genesis::kDevAccountBalance - kToAlice - fee1 + kBack, 1}));
    // The validator starts with nothing and these are the chain's only transactions.
    EXPECT_EQ(proposer_after.balance, fee1 + fee2);
    uint64_t total = alice_after.balance + proposer_after.balance;
    for (const auto& a : dev) {
        ASSERT_OK_ASSIGN(Account acct, get_account(*client, address_of(a.key)));
        total += acct.balance;
    }
    EXPECT_EQ(total, supply);
    ASSERT_OK_ASSIGN(supply_now, get_supply(*client));
    EXPECT_EQ(supply_now, supply);

    // Refusals reach the wallet user as a reason and exit code 1, and change nothing.
    auto too_much = run_wallet(dir, node.url(), keystore, password,
                               {"send", "--from", "alice", "--to", dev0, "--amount", "1000"});
    EXPECT_EQ(too_much.run.status.to_string(), "exit code 1") << too_much.run.out;
    EXPECT_EQ(too_much.json.value("error", json::object()).value("reason", ""),
              "insufficient_funds")
        << too_much.run.out;
    const auto wrong_password = dir / "wrong-password";
    std::ofstream(wrong_password) << "not the password\n";
    auto locked = run_wallet(dir, node.url(), keystore, wrong_password,
                             {"send", "--from", "alice", "--to", dev0, "--amount", "1"});
    EXPECT_EQ(locked.run.status.to_string(), "exit code 1") << locked.run.out;
    EXPECT_TRUE(locked.json.contains("error")) << locked.run.out;
    ASSERT_OK_ASSIGN(Account alice_unchanged, get_account(*client, alice));
    EXPECT_EQ(alice_unchanged, alice_after);

    // Clean stop and restart on the same data dir: nothing is lost.
    ASSERT_OK_ASSIGN(json block1, client->call("chain_getBlock", json::array({height1})));
    ASSERT_OK_ASSIGN(json block2, client->call("chain_getBlock", json::array({height2})));
    ASSERT_OK_ASSIGN(json info_before, client->call("node_info"));
    const uint64_t head_before = info_before.at("height").get<uint64_t>();
    ASSERT_TRUE(node.stop());
    ASSERT_TRUE(node.start());
    client = &node.rpc();

    ASSERT_OK_ASSIGN(json info_after, client->call("node_info"));
    EXPECT_GE(info_after.at("height").get<uint64_t>(), head_before);
    EXPECT_EQ(info_after.at("genesis_hash"), info_before.at("genesis_hash"));
    ASSERT_OK_ASSIGN(Account alice_restarted, get_account(*client, alice));
    EXPECT_EQ(alice_restarted, alice_after);
    ASSERT_OK_ASSIGN(Account dev0_restarted, get_account(*client, dev0));
    EXPECT_EQ(dev0_restarted, dev0_after);
    ASSERT_OK_ASSIGN(Account proposer_restarted, get_account(*client, proposer));
    EXPECT_EQ(proposer_restarted.balance, proposer_after.balance);
    ASSERT_OK_ASSIGN(supply_now, get_supply(*client));
    EXPECT_EQ(supply_now, supply);
    for (const auto& [sent, block] : {std::pair{&to_alice, &block1}, std::pair{&back, &block2}}) {
        const std::string hash = sent->json.at("hash").get<std::string>();
        ASSERT_OK_ASSIGN(json got, client->call("tx_get", json::array({hash})));
        EXPECT_EQ(got.at("status"), "committed");
        EXPECT_EQ(got.at("height"), sent->json.at("height"));
        const uint64_t h = got.at("height").get<uint64_t>();
        ASSERT_OK_ASSIGN(json again, client->call("chain_getBlock", json::array({h})));
        EXPECT_EQ(again.at("header").at("hash"), block->at("header").at("hash"));
        EXPECT_EQ(again.at("txs"), block->at("txs"));
        EXPECT_EQ(again.at("commit"), block->at("commit"));
        EXPECT_EQ(again.at("txs"), json::array({hash}));
        // The same block by hash, and its commit on its own.
        const json block_hash = again.at("header").at("hash");
        ASSERT_OK_ASSIGN(json by_hash, client->call("chain_getBlock", json::array({block_hash})));
        EXPECT_EQ(by_hash.at("header"), again.at("header"));
        ASSERT_OK_ASSIGN(json commit, client->call("chain_getCommit", json::array({h})));
        EXPECT_EQ(commit.at("block_hash"), block_hash);
        EXPECT_EQ(commit.at("height"), h);
    }
    ASSERT_OK_ASSIGN(json alice_balance, client->call("token_balance", json::array({alice})));
    EXPECT_EQ(alice_balance, std::to_string(alice_after.balance));
    // The wallet still sees its key and the balance against the restarted node.
    auto balance_again = run_wallet(dir, node.url(), keystore, password, {"balance", "alice"});
    ASSERT_TRUE(balance_again.run.status.success()) << balance_again.run.err;
    EXPECT_EQ(balance_again.json.at("balances").at("uazr"), std::to_string(alice_after.balance));
    EXPECT_TRUE(node.stop());
}

}  // namespace
}  // namespace azora::test
