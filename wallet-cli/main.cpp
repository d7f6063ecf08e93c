// azora-wallet: keys, balances, transfers and transaction status for Azora chain.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "wallet-cli/command_module.hpp"
#include "wallet-cli/wallet.hpp"

// The modules' wallet files: each defines NAME_commands (README "Adding a module's commands").
namespace azora::wallet {
std::vector<Command> token_commands(CLI::App& app);              // token_wallet.cpp
std::vector<Command> credential_commands(CLI::App& app);         // credential_wallet.cpp
std::vector<Command> governance_commands(CLI::App& app);         // governance_wallet.cpp
std::vector<Command> credential_verify_commands(CLI::App& app);  // credential_verify_wallet.cpp
}  // namespace azora::wallet

namespace {

using azora::Result;
using azora::wallet::AddCommands;
using azora::wallet::Command;
using azora::wallet::Wallet;
using nlohmann::json;

std::filesystem::path default_keystore() {
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home != nullptr ? home : ".") / ".azora" / "wallet";
}

Result<std::string> read_secret(const std::string& secret_file) {
    std::string line;
    if (!secret_file.empty()) {
        std::ifstream in(secret_file);
        if (!in || !std::getline(in, line)) {
            return azora::Error::malformed("bad_key", "cannot read " + secret_file);
        }
    } else if (!std::getline(std::cin, line)) {
        return azora::Error::malformed("bad_key", "no secret key on standard input");
    }
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
        line.pop_back();
    }
    return line;
}

void print_key(const json& r) {
    std::printf("%s  %s\n", r.at("name").get<std::string>().c_str(),
                r.at("address").get<std::string>().c_str());
}

void print_key_list(const json& r) {
    if (r.at("keys").empty()) {
        std::printf("no keys (create one with: azora-wallet key new NAME)\n");
    }
    for (const auto& k : r.at("keys")) {
        std::printf("%-16s %s%s\n", k.at("name").get<std::string>().c_str(),
                    k.at("address").get<std::string>().c_str(),
                    k.contains("dev")     ? "  (DEV ONLY)"
                    : k.contains("error") ? "  (damaged)"
                                          : "");
    }
}

std::vector<Command> key_commands(CLI::App& app) {
    struct KeyArgs {
        std::string name, secret_file;
    };
    auto a = std::make_shared<KeyArgs>();
    auto* key = app.add_subcommand("key", "manage keys")->require_subcommand(1);
    auto* key_new = key->add_subcommand("new", "create a key");
    key_new->add_option("NAME", a->name, "key name")->required();
    auto* key_import = key->add_subcommand("import", "import a secret key (hex, from stdin)");
    key_import->add_option("NAME", a->name, "key name")->required();
    key_import->add_option("--secret-file", a->secret_file, "read the hex secret from this file");
    auto* key_list = key->add_subcommand("list", "list keys");
    auto* key_show = key->add_subcommand("show", "show a key's address");
    key_show->add_option("NAME", a->name, "key name")->required();

    auto import = [a](Wallet& w) -> Result<json> {
        AZORA_ASSIGN(std::string secret, read_secret(a->secret_file));
        return w.key_import(a->name, secret);
    };
    return {{key_new, [a](Wallet& w) { return w.key_new(a->name); }, print_key},
            {key_import, import, print_key},
            {key_list, [](Wallet& w) { return w.key_list(); }, print_key_list},
            {key_show, [a](Wallet& w) { return w.key_show(a->name); }, print_key}};
}

void print_tx(const json& r) {
    std::printf("tx %s: %s\n", r.at("hash").get<std::string>().c_str(),
                r.at("status").get<std::string>().c_str());
    if (r.at("status") == "committed") {
        const json& rc = r.at("receipt");
        std::printf("  height %llu, index %llu\n  result %s%s, gas used %llu\n",
                    r.at("height").get<unsigned long long>(),
                    r.at("index").get<unsigned long long>(),
                    rc.at("status").get<std::string>().c_str(),
                    rc.at("error").get<std::string>().empty()
                        ? ""
                        : (" (" + rc.at("error").get<std::string>() + ")").c_str(),
                    rc.at("gas_used").get<unsigned long long>());
        for (const auto& e : rc.at("events")) {
            std::printf("  event %s %s\n", e.at("type").get<std::string>().c_str(),
                        e.at("attributes").dump().c_str());
        }
    }
}

std::vector<Command> tx_commands(CLI::App& app) {
    auto hash = std::make_shared<std::string>();
    auto* tx = app.add_subcommand("tx", "show a transaction's status and receipt");
    tx->add_option("HASH", *hash, "transaction hash")->required();
    return {{tx, [hash](Wallet& w) { return w.tx(*hash); }, print_tx}};
}

// Every command file, one line each; subcommands appear in `--help` in this order.
constexpr AddCommands kCommandFiles[] = {
    key_commands,
    azora::wallet::token_commands,
    tx_commands,
    azora::wallet::credential_commands,
    azora::wallet::governance_commands,
    azora::wallet::credential_verify_commands,
};

int report(bool as_json, const Command& command, const Result<json>& r) {
    if (r) {
        if (as_json) {
            std::printf("%s\n", r->dump().c_str());
        } else if (command.print) {
            command.print(*r);
        } else {
            std::printf("%s\n", r->dump(2).c_str());
        }
        return command.exit_status ? command.exit_status(*r) : 0;
    }
    const auto& e = r.error();
    if (!as_json && command.print_error && command.print_error(e)) {
        return 1;
    }
    if (as_json) {
        std::printf("%s\n",
                    json{{"error", {{"reason", e.reason}, {"message", e.message}}}}.dump().c_str());
    } else {
        std::fprintf(stderr, "error: %s%s%s\n", e.reason.c_str(), e.message.empty() ? "" : ": ",
                     e.message.c_str());
    }
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "azora-wallet: keys, transfers, credentials and their verification on Azora chain"};
    app.require_subcommand(1);
    azora::wallet::WalletOptions o;
    o.keystore_dir = default_keystore();
    std::string keystore_dir, password_file;
    app.add_option("--rpc", o.rpc_url, "node RPC URL")->capture_default_str();
    app.add_option("--keystore", keystore_dir, "keystore directory (default ~/.azora/wallet)");
    app.add_option("--password-file", password_file, "read the password from this file");
    app.add_flag("--json", o.json, "print one JSON object per command");
    app.add_flag("--dev", o.dev, "make the DEV ONLY accounts dev0..dev4 usable by name");

    std::vector<Command> commands;
    for (AddCommands add : kCommandFiles) {
        for (Command& c : add(app)) {
            commands.push_back(std::move(c));
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    if (!keystore_dir.empty())
        o.keystore_dir = keystore_dir;
    if (!password_file.empty())
        o.password_file = password_file;
    const bool as_json = o.json;
    Wallet wallet(o);
    for (const Command& c : commands) {
        if (c.cli->parsed()) {
            return report(as_json, c, c.run(wallet));
        }
    }
    return 2;
}
