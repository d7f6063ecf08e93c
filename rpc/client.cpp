#include "rpc/client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <unordered_map>

#include "core/reasons.hpp"
#include "rpc/errors.hpp"
#include "rpc/params.hpp"

namespace azora::rpc {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using nlohmann::json;

// Responses carry whole blocks with their transactions; far above any request limit.
constexpr uint64_t kMaxResponseBytes = 256ull * 1024 * 1024;

Error bad_url(std::string_view url, std::string_view why) {
    return Error::from(reasons::kBadUrl, std::string(why) + ": " + std::string(url));
}

Error from_transport(const beast::error_code& ec) {
    if (ec == beast::error::timeout) {
        return Error::from(reasons::kTimeout, "no answer in time");
    }
    return Error::from(reasons::kTransportError, ec.message());
}

// Errors a kept-alive connection shows when the server closed it while it sat idle.
bool is_stale_connection(const beast::error_code& ec) {
    return ec == http::error::end_of_stream || ec == net::error::eof ||
           ec == net::error::connection_reset || ec == net::error::broken_pipe ||
           ec == net::error::connection_aborted;
}

Error from_error_object(const json& error) {
    const auto code_it = error.find("code");
    const int code = code_it != error.end() && code_it->is_number_integer() ? code_it->get<int>()
                                                                            : codes::kInternal;
    std::string reason(default_reason(code));
    const auto data = error.find("data");
    if (data != error.end() && data->is_object()) {
        const auto r = data->find("reason");
        if (r != data->end() && r->is_string()) {
            reason = r->get<std::string>();
        }
    }
    const auto message = error.find("message");
    return Error{kind_for(code), std::move(reason),
                 message != error.end() && message->is_string() ? message->get<std::string>()
                                                                : std::string()};
}

// The outcome of one response object.
Result<json> outcome(json& response) {
    if (!response.is_object()) {
        return Error::from(reasons::kBadResponse, "response is not an object");
    }
    const auto error = response.find("error");
    if (error != response.end() && error->is_object()) {
        return from_error_object(*error);
    }
    const auto result = response.find("result");
    if (result == response.end()) {
        return Error::from(reasons::kBadResponse, "response has neither result nor error");
    }
    return std::move(*result);
}

json request_object(uint64_t id, const std::string& method, json params) {
    json request = json::object();
    request["jsonrpc"] = "2.0";
    request["id"] = id;
    request["method"] = method;
    request["params"] = std::move(params);
    return request;
}

}  // namespace

Result<Endpoint> parse_url(std::string_view url) {
    constexpr std::string_view kScheme = "http://";
    if (url.size() < kScheme.size() || !beast::iequals(url.substr(0, kScheme.size()), kScheme)) {
        return bad_url(url, "only http:// URLs are supported");
    }
    std::string_view rest = url.substr(kScheme.size());
    rest = rest.substr(0, rest.find('#'));
    const size_t slash = rest.find('/');
    const std::string_view authority = rest.substr(0, slash);
    Endpoint out;
    if (slash != std::string_view::npos) {
        out.target = std::string(rest.substr(slash));
    }
    if (authority.find('@') != std::string_view::npos) {
        return bad_url(url, "credentials in URLs are not supported");
    }
    std::string_view host = authority;
    std::string_view port;
    if (authority.starts_with('[')) {
        const size_t close = authority.find(']');
        if (close == std::string_view::npos) {
            return bad_url(url, "unterminated IPv6 address");
        }
        host = authority.substr(1, close - 1);
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (!after.starts_with(':')) {
                return bad_url(url, "junk after IPv6 address");
            }
            port = after.substr(1);
        }
    } else if (const size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    if (host.empty()) {
        return bad_url(url, "empty host");
    }
    out.host = std::string(host);
    if (!port.empty() || authority.ends_with(':')) {
        const auto value = parse_decimal_u64(port);
        if (!value || *value == 0 || *value > 65535) {
            return bad_url(url, "bad port");
        }
        out.port = static_cast<uint16_t>(*value);
    }
    return out;
}

struct Client::Impl {
    Impl(std::string_view url, std::chrono::milliseconds t) : timeout(t), stream(ioc) {
        auto parsed = parse_url(url);
        if (parsed.ok()) {
            endpoint = std::move(parsed).value();
            const bool v6 = endpoint.host.find(':') != std::string::npos;
            host_header = (v6 ? "[" + endpoint.host + "]" : endpoint.host) + ":" +
                          std::to_string(endpoint.port);
        } else {
            url_error = parsed.error();
        }
    }

    // Runs one asynchronous operation to completion; the stream's deadline bounds it.
    template <typename Initiate>
    beast::error_code run(Initiate&& initiate) {
        beast::error_code result;
        initiate([&result](beast::error_code ec, auto&&...) { result = ec; });
        ioc.restart();
        ioc.run();
        return result;
    }

    Result<void> connect();
    void close();
    Result<http::response<http::string_body>> post(std::string body,
                                                   const std::optional<std::string>& bearer);
    Result<json> exchange(const json& request, const std::optional<std::string>& bearer);

    const std::chrono::milliseconds timeout;
    net::io_context ioc{1};
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    Endpoint endpoint;
    std::string host_header;
    std::optional<Error> url_error;
    bool connected = false;
    uint64_t opened = 0;
    uint64_t next_id = 1;
};

