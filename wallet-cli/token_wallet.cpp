// The token module's wallet commands: balance and send.
#include <cstdio>

#include "core/amount.hpp"
#include "core/reasons.hpp"
#include "vm/module_ids.hpp"
#include "vm/modules/token/messages.hpp"
#include "wallet-cli/command_module.hpp"

namespace azora::wallet {

using nlohmann::json;

namespace {

/// Parameters of a transfer.
struct SendArgs {
    std::string from;  ///< key name
    std::string to;    ///< address or key name
    std::string amount_azr;
    uint64_t gas_price = 0;  ///< 0: the chain's minimum (1)
    uint64_t gas_limit = 0;  ///< 0: estimate plus a margin
    bool no_wait = false;
};

Result<json> balance(Wallet& w, const std::string& address_or_name) {
    AZORA_ASSIGN(Address addr, w.resolve_address(address_or_name));
    AZORA_ASSIGN(json account, w.call("account_get", json::array({addr.to_string(w.hrp())})));
    return json{{"address", account.at("address")},
                {"nonce", account.at("nonce")},
                {"balances", account.at("balances")}};
}

Result<json> send(Wallet& w, const SendArgs& r) {
    AZORA_ASSIGN(Address to, w.resolve_address(r.to));
    AZORA_ASSIGN(uint64_t amount, parse_azr(r.amount_azr));
    if (amount == 0) {
        return Error::from(reasons::kInvalidAmount, "amount must be positive");
    }
    vm::token::Transfer t{to, amount};
    const auto gas_price = r.gas_price > 0 ? std::optional<uint64_t>(r.gas_price) : std::nullopt;
    const auto gas_limit = r.gas_limit > 0 ? std::optional<uint64_t>(r.gas_limit) : std::nullopt;
    AZORA_ASSIGN(json out, w.submit(r.from, vm::kTokenModule, vm::token::kTransfer, t.encode(),
                                    gas_price, gas_limit, !r.no_wait, kCommitWait));
    out["to"] = to.to_string(w.hrp());
    out["amount"] = std::to_string(amount);
    return out;
}

std::string azr(const json& base_units) {
    auto v = parse_base_units(base_units.get<std::string>());
    return v ? format_azr(*v) + " AZR" : base_units.get<std::string>();
}

void print_balance(const json& r) {
    std::printf("%s\n", r.at("address").get<std::string>().c_str());
    for (const auto& [asset, amount] : r.at("balances").items()) {
        std::printf("  %s  (%s %s)\n", azr(amount).c_str(), amount.get<std::string>().c_str(),
                    asset.c_str());
    }
}

void print_send(const json& r) {
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
}

}  // namespace

std::vector<Command> token_commands(CLI::App& app) {
    std::vector<Command> out;

    auto target = std::make_shared<std::string>();
    auto* balance_cmd = app.add_subcommand("balance", "show an account's balances");
    balance_cmd->add_option("ACCOUNT", *target, "address or key name")->required();
    out.push_back(
        {balance_cmd, [target](Wallet& w) { return balance(w, *target); }, print_balance});

    auto s = std::make_shared<SendArgs>();
    auto* send_cmd = app.add_subcommand("send", "send AZR and wait for the commit");
    send_cmd->add_option("--from", s->from, "key name")->required();
    send_cmd->add_option("--to", s->to, "address or key name")->required();
    send_cmd->add_option("--amount", s->amount_azr, "amount in AZR, e.g. 12.5")->required();
    send_cmd->add_option("--gas-price", s->gas_price, "uazr per gas (default 1)");
    send_cmd->add_option("--gas-limit", s->gas_limit, "gas limit (default: estimate + 50%)");
    send_cmd->add_flag("--no-wait", s->no_wait, "return once the node accepted the transaction");
    out.push_back({send_cmd, [s](Wallet& w) { return send(w, *s); }, print_send});
    return out;
}

}  // namespace azora::wallet
