#include "node/json_codec.hpp"
#include "node/rpc_methods.hpp"
#include "rpc/params.hpp"

namespace azora::node {

using nlohmann::json;

namespace {

Result<ledger::Tx> decode_tx_param(const rpc::Params& p) {
    AZORA_ASSIGN(std::string hex, p.get_string(0, "tx"));
    auto raw = from_hex(hex);
    if (!raw) {
        return Error::malformed("invalid_params", "tx must be hex of the canonical encoding");
    }
    return ledger::Tx::decode(*raw);
}

}  // namespace

Result<void> register_tx_methods(rpc::MethodTable& table, RpcBackend& b) {
    const std::string hrp(b.chain.genesis().hrp());
    AZORA_TRY(table.add(
        {"tx_submit",
         "Checks a signed transaction and adds it to the mempool.",
         {{"tx", "hex", true, "canonical transaction encoding"}},
         "the transaction hash (hex)",
         "string",
         false,
         [&b](const json& params) -> Result<json> {
             AZORA_ASSIGN(ledger::Tx tx, decode_tx_param(rpc::Params(params)));
             PendingTxPtr pending = make_pending(std::move(tx));
             // Cheap refusals first, so a resubmitted tx never pays for a signature check.
             if (b.mempool.contains(pending->hash)) {
                 return Error::rejected("already_known", "transaction is already pending");
             }
             auto admitted = b.chain.check_admission(pending->tx, pending->sender);
             if (!admitted) {
                 if (admitted.error().reason == "bad_nonce") {
                     AZORA_ASSIGN(auto committed, b.chain.store().tx(pending->hash));
                     if (committed) {
                         return Error::rejected("already_committed",
                                                "transaction is already in block " +
                                                    std::to_string(committed->height));
                     }
                 }
                 return admitted.error();
             }
             AZORA_TRY(b.mempool.add(pending));
             if (b.on_admitted) {
                 b.on_admitted(pending);
             }
             return json(to_hex(pending->hash));
         }}));

    AZORA_TRY(table.add(
        {"tx_get",
         "Status of a transaction: pending, committed (with height, index and receipt) or "
         "unknown.",
         {{"hash", "hex", true, "transaction hash"}},
         "status, hash, and for committed: height, index, receipt, tx",
         "object",
         false,
         [&b, hrp](const json& params) -> Result<json> {
             AZORA_ASSIGN(std::string hex, rpc::Params(params).get_string(0, "hash"));
             AZORA_ASSIGN(Hash32 hash, parse_hash_param(hex, "hash"));
             AZORA_ASSIGN(auto loc, b.chain.store().tx(hash));
             if (loc) {
                 json out{{"status", "committed"},
                          {"hash", to_hex(hash)},
                          {"height", loc->height},
                          {"index", loc->index},
                          {"receipt", receipt_to_json(loc->receipt)}};
                 AZORA_ASSIGN(auto block, b.chain.store().block(loc->height));
                 if (block && loc->index < block->txs.size()) {
                     out["tx"] = tx_to_json(block->txs[loc->index], hash, hrp);
                 }
                 return out;
             }
             if (b.mempool.contains(hash)) {
                 return json{{"status", "pending"}, {"hash", to_hex(hash)}};
             }
             return json{{"status", "unknown"}, {"hash", to_hex(hash)}};
         }}));

    return table.add(
        {"tx_estimateGas",
         "Gas a transaction would use if executed now (signature, nonce and fee are ignored).",
         {{"tx", "hex", true, "canonical transaction encoding (may be unsigned)"}},
         "{gas: number}",
         "object",
         false,
         [&b](const json& params) -> Result<json> {
             AZORA_ASSIGN(ledger::Tx tx, decode_tx_param(rpc::Params(params)));
             const auto head = b.chain.head();
             vm::BlockContext ctx{b.chain.genesis().chain_id, head.height + 1,
                                  b.chain.head_time_ms(), Address{}};
             vm::StateView view(b.chain.state());
             AZORA_ASSIGN(uint64_t gas, b.chain.executor().estimate_gas(view, ctx, tx));
             return json{{"gas", gas}};
         }});
}

}  // namespace azora::node
