// The credential RPC methods through rpc::Dispatcher (no sockets) on the dev chain, where dev1
// is an issuer and dev0 a 1-of-1 council. credential_verify bundles are checked here the way an
// offline verifier would: header hash, commit signatures, state proofs and the verdict.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "consensus/commit_verifier.hpp"
#include "core/smt.hpp"
#include "node/rpc_methods.hpp"
#include "node_test_util.hpp"
#include "rpc/dispatcher.hpp"
#include "vm/modules/credential/messages.hpp"
#include "vm/modules/credential/state.hpp"
#include "vm/modules/credential/verdict.hpp"
#include "vm/modules/governance/messages.hpp"

namespace azora::node {
namespace {

using namespace azora::node::test;
using nlohmann::json;

constexpr uint64_t kGas = 200'000;

class RpcCredentialMethodsTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::make_unique<TempDir>();
        m_chain = open_chain(m_dir->path() / "chain");
        ASSERT_NE(m_chain, nullptr);
        m_mempool = std::make_unique<Mempool>(MempoolOptions{});
        m_backend =
            std::make_unique<RpcBackend>(RpcBackend{*m_chain, *m_mempool, "test", true, {}});
        m_table = std::make_unique<rpc::MethodTable>();
        ASSERT_TRUE(register_tx_methods(*m_table, *m_backend).ok());
        auto reg = register_module_queries(*m_table, *m_backend, vm::ModuleRegistry::standard());
        ASSERT_TRUE(reg.ok()) << reg.error().to_string();
        m_dispatcher = std::make_unique<rpc::Dispatcher>(*m_table);
    }

    json raw_call(const std::string& method, const json& params) {
        const json request{
            {"jsonrpc", "2.0"}, {"id", ++m_id}, {"method", method}, {"params", params}};
        json response =
            json::parse(m_dispatcher->handle(request.dump(), rpc::CallContext{}), nullptr, false);
        EXPECT_FALSE(response.is_discarded());
        return response;
    }

    json call(const std::string& method, const json& params = json::object()) {
        json r = raw_call(method, params);
        EXPECT_TRUE(r.contains("result")) << method << " " << params.dump() << " -> " << r.dump();
        return r.contains("result") ? r["result"] : json();
    }

    void call_error(const std::string& method,
                    const json& params,
                    int code,
                    const std::string& reason) {
        json r = raw_call(method, params);
        ASSERT_TRUE(r.contains("error")) << method << " " << params.dump() << " -> " << r.dump();
        EXPECT_EQ(r["error"].value("code", 0), code) << r.dump();
        EXPECT_EQ(r["error"]["data"].value("reason", ""), reason) << r.dump();
    }

    // Signs and submits a tx of dev key `from`, tracking its nonces; returns the tx hash.
    Hash32 submit(size_t from, uint16_t module, uint16_t action, Bytes payload) {
        ledger::Tx tx;
        tx.chain_id = std::string(genesis::kDevChainId);
        tx.nonce = m_nonces[from]++;
        tx.gas_limit = kGas;
        tx.gas_price = 1;
        tx.module = module;
        tx.action = action;
        tx.payload = std::move(payload);
        tx.sign(dev_key(from));
        EXPECT_EQ(call("tx_submit", json::array({to_hex(tx.encode())})), to_hex(tx.hash()));
        return tx.hash();
    }

    // dev1 mints to `holder`; returns the new credential's id (index 0 of its tx).
    Hash32 mint(const Address& holder,
                const std::string& title,
                const Hash32& doc = {},
                uint64_t expires_at = 0) {
        vm::credential::Mint m{holder, "course_completion",          title,
                               doc,    "https://x.example/" + title, expires_at,
                               false};
        const Hash32 tx = submit(1, vm::kCredentialModule, vm::credential::kMint, m.encode());
        return vm::credential::credential_id(dev_address(1), tx, 0);
    }

    void revoke(const Hash32& id, const std::string& reason) {
        submit(1, vm::kCredentialModule, vm::credential::kRevoke,
               vm::credential::Revoke{id, reason}.encode());
    }

