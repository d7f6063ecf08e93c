#include "node/rpc_methods.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/encoding.hpp"
#include "core/smt.hpp"
#include "node_test_util.hpp"
#include "rpc/dispatcher.hpp"

namespace azora::node {
namespace {

using namespace azora::node::test;
using nlohmann::json;

class RpcMethodsTest : public ::testing::Test {
protected:
    void SetUp() override { start(kKeepVersions); }
    void TearDown() override { stop(); }

    // (Re)creates the chain in a fresh dir keeping `keep` tree versions, and the RPC stack.
    void start(uint64_t keep) {
        stop();
        m_dir = std::make_unique<TempDir>();
        auto chain =
            open_chain_db(m_dir->path() / "chain", genesis::dev_genesis(), ChainOptions{keep});
        ASSERT_TRUE(chain.ok()) << chain.error().to_string();
        m_chain = std::move(chain).value();
        m_mempool = std::make_unique<Mempool>(MempoolOptions{});
        m_backend = std::make_unique<RpcBackend>(
            RpcBackend{*m_chain, *m_mempool, "9.9.9-test", /*validator=*/true, {}});
        m_table = std::make_unique<rpc::MethodTable>();
        ASSERT_TRUE(register_chain_methods(*m_table, *m_backend).ok());
        ASSERT_TRUE(register_tx_methods(*m_table, *m_backend).ok());
        ASSERT_TRUE(register_state_methods(*m_table, *m_backend).ok());
        ASSERT_TRUE(
            register_module_queries(*m_table, *m_backend, vm::ModuleRegistry::standard()).ok());
        m_dispatcher = std::make_unique<rpc::Dispatcher>(*m_table);
    }
    void stop() {
        m_dispatcher.reset();
        m_table.reset();
        m_backend.reset();
        m_mempool.reset();
        m_chain.reset();
        m_dir.reset();
    }

    // The whole response object for one call with the given params, through the dispatcher's
    // text interface.
    json raw_call(const std::string& method, const json& params) {
        const json request{
            {"jsonrpc", "2.0"}, {"id", ++m_id}, {"method", method}, {"params", params}};
        const std::string body = m_dispatcher->handle(request.dump(), rpc::CallContext{});
        json response = json::parse(body, nullptr, false);
        EXPECT_FALSE(response.is_discarded()) << body;
        EXPECT_EQ(response.value("id", -1), m_id);
        EXPECT_EQ(response.value("jsonrpc", ""), "2.0");
        return response;
    }

    // The result of a call that must succeed.
    json call(const std::string& method, const json& params = json::array()) {
        json r = raw_call(method, params);
        EXPECT_TRUE(r.contains("result")) << method << " " << params.dump() << " -> " << r.dump();
        return r.contains("result") ? r["result"] : json();
    }

    // The error of a call that must fail, checked for code and data.reason.
    json call_error(const std::string& method,
                    const json& params,
                    int code,
                    const std::string& reason) {
        json r = raw_call(method, params);
        EXPECT_TRUE(r.contains("error")) << method << " " << params.dump() << " -> " << r.dump();
        if (!r.contains("error")) {
            return json();
        }
        const json& e = r["error"];
        EXPECT_EQ(e.value("code", 0), code) << e.dump();
        EXPECT_EQ(e["data"].value("reason", ""), reason) << e.dump();
        EXPECT_TRUE(e["message"].is_string());
        return e;
    }

    std::string addr_text(const Address& a) const { return a.to_string(kTestnetHrp); }

    std::string tx_hex(const ledger::Tx& tx) const { return to_hex(tx.encode()); }

    ledger::ChainHead produce(uint64_t offset_ms = 1000) {
        auto head = produce_dev_block(*m_chain, *m_mempool,
                                      genesis::dev_genesis().genesis_time_ms + offset_ms);
        EXPECT_TRUE(head.ok()) << head.error().to_string();
        return head.ok() ? *head : ledger::ChainHead{};
    }

