// The credential module's wallet commands: credential issue, batch-issue, revoke, transfer,
// show, qr and list (`verify` is in credential_verify_wallet.cpp).
#include <cstdio>

#include "vm/module_ids.hpp"
#include "vm/modules/credential/keys.hpp"
#include "vm/modules/credential/messages.hpp"
#include "wallet-cli/command_module.hpp"
#include "wallet-cli/credential_input.hpp"
#include "wallet-cli/qr_text.hpp"

namespace azora::wallet {

using nlohmann::json;
namespace cred = vm::credential;

namespace {

/// Options of every credential subcommand; each command reads its own.
struct CredentialArgs {
    std::string from, to, credential_class, title, document, uri, expires;
    bool transferable = false;
    std::string file;                    // batch-issue
    std::string id, reason, format;      // revoke, transfer, show, qr
    std::string holder, issuer, cursor;  // list
};

/// Ids the chain derives for a committed mint: from the issuer, the tx hash and item index.
Result<json> minted_ids(Wallet& w, const json& out, size_t count) {
    AZORA_ASSIGN(Address issuer, w.resolve_address(out.at("from").get<std::string>()));
    const Hash32 tx_hash = *fixed_from_hex<32>(out.at("hash").get<std::string>());
    json ids = json::array();
    for (size_t i = 0; i < count; ++i) {
        ids.push_back(to_hex(cred::credential_id(issuer, tx_hash, static_cast<uint32_t>(i))));
    }
    return ids;
}

Result<json> issue(Wallet& w, const CredentialArgs& a) {
    AZORA_ASSIGN(Address holder, w.resolve_address(a.to));
    cred::Mint mint;
    mint.holder = holder;
    mint.credential_class = a.credential_class;
    mint.title = a.title;
    mint.metadata_uri = a.uri;
    mint.transferable = a.transferable;
    if (!a.document.empty()) {
        AZORA_ASSIGN(mint.metadata_hash, hash_file(a.document));
    }
    if (!a.expires.empty()) {
        AZORA_ASSIGN(mint.expires_at, parse_date(a.expires));
    }
    AZORA_ASSIGN(json out, w.submit(a.from, vm::kCredentialModule, cred::kMint, mint.encode(),
                                    std::nullopt, std::nullopt, true, kCommitWait));
    AZORA_ASSIGN(out, require_success(std::move(out)));
    AZORA_ASSIGN(json ids, minted_ids(w, out, 1));
    out["id"] = ids.at(0);
    out["holder"] = holder.to_string(w.hrp());
    out["metadata_hash"] = to_hex(mint.metadata_hash);
    return out;
}

Result<json> batch_issue(Wallet& w, const CredentialArgs& a) {
    const std::filesystem::path file = a.file;
    AZORA_ASSIGN(auto rows, read_batch_file(file));
    if (rows.empty()) {
        return Error::malformed("bad_batch_file", file.string() + " has no rows");
    }
    cred::BatchMint batch;
    batch.credential_class = a.credential_class;
    batch.title = a.title;
    batch.transferable = a.transferable;
    if (!a.expires.empty()) {
        AZORA_ASSIGN(batch.expires_at, parse_date(a.expires));
    }
    std::vector<std::string> uris;
    for (const auto& row : rows) {
        uris.push_back(row.metadata_uri);
    }
    AZORA_ASSIGN(auto split, split_uris(uris));
    batch.metadata_uri_prefix = split.first;
    for (size_t i = 0; i < rows.size(); ++i) {
        AZORA_ASSIGN(Address holder, w.resolve_address(rows[i].holder));
        batch.items.push_back({holder, rows[i].metadata_hash, split.second[i]});
    }
    AZORA_ASSIGN(json out, w.submit(a.from, vm::kCredentialModule, cred::kBatchMint, batch.encode(),
                                    std::nullopt, std::nullopt, true, kCommitWait));
    AZORA_ASSIGN(out, require_success(std::move(out)));
    AZORA_ASSIGN(out["ids"], minted_ids(w, out, batch.items.size()));
    out.erase("receipt");  // 500 events would drown the answer; the ids are what matter
    return out;
}

Result<json> revoke(Wallet& w, const CredentialArgs& a) {
    AZORA_ASSIGN(Hash32 h, parse_credential_id(a.id));
    AZORA_ASSIGN(json out, w.submit(a.from, vm::kCredentialModule, cred::kRevoke,
                                    cred::Revoke{h, a.reason}.encode(), std::nullopt, std::nullopt,
                                    true, kCommitWait));
    AZORA_ASSIGN(out, require_success(std::move(out)));
    out["id"] = a.id;
    return out;
}

Result<json> transfer(Wallet& w, const CredentialArgs& a) {
    AZORA_ASSIGN(Hash32 h, parse_credential_id(a.id));
    AZORA_ASSIGN(Address dest, w.resolve_address(a.to));
    AZORA_ASSIGN(json out, w.submit(a.from, vm::kCredentialModule, cred::kTransfer,
                                    cred::Transfer{h, dest}.encode(), std::nullopt, std::nullopt,
                                    true, kCommitWait));
    AZORA_ASSIGN(out, require_success(std::move(out)));
    out["id"] = a.id;
    out["to"] = dest.to_string(w.hrp());
    return out;
}

/// The node's record; with --format vc, a W3C Verifiable Credential 2.0 shaped envelope.
Result<json> show(Wallet& w, const CredentialArgs& a) {
    if (!a.format.empty() && a.format != "vc") {
        return Error::malformed("bad_format", "--format is vc");
    }
    const std::string& id = a.id;
    AZORA_TRY(parse_credential_id(id));
    AZORA_ASSIGN(json c, w.call("credential_get", json{{"id", id}}));
    if (a.format != "vc") {
        return c;
    }
    AZORA_ASSIGN(json info, w.node_info());
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
            {"validFrom", date_text(issued)},
            {"credentialSubject", subject},
            {"evidence", json::array({{{"type", "AzoraChainRecord"},
                                       {"chain_id", info.value("chain_id", "")},
                                       {"credential_id", id},
                                       {"height", info.value("height", json(nullptr))},
                                       {"revoked", c.value("revoked", false)},
                                       {"verify", "azora-wallet verify " + id}}})}};
    if (expires != 0) {
        vc["validUntil"] = date_text(expires);
    }
    return vc;
}

/// The compact payload "azora:credential:<chain_id>:<id>" and its terminal QR rendering.
Result<json> qr(Wallet& w, const CredentialArgs& a) {
    AZORA_ASSIGN(Hash32 h, parse_credential_id(a.id));
    AZORA_ASSIGN(json info, w.node_info());
    const std::string payload = "azora:credential:" + info.value("chain_id", "") + ":" + to_hex(h);
    AZORA_ASSIGN(QrBitmap bitmap, encode_qr(payload));
    return json{{"payload", payload}, {"qr", render_qr_text(bitmap)}};
}

/// One page of credentials of a holder or an issuer (exactly one is given).
Result<json> list(Wallet& w, const CredentialArgs& a) {
    if (a.holder.empty() == a.issuer.empty()) {
        return Error::malformed("bad_request", "give exactly one of --holder and --issuer");
    }
    AZORA_ASSIGN(Address addr, w.resolve_address(a.holder.empty() ? a.issuer : a.holder));
    json params{{a.holder.empty() ? "issuer" : "holder", addr.to_string(w.hrp())}};
    if (!a.cursor.empty()) {
        params["cursor"] = a.cursor;
    }
    return w.call(a.holder.empty() ? "credential_listByIssuer" : "credential_listByHolder", params);
}

void print_issue(const json& r) {
    std::printf("issued credential %s\n  to %s, tx %s at height %llu\n",
                r.at("id").get<std::string>().c_str(), r.at("holder").get<std::string>().c_str(),
                r.at("hash").get<std::string>().c_str(), r.at("height").get<unsigned long long>());
}

void print_batch_issue(const json& r) {
    std::printf("issued %zu credentials, tx %s at height %llu\n", r.at("ids").size(),
                r.at("hash").get<std::string>().c_str(), r.at("height").get<unsigned long long>());
    for (const auto& id : r.at("ids")) {
        std::printf("  %s\n", id.get<std::string>().c_str());
    }
}

void print_qr(const json& r) {
    std::printf("%s%s\n", r.at("qr").get<std::string>().c_str(),
                r.at("payload").get<std::string>().c_str());
}

void print_list(const json& r) {
    for (const auto& c : r.at("credentials")) {
        std::printf("%s  %s (%s)%s\n", c.at("id").get<std::string>().c_str(),
                    c.at("title").get<std::string>().c_str(),
                    c.at("class").get<std::string>().c_str(),
                    c.value("revoked", false) ? "  REVOKED" : "");
    }
    if (r.contains("next_cursor") && r.at("next_cursor").is_string()) {
        std::printf("more: --cursor %s\n", r.at("next_cursor").get<std::string>().c_str());
    }
}

}  // namespace

