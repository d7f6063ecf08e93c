#include "core/reasons.hpp"
#include "node/json_codec.hpp"
#include "node/rpc_methods.hpp"
#include "node/state_proof.hpp"
#include "rpc/params.hpp"

namespace azora::node {

using nlohmann::json;

Result<void> register_state_methods(rpc::MethodTable& table, RpcBackend& b) {
    const std::string hrp(b.chain.genesis().hrp());
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
                 return Error::from(reasons::kInvalidParams, "key must be 1-1024 bytes of hex");
             }
             AZORA_ASSIGN(auto height_opt, p.opt_u64(1, "height"));
             const uint64_t height = height_opt.value_or(b.chain.head().height);
             if (height > b.chain.head().height) {
                 return Error::from(reasons::kNotFound, "height is above the head");
             }
             AZORA_ASSIGN(Hash32 root, b.chain.store().tree().root(height));
             AZORA_ASSIGN(ProvenValue pv, prove_state_value(b.chain, height, root, *key));
             json out = pv.to_json();
             out["height"] = height;
             out["state_root"] = to_hex(root);
             out["header"] = nullptr;
             out["commit"] = nullptr;
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