    std::unique_ptr<TempDir> m_dir;
    std::unique_ptr<Chain> m_chain;
    std::unique_ptr<Mempool> m_mempool;
    std::unique_ptr<RpcBackend> m_backend;
    std::unique_ptr<rpc::MethodTable> m_table;
    std::unique_ptr<rpc::Dispatcher> m_dispatcher;
    int m_id = 0;
};

TEST_F(RpcMethodsTest, NodeInfo) {
    const json info = call("node_info");
    const auto g = genesis::dev_genesis();
    EXPECT_EQ(info["chain_id"], g.chain_id);
    EXPECT_EQ(info["version"], "9.9.9-test");
    EXPECT_EQ(info["height"], 0);
    EXPECT_EQ(info["head_hash"], to_hex(g.hash()));
    EXPECT_EQ(info["genesis_hash"], to_hex(g.hash()));
    EXPECT_EQ(info["head_time_ms"], g.genesis_time_ms);
    EXPECT_EQ(info["peers"], 0);
    EXPECT_EQ(info["syncing"], false);
    EXPECT_EQ(info["validator"], true);
    EXPECT_EQ(info["mempool_size"], 0);

    call("tx_submit", json::array({tx_hex(transfer(dev_key(0), dev_address(1), 1, 0))}));
    EXPECT_EQ(call("node_info")["mempool_size"], 1);
    const auto head = produce();
    const json after = call("node_info", json::object());
    EXPECT_EQ(after["height"], 1);
    EXPECT_EQ(after["head_hash"], to_hex(head.hash));
    EXPECT_EQ(after["genesis_hash"], to_hex(g.hash()));
    EXPECT_EQ(after["mempool_size"], 0);
}

TEST_F(RpcMethodsTest, AccountGetDev0) {
    const std::string dev0 = addr_text(dev_address(0));
    for (const json& params : {json::array({dev0}), json{{"address", dev0}}}) {
        const json acct = call("account_get", params);
        EXPECT_EQ(acct["address"], dev0);
        EXPECT_EQ(acct["nonce"], 0);
        EXPECT_EQ(acct["balances"], (json{{"uazr", std::to_string(genesis::kDevAccountBalance)}}));
    }
    // An unknown account is empty, not an error.
    const std::string nobody = addr_text(Address::from_pubkey(other_key("nobody").public_key()));
    const json empty = call("account_get", json::array({nobody}));
    EXPECT_EQ(empty["nonce"], 0);
    EXPECT_EQ(empty["balances"]["uazr"], "0");
}

TEST_F(RpcMethodsTest, AccountGetBadAddressIsInvalidParams) {
    call_error("account_get", json::array({"tazr1notanaddress"}), -32602, "invalid_params");
    call_error("account_get", json::array({""}), -32602, "invalid_params");
    // Right bytes, main-network HRP on a dev chain.
    call_error("account_get", json::array({dev_address(0).to_string(kMainnetHrp)}), -32602,
               "invalid_params");
    call_error("account_get", json::array({42}), -32602, "invalid_params");
    call_error("account_get", json::array(), -32602, "invalid_params");
    call_error("account_get", json{{"addr", addr_text(dev_address(0))}}, -32602, "invalid_params");
}

TEST_F(RpcMethodsTest, TokenBalanceAndSupply) {
    EXPECT_EQ(call("token_balance", json::array({addr_text(dev_address(3))})),
              std::to_string(genesis::kDevAccountBalance));
    EXPECT_EQ(call("token_balance", json::array({addr_text(dev_address(3)), "uazr"})),
              std::to_string(genesis::kDevAccountBalance));
    call_error("token_balance", json::array({addr_text(dev_address(3)), "btc"}), -32000,
               "unknown_asset");
    EXPECT_EQ(call("token_supply"),
              std::to_string(genesis::kDevAccountCount * genesis::kDevAccountBalance));
}

TEST_F(RpcMethodsTest, TxSubmitGoodTxIsPending) {
    const auto tx = transfer(dev_key(0), dev_address(1), 5, 0);
    const json hash = call("tx_submit", json::array({tx_hex(tx)}));
    EXPECT_EQ(hash, to_hex(tx.hash()));
    EXPECT_TRUE(m_mempool->contains(tx.hash()));
    const json status = call("tx_get", json::array({hash}));
    EXPECT_EQ(status["status"], "pending");
    EXPECT_EQ(status["hash"], hash);
    // "0x" prefix accepted; submitting again is already_known.
    call_error("tx_submit", json::array({"0x" + tx_hex(tx)}), -32000, "already_known");
    // Unknown hash.
    EXPECT_EQ(call("tx_get", json::array({to_hex(Hash32{})}))["status"], "unknown");
    call_error("tx_get", json::array({"abcd"}), -32602, "invalid_params");
}

TEST_F(RpcMethodsTest, TxSubmitThenCommitted) {
    const auto tx = transfer(dev_key(0), dev_address(1), 5, 0);
    call("tx_submit", json{{"tx", tx_hex(tx)}});
    produce();
    const json status = call("tx_get", json::array({to_hex(tx.hash())}));
    EXPECT_EQ(status["status"], "committed");
    EXPECT_EQ(status["height"], 1);
    EXPECT_EQ(status["index"], 0);
    EXPECT_EQ(status["receipt"]["status"], "success");
    EXPECT_GT(status["receipt"]["gas_used"].get<uint64_t>(), 0u);
    EXPECT_EQ(status["tx"]["hash"], to_hex(tx.hash()));
    EXPECT_EQ(status["tx"]["sender"], addr_text(dev_address(0)));
    EXPECT_EQ(status["tx"]["nonce"], 0);
    EXPECT_EQ(call("account_get", json::array({addr_text(dev_address(0))}))["nonce"], 1);
    // Re-submitting a committed tx is refused, saying where it already is.
    call_error("tx_submit", json::array({tx_hex(tx)}), -32000, "already_committed");
}

TEST_F(RpcMethodsTest, TxSubmitGarbageHex) {
    call_error("tx_submit", json::array({"zz"}), -32602, "invalid_params");
    call_error("tx_submit", json::array({"abc"}), -32602, "invalid_params");  // odd length
    call_error("tx_submit", json::array({5}), -32602, "invalid_params");
    call_error("tx_submit", json::array(), -32602, "invalid_params");
}

TEST_F(RpcMethodsTest, TxSubmitTruncatedOrMalformedBytes) {
    const Bytes full = transfer(dev_key(0), dev_address(1), 5, 0).encode();
    for (size_t cut : {size_t{1}, size_t{10}, size_t{64}, full.size() - 1}) {
        const Bytes truncated(full.begin(), full.end() - static_cast<ptrdiff_t>(cut));
        call_error("tx_submit", json::array({to_hex(truncated)}), -32000, "decode_error");
    }
    call_error("tx_submit", json::array({""}), -32000, "decode_error");
    Bytes trailing = full;
    trailing.push_back(0);
    call_error("tx_submit", json::array({to_hex(trailing)}), -32000, "decode_error");
    Bytes bad_version = full;
    bad_version[0] = 2;
    call_error("tx_submit", json::array({to_hex(bad_version)}), -32000, "bad_version");
    EXPECT_EQ(m_mempool->size(), 0u);
}

TEST_F(RpcMethodsTest, TxSubmitBadSignature) {
    auto tx = transfer(dev_key(0), dev_address(1), 5, 0);
    tx.signature[0] ^= 1;
    call_error("tx_submit", json::array({tx_hex(tx)}), -32000, "bad_signature");
    auto other = transfer(dev_key(0), dev_address(1), 5, 0);
    other.nonce = 1;  // changed after signing
    call_error("tx_submit", json::array({tx_hex(other)}), -32000, "bad_signature");
    EXPECT_EQ(m_mempool->size(), 0u);
}

TEST_F(RpcMethodsTest, TxSubmitApplicationRejections) {
    call_error("tx_submit",
               json::array({tx_hex(transfer(dev_key(0), dev_address(1), 5, 0, 1, "azora-x"))}),
               -32000, "wrong_chain");
    call_error("tx_submit",
               json::array({tx_hex(
                   transfer(dev_key(0), dev_address(1), genesis::kDevAccountBalance + 1, 0))}),
               -32001, "insufficient_funds");  // the dry run's failed action
    call("tx_submit", json::array({tx_hex(transfer(dev_key(0), dev_address(1), 5, 0, 2))}));
    call_error("tx_submit", json::array({tx_hex(transfer(dev_key(0), dev_address(1), 6, 0, 2))}),
               -32000, "nonce_taken");
}

TEST_F(RpcMethodsTest, TxEstimateGas) {
    ledger::Tx unsigned_tx = transfer(dev_key(0), dev_address(1), 5, 0);
    unsigned_tx.signature = Signature{};
    const json est = call("tx_estimateGas", json::array({tx_hex(unsigned_tx)}));
    const uint64_t gas = est["gas"].get<uint64_t>();
    EXPECT_GT(gas, 0u);
    EXPECT_LE(gas, kTransferGas);
    // It matches what execution charges.
    call("tx_submit", json::array({tx_hex(transfer(dev_key(0), dev_address(1), 5, 0))}));
    produce();
    const json status =
        call("tx_get", json::array({to_hex(transfer(dev_key(0), dev_address(1), 5, 0).hash())}));
    EXPECT_EQ(status["receipt"]["gas_used"], gas);
}

TEST_F(RpcMethodsTest, ChainGetBlockByHeightAndHash) {
    const auto tx = transfer(dev_key(0), dev_address(1), 5, 0);
    call("tx_submit", json::array({tx_hex(tx)}));
    const auto head = produce();
    ASSERT_EQ(head.height, 1u);

    const json by_height = call("chain_getBlock", json::array({1}));
    EXPECT_EQ(by_height["header"]["height"], 1);
    EXPECT_EQ(by_height["header"]["hash"], to_hex(head.hash));
    EXPECT_EQ(by_height["header"]["chain_id"], std::string(genesis::kDevChainId));
    EXPECT_EQ(by_height["header"]["parent"], to_hex(m_chain->genesis_hash()));
    EXPECT_EQ(by_height["txs"], json::array({to_hex(tx.hash())}));
    EXPECT_EQ(by_height["commit"]["height"], 1);
    EXPECT_EQ(by_height["commit"]["block_hash"], to_hex(head.hash));
    ASSERT_EQ(by_height["commit"]["signatures"].size(), 1u);
    // The raw header hashes to the block hash.
    auto raw = from_hex(by_height["header"]["raw"].get<std::string>());
    ASSERT_TRUE(raw.has_value());
    auto header = ledger::Header::decode(*raw);
    ASSERT_TRUE(header.ok());
    EXPECT_EQ(header->hash(), head.hash);

    EXPECT_EQ(call("chain_getBlock", json::array({"1"})), by_height);
    EXPECT_EQ(call("chain_getBlock", json{{"block", 1}}), by_height);
    EXPECT_EQ(call("chain_getBlock", json::array({to_hex(head.hash)})), by_height);
    EXPECT_EQ(call("chain_getBlock", json{{"block", "0x" + to_hex(head.hash)}}), by_height);

    const json full = call("chain_getBlock", json::array({1, true}));
    ASSERT_EQ(full["txs"].size(), 1u);
    EXPECT_EQ(full["txs"][0]["hash"], to_hex(tx.hash()));
    EXPECT_EQ(full["txs"][0]["sender"], addr_text(dev_address(0)));
    EXPECT_EQ(full["header"], by_height["header"]);

    EXPECT_EQ(call("chain_getHeader", json::array({1})), by_height["header"]);
    EXPECT_EQ(call("chain_getCommit", json::array({1})), by_height["commit"]);
}

TEST_F(RpcMethodsTest, ChainGetBlockMissingIsNotFound) {
    produce();
    call_error("chain_getBlock", json::array({2}), -32000, "not_found");
    call_error("chain_getBlock", json::array({"99"}), -32000, "not_found");
    call_error("chain_getBlock", json::array({to_hex(sha256(as_bytes("nope")))}), -32000,
               "not_found");
    call_error("chain_getHeader", json::array({7}), -32000, "not_found");
    call_error("chain_getCommit", json::array({7}), -32000, "not_found");
    call_error("chain_getBlock", json::array({-1}), -32602, "invalid_params");
    call_error("chain_getBlock", json::array({"x" + std::string(63, '0')}), -32602,
               "invalid_params");
    call_error("chain_getBlock", json::array(), -32602, "invalid_params");
}

// Checks a state_getProof result for `key` with the smt verifier alone; returns the proven
// value hash (nullopt for absence).
std::optional<Hash32> verify_proof_result(const json& r, const Bytes& key) {
    auto root = fixed_from_hex<32>(r["state_root"].get<std::string>());
    EXPECT_TRUE(root.has_value());
    auto proof_bytes = from_hex(r["proof"].get<std::string>());
    EXPECT_TRUE(proof_bytes.has_value());
    auto proof = smt::Proof::decode(*proof_bytes);
    EXPECT_TRUE(proof.ok());
    auto proven = smt::verify_proof(*root, smt::key_path(key), *proof);
    EXPECT_TRUE(proven.ok()) << proven.error().to_string();
    return proven.ok() ? *proven : std::nullopt;
}

TEST_F(RpcMethodsTest, StateGetProofForDev0Balance) {
    // A block moves dev0's balance so the proof is against a committed header with a commit.
    call("tx_submit", json::array({tx_hex(transfer(dev_key(0), dev_address(1), 5, 0))}));
    const auto head = produce();
    const uint64_t balance = balance_of(*m_chain, dev_address(0));
    const Bytes key = vm::token::balance_key(dev_address(0));

    const json r = call("state_getProof", json::array({to_hex(key)}));
    EXPECT_EQ(r["key"], to_hex(key));
    EXPECT_EQ(r["height"], 1);
    ASSERT_TRUE(r["value"].is_string());
    auto value = from_hex(r["value"].get<std::string>());
    ASSERT_TRUE(value.has_value());
    // The value is dev0's balance as a u64.
    Reader reader(*value);
    auto decoded = reader.u64();
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(*decoded, balance);

    auto proven = verify_proof_result(r, key);
    ASSERT_TRUE(proven.has_value());
    EXPECT_EQ(*proven, sha256(*value));
    // The header the proof is for carries the same state root, and is the head.
    EXPECT_EQ(r["header"]["state_root"], r["state_root"]);
    EXPECT_EQ(r["header"]["hash"], to_hex(head.hash));
    EXPECT_EQ(r["commit"]["block_hash"], to_hex(head.hash));

    // A tampered value does not match the proof.
    Bytes tampered = *value;
    tampered[0] ^= 1;
    EXPECT_NE(*proven, sha256(tampered));
    // The same proof does not verify against another root.
    auto proof = smt::Proof::decode(*from_hex(r["proof"].get<std::string>()));
    auto other_root = smt::verify_proof(m_chain->genesis_hash(), smt::key_path(key), *proof);
    EXPECT_FALSE(other_root.ok());
}

TEST_F(RpcMethodsTest, StateGetProofAtGenesis) {
    const Bytes key = vm::token::balance_key(dev_address(0));
    const json r = call("state_getProof", json{{"key", to_hex(key)}, {"height", 0}});
    EXPECT_EQ(r["height"], 0);
    EXPECT_TRUE(r["header"].is_null());
    EXPECT_TRUE(r["commit"].is_null());
    auto value = from_hex(r["value"].get<std::string>());
    ASSERT_TRUE(value.has_value());
    auto proven = verify_proof_result(r, key);
    ASSERT_TRUE(proven.has_value());
    EXPECT_EQ(*proven, sha256(*value));
}

TEST_F(RpcMethodsTest, StateGetProofForAbsentKey) {
    produce();
    const Bytes key =
        vm::token::balance_key(Address::from_pubkey(other_key("absent").public_key()));
    const json r = call("state_getProof", json::array({to_hex(key)}));
    EXPECT_TRUE(r["value"].is_null());
    EXPECT_EQ(r["header"]["state_root"], r["state_root"]);
    EXPECT_FALSE(verify_proof_result(r, key).has_value());
}

TEST_F(RpcMethodsTest, StateGetProofErrors) {
    call_error("state_getProof", json::array({"zz"}), -32602, "invalid_params");
    call_error("state_getProof", json::array({""}), -32602, "invalid_params");
    call_error("state_getProof", json::array({std::string(2050, 'a')}), -32602, "invalid_params");
    call_error("state_getProof", json::array({"01", 5}), -32000, "not_found");
}

TEST_F(RpcMethodsTest, StateGetProofOfAnOldHeightGivesThatHeightsValue) {
    call("tx_submit", json::array({tx_hex(transfer(dev_key(0), dev_address(1), 5, 0))}));
    produce(1000);
    call("tx_submit", json::array({tx_hex(transfer(dev_key(0), dev_address(1), 5, 1))}));
    produce(2000);
    // The value at height 1, not the latest one, proven against height 1's root.
    const Bytes changed = vm::token::balance_key(dev_address(0));
    const json old = call("state_getProof", json::array({to_hex(changed), 1}));
    const json now = call("state_getProof", json::array({to_hex(changed), 2}));
    EXPECT_NE(old["value"], now["value"]);
    auto old_proven = verify_proof_result(old, changed);
    ASSERT_TRUE(old_proven.has_value());
    EXPECT_EQ(*old_proven, sha256(*from_hex(old["value"].get<std::string>())));
    // A key untouched since height 1 can still be proven there.
    const Bytes untouched = vm::token::balance_key(dev_address(4));
    const json r = call("state_getProof", json::array({to_hex(untouched), 1}));
    EXPECT_EQ(r["height"], 1);
    auto proven = verify_proof_result(r, untouched);
    ASSERT_TRUE(proven.has_value());
    EXPECT_EQ(*proven, sha256(*from_hex(r["value"].get<std::string>())));
    auto header = m_chain->store().header(1);
    ASSERT_TRUE(header.ok() && header->has_value());
    EXPECT_EQ(r["state_root"], to_hex((*header)->state_root));
}

TEST_F(RpcMethodsTest, StateGetProofOfAPrunedHeight) {
    start(1);
    for (uint64_t t = 1; t <= 4; ++t) {
        produce(t * 1000);
    }
    const Bytes key = vm::token::balance_key(dev_address(4));
    call_error("state_getProof", json::array({to_hex(key), 1}), -32000, "version_unknown");
    const json r = call("state_getProof", json::array({to_hex(key), 4}));
    EXPECT_TRUE(verify_proof_result(r, key).has_value());
}

TEST_F(RpcMethodsTest, RpcDiscoverDescribesEveryRegisteredMethod) {
    const json doc = call("rpc_discover");
    EXPECT_EQ(doc["openrpc"], "1.2.6");
    std::set<std::string> names;
    for (const auto& m : doc["methods"]) {
        names.insert(m["name"].get<std::string>());
        EXPECT_EQ(m["x-admin"], false) << m["name"];
    }
    const auto registered = m_table->names();
    EXPECT_EQ(names, std::set<std::string>(registered.begin(), registered.end()));
    // Module queries arrive through the registry, not through a file of their own in node/.
    EXPECT_TRUE(names.contains("token_balance"));
    EXPECT_TRUE(names.contains("credential_verify"));
    EXPECT_TRUE(names.contains("council_proposals"));
}

TEST_F(RpcMethodsTest, RegisteringTwiceFails) {
    auto r = register_chain_methods(*m_table, *m_backend);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "duplicate_method");
}

}  // namespace
}  // namespace azora::node
