#include "rpc/server.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/reasons.hpp"
#include "rpc/http_session.hpp"

namespace azora::rpc {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

// A failed accept (out of file descriptors) is retried after this pause instead of spinning.
constexpr std::chrono::milliseconds kAcceptRetry{50};

// Refusals beyond this are closed without a 503, so refusing stays cheap under a flood.
constexpr size_t kMaxRefusals = 64;

Result<void> check(const ServerOptions& o) {
    if (o.threads < 1 || o.max_connections < 1 || o.max_batch < 1 || o.max_body_bytes < 1 ||
        o.request_timeout.count() <= 0) {
        return Error::from(reasons::kBadOptions,
                           "threads, limits and timeout must all be positive");
    }
    return ok_result();
}

}  // namespace

struct Server::Impl {
    Impl(ServerOptions o, const MethodTable& t) : options(std::move(o)), table(t) {}

    void accept_next();
    void on_accept(boost::system::error_code ec, tcp::socket socket);

    const ServerOptions options;
    const MethodTable& table;

    // Serializes start(), stop() and port(). The members below change only under it while no
    // I/O thread runs; while running, the accept handlers alone use acceptor, accept_retry and
    // next_context, on contexts[0]'s thread.
    std::mutex mutex;
    std::optional<detail::ServerState> state;
    // One io_context per thread, so a connection's handlers never run concurrently.
    std::vector<std::unique_ptr<net::io_context>> contexts;
    std::vector<net::executor_work_guard<net::io_context::executor_type>> guards;
    std::optional<tcp::acceptor> acceptor;  // on contexts[0]
    std::optional<net::steady_timer> accept_retry;
    std::vector<std::thread> threads;
    size_t next_context = 0;  // only touched by the accept handlers, one at a time
    uint16_t port = 0;
};

void Server::Impl::accept_next() {
    net::io_context& target = *contexts[next_context];
    next_context = (next_context + 1) % contexts.size();
    acceptor->async_accept(net::any_io_executor(target.get_executor()),
                           [this](boost::system::error_code ec, tcp::socket socket) {
                               on_accept(ec, std::move(socket));
                           });
}

void Server::Impl::on_accept(boost::system::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted) {
        return;
    }
    if (ec) {
        accept_retry->expires_after(kAcceptRetry);
        accept_retry->async_wait([this](boost::system::error_code wait_ec) {
            if (!wait_ec) {
                accept_next();
            }
        });
        return;
    }
    boost::system::error_code ignored;
    // Small responses on kept-alive connections must not wait for Nagle's algorithm.
    socket.set_option(tcp::no_delay(true), ignored);
    if (state->sessions.load(std::memory_order_relaxed) < options.max_connections) {
        state->sessions.fetch_add(1, std::memory_order_relaxed);
        detail::run_session(std::move(socket), *state);
    } else if (state->refusals.load(std::memory_order_relaxed) < kMaxRefusals) {
        state->refusals.fetch_add(1, std::memory_order_relaxed);
        detail::refuse_session(std::move(socket), *state);
    }
    // Otherwise the socket closes as it goes out of scope.
    accept_next();
}

Server::Server(ServerOptions options, const MethodTable& table)
    : m_impl(std::make_unique<Impl>(std::move(options), table)) {}

Server::~Server() {
    stop();
}

Result<void> Server::start() {
    Impl& s = *m_impl;
    std::lock_guard lock(s.mutex);
    if (!s.threads.empty()) {
        return Error::from(reasons::kAlreadyStarted);
    }
    AZORA_TRY(check(s.options));
    boost::system::error_code ec;
    const auto address = net::ip::make_address(s.options.bind_address, ec);
    if (ec) {
        return Error::from(reasons::kBadBindAddress, s.options.bind_address);
    }
    s.state.emplace(s.options, s.table);
    for (int i = 0; i < s.options.threads; ++i) {
        s.contexts.push_back(std::make_unique<net::io_context>(1));
        s.guards.push_back(net::make_work_guard(*s.contexts.back()));
    }
    s.acceptor.emplace(*s.contexts[0]);
    s.accept_retry.emplace(*s.contexts[0]);
    const tcp::endpoint endpoint(address, s.options.port);
    auto fail = [&](std::string_view step) -> Result<void> {
        std::string message = std::string(step) + " " + s.options.bind_address + ":" +
                              std::to_string(s.options.port) + ": " + ec.message();
        s.accept_retry.reset();
        s.acceptor.reset();
        s.guards.clear();
        s.contexts.clear();
        s.state.reset();
        return Error::from(reasons::kBindFailed, std::move(message));
    };
    if (s.acceptor->open(endpoint.protocol(), ec)) {
        return fail("open");
    }
    if (s.acceptor->set_option(net::socket_base::reuse_address(true), ec)) {
        return fail("reuse_address");
    }
    if (s.acceptor->bind(endpoint, ec)) {
        return fail("bind");
    }
    if (s.acceptor->listen(net::socket_base::max_listen_connections, ec)) {
        return fail("listen");
    }
    s.port = s.acceptor->local_endpoint(ec).port();
    s.next_context = 0;
    s.accept_next();
    for (auto& context : s.contexts) {
        s.threads.emplace_back([ctx = context.get()] { ctx->run(); });
    }
    return ok_result();
}

uint16_t Server::port() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->port;
}

void Server::stop() {
    Impl& s = *m_impl;
    std::lock_guard lock(s.mutex);
    if (s.threads.empty()) {
        return;
    }
    // Stopping the contexts abandons pending reads and writes; a handler already running
    // finishes first, which join() waits for.
    for (auto& context : s.contexts) {
        context->stop();
    }
    for (auto& thread : s.threads) {
        thread.join();
    }
    s.threads.clear();
    s.accept_retry.reset();
    s.acceptor.reset();
    s.guards.clear();
    // Destroying a context destroys its pending handlers, hence its sessions and their
    // sockets; the sessions still see `state`, which goes last.
    s.contexts.clear();
    s.state.reset();
    s.port = 0;
}

}  // namespace azora::rpc
