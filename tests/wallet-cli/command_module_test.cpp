// The wallet's module kit: each module's command file binds its options to the subcommand it
// adds, runs the right action and prints results the way azora-wallet always has.
#include "wallet-cli/command_module.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace azora::wallet {

// Defined in the modules' wallet files; main.cpp lists them in its table.
std::vector<Command> token_commands(CLI::App& app);
std::vector<Command> credential_commands(CLI::App& app);
std::vector<Command> governance_commands(CLI::App& app);
std::vector<Command> credential_verify_commands(CLI::App& app);

namespace {

using nlohmann::json;

const std::string kHolder = Address{}.to_string();  // valid text: no keystore lookup

/// An app with every module's commands, as main.cpp builds it (without the key and tx ones).
struct TestApp {
    CLI::App app{"test"};
    std::vector<Command> commands;

    TestApp() {
        app.require_subcommand(1);
        for (AddCommands add : {token_commands, credential_commands, governance_commands,
                                credential_verify_commands}) {
            for (Command& c : add(app)) {
                commands.push_back(std::move(c));
            }
        }
    }

    /// Parses `args` and returns the one command it selects (nullptr if none or several).
    const Command* parse(std::vector<std::string> args) {
        std::reverse(args.begin(), args.end());  // CLI11 takes the vector form reversed
        app.parse(args);
        const Command* found = nullptr;
        for (const Command& c : commands) {
            if (c.cli->parsed()) {
                if (found != nullptr) {
                    return nullptr;
                }
                found = &c;
            }
        }
        return found;
    }
};

/// A wallet whose node does not exist: the actions tested here fail before any RPC.
Wallet offline_wallet() {
    WalletOptions o;
    o.rpc_url = "http://127.0.0.1:1";
    o.keystore_dir = std::filesystem::temp_directory_path() / "azora-command-module-test";
    return Wallet(o);
}

std::string path_of(const CLI::App* cli) {
    std::string path = cli->get_name();
    for (const CLI::App* p = cli->get_parent(); p != nullptr && p->get_parent() != nullptr;
         p = p->get_parent()) {
        path = p->get_name() + " " + path;
    }
    return path;
}

TEST(CommandModule, EveryModuleCommandHasAnActionAndAUniquePath) {
    TestApp t;
    std::set<std::string> paths;
    for (const Command& c : t.commands) {
        ASSERT_NE(c.cli, nullptr);
        EXPECT_TRUE(c.run) << path_of(c.cli);
        EXPECT_TRUE(paths.insert(path_of(c.cli)).second) << path_of(c.cli);
    }
    EXPECT_EQ(paths, (std::set<std::string>{"balance", "send", "credential issue",
                                            "credential batch-issue", "credential revoke",
                                            "credential transfer", "credential show",
                                            "credential qr", "credential list", "council propose",
                                            "council approve", "council list", "verify"}));
}

TEST(CommandModule, OptionsReachTheSelectedCommandsAction) {
    struct Case {
        std::vector<std::string> args;
        std::string reason;
    };
    const std::vector<Case> cases = {
        {{"send", "--from", "a", "--to", kHolder, "--amount", "0"}, "invalid_amount"},
        {{"credential", "revoke", "--from", "a", "xyz", "--reason", "r"}, "bad_id"},
        {{"credential", "transfer", "--from", "a", "xyz", "--to", kHolder}, "bad_id"},
        {{"credential", "show", "00", "--format", "pdf"}, "bad_format"},
        {{"credential", "qr", "00"}, "bad_id"},
        {{"credential", "list"}, "bad_request"},
        {{"council", "propose", "--from", "a", "--kind", "bogus", "--target", kHolder}, "bad_kind"},
        {{"council", "propose", "--from", "a", "--kind", "admit", "--target", kHolder},
         "bad_request"},
        {{"verify", std::string(64, '0')}, "no_trust_anchor"},
        {{"verify", std::string(64, '0'), "--validators-hash", "12"}, "bad_anchor"},
    };
    for (const Case& c : cases) {
        TestApp t;
        const Command* command = t.parse(c.args);
        ASSERT_NE(command, nullptr) << c.args.front();
        Wallet wallet = offline_wallet();
        auto r = command->run(wallet);
        ASSERT_FALSE(r.ok()) << path_of(command->cli);
        EXPECT_EQ(r.error().reason, c.reason) << path_of(command->cli);
    }
}

TEST(CommandModule, VerifyExitsNonZeroUnlessValidAndExplainsVerifierFailures) {
    TestApp t;
    const Command* verify = t.parse({"verify", std::string(64, '0')});
    ASSERT_NE(verify, nullptr);
    ASSERT_TRUE(verify->exit_status);
    EXPECT_EQ(verify->exit_status(json{{"verdict", "valid"}}), 0);
    EXPECT_EQ(verify->exit_status(json{{"verdict", "revoked"}}), 1);
    ASSERT_TRUE(verify->print_error);
    testing::internal::CaptureStderr();
    EXPECT_TRUE(verify->print_error(Error::malformed("bad_proof", "detail")));
    EXPECT_FALSE(verify->print_error(Error::malformed("bad_id", "x")));
    EXPECT_EQ(testing::internal::GetCapturedStderr(),
              "NOT VERIFIED (bad_proof): a state proof does not lead to the header's state "
              "root\n  detail\n");
}

TEST(CommandModule, RequireSuccessTurnsAFailedReceiptIntoItsReason) {
    const json ok{{"hash", "ab"}, {"receipt", {{"status", "success"}}}};
    EXPECT_TRUE(require_success(ok).ok());
    auto failed = require_success(
        json{{"hash", "ab"}, {"receipt", {{"status", "failed"}, {"error", "not_issuer"}}}});
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().reason, "not_issuer");
    EXPECT_EQ(failed.error().message, "transaction ab failed");
}

TEST(CommandModule, TxOutcomeText) {
    const json committed{
        {"hash", "ab"},
        {"height", 7},
        {"receipt",
         {{"status", "failed"},
          {"error", "no_proposal"},
          {"events", json::array({{{"type", "x"}, {"attributes", {{"k", "v"}}}}})}}}};
    testing::internal::CaptureStdout();
    print_tx_outcome(committed);
    print_tx_outcome(json{{"hash", "cd"}});
    EXPECT_EQ(testing::internal::GetCapturedStdout(),
              "tx ab committed at height 7: failed (no_proposal)\n  event x {\"k\":\"v\"}\n"
              "tx cd: pending\n");
}

TEST(CommandModule, BalanceAndListText) {
    TestApp t;
    const Command* balance = t.parse({"balance", kHolder});
    ASSERT_NE(balance, nullptr);
    testing::internal::CaptureStdout();
    balance->print(json{{"address", kHolder}, {"balances", {{"uazr", "1500000"}}}});
    EXPECT_EQ(testing::internal::GetCapturedStdout(), kHolder + "\n  1.5 AZR  (1500000 uazr)\n");

    TestApp u;
    const Command* list = u.parse({"credential", "list", "--holder", kHolder});
    ASSERT_NE(list, nullptr);
    testing::internal::CaptureStdout();
    list->print(json{
        {"credentials",
         json::array({{{"id", "01"}, {"title", "BSc"}, {"class", "degree"}, {"revoked", true}}})},
        {"next_cursor", "02"}});
    EXPECT_EQ(testing::internal::GetCapturedStdout(),
              "01  BSc (degree)  REVOKED\nmore: --cursor 02\n");
}

}  // namespace
}  // namespace azora::wallet