    // dev0, the whole council, proposes (and so executes) a change of dev1.
    void council(vm::governance::ProposalKind kind) {
        submit(0, vm::kGovernanceModule, vm::governance::kPropose,
               vm::governance::Propose{kind, dev_address(1), "", ""}.encode());
    }

    // Produces one block 1 s after the previous one; returns its height.
    uint64_t produce() {
        m_time += 1000;
        auto head = produce_dev_block(*m_chain, *m_mempool,
                                      genesis::dev_genesis().genesis_time_ms + m_time);
        EXPECT_TRUE(head.ok()) << head.error().to_string();
        EXPECT_EQ(m_mempool->size(), 0u);
        return head.ok() ? head->height : 0;
    }

    std::string addr(const Address& a) const { return a.to_string(kTestnetHrp); }

    std::unique_ptr<TempDir> m_dir;
    std::unique_ptr<Chain> m_chain;
    std::unique_ptr<Mempool> m_mempool;
    std::unique_ptr<RpcBackend> m_backend;
    std::unique_ptr<rpc::MethodTable> m_table;
    std::unique_ptr<rpc::Dispatcher> m_dispatcher;
    std::map<size_t, uint64_t> m_nonces;
    uint64_t m_time = 0;
    int m_id = 0;
};

// Checks one state proof of a bundle against `root` for `key`; returns the value.
std::optional<Bytes> check_proof(const json& p, const Bytes& key, const Hash32& root) {
    EXPECT_EQ(p["key"], to_hex(key));
    auto proof = smt::Proof::decode(*from_hex(p["proof"].get<std::string>()));
    EXPECT_TRUE(proof.ok());
    if (!proof.ok()) {
        return std::nullopt;
    }
    auto proven = smt::verify_proof(root, smt::key_path(key), *proof);
    EXPECT_TRUE(proven.ok()) << proven.error().to_string();
    if (p["value"].is_null()) {
        EXPECT_FALSE(proven.ok() && proven->has_value()) << "proof shows presence";
        return std::nullopt;
    }
    Bytes value = *from_hex(p["value"].get<std::string>());
    EXPECT_TRUE(proven.ok() && proven->has_value() && **proven == sha256(value));
    return value;
}

// Verifies a credential_verify result as an offline verifier would, from the bundle alone, and
// recomputes the verdict from the proven records.
void check_bundle(const json& r, const Hash32& id, const std::optional<Hash32>& doc = {}) {
    const json& b = r["bundle"];
    auto header = ledger::Header::decode(*from_hex(b["header"]["raw"].get<std::string>()));
    ASSERT_TRUE(header.ok());
    EXPECT_EQ(to_hex(header->hash()), b["header"]["hash"]);
    EXPECT_EQ(header->height, r["height"]);
    EXPECT_EQ(header->time_ms, r["time_ms"]);

    std::vector<std::pair<PubKey, uint64_t>> members;
    for (const auto& v : b["validators"]) {
        members.emplace_back(*fixed_from_hex<32>(v["pubkey"].get<std::string>()),
                             std::stoull(v["power"].get<std::string>()));
    }
    auto set = consensus::ValidatorSet::create(members);
    ASSERT_TRUE(set.ok());
    EXPECT_EQ(set->hash(), header->validators_hash);
    auto commit = ledger::Commit::decode(*from_hex(b["commit"]["raw"].get<std::string>()));
    ASSERT_TRUE(commit.ok());
    auto verified =
        consensus::verify_commit(*set, header->chain_id, header->height, header->hash(), *commit);
    EXPECT_TRUE(verified.ok()) << verified.error().to_string();

    std::optional<vm::credential::Credential> cred;
    std::optional<vm::credential::Issuer> issuer;
    auto cred_value =
        check_proof(b["credential_proof"], vm::credential::credential_key(id), header->state_root);
    if (cred_value) {
        cred = *vm::credential::Credential::decode(*cred_value);
        EXPECT_EQ(r["credential"]["id"], to_hex(id));
        ASSERT_TRUE(b["issuer_proof"].is_object());
        auto issuer_value = check_proof(b["issuer_proof"], vm::credential::issuer_key(cred->issuer),
                                        header->state_root);
        if (issuer_value) {
            issuer = *vm::credential::Issuer::decode(*issuer_value);
        }
    } else {
        EXPECT_TRUE(r["credential"].is_null());
        EXPECT_TRUE(b["issuer_proof"].is_null());
    }
    EXPECT_EQ(r["issuer"].is_null(), !issuer.has_value());
    const auto v = vm::credential::verdict(cred ? &*cred : nullptr, issuer ? &*issuer : nullptr,
                                           header->time_ms, doc);
    EXPECT_EQ(r["verdict"], vm::credential::to_string(v));
}

