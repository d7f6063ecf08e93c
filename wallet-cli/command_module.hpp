#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "wallet-cli/wallet.hpp"

/// The module kit of azora-wallet: how a module's wallet file adds its subcommands. main.cpp
/// owns the global options, the key commands and dispatch; it lists each module's
/// `NAME_commands` function once and knows nothing else about the module.
namespace azora::wallet {

/// One subcommand: the CLI11 subcommand that selects it, its action and its human output.
/// `--json` prints the result object as is (one line), so `print` sees only human mode.
struct Command {
    const CLI::App* cli = nullptr;  ///< the command runs when `cli->parsed()`
    /// The action, with the options CLI11 parsed already bound into the closure.
    std::function<Result<nlohmann::json>(Wallet&)> run{};
    /// Human rendering of a successful result on stdout; empty: the JSON indented by 2.
    std::function<void(const nlohmann::json&)> print{};
    /// Optional human rendering of a failure on stderr; false falls back to "error: ...".
    std::function<bool(const Error&)> print_error{};
    /// Optional exit status of a successful result; empty: 0.
    std::function<int(const nlohmann::json&)> exit_status{};
};

/// What a module's wallet file defines: adds its subcommands to `app` and returns one Command
/// for each. Options are bound to storage the returned closures own.
using AddCommands = std::vector<Command> (*)(CLI::App& app);

/// How long module commands wait for their transaction's commit.
inline constexpr auto kCommitWait = std::chrono::milliseconds(30'000);

/// A committed transaction that failed is an error carrying the receipt's reason.
Result<nlohmann::json> require_success(nlohmann::json out);

/// `j[name]` if it is a string, else "".
std::string field(const nlohmann::json& j, const char* name);

/// Prints a submitted transaction's hash, height, result and events (`Wallet::submit` output).
void print_tx_outcome(const nlohmann::json& r);

}  // namespace azora::wallet
