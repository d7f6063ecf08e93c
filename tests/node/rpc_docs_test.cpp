// docs/rpc.md and the node's method table cannot drift apart: the method list in section 6 of
// the doc must name exactly the registered methods, with the same params (in order, optional
// ones marked `?`) and the same admin flag, as rpc_discover describes them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "node/rpc_methods.hpp"
#include "node_test_util.hpp"
#include "rpc/dispatcher.hpp"

namespace azora::node {
namespace {

using namespace azora::node::test;
using nlohmann::json;

struct DocumentedMethod {
    std::vector<std::string> params;  ///< "name" or "name?" for an optional one
    bool admin = false;
};

std::string read_rpc_doc() {
    const auto path =
        std::filesystem::path(AZORA_TEST_VECTORS).parent_path().parent_path() / "docs/rpc.md";
    std::ifstream in(path);
    EXPECT_TRUE(in.good()) << "cannot read " << path;
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The rows of the method table: | [`name`](#anchor) (admin)? | params | result |.
std::map<std::string, DocumentedMethod> documented_methods(const std::string& doc) {
    std::map<std::string, DocumentedMethod> out;
    const std::regex row(R"(^\| \[`([A-Za-z_]+)`\]\([^)]*\)( \(admin\))? \| ([^|]*) \|)");
    const std::regex param("`([A-Za-z_]+)`(\\?)?");
    std::istringstream lines(doc);
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (!std::regex_search(line, m, row)) {
            continue;
        }
        DocumentedMethod method;
        method.admin = m[2].matched;
        const std::string cell = m[3];
        for (auto it = std::sregex_iterator(cell.begin(), cell.end(), param);
             it != std::sregex_iterator(); ++it) {
            method.params.push_back((*it)[1].str() + ((*it)[2].matched ? "?" : ""));
        }
        EXPECT_FALSE(out.contains(m[1])) << "documented twice: " << m[1];
        out[m[1]] = method;
    }
    return out;
}

TEST(RpcDocs, Section6ListsExactlyTheRegisteredMethodsWithTheirParams) {
    TempDir dir;
    auto chain = open_chain(dir.path() / "chain");
    ASSERT_NE(chain, nullptr);
    Mempool mempool(MempoolOptions{});
    RpcBackend backend{*chain, mempool, "test", true, {}};
    rpc::MethodTable table;
    auto reg = register_node_methods(table, backend);
    ASSERT_TRUE(reg.ok()) << reg.error().to_string();

    rpc::Dispatcher dispatcher(table);
    const json request{{"jsonrpc", "2.0"}, {"id", 1}, {"method", "rpc_discover"}};
    const json discover =
        json::parse(dispatcher.handle(request.dump(), rpc::CallContext{}))["result"];
    std::map<std::string, DocumentedMethod> registered;
    for (const json& m : discover["methods"]) {
        DocumentedMethod method;
        method.admin = m["x-admin"].get<bool>();
        for (const json& p : m["params"]) {
            method.params.push_back(p["name"].get<std::string>() +
                                    (p["required"].get<bool>() ? "" : "?"));
        }
        registered[m["name"].get<std::string>()] = method;
    }

    const auto documented = documented_methods(read_rpc_doc());
    ASSERT_FALSE(documented.empty()) << "no method table found in docs/rpc.md";
    for (const auto& [name, method] : registered) {
        auto it = documented.find(name);
        if (it == documented.end()) {
            ADD_FAILURE() << name << " is registered but not in docs/rpc.md section 6";
            continue;
        }
        EXPECT_EQ(it->second.params, method.params) << name << ": params differ";
        EXPECT_EQ(it->second.admin, method.admin) << name << ": admin flag differs";
    }
    for (const auto& [name, method] : documented) {
        EXPECT_TRUE(registered.contains(name)) << name << " is documented but not registered";
    }
}

}  // namespace
}  // namespace azora::node
