#include "rpc/dispatcher.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "rpc/errors.hpp"

namespace azora::rpc {
namespace {

using nlohmann::json;

// A table exercising every path: plain results, typed params, each error kind, a throwing
// handler, an admin method and a side effect to observe notifications.
class DispatcherTest : public ::testing::Test {
protected:
    DispatcherTest() {
        add({.name = "test_echo",
             .summary = "echo",
             .params = {{"value", "any", true, ""}},
             .handler = [](const json& p) { return Params(p).get_json(0, "value"); }});
        add({.name = "test_add",
             .summary = "a + b",
             .params = {{"a", "u64", true, ""}, {"b", "u64", false, ""}},
             .handler = [](const json& p) -> Result<json> {
                 Params params(p);
                 AZORA_ASSIGN(uint64_t a, params.get_u64(0, "a"));
                 AZORA_ASSIGN(auto b, params.opt_u64(1, "b"));
                 return json(a + b.value_or(0));
             }});
        add({.name = "test_fail",
             .summary = "fails with the requested kind",
             .params = {{"kind", "string", true, ""}},
             .handler = [](const json& p) -> Result<json> {
                 AZORA_ASSIGN(std::string kind, Params(p).get_string(0, "kind"));
                 if (kind == "malformed") {
                     return Error::malformed("bad_signature", "signature does not verify");
                 }
                 if (kind == "rejected") {
                     return Error::rejected("bad_nonce", "nonce 3 expected 4");
                 }
                 if (kind == "failed") {
                     return Error::failed("insufficient_funds");
                 }
                 if (kind == "retry") {
                     return Error::retry("mempool_full", "try later");
                 }
                 return Error::internal("corrupt", "state root mismatch");
             }});
        add({.name = "test_throw", .summary = "throws", .handler = [](const json&) -> Result<json> {
                 throw std::runtime_error("boom");
             }});
        add({.name = "test_poke",
             .summary = "counts calls",
             .handler = [this](const json&) -> Result<json> { return json(++pokes); }});
        add({.name = "admin_secret",
             .summary = "admin only",
             .admin = true,
             .handler = [](const json&) -> Result<json> { return json("secret"); }});
    }

    void add(Method m) { ASSERT_TRUE(table.add(std::move(m)).ok()); }

    json call(std::string_view body, bool authorized = false) const {
        const std::string out = dispatcher.handle(body, CallContext{.authorized = authorized});
        return out.empty() ? json() : json::parse(out);
    }

    static void expect_error(const json& response, int code, std::string_view reason) {
        ASSERT_TRUE(response.is_object()) << response.dump();
        ASSERT_TRUE(response.contains("error")) << response.dump();
        EXPECT_EQ(response["jsonrpc"], "2.0");
        EXPECT_EQ(response["error"]["code"], code) << response.dump();
        EXPECT_EQ(response["error"]["data"]["reason"], reason) << response.dump();
        EXPECT_TRUE(response["error"]["message"].is_string());
        EXPECT_FALSE(response.contains("result"));
    }

    MethodTable table;
    Dispatcher dispatcher{table, DispatchOptions{.max_batch = 5}};
    std::atomic<int> pokes{0};
};

TEST_F(DispatcherTest, ReturnsResultWithTheRequestId) {
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":1,"method":"test_echo","params":[{"a":1}]})"),
              (json{{"jsonrpc", "2.0"}, {"id", 1}, {"result", {{"a", 1}}}}));
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":"x-9","method":"test_add","params":[2,"3"]})")["id"],
              "x-9");
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":null,"method":"test_add","params":[2]})"),
              (json{{"jsonrpc", "2.0"}, {"id", nullptr}, {"result", 2}}));
}

TEST_F(DispatcherTest, ParamsByPositionOrByName) {
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":1,"method":"test_add","params":[2,3]})")["result"], 5);
    EXPECT_EQ(
        call(R"({"jsonrpc":"2.0","id":1,"method":"test_add","params":{"b":3,"a":2}})")["result"],
        5);
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":1,"method":"test_add","params":{"a":"2"}})")["result"],
              2);
    // Omitted params are an empty list.
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":1,"method":"test_poke"})")["result"], 1);
}

TEST_F(DispatcherTest, ParseError) {
    for (const char* body : {"", "{", "not json", R"({"jsonrpc":"2.0",})", "\xff\xfe"}) {
        const json r = call(body);
        expect_error(r, codes::kParseError, "parse_error");
        EXPECT_TRUE(r["id"].is_null());
    }
}

