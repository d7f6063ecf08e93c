// Bad input over RPC: each request gets the right JSON-RPC error and reason, changes no
// account, and the node keeps serving.
#include <limits>

#include "genesis/dev.hpp"
#include "tests/integration/helpers.hpp"
#include "tests/support/raw_http.hpp"
#include "vm/modules/token/messages.hpp"
#include "vm/registry.hpp"

namespace azora::test {
namespace {

using nlohmann::json;

json request(const std::string& method, json params, int id = 1) {
    return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
}

// Posts `body` and checks the reply is a JSON-RPC error with `code` and `reason`.
::testing::AssertionResult expect_error(uint16_t port,
                                        const std::string& body,
                                        int code,
                                        const std::string& reason) {
    const HttpReply reply = post_raw(port, body);
    if (reply.status != 200) {
        return ::testing::AssertionFailure()
               << "HTTP " << reply.status << " " << reply.body << " for " << body;
    }
    const json r = json::parse(reply.body, nullptr, false);
    if (r.is_discarded() || !r.is_object() || !r.contains("error")) {
        return ::testing::AssertionFailure() << "not an error reply: " << reply.body;
    }
    const json& e = r.at("error");
    if (e.value("code", 0) != code || !e.contains("data") ||
        e.at("data").value("reason", "") != reason) {
        return ::testing::AssertionFailure() << "expected code " << code << " reason " << reason
                                             << ", got " << reply.body << " for " << body;
    }
    if (r.at("jsonrpc") != "2.0" || !e.contains("message")) {
        return ::testing::AssertionFailure() << "malformed error object: " << reply.body;
    }
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult still_serving(DevNode& node) {
    auto info = node.rpc().call("node_info");
    if (!info) {
        return ::testing::AssertionFailure() << "node_info failed: " << info.error().to_string();
    }
    return ::testing::AssertionSuccess();
}

std::string tx_hex(const ledger::Tx& tx) {
    return to_hex(tx.encode());
}

TEST(RpcErrors, ProtocolErrorsKeepTheNodeServing) {
    DevNode node(dev_node_options());
    ASSERT_TRUE(node.start());
    const uint16_t port = node.port();
    const std::string dev0 = address_of(genesis::dev_accounts()[0].key);

    EXPECT_TRUE(expect_error(port, R"({"jsonrpc":"2.0","id":1,"method":"node_info")", -32700,
                             "parse_error"));
    EXPECT_TRUE(still_serving(node));
    EXPECT_TRUE(expect_error(port, "\xff\xfe not json", -32700, "parse_error"));
    EXPECT_TRUE(still_serving(node));
    EXPECT_TRUE(expect_error(port, R"({"jsonrpc":"1.0","id":1,"method":"node_info"})", -32600,
                             "invalid_request"));
    EXPECT_TRUE(still_serving(node));
    EXPECT_TRUE(expect_error(port, R"({"id":1,"method":"node_info"})", -32600, "invalid_request"));
    EXPECT_TRUE(still_serving(node));
    EXPECT_TRUE(expect_error(port, request("no_such_method", json::array()).dump(), -32601,
                             "method_not_found"));
    EXPECT_TRUE(still_serving(node));
    // Bad params: missing, wrong type, too many, unknown name, and a value the method rejects.
    for (const json& params :
         {json::array(), json::array({42}), json::array({dev0, "uazr", 1}), json{{"addr", dev0}},
          json::array({"tazr1notanaddress"}), json("string params")}) {
        EXPECT_TRUE(
            expect_error(port, request("account_get", params).dump(), -32602, "invalid_params"));
        EXPECT_TRUE(still_serving(node));
    }
    EXPECT_TRUE(expect_error(port, request("tx_get", json::array({"abc"})).dump(), -32602,
                             "invalid_params"));
    EXPECT_TRUE(expect_error(port, request("chain_getHeader", json::array({-1})).dump(), -32602,
                             "invalid_params"));
    EXPECT_TRUE(still_serving(node));
    // HTTP-level refusals: wrong content type, a body over the limit.
    const std::string info_call = request("node_info", json::array()).dump();
    EXPECT_EQ(post_raw(port, info_call, "text/plain").status, 415);
    EXPECT_TRUE(still_serving(node));
    const std::string huge = R"({"jsonrpc":"2.0","id":1,"method":"node_info","params":[")" +
                             std::string(2 << 20, 'a') + R"("]})";
    EXPECT_EQ(post_raw(port, huge).status, 413);
    EXPECT_TRUE(still_serving(node));
    // A batch mixing good and bad calls answers each.
    const json batch = json::array(
        {request("node_info", json::array(), 1), request("no_such_method", json::array(), 2)});
    const HttpReply reply = post_raw(port, batch.dump());
    ASSERT_EQ(reply.status, 200) << reply.body;
    const json answers = json::parse(reply.body, nullptr, false);
    ASSERT_TRUE(answers.is_array() && answers.size() == 2) << reply.body;
    for (const json& a : answers) {
        if (a.at("id") == 1) {
            EXPECT_TRUE(a.contains("result")) << a.dump();
        } else {
            EXPECT_EQ(a.at("error").at("code"), -32601) << a.dump();
        }
    }
    EXPECT_TRUE(still_serving(node));
    EXPECT_TRUE(node.stop());
}

