#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/address.hpp"
#include "core/keys.hpp"
#include "ledger/tx.hpp"
#include "rpc/client.hpp"
#include "wallet-cli/keystore.hpp"

namespace azora::wallet {

/// Global options of azora-wallet.
struct WalletOptions {
    std::string rpc_url = "http://127.0.0.1:8645";
    std::filesystem::path keystore_dir;
    std::optional<std::filesystem::path> password_file;
    bool json = false;
    bool dev = false;  ///< dev0..dev4 usable by name, without a password
};

/// The wallet's generic operations and the surface module wallet files build on
/// (command_module.hpp). Each returns the JSON object that --json prints; the human form is
/// rendered from it by the caller.
class Wallet {
public:
    explicit Wallet(WalletOptions options);

    Result<nlohmann::json> key_new(const std::string& name);
    /// Imports a secret key given as 64 hex digits.
    Result<nlohmann::json> key_import(const std::string& name, const std::string& secret_hex);
    Result<nlohmann::json> key_list();
    Result<nlohmann::json> key_show(const std::string& name);
    Result<nlohmann::json> tx(const std::string& hash_hex);

    /// Signs and submits a transaction for `module`/`action` from key `from`, waiting for its
    /// commit when asked. Shared by every command that sends a transaction.
    Result<nlohmann::json> submit(const std::string& from,
                                  uint16_t module,
                                  uint16_t action,
                                  Bytes payload,
                                  std::optional<uint64_t> gas_price,
                                  std::optional<uint64_t> gas_limit,
                                  bool wait,
                                  std::chrono::milliseconds wait_timeout);

    /// An address given as text, or the address of a key name (or dev account with --dev).
    Result<Address> resolve_address(const std::string& address_or_name);
    /// The node's `node_info` answer, asked once and cached.
    Result<nlohmann::json> node_info();
    /// One RPC call to the node; `params` is an array (positional) or an object (named).
    Result<nlohmann::json> call(const std::string& method, const nlohmann::json& params);
    /// The address prefix addresses are printed with.
    const std::string& hrp() const { return m_hrp; }
    const WalletOptions& options() const { return m_options; }

private:
    Result<Keystore> keystore() const;
    Result<std::string> password(bool confirm) const;
    /// The secret key of `name`: a dev key with --dev, else unlocked from the keystore.
    Result<PrivateKey> signing_key(const std::string& name);

    WalletOptions m_options;
    rpc::Client m_client;
    std::optional<nlohmann::json> m_node_info;
    std::string m_hrp = std::string(kTestnetHrp);
};

}  // namespace azora::wallet