Result<void> Client::Impl::connect() {
    tcp::resolver resolver(ioc);
    net::steady_timer deadline(ioc, timeout);
    tcp::resolver::results_type endpoints;
    beast::error_code ec;
    // The resolver has no deadline of its own; the timer cancels it.
    deadline.async_wait([&](beast::error_code wait_ec) {
        if (!wait_ec) {
            resolver.cancel();
        }
    });
    resolver.async_resolve(endpoint.host, std::to_string(endpoint.port),
                           [&](beast::error_code resolve_ec, tcp::resolver::results_type r) {
                               ec = resolve_ec;
                               endpoints = std::move(r);
                               deadline.cancel();
                           });
    ioc.restart();
    ioc.run();
    if (ec) {
        return Error::from(reasons::kConnectFailed,
                           "resolve " + endpoint.host + ": " + ec.message());
    }
    stream.expires_after(timeout);
    ec = run([&](auto handler) { stream.async_connect(endpoints, std::move(handler)); });
    if (ec) {
        stream.close();
        return Error::from(reasons::kConnectFailed, host_header + ": " + ec.message());
    }
    beast::error_code ignored;
    stream.socket().set_option(tcp::no_delay(true), ignored);
    connected = true;
    ++opened;
    return ok_result();
}

void Client::Impl::close() {
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream.close();
    buffer.clear();
    connected = false;
}

Result<http::response<http::string_body>> Client::Impl::post(
    std::string body, const std::optional<std::string>& bearer) {
    http::request<http::string_body> req{http::verb::post, endpoint.target, 11};
    req.set(http::field::host, host_header);
    req.set(http::field::content_type, "application/json");
    if (bearer) {
        req.set(http::field::authorization, "Bearer " + *bearer);
    }
    req.keep_alive(true);
    req.body() = std::move(body);
    req.prepare_payload();
    for (int attempt = 0;; ++attempt) {
        const bool reused = connected;
        if (!connected) {
            AZORA_TRY(connect());
        }
        stream.expires_after(timeout);
        auto ec = run([&](auto handler) { http::async_write(stream, req, std::move(handler)); });
        if (!ec) {
            http::response_parser<http::string_body> parser;
            parser.body_limit(kMaxResponseBytes);
            stream.expires_after(timeout);
            ec = run([&](auto handler) {
                http::async_read(stream, buffer, parser, std::move(handler));
            });
            if (!ec) {
                auto res = parser.release();
                if (!res.keep_alive()) {
                    close();
                }
                return res;
            }
        }
        close();
        // The server may close an idle kept-alive connection at any time; that costs one
        // reconnect, not an error. A fresh connection failing is a real error.
        if (!(reused && attempt == 0 && is_stale_connection(ec))) {
            return from_transport(ec);
        }
    }
}

Result<json> Client::Impl::exchange(const json& request, const std::optional<std::string>& bearer) {
    if (url_error) {
        return *url_error;
    }
    AZORA_ASSIGN(auto res, post(request.dump(), bearer));
    json reply = json::parse(res.body(), nullptr, /*allow_exceptions=*/false);
    if (res.result() == http::status::ok && !reply.is_discarded()) {
        return reply;
    }
    // Transport refusals (413, 503) carry a JSON-RPC error object: use its reason.
    if (!reply.is_discarded() && reply.is_object() && reply.contains("error") &&
        reply["error"].is_object()) {
        return from_error_object(reply["error"]);
    }
    const unsigned status = res.result_int();
    std::string message = "HTTP " + std::to_string(status);
    if (status == 200) {
        return Error::from(reasons::kBadResponse, "response body is not JSON");
    }
    std::string reason = "http_" + std::to_string(status);
    if (status == 503) {
        return Error::retry(std::move(reason), std::move(message));
    }
    return status >= 500 ? Error::internal(std::move(reason), std::move(message))
                         : Error::rejected(std::move(reason), std::move(message));
}

Client::Client(std::string url, std::chrono::milliseconds timeout)
    : m_impl(std::make_unique<Impl>(url, timeout)) {}

Client::~Client() = default;

uint64_t Client::connections_opened() const {
    return m_impl->opened;
}

Result<json> Client::call(const std::string& method,
                          json params,
                          const std::optional<std::string>& bearer) {
    const uint64_t id = m_impl->next_id++;
    AZORA_ASSIGN(json reply,
                 m_impl->exchange(request_object(id, method, std::move(params)), bearer));
    return outcome(reply);
}

Result<std::vector<Result<json>>> Client::batch(const std::vector<BatchCall>& calls,
                                                const std::optional<std::string>& bearer) {
    if (calls.empty()) {
        return Error::from(reasons::kInvalidRequest, "empty batch");
    }
    const uint64_t first_id = m_impl->next_id;
    m_impl->next_id += calls.size();
    json request = json::array();
    for (size_t i = 0; i < calls.size(); ++i) {
        request.push_back(request_object(first_id + i, calls[i].method, calls[i].params));
    }
    AZORA_ASSIGN(json reply, m_impl->exchange(request, bearer));
    if (reply.is_object()) {
        // One error for the whole batch (too large, unparseable).
        auto single = outcome(reply);
        if (single.ok()) {
            return Error::from(reasons::kBadResponse, "batch answered by one result");
        }
        return single.error();
    }
    if (!reply.is_array()) {
        return Error::from(reasons::kBadResponse, "batch reply is not an array");
    }
    // Responses may come in any order; match them to calls by id.
    std::unordered_map<uint64_t, json*> by_id;
    for (json& response : reply) {
        if (response.is_object() && response.contains("id") &&
            response["id"].is_number_unsigned()) {
            by_id[response["id"].get<uint64_t>()] = &response;
        }
    }
    std::vector<Result<json>> results;
    results.reserve(calls.size());
    for (size_t i = 0; i < calls.size(); ++i) {
        auto it = by_id.find(first_id + i);
        if (it == by_id.end()) {
            results.emplace_back(Error::from(reasons::kMissingResponse, calls[i].method));
        } else {
            results.push_back(outcome(*it->second));
        }
    }
    return results;
}

}  // namespace azora::rpc
