#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "rpc/method_table.hpp"

namespace azora::rpc {

/// Everything the HTTP server needs, filled by node from its config.
struct ServerOptions {
    std::string bind_address = "127.0.0.1";  ///< IPv4 or IPv6 literal
    uint16_t port = 8645;                    ///< 0 picks an ephemeral port; see Server::port()
    size_t max_body_bytes = 1024 * 1024;     ///< larger request bodies get HTTP 413
    size_t max_batch = 100;                  ///< most requests in one JSON-RPC batch
    size_t max_connections = 256;            ///< further connections get HTTP 503 and are closed
    /// Budget for reading one request and for writing its response; also the keep-alive idle
    /// limit. Handler run time is not bounded by it.
    std::chrono::milliseconds request_timeout = std::chrono::seconds(10);
    int threads = 2;            ///< I/O threads; each connection stays on one of them
    std::string admin_token{};  ///< bearer token for admin methods; empty: admin methods refused
};

/// JSON-RPC 2.0 over HTTP/1.1 (Boost.Beast): POST / with a JSON body, GET /health.
/// Handlers run on the server's I/O threads and must be thread-safe.
class Server {
public:
    /// `table` must outlive the server and stay unchanged while it runs.
    Server(ServerOptions options, const MethodTable& table);
    /// Stops the server if it is running.
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds, listens and starts the I/O threads. malformed "bad_options" or
    /// "bad_bind_address"; rejected "bind_failed" (port in use) or "already_started".
    Result<void> start();

    /// The bound port (the real one when options.port was 0); 0 before start().
    uint16_t port() const;

    /// Closes the listener and every connection and joins the threads. Idempotent; must not be
    /// called from a handler (it would join its own thread).
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace azora::rpc
