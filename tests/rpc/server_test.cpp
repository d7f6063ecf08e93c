#include "rpc/server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "rpc/client.hpp"
#include "rpc/errors.hpp"

namespace azora::rpc {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// A blocking loopback socket for sending bytes no well-behaved client would send.
class RawConnection {
public:
    explicit RawConnection(uint16_t port) : m_fd(::socket(AF_INET, SOCK_STREAM, 0)) {
        timeval tv{.tv_sec = 5, .tv_usec = 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        EXPECT_EQ(::connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    }
    ~RawConnection() { ::close(m_fd); }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    // True once a read saw the server close the connection (not a receive timeout).
    bool eof() const { return m_eof; }

    void send(std::string_view bytes) {
        while (!bytes.empty()) {
            const ssize_t n = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n <= 0) {
                return;
            }
            bytes.remove_prefix(static_cast<size_t>(n));
        }
    }

    // Reads until `marker` has been seen (or EOF, error or the 5 s receive timeout).
    std::string read_until(std::string_view marker) {
        std::string out;
        char buf[4096];
        while (out.find(marker) == std::string::npos) {
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n <= 0) {
                m_eof = n == 0;
                break;
            }
            out.append(buf, static_cast<size_t>(n));
        }
        return out;
    }

    // Reads until the server closes the connection.
    std::string read_all() { return read_until(std::string_view("\0never\0", 7)); }

private:
    int m_fd;
    bool m_eof = false;
};

std::string post(std::string_view body, std::string_view extra_headers = "") {
    return "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
           std::string(extra_headers) + "Content-Length: " + std::to_string(body.size()) +
           "\r\n\r\n" + std::string(body);
}

class ServerTest : public ::testing::Test {
protected:
    ServerTest() {
        add({.name = "test_add",
             .summary = "a + b",
             .params = {{"a", "u64", true, ""}, {"b", "u64", true, ""}},
             .handler = [](const json& p) -> Result<json> {
                 Params params(p);
                 AZORA_ASSIGN(uint64_t a, params.get_u64(0, "a"));
                 AZORA_ASSIGN(uint64_t b, params.get_u64(1, "b"));
                 return json(a + b);
             }});
        add({.name = "test_echo",
             .summary = "echo",
             .params = {{"value", "any", true, ""}},
             .handler = [](const json& p) { return Params(p).get_json(0, "value"); }});
        add({.name = "admin_secret",
             .summary = "admin only",
             .admin = true,
             .handler = [](const json&) -> Result<json> { return json("secret"); }});
    }

    void add(Method m) { ASSERT_TRUE(table.add(std::move(m)).ok()); }

    void start(ServerOptions options = {}) {
        options.bind_address = "127.0.0.1";
        options.port = 0;
        server = std::make_unique<Server>(options, table);
        auto started = server->start();
        ASSERT_TRUE(started.ok()) << started.error().to_string();
        ASSERT_NE(server->port(), 0);
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(server->port()); }

    MethodTable table;
    std::unique_ptr<Server> server;  // declared after the table: destroyed (stopped) first
};

TEST_F(ServerTest, CallAndBatch) {
    start();
    Client client(url(), 5s);
    auto sum = client.call("test_add", {2, "40"});
    ASSERT_TRUE(sum.ok()) << sum.error().to_string();
    EXPECT_EQ(*sum, 42);
    auto named = client.call("test_add", {{"a", 1}, {"b", 2}});
    ASSERT_TRUE(named.ok());
    EXPECT_EQ(*named, 3);

    auto results = client.batch({{"test_add", {1, 1}},
                                 {"nope_nothing", json::array()},
                                 {"test_add", {"x", 1}},
                                 {"test_echo", {"hi"}}});
    ASSERT_TRUE(results.ok()) << results.error().to_string();
    ASSERT_EQ(results->size(), 4u);
    EXPECT_EQ(*(*results)[0], 2);
    EXPECT_EQ((*results)[1].error().reason, "method_not_found");
    EXPECT_EQ((*results)[1].error().kind, ErrorKind::malformed);
    EXPECT_EQ((*results)[2].error().reason, "invalid_params");
    EXPECT_EQ(*(*results)[3], "hi");
}

TEST_F(ServerTest, ErrorsKeepKindReasonAndMessage) {
    add({.name = "test_fail", .summary = "fails", .handler = [](const json&) -> Result<json> {
             return Error::failed("insufficient_funds", "balance 3 < 5");
         }});
    start();
    Client client(url(), 5s);
    auto r = client.call("test_fail");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::failed);
    EXPECT_EQ(r.error().reason, "insufficient_funds");
    EXPECT_EQ(r.error().message, "balance 3 < 5");
}

