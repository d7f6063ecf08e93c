// azora-wallet: keys, balances, transfers and transaction status for Azora chain.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "core/amount.hpp"
#include "wallet-cli/wallet.hpp"

namespace {

using azora::Result;
using nlohmann::json;

std::filesystem::path default_keystore() {
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home != nullptr ? home : ".") / ".azora" / "wallet";
}

std::string azr(const json& base_units) {
    auto v = azora::parse_base_units(base_units.get<std::string>());
    return v ? azora::format_azr(*v) + " AZR" : base_units.get<std::string>();
}

std::string field(const json& j, const char* name) {
    return j.contains(name) && j.at(name).is_string() ? j.at(name).get<std::string>() : "";
}

void print_verdict(const json& r) {
    std::printf("%s: %s (checked locally against validator signatures and state proofs)\n",
                field(r, "id").c_str(), field(r, "verdict").c_str());
    if (r.contains("credential")) {
        const json& c = r.at("credential");
        std::printf("  title     %s (%s)\n  holder    %s\n  issued    %s\n  expires   %s\n",
                    field(c, "title").c_str(), field(c, "class").c_str(),
                    field(c, "holder").c_str(), field(c, "issued_at").c_str(),
                    field(c, "expires_at").c_str());
        if (c.contains("revocation")) {
            const json& rv = c.at("revocation");
            std::printf("  revoked   %s at height %llu: %s\n", field(rv, "time").c_str(),
                        rv.at("height").get<unsigned long long>(), field(rv, "reason").c_str());
        }
    }
    if (r.contains("issuer")) {
        const json& i = r.at("issuer");
        std::printf("  issuer    %s (%s), %s\n", field(i, "name").c_str(),
                    field(i, "address").c_str(), field(i, "status").c_str());
    }
    if (r.contains("document_hash")) {
        std::printf("  document  %s\n", field(r, "document_hash").c_str());
    }
    std::printf(
        "  proven at height %llu, header %s (%s)\n  signed by %llu validator(s) with "
        "power %s of %s\n",
        r.at("height").get<unsigned long long>(), field(r, "header_hash").c_str(),
        field(r, "header_time").c_str(), r.at("signers").get<unsigned long long>(),
        field(r, "signed_power").c_str(), field(r, "total_power").c_str());
}

// What each verifier failure means for the person checking a credential.
const char* explain(const std::string& reason) {
    if (reason == "bad_bundle")
        return "the node's answer is not a proof bundle";
    if (reason == "bad_header")
        return "the block header is malformed or its hash is wrong";
    if (reason == "bad_commit")
        return "the commit does not finalize the header it came with";
    if (reason == "untrusted_validators")
        return "the header was not produced by the validator set you trust";
    if (reason == "insufficient_power")
        return "the commit is not signed by more than 2/3 of the trusted voting power";
    if (reason == "bad_signature")
        return "a validator signature in the commit is forged";
    if (reason == "bad_proof")
        return "a state proof does not lead to the header's state root";
    if (reason == "wrong_key")
        return "a state proof is for another record than asked";
    if (reason == "tampered_value")
        return "a record does not match what the state proves";
    if (reason == "verdict_mismatch")
        return "the node's verdict contradicts the proven state";
    return nullptr;
}

// A committed transaction's hash, height, result and events.
void print_tx_outcome(const json& r) {
    std::printf("tx %s", r.at("hash").get<std::string>().c_str());
    if (!r.contains("height")) {
        std::printf(": pending\n");
        return;
    }
    const json& rc = r.at("receipt");
    std::printf(" committed at height %llu: %s", r.at("height").get<unsigned long long>(),
                rc.at("status").get<std::string>().c_str());
    if (!rc.at("error").get<std::string>().empty()) {
        std::printf(" (%s)", rc.at("error").get<std::string>().c_str());
    }
    std::printf("\n");
    for (const auto& e : rc.at("events")) {
        std::printf("  event %s %s\n", e.at("type").get<std::string>().c_str(),
                    e.at("attributes").dump().c_str());
    }
}