TEST_F(DispatcherTest, InvalidRequest) {
    for (const char* body : {
             R"({"id":1,"method":"test_poke"})",                        // no jsonrpc
             R"({"jsonrpc":"1.0","id":1,"method":"test_poke"})",        // wrong version
             R"({"jsonrpc":2.0,"id":1,"method":"test_poke"})",          // version not a string
             R"({"jsonrpc":"2.0","id":1,"method":5})",                  // method not a string
             R"({"jsonrpc":"2.0","id":1})",                             // no method
             R"({"jsonrpc":"2.0","id":{"a":1},"method":"test_poke"})",  // bad id type
             R"({"jsonrpc":"2.0","id":[1],"method":"test_poke"})",
             R"({"jsonrpc":"2.0","id":true,"method":"test_poke"})", R"("just a string")", R"(42)",
             R"([])",  // empty batch
         }) {
        expect_error(call(body), codes::kInvalidRequest, "invalid_request");
    }
    EXPECT_EQ(pokes, 0);
    // The id is echoed when it is usable.
    EXPECT_EQ(call(R"({"jsonrpc":"1.0","id":7,"method":"test_poke"})")["id"], 7);
    EXPECT_TRUE(call(R"({"jsonrpc":"2.0","id":{},"method":"test_poke"})")["id"].is_null());
}

TEST_F(DispatcherTest, MethodNotFound) {
    const json r = call(R"({"jsonrpc":"2.0","id":3,"method":"nope_nothing"})");
    expect_error(r, codes::kMethodNotFound, "method_not_found");
    EXPECT_EQ(r["id"], 3);
}

TEST_F(DispatcherTest, InvalidParams) {
    for (const char* body : {
             R"({"jsonrpc":"2.0","id":1,"method":"test_add","params":"2"})",  // not structured
             R"({"jsonrpc":"2.0","id":1,"method":"test_add","params":5})",
             R"({"jsonrpc":"2.0","id":1,"method":"test_add","params":[]})",  // missing required
             R"({"jsonrpc":"2.0","id":1,"method":"test_add","params":{}})",
             R"({"jsonrpc":"2.0","id":1,"method":"test_add","params":[1,2,3]})",        // too many
             R"({"jsonrpc":"2.0","id":1,"method":"test_add","params":{"a":1,"c":2}})",  // unknown
             R"({"jsonrpc":"2.0","id":1,"method":"test_add","params":["x"]})",  // wrong type
             R"({"jsonrpc":"2.0","id":1,"method":"test_add","params":[-1]})",
             R"({"jsonrpc":"2.0","id":1,"method":"test_poke","params":[1]})",
         }) {
        expect_error(call(body), codes::kInvalidParams, "invalid_params");
    }
    EXPECT_EQ(pokes, 0);
}

TEST_F(DispatcherTest, ApplicationErrorsMapByKind) {
    struct Case {
        const char* kind;
        int code;
        const char* reason;
        const char* message;
    };
    for (const Case& c : {
             Case{"malformed", codes::kRejected, "bad_signature", "signature does not verify"},
             Case{"rejected", codes::kRejected, "bad_nonce", "nonce 3 expected 4"},
             Case{"failed", codes::kFailed, "insufficient_funds", "insufficient_funds"},
             Case{"retry", codes::kRetry, "mempool_full", "try later"},
             Case{"internal", codes::kInternal, "corrupt", "state root mismatch"},
         }) {
        const json r =
            call(json{{"jsonrpc", "2.0"}, {"id", 1}, {"method", "test_fail"}, {"params", {c.kind}}}
                     .dump());
        expect_error(r, c.code, c.reason);
        EXPECT_EQ(r["error"]["message"], c.message);
    }
}

TEST_F(DispatcherTest, HandlerExceptionIsInternalError) {
    const json r = call(R"({"jsonrpc":"2.0","id":1,"method":"test_throw"})");
    expect_error(r, codes::kInternal, "internal");
    EXPECT_EQ(r["error"]["message"].get<std::string>().find("boom"), std::string::npos);
}

