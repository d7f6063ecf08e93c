// Wallet operations of the credential and governance modules, and `verify`.
#include "core/utc_time.hpp"
#include "genesis/dev.hpp"
#include "genesis/genesis.hpp"
#include "vm/module_ids.hpp"
#include "vm/modules/credential/keys.hpp"
#include "vm/modules/credential/messages.hpp"
#include "vm/modules/governance/messages.hpp"
#include "wallet-cli/bundle_verifier.hpp"
#include "wallet-cli/credential_input.hpp"
#include "wallet-cli/qr_text.hpp"
#include "wallet-cli/wallet.hpp"

namespace azora::wallet {

using nlohmann::json;
namespace cred = vm::credential;
namespace gov = vm::governance;

namespace {

constexpr auto kWaitTimeout = std::chrono::milliseconds(30'000);

Result<Hash32> parse_id(const std::string& text) {
    auto id = fixed_from_hex<32>(text);
    if (!id) {
        return Error::malformed("bad_id", "a credential id is 64 hex digits");
    }
    return *id;
}

/// A committed transaction that failed is an error carrying the receipt's reason.
Result<json> require_success(json out) {
    if (out.contains("receipt") && out["receipt"].value("status", "") != "success") {
        return Error::failed(out["receipt"].value("error", "tx_failed"),
                             "transaction " + out["hash"].get<std::string>() + " failed");
    }
    return out;
}

std::string date_of(uint64_t ms) {
    return ms == 0 ? std::string() : format_utc_time(ms);
}

}  // namespace

Result<json> Wallet::credential_issue(const IssueRequest& r) {
    AZORA_ASSIGN(Address holder, resolve_address(r.to));
    cred::Mint mint;
    mint.holder = holder;
    mint.credential_class = r.credential_class;
    mint.title = r.title;
    mint.metadata_uri = r.uri;
    mint.transferable = r.transferable;
    if (r.document) {
        AZORA_ASSIGN(mint.metadata_hash, hash_file(*r.document));
    }
    if (r.expires) {
        AZORA_ASSIGN(mint.expires_at, parse_date(*r.expires));
    }
    AZORA_ASSIGN(json out, submit(r.from, vm::kCredentialModule, cred::kMint, mint.encode(),
                                  std::nullopt, std::nullopt, true, kWaitTimeout));
    AZORA_ASSIGN(out, require_success(std::move(out)));
    // The chain derives the id from the issuer, the tx hash and the item index (0).
    AZORA_ASSIGN(Address issuer, resolve_address(out["from"].get<std::string>()));
    const Hash32 tx_hash = *fixed_from_hex<32>(out["hash"].get<std::string>());
    out["id"] = to_hex(cred::credential_id(issuer, tx_hash, 0));
    out["holder"] = holder.to_string(m_hrp);
    out["metadata_hash"] = to_hex(mint.metadata_hash);
    return out;
}

Result<json> Wallet::credential_batch_issue(const BatchIssueRequest& r) {
    AZORA_ASSIGN(auto rows, read_batch_file(r.file));
    if (rows.empty()) {
        return Error::malformed("bad_batch_file", r.file.string() + " has no rows");
    }
    cred::BatchMint batch;
    batch.credential_class = r.credential_class;
    batch.title = r.title;
    batch.transferable = r.transferable;
    if (r.expires) {
        AZORA_ASSIGN(batch.expires_at, parse_date(*r.expires));
    }
    std::vector<std::string> uris;
    for (const auto& row : rows) {
        uris.push_back(row.metadata_uri);
    }
    AZORA_ASSIGN(auto split, split_uris(uris));
    batch.metadata_uri_prefix = split.first;
    for (size_t i = 0; i < rows.size(); ++i) {
        AZORA_ASSIGN(Address holder, resolve_address(rows[i].holder));
        batch.items.push_back({holder, rows[i].metadata_hash, split.second[i]});
    }
    AZORA_ASSIGN(json out, submit(r.from, vm::kCredentialModule, cred::kBatchMint, batch.encode(),
                                  std::nullopt, std::nullopt, true, kWaitTimeout));
    AZORA_ASSIGN(out, require_success(std::move(out)));
    AZORA_ASSIGN(Address issuer, resolve_address(out["from"].get<std::string>()));
    const Hash32 tx_hash = *fixed_from_hex<32>(out["hash"].get<std::string>());
    json ids = json::array();
    for (size_t i = 0; i < batch.items.size(); ++i) {
        ids.push_back(to_hex(cred::credential_id(issuer, tx_hash, static_cast<uint32_t>(i))));
    }
    out["ids"] = ids;
    out.erase("receipt");  // 500 events would drown the answer; the ids are what matter
    return out;
}

Result<json> Wallet::credential_revoke(const std::string& from,
                                       const std::string& id,
                                       const std::string& reason) {
    AZORA_ASSIGN(Hash32 h, parse_id(id));
    AZORA_ASSIGN(json out, submit(from, vm::kCredentialModule, cred::kRevoke,
                                  cred::Revoke{h, reason}.encode(), std::nullopt, std::nullopt,
                                  true, kWaitTimeout));
    AZORA_ASSIGN(out, require_success(std::move(out)));
    out["id"] = id;
    return out;
}

Result<json> Wallet::credential_transfer(const std::string& from,
                                         const std::string& id,
                                         const std::string& to) {
    AZORA_ASSIGN(Hash32 h, parse_id(id));
    AZORA_ASSIGN(Address dest, resolve_address(to));
    AZORA_ASSIGN(json out, submit(from, vm::kCredentialModule, cred::kTransfer,
                                  cred::Transfer{h, dest}.encode(), std::nullopt, std::nullopt,
                                  true, kWaitTimeout));
    AZORA_ASSIGN(out, require_success(std::move(out)));
    out["id"] = id;
    out["to"] = dest.to_string(m_hrp);
    return out;
}

Result<json> Wallet::credential_show(const std::string& id, bool as_vc) {
    AZORA_TRY(parse_id(id));
    AZORA_ASSIGN(json c, m_client.call("credential_get", json{{"id", id}}));
    if (!as_vc) {
        return c;
    }
    AZORA_ASSIGN(json info, node_info());
    const uint64_t issued = c.value("issued_at", uint64_t{0});
    const uint64_t expires = c.value("expires_at", uint64_t{0});
    json subject{{"id", c.value("holder", "")},
                 {"title", c.value("title", "")},
                 {"class", c.value("class", "")},
                 {"metadata_hash", c.value("metadata_hash", "")}};
    if (!c.value("metadata_uri", "").empty()) {
        subject["metadata_uri"] = c["metadata_uri"];
    }
    json vc{{"@context", json::array({"https://www.w3.org/ns/credentials/v2"})},
            {"id", "azora:credential:" + info.value("chain_id", "") + ":" + id},
            {"type", json::array({"VerifiableCredential", c.value("class", "")})},
            {"issuer", c.value("issuer", "")},
            {"validFrom", date_of(issued)},
            {"credentialSubject", subject},
            {"evidence", json::array({{{"type", "AzoraChainRecord"},
                                       {"chain_id", info.value("chain_id", "")},
                                       {"credential_id", id},
                                       {"height", info.value("height", json(nullptr))},
                                       {"revoked", c.value("revoked", false)},
                                       {"verify", "azora-wallet verify " + id}}})}};
    if (expires != 0) {
        vc["validUntil"] = date_of(expires);
    }
    return vc;
}

Result<json> Wallet::credential_qr(const std::string& id) {
    AZORA_ASSIGN(Hash32 h, parse_id(id));
    AZORA_ASSIGN(json info, node_info());
    const std::string payload = "azora:credential:" + info.value("chain_id", "") + ":" + to_hex(h);
    AZORA_ASSIGN(QrBitmap qr, encode_qr(payload));
    return json{{"payload", payload}, {"qr", render_qr_text(qr)}};
}

Result<json> Wallet::credential_list(const std::string& holder,
                                     const std::string& issuer,
                                     const std::string& cursor) {
    if (holder.empty() == issuer.empty()) {
        return Error::malformed("bad_request", "give exactly one of --holder and --issuer");
    }
    AZORA_ASSIGN(Address addr, resolve_address(holder.empty() ? issuer : holder));
    json params{{holder.empty() ? "issuer" : "holder", addr.to_string(m_hrp)}};
    if (!cursor.empty()) {
        params["cursor"] = cursor;
    }
    return m_client.call(holder.empty() ? "credential_listByIssuer" : "credential_listByHolder",
                         params);
}

Result<json> Wallet::council_propose(const ProposeRequest& r) {
    gov::Propose p;
    if (r.kind == "admit") {
        p.kind = gov::ProposalKind::admit_issuer;
        if (r.name.empty()) {
            return Error::malformed("bad_request", "admitting an issuer needs --name");
        }
    } else if (r.kind == "suspend") {
        p.kind = gov::ProposalKind::suspend_issuer;
    } else if (r.kind == "reinstate") {
        p.kind = gov::ProposalKind::reinstate_issuer;
    } else {
        return Error::malformed("bad_kind", "--kind is admit, suspend or reinstate");
    }
    AZORA_ASSIGN(p.target, resolve_address(r.target));
    p.name = r.name;
    p.url = r.url;
    AZORA_ASSIGN(json out, submit(r.from, vm::kGovernanceModule, gov::kPropose, p.encode(),
                                  std::nullopt, std::nullopt, true, kWaitTimeout));
    return require_success(std::move(out));
}

Result<json> Wallet::council_approve(const std::string& from, uint64_t proposal_id) {
    AZORA_ASSIGN(json out, submit(from, vm::kGovernanceModule, gov::kApprove,
                                  gov::Approve{proposal_id}.encode(), std::nullopt, std::nullopt,
                                  true, kWaitTimeout));
    out["proposal_id"] = proposal_id;
    return require_success(std::move(out));
}

Result<json> Wallet::council_list() {
    return m_client.call("council_proposals", json::object());
}

Result<json> Wallet::verify(const VerifyRequest& r) {
    AZORA_ASSIGN(Hash32 id, parse_id(r.id));
    TrustAnchor anchor;
    if (r.validators_hash) {
        auto h = fixed_from_hex<32>(*r.validators_hash);
        if (!h) {
            return Error::malformed("bad_anchor", "--validators-hash is 64 hex digits");
        }
        anchor.validators_hash = *h;
    } else if (r.genesis || m_options.dev) {
        AZORA_ASSIGN(genesis::Genesis g, r.genesis
                                             ? genesis::Genesis::load(*r.genesis)
                                             : Result<genesis::Genesis>(genesis::dev_genesis()));
        AZORA_ASSIGN(auto set, g.validator_set());
        anchor.validators_hash = set.hash();
        anchor.chain_id = g.chain_id;
    } else {
        return Error::malformed("no_trust_anchor",
                                "give --genesis FILE, --validators-hash HEX or --dev");
    }
    std::optional<Hash32> document;
    json params{{"id", r.id}};
    if (r.document) {
        AZORA_ASSIGN(document, hash_file(*r.document));
        params["document_hash"] = to_hex(*document);
    }
    AZORA_ASSIGN(json answer, m_client.call("credential_verify", params));
    AZORA_ASSIGN(VerifiedCredential v, verify_bundle(answer, id, anchor, document));

    json out{{"id", r.id},
             {"verdict", cred::to_string(v.verdict)},
             {"verified_locally", true},
             {"chain_id", v.header.chain_id},
             {"height", v.header.height},
             {"header_hash", to_hex(v.header_hash)},
             {"header_time", date_of(v.header.time_ms)},
             {"signers", v.signers},
             {"signed_power", std::to_string(v.signed_power)},
             {"total_power", std::to_string(v.total_power)},
             {"trusted_validators_hash", to_hex(anchor.validators_hash)}};
    if (document) {
        out["document_hash"] = to_hex(*document);
    }
    if (v.credential) {
        const auto& c = *v.credential;
        out["credential"] = {{"issuer", c.issuer.to_string(m_hrp)},
                             {"holder", c.holder.to_string(m_hrp)},
                             {"class", c.credential_class},
                             {"title", c.title},
                             {"metadata_hash", to_hex(c.metadata_hash)},
                             {"metadata_uri", c.metadata_uri},
                             {"issued_at", date_of(c.issued_at)},
                             {"expires_at", c.expires_at == 0 ? "never" : date_of(c.expires_at)},
                             {"transferable", c.transferable}};
        if (c.revocation) {
            out["credential"]["revocation"] = {{"height", c.revocation->height},
                                               {"time", date_of(c.revocation->time_ms)},
                                               {"reason", c.revocation->reason}};
        }
    }
    if (v.issuer) {
        out["issuer"] = {{"address", v.issuer->address.to_string(m_hrp)},
                         {"name", v.issuer->name},
                         {"url", v.issuer->url},
                         {"status", cred::to_string(v.issuer->status)}};
    }
    return out;
}

}  // namespace azora::wallet
