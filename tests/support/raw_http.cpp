#include "tests/support/raw_http.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "core/unique_fd.hpp"

namespace azora::test {
namespace {

HttpReply transport_error(const char* what) {
    return {0, std::string(what) + ": " + std::strerror(errno)};
}

}  // namespace

HttpReply post_raw(uint16_t port,
                   std::string_view body,
                   std::string_view content_type,
                   std::chrono::milliseconds timeout) {
    UniqueFd s(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (s.get() < 0) {
        return transport_error("socket");
    }
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    ::setsockopt(s.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(s.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(s.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        return transport_error("connect");
    }
    std::string request = "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                          "\r\nContent-Type: " + std::string(content_type) +
                          "\r\nContent-Length: " + std::to_string(body.size()) +
                          "\r\nConnection: close\r\n\r\n" + std::string(body);
    size_t sent = 0;
    std::optional<HttpReply> send_error;
    while (sent < request.size()) {
        const ssize_t n =
            ::send(s.get(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            // The server may have answered (413) and stopped reading: look for its reply.
            send_error = transport_error("send");
            break;
        }
        sent += static_cast<size_t>(n);
    }
    std::string reply;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::recv(s.get(), buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            if (!reply.empty()) {
                break;  // a reset after the reply: keep what arrived
            }
            return send_error ? *send_error : transport_error("recv");
        }
        if (n == 0) {
            break;
        }
        reply.append(buf, static_cast<size_t>(n));
    }
    // "HTTP/1.1 200 OK\r\n...\r\n\r\nbody": the server closes after the reply, so the body is
    // everything after the headers.
    const auto header_end = reply.find("\r\n\r\n");
    if (reply.rfind("HTTP/1.", 0) != 0 || header_end == std::string::npos) {
        if (send_error) {
            return *send_error;
        }
        return {0, "not an HTTP reply: " + reply.substr(0, 200)};
    }
    const auto space = reply.find(' ');
    return {std::atoi(reply.c_str() + space + 1), reply.substr(header_end + 4)};
}

}  // namespace azora::test
