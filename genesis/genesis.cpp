#include "genesis/genesis.hpp"

#include <fstream>
#include <sstream>

#include "core/amount.hpp"
#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "core/utc_time.hpp"
#include "ledger/limits.hpp"
#include "vm/genesis_json.hpp"

namespace azora::genesis {
namespace {

using nlohmann::json;
using vm::genesis_json::bad;
using vm::genesis_json::get_string;
using vm::genesis_json::get_u64;
using vm::genesis_json::member;

Result<vm::GasSchedule> parse_gas(const json& j, const std::string& path) {
    vm::GasSchedule g;
    AZORA_ASSIGN(g.tx_base, get_u64(j, path, "tx_base"));
    AZORA_ASSIGN(g.per_payload_byte, get_u64(j, path, "per_payload_byte"));
    AZORA_ASSIGN(g.per_state_write, get_u64(j, path, "per_state_write"));
    AZORA_ASSIGN(g.default_action, get_u64(j, path, "default_action"));
    if (j.contains("actions")) {
        const json& a = j.at("actions");
        if (!a.is_object()) {
            return bad(path + "actions", "must be an object of action name -> gas");
        }
        for (const auto& [name, value] : a.items()) {
            AZORA_ASSIGN(uint64_t gas, get_u64(a, path + "actions.", name.c_str()));
            g.actions.emplace(name, gas);
        }
    }
    return g;
}

}  // namespace

Result<Genesis> Genesis::from_json(const json& j) {
    if (!j.is_object()) {
        return bad("(root)", "must be a JSON object");
    }
    Genesis g;
    AZORA_ASSIGN(g.chain_id, get_string(j, "", "chain_id"));
    if (g.chain_id.empty() || g.chain_id.size() > ledger::limits::kChainIdMax) {
        return bad("chain_id", "must be 1 to 64 characters");
    }
    for (char c : g.chain_id) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) {
            return bad("chain_id", "only letters, digits, '-', '_' and '.' are allowed");
        }
    }
    AZORA_ASSIGN(std::string time_text, get_string(j, "", "genesis_time"));
    auto time = parse_utc_time(time_text);
    if (!time) {
        return bad("genesis_time", time.error().message);
    }
    g.genesis_time_ms = *time;

    AZORA_ASSIGN(const json* params, member(j, "", "params"));
    g.params.chain_id = g.chain_id;
    AZORA_ASSIGN(g.params.min_gas_price, get_u64(*params, "params.", "min_gas_price"));
    AZORA_ASSIGN(g.params.max_tx_gas, get_u64(*params, "params.", "max_tx_gas"));
    AZORA_ASSIGN(const json* gas, member(*params, "params.", "gas"));
    AZORA_ASSIGN(g.params.gas, parse_gas(*gas, "params.gas."));

    const std::string hrp(g.hrp());
    AZORA_ASSIGN(g.accounts, vm::token::parse_genesis_accounts(j, hrp));

    AZORA_ASSIGN(const json* validators, member(j, "", "validators"));
    if (!validators->is_array() || validators->empty()) {
        return bad("validators", "must be a non-empty array");
    }
    for (size_t i = 0; i < validators->size(); ++i) {
        const std::string path = "validators[" + std::to_string(i) + "].";
        const json& v = validators->at(i);
        GenesisValidator gv;
        AZORA_ASSIGN(gv.name, get_string(v, path, "name"));
        AZORA_ASSIGN(std::string key_hex, get_string(v, path, "pubkey"));
        auto key = fixed_from_hex<32>(key_hex);
        if (!key) {
            return bad(path + "pubkey", "must be 64 hex digits (x-only public key)");
        }
        gv.pubkey = *key;
        if (!is_valid_pubkey(gv.pubkey)) {
            return bad(path + "pubkey", "not a valid secp256k1 x-only public key");
        }
        for (const auto& earlier : g.validators) {
            if (earlier.pubkey == gv.pubkey) {
                return bad(path + "pubkey", "duplicate validator");
            }
        }
        AZORA_ASSIGN(gv.power, get_u64(v, path, "power"));
        if (gv.power == 0) {
            return bad(path + "power", "must be positive");
        }
        g.validators.push_back(std::move(gv));
    }
    auto set = g.validator_set();
    if (!set) {
        return bad("validators", set.error().message);
    }
    AZORA_ASSIGN(g.council, vm::governance::parse_genesis_council(j, hrp));
    AZORA_ASSIGN(g.issuers, vm::credential::parse_genesis_issuers(j, hrp));
    return g;
}