// Human-readable rendering of each command's JSON result.
void print_human(const std::string& command, const json& r) {
    if (command == "key new" || command == "key import" || command == "key show") {
        std::printf("%s  %s\n", r.at("name").get<std::string>().c_str(),
                    r.at("address").get<std::string>().c_str());
    } else if (command == "key list") {
        if (r.at("keys").empty()) {
            std::printf("no keys (create one with: azora-wallet key new NAME)\n");
        }
        for (const auto& k : r.at("keys")) {
            std::printf("%-16s %s%s\n", k.at("name").get<std::string>().c_str(),
                        k.at("address").get<std::string>().c_str(),
                        k.contains("dev")     ? "  (DEV ONLY)"
                        : k.contains("error") ? "  (damaged)"
                                              : "");
        }
    } else if (command == "balance") {
        std::printf("%s\n", r.at("address").get<std::string>().c_str());
        for (const auto& [asset, amount] : r.at("balances").items()) {
            std::printf("  %s  (%s %s)\n", azr(amount).c_str(), amount.get<std::string>().c_str(),
                        asset.c_str());
        }
    } else if (command == "send") {
        std::printf("sent %s to %s\n  tx %s\n", azr(r.at("amount")).c_str(),
                    r.at("to").get<std::string>().c_str(), r.at("hash").get<std::string>().c_str());
        if (r.contains("height")) {
            const json& rc = r.at("receipt");
            std::printf("  committed at height %llu: %s", r.at("height").get<unsigned long long>(),
                        rc.at("status").get<std::string>().c_str());
            if (!rc.at("error").get<std::string>().empty()) {
                std::printf(" (%s)", rc.at("error").get<std::string>().c_str());
            }
            std::printf(", gas used %llu\n", rc.at("gas_used").get<unsigned long long>());
        } else {
            std::printf("  pending\n");
        }
    } else if (command == "tx") {
        std::printf("tx %s: %s\n", r.at("hash").get<std::string>().c_str(),
                    r.at("status").get<std::string>().c_str());
        if (r.at("status") == "committed") {
            const json& rc = r.at("receipt");
            std::printf("  height %llu, index %llu\n  result %s%s, gas used %llu\n",
                        r.at("height").get<unsigned long long>(),
                        r.at("index").get<unsigned long long>(),
                        rc.at("status").get<std::string>().c_str(),
                        rc.at("error").get<std::string>().empty()
                            ? ""
                            : (" (" + rc.at("error").get<std::string>() + ")").c_str(),
                        rc.at("gas_used").get<unsigned long long>());
            for (const auto& e : rc.at("events")) {
                std::printf("  event %s %s\n", e.at("type").get<std::string>().c_str(),
                            e.at("attributes").dump().c_str());
            }
        }
    } else if (command == "credential issue") {
        std::printf(
            "issued credential %s\n  to %s, tx %s at height %llu\n",
            r.at("id").get<std::string>().c_str(), r.at("holder").get<std::string>().c_str(),
            r.at("hash").get<std::string>().c_str(), r.at("height").get<unsigned long long>());
    } else if (command == "credential batch-issue") {
        std::printf("issued %zu credentials, tx %s at height %llu\n", r.at("ids").size(),
                    r.at("hash").get<std::string>().c_str(),
                    r.at("height").get<unsigned long long>());
        for (const auto& id : r.at("ids")) {
            std::printf("  %s\n", id.get<std::string>().c_str());
        }
    } else if (command == "credential qr") {
        std::printf("%s%s\n", r.at("qr").get<std::string>().c_str(),
                    r.at("payload").get<std::string>().c_str());
    } else if (command == "verify") {
        print_verdict(r);
    } else if (command == "credential revoke" || command == "credential transfer" ||
               command == "council propose" || command == "council approve") {
        print_tx_outcome(r);
    } else if (command == "credential list") {
        for (const auto& c : r.at("credentials")) {
            std::printf("%s  %s (%s)%s\n", c.at("id").get<std::string>().c_str(),
                        c.at("title").get<std::string>().c_str(),
                        c.at("class").get<std::string>().c_str(),
                        c.value("revoked", false) ? "  REVOKED" : "");
        }
        if (r.contains("next_cursor") && r.at("next_cursor").is_string()) {
            std::printf("more: --cursor %s\n", r.at("next_cursor").get<std::string>().c_str());
        }
    } else {
        std::printf("%s\n", r.dump(2).c_str());
    }
}

