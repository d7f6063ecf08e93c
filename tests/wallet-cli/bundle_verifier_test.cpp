// The wallet's offline verifier against bundles built from a real chain on LevelDB, shaped
// exactly as the node's credential_verify result: an honest bundle verifies, and each kind of
// lie (tampered value or proof, weak or foreign commit, wrong key, false verdict) is caught
// with its own reason.
#include "wallet-cli/bundle_verifier.hpp"

#include <gtest/gtest.h>
#include <time.h>

#include "../node/node_test_util.hpp"
#include "core/smt.hpp"
#include "vm/modules/credential/messages.hpp"
#include "vm/modules/credential/state.hpp"

namespace azora::wallet {
namespace {

using namespace azora::node::test;
using nlohmann::json;
namespace cred = vm::credential;

const Hash32 kDocument = sha256(as_bytes("diploma.pdf contents"));

ledger::Tx credential_tx(uint16_t action, Bytes payload, uint64_t nonce) {
    ledger::Tx tx;
    tx.chain_id = std::string(genesis::kDevChainId);
    tx.nonce = nonce;
    tx.gas_limit = 1'000'000;
    tx.gas_price = 1;
    tx.module = vm::kCredentialModule;
    tx.action = action;
    tx.payload = std::move(payload);
    tx.sign(dev_key(1));  // dev1 is the dev genesis issuer
    return tx;
}

/// Commits one block holding `tx`, signed by the dev validator.
void commit_block(node::Chain& chain, const ledger::Tx& tx) {
    auto admitted = chain.check_admission(tx);
    ASSERT_TRUE(admitted.ok()) << admitted.error().to_string();
    const Address proposer = Address::from_pubkey(genesis::dev_validator_key().public_key());
    const std::vector<node::PendingTxPtr> txs{node::make_pending(tx)};
    auto built = chain.build_block(to_candidates(txs), chain.head_time_ms() + 1000, proposer);
    ASSERT_TRUE(built.ok()) << built.error().to_string();
    ASSERT_EQ(built->receipts.at(0).status, ledger::TxStatus::success)
        << built->receipts.at(0).error;
    const ledger::Header header = built->block.header;
    auto commit = verified_commit(chain, header, genesis::dev_validator_key());
    ASSERT_TRUE(commit.ok()) << commit.error().to_string();
    ASSERT_TRUE(chain.commit(std::move(built).value(), *commit).ok());
}

json validators_json(const consensus::ValidatorSet& set) {
    json out = json::array();
    for (const auto& v : set.validators()) {
        out.push_back({{"pubkey", to_hex(v.pubkey)}, {"power", std::to_string(v.power)}});
    }
    return out;
}

/// A membership or absence proof of `key` at `height`, as the node encodes it.
json proof_json(const node::Chain& chain, uint64_t height, const Bytes& key) {
    auto vp = chain.store().tree().prove_value(height, smt::key_path(key));
    EXPECT_TRUE(vp.ok());
    std::optional<Bytes> value = vp->value;
    if (!value && vp->proof.leaf && vp->proof.leaf->key_hash == smt::key_path(key)) {
        value = *chain.store().state_get(key).value();
    }
    return {{"key", to_hex(key)},
            {"value", value ? json(to_hex(*value)) : json(nullptr)},
            {"proof", to_hex(vp->proof.encode())}};
}

json header_json(const ledger::Header& h) {
    return {{"height", h.height},
            {"time_ms", h.time_ms},
            {"state_root", to_hex(h.state_root)},
            {"hash", to_hex(h.hash())},
            {"raw", to_hex(h.encode())}};
}

json commit_json(const ledger::Commit& c) {
    return {{"height", c.height}, {"round", c.round}, {"raw", to_hex(c.encode())}};
}

/// What an honest node answers to credential_verify {id, document_hash?} at the head.
json honest_answer(const node::Chain& chain,
                   const Hash32& id,
                   const std::optional<Hash32>& document = std::nullopt) {
    const uint64_t height = chain.head().height;
    const ledger::Header header = *chain.store().header(height).value();
    const ledger::Commit commit = *chain.store().commit(height).value();
    auto c = *cred::load_credential(chain.state(), id);
    std::optional<cred::Issuer> issuer;
    json bundle{{"header", header_json(header)},
                {"commit", commit_json(commit)},
                {"validators", validators_json(chain.validators())},
                {"credential_proof", proof_json(chain, height, cred::credential_key(id))},
                {"issuer_proof", nullptr}};
    if (c) {
        issuer = *cred::load_issuer(chain.state(), c->issuer);
        bundle["issuer_proof"] = proof_json(chain, height, cred::issuer_key(c->issuer));
    }
    const auto v =
        cred::verdict(c ? &*c : nullptr, issuer ? &*issuer : nullptr, header.time_ms, document);
    return {{"verdict", cred::to_string(v)},
            {"height", height},
            {"time_ms", header.time_ms},
            {"credential", c ? json{{"id", to_hex(c->id)}} : json(nullptr)},
            {"issuer", issuer ? json{{"name", issuer->name}} : json(nullptr)},
            {"bundle", bundle}};
}

/// Replaces the header (re-encoding raw and hash) and the commit of an answer.
void forge(json& answer,
           const ledger::Header& header,
           const ledger::Commit& commit,
           const consensus::ValidatorSet& set) {
    answer["bundle"]["header"] = header_json(header);
    answer["bundle"]["commit"] = commit_json(commit);
    answer["bundle"]["validators"] = validators_json(set);
}

ledger::Commit commit_by(const ledger::Header& header,
                         const std::vector<std::pair<PrivateKey, uint32_t>>& signers) {
    const Hash32 hash = header.hash();
    consensus::VoteData vote{consensus::VoteType::precommit, header.chain_id, header.height, 0,
                             hash};
    std::vector<consensus::Vote> votes;
    for (const auto& [key, index] : signers) {
        votes.push_back({vote, index, consensus::sign_vote(key, vote)});
    }
    return consensus::make_commit(header.height, 0, hash, std::move(votes));
}

/// Flips one bit of the hex string at `pointer` in `answer`, at byte `at` of its bytes.
void flip_hex(json& answer, const json::json_pointer& pointer, size_t at) {
    Bytes b = *from_hex(answer[pointer].get<std::string>());
    ASSERT_LT(at, b.size());
    b[at] ^= 0x01;
    answer[pointer] = to_hex(b);
}

class BundleVerifier : public ::testing::Test {
protected:
    void SetUp() override {
        m_chain = open_chain(m_dir.path() / "chain");
        ASSERT_NE(m_chain, nullptr);
        cred::Mint mint{dev_address(3),
                        "degree",
                        "BSc Computer Science",
                        kDocument,
                        "https://uni.example/vc/1.json",
                        0,
                        false};
        const ledger::Tx tx = credential_tx(cred::kMint, mint.encode(), 0);
        m_id = cred::credential_id(dev_address(1), tx.hash(), 0);
        commit_block(*m_chain, tx);
        auto set = genesis::dev_genesis().validator_set();
        ASSERT_TRUE(set.ok());
        m_anchor.validators_hash = set->hash();
        m_anchor.chain_id = std::string(genesis::kDevChainId);
    }