Result<Genesis> Genesis::load(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) {
        return Error::malformed("bad_genesis", "cannot read " + path.string());
    }
    std::stringstream ss;
    ss << in.rdbuf();
    json j = json::parse(ss.str(), nullptr, false);
    if (j.is_discarded()) {
        return Error::malformed("bad_genesis", path.string() + ": not valid JSON");
    }
    return from_json(j);
}

json Genesis::to_json() const {
    json gas_actions = json::object();
    for (const auto& [name, gas] : params.gas.actions) {
        gas_actions[name] = std::to_string(gas);
    }
    json accts = json::array();
    for (const auto& a : accounts) {
        accts.push_back(
            {{"address", a.address.to_string(hrp())}, {"balance", std::to_string(a.balance)}});
    }
    json vals = json::array();
    for (const auto& v : validators) {
        vals.push_back(
            {{"name", v.name}, {"pubkey", to_hex(v.pubkey)}, {"power", std::to_string(v.power)}});
    }
    json out = {{"chain_id", chain_id},
                {"genesis_time", format_utc_time(genesis_time_ms)},
                {"params",
                 {{"min_gas_price", std::to_string(params.min_gas_price)},
                  {"max_tx_gas", std::to_string(params.max_tx_gas)},
                  {"gas",
                   {{"tx_base", std::to_string(params.gas.tx_base)},
                    {"per_payload_byte", std::to_string(params.gas.per_payload_byte)},
                    {"per_state_write", std::to_string(params.gas.per_state_write)},
                    {"default_action", std::to_string(params.gas.default_action)},
                    {"actions", gas_actions}}}}},
                {"accounts", accts},
                {"validators", vals}};
    if (council) {
        json members = json::array();
        for (const auto& m : council->members) {
            members.push_back(m.to_string(hrp()));
        }
        out["council"] = {{"members", members},
                          {"threshold", std::to_string(council->threshold)},
                          {"proposal_ttl_blocks", std::to_string(council->proposal_ttl_blocks)}};
    }
    if (!issuers.empty()) {
        json list = json::array();
        for (const auto& i : issuers) {
            list.push_back(
                {{"address", i.address.to_string(hrp())}, {"name", i.name}, {"url", i.url}});
        }
        out["issuers"] = list;
    }
    return out;
}

Hash32 Genesis::hash() const {
    Writer w;
    w.string(chain_id);
    w.u64(genesis_time_ms);
    w.u64(params.min_gas_price);
    w.u64(params.max_tx_gas);
    w.u64(params.gas.tx_base);
    w.u64(params.gas.per_payload_byte);
    w.u64(params.gas.per_state_write);
    w.u64(params.gas.default_action);
    w.varint(params.gas.actions.size());
    for (const auto& [name, gas] : params.gas.actions) {
        w.string(name);
        w.u64(gas);
    }
    w.varint(accounts.size());
    for (const auto& a : accounts) {
        w.fixed_bytes(a.address.bytes);
        w.u64(a.balance);
    }
    w.varint(validators.size());
    for (const auto& v : validators) {
        w.string(v.name);
        w.fixed_bytes(v.pubkey);
        w.u64(v.power);
    }
    w.boolean(council.has_value());
    if (council) {
        w.raw(council->encode());  // the council record (docs/protocol.md 19.4)
    }
    w.varint(issuers.size());
    for (const auto& i : issuers) {
        w.fixed_bytes(i.address.bytes);
        w.string(i.name);
        w.string(i.url);
    }
    return tagged_hash(tags::kGenesis, w.data());
}

std::string_view Genesis::hrp() const {
    return chain_id.starts_with("azora-mainnet-") ? kMainnetHrp : kTestnetHrp;
}

Result<consensus::ValidatorSet> Genesis::validator_set() const {
    std::vector<std::pair<PubKey, uint64_t>> members;
    for (const auto& v : validators) {
        members.emplace_back(v.pubkey, v.power);
    }
    return consensus::ValidatorSet::create(std::move(members));
}

}  // namespace azora::genesis