TEST_F(DispatcherTest, AdminMethodsNeedAuthorization) {
    expect_error(call(R"({"jsonrpc":"2.0","id":1,"method":"admin_secret"})"), codes::kRejected,
                 "unauthorized");
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":1,"method":"admin_secret"})", true)["result"],
              "secret");
    // Authorization does not matter for public methods.
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":1,"method":"test_add","params":[1]})", true)["result"],
              1);
}

TEST_F(DispatcherTest, NotificationsRunButGetNoResponse) {
    EXPECT_EQ(dispatcher.handle(R"({"jsonrpc":"2.0","method":"test_poke"})", {}), "");
    EXPECT_EQ(pokes, 1);
    // Failing notifications are silent too.
    EXPECT_EQ(dispatcher.handle(R"({"jsonrpc":"2.0","method":"nope_nothing"})", {}), "");
    EXPECT_EQ(dispatcher.handle(R"({"jsonrpc":"2.0","method":"test_throw"})", {}), "");
    EXPECT_EQ(dispatcher.handle(R"({"jsonrpc":"2.0","method":"admin_secret"})", {}), "");
}

TEST_F(DispatcherTest, BatchMixesResultsErrorsAndNotifications) {
    const json r = call(R"([
        {"jsonrpc":"2.0","id":1,"method":"test_add","params":[1,2]},
        {"jsonrpc":"2.0","method":"test_poke"},
        {"jsonrpc":"2.0","id":2,"method":"nope_nothing"},
        {"foo":"boo"},
        {"jsonrpc":"2.0","id":3,"method":"test_add","params":{"a":"x"}}
    ])");
    ASSERT_TRUE(r.is_array());
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r[0], (json{{"jsonrpc", "2.0"}, {"id", 1}, {"result", 3}}));
    expect_error(r[1], codes::kMethodNotFound, "method_not_found");
    EXPECT_EQ(r[1]["id"], 2);
    expect_error(r[2], codes::kInvalidRequest, "invalid_request");
    EXPECT_TRUE(r[2]["id"].is_null());
    expect_error(r[3], codes::kInvalidParams, "invalid_params");
    EXPECT_EQ(pokes, 1);
}

TEST_F(DispatcherTest, BatchOfNonObjectsIsOneErrorEach) {
    const json r = call("[1,2,[3]]");
    ASSERT_EQ(r.size(), 3u);
    for (const json& item : r) {
        expect_error(item, codes::kInvalidRequest, "invalid_request");
    }
}

TEST_F(DispatcherTest, BatchOfOnlyNotificationsHasEmptyBody) {
    EXPECT_EQ(dispatcher.handle(R"([{"jsonrpc":"2.0","method":"test_poke"},
                                    {"jsonrpc":"2.0","method":"test_poke"}])",
                                {}),
              "");
    EXPECT_EQ(pokes, 2);
}

TEST_F(DispatcherTest, BatchTooLargeIsOneError) {
    json batch = json::array();
    for (int i = 0; i < 6; ++i) {
        batch.push_back({{"jsonrpc", "2.0"}, {"id", i}, {"method", "test_poke"}});
    }
    const json r = call(batch.dump());
    expect_error(r, codes::kInvalidRequest, "batch_too_large");
    EXPECT_TRUE(r["id"].is_null());
    EXPECT_EQ(pokes, 0);
    batch.erase(batch.size() - 1);
    EXPECT_EQ(call(batch.dump()).size(), 5u);
}

TEST_F(DispatcherTest, InvalidUtf8InResultDoesNotThrow) {
    add({.name = "test_bytes",
         .summary = "returns a string that is not UTF-8",
         .handler = [](const json&) -> Result<json> { return json(std::string("a\xff")); }});
    const json r = call(R"({"jsonrpc":"2.0","id":1,"method":"test_bytes"})");
    EXPECT_TRUE(r["result"].is_string());
}

TEST_F(DispatcherTest, DeeplyNestedInputIsHandled) {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    expect_error(call(R"({"jsonrpc":"2.0","id":1,"method":"test_add","params":[)" + deep + "]}"),
                 codes::kInvalidParams, "invalid_params");
}

TEST_F(DispatcherTest, DiscoverIsServedThroughTheDispatcher) {
    const json r = call(R"({"jsonrpc":"2.0","id":1,"method":"rpc_discover"})");
    ASSERT_TRUE(r.contains("result"));
    EXPECT_EQ(r["result"]["methods"].size(), table.size());
}

}  // namespace
}  // namespace azora::rpc
