#include <algorithm>
#include <chrono>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "core/bytes.hpp"
#include "core/reasons.hpp"
#include "node/options.hpp"

namespace azora::node {
namespace {

using nlohmann::json;

// A config file is a few hundred bytes; anything far larger is not one.
constexpr std::streamsize kMaxConfigBytes = 1 << 20;
constexpr size_t kMaxPeerEntries = 1024;
constexpr size_t kMaxBindLength = 255;

Error bad(const std::string& file, const std::string& key, const std::string& what) {
    return Error::from(reasons::kBadConfig, file + ": " + key + " " + what);
}

template <typename T>
Result<void> read_uint(const json& j,
                       const char* key,
                       T& out,
                       const std::string& file,
                       uint64_t min = 0,
                       uint64_t max = std::numeric_limits<T>::max()) {
    if (!j.contains(key)) {
        return {};
    }
    const json& v = j.at(key);
    if (!v.is_number_unsigned()) {
        return bad(file, key, "must be an unsigned integer");
    }
    const uint64_t n = v.get<uint64_t>();
    if (n < min || n > max || n > static_cast<uint64_t>(std::numeric_limits<T>::max())) {
        return bad(file, key,
                   "must be between " + std::to_string(min) + " and " + std::to_string(max));
    }
    out = static_cast<T>(n);
    return {};
}

// A duration in milliseconds.
Result<void> read_ms(const json& j,
                     const char* key,
                     std::chrono::milliseconds& out,
                     const std::string& file,
                     uint64_t min,
                     uint64_t max) {
    uint64_t ms = static_cast<uint64_t>(out.count());
    AZORA_TRY(read_uint(j, key, ms, file, min, max));
    out = std::chrono::milliseconds(ms);
    return {};
}

Result<void> read_bool(const json& j, const char* key, bool& out, const std::string& file) {
    if (!j.contains(key)) {
        return {};
    }
    if (!j.at(key).is_boolean()) {
        return bad(file, key, "must be true or false");
    }
    out = j.at(key).get<bool>();
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
        return bad(file, key, "must be a string");
    }
    out = j.at(key).get<std::string>();
    return {};
}

// A listen address: non-empty and short; the socket layer checks the rest.
Result<void> read_bind(const json& j, const char* key, std::string& out, const std::string& file) {
    std::string value = out;
    AZORA_TRY(read_string(j, key, value, file));
    if (value.empty() || value.size() > kMaxBindLength) {
        return bad(file, key, "must be a non-empty address");
    }
    out = std::move(value);
    return {};
}

// Relative paths in a config file are relative to the file, not the working directory.
Result<void> read_path(const json& j,
                       const char* key,
                       std::optional<std::filesystem::path>& out,
                       const std::filesystem::path& base,
                       const std::string& file) {
    std::string text;
    AZORA_TRY(read_string(j, key, text, file));
    if (j.contains(key)) {
        if (text.empty()) {
            return bad(file, key, "must not be empty");
        }
        // "." (what azorad init and testnet write for datadir) is the file's own directory.
        out = text == "." && !base.empty() ? base : base / text;
    }
    return {};
}

// "NODEID@host:port" (NODEID: 64 hex digits) or "host:port"; host is a name, an IPv4 address
// or a bracketed IPv6 address. Returns what is wrong, or nothing. The P2P layer resolves it.
std::optional<std::string> peer_address_problem(const std::string& text) {
    constexpr size_t kMaxHostLength = 253;
    std::string_view rest = text;
    if (const auto at = rest.find('@'); at != std::string_view::npos) {
        if (!fixed_from_hex<32>(rest.substr(0, at))) {
            return "node id before '@' must be 64 hex digits";
        }
        rest.remove_prefix(at + 1);
    }
    const auto colon = rest.rfind(':');
    if (colon == std::string_view::npos) {
        return "must be host:port";
    }
    const std::string_view host = rest.substr(0, colon);
    const std::string_view port = rest.substr(colon + 1);
    if (host.empty() || host.size() > kMaxHostLength ||
        (host.front() == '[') != (host.back() == ']') ||
        (host.front() != '[' && host.find(':') != std::string_view::npos) ||
        host.find('@') != std::string_view::npos) {
        return "has a bad host (IPv6 needs brackets)";
    }
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return "has a bad port";
    }
    const unsigned long p = std::stoul(std::string(port));
    if (p == 0 || p > 65535) {
        return "port must be between 1 and 65535";
    }
    return std::nullopt;
}

Result<void> read_peers(const json& j,
                        const char* key,
                        std::vector<std::string>& out,
                        const std::string& file) {
    if (!j.contains(key)) {
        return {};
    }
    const json& v = j.at(key);
    if (!v.is_array()) {
        return bad(file, key, "must be an array of \"NODEID@host:port\" or \"host:port\" strings");
    }
    if (v.size() > kMaxPeerEntries) {
        return bad(file, key, "has more than " + std::to_string(kMaxPeerEntries) + " entries");
    }
    std::vector<std::string> peers;
    for (size_t i = 0; i < v.size(); ++i) {
        const std::string where = std::string(key) + "[" + std::to_string(i) + "]";
        if (!v[i].is_string()) {
            return bad(file, where, "must be a string");
        }
        if (auto problem = peer_address_problem(v[i].get<std::string>())) {
            return bad(file, where, *problem);
        }
        peers.push_back(v[i].get<std::string>());
    }
    out = std::move(peers);
    return {};
}