TEST_F(RpcCredentialMethodsTest, GetAndListWithPaging) {
    const Address holder = dev_address(2);
    std::set<std::string> minted;
    for (int i = 0; i < 5; ++i) {
        minted.insert(to_hex(mint(holder, "course-" + std::to_string(i))));
    }
    const uint64_t expires = genesis::dev_genesis().genesis_time_ms + 1'000'000;
    const Hash32 other = mint(dev_address(3), "other", sha256(as_bytes("doc")), expires);
    produce();

    const json c = call("credential_get", json::array({to_hex(other)}));
    EXPECT_EQ(c["id"], to_hex(other));
    EXPECT_EQ(c["issuer"], addr(dev_address(1)));
    EXPECT_EQ(c["holder"], addr(dev_address(3)));
    EXPECT_EQ(c["class"], "course_completion");
    EXPECT_EQ(c["title"], "other");
    EXPECT_EQ(c["metadata_hash"], to_hex(sha256(as_bytes("doc"))));
    EXPECT_EQ(c["metadata_uri"], "https://x.example/other");
    EXPECT_EQ(c["issued_at"], genesis::dev_genesis().genesis_time_ms + 1000);
    EXPECT_EQ(c["expires_at"], expires);
    EXPECT_EQ(c["transferable"], false);
    EXPECT_EQ(c["revoked"], false);
    EXPECT_TRUE(c["revocation"].is_null());
    call_error("credential_get", json::array({to_hex(sha256(as_bytes("nope")))}), -32000,
               "not_found");
    call_error("credential_get", json::array({"12"}), -32602, "invalid_params");

    // Holder: 5 credentials in pages of 2, 2, 1.
    std::set<std::string> seen;
    json cursor = nullptr;
    int pages = 0;
    do {
        const json page = call("credential_listByHolder",
                               json{{"holder", addr(holder)}, {"cursor", cursor}, {"limit", 2}});
        ++pages;
        for (const auto& item : page["credentials"]) {
            EXPECT_EQ(item["holder"], addr(holder));
            EXPECT_TRUE(seen.insert(item["id"].get<std::string>()).second);
        }
        cursor = page["next_cursor"];
    } while (!cursor.is_null());
    EXPECT_EQ(pages, 3);
    EXPECT_EQ(seen, minted);

    // Issuer: all 6, default limit in one page.
    const json by_issuer = call("credential_listByIssuer", json::array({addr(dev_address(1))}));
    EXPECT_EQ(by_issuer["credentials"].size(), 6u);
    EXPECT_TRUE(by_issuer["next_cursor"].is_null());
    const json first =
        call("credential_listByIssuer", json::array({addr(dev_address(1)), nullptr, 4}));
    EXPECT_EQ(first["credentials"].size(), 4u);
    const json rest = call("credential_listByIssuer",
                           json::array({addr(dev_address(1)), first["next_cursor"], 4}));
    EXPECT_EQ(rest["credentials"].size(), 2u);
    EXPECT_TRUE(rest["next_cursor"].is_null());
    EXPECT_EQ(call("credential_listByHolder", json::array({addr(dev_address(4))}))["credentials"],
              json::array());

    // Bad cursors and limits are params errors, never a crash.
    for (const json& bad : {json("zz"), json("00"), json(std::string(66, 'a')), json(5)}) {
        call_error("credential_listByHolder", json{{"holder", addr(holder)}, {"cursor", bad}},
                   -32602, "invalid_params");
    }
    call_error("credential_listByIssuer", json::array({addr(holder), nullptr, 0}), -32602,
               "invalid_params");
    call_error("credential_listByIssuer", json::array({addr(holder), nullptr, 201}), -32602,
               "invalid_params");
    call_error("credential_listByHolder", json::array({"tazr1bad"}), -32602, "invalid_params");
}

