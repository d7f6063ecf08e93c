#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

namespace azora::test {

/// A tiny HTTP/1.1 proxy on 127.0.0.1 (ephemeral port) in front of a real node, for testing
/// clients against a node that lies. Each request is forwarded to 127.0.0.1:`upstream_port`;
/// the `result` of every credential_verify answer passes through the tamper function first.
/// One connection at a time, one request per connection (replies carry Connection: close),
/// Content-Length bodies only. The destructor stops and joins the proxy thread.
class LyingProxy {
public:
    using Tamper = std::function<void(nlohmann::json& result)>;

    /// Listens and starts serving; throws std::runtime_error if the socket cannot be set up.
    explicit LyingProxy(uint16_t upstream_port);
    ~LyingProxy();
    LyingProxy(const LyingProxy&) = delete;
    LyingProxy& operator=(const LyingProxy&) = delete;

    /// Replaces the tamper function (empty: forward credential_verify answers unchanged).
    void set_tamper(Tamper tamper);
    /// How many credential_verify answers passed through a tamper function so far.
    int tampered() const { return m_tampered.load(); }

    uint16_t port() const { return m_port; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

private:
    void serve();
    void handle(int client_fd);

    uint16_t m_upstream;
    int m_listen_fd = -1;
    uint16_t m_port = 0;
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_tampered{0};
    std::mutex m_mutex;  // guards m_tamper
    Tamper m_tamper;
    std::thread m_thread;
};

}  // namespace azora::test
