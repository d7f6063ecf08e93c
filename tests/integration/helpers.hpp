#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "core/keys.hpp"
#include "ledger/tx.hpp"
#include "rpc/client.hpp"
#include "tests/support/dev_node.hpp"

/// Shared pieces of the integration tests: the binaries under test, transaction building and
/// a few RPC reads with their waits.
namespace azora::test {

/// Binds the value of a Result-returning expression or fails the test with its error.
#define ASSERT_OK_ASSIGN(decl, expr) \
    ASSERT_OK_ASSIGN_IMPL(AZORA_CONCAT(assert_ok_r_, __LINE__), decl, expr)
#define ASSERT_OK_ASSIGN_IMPL(tmp, decl, expr)                         \
    auto tmp = (expr);                                                 \
    ASSERT_TRUE(tmp.ok()) << #expr << ": " << tmp.error().to_string(); \
    decl = std::move(tmp).value()

/// Fails the test with the error of a Result that is not ok.
#define ASSERT_OK(expr)                                                                      \
    do {                                                                                     \
        const auto& assert_ok_v_ = (expr);                                                   \
        ASSERT_TRUE(assert_ok_v_.ok()) << #expr << ": " << assert_ok_v_.error().to_string(); \
    } while (0)

inline constexpr std::string_view kHrp = "tazr";
/// Waits for a transaction to commit: many blocks at 100 ms, with room for a loaded machine.
inline constexpr std::chrono::milliseconds kCommitTimeout{20'000};
/// Enough for any transfer or small multi-transfer in the dev gas schedule.
inline constexpr uint64_t kGasLimit = 100'000;

/// Options for a DevNode running the azorad built with these tests.
DevNodeOptions dev_node_options();

std::string address_of(const PrivateKey& key);

/// A signed token transfer on the dev chain (gas price 1).
ledger::Tx make_transfer(const PrivateKey& from,
                         uint64_t nonce,
                         const Address& to,
                         uint64_t amount,
                         uint64_t gas_limit = kGasLimit);

/// tx_submit of a transaction's canonical encoding; the hash on success.
Result<std::string> submit(rpc::Client& client, const ledger::Tx& tx);

/// Balance (uazr) and nonce from account_get.
struct Account {
    uint64_t balance = 0;
    uint64_t nonce = 0;
    bool operator==(const Account&) const = default;
};
inline void PrintTo(const Account& a, std::ostream* os) {
    *os << "{balance " << a.balance << ", nonce " << a.nonce << "}";
}
Result<Account> get_account(rpc::Client& client, const std::string& address);
Result<uint64_t> get_supply(rpc::Client& client);

/// Polls tx_get until the transaction is committed and returns that answer; fails if it
/// becomes unknown (dropped) or the deadline passes.
Result<nlohmann::json> wait_committed(rpc::Client& client,
                                      const std::string& hash,
                                      std::chrono::milliseconds timeout = kCommitTimeout);

/// What one azora-wallet run printed; `json` is its stdout parsed (null if not JSON).
struct WalletRun {
    RunResult run;
    nlohmann::json json;
};

/// Runs azora-wallet --rpc URL --keystore KS --password-file PW --json ARGS... to completion.
WalletRun run_wallet(const std::filesystem::path& work_dir,
                     const std::string& rpc_url,
                     const std::filesystem::path& keystore,
                     const std::filesystem::path& password_file,
                     const std::vector<std::string>& args);

}  // namespace azora::test