TEST_F(RpcCredentialMethodsTest, IssuersAndCouncilProposals) {
    const json dev1 = call("issuer_get", json::array({addr(dev_address(1))}));
    EXPECT_EQ(dev1["address"], addr(dev_address(1)));
    EXPECT_EQ(dev1["name"], genesis::kDevIssuerName);
    EXPECT_EQ(dev1["url"], genesis::kDevIssuerUrl);
    EXPECT_EQ(dev1["status"], "active");
    EXPECT_EQ(dev1["history"], (json::array({{{"status", "active"}, {"height", 0}}})));
    call_error("issuer_get", json::array({addr(dev_address(2))}), -32000, "not_found");

    const json listed = call("issuer_list");
    ASSERT_EQ(listed["issuers"].size(), 1u);
    EXPECT_EQ(listed["issuers"][0], dev1);
    EXPECT_TRUE(listed["next_cursor"].is_null());
    call_error("issuer_list", json{{"cursor", "00"}}, -32602, "invalid_params");

    json none = call("council_proposals");
    EXPECT_EQ(none["council"], (json{{"members", {addr(dev_address(0))}},
                                     {"threshold", 1},
                                     {"proposal_ttl_blocks", genesis::kDevProposalTtlBlocks}}));
    EXPECT_EQ(none["proposals"], json::array());
    EXPECT_TRUE(none["next_cursor"].is_null());

    council(vm::governance::ProposalKind::suspend_issuer);
    const uint64_t h1 = produce();
    council(vm::governance::ProposalKind::reinstate_issuer);
    produce();
    council(vm::governance::ProposalKind::suspend_issuer);
    produce();

    const json all = call("council_proposals", json{{"status", "all"}});
    ASSERT_EQ(all["proposals"].size(), 3u);
    const json& p1 = all["proposals"][0];
    EXPECT_EQ(p1["id"], 1);
    EXPECT_EQ(p1["kind"], "suspend_issuer");
    EXPECT_EQ(p1["target"], addr(dev_address(1)));
    EXPECT_EQ(p1["name"], "");
    EXPECT_EQ(p1["url"], "");
    EXPECT_EQ(p1["proposer"], addr(dev_address(0)));
    EXPECT_EQ(p1["approvals"], json::array({addr(dev_address(0))}));
    EXPECT_EQ(p1["created_height"], h1);
    EXPECT_EQ(p1["expires_height"], h1 + genesis::kDevProposalTtlBlocks);
    EXPECT_EQ(p1["status"], "executed");
    EXPECT_EQ(all["proposals"][1]["kind"], "reinstate_issuer");

    // Paged one at a time, and filtered.
    json cursor = nullptr;
    std::vector<uint64_t> ids;
    do {
        const json page = call("council_proposals", json::array({"executed", cursor, 1}));
        for (const auto& p : page["proposals"]) {
            ids.push_back(p["id"].get<uint64_t>());
        }
        cursor = page["next_cursor"];
    } while (!cursor.is_null());
    EXPECT_EQ(ids, (std::vector<uint64_t>{1, 2, 3}));
    EXPECT_EQ(call("council_proposals", json{{"status", "open"}})["proposals"], json::array());
    EXPECT_EQ(call("council_proposals", json{{"status", "expired"}})["proposals"], json::array());
    call_error("council_proposals", json{{"status", "bogus"}}, -32602, "invalid_params");
    call_error("council_proposals", json{{"cursor", "0102"}}, -32602, "invalid_params");

    const json suspended = call("issuer_get", json{{"address", addr(dev_address(1))}});
    EXPECT_EQ(suspended["status"], "suspended");
    EXPECT_EQ(suspended["history"].size(), 4u);
    EXPECT_EQ(suspended["history"][1], (json{{"status", "suspended"}, {"height", h1}}));
}

