#include "core/reasons.hpp"
#include "node/json_codec.hpp"
#include "node/rpc_methods.hpp"
#include "rpc/params.hpp"

namespace azora::node {

using nlohmann::json;

Result<Hash32> parse_hash_param(const std::string& hex, const char* what) {
    auto h = fixed_from_hex<32>(hex);
    if (!h) {
        return Error::from(reasons::kInvalidParams, std::string(what) + " must be 64 hex digits");
    }
    return *h;
}

namespace {

// A block reference: a height (number or decimal string) or a block hash (64 hex digits).
Result<uint64_t> resolve_height(const Chain& chain, const rpc::Params& p) {
    const nlohmann::json* ref = p.find(0, "block");
    if (ref == nullptr) {
        return Error::from(reasons::kInvalidParams, "block (height or hash) is required");
    }
    if (ref->is_string() && ref->get<std::string>().size() >= 64) {
        AZORA_ASSIGN(Hash32 hash, parse_hash_param(ref->get<std::string>(), "block hash"));
        AZORA_ASSIGN(auto height, chain.store().height_of(hash));
        if (!height) {
            return Error::from(reasons::kNotFound, "no block with that hash");
        }
        return *height;
    }
    return p.get_u64(0, "block");
}

Error not_found(uint64_t height) {
    return Error::from(reasons::kNotFound, "no block at height " + std::to_string(height));
}

}  // namespace

Result<void> register_chain_methods(rpc::MethodTable& table, RpcBackend& b) {
    const std::string hrp(b.chain.genesis().hrp());
    AZORA_TRY(
        table.add({"node_info",
                   "Chain id, version, head and genesis of this node.",
                   {},
                   "chain_id, version, height, head_hash, genesis_hash, peers, syncing, validator",
                   "object",
                   false,
                   [&b](const json&) -> Result<json> {
                       const auto head = b.chain.head();
                       return json{{"chain_id", b.chain.genesis().chain_id},
                                   {"version", b.version},
                                   {"height", head.height},
                                   {"head_hash", to_hex(head.hash)},
                                   {"head_time_ms", b.chain.head_time_ms()},
                                   {"genesis_hash", to_hex(b.chain.genesis_hash())},
                                   {"peers", b.network ? b.network->peers().size() : 0},
                                   {"syncing", b.consensus_status && b.consensus_status().syncing},
                                   {"validator", b.validator},
                                   {"mempool_size", b.mempool.size()}};
                   }}));

    AZORA_TRY(
        table.add({"chain_getBlock",
                   "A committed block by height or hash, with its commit.",
                   {{"block", "any", true, "height (number or decimal string) or block hash (hex)"},
                    {"full_txs", "boolean", false, "include whole transactions instead of hashes"}},
                   "header, txs (hashes or objects), commit",
                   "object",
                   false,
                   [&b, hrp](const json& params) -> Result<json> {
                       rpc::Params p(params);
                       AZORA_ASSIGN(uint64_t height, resolve_height(b.chain, p));
                       AZORA_ASSIGN(auto full, p.opt_bool(1, "full_txs"));
                       AZORA_ASSIGN(auto block, b.chain.store().block(height));
                       AZORA_ASSIGN(auto commit, b.chain.store().commit(height));
                       if (!block || !commit) {
                           return not_found(height);
                       }
                       json txs = json::array();
                       for (const auto& tx : block->txs) {
                           const Hash32 hash = tx.hash();
                           txs.push_back(full.value_or(false) ? tx_to_json(tx, hash, hrp)
                                                              : json(to_hex(hash)));
                       }
                       json evidence = json::array();
                       for (const auto& ev : block->evidence) {
                           evidence.push_back(evidence_to_json(ev, hrp));
                       }
                       return json{{"header", header_to_json(block->header, hrp)},
                                   {"txs", txs},
                                   {"evidence", evidence},
                                   {"commit", commit_to_json(*commit)}};
                   }}));

    AZORA_TRY(table.add({"chain_getHeader",
                         "A committed block header by height.",
                         {{"height", "u64", true, "block height"}},
                         "header",
                         "object",
                         false,
                         [&b, hrp](const json& params) -> Result<json> {
                             AZORA_ASSIGN(uint64_t height,
                                          rpc::Params(params).get_u64(0, "height"));
                             AZORA_ASSIGN(auto header, b.chain.store().header(height));
                             if (!header) {
                                 return not_found(height);
                             }
                             return header_to_json(*header, hrp);
                         }}));

    return table.add({"chain_getCommit",
                      "The commit (validator signatures) that finalized the block at a height.",
                      {{"height", "u64", true, "block height"}},
                      "commit",
                      "object",
                      false,
                      [&b](const json& params) -> Result<json> {
                          AZORA_ASSIGN(uint64_t height, rpc::Params(params).get_u64(0, "height"));
                          AZORA_ASSIGN(auto commit, b.chain.store().commit(height));
                          if (!commit) {
                              return not_found(height);
                          }
                          return commit_to_json(*commit);
                      }});
}

}  // namespace azora::node
