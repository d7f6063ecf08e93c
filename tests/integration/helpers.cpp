#include "tests/integration/helpers.hpp"

#include "core/amount.hpp"
#include "genesis/dev.hpp"
#include "tests/support/poll.hpp"
#include "vm/modules/token/messages.hpp"
#include "vm/registry.hpp"

namespace azora::test {

using nlohmann::json;

DevNodeOptions dev_node_options() {
    DevNodeOptions o;
    o.azorad = AZORA_AZORAD;
    return o;
}

std::string address_of(const PrivateKey& key) {
    return Address::from_pubkey(key.public_key()).to_string(kHrp);
}

ledger::Tx make_transfer(const PrivateKey& from,
                         uint64_t nonce,
                         const Address& to,
                         uint64_t amount,
                         uint64_t gas_limit) {
    ledger::Tx tx;
    tx.chain_id = std::string(genesis::kDevChainId);
    tx.nonce = nonce;
    tx.gas_limit = gas_limit;
    tx.gas_price = 1;
    tx.module = vm::kTokenModule;
    tx.action = vm::token::kTransfer;
    tx.payload = vm::token::Transfer{to, amount}.encode();
    tx.sign(from);
    return tx;
}

Result<std::string> submit(rpc::Client& client, const ledger::Tx& tx) {
    AZORA_ASSIGN(json hash, client.call("tx_submit", json::array({to_hex(tx.encode())})));
    return hash.get<std::string>();
}

Result<Account> get_account(rpc::Client& client, const std::string& address) {
    AZORA_ASSIGN(json a, client.call("account_get", json::array({address})));
    auto balance = parse_base_units(a.at("balances").at("uazr").get<std::string>());
    if (!balance) {
        return Error::internal("bad_response", "balance is not a decimal amount");
    }
    return Account{*balance, a.at("nonce").get<uint64_t>()};
}

Result<uint64_t> get_supply(rpc::Client& client) {
    AZORA_ASSIGN(json s, client.call("token_supply"));
    return parse_base_units(s.get<std::string>());
}

Result<json> wait_committed(rpc::Client& client,
                            const std::string& hash,
                            std::chrono::milliseconds timeout) {
    Result<json> last = Error::retry("timeout", "no answer from tx_get");
    poll_until(
        [&] {
            last = client.call("tx_get", json::array({hash}));
            return !last.ok() || last->at("status") != "pending";
        },
        timeout);
    if (!last) {
        return last;
    }
    if (last->at("status") != "committed") {
        return Error::rejected("not_committed", "tx " + hash + " is " + last->dump());
    }
    return last;
}

WalletRun run_wallet(const std::filesystem::path& work_dir,
                     const std::string& rpc_url,
                     const std::filesystem::path& keystore,
                     const std::filesystem::path& password_file,
                     const std::vector<std::string>& args) {
    static int runs = 0;
    std::vector<std::string> all{"--rpc",           rpc_url,           "--keystore",
                                 keystore.string(), "--password-file", password_file.string(),
                                 "--json"};
    all.insert(all.end(), args.begin(), args.end());
    WalletRun w;
    w.run = run_program(AZORA_WALLET, all, work_dir, "wallet-" + std::to_string(++runs),
                        std::chrono::seconds(60));
    w.json = json::parse(w.run.out, nullptr, /*allow_exceptions=*/false);
    if (w.json.is_discarded()) {
        w.json = nullptr;
    }
    return w;
}

}  // namespace azora::test
