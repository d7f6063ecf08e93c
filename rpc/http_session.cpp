#include "rpc/http_session.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <optional>

#include "core/hash.hpp"
#include "rpc/errors.hpp"

namespace azora::rpc::detail {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// How long a closing connection keeps reading (and discarding) what the peer still sends, so
// that our final response is not destroyed by a TCP reset before the peer reads it.
constexpr std::chrono::milliseconds kMaxLinger{2000};

bool is_json_content_type(std::string_view value) {
    // Lenient: absent is fine; otherwise the media type before any ";charset=..." must match.
    if (value.empty()) {
        return true;
    }
    const std::string_view media = value.substr(0, value.find(';'));
    const auto end = media.find_last_not_of(" \t");
    return beast::iequals(media.substr(0, end + 1), "application/json");
}

using Response = http::response<http::string_body>;

// One connection. Each connection's handlers all run on the one thread of its io_context, so
// no strand is needed: at most one operation (read, write or linger) is pending at a time.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket&& socket, ServerState& state, bool counted)
        : m_stream(std::move(socket)), m_state(state), m_counted(counted) {}

    ~Session() {
        if (m_counted) {
            m_state.sessions.fetch_sub(1, std::memory_order_relaxed);
        } else {
            m_state.refusals.fetch_sub(1, std::memory_order_relaxed);
        }
    }

    void run() { read_header(); }

    void refuse() {
        send_and_close(http::status::service_unavailable,
                       Dispatcher::error_body(codes::kRetry, "too_many_connections",
                                              "the server is at its connection limit"),
                       "application/json");
    }

private:
    const ServerOptions& options() const { return m_state.options(); }

    void read_header() {
        m_parser.emplace();
        m_parser->body_limit(options().max_body_bytes);
        m_stream.expires_after(options().request_timeout);
        http::async_read_header(m_stream, m_buffer, *m_parser,
                                beast::bind_front_handler(&Session::on_header, shared_from_this()));
    }

    void on_header(beast::error_code ec, size_t) {
        if (ec) {
            return on_read_error(ec);
        }
        const auto& req = m_parser->get();
        // curl sends "Expect: 100-continue" for bodies over 1 KiB and otherwise stalls a
        // second waiting for this interim response.
        if (beast::iequals(req[http::field::expect], "100-continue")) {
            m_continue.emplace(http::status::continue_, req.version());
            http::async_write(m_stream, *m_continue,
                              beast::bind_front_handler(&Session::on_continue, shared_from_this()));
            return;
        }
        read_body();
    }

    void on_continue(beast::error_code ec, size_t) {
        m_continue.reset();
        if (ec) {
            return;
        }
        read_body();
    }

