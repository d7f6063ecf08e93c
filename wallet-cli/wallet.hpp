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

/// Parameters of a transfer.
struct SendRequest {
    std::string from;  ///< key name
    std::string to;    ///< address or key name
    std::string amount_azr;
    std::optional<uint64_t> gas_price;  ///< default: the chain's minimum (1)
    std::optional<uint64_t> gas_limit;  ///< default: estimate plus a margin
    bool wait = true;
    std::chrono::milliseconds wait_timeout{30'000};
};

/// Parameters of `credential issue`.
struct IssueRequest {
    std::string from;  ///< issuer key name
    std::string to;    ///< holder: address or key name
    std::string credential_class;
    std::string title;
    std::optional<std::filesystem::path> document;  ///< its SHA-256 is the metadata_hash
    std::string uri;
    std::optional<std::string> expires;  ///< YYYY-MM-DD (UTC midnight)
    bool transferable = false;
};

/// Parameters of `credential batch-issue`: shared fields plus a CSV or JSON file of rows.
struct BatchIssueRequest {
    std::string from;
    std::filesystem::path file;
    std::string credential_class;
    std::string title;
    std::optional<std::string> expires;
    bool transferable = false;
};

/// Parameters of `council propose`.
struct ProposeRequest {
    std::string from;
    std::string kind;  ///< admit, suspend or reinstate
    std::string target;
    std::string name;
    std::string url;
};

/// Parameters of `verify`: the credential, an optional document and the trust anchor (one of
/// genesis file, validator-set hash, or the dev genesis when WalletOptions::dev).
struct VerifyRequest {
    std::string id;
    std::optional<std::filesystem::path> document;
    std::optional<std::filesystem::path> genesis;
    std::optional<std::string> validators_hash;
};

/// The wallet's operations. Each returns the JSON object that --json prints; the human form
/// is rendered from it by the caller.
class Wallet {
public:
    explicit Wallet(WalletOptions options);

    Result<nlohmann::json> key_new(const std::string& name);
    /// Imports a secret key given as 64 hex digits.
    Result<nlohmann::json> key_import(const std::string& name, const std::string& secret_hex);
    Result<nlohmann::json> key_list();
    Result<nlohmann::json> key_show(const std::string& name);
    Result<nlohmann::json> balance(const std::string& address_or_name);
    Result<nlohmann::json> send(const SendRequest& request);
    Result<nlohmann::json> tx(const std::string& hash_hex);

    /// Credential module (docs/protocol.md section 18); each waits for the commit.
    Result<nlohmann::json> credential_issue(const IssueRequest& request);
    Result<nlohmann::json> credential_batch_issue(const BatchIssueRequest& request);
    Result<nlohmann::json> credential_revoke(const std::string& from,
                                             const std::string& id,
                                             const std::string& reason);
    Result<nlohmann::json> credential_transfer(const std::string& from,
                                               const std::string& id,
                                               const std::string& to);
    /// The node's record; with `as_vc`, a W3C Verifiable Credential 2.0 shaped envelope.
    Result<nlohmann::json> credential_show(const std::string& id, bool as_vc);
    /// The compact payload "azora:credential:<chain_id>:<id>" and its terminal QR rendering.
    Result<nlohmann::json> credential_qr(const std::string& id);
    /// One page of credentials of a holder or an issuer (exactly one is non-empty).
    Result<nlohmann::json> credential_list(const std::string& holder,
                                           const std::string& issuer,
                                           const std::string& cursor);
    /// Governance module (section 19).
    Result<nlohmann::json> council_propose(const ProposeRequest& request);
    Result<nlohmann::json> council_approve(const std::string& from, uint64_t proposal_id);
    Result<nlohmann::json> council_list();
    /// Asks the node for credential_verify and checks the bundle locally (bundle_verifier).
    /// A failed check is an error with the verifier's reason; otherwise the result holds the
    /// verdict and the facts behind it.
    Result<nlohmann::json> verify(const VerifyRequest& request);

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

private:
    Result<Keystore> keystore() const;
    Result<std::string> password(bool confirm) const;
    /// The secret key of `name`: a dev key with --dev, else unlocked from the keystore.
    Result<PrivateKey> signing_key(const std::string& name);
    /// An address given as text, or the address of a key name.
    Result<Address> resolve_address(const std::string& address_or_name);
    Result<nlohmann::json> node_info();

    WalletOptions m_options;
    rpc::Client m_client;
    std::optional<nlohmann::json> m_node_info;
    std::string m_hrp = std::string(kTestnetHrp);
};

}  // namespace azora::wallet
