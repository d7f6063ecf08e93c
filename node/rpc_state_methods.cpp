#include "core/hash.hpp"
#include "core/smt.hpp"
#include "node/json_codec.hpp"
#include "node/rpc_methods.hpp"
#include "rpc/params.hpp"
#include "vm/accounts.hpp"
#include "vm/modules/token/state.hpp"

namespace azora::node {

using nlohmann::json;

namespace {

Result<Address> parse_address_param(const Chain& chain, const rpc::Params& p) {
    AZORA_ASSIGN(std::string text, p.get_string(0, "address"));
    auto addr = Address::parse(text, chain.genesis().hrp());
    if (!addr) {
        return Error::malformed("invalid_params", "address: " + addr.error().message);
    }
    return *addr;
}

Result<void> check_asset(const rpc::Params& p, size_t index) {
    AZORA_ASSIGN(auto asset, p.opt_string(index, "asset"));
    if (asset && *asset != vm::token::kNativeAsset) {
        return Error::rejected("unknown_asset",
                               "the only asset is " + std::string(vm::token::kNativeAsset));
    }
    return {};
}

}  // namespace

Result<void> register_state_methods(rpc::MethodTable& table, RpcBackend& b) {
    const std::string hrp(b.chain.genesis().hrp());
    AZORA_TRY(table.add(
        {"account_get",
         "An account's nonce and balances.",
         {{"address", "string", true, "bech32m address"}},
         "address, nonce, balances {asset: amount}",
         "object",
         false,
         [&b, hrp](const json& params) -> Result<json> {
             AZORA_ASSIGN(Address addr, parse_address_param(b.chain, rpc::Params(params)));
             AZORA_ASSIGN(uint64_t nonce, vm::accounts::get_nonce(b.chain.state(), addr));
             AZORA_ASSIGN(uint64_t bal, vm::token::balance(b.chain.state(), addr));
             return json{{"address", addr.to_string(hrp)},
                         {"nonce", nonce},
                         {"balances", {{vm::token::kNativeAsset, std::to_string(bal)}}}};
         }}));

    AZORA_TRY(table.add({"token_balance",
                         "Balance of one account in base units (uazr).",
                         {{"address", "string", true, "bech32m address"},
                          {"asset", "string", false, "asset (only uazr)"}},
                         "amount (decimal string)",
                         "string",
                         false,
                         [&b](const json& params) -> Result<json> {
                             rpc::Params p(params);
                             AZORA_ASSIGN(Address addr, parse_address_param(b.chain, p));
                             AZORA_TRY(check_asset(p, 1));
                             AZORA_ASSIGN(uint64_t bal, vm::token::balance(b.chain.state(), addr));
                             return json(std::to_string(bal));
                         }}));

    AZORA_TRY(table.add({"token_supply",
                         "Total supply in base units (uazr).",
                         {{"asset", "string", false, "asset (only uazr)"}},
                         "amount (decimal string)",
                         "string",
                         false,
                         [&b](const json& params) -> Result<json> {
                             AZORA_TRY(check_asset(rpc::Params(params), 0));
                             AZORA_ASSIGN(uint64_t s, vm::token::supply(b.chain.state()));
                             return json(std::to_string(s));
                         }}));

    return table.add(
        {"state_getProof",
         "A state value with a Merkle proof against the state root of a committed header, and "
         "that header's commit, so a client can check it without trusting this node.",
         {{"key", "hex", true, "state key"},
          {"height", "u64", false, "block height (default: head)"}},
         "key, height, value (hex or null), proof (hex), header, commit",
         "object",
         false,
         [&b, hrp](const json& params) -> Result<json> {
             rpc::Params p(params);
             AZORA_ASSIGN(std::string key_hex, p.get_string(0, "key"));
             auto key = from_hex(key_hex);
             if (!key || key->empty() || key->size() > 1024) {
                 return Error::malformed("invalid_params", "key must be 1-1024 bytes of hex");
             }
             AZORA_ASSIGN(auto height_opt, p.opt_u64(1, "height"));
             const uint64_t height = height_opt.value_or(b.chain.head().height);
             if (height > b.chain.head().height) {
                 return Error::rejected("not_found", "height is above the head");
             }
             const Hash32 path = smt::key_path(*key);
             AZORA_ASSIGN(auto vp, b.chain.store().tree().prove_value(height, path));
             AZORA_ASSIGN(Hash32 root, b.chain.store().tree().root(height));
             // Check our own answer before serving it: a proof that does not lead to the root
             // means the store is damaged.
             AZORA_ASSIGN(auto proven, smt::verify_proof(root, path, vp.proof));
             if (proven.has_value() != vp.value.has_value() ||
                 (proven && sha256(*vp.value) != *proven)) {
                 return Error::internal("state_tree_corrupt", "proof and value disagree");
             }
             json value = vp.value ? json(to_hex(*vp.value)) : json(nullptr);
             const smt::Proof& proof = vp.proof;
             json out{{"key", to_hex(*key)},
                      {"height", height},
                      {"state_root", to_hex(root)},
                      {"value", value},
                      {"proof", to_hex(proof.encode())},
                      {"header", nullptr},
                      {"commit", nullptr}};
             if (height > 0) {
                 AZORA_ASSIGN(auto header, b.chain.store().header(height));
                 AZORA_ASSIGN(auto commit, b.chain.store().commit(height));
                 if (header) {
                     out["header"] = header_to_json(*header, hrp);
                 }
                 if (commit) {
                     out["commit"] = commit_to_json(*commit);
                 }
             }
             return out;
         }});
}

}  // namespace azora::node