    void read_body() {
        // A fresh budget for the body: the header's may have been spent idling on keep-alive.
        m_stream.expires_after(options().request_timeout);
        http::async_read(m_stream, m_buffer, *m_parser,
                         beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, size_t) {
        if (ec) {
            return on_read_error(ec);
        }
        handle(m_parser->get());
    }

    void on_read_error(beast::error_code ec) {
        if (ec == http::error::end_of_stream) {
            // The peer closed between requests: the normal end of a keep-alive connection.
            beast::error_code ignored;
            m_stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
            return;
        }
        if (ec == http::error::body_limit) {
            return send_and_close(
                http::status::payload_too_large,
                Dispatcher::error_body(
                    codes::kInvalidRequest, "body_too_large",
                    "request body exceeds " + std::to_string(options().max_body_bytes) + " bytes"),
                "application/json");
        }
        if (ec.category() == beast::http::make_error_code(http::error::bad_target).category() &&
            ec != http::error::partial_message) {
            // Unparseable HTTP: say so, then drop the connection, since the stream position
            // of the next request is unknown.
            return send_and_close(http::status::bad_request, "bad request\n", "text/plain");
        }
        // Timeout, reset or EOF mid-message: nobody to answer. Returning ends the session.
    }

    void handle(const http::request<http::string_body>& req) {
        const bool keep_alive = req.keep_alive();
        m_res = Response{};
        m_res.version(req.version());
        m_res.keep_alive(keep_alive);
        const std::string_view target = req.target();
        if (target == "/health") {
            if (req.method() == http::verb::get) {
                set_body(http::status::ok, "ok\n", "text/plain");
            } else {
                set_body(http::status::method_not_allowed, "use GET\n", "text/plain");
                m_res.set(http::field::allow, "GET");
            }
        } else if (target != "/") {
            set_body(http::status::not_found, "not found\n", "text/plain");
        } else if (req.method() != http::verb::post) {
            set_body(http::status::method_not_allowed, "use POST\n", "text/plain");
            m_res.set(http::field::allow, "POST");
        } else if (!is_json_content_type(req[http::field::content_type])) {
            set_body(http::status::unsupported_media_type,
                     "Content-Type must be application/json\n", "text/plain");
        } else {
            const CallContext context{.authorized =
                                          m_state.authorized(req[http::field::authorization])};
            std::string body = m_state.dispatcher().handle(req.body(), context);
            if (body.empty()) {
                m_res.result(http::status::no_content);
            } else {
                set_body(http::status::ok, std::move(body), "application/json");
            }
        }
        m_res.prepare_payload();
        m_parser.reset();  // frees the request body before the write
        m_stream.expires_after(options().request_timeout);
        http::async_write(
            m_stream, m_res,
            beast::bind_front_handler(&Session::on_write, shared_from_this(), keep_alive));
    }

    void set_body(http::status status, std::string body, std::string_view content_type) {
        m_res.result(status);
        m_res.set(http::field::content_type, content_type);
        m_res.body() = std::move(body);
    }

    void on_write(bool keep_alive, beast::error_code ec, size_t) {
        if (ec) {
            return;
        }
        if (!keep_alive) {
            beast::error_code ignored;
            m_stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
            return;
        }
        read_header();
    }

    // Sends a final response, then lingers: the peer may still be sending the request we
    // refused, and closing with unread data would reset the connection under our answer.
    void send_and_close(http::status status, std::string body, std::string_view content_type) {
        m_parser.reset();
        m_res = Response{};
        set_body(status, std::move(body), content_type);
        m_res.keep_alive(false);
        m_res.prepare_payload();
        m_stream.expires_after(options().request_timeout);
        http::async_write(m_stream, m_res,
                          beast::bind_front_handler(&Session::on_final_write, shared_from_this()));
    }

    void on_final_write(beast::error_code ec, size_t) {
        if (ec) {
            return;
        }
        beast::error_code ignored;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        m_stream.expires_after(
            std::min<std::chrono::milliseconds>(kMaxLinger, options().request_timeout));
        drain();
    }

    void drain() {
        m_stream.async_read_some(net::buffer(m_drain),
                                 beast::bind_front_handler(&Session::on_drain, shared_from_this()));
    }

    void on_drain(beast::error_code ec, size_t) {
        // Until EOF, an error or the linger deadline; then the destructor closes the socket.
        if (!ec) {
            drain();
        }
    }

    beast::tcp_stream m_stream;
    ServerState& m_state;
    const bool m_counted;  // counted in sessions (served) or in refusals (refused)
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;  // new per request
    std::optional<http::response<http::empty_body>> m_continue;
    Response m_res;
    std::array<char, 4096> m_drain{};
};

}  // namespace

ServerState::ServerState(const ServerOptions& options, const MethodTable& table)
    : m_options(options),
      m_dispatcher(table, DispatchOptions{.max_batch = options.max_batch}),
      m_has_token(!options.admin_token.empty()),
      m_token_digest(sha256(as_bytes(options.admin_token))) {}

bool ServerState::authorized(std::string_view authorization) const {
    constexpr std::string_view kScheme = "Bearer ";
    if (!m_has_token || authorization.size() < kScheme.size() ||
        !beast::iequals(authorization.substr(0, kScheme.size()), kScheme)) {
        return false;
    }
    const Hash32 digest = sha256(as_bytes(authorization.substr(kScheme.size())));
    return CRYPTO_memcmp(digest.data(), m_token_digest.data(), digest.size()) == 0;
}

void run_session(tcp::socket socket, ServerState& state) {
    // Start on the connection's own thread; the acceptor runs on another.
    auto executor = socket.get_executor();
    auto session = std::make_shared<Session>(std::move(socket), state, true);
    net::post(executor, [session] { session->run(); });
}

void refuse_session(tcp::socket socket, ServerState& state) {
    auto executor = socket.get_executor();
    auto session = std::make_shared<Session>(std::move(socket), state, false);
    net::post(executor, [session] { session->refuse(); });
}

}  // namespace azora::rpc::detail
