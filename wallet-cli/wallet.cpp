#include "wallet-cli/wallet.hpp"

#include <openssl/crypto.h>

#include <thread>

#include "core/reasons.hpp"
#include "genesis/dev.hpp"
#include "wallet-cli/password.hpp"

namespace azora::wallet {

using nlohmann::json;

Wallet::Wallet(WalletOptions options)
    : m_options(std::move(options)), m_client(m_options.rpc_url, std::chrono::seconds(30)) {}

Result<Keystore> Wallet::keystore() const {
    return Keystore::open(m_options.keystore_dir);
}

Result<std::string> Wallet::password(bool confirm) const {
    if (m_options.password_file) {
        return read_password_file(*m_options.password_file);
    }
    return prompt_password("Password: ", confirm);
}

Result<json> Wallet::node_info() {
    if (!m_node_info) {
        AZORA_ASSIGN(json info, m_client.call("node_info"));
        m_node_info = std::move(info);
    }
    return *m_node_info;
}

Result<json> Wallet::call(const std::string& method, const json& params) {
    return m_client.call(method, params);
}

Result<PrivateKey> Wallet::signing_key(const std::string& name) {
    if (m_options.dev) {
        for (const auto& a : genesis::dev_accounts()) {
            if (a.name == name) {
                return a.key;
            }
        }
    }
    AZORA_ASSIGN(Keystore ks, keystore());
    if (!ks.contains(name)) {
        return Error::rejected(
            "key_not_found",
            "no key named '" + name + "'" + (m_options.dev ? "" : " (dev keys need --dev)"));
    }
    AZORA_ASSIGN(std::string pw, password(false));
    auto secret = ks.unlock(name, pw);
    OPENSSL_cleanse(pw.data(), pw.size());
    if (!secret) {
        return secret.error();
    }
    auto key = PrivateKey::from_bytes(*secret);
    OPENSSL_cleanse(secret->data(), secret->size());
    return key;
}

Result<Address> Wallet::resolve_address(const std::string& text) {
    if (auto addr = Address::parse(text, m_hrp)) {
        return *addr;
    }
    if (m_options.dev) {
        for (const auto& a : genesis::dev_accounts()) {
            if (a.name == text) {
                return Address::from_pubkey(a.key.public_key());
            }
        }
    }
    AZORA_ASSIGN(Keystore ks, keystore());
    if (Keystore::valid_name(text) && ks.contains(text)) {
        AZORA_ASSIGN(auto entry, ks.show(text));
        return Address::parse(entry.address, m_hrp);
    }
    return Error::malformed("bad_address", "'" + text + "' is neither an address nor a key name");
}

Result<json> Wallet::key_new(const std::string& name) {
    AZORA_ASSIGN(Keystore ks, keystore());
    if (!Keystore::valid_name(name)) {
        return Error::malformed("bad_key_name", "names are 1-64 of A-Z a-z 0-9 _ -");
    }
    if (ks.contains(name)) {
        return Error::rejected("key_exists", "a key named '" + name + "' exists");
    }
    PrivateKey key = PrivateKey::generate();
    const std::string addr = Address::from_pubkey(key.public_key()).to_string(m_hrp);
    AZORA_ASSIGN(std::string pw, password(true));
    auto added = ks.add(name, key.secret(), addr, pw);
    OPENSSL_cleanse(pw.data(), pw.size());
    AZORA_TRY(added);
    return json{{"name", name}, {"address", addr}, {"pubkey", to_hex(key.public_key())}};
}

Result<json> Wallet::key_import(const std::string& name, const std::string& secret_hex) {
    auto secret = fixed_from_hex<32>(secret_hex);
    if (!secret) {
        return Error::malformed("bad_key", "a secret key is 64 hex digits");
    }
    auto key = PrivateKey::from_bytes(*secret);
    OPENSSL_cleanse(secret->data(), secret->size());
    if (!key) {
        return key.error();
    }
    AZORA_ASSIGN(Keystore ks, keystore());
    const std::string addr = Address::from_pubkey(key->public_key()).to_string(m_hrp);
    AZORA_ASSIGN(std::string pw, password(true));
    auto added = ks.add(name, key->secret(), addr, pw);
    OPENSSL_cleanse(pw.data(), pw.size());
    AZORA_TRY(added);
    return json{{"name", name}, {"address", addr}, {"pubkey", to_hex(key->public_key())}};
}

Result<json> Wallet::key_list() {
    json keys = json::array();
    if (m_options.dev) {
        for (const auto& a : genesis::dev_accounts()) {
            keys.push_back({{"name", a.name},
                            {"address", Address::from_pubkey(a.key.public_key()).to_string(m_hrp)},
                            {"dev", true}});
        }
    }
    AZORA_ASSIGN(Keystore ks, keystore());
    AZORA_ASSIGN(auto entries, ks.list());
    for (const auto& e : entries) {
        json k{{"name", e.name}, {"address", e.address}};
        if (e.error) {
            k["error"] = e.error->to_string();
        }
        keys.push_back(std::move(k));
    }
    return json{{"keys", keys}};
}

Result<json> Wallet::key_show(const std::string& name) {
    if (m_options.dev) {
        for (const auto& a : genesis::dev_accounts()) {
            if (a.name == name) {
                return json{{"name", name},
                            {"address", Address::from_pubkey(a.key.public_key()).to_string(m_hrp)},
                            {"pubkey", to_hex(a.key.public_key())},
                            {"dev", true}};
            }
        }
    }
    AZORA_ASSIGN(Keystore ks, keystore());
    AZORA_ASSIGN(auto e, ks.show(name));
    return json{{"name", e.name}, {"address", e.address}};
}

Result<json> Wallet::tx(const std::string& hash_hex) {
    if (!fixed_from_hex<32>(hash_hex)) {
        return Error::malformed("bad_hash", "a transaction hash is 64 hex digits");
    }
    return m_client.call("tx_get", json::array({hash_hex}));
}

Result<json> Wallet::submit(const std::string& from,
                            uint16_t module,
                            uint16_t action,
                            Bytes payload,
                            std::optional<uint64_t> gas_price,
                            std::optional<uint64_t> gas_limit,
                            bool wait,
                            std::chrono::milliseconds wait_timeout) {
    AZORA_ASSIGN(PrivateKey key, signing_key(from));
    AZORA_ASSIGN(json info, node_info());
    const Address sender = Address::from_pubkey(key.public_key());
    AZORA_ASSIGN(json account,
                 m_client.call("account_get", json::array({sender.to_string(m_hrp)})));

    ledger::Tx tx;
    tx.chain_id = info.at("chain_id").get<std::string>();
    tx.sender = key.public_key();
    tx.nonce = account.at("nonce").get<uint64_t>();
    tx.gas_price = gas_price.value_or(1);
    tx.module = module;
    tx.action = action;
    tx.payload = std::move(payload);
    if (gas_limit) {
        tx.gas_limit = *gas_limit;
    } else {
        AZORA_ASSIGN(json est, m_client.call("tx_estimateGas", json::array({to_hex(tx.encode())})));
        // Leave headroom: state the action writes can differ by the time the block runs.
        tx.gas_limit = est.at("gas").get<uint64_t>() * 3 / 2;
    }
    tx.sign(key);
    AZORA_ASSIGN(json hash, m_client.call("tx_submit", json::array({to_hex(tx.encode())})));
    json out{{"hash", hash}, {"from", sender.to_string(m_hrp)}, {"nonce", tx.nonce}};
    if (!wait) {
        out["status"] = "pending";
        return out;
    }
    const auto deadline = std::chrono::steady_clock::now() + wait_timeout;
    for (;;) {
        AZORA_ASSIGN(json status, m_client.call("tx_get", json::array({hash})));
        if (status.at("status") == "committed") {
            out["status"] = "committed";
            out["height"] = status.at("height");
            out["index"] = status.at("index");
            out["receipt"] = status.at("receipt");
            return out;
        }
        if (status.at("status") == "unknown") {
            return Error::rejected("tx_dropped", "the node dropped the transaction; see tx " +
                                                     hash.get<std::string>());
        }
        if (std::chrono::steady_clock::now() > deadline) {
            return Error::retry(
                "timeout", "not committed yet; check later with: tx " + hash.get<std::string>());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

}  // namespace azora::wallet
