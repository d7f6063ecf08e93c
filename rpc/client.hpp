#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace azora::rpc {

/// Where an `http://host:port[/path]` URL points.
struct Endpoint {
    std::string host;          ///< name, IPv4, or IPv6 without brackets
    uint16_t port = 80;        ///< 80 when the URL names none
    std::string target = "/";  ///< path sent in the request line
};

/// Parses an http URL; malformed "bad_url" for any other scheme, a bad port or an empty host.
Result<Endpoint> parse_url(std::string_view url);

/// One call of a batch.
struct BatchCall {
    std::string method{};
    nlohmann::json params = nlohmann::json::array();
};

/// Synchronous JSON-RPC 2.0 client over HTTP/1.1 for tools and tests. Keeps one keep-alive
/// connection; if the server has closed it, a call reconnects once and resends. Not
/// thread-safe: one client per thread.
///
/// Errors: a JSON-RPC error becomes Error{kind from the code, data.reason, message}; transport
/// problems are retry "connect_failed", "timeout" or "transport_error"; a reply that is not
/// JSON-RPC is internal "bad_response"; a bad URL is malformed "bad_url" on every call.
class Client {
public:
    /// `url` is http://host:port[/path]; `timeout` bounds each connect, send and receive.
    explicit Client(std::string url, std::chrono::milliseconds timeout = std::chrono::seconds(30));
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    /// Calls `method` and returns its result. `bearer` is sent as "Authorization: Bearer ...".
    Result<nlohmann::json> call(const std::string& method,
                                nlohmann::json params = nlohmann::json::array(),
                                const std::optional<std::string>& bearer = std::nullopt);

    /// Sends `calls` as one batch; the outer Result fails only when the batch as a whole does,
    /// otherwise each call's outcome is in request order.
    Result<std::vector<Result<nlohmann::json>>> batch(
        const std::vector<BatchCall>& calls,
        const std::optional<std::string>& bearer = std::nullopt);

    /// TCP connections opened so far (for tests and diagnostics of keep-alive reuse).
    uint64_t connections_opened() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace azora::rpc