TEST_F(RpcCredentialMethodsTest, VerifyVerdictsWithCheckedBundles) {
    const Hash32 doc = sha256(as_bytes("transcript.json"));
    const Hash32 a = mint(dev_address(2), "a", doc);
    const Hash32 b = mint(dev_address(3), "b");
    const uint64_t expires = genesis::dev_genesis().genesis_time_ms + 2500;
    const Hash32 e = mint(dev_address(3), "e", {}, expires);
    const uint64_t h1 = produce();

    json r = call("credential_verify", json::array({to_hex(a)}));
    EXPECT_EQ(r["verdict"], "valid");
    EXPECT_EQ(r["height"], h1);
    EXPECT_EQ(r["credential"]["title"], "a");
    EXPECT_EQ(r["issuer"]["status"], "active");
    EXPECT_EQ(r["bundle"]["validators"].size(), 1u);
    check_bundle(r, a);
    r = call("credential_verify", json{{"id", to_hex(a)}, {"document_hash", to_hex(doc)}});
    EXPECT_EQ(r["verdict"], "valid");
    check_bundle(r, a, doc);
    const Hash32 wrong = sha256(as_bytes("forged.json"));
    r = call("credential_verify", json{{"id", to_hex(a)}, {"document_hash", to_hex(wrong)}});
    EXPECT_EQ(r["verdict"], "document_mismatch");
    check_bundle(r, a, wrong);

    revoke(a, "issued in error");
    const uint64_t h2 = produce();
    r = call("credential_verify", json::array({to_hex(a)}));
    EXPECT_EQ(r["verdict"], "revoked");
    EXPECT_EQ(r["credential"]["revoked"], true);
    EXPECT_EQ(r["credential"]["revocation"],
              (json{{"height", h2}, {"time_ms", r["time_ms"]}, {"reason", "issued in error"}}));
    check_bundle(r, a);
    // At the earlier height it was still valid: the whole answer is as of that height.
    r = call("credential_verify", json{{"id", to_hex(a)}, {"height", h1}});
    EXPECT_EQ(r["verdict"], "valid");
    EXPECT_EQ(r["height"], h1);
    check_bundle(r, a);
    // Block time passed expires_at at height 3 (t+3000 >= t+2500).
    EXPECT_EQ(call("credential_verify", json::array({to_hex(e), nullptr, h2}))["verdict"], "valid");

    council(vm::governance::ProposalKind::suspend_issuer);
    produce();
    r = call("credential_verify", json::array({to_hex(b)}));
    EXPECT_EQ(r["verdict"], "issuer_suspended");
    EXPECT_EQ(r["issuer"]["status"], "suspended");
    check_bundle(r, b);
    // A tampered value no longer matches its proof.
    {
        const json& cp = r["bundle"]["credential_proof"];
        Bytes value = *from_hex(cp["value"].get<std::string>());
        auto proof = smt::Proof::decode(*from_hex(cp["proof"].get<std::string>()));
        ASSERT_TRUE(proof.ok());
        auto root = fixed_from_hex<32>(r["bundle"]["header"]["state_root"].get<std::string>());
        auto proven =
            smt::verify_proof(*root, smt::key_path(vm::credential::credential_key(b)), *proof);
        ASSERT_TRUE(proven.ok() && proven->has_value());
        value[value.size() / 2] ^= 1;
        EXPECT_NE(**proven, sha256(value));
    }
    r = call("credential_verify", json::array({to_hex(e)}));
    EXPECT_EQ(r["verdict"], "expired");
    check_bundle(r, e);

    const Hash32 unknown = sha256(as_bytes("never minted"));
    r = call("credential_verify", json::array({to_hex(unknown)}));
    EXPECT_EQ(r["verdict"], "not_found");
    EXPECT_TRUE(r["bundle"]["credential_proof"]["value"].is_null());
    check_bundle(r, unknown);

    call_error("credential_verify", json::array({"abc"}), -32602, "invalid_params");
    call_error("credential_verify", json{{"id", to_hex(a)}, {"document_hash", "00"}}, -32602,
               "invalid_params");
    call_error("credential_verify", json{{"id", to_hex(a)}, {"height", 0}}, -32000, "not_found");
    call_error("credential_verify", json{{"id", to_hex(a)}, {"height", 99}}, -32000, "not_found");
}

TEST_F(RpcCredentialMethodsTest, VerifyBeforeAnyBlockIsNotFound) {
    call_error("credential_verify", json::array({to_hex(sha256(as_bytes("x")))}), -32000,
               "not_found");
}

}  // namespace
}  // namespace azora::node
