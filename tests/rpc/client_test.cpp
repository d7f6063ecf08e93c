#include "rpc/client.hpp"

#include <gtest/gtest.h>

#include "rpc/errors.hpp"

namespace azora::rpc {
namespace {

TEST(ParseUrl, AcceptsHostPortAndPath) {
    auto a = parse_url("http://127.0.0.1:8645");
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a->host, "127.0.0.1");
    EXPECT_EQ(a->port, 8645);
    EXPECT_EQ(a->target, "/");
    auto b = parse_url("HTTP://node.example/rpc/v1#frag");
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b->host, "node.example");
    EXPECT_EQ(b->port, 80);
    EXPECT_EQ(b->target, "/rpc/v1");
    auto c = parse_url("http://[::1]:9000/");
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->host, "::1");
    EXPECT_EQ(c->port, 9000);
}

TEST(ParseUrl, RejectsEverythingElse) {
    for (const char* url : {"", "127.0.0.1:8645", "https://host:1", "ftp://x", "http://",
                            "http://:80", "http://host:", "http://host:0", "http://host:65536",
                            "http://host:8x", "http://[::1", "http://[::1]x", "http://u:p@host"}) {
        auto r = parse_url(url);
        ASSERT_FALSE(r.ok()) << url;
        EXPECT_EQ(r.error().kind, ErrorKind::malformed);
        EXPECT_EQ(r.error().reason, "bad_url");
    }
}

TEST(Client, BadUrlFailsEveryCall) {
    Client client("localhost:8645");
    auto r = client.call("node_info");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "bad_url");
    EXPECT_EQ(client.batch({{"node_info"}}).error().reason, "bad_url");
}

TEST(Client, UnreachableServerIsRetry) {
    // Port 1 on loopback has no listener on a build machine.
    Client client("http://127.0.0.1:1", std::chrono::seconds(2));
    auto r = client.call("node_info");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::retry);
    EXPECT_EQ(r.error().reason, "connect_failed");
    EXPECT_EQ(client.connections_opened(), 0u);
}

TEST(ErrorCodes, KindsRoundTripThroughCodes) {
    for (ErrorKind kind :
         {ErrorKind::rejected, ErrorKind::failed, ErrorKind::retry, ErrorKind::internal}) {
        EXPECT_EQ(kind_for(code_for(Error{kind, "x", ""})), kind);
    }
    EXPECT_EQ(code_for(Error::malformed("invalid_params")), codes::kInvalidParams);
    EXPECT_EQ(code_for(Error::malformed("bad_signature")), codes::kRejected);
    EXPECT_EQ(kind_for(codes::kInvalidParams), ErrorKind::malformed);
    EXPECT_EQ(kind_for(codes::kParseError), ErrorKind::malformed);
    EXPECT_EQ(kind_for(-32050), ErrorKind::rejected);
    EXPECT_EQ(kind_for(12345), ErrorKind::internal);
}

}  // namespace
}  // namespace azora::rpc