    Result<VerifiedCredential> verify(const json& answer,
                                      const std::optional<Hash32>& document = std::nullopt) {
        return verify_bundle(answer, m_id, m_anchor, document);
    }

    ledger::Header head_header() const {
        return *m_chain->store().header(m_chain->head().height).value();
    }

    static std::string reason(const Result<VerifiedCredential>& r) {
        return r.ok() ? "ok" : r.error().reason;
    }

    TempDir m_dir;
    std::unique_ptr<node::Chain> m_chain;
    Hash32 m_id{};
    TrustAnchor m_anchor;
};

TEST_F(BundleVerifier, HonestBundleIsValid) {
    auto r = verify(honest_answer(*m_chain, m_id, kDocument), kDocument);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(r->verdict, cred::Verdict::valid);
    ASSERT_TRUE(r->credential.has_value());
    EXPECT_EQ(r->credential->title, "BSc Computer Science");
    EXPECT_EQ(r->credential->holder, dev_address(3));
    ASSERT_TRUE(r->issuer.has_value());
    EXPECT_EQ(r->issuer->name, genesis::kDevIssuerName);
    EXPECT_EQ(r->header.height, 1u);
    EXPECT_EQ(r->signed_power, r->total_power);
    // Without a document the verdict is still valid.
    EXPECT_TRUE(verify(honest_answer(*m_chain, m_id)).ok());
}

TEST_F(BundleVerifier, UnknownIdIsProvenNotFound) {
    m_id = sha256(as_bytes("no such credential"));
    auto r = verify(honest_answer(*m_chain, m_id));
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(r->verdict, cred::Verdict::not_found);
}

TEST_F(BundleVerifier, TamperedValueIsCaught) {
    json a = honest_answer(*m_chain, m_id);
    // The node edits the record (e.g. hides a revocation) but cannot fix the proven hash.
    flip_hex(a, "/bundle/credential_proof/value"_json_pointer, 40);
    EXPECT_EQ(reason(verify(a)), "tampered_value");

    json hidden = honest_answer(*m_chain, m_id);
    hidden["bundle"]["credential_proof"]["value"] = nullptr;  // claims absence
    EXPECT_EQ(reason(verify(hidden)), "tampered_value");
}

TEST_F(BundleVerifier, TamperedProofSiblingIsCaught) {
    json a = honest_answer(*m_chain, m_id);
    auto proof =
        smt::Proof::decode(*from_hex(a["bundle"]["credential_proof"]["proof"].get<std::string>()));
    ASSERT_TRUE(proof.ok());
    ASSERT_FALSE(proof->siblings.empty());
    proof->siblings.back()[5] ^= 0x80;
    a["bundle"]["credential_proof"]["proof"] = to_hex(proof->encode());
    EXPECT_EQ(reason(verify(a)), "bad_proof");

    json issuer = honest_answer(*m_chain, m_id);
    flip_hex(issuer, "/bundle/issuer_proof/value"_json_pointer, 30);
    EXPECT_EQ(reason(verify(issuer)), "tampered_value");
}

TEST_F(BundleVerifier, WrongStateKeyIsCaught) {
    // A genuine proof, but of another key than this credential's.
    json a = honest_answer(*m_chain, m_id);
    const uint64_t h = m_chain->head().height;
    a["bundle"]["credential_proof"] =
        proof_json(*m_chain, h, cred::credential_key(sha256(as_bytes("other"))));
    EXPECT_EQ(reason(verify(a)), "wrong_key");

    json b = honest_answer(*m_chain, m_id);
    b["bundle"]["issuer_proof"] = proof_json(*m_chain, h, cred::issuer_key(dev_address(2)));
    EXPECT_EQ(reason(verify(b)), "wrong_key");
}

TEST_F(BundleVerifier, HeaderAndCommitMustMatch) {
    json a = honest_answer(*m_chain, m_id);
    flip_hex(a, "/bundle/header/hash"_json_pointer, 0);
    EXPECT_EQ(reason(verify(a)), "bad_header");

    json b = honest_answer(*m_chain, m_id);
    b["bundle"]["header"]["raw"] = "00";
    EXPECT_EQ(reason(verify(b)), "bad_header");

    // The commit of another header (the genesis-era height 1 with another time).
    json c = honest_answer(*m_chain, m_id);
    ledger::Header other = head_header();
    other.time_ms += 1;
    c["bundle"]["commit"] = commit_json(sign_commit(other, genesis::dev_validator_key()));
    EXPECT_EQ(reason(verify(c)), "bad_commit");
}

TEST_F(BundleVerifier, CommitWithTooLittlePowerIsCaught) {
    // A 4-validator set of equal power, trusted, where only 2 signed: 2/4 is not > 2/3.
    std::vector<PrivateKey> keys{genesis::dev_validator_key(), other_key("v1"), other_key("v2"),
                                 other_key("v3")};
    std::vector<std::pair<PubKey, uint64_t>> members;
    for (const auto& k : keys) {
        members.emplace_back(k.public_key(), 10);
    }
    auto set = consensus::ValidatorSet::create(members);
    ASSERT_TRUE(set.ok());
    m_anchor.validators_hash = set->hash();

    ledger::Header header = head_header();  // same state root, so the proofs still hold
    header.validators_hash = set->hash();
    json a = honest_answer(*m_chain, m_id);
    forge(a, header,
          commit_by(header, {{keys[0], *set->index_of(keys[0].public_key())},
                             {keys[1], *set->index_of(keys[1].public_key())}}),
          *set);
    EXPECT_EQ(reason(verify(a)), "insufficient_power");

    // Three of four is enough: the same forgery with a real quorum verifies.
    forge(a, header,
          commit_by(header, {{keys[0], *set->index_of(keys[0].public_key())},
                             {keys[1], *set->index_of(keys[1].public_key())},
                             {keys[2], *set->index_of(keys[2].public_key())}}),
          *set);
    auto ok = verify(a);
    ASSERT_TRUE(ok.ok()) << ok.error().to_string();
    EXPECT_EQ(ok->signed_power, 30u);
    EXPECT_EQ(ok->total_power, 40u);
}

TEST_F(BundleVerifier, CommitByKeysOutsideTheTrustedSetIsCaught) {
    // The node brings its own validator set, named in a header it made up.
    const PrivateKey rogue = other_key("rogue");
    auto rogue_set = consensus::ValidatorSet::create({{rogue.public_key(), 1}});
    ASSERT_TRUE(rogue_set.ok());
    ledger::Header header = head_header();
    header.validators_hash = rogue_set->hash();
    json a = honest_answer(*m_chain, m_id);
    forge(a, header, commit_by(header, {{rogue, 0}}), *rogue_set);
    EXPECT_EQ(reason(verify(a)), "untrusted_validators");

    // Or it keeps the trusted set and header but signs as validator 0 with another key.
    json b = honest_answer(*m_chain, m_id);
    b["bundle"]["commit"] = commit_json(commit_by(head_header(), {{rogue, 0}}));
    EXPECT_EQ(reason(verify(b)), "bad_signature");
}

TEST_F(BundleVerifier, WrongDocumentIsDocumentMismatch) {
    const Hash32 other = sha256(as_bytes("a forged diploma"));
    auto r = verify(honest_answer(*m_chain, m_id, other), other);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(r->verdict, cred::Verdict::document_mismatch);

    // A node that calls it valid anyway is caught.
    json lie = honest_answer(*m_chain, m_id, other);
    lie["verdict"] = "valid";
    EXPECT_EQ(reason(verify(lie, other)), "verdict_mismatch");
}

TEST_F(BundleVerifier, NodeClaimingValidForARevokedCredentialIsCaught) {
    commit_block(*m_chain,
                 credential_tx(cred::kRevoke, cred::Revoke{m_id, "issued in error"}.encode(), 1));
    auto honest = verify(honest_answer(*m_chain, m_id));
    ASSERT_TRUE(honest.ok()) << honest.error().to_string();
    EXPECT_EQ(honest->verdict, cred::Verdict::revoked);
    ASSERT_TRUE(honest->credential->revocation.has_value());
    EXPECT_EQ(honest->credential->revocation->reason, "issued in error");

    json lie = honest_answer(*m_chain, m_id);
    lie["verdict"] = "valid";
    EXPECT_EQ(reason(verify(lie)), "verdict_mismatch");
}

}  // namespace
}  // namespace azora::wallet
