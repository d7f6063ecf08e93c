#include "node/json_codec.hpp"

namespace azora::node {

using nlohmann::json;

json header_to_json(const ledger::Header& h, std::string_view hrp) {
    return {{"version", h.version},
            {"chain_id", h.chain_id},
            {"height", h.height},
            {"time_ms", h.time_ms},
            {"hash", to_hex(h.hash())},
            {"parent", to_hex(h.parent)},
            {"tx_root", to_hex(h.tx_root)},
            {"evidence_root", to_hex(h.evidence_root)},
            {"receipts_root", to_hex(h.receipts_root)},
            {"state_root", to_hex(h.state_root)},
            {"validators_hash", to_hex(h.validators_hash)},
            {"next_validators_hash", to_hex(h.next_validators_hash)},
            {"proposer", h.proposer.to_string(hrp)},
            {"raw", to_hex(h.encode())}};
}

json evidence_to_json(const ledger::Evidence& ev, std::string_view hrp) {
    return {{"hash", to_hex(ev.hash())},
            {"type", ev.vote_type == 1 ? "prevote" : "precommit"},
            {"height", ev.height},
            {"round", ev.round},
            {"validator_index", ev.validator_index},
            {"validator_pubkey", to_hex(ev.validator)},
            {"validator", Address::from_pubkey(ev.validator).to_string(hrp)},
            {"block_hash_a", to_hex(ev.block_hash_a)},
            {"block_hash_b", to_hex(ev.block_hash_b)},
            {"raw", to_hex(ev.encode())}};
}

json commit_to_json(const ledger::Commit& c) {
    json sigs = json::array();
    for (const auto& s : c.signatures) {
        sigs.push_back(
            {{"validator_index", s.validator_index}, {"signature", to_hex(s.signature)}});
    }
    return {{"height", c.height},
            {"round", c.round},
            {"block_hash", to_hex(c.block_hash)},
            {"signatures", sigs},
            {"raw", to_hex(c.encode())}};
}

json tx_to_json(const ledger::Tx& tx, const Hash32& hash, std::string_view hrp) {
    return {{"hash", to_hex(hash)},
            {"version", tx.version},
            {"chain_id", tx.chain_id},
            {"sender", Address::from_pubkey(tx.sender).to_string(hrp)},
            {"sender_pubkey", to_hex(tx.sender)},
            {"nonce", tx.nonce},
            {"gas_limit", tx.gas_limit},
            {"gas_price", std::to_string(tx.gas_price)},
            {"expires_at_height", tx.expires_at_height},
            {"module", tx.module},
            {"action", tx.action},
            {"payload", to_hex(tx.payload)},
            {"signature", to_hex(tx.signature)}};
}

json receipt_to_json(const ledger::Receipt& r) {
    json events = json::array();
    for (const auto& e : r.events) {
        json attrs = json::object();
        for (const auto& [k, v] : e.attributes) {
            attrs[k] = v;
        }
        events.push_back({{"module", e.module}, {"type", e.type}, {"attributes", attrs}});
    }
    return {{"status", r.status == ledger::TxStatus::success ? "success" : "failed"},
            {"gas_used", r.gas_used},
            {"error", r.error},
            {"events", events}};
}

json validators_to_json(const consensus::ValidatorSet& set) {
    json out = json::array();
    for (const auto& v : set.validators()) {
        out.push_back({{"pubkey", to_hex(v.pubkey)}, {"power", std::to_string(v.power)}});
    }
    return out;
}

}  // namespace azora::node
