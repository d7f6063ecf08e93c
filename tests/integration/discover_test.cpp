// rpc_discover describes every core method.
#include <set>

#include "tests/integration/helpers.hpp"

namespace azora::test {
namespace {

using nlohmann::json;

TEST(RpcDiscover, ListsEveryCoreMethod) {
    DevNode node(dev_node_options());
    ASSERT_TRUE(node.start());
    ASSERT_OK_ASSIGN(json doc, node.rpc().call("rpc_discover"));
    ASSERT_TRUE(doc.contains("methods")) << doc.dump();
    std::set<std::string> names;
    for (const json& m : doc.at("methods")) {
        ASSERT_TRUE(m.contains("name")) << m.dump();
        names.insert(m.at("name").get<std::string>());
        EXPECT_TRUE(m.contains("params")) << m.dump();
        EXPECT_TRUE(m.contains("result")) << m.dump();
    }
    for (const char* method : {"node_info", "chain_getBlock", "chain_getHeader", "chain_getCommit",
                               "tx_submit", "tx_get", "tx_estimateGas", "account_get",
                               "token_balance", "token_supply", "state_getProof", "rpc_discover"}) {
        EXPECT_TRUE(names.contains(method)) << method << " missing from " << doc.dump();
    }
    EXPECT_TRUE(node.stop());
}

}  // namespace
}  // namespace azora::test
