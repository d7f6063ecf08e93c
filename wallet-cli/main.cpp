// azora-wallet: keys, balances, transfers and transaction status for Azora chain.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "core/amount.hpp"
#include "wallet-cli/wallet.hpp"

namespace {

using azora::Result;
using nlohmann::json;

std::filesystem::path default_keystore() {
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home != nullptr ? home : ".") / ".azora" / "wallet";
}

std::string azr(const json& base_units) {
    auto v = azora::parse_base_units(base_units.get<std::string>());
    return v ? azora::format_azr(*v) + " AZR" : base_units.get<std::string>();
}

// Human-readable rendering of each command's JSON result.
void print_human(const std::string& command, const json& r) {
    if (command == "key new" || command == "key import" || command == "key show") {
        std::printf("%s  %s\n", r.at("name").get<std::string>().c_str(),
                    r.at("address").get<std::string>().c_str());
    } else if (command == "key list") {
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
    } else if (command == "balance") {
        std::printf("%s\n", r.at("address").get<std::string>().c_str());
        for (const auto& [asset, amount] : r.at("balances").items()) {
            std::printf("  %s  (%s %s)\n", azr(amount).c_str(), amount.get<std::string>().c_str(),
                        asset.c_str());
        }
    } else if (command == "send") {
        std::printf("sent %s to %s\n  tx %s\n", azr(r.at("amount")).c_str(),
                    r.at("to").get<std::string>().c_str(), r.at("hash").get<std::string>().c_str());
        if (r.contains("height")) {
            const json& rc = r.at("receipt");
            std::printf("  committed at height %llu: %s", r.at("height").get<unsigned long long>(),
                        rc.at("status").get<std::string>().c_str());
            if (!rc.at("error").get<std::string>().empty()) {
                std::printf(" (%s)", rc.at("error").get<std::string>().c_str());
            }
            std::printf(", gas used %llu\n", rc.at("gas_used").get<unsigned long long>());
        } else {
            std::printf("  pending\n");
        }
    } else if (command == "tx") {
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
    } else {
        std::printf("%s\n", r.dump(2).c_str());
    }
}

int report(bool as_json, const std::string& command, const Result<json>& r) {
    if (r) {
        if (as_json) {
            std::printf("%s\n", r->dump().c_str());
        } else {
            print_human(command, *r);
        }
        return 0;
    }
    const auto& e = r.error();
    if (as_json) {
        std::printf("%s\n",
                    json{{"error", {{"reason", e.reason}, {"message", e.message}}}}.dump().c_str());
    } else {
        std::fprintf(stderr, "error: %s%s%s\n", e.reason.c_str(), e.message.empty() ? "" : ": ",
                     e.message.c_str());
    }
    return 1;
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

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"azora-wallet: keys, balances and transfers on Azora chain"};
    app.require_subcommand(1);
    azora::wallet::WalletOptions o;
    o.keystore_dir = default_keystore();
    std::string keystore_dir, password_file;
    app.add_option("--rpc", o.rpc_url, "node RPC URL")->capture_default_str();
    app.add_option("--keystore", keystore_dir, "keystore directory (default ~/.azora/wallet)");
    app.add_option("--password-file", password_file, "read the password from this file");
    app.add_flag("--json", o.json, "print one JSON object per command");
    app.add_flag("--dev", o.dev, "make the DEV ONLY accounts dev0..dev4 usable by name");

    std::string name, target, secret_file, hash;
    azora::wallet::SendRequest send;
    uint64_t gas_price = 0, gas_limit = 0;
    bool no_wait = false;

    auto* key = app.add_subcommand("key", "manage keys")->require_subcommand(1);
    auto* key_new = key->add_subcommand("new", "create a key");
    key_new->add_option("NAME", name, "key name")->required();
    auto* key_import = key->add_subcommand("import", "import a secret key (hex, from stdin)");
    key_import->add_option("NAME", name, "key name")->required();
    key_import->add_option("--secret-file", secret_file, "read the hex secret from this file");
    auto* key_list = key->add_subcommand("list", "list keys");
    auto* key_show = key->add_subcommand("show", "show a key's address");
    key_show->add_option("NAME", name, "key name")->required();

    auto* balance = app.add_subcommand("balance", "show an account's balances");
    balance->add_option("ACCOUNT", target, "address or key name")->required();

    auto* send_cmd = app.add_subcommand("send", "send AZR and wait for the commit");
    send_cmd->add_option("--from", send.from, "key name")->required();
    send_cmd->add_option("--to", send.to, "address or key name")->required();
    send_cmd->add_option("--amount", send.amount_azr, "amount in AZR, e.g. 12.5")->required();
    send_cmd->add_option("--gas-price", gas_price, "uazr per gas (default 1)");
    send_cmd->add_option("--gas-limit", gas_limit, "gas limit (default: estimate + 50%)");
    send_cmd->add_flag("--no-wait", no_wait, "return once the node accepted the transaction");

    auto* tx = app.add_subcommand("tx", "show a transaction's status and receipt");
    tx->add_option("HASH", hash, "transaction hash")->required();

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
    azora::wallet::Wallet wallet(o);

    if (key_new->parsed())
        return report(as_json, "key new", wallet.key_new(name));
    if (key_import->parsed()) {
        auto secret = read_secret(secret_file);
        if (!secret)
            return report(as_json, "key import", secret.error());
        return report(as_json, "key import", wallet.key_import(name, *secret));
    }
    if (key_list->parsed())
        return report(as_json, "key list", wallet.key_list());
    if (key_show->parsed())
        return report(as_json, "key show", wallet.key_show(name));
    if (balance->parsed())
        return report(as_json, "balance", wallet.balance(target));
    if (send_cmd->parsed()) {
        if (gas_price > 0)
            send.gas_price = gas_price;
        if (gas_limit > 0)
            send.gas_limit = gas_limit;
        send.wait = !no_wait;
        return report(as_json, "send", wallet.send(send));
    }
    if (tx->parsed())
        return report(as_json, "tx", wallet.tx(hash));
    return 2;
}
