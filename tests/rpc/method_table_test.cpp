#include "rpc/method_table.hpp"

#include <gtest/gtest.h>

#include <set>

namespace azora::rpc {
namespace {

using nlohmann::json;

Method simple(std::string name) {
    return Method{.name = std::move(name),
                  .summary = "test",
                  .params = {},
                  .result = "nothing",
                  .handler = [](const json&) -> Result<json> { return json(nullptr); }};
}

TEST(MethodTable, RejectsDuplicates) {
    MethodTable table;
    ASSERT_TRUE(table.add(simple("chain_getBlock")).ok());
    auto again = table.add(simple("chain_getBlock"));
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().reason, "duplicate_method");
    auto discover = table.add(simple("rpc_discover"));
    ASSERT_FALSE(discover.ok());
    EXPECT_EQ(discover.error().reason, "duplicate_method");
}

TEST(MethodTable, RejectsBadNames) {
    MethodTable table;
    for (const char* name : {"", "chain", "_get", "chain_", "Chain_get", "chain_Get", "chain-get",
                             "chain_get_block", "1chain_get", "chain_get!"}) {
        auto r = table.add(simple(name));
        ASSERT_FALSE(r.ok()) << name;
        EXPECT_EQ(r.error().reason, "bad_method_name") << name;
    }
    EXPECT_TRUE(table.add(simple("tx_estimateGas")).ok());
    EXPECT_TRUE(table.add(simple("erc20_get")).ok());
}

TEST(MethodTable, RejectsBadParamsAndMissingHandler) {
    MethodTable table;
    Method m = simple("a_b");
    m.params = {{"x", "string", true, ""}, {"x", "string", true, ""}};
    EXPECT_EQ(table.add(m).error().reason, "bad_param");
    m.params = {{"x", "uint256", true, ""}};
    EXPECT_EQ(table.add(m).error().reason, "bad_param_type");
    m.params = {{"x", "string", false, ""}, {"y", "string", true, ""}};
    EXPECT_EQ(table.add(m).error().reason, "bad_param_order");
    m.params = {};
    m.handler = nullptr;
    EXPECT_EQ(table.add(m).error().reason, "missing_handler");
    EXPECT_EQ(table.find("a_b"), nullptr);
}

TEST(MethodTable, DiscoverListsEveryMethod) {
    MethodTable table("Test API", "9.9.9");
    Method get = simple("account_get");
    get.params = {{"address", "string", true, "bech32m address"},
                  {"height", "u64", false, "historical height"}};
    get.result = "the account";
    get.result_type = "object";
    ASSERT_TRUE(table.add(get).ok());
    Method admin = simple("node_stop");
    admin.admin = true;
    ASSERT_TRUE(table.add(admin).ok());

    const json doc = table.discover();
    EXPECT_EQ(doc["openrpc"], "1.2.6");
    EXPECT_EQ(doc["info"]["title"], "Test API");
    EXPECT_EQ(doc["info"]["version"], "9.9.9");
    std::set<std::string> listed;
    for (const json& m : doc["methods"]) {
        listed.insert(m["name"].get<std::string>());
        EXPECT_TRUE(m["params"].is_array());
        EXPECT_TRUE(m["result"].contains("name"));
        EXPECT_TRUE(m["result"].contains("schema"));
    }
    const auto names = table.names();
    EXPECT_EQ(listed, std::set<std::string>(names.begin(), names.end()));
    EXPECT_EQ(listed, (std::set<std::string>{"account_get", "node_stop", "rpc_discover"}));

    const json& account = doc["methods"][0];
    ASSERT_EQ(account["name"], "account_get");
    EXPECT_EQ(account["summary"], "test");
    EXPECT_EQ(account["x-admin"], false);
    ASSERT_EQ(account["params"].size(), 2u);
    EXPECT_EQ(account["params"][0], (json{{"name", "address"},
                                          {"required", true},
                                          {"schema", {{"type", "string"}}},
                                          {"description", "bech32m address"}}));
    EXPECT_EQ(account["params"][1]["required"], false);
    EXPECT_TRUE(account["params"][1]["schema"].contains("oneOf"));
    EXPECT_EQ(account["result"]["description"], "the account");
    EXPECT_EQ(account["result"]["schema"], (json{{"type", "object"}}));
    EXPECT_EQ(doc["methods"][1]["x-admin"], true);
}

TEST(MethodTable, RpcDiscoverHandlerReturnsTheDocument) {
    MethodTable table;
    ASSERT_TRUE(table.add(simple("late_added")).ok());
    const Method* discover = table.find("rpc_discover");
    ASSERT_NE(discover, nullptr);
    auto doc = discover->handler(json());
    ASSERT_TRUE(doc.ok());
    EXPECT_EQ(*doc, table.discover());
    EXPECT_EQ(table.size(), 2u);
}

}  // namespace
}  // namespace azora::rpc
