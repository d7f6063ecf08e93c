#include "wallet-cli/bundle_verifier.hpp"

#include <charconv>

#include "consensus/commit_verifier.hpp"
#include "consensus/validator_set.hpp"
#include "core/hash.hpp"
#include "core/smt.hpp"
#include "ledger/commit.hpp"
#include "vm/modules/credential/keys.hpp"

namespace azora::wallet {

namespace {

using nlohmann::json;
namespace cred = vm::credential;

Error fail(const std::string& reason, const std::string& message) {
    return Error::rejected(reason, message);
}

/// The string member `name` of `j` as bytes from hex, or nullopt if missing or not hex.
std::optional<Bytes> hex_member(const json& j, const char* name) {
    if (!j.is_object() || !j.contains(name) || !j.at(name).is_string()) {
        return std::nullopt;
    }
    return from_hex(j.at(name).get<std::string>());
}

Result<ledger::Header> check_header(const json& bundle) {
    const json& h = bundle.contains("header") ? bundle.at("header") : json();
    auto raw = hex_member(h, "raw");
    if (!raw) {
        return fail("bad_header", "the bundle has no header.raw");
    }
    auto header = ledger::Header::decode(*raw);
    if (!header) {
        return fail("bad_header", "header.raw does not decode: " + header.error().to_string());
    }
    if (h.contains("hash")) {
        auto claimed = hex_member(h, "hash");
        const Hash32 actual = header->hash();
        if (!claimed || *claimed != Bytes(actual.begin(), actual.end())) {
            return fail("bad_header", "header.hash is not the hash of header.raw");
        }
    }
    return std::move(header).value();
}

Result<ledger::Commit> check_commit(const json& bundle, const ledger::Header& header) {
    const json& c = bundle.contains("commit") ? bundle.at("commit") : json();
    auto raw = hex_member(c, "raw");
    if (!raw) {
        return fail("bad_commit", "the bundle has no commit.raw");
    }
    auto commit = ledger::Commit::decode(*raw);
    if (!commit) {
        return fail("bad_commit", "commit.raw does not decode: " + commit.error().to_string());
    }
    if (commit->height != header.height || commit->block_hash != header.hash()) {
        return fail("bad_commit", "the commit is for another block than the header");
    }
    return std::move(commit).value();
}

Result<consensus::ValidatorSet> check_validators(const json& bundle,
                                                 const ledger::Header& header,
                                                 const TrustAnchor& anchor) {
    if (!bundle.contains("validators") || !bundle.at("validators").is_array()) {
        return fail("untrusted_validators", "the bundle has no validator list");
    }
    std::vector<std::pair<PubKey, uint64_t>> members;
    for (const json& v : bundle.at("validators")) {
        auto key = v.is_object() && v.contains("pubkey") && v.at("pubkey").is_string()
                       ? fixed_from_hex<32>(v.at("pubkey").get<std::string>())
                       : std::nullopt;
        uint64_t power = 0;
        bool power_ok = v.is_object() && v.contains("power") && v.at("power").is_string();
        if (power_ok) {
            const std::string text = v.at("power").get<std::string>();
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), power);
            power_ok = ec == std::errc() && end == text.data() + text.size();
        }
        if (!key || !power_ok) {
            return fail("untrusted_validators", "a validator entry is malformed");
        }
        members.emplace_back(*key, power);
    }
    auto set = consensus::ValidatorSet::create(std::move(members));
    if (!set) {
        return fail("untrusted_validators", "the validator list is not a valid set");
    }
    const Hash32 hash = set->hash();
    if (hash != header.validators_hash) {
        return fail("untrusted_validators", "the validator list is not the header's set");
    }
    if (hash != anchor.validators_hash) {
        return fail("untrusted_validators", "the header's validator set " + to_hex(hash) +
                                                " is not the trusted set " +
                                                to_hex(anchor.validators_hash));
    }
    return std::move(set).value();
}

Result<void> check_signatures(const consensus::ValidatorSet& set,
                              const ledger::Header& header,
                              const ledger::Commit& commit) {
    auto r = consensus::verify_commit(set, header.chain_id, header.height, header.hash(), commit);
    if (r) {
        return ok_result();
    }
    const std::string& reason = r.error().reason;
    if (reason == "commit_insufficient_power") {
        return fail("insufficient_power", "the commit's signers hold 2/3 of the power or less");
    }
    if (reason == "commit_bad_signature") {
        return fail("bad_signature", "a commit signature does not verify under the trusted set");
    }
    return fail("bad_commit", r.error().to_string());
}