TEST_F(ServerTest, BatchTooLargeFailsTheWholeBatch) {
    start({.max_batch = 2});
    Client client(url(), 5s);
    auto r = client.batch({{"test_echo", {1}}, {"test_echo", {2}}, {"test_echo", {3}}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "batch_too_large");
}

TEST_F(ServerTest, KeepAliveReusesOneConnection) {
    start();
    Client client(url(), 5s);
    for (int i = 0; i < 50; ++i) {
        ASSERT_TRUE(client.call("test_add", {i, 1}).ok());
    }
    EXPECT_EQ(client.connections_opened(), 1u);
}

TEST_F(ServerTest, ClientReconnectsOnceWhenTheServerClosedTheConnection) {
    start();
    const uint16_t port = server->port();
    Client client(url(), 5s);
    ASSERT_TRUE(client.call("test_echo", {1}).ok());
    // A new server on the same port: the client's kept-alive connection is now dead.
    server.reset();
    ServerOptions options;
    options.port = port;
    server = std::make_unique<Server>(options, table);
    ASSERT_TRUE(server->start().ok());
    auto r = client.call("test_echo", {2});
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(*r, 2);
    EXPECT_EQ(client.connections_opened(), 2u);
}

TEST_F(ServerTest, StoppedServerIsUnreachableAndStopIsIdempotent) {
    start();
    Client client(url(), 5s);
    ASSERT_TRUE(client.call("test_echo", {1}).ok());
    server->stop();
    server->stop();
    EXPECT_EQ(server->port(), 0);
    auto r = client.call("test_echo", {1});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::retry);
}

TEST_F(ServerTest, BodyTooLargeIs413) {
    start({.max_body_bytes = 1024});
    const std::string big = json::array({std::string(4096, 'x')}).dump();
    RawConnection raw(server->port());
    raw.send(post(R"({"jsonrpc":"2.0","id":1,"method":"test_echo","params":)" + big + "}"));
    const std::string response = raw.read_all();
    EXPECT_TRUE(response.starts_with("HTTP/1.1 413")) << response;
    EXPECT_NE(response.find("body_too_large"), std::string::npos);

    Client client(url(), 5s);
    auto r = client.call("test_echo", {std::string(4096, 'x')});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "body_too_large");
    auto small = client.call("test_echo", {"fits"});
    ASSERT_TRUE(small.ok()) << small.error().to_string();
}

TEST_F(ServerTest, MalformedHttpDoesNotHurtTheServer) {
    start();
    {
        RawConnection raw(server->port());
        raw.send("GARBAGE\r\n\r\n");
        EXPECT_TRUE(raw.read_all().starts_with("HTTP/1.1 400"));
        EXPECT_TRUE(raw.eof());
    }
    {
        RawConnection raw(server->port());
        raw.send(std::string("\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\0\0\0", 14));
        raw.read_all();
    }
    {
        RawConnection raw(server->port());
        raw.send("POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"half");
    }
    {
        RawConnection raw(server->port());
        raw.send("POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n");
        EXPECT_TRUE(raw.read_all().starts_with("HTTP/1.1 400"));
    }
    Client client(url(), 5s);
    auto r = client.call("test_add", {1, 2});
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(*r, 3);
}

TEST_F(ServerTest, RoutesAndContentTypes) {
    start();
    RawConnection raw(server->port());
    raw.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    const std::string health = raw.read_until("ok\n");
    EXPECT_TRUE(health.starts_with("HTTP/1.1 200")) << health;

    raw.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_TRUE(raw.read_until("POST\n").starts_with("HTTP/1.1 405"));

    raw.send("POST /other HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
    EXPECT_TRUE(raw.read_until("found\n").starts_with("HTTP/1.1 404"));

    raw.send(
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}");
    EXPECT_TRUE(raw.read_until("json\n").starts_with("HTTP/1.1 415"));

    // No Content-Type is accepted; charset parameters too.
    const std::string call = R"({"jsonrpc":"2.0","id":1,"method":"test_add","params":[1,1]})";
    raw.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(call.size()) +
             "\r\n\r\n" + call);
    EXPECT_NE(raw.read_until(R"("result":2})").find(R"("result":2)"), std::string::npos);
    raw.send(post(call));
    EXPECT_NE(raw.read_until(R"("result":2})").find(R"("result":2)"), std::string::npos);
    raw.send(
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: Application/JSON; charset=utf-8\r\n"
        "Content-Length: " +
        std::to_string(call.size()) + "\r\n\r\n" + call);
    EXPECT_NE(raw.read_until(R"("result":2})").find(R"("result":2)"), std::string::npos);
}

TEST_F(ServerTest, NotificationsGet204) {
    start();
    RawConnection raw(server->port());
    raw.send(post(R"([{"jsonrpc":"2.0","method":"test_echo","params":[1]}])"));
    const std::string response = raw.read_until("\r\n\r\n");
    EXPECT_TRUE(response.starts_with("HTTP/1.1 204")) << response;
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
    start();
    RawConnection raw(server->port());
    raw.send(post(R"({"jsonrpc":"2.0","id":1,"method":"test_echo","params":["first"]})") +
             post(R"({"jsonrpc":"2.0","id":2,"method":"test_echo","params":["second"]})"));
    const std::string both = raw.read_until("second");
    const auto first = both.find("first");
    ASSERT_NE(first, std::string::npos) << both;
    EXPECT_LT(first, both.find("second"));
}

TEST_F(ServerTest, ExpectContinueIsHonoured) {
    start();
    RawConnection raw(server->port());
    const std::string call = R"({"jsonrpc":"2.0","id":1,"method":"test_echo","params":[7]})";
    raw.send("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: " +
             std::to_string(call.size()) + "\r\n\r\n");
    EXPECT_TRUE(raw.read_until("\r\n\r\n").starts_with("HTTP/1.1 100"));
    raw.send(call);
    EXPECT_NE(raw.read_until(R"("result":7})").find(R"("result":7)"), std::string::npos);
}

TEST_F(ServerTest, AdminMethodsNeedTheBearerToken) {
    start({.admin_token = "s3cret-token"});
    Client client(url(), 5s);
    auto anonymous = client.call("admin_secret");
    ASSERT_FALSE(anonymous.ok());
    EXPECT_EQ(anonymous.error().reason, "unauthorized");
    EXPECT_EQ(anonymous.error().kind, ErrorKind::rejected);
    auto wrong = client.call("admin_secret", json::array(), std::string("s3cret-tokem"));
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().reason, "unauthorized");
    auto prefix = client.call("admin_secret", json::array(), std::string("s3cret"));
    ASSERT_FALSE(prefix.ok());
    auto right = client.call("admin_secret", json::array(), std::string("s3cret-token"));
    ASSERT_TRUE(right.ok()) << right.error().to_string();
    EXPECT_EQ(*right, "secret");
    // Public methods work with or without a token.
    EXPECT_TRUE(client.call("test_echo", {1}, std::string("wrong")).ok());
}