Result<json> read_json_object(const std::filesystem::path& path) {
    const std::string file = path.string();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Error::from(reasons::kBadConfig, "cannot read config file " + file);
    }
    std::string text(static_cast<size_t>(kMaxConfigBytes) + 1, '\0');
    in.read(text.data(), kMaxConfigBytes + 1);
    if (in.gcount() > kMaxConfigBytes) {
        return Error::from(reasons::kBadConfig, file + ": larger than 1 MiB");
    }
    text.resize(static_cast<size_t>(in.gcount()));
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        return Error::from(reasons::kBadConfig, file + ": not a JSON object");
    }
    return j;
}

}  // namespace

Result<void> load_config_file(const std::filesystem::path& path, NodeOptions& o) {
    const std::string file = path.string();
    AZORA_ASSIGN(const json j, read_json_object(path));
    static const std::set<std::string> kKnown = {
        "datadir",
        "genesis_file",
        "validator_key_file",
        "node_key_file",
        "rpc_bind",
        "rpc_port",
        "rpc_threads",
        "rpc_max_connections",
        "p2p_enabled",
        "p2p_bind",
        "p2p_port",
        "persistent_peers",
        "seeds",
        "max_inbound_peers",
        "max_outbound_peers",
        "max_frame_bytes",
        "ban_duration_ms",
        "ban_score",
        "timeout_propose_ms",
        "timeout_propose_delta_ms",
        "timeout_prevote_ms",
        "timeout_prevote_delta_ms",
        "timeout_precommit_ms",
        "timeout_precommit_delta_ms",
        "block_time_ms",
        "max_block_txs",
        "mempool_max_txs",
        "state_versions_kept",
    };
    for (const auto& [key, value] : j.items()) {
        if (!kKnown.contains(key)) {
            return Error::from(reasons::kBadConfig, file + ": unknown key '" + key + "'");
        }
    }
    // Parse into a copy so a bad file leaves `o` untouched.
    NodeOptions n = o;
    const auto base = path.parent_path();
    std::optional<std::filesystem::path> datadir;
    AZORA_TRY(read_path(j, "datadir", datadir, base, file));
    if (datadir) {
        n.datadir = *datadir;
    }
    AZORA_TRY(read_path(j, "genesis_file", n.genesis_file, base, file));
    AZORA_TRY(read_path(j, "validator_key_file", n.validator_key_file, base, file));
    AZORA_TRY(read_path(j, "node_key_file", n.node_key_file, base, file));

    rpc::ServerOptions& rpc = n.rpc;
    AZORA_TRY(read_bind(j, "rpc_bind", rpc.bind_address, file));
    AZORA_TRY(read_uint(j, "rpc_port", rpc.port, file));
    AZORA_TRY(read_uint(j, "rpc_threads", rpc.threads, file, 1, 256));
    AZORA_TRY(read_uint(j, "rpc_max_connections", rpc.max_connections, file, 1, 1'000'000));

    p2p::P2pOptions& p2p = n.p2p;
    AZORA_TRY(read_bool(j, "p2p_enabled", n.p2p_enabled, file));
    AZORA_TRY(read_bind(j, "p2p_bind", p2p.bind, file));
    AZORA_TRY(read_uint(j, "p2p_port", p2p.port, file));
    AZORA_TRY(read_peers(j, "persistent_peers", p2p.persistent_peers, file));
    AZORA_TRY(read_peers(j, "seeds", p2p.seeds, file));
    AZORA_TRY(read_uint(j, "max_inbound_peers", p2p.max_inbound, file, 0, 1000));
    AZORA_TRY(read_uint(j, "max_outbound_peers", p2p.max_outbound, file, 0, 1000));
    AZORA_TRY(read_uint(j, "max_frame_bytes", p2p.max_frame_bytes, file, 1024, 64u << 20));
    AZORA_TRY(read_ms(j, "ban_duration_ms", p2p.ban_duration, file, 0, 31'536'000'000));
    AZORA_TRY(read_uint(j, "ban_score", p2p.ban_score, file, 1, 1'000'000));

    constexpr uint64_t kMaxTimeoutMs = 600'000;
    consensus::RoundMachineOptions& m = n.consensus.machine;
    AZORA_TRY(read_uint(j, "timeout_propose_ms", m.timeout_propose_ms, file, 1, kMaxTimeoutMs));
    AZORA_TRY(read_uint(j, "timeout_propose_delta_ms", m.timeout_propose_delta_ms, file, 0,
                        kMaxTimeoutMs));
    AZORA_TRY(read_uint(j, "timeout_prevote_ms", m.timeout_prevote_ms, file, 1, kMaxTimeoutMs));
    AZORA_TRY(read_uint(j, "timeout_prevote_delta_ms", m.timeout_prevote_delta_ms, file, 0,
                        kMaxTimeoutMs));
    AZORA_TRY(read_uint(j, "timeout_precommit_ms", m.timeout_precommit_ms, file, 1, kMaxTimeoutMs));
    AZORA_TRY(read_uint(j, "timeout_precommit_delta_ms", m.timeout_precommit_delta_ms, file, 0,
                        kMaxTimeoutMs));

    AZORA_TRY(read_ms(j, "block_time_ms", n.consensus.commit_wait, file, 10, 600'000));
    AZORA_TRY(read_uint(j, "max_block_txs", n.consensus.max_block_txs, file, 1, 10'000'000));
    AZORA_TRY(read_uint(j, "mempool_max_txs", n.mempool.max_txs, file, 1, 100'000'000));
    AZORA_TRY(read_uint(j, "state_versions_kept", n.state_versions_kept, file, 1));
    o = std::move(n);
    return {};
}

}  // namespace azora::node