int report(bool as_json, const std::string& command, const Result<json>& r) {
    if (r) {
        if (as_json) {
            std::printf("%s\n", r->dump().c_str());
        } else {
            print_human(command, *r);
        }
        return 0;
    }
    const auto& e = r.error();
    if (command == "verify" && explain(e.reason) != nullptr && !as_json) {
        std::fprintf(stderr, "NOT VERIFIED (%s): %s\n  %s\n", e.reason.c_str(), explain(e.reason),
                     e.message.c_str());
        return 1;
    }
    if (as_json) {
        std::printf("%s\n",
                    json{{"error", {{"reason", e.reason}, {"message", e.message}}}}.dump().c_str());
    } else {
        std::fprintf(stderr, "error: %s%s%s\n", e.reason.c_str(), e.message.empty() ? "" : ": ",
                     e.message.c_str());
    }
    return 1;
}

Result<std::string> read_secret(const std::string& secret_file) {
    std::string line;
    if (!secret_file.empty()) {
        std::ifstream in(secret_file);
        if (!in || !std::getline(in, line)) {
            return azora::Error::malformed("bad_key", "cannot read " + secret_file);
        }
    } else if (!std::getline(std::cin, line)) {
        return azora::Error::malformed("bad_key", "no secret key on standard input");
    }
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
        line.pop_back();
    }
    return line;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "azora-wallet: keys, transfers, credentials and their verification on Azora chain"};
    app.require_subcommand(1);
    azora::wallet::WalletOptions o;
    o.keystore_dir = default_keystore();
    std::string keystore_dir, password_file;
    app.add_option("--rpc", o.rpc_url, "node RPC URL")->capture_default_str();
    app.add_option("--keystore", keystore_dir, "keystore directory (default ~/.azora/wallet)");
    app.add_option("--password-file", password_file, "read the password from this file");
    app.add_flag("--json", o.json, "print one JSON object per command");
    app.add_flag("--dev", o.dev, "make the DEV ONLY accounts dev0..dev4 usable by name");

    std::string name, target, secret_file, hash;
    azora::wallet::SendRequest send;
    uint64_t gas_price = 0, gas_limit = 0;
    bool no_wait = false;

    auto* key = app.add_subcommand("key", "manage keys")->require_subcommand(1);
    auto* key_new = key->add_subcommand("new", "create a key");
    key_new->add_option("NAME", name, "key name")->required();
    auto* key_import = key->add_subcommand("import", "import a secret key (hex, from stdin)");
    key_import->add_option("NAME", name, "key name")->required();
    key_import->add_option("--secret-file", secret_file, "read the hex secret from this file");
    auto* key_list = key->add_subcommand("list", "list keys");
    auto* key_show = key->add_subcommand("show", "show a key's address");
    key_show->add_option("NAME", name, "key name")->required();

    auto* balance = app.add_subcommand("balance", "show an account's balances");
    balance->add_option("ACCOUNT", target, "address or key name")->required();

    auto* send_cmd = app.add_subcommand("send", "send AZR and wait for the commit");
    send_cmd->add_option("--from", send.from, "key name")->required();
    send_cmd->add_option("--to", send.to, "address or key name")->required();
    send_cmd->add_option("--amount", send.amount_azr, "amount in AZR, e.g. 12.5")->required();
    send_cmd->add_option("--gas-price", gas_price, "uazr per gas (default 1)");
    send_cmd->add_option("--gas-limit", gas_limit, "gas limit (default: estimate + 50%)");
    send_cmd->add_flag("--no-wait", no_wait, "return once the node accepted the transaction");

    auto* tx = app.add_subcommand("tx", "show a transaction's status and receipt");
    tx->add_option("HASH", hash, "transaction hash")->required();

    auto* credential =
        app.add_subcommand("credential", "issue, revoke, transfer and show credentials")
            ->require_subcommand(1);
    azora::wallet::IssueRequest issue;
    std::string document, expires;
    auto* c_issue = credential->add_subcommand("issue", "mint a credential and print its id");
    c_issue->add_option("--from", issue.from, "issuer key name")->required();
    c_issue->add_option("--to", issue.to, "holder address or key name")->required();
    c_issue->add_option("--class", issue.credential_class, "e.g. course_completion, degree")
        ->required();
    c_issue->add_option("--title", issue.title, "title")->required();
    c_issue->add_option("--document", document, "file whose SHA-256 is the metadata hash");
    c_issue->add_option("--uri", issue.uri, "where the document is published");
    c_issue->add_option("--expires", expires, "expiry date YYYY-MM-DD (UTC)");
    c_issue->add_flag("--transferable", issue.transferable, "allow the holder to transfer it");

    azora::wallet::BatchIssueRequest batch;
    std::string batch_file;
    auto* c_batch = credential->add_subcommand("batch-issue", "mint many credentials at once");
    c_batch->add_option("--from", batch.from, "issuer key name")->required();
    c_batch->add_option("--file", batch_file, "CSV (holder,document,uri) or JSON")->required();
    c_batch->add_option("--class", batch.credential_class, "class of every credential")->required();
    c_batch->add_option("--title", batch.title, "title of every credential")->required();
    c_batch->add_option("--expires", expires, "expiry date YYYY-MM-DD (UTC)");
    c_batch->add_flag("--transferable", batch.transferable, "allow transfers");

    std::string from, id, reason, to;
    auto* c_revoke = credential->add_subcommand("revoke", "revoke a credential you issued");
    c_revoke->add_option("--from", from, "issuer key name")->required();
    c_revoke->add_option("ID", id, "credential id")->required();
    c_revoke->add_option("--reason", reason, "why")->required();
    auto* c_transfer = credential->add_subcommand("transfer", "give a transferable credential");
    c_transfer->add_option("--from", from, "holder key name")->required();
    c_transfer->add_option("ID", id, "credential id")->required();
    c_transfer->add_option("--to", to, "new holder")->required();
    std::string format;
    auto* c_show = credential->add_subcommand("show", "show a credential");
    c_show->add_option("ID", id, "credential id")->required();
    c_show->add_option("--format", format, "vc: W3C Verifiable Credential 2.0 envelope");
    auto* c_qr = credential->add_subcommand("qr", "print a credential's id as a terminal QR code");
    c_qr->add_option("ID", id, "credential id")->required();
    std::string holder, issuer, cursor;
    auto* c_list = credential->add_subcommand("list", "list a holder's or an issuer's credentials");
    c_list->add_option("--holder", holder, "holder address or key name");
    c_list->add_option("--issuer", issuer, "issuer address or key name");
    c_list->add_option("--cursor", cursor, "next_cursor of the previous page");

    auto* council = app.add_subcommand("council", "issuer governance")->require_subcommand(1);
    azora::wallet::ProposeRequest propose;
    auto* g_propose = council->add_subcommand("propose", "propose to admit/suspend/reinstate");
    g_propose->add_option("--from", propose.from, "council member key name")->required();
    g_propose->add_option("--kind", propose.kind, "admit, suspend or reinstate")->required();
    g_propose->add_option("--target", propose.target, "issuer address or key name")->required();
    g_propose->add_option("--name", propose.name, "issuer name (admit)");
    g_propose->add_option("--url", propose.url, "issuer url (admit)");
    uint64_t proposal_id = 0;
    auto* g_approve = council->add_subcommand("approve", "approve an open proposal");
    g_approve->add_option("--from", from, "council member key name")->required();
    g_approve->add_option("ID", proposal_id, "proposal id")->required();
    auto* g_list = council->add_subcommand("list", "show the council and its proposals");

    azora::wallet::VerifyRequest verify;
    std::string genesis_file, validators_hash;
    auto* verify_cmd = app.add_subcommand(
        "verify", "verify a credential locally from a node's proofs (exit 0 only if valid)");
    verify_cmd->add_option("ID", verify.id, "credential id")->required();
    verify_cmd->add_option("--document", document, "the presented document");
    verify_cmd->add_option("--genesis", genesis_file, "trust this genesis's validator set");
    verify_cmd->add_option("--validators-hash", validators_hash, "trust this validator set hash");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    if (!keystore_dir.empty())
        o.keystore_dir = keystore_dir;
    if (!password_file.empty())
        o.password_file = password_file;
    const bool as_json = o.json;
    azora::wallet::Wallet wallet(o);

    if (key_new->parsed())
        return report(as_json, "key new", wallet.key_new(name));
    if (key_import->parsed()) {
        auto secret = read_secret(secret_file);
        if (!secret)
            return report(as_json, "key import", secret.error());
        return report(as_json, "key import", wallet.key_import(name, *secret));
    }
    if (key_list->parsed())
        return report(as_json, "key list", wallet.key_list());
    if (key_show->parsed())
        return report(as_json, "key show", wallet.key_show(name));
    if (balance->parsed())
        return report(as_json, "balance", wallet.balance(target));
    if (send_cmd->parsed()) {
        if (gas_price > 0)
            send.gas_price = gas_price;
        if (gas_limit > 0)
            send.gas_limit = gas_limit;
        send.wait = !no_wait;
        return report(as_json, "send", wallet.send(send));
    }
    if (tx->parsed())
        return report(as_json, "tx", wallet.tx(hash));
    if (c_issue->parsed()) {
        if (!document.empty())
            issue.document = document;
        if (!expires.empty())
            issue.expires = expires;
        return report(as_json, "credential issue", wallet.credential_issue(issue));
    }
    if (c_batch->parsed()) {
        batch.file = batch_file;
        if (!expires.empty())
            batch.expires = expires;
        return report(as_json, "credential batch-issue", wallet.credential_batch_issue(batch));
    }
    if (c_revoke->parsed())
        return report(as_json, "credential revoke", wallet.credential_revoke(from, id, reason));
    if (c_transfer->parsed())
        return report(as_json, "credential transfer", wallet.credential_transfer(from, id, to));
    if (c_show->parsed()) {
        if (!format.empty() && format != "vc") {
            return report(as_json, "credential show",
                          azora::Error::malformed("bad_format", "--format is vc"));
        }
        return report(as_json, "credential show", wallet.credential_show(id, format == "vc"));
    }
    if (c_qr->parsed())
        return report(as_json, "credential qr", wallet.credential_qr(id));
    if (c_list->parsed())
        return report(as_json, "credential list", wallet.credential_list(holder, issuer, cursor));
    if (g_propose->parsed())
        return report(as_json, "council propose", wallet.council_propose(propose));
    if (g_approve->parsed())
        return report(as_json, "council approve", wallet.council_approve(from, proposal_id));
    if (g_list->parsed())
        return report(as_json, "council list", wallet.council_list());
    if (verify_cmd->parsed()) {
        if (!document.empty())
            verify.document = document;
        if (!genesis_file.empty())
            verify.genesis = genesis_file;
        if (!validators_hash.empty())
            verify.validators_hash = validators_hash;
        auto r = wallet.verify(verify);
        const int code = report(as_json, "verify", r);
        return code == 0 && r->at("verdict") != "valid" ? 1 : code;
    }
    return 2;
}