std::vector<Command> credential_commands(CLI::App& app) {
    auto a = std::make_shared<CredentialArgs>();
    auto bind = [a](Result<json> (*op)(Wallet&, const CredentialArgs&)) {
        return [a, op](Wallet& w) { return op(w, *a); };
    };
    auto* credential =
        app.add_subcommand("credential", "issue, revoke, transfer and show credentials")
            ->require_subcommand(1);

    auto* c_issue = credential->add_subcommand("issue", "mint a credential and print its id");
    c_issue->add_option("--from", a->from, "issuer key name")->required();
    c_issue->add_option("--to", a->to, "holder address or key name")->required();
    c_issue->add_option("--class", a->credential_class, "e.g. course_completion, degree")
        ->required();
    c_issue->add_option("--title", a->title, "title")->required();
    c_issue->add_option("--document", a->document, "file whose SHA-256 is the metadata hash");
    c_issue->add_option("--uri", a->uri, "where the document is published");
    c_issue->add_option("--expires", a->expires, "expiry date YYYY-MM-DD (UTC)");
    c_issue->add_flag("--transferable", a->transferable, "allow the holder to transfer it");

    auto* c_batch = credential->add_subcommand("batch-issue", "mint many credentials at once");
    c_batch->add_option("--from", a->from, "issuer key name")->required();
    c_batch->add_option("--file", a->file, "CSV (holder,document,uri) or JSON")->required();
    c_batch->add_option("--class", a->credential_class, "class of every credential")->required();
    c_batch->add_option("--title", a->title, "title of every credential")->required();
    c_batch->add_option("--expires", a->expires, "expiry date YYYY-MM-DD (UTC)");
    c_batch->add_flag("--transferable", a->transferable, "allow transfers");

    auto* c_revoke = credential->add_subcommand("revoke", "revoke a credential you issued");
    c_revoke->add_option("--from", a->from, "issuer key name")->required();
    c_revoke->add_option("ID", a->id, "credential id")->required();
    c_revoke->add_option("--reason", a->reason, "why")->required();
    auto* c_transfer = credential->add_subcommand("transfer", "give a transferable credential");
    c_transfer->add_option("--from", a->from, "holder key name")->required();
    c_transfer->add_option("ID", a->id, "credential id")->required();
    c_transfer->add_option("--to", a->to, "new holder")->required();
    auto* c_show = credential->add_subcommand("show", "show a credential");
    c_show->add_option("ID", a->id, "credential id")->required();
    c_show->add_option("--format", a->format, "vc: W3C Verifiable Credential 2.0 envelope");
    auto* c_qr = credential->add_subcommand("qr", "print a credential's id as a terminal QR code");
    c_qr->add_option("ID", a->id, "credential id")->required();
    auto* c_list = credential->add_subcommand("list", "list a holder's or an issuer's credentials");
    c_list->add_option("--holder", a->holder, "holder address or key name");
    c_list->add_option("--issuer", a->issuer, "issuer address or key name");
    c_list->add_option("--cursor", a->cursor, "next_cursor of the previous page");

    return {{c_issue, bind(issue), print_issue},
            {c_batch, bind(batch_issue), print_batch_issue},
            {c_revoke, bind(revoke), print_tx_outcome},
            {c_transfer, bind(transfer), print_tx_outcome},
            {c_show, bind(show), nullptr},
            {c_qr, bind(qr), print_qr},
            {c_list, bind(list), print_list}};
}

}  // namespace azora::wallet
