#include "tests/support/lying_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cstring>
#include <optional>
#include <stdexcept>

#include "core/unique_fd.hpp"

namespace azora::test {
namespace {

using nlohmann::json;

void set_timeouts(int fd) {
    timeval tv{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

bool send_all(int fd, const std::string& data) {
    size_t sent = 0;
    while (sent < data.size()) {
        const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
            return false;
        }
        sent += static_cast<size_t>(n);
    }
    return true;
}

/// One HTTP message: the start line, the header block and the body.
struct Message {
    std::string start_line;
    std::string headers;  // lower-cased, for lookups
    std::string body;
};

std::optional<size_t> content_length(const std::string& lower_headers) {
    const std::string name = "\ncontent-length:";
    const size_t at = lower_headers.find(name);
    if (at == std::string::npos) {
        return std::nullopt;
    }
    return std::strtoull(lower_headers.c_str() + at + name.size(), nullptr, 10);
}

/// Reads a message with a Content-Length body (none: empty body) from `fd`.
std::optional<Message> read_message(int fd) {
    std::string data;
    char buf[8192];
    size_t header_end = std::string::npos;
    while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
        const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
        if (n <= 0) {
            return std::nullopt;
        }
        data.append(buf, static_cast<size_t>(n));
    }
    Message m;
    const size_t line_end = data.find("\r\n");
    m.start_line = data.substr(0, line_end);
    m.headers = data.substr(line_end, header_end - line_end + 2);
    for (char& c : m.headers) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    const size_t length = content_length(m.headers).value_or(0);
    m.body = data.substr(header_end + 4);
    while (m.body.size() < length) {
        const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
        if (n <= 0) {
            return std::nullopt;
        }
        m.body.append(buf, static_cast<size_t>(n));
    }
    m.body.resize(length);
    return m;
}

/// Sends `request` to 127.0.0.1:`port` and reads the reply.
std::optional<Message> forward(uint16_t port, const Message& request) {
    UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (fd.get() < 0) {
        return std::nullopt;
    }
    set_timeouts(fd.get());
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
        return std::nullopt;
    }
    // "POST /path HTTP/1.1" is forwarded as is; only the headers the node needs are kept.
    const std::string out = request.start_line + "\r\nHost: 127.0.0.1:" + std::to_string(port) +
                            "\r\nContent-Type: application/json\r\nContent-Length: " +
                            std::to_string(request.body.size()) + "\r\nConnection: close\r\n\r\n" +
                            request.body;
    if (!send_all(fd.get(), out)) {
        return std::nullopt;
    }
    return read_message(fd.get());
}

}  // namespace

LyingProxy::LyingProxy(uint16_t upstream_port) : m_upstream(upstream_port) {
    m_listen_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_listen_fd < 0) {
        throw std::runtime_error("lying proxy: socket failed");
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = 0;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    if (::bind(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
        ::listen(m_listen_fd, 16) != 0 ||
        ::getsockname(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        ::close(m_listen_fd);
        throw std::runtime_error(std::string("lying proxy: ") + std::strerror(errno));
    }
    m_port = ntohs(addr.sin_port);
    m_thread = std::thread([this] { serve(); });
}

LyingProxy::~LyingProxy() {
    m_stopping = true;
    ::shutdown(m_listen_fd, SHUT_RDWR);  // wakes the blocked accept()
    m_thread.join();
    ::close(m_listen_fd);
}

void LyingProxy::set_tamper(Tamper tamper) {
    std::lock_guard lock(m_mutex);
    m_tamper = std::move(tamper);
}

void LyingProxy::serve() {
    while (!m_stopping) {
        const int client = ::accept4(m_listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) {
            if (m_stopping || (errno != EINTR && errno != ECONNABORTED)) {
                return;
            }
            continue;
        }
        handle(client);
    }
}

void LyingProxy::handle(int client_fd) {
    UniqueFd client(client_fd);
    set_timeouts(client.get());
    auto request = read_message(client.get());
    if (!request) {
        return;
    }
    auto reply = forward(m_upstream, *request);
    if (!reply) {
        send_all(client.get(),
                 "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
    }
    std::string body = reply->body;
    const json call = json::parse(request->body, nullptr, false);
    if (call.is_object() && call.value("method", "") == "credential_verify") {
        json answer = json::parse(body, nullptr, false);
        Tamper tamper;
        {
            std::lock_guard lock(m_mutex);
            tamper = m_tamper;
        }
        if (tamper && answer.is_object() && answer.contains("result")) {
            tamper(answer["result"]);
            body = answer.dump();
            ++m_tampered;
        }
    }
    send_all(client.get(),
             reply->start_line + "\r\nContent-Type: application/json\r\nContent-Length: " +
                 std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
}

}  // namespace azora::test