TEST_F(ServerTest, NoAdminTokenMeansNoAdminAccess) {
    start();
    Client client(url(), 5s);
    auto r = client.call("admin_secret", json::array(), std::string(""));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "unauthorized");
}

TEST_F(ServerTest, ConnectionsOverTheLimitAreRefused) {
    start({.max_connections = 2});
    auto a = std::make_unique<Client>(url(), 5s);
    Client b(url(), 5s);
    ASSERT_TRUE(a->call("test_echo", {1}).ok());
    ASSERT_TRUE(b.call("test_echo", {1}).ok());

    Client c(url(), 5s);
    auto refused = c.call("test_echo", {1});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().reason, "too_many_connections");
    EXPECT_EQ(refused.error().kind, ErrorKind::retry);

    // Closing a connection frees its slot once the server has seen the close.
    a.reset();
    bool served = false;
    for (int i = 0; i < 200 && !served; ++i) {
        served = c.call("test_echo", {1}).ok();
        if (!served) {
            std::this_thread::sleep_for(10ms);
        }
    }
    EXPECT_TRUE(served);
    EXPECT_TRUE(b.call("test_echo", {2}).ok());
}

TEST_F(ServerTest, IdleConnectionsTimeOut) {
    start({.request_timeout = 100ms});
    RawConnection raw(server->port());
    raw.send("POST / HTTP/1.1\r\nHost: x\r\n");  // never finished
    // The server closes the connection at its deadline instead of holding it forever.
    EXPECT_EQ(raw.read_all(), "");
    EXPECT_TRUE(raw.eof());
}

TEST_F(ServerTest, StartFailures) {
    start();
    ServerOptions same_port;
    same_port.port = server->port();
    Server second(same_port, table);
    auto busy = second.start();
    ASSERT_FALSE(busy.ok());
    EXPECT_EQ(busy.error().reason, "bind_failed");

    ServerOptions bad_address;
    bad_address.bind_address = "not-an-address";
    EXPECT_EQ(Server(bad_address, table).start().error().reason, "bad_bind_address");

    ServerOptions no_threads;
    no_threads.threads = 0;
    EXPECT_EQ(Server(no_threads, table).start().error().reason, "bad_options");

    EXPECT_EQ(server->start().error().reason, "already_started");
}

TEST_F(ServerTest, ConcurrentClients) {
    start({.threads = 2});
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            Client client(url(), 5s);
            for (int i = 0; i < 50; ++i) {
                auto r = client.call("test_add", {t, i});
                ok += r.ok() && *r == t + i;
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(ok, 8 * 50);
}

}  // namespace
}  // namespace azora::rpc
