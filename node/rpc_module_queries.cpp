#include <map>

#include "core/reasons.hpp"
#include "node/json_codec.hpp"
#include "node/rpc_methods.hpp"
#include "node/state_proof.hpp"
#include "vm/registry.hpp"

namespace azora::node {
namespace {

using nlohmann::json;

/// Appended to every proven query's params.
const vm::QueryParam kHeightParam{"height", "u64", false, "block height, >= 1 (default: head)"};

// Positional params become named ones in declared order; null ones count as absent.
json named_params(const json& params, const std::vector<vm::QueryParam>& declared) {
    json named = json::object();
    if (params.is_array()) {
        for (size_t i = 0; i < params.size() && i < declared.size(); ++i) {
            if (!params[i].is_null()) {
                named[declared[i].name] = params[i];
            }
        }
    } else if (params.is_object()) {
        for (const auto& [key, value] : params.items()) {
            if (!value.is_null()) {
                named[key] = value;
            }
        }
    }
    return named;
}

/// The state at one committed header, proving every value a query reads.
class HeaderProvenState final : public vm::ProvenState {
public:
    HeaderProvenState(const Chain& chain, const ledger::Header& header)
        : m_chain(chain), m_header(header) {}

    uint64_t height() const override { return m_header.height; }
    uint64_t time_ms() const override { return m_header.time_ms; }

    Result<std::optional<Bytes>> read(std::string_view label, ByteView key) override {
        AZORA_ASSIGN(ProvenValue pv,
                     prove_state_value(m_chain, m_header.height, m_header.state_root,
                                       Bytes(key.begin(), key.end())));
        m_proofs[std::string(label)] = pv.to_json();
        return std::move(pv.value);
    }

    /// The proof read under `label`, or null if the query did not read one.
    json proof(const std::string& label) const {
        auto it = m_proofs.find(label);
        return it == m_proofs.end() ? json(nullptr) : it->second;
    }

private:
    const Chain& m_chain;
    const ledger::Header& m_header;
    std::map<std::string, json> m_proofs;
};

// A proven query: everything is read at one committed height and the answer carries a bundle
// (header, commit, validator set, proofs) that a verifier checks without trusting this node.
Result<json> run_proven(const Chain& chain,
                        const vm::QuerySpec& query,
                        vm::QueryContext ctx,
                        const vm::QueryArgs& args) {
    AZORA_ASSIGN(auto height_opt, args.opt_u64("height"));
    const uint64_t head = chain.head().height;
    const uint64_t height = height_opt.value_or(head);
    // Height 0 (genesis) has no header or commit to anchor the proofs to.
    if (height == 0 || height > head) {
        return Error::from(reasons::kNotFound, "no committed block at that height");
    }
    AZORA_ASSIGN(auto header, chain.store().header(height));
    AZORA_ASSIGN(auto commit, chain.store().commit(height));
    if (!header || !commit) {
        return Error::from(reasons::kNotFound, "no header or commit at that height");
    }
    HeaderProvenState proven(chain, *header);
    ctx.proven = &proven;
    AZORA_ASSIGN(json out, query.run(ctx, args));
    json bundle{{"header", header_to_json(*header, ctx.hrp)},
                {"commit", commit_to_json(*commit)},
                {"validators", validators_to_json(chain.validators())}};
    for (const std::string& label : query.proof_labels) {
        bundle[label] = proven.proof(label);
    }
    out["bundle"] = std::move(bundle);
    return out;
}

}  // namespace

Result<void> register_module_queries(rpc::MethodTable& table,
                                     RpcBackend& b,
                                     const vm::ModuleRegistry& registry) {
    const std::string hrp(b.chain.genesis().hrp());
    for (const vm::ModuleSpec* module : registry.modules()) {
        for (const vm::QuerySpec& query : module->queries) {
            std::vector<vm::QueryParam> declared = query.params;
            if (!query.proof_labels.empty()) {
                declared.push_back(kHeightParam);
            }
            std::vector<rpc::ParamSpec> params;
            for (const vm::QueryParam& p : declared) {
                params.push_back({p.name, p.type, p.required, p.description});
            }
            // The registry outlives the table, so the handler keeps a reference to the query.
            auto handler = [&b, &query, declared, hrp](const json& raw) -> Result<json> {
                const json named = named_params(raw, declared);
                const vm::QueryArgs args(named, hrp);
                const vm::QueryContext ctx{b.chain.state(), b.chain.head().height, hrp};
                if (!query.proof_labels.empty()) {
                    return run_proven(b.chain, query, ctx, args);
                }
                return query.run(ctx, args);
            };
            AZORA_TRY(table.add({query.method, query.summary, std::move(params), query.result,
                                 query.result_type, false, std::move(handler)}));
        }
    }
    return {};
}

}  // namespace azora::node
