// The credential module's `verify` command: a credential checked locally from a node's proofs
// (bundle_verifier). Apart from credential_wallet.cpp only to keep both files short.
#include <cstdio>

#include "genesis/dev.hpp"
#include "genesis/genesis.hpp"
#include "vm/modules/credential/keys.hpp"
#include "wallet-cli/bundle_verifier.hpp"
#include "wallet-cli/command_module.hpp"
#include "wallet-cli/credential_input.hpp"

namespace azora::wallet {

using nlohmann::json;
namespace cred = vm::credential;

namespace {

/// The credential, an optional document and the trust anchor (one of genesis file,
/// validator-set hash, or the dev genesis with --dev).
struct VerifyArgs {
    std::string id;
    std::string document;
    std::string genesis;
    std::string validators_hash;
};

Result<TrustAnchor> trust_anchor(const Wallet& w, const VerifyArgs& a) {
    TrustAnchor anchor;
    if (!a.validators_hash.empty()) {
        auto h = fixed_from_hex<32>(a.validators_hash);
        if (!h) {
            return Error::malformed("bad_anchor", "--validators-hash is 64 hex digits");
        }
        anchor.validators_hash = *h;
    } else if (!a.genesis.empty() || w.options().dev) {
        AZORA_ASSIGN(genesis::Genesis g, !a.genesis.empty()
                                             ? genesis::Genesis::load(a.genesis)
                                             : Result<genesis::Genesis>(genesis::dev_genesis()));
        AZORA_ASSIGN(auto set, g.validator_set());
        anchor.validators_hash = set.hash();
        anchor.chain_id = g.chain_id;
    } else {
        return Error::malformed("no_trust_anchor",
                                "give --genesis FILE, --validators-hash HEX or --dev");
    }
    return anchor;
}

/// Asks the node for credential_verify and checks the bundle locally. A failed check is an
/// error with the verifier's reason; otherwise the verdict and the facts behind it.
Result<json> verify(Wallet& w, const VerifyArgs& a) {
    AZORA_ASSIGN(Hash32 id, parse_credential_id(a.id));
    AZORA_ASSIGN(TrustAnchor anchor, trust_anchor(w, a));
    std::optional<Hash32> document;
    json params{{"id", a.id}};
    if (!a.document.empty()) {
        AZORA_ASSIGN(document, hash_file(a.document));
        params["document_hash"] = to_hex(*document);
    }
    AZORA_ASSIGN(json answer, w.call("credential_verify", params));
    AZORA_ASSIGN(VerifiedCredential v, verify_bundle(answer, id, anchor, document));

    const std::string& hrp = w.hrp();
    json out{{"id", a.id},
             {"verdict", cred::to_string(v.verdict)},
             {"verified_locally", true},
             {"chain_id", v.header.chain_id},
             {"height", v.header.height},
             {"header_hash", to_hex(v.header_hash)},
             {"header_time", date_text(v.header.time_ms)},
             {"signers", v.signers},
             {"signed_power", std::to_string(v.signed_power)},
             {"total_power", std::to_string(v.total_power)},
             {"trusted_validators_hash", to_hex(anchor.validators_hash)}};
    if (document) {
        out["document_hash"] = to_hex(*document);
    }
    if (v.credential) {
        const auto& c = *v.credential;
        out["credential"] = {{"issuer", c.issuer.to_string(hrp)},
                             {"holder", c.holder.to_string(hrp)},
                             {"class", c.credential_class},
                             {"title", c.title},
                             {"metadata_hash", to_hex(c.metadata_hash)},
                             {"metadata_uri", c.metadata_uri},
                             {"issued_at", date_text(c.issued_at)},
                             {"expires_at", c.expires_at == 0 ? "never" : date_text(c.expires_at)},
                             {"transferable", c.transferable}};
        if (c.revocation) {
            out["credential"]["revocation"] = {{"height", c.revocation->height},
                                               {"time", date_text(c.revocation->time_ms)},
                                               {"reason", c.revocation->reason}};
        }
    }
    if (v.issuer) {
        out["issuer"] = {{"address", v.issuer->address.to_string(hrp)},
                         {"name", v.issuer->name},
                         {"url", v.issuer->url},
                         {"status", cred::to_string(v.issuer->status)}};
    }
    return out;
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

bool print_not_verified(const Error& e) {
    if (explain(e.reason) == nullptr) {
        return false;
    }
    std::fprintf(stderr, "NOT VERIFIED (%s): %s\n  %s\n", e.reason.c_str(), explain(e.reason),
                 e.message.c_str());
    return true;
}

}  // namespace

std::vector<Command> credential_verify_commands(CLI::App& app) {
    auto a = std::make_shared<VerifyArgs>();
    auto* verify_cmd = app.add_subcommand(
        "verify", "verify a credential locally from a node's proofs (exit 0 only if valid)");
    verify_cmd->add_option("ID", a->id, "credential id")->required();
    verify_cmd->add_option("--document", a->document, "the presented document");
    verify_cmd->add_option("--genesis", a->genesis, "trust this genesis's validator set");
    verify_cmd->add_option("--validators-hash", a->validators_hash,
                           "trust this validator set hash");
    return {{verify_cmd, [a](Wallet& w) { return verify(w, *a); }, print_verdict,
             print_not_verified, [](const json& r) { return r.at("verdict") == "valid" ? 0 : 1; }}};
}

}  // namespace azora::wallet