struct BadTx {
    std::string name;
    std::string hex;     // what is sent to tx_submit
    int code;            // JSON-RPC error code
    std::string reason;  // data.reason
};

TEST(RpcErrors, BadTransactionsAreRefusedWithAReason) {
    DevNode node(dev_node_options());
    ASSERT_TRUE(node.start());
    rpc::Client& client = node.rpc();
    const auto dev = genesis::dev_accounts();
    const PrivateKey& sender = dev[0].key;
    const std::string sender_addr = address_of(sender);
    const Address to = Address::from_pubkey(dev[1].key.public_key());

    // Advance dev0's nonce to 1 so a stale nonce exists.
    ASSERT_OK_ASSIGN(std::string first, submit(client, make_transfer(sender, 0, to, 1)));
    ASSERT_OK(wait_committed(client, first));
    ASSERT_OK_ASSIGN(const Account before, get_account(client, sender_addr));
    ASSERT_EQ(before.nonce, 1u);
    ASSERT_OK_ASSIGN(const Account to_before, get_account(client, to.to_string(kHrp)));
    ASSERT_OK_ASSIGN(const uint64_t supply, get_supply(client));

    std::vector<BadTx> cases;
    const ledger::Tx good = make_transfer(sender, 1, to, 5);
    cases.push_back({"not hex", "zz" + tx_hex(good).substr(2), -32602, "invalid_params"});
    cases.push_back({"odd hex", tx_hex(good).substr(1), -32602, "invalid_params"});
    {
        const std::string hex = tx_hex(good);
        cases.push_back({"truncated", hex.substr(0, hex.size() - 20), -32000, "decode_error"});
        cases.push_back({"trailing byte", hex + "00", -32000, "decode_error"});
    }
    {
        ledger::Tx tx = good;
        tx.chain_id = "azora-other-1";
        tx.sign(sender);
        cases.push_back({"wrong chain", tx_hex(tx), -32000, "wrong_chain"});
    }
    {
        ledger::Tx tx = good;
        tx.signature[10] ^= 0x01;
        cases.push_back({"flipped signature bit", tx_hex(tx), -32000, "bad_signature"});
    }
    {
        // Signed by dev0, but claims dev1 as the sender.
        ledger::Tx tx = good;
        tx.sender = dev[1].key.public_key();
        cases.push_back({"sender swapped after signing", tx_hex(tx), -32000, "bad_signature"});
    }
    cases.push_back({"stale nonce", tx_hex(make_transfer(sender, 0, to, 7)), -32000, "bad_nonce"});
    cases.push_back({"amount above balance",
                     tx_hex(make_transfer(sender, 1, to, genesis::kDevAccountBalance)), -32001,
                     "insufficient_funds"});
    {
        // An account with nothing cannot pay for gas.
        const PrivateKey empty = PrivateKey::generate();
        cases.push_back({"empty sender", tx_hex(make_transfer(empty, 0, to, 1)), -32000,
                         "insufficient_fee_funds"});
    }
    cases.push_back({"gas limit below intrinsic", tx_hex(make_transfer(sender, 1, to, 5, 10)),
                     -32000, "insufficient_gas"});
    {
        ledger::Tx tx = good;
        tx.action = vm::token::kMultiTransfer;
        vm::token::MultiTransfer m;
        m.outputs.push_back({to, std::numeric_limits<uint64_t>::max()});
        m.outputs.push_back({Address::from_pubkey(dev[2].key.public_key()), 2});
        tx.payload = m.encode();
        tx.sign(sender);
        cases.push_back(
            {"multi-transfer outputs overflow u64", tx_hex(tx), -32001, "amount_overflow"});
    }

    std::vector<std::string> refused_hashes;
    for (const BadTx& c : cases) {
        SCOPED_TRACE(c.name);
        EXPECT_TRUE(expect_error(node.port(), request("tx_submit", json::array({c.hex})).dump(),
                                 c.code, c.reason));
        EXPECT_TRUE(still_serving(node));
        ASSERT_OK_ASSIGN(Account now, get_account(client, sender_addr));
        EXPECT_EQ(now, before);
        if (auto raw = from_hex(c.hex)) {
            if (auto tx = ledger::Tx::decode(*raw)) {
                refused_hashes.push_back(to_hex(tx->hash()));
            }
        }
    }

    // A refused tx is not pending either, so later blocks do not pick it up.
    ASSERT_OK_ASSIGN(json info, client.call("node_info"));
    ASSERT_TRUE(node.wait_for_height(info.at("height").get<uint64_t>() + 3));
    for (const auto& hash : refused_hashes) {
        ASSERT_OK_ASSIGN(json got, client.call("tx_get", json::array({hash})));
        EXPECT_EQ(got.at("status"), "unknown") << hash;
    }
    ASSERT_OK_ASSIGN(Account after, get_account(client, sender_addr));
    EXPECT_EQ(after, before);
    ASSERT_OK_ASSIGN(Account to_after, get_account(client, to.to_string(kHrp)));
    EXPECT_EQ(to_after, to_before);
    ASSERT_OK_ASSIGN(uint64_t supply_after, get_supply(client));
    EXPECT_EQ(supply_after, supply);

    // And a correct tx with the right nonce still goes through.
    ASSERT_OK_ASSIGN(std::string hash, submit(client, good));
    ASSERT_OK_ASSIGN(json done, wait_committed(client, hash));
    EXPECT_EQ(done.at("receipt").at("status"), "success");
    EXPECT_TRUE(node.stop());
}