/// Checks one {key, value, proof} entry for `expected_key` against `root`; returns the value
/// if the key is proven present, nullopt if proven absent.
Result<std::optional<Bytes>> check_state_proof(const json& entry,
                                               const Bytes& expected_key,
                                               const Hash32& root,
                                               const char* what) {
    auto key = hex_member(entry, "key");
    auto proof_bytes = hex_member(entry, "proof");
    if (!key || !proof_bytes) {
        return fail("bad_proof", std::string(what) + " proof is missing or malformed");
    }
    if (*key != expected_key) {
        return fail("wrong_key", std::string(what) + " proof is for another state key");
    }
    auto proof = smt::Proof::decode(*proof_bytes);
    if (!proof) {
        return fail("bad_proof", std::string(what) + " proof does not decode");
    }
    auto proven = smt::verify_proof(root, smt::key_path(*key), *proof);
    if (!proven) {
        return fail("bad_proof", std::string(what) + " proof does not lead to the state root");
    }
    std::optional<Bytes> value;
    if (entry.contains("value") && !entry.at("value").is_null()) {
        value = hex_member(entry, "value");
        if (!value) {
            return fail("tampered_value", std::string(what) + " value is not hex");
        }
    }
    if (proven->has_value() != value.has_value() || (value && sha256(*value) != **proven)) {
        return fail("tampered_value", std::string(what) + " value is not the proven value");
    }
    return value;
}

}  // namespace

Result<VerifiedCredential> verify_bundle(const json& result,
                                         const Hash32& id,
                                         const TrustAnchor& anchor,
                                         const std::optional<Hash32>& document_hash) {
    if (!result.is_object() || !result.contains("bundle") || !result.at("bundle").is_object() ||
        !result.contains("verdict") || !result.at("verdict").is_string()) {
        return fail("bad_bundle", "the answer has no verdict or no bundle");
    }
    const json& bundle = result.at("bundle");
    VerifiedCredential out;

    AZORA_ASSIGN(out.header, check_header(bundle));
    out.header_hash = out.header.hash();
    if (anchor.chain_id && *anchor.chain_id != out.header.chain_id) {
        return fail("bad_header", "the header is for chain " + out.header.chain_id);
    }
    if (result.contains("height") && (!result.at("height").is_number_unsigned() ||
                                      result.at("height").get<uint64_t>() != out.header.height)) {
        return fail("bad_header", "the answer's height is not the header's");
    }
    AZORA_ASSIGN(ledger::Commit commit, check_commit(bundle, out.header));
    AZORA_ASSIGN(consensus::ValidatorSet set, check_validators(bundle, out.header, anchor));
    AZORA_TRY(check_signatures(set, out.header, commit));
    out.total_power = set.total_power();
    out.signers = commit.signatures.size();
    for (const auto& s : commit.signatures) {
        out.signed_power += set.validators()[s.validator_index].power;
    }

    const json& cp = bundle.contains("credential_proof") ? bundle.at("credential_proof") : json();
    AZORA_ASSIGN(auto cred_value, check_state_proof(cp, cred::credential_key(id),
                                                    out.header.state_root, "the credential"));
    if (cred_value) {
        auto c = cred::decode_credential_value(*cred_value);
        if (!c || c->id != id) {
            return fail("tampered_value",
                        "the proven credential record is not credential " + to_hex(id));
        }
        out.credential = std::move(c).value();
        const json& ip = bundle.contains("issuer_proof") ? bundle.at("issuer_proof") : json();
        if (ip.is_null()) {
            return fail("bad_proof", "the bundle has no issuer proof");
        }
        AZORA_ASSIGN(auto issuer_value,
                     check_state_proof(ip, cred::issuer_key(out.credential->issuer),
                                       out.header.state_root, "the issuer"));
        if (issuer_value) {
            auto i = cred::decode_issuer_value(*issuer_value);
            if (!i) {
                return fail("tampered_value", "the proven issuer record does not decode");
            }
            out.issuer = std::move(i).value();
        }
    }

    out.verdict =
        cred::verdict(out.credential ? &*out.credential : nullptr,
                      out.issuer ? &*out.issuer : nullptr, out.header.time_ms, document_hash);
    const std::string claimed = result.at("verdict").get<std::string>();
    if (claimed != cred::to_string(out.verdict)) {
        return fail("verdict_mismatch", "the node says '" + claimed +
                                            "' but the proven state says '" +
                                            std::string(cred::to_string(out.verdict)) + "'");
    }
    return out;
}

}  // namespace azora::wallet
