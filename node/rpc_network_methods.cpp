// consensus_state, consensus_evidence, validator_list, net_peers and the admin_* peer methods.
#include "core/reasons.hpp"
#include "core/utc_time.hpp"
#include "genesis/genesis.hpp"
#include "node/json_codec.hpp"
#include "node/rpc_methods.hpp"
#include "rpc/params.hpp"
#include "vm/evidence_records.hpp"

namespace azora::node {

using nlohmann::json;

namespace {

constexpr uint64_t kDefaultBanMs = 24 * 3'600'000;
constexpr uint64_t kMaxBanMs = 365ull * 24 * 3'600'000;
constexpr uint64_t kDefaultEvidenceLimit = 100;
constexpr uint64_t kMaxEvidenceLimit = 1000;

Result<PeerId> parse_peer_id(const rpc::Params& p) {
    AZORA_ASSIGN(std::string hex, p.get_string(0, "node_id"));
    auto id = fixed_from_hex<32>(hex);
    if (!id) {
        return Error::from(reasons::kInvalidParams, "node_id must be 64 hex digits");
    }
    return PeerId(*id);
}

Result<NetworkControl*> need_network(const RpcBackend& b) {
    if (b.network == nullptr) {
        return Error::from(reasons::kP2pDisabled, "this node runs without P2P");
    }
    return b.network;
}

json peer_json(const PeerSummary& s) {
    return json{{"node_id", to_hex(s.id)},
                {"remote_address", s.remote_address},
                {"listen_port", s.listen_port},
                {"outbound", s.outbound},
                {"persistent", s.persistent},
                {"score", s.score},
                {"connected_for_ms", s.connected_for_ms},
                {"bytes_in", s.bytes_in},
                {"bytes_out", s.bytes_out}};
}

// One page of recorded evidence after `cursor` (hex of the last hash of the previous page).
Result<json> evidence_page(const Chain& chain, const json& params, std::string_view hrp) {
    rpc::Params p(params);
    AZORA_ASSIGN(auto cursor_hex, p.opt_string(0, "cursor"));
    Bytes cursor;
    if (cursor_hex) {
        auto bytes = from_hex(*cursor_hex);
        if (!bytes || bytes->size() != 32) {
            return Error::from(reasons::kInvalidParams,
                               "bad_cursor: cursor must be a next_cursor from this method");
        }
        cursor = std::move(*bytes);
    }
    AZORA_ASSIGN(auto limit_arg, p.opt_u64(1, "limit"));
    const uint64_t limit = limit_arg.value_or(kDefaultEvidenceLimit);
    if (limit == 0 || limit > kMaxEvidenceLimit) {
        return Error::from(reasons::kInvalidParams,
                           "limit must be 1 to " + std::to_string(kMaxEvidenceLimit));
    }
    AZORA_ASSIGN(auto records,
                 vm::evidence::list_evidence(chain.state(), cursor, static_cast<size_t>(limit)));
    json next = nullptr;
    if (records.size() == limit) {
        // A full page: a cursor only if another record follows, so the last page says it is.
        const Hash32& last = records.back().hash;
        AZORA_ASSIGN(auto more, vm::evidence::list_evidence(chain.state(), last, 1));
        if (!more.empty()) {
            next = to_hex(last);
        }
    }
    json items = json::array();
    for (const auto& record : records) {
        json item = evidence_to_json(record.evidence, hrp);
        item["included_height"] = record.included_height;
        items.push_back(std::move(item));
    }
    return json{{"evidence", std::move(items)}, {"next_cursor", std::move(next)}};
}

}  // namespace

Result<void> register_network_methods(rpc::MethodTable& table, RpcBackend& b) {
    const std::string hrp(b.chain.genesis().hrp());
    AZORA_TRY(table.add(
        {"consensus_state",
         "Where consensus is: the height being decided, its round and step, whether the node "
         "is catching up, and when it last committed a block.",
         {},
         "height, round, step, syncing, best_peer_height, last_commit_time_ms, "
         "last_commit_time, validator_index (null for a node that only follows)",
         "object",
         false,
         [&b](const json&) -> Result<json> {
             if (!b.consensus_status) {
                 return Error::from(reasons::kUnavailable, "consensus is not running");
             }
             const ConsensusStatus s = b.consensus_status();
             json out{
                 {"height", s.height},
                 {"round", s.round},
                 {"step", std::string(consensus::to_string(s.step))},
                 {"syncing", s.syncing},
                 {"best_peer_height", s.best_peer_height},
                 {"last_commit_time_ms", s.last_commit_time_ms},
                 {"last_commit_time", s.last_commit_time_ms == 0
                                          ? json(nullptr)
                                          : json(::azora::format_utc_time(s.last_commit_time_ms))},
                 {"validator_index", nullptr}};
             if (s.validator_index) {
                 out["validator_index"] = *s.validator_index;
             }
             return out;
         }}));

    AZORA_TRY(table.add({"consensus_evidence",
                         "Equivocation evidence recorded on chain: two different signed votes of "
                         "one validator for the same height, round and type.",
                         {{"cursor", "hex", false, "next_cursor of the previous page"},
                          {"limit", "u64", false, "records per page, 1 to 1000 (default 100)"}},
                         "{evidence [{hash, type, height, round, validator_index, validator, "
                         "validator_pubkey, block_hash_a, block_hash_b, included_height, raw}], "
                         "next_cursor}",
                         "object",
                         false,
                         [&b, hrp](const json& params) -> Result<json> {
                             return evidence_page(b.chain, params, hrp);
                         }}));

    AZORA_TRY(table.add(
        {"validator_list",
         "The validator set of the next height, in index order, with its proposer rotation "
         "state.",
         {},
         "validators_hash, total_power, quorum_power, next_proposer, validators [{index, "
         "address, pubkey, power, proposer_priority}]",
         "object",
         false,
         [&b, hrp](const json&) -> Result<json> {
             const consensus::ValidatorSet set = b.chain.validators();
             json list = json::array();
             for (size_t i = 0; i < set.size(); ++i) {
                 const auto& v = set.validators()[i];
                 list.push_back(json{{"index", i},
                                     {"address", v.address.to_string(hrp)},
                                     {"pubkey", to_hex(v.pubkey)},
                                     {"power", std::to_string(v.power)},
                                     {"proposer_priority", v.proposer_priority}});
             }
             return json{{"validators_hash", to_hex(set.hash())},
                         {"total_power", std::to_string(set.total_power())},
                         {"quorum_power", std::to_string(set.quorum_power())},
                         {"next_proposer", set.proposer().address.to_string(hrp)},
                         {"validators", std::move(list)}};
         }}));

    AZORA_TRY(table.add({"net_peers",
                         "The connected P2P peers.",
                         {},
                         "array of {node_id, remote_address, listen_port, outbound, persistent, "
                         "score, connected_for_ms, bytes_in, bytes_out}",
                         "array",
                         false,
                         [&b](const json&) -> Result<json> {
                             json out = json::array();
                             if (b.network != nullptr) {
                                 for (const auto& p : b.network->peers()) {
                                     out.push_back(peer_json(p));
                                 }
                             }
                             return out;
                         }}));

    AZORA_TRY(table.add({"admin_addPeer",
                         "Dials a peer now; a persistent one is redialled whenever it disconnects.",
                         {{"address", "string", true, "NODEID@host:port or host:port"},
                          {"persistent", "boolean", false, "keep reconnecting (default false)"}},
                         "{added: true}",
                         "object",
                         true,
                         [&b](const json& params) -> Result<json> {
                             rpc::Params p(params);
                             AZORA_ASSIGN(NetworkControl * net, need_network(b));
                             AZORA_ASSIGN(std::string address, p.get_string(0, "address"));
                             AZORA_ASSIGN(auto persistent, p.opt_bool(1, "persistent"));
                             AZORA_TRY(net->add_peer(address, persistent.value_or(false)));
                             return json{{"added", true}};
                         }}));

    AZORA_TRY(table.add({"admin_removePeer",
                         "Disconnects a peer and forgets it as a persistent peer.",
                         {{"node_id", "hex", true, "the peer's node id (64 hex digits)"}},
                         "{removed: true}",
                         "object",
                         true,
                         [&b](const json& params) -> Result<json> {
                             rpc::Params p(params);
                             AZORA_ASSIGN(NetworkControl * net, need_network(b));
                             AZORA_ASSIGN(PeerId id, parse_peer_id(p));
                             AZORA_TRY(net->remove_peer(id));
                             return json{{"removed", true}};
                         }}));

    return table.add({"admin_banPeer",
                      "Disconnects a peer and refuses it for a while.",
                      {{"node_id", "hex", true, "the peer's node id (64 hex digits)"},
                       {"duration_ms", "u64", false, "how long (default 24 h, at most 365 days)"},
                       {"reason", "string", false, "recorded with the ban"}},
                      "{banned: true, duration_ms}",
                      "object",
                      true,
                      [&b](const json& params) -> Result<json> {
                          rpc::Params p(params);
                          AZORA_ASSIGN(NetworkControl * net, need_network(b));
                          AZORA_ASSIGN(PeerId id, parse_peer_id(p));
                          AZORA_ASSIGN(auto duration, p.opt_u64(1, "duration_ms"));
                          AZORA_ASSIGN(auto reason, p.opt_string(2, "reason"));
                          const uint64_t ms = duration.value_or(kDefaultBanMs);
                          if (ms == 0 || ms > kMaxBanMs) {
                              return Error::from(reasons::kInvalidParams,
                                                 "duration_ms must be between 1 and 365 days");
                          }
                          net->ban_peer(id, std::chrono::milliseconds(ms),
                                        reason.value_or("admin"));
                          return json{{"banned", true}, {"duration_ms", ms}};
                      }});
}

}  // namespace azora::node
