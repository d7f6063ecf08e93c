#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "node/options.hpp"

namespace azora::node {
namespace {

using nlohmann::json;

template <typename T>
Result<void> read_uint(const json& j, const char* key, T& out, const std::string& file) {
    if (!j.contains(key)) {
        return {};
    }
    const json& v = j.at(key);
    if (!v.is_number_unsigned() || v.get<uint64_t>() > std::numeric_limits<T>::max()) {
        return Error::malformed("bad_config",
                                file + ": " + key + " must be an unsigned integer in range");
    }
    out = static_cast<T>(v.get<uint64_t>());
    return {};
}

Result<void> read_string(const json& j,
                         const char* key,
                         std::string& out,
                         const std::string& file) {
    if (!j.contains(key)) {
        return {};
    }
    if (!j.at(key).is_string()) {
        return Error::malformed("bad_config", file + ": " + key + " must be a string");
    }
    out = j.at(key).get<std::string>();
    return {};
}

}  // namespace

Result<void> load_config_file(const std::filesystem::path& path, NodeOptions& o) {
    const std::string file = path.string();
    std::ifstream in(path);
    if (!in) {
        return Error::malformed("bad_config", "cannot read config file " + file);
    }
    std::stringstream ss;
    ss << in.rdbuf();
    json j = json::parse(ss.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        return Error::malformed("bad_config", file + ": not a JSON object");
    }
    static const std::set<std::string> kKnown = {
        "datadir",       "genesis_file",  "validator_key_file",  "rpc_bind",
        "rpc_port",      "rpc_threads",   "rpc_max_connections", "p2p_port",
        "block_time_ms", "max_block_txs", "mempool_max_txs",     "state_versions_kept"};
    for (const auto& [key, value] : j.items()) {
        if (!kKnown.contains(key)) {
            return Error::malformed("bad_config", file + ": unknown key '" + key + "'");
        }
    }
    std::string datadir, genesis, vkey;
    AZORA_TRY(read_string(j, "datadir", datadir, file));
    AZORA_TRY(read_string(j, "genesis_file", genesis, file));
    AZORA_TRY(read_string(j, "validator_key_file", vkey, file));
    // Relative paths in a config file are relative to the file, not the working directory.
    const auto base = path.parent_path();
    if (!datadir.empty()) {
        o.datadir = base / datadir;
    }
    if (!genesis.empty()) {
        o.genesis_file = base / genesis;
    }
    if (!vkey.empty()) {
        o.validator_key_file = base / vkey;
    }
    AZORA_TRY(read_string(j, "rpc_bind", o.rpc_bind, file));
    AZORA_TRY(read_uint(j, "rpc_port", o.rpc_port, file));
    AZORA_TRY(read_uint(j, "rpc_threads", o.rpc_threads, file));
    AZORA_TRY(read_uint(j, "rpc_max_connections", o.rpc_max_connections, file));
    AZORA_TRY(read_uint(j, "p2p_port", o.p2p_port, file));
    AZORA_TRY(read_uint(j, "block_time_ms", o.block_time_ms, file));
    AZORA_TRY(read_uint(j, "max_block_txs", o.max_block_txs, file));
    AZORA_TRY(read_uint(j, "mempool_max_txs", o.mempool_max_txs, file));
    AZORA_TRY(read_uint(j, "state_versions_kept", o.state_versions_kept, file));
    return {};
}

}  // namespace azora::node