TEST(Replay, ResubmittingACommittedTxIsRefused) {
    DevNode node(dev_node_options());
    ASSERT_TRUE(node.start());
    rpc::Client& client = node.rpc();
    const auto dev = genesis::dev_accounts();
    const std::string from = address_of(dev[2].key);
    const std::string to = address_of(dev[3].key);

    const ledger::Tx tx =
        make_transfer(dev[2].key, 0, Address::from_pubkey(dev[3].key.public_key()), 1'000'000);
    ASSERT_OK_ASSIGN(std::string hash, submit(client, tx));
    EXPECT_EQ(hash, to_hex(tx.hash()));
    // At once again: a duplicate of a pending tx (or, if a block got there first, a replay).
    auto duplicate = submit(client, tx);
    ASSERT_FALSE(duplicate.ok()) << "duplicate accepted as " << *duplicate;
    EXPECT_TRUE(duplicate.error().reason == "already_known" ||
                duplicate.error().reason == "already_committed")
        << duplicate.error().to_string();
    ASSERT_OK_ASSIGN(json first, wait_committed(client, hash));
    const uint64_t fee = first.at("receipt").at("gas_used").get<uint64_t>();
    ASSERT_OK_ASSIGN(const Account from_before, get_account(client, from));
    ASSERT_OK_ASSIGN(const Account to_before, get_account(client, to));
    EXPECT_EQ(from_before, (Account{genesis::kDevAccountBalance - 1'000'000 - fee, 1}));
    EXPECT_EQ(to_before, (Account{genesis::kDevAccountBalance + 1'000'000, 0}));

    // The same bytes again, twice: refused every time, never executed again.
    for (int i = 0; i < 2; ++i) {
        auto again = submit(client, tx);
        ASSERT_FALSE(again.ok()) << "replayed tx accepted as " << *again;
        EXPECT_EQ(again.error().reason, "already_committed") << again.error().to_string();
    }
    ASSERT_OK_ASSIGN(json info, client.call("node_info"));
    ASSERT_TRUE(node.wait_for_height(info.at("height").get<uint64_t>() + 3));
    ASSERT_OK_ASSIGN(Account from_after, get_account(client, from));
    ASSERT_OK_ASSIGN(Account to_after, get_account(client, to));
    EXPECT_EQ(from_after, from_before);
    EXPECT_EQ(to_after, to_before);
    ASSERT_OK_ASSIGN(json still, client.call("tx_get", json::array({hash})));
    EXPECT_EQ(still.at("status"), "committed");
    EXPECT_EQ(still.at("height"), first.at("height"));
    EXPECT_TRUE(node.stop());
}

}  // namespace
}  // namespace azora::test
