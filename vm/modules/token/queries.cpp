#include "core/reasons.hpp"
#include "vm/accounts.hpp"
#include "vm/modules/token/module.hpp"
#include "vm/modules/token/state.hpp"

namespace azora::vm::token {
namespace {

using nlohmann::json;

const QueryParam kAssetParam{"asset", "string", false, "asset (only uazr)"};

Result<void> check_asset(const QueryArgs& args) {
    AZORA_ASSIGN(auto asset, args.opt_string("asset"));
    if (asset && *asset != kNativeAsset) {
        return Error::from(reasons::kUnknownAsset,
                           "the only asset is " + std::string(kNativeAsset));
    }
    return {};
}

Result<json> account_get(const QueryContext& ctx, const QueryArgs& args) {
    AZORA_ASSIGN(Address addr, args.address("address"));
    AZORA_ASSIGN(uint64_t nonce, accounts::get_nonce(ctx.state, addr));
    AZORA_ASSIGN(uint64_t bal, balance(ctx.state, addr));
    return json{{"address", addr.to_string(ctx.hrp)},
                {"nonce", nonce},
                {"balances", {{kNativeAsset, std::to_string(bal)}}}};
}

Result<json> token_balance(const QueryContext& ctx, const QueryArgs& args) {
    AZORA_ASSIGN(Address addr, args.address("address"));
    AZORA_TRY(check_asset(args));
    AZORA_ASSIGN(uint64_t bal, balance(ctx.state, addr));
    return json(std::to_string(bal));
}

Result<json> token_supply(const QueryContext& ctx, const QueryArgs& args) {
    AZORA_TRY(check_asset(args));
    AZORA_ASSIGN(uint64_t s, supply(ctx.state));
    return json(std::to_string(s));
}

}  // namespace

std::vector<QuerySpec> queries() {
    return {
        {"account_get",
         "An account's nonce and balances.",
         {{"address", "address", true, "bech32m address"}},
         "address, nonce, balances {asset: amount}",
         "object",
         {},
         account_get},
        {"token_balance",
         "Balance of one account in base units (uazr).",
         {{"address", "address", true, "bech32m address"}, kAssetParam},
         "amount (decimal string)",
         "string",
         {},
         token_balance},
        {"token_supply",
         "Total supply in base units (uazr).",
         {kAssetParam},
         "amount (decimal string)",
         "string",
         {},
         token_supply},
    };
}

}  // namespace azora::vm::token
