#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <cstddef>
#include <string_view>

#include "core/bytes.hpp"
#include "rpc/dispatcher.hpp"
#include "rpc/server.hpp"

// Internals of Server: the per-connection HTTP session. Not part of the public API.
namespace azora::rpc::detail {

/// State shared by the acceptor and every session of one server; outlives them all.
class ServerState {
public:
    /// Copies `options`; `table` must outlive the state.
    ServerState(const ServerOptions& options, const MethodTable& table);

    /// The server's options, fixed for its run.
    const ServerOptions& options() const { return m_options; }
    /// The dispatcher every session shares (stateless, thread-safe).
    const Dispatcher& dispatcher() const { return m_dispatcher; }

    /// True when `authorization` is "Bearer <admin token>"; constant time in the token.
    bool authorized(std::string_view authorization) const;

    /// Open sessions, counted against options().max_connections.
    std::atomic<size_t> sessions{0};
    /// Connections being refused with 503, bounded so a flood cannot pile them up.
    std::atomic<size_t> refusals{0};

private:
    ServerOptions m_options;
    Dispatcher m_dispatcher;
    bool m_has_token = false;
    Hash32 m_token_digest{};  // compared by digest so the comparison length is fixed
};

/// Serves HTTP requests on `socket` (on its executor) until it closes or times out. The caller
/// has already counted it in state.sessions; the session releases that count when it ends.
void run_session(boost::asio::ip::tcp::socket socket, ServerState& state);

/// Answers 503 "too_many_connections" on `socket` and closes it. The caller has already
/// counted it in state.refusals; released when done.
void refuse_session(boost::asio::ip::tcp::socket socket, ServerState& state);

}  // namespace azora::rpc::detail
