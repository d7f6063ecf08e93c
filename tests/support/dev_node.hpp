#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "rpc/client.hpp"
#include "tests/support/process.hpp"

namespace azora::test {

/// How long a node may take to print its banner and answer RPC on a loaded 2-core machine.
inline constexpr std::chrono::milliseconds kStartTimeout{20'000};
/// How long a node may take to exit after SIGTERM.
inline constexpr std::chrono::milliseconds kStopTimeout{10'000};

struct DevNodeOptions {
    std::filesystem::path azorad;  ///< path of the azorad binary
    uint64_t block_time_ms = 100;
};

/// A real `azorad --dev` on loopback for one test, over its own temporary data dir.
///
/// The constructor creates a work dir (mkdtemp) holding the data dir and every run's
/// stdout/stderr; the destructor SIGKILLs a node still running (so a failing test leaves no
/// process behind) and removes the work dir. start() and stop() may be repeated to restart on
/// the same data dir. Not thread-safe.
class DevNode {
public:
    explicit DevNode(DevNodeOptions options);
    ~DevNode();
    DevNode(const DevNode&) = delete;
    DevNode& operator=(const DevNode&) = delete;

    /// Starts azorad --dev --datadir D --rpc-port 0 --block-time-ms N, reads the real port from
    /// the banner line "RPC: http://127.0.0.1:PORT" and waits until node_info answers; fails
    /// (with the node's stderr) if it exits first or the deadline passes.
    ::testing::AssertionResult start();
    /// SIGTERM, then expects exit code 0 within kStopTimeout.
    ::testing::AssertionResult stop();
    /// SIGKILL and reap: a crash at an arbitrary point.
    ExitStatus kill9();
    /// Runs azorad on the data dir in the foreground, expecting it to exit by itself (refusing
    /// to start); if it is still running after `timeout` it is killed and `timed_out` is set.
    RunResult run_expecting_exit(std::chrono::milliseconds timeout);

    bool running() const { return m_process != nullptr; }
    uint16_t port() const { return m_port; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    const std::filesystem::path& datadir() const { return m_datadir; }
    const std::filesystem::path& work_dir() const { return m_work.path(); }
    /// A client for the running node (recreated by each start()).
    rpc::Client& rpc() { return *m_client; }

    /// Output of the node start() ran last (running or not).
    std::string stdout_text() const;
    std::string stderr_text() const;

    /// Head height from node_info; nullopt if the call fails.
    std::optional<uint64_t> height();
    /// Polls node_info until the head height is at least `h`.
    ::testing::AssertionResult wait_for_height(uint64_t h,
                                               std::chrono::milliseconds timeout = kStartTimeout);

private:
    std::vector<std::string> args() const;

    DevNodeOptions m_options;
    TempDir m_work;
    std::filesystem::path m_datadir;
    int m_runs = 0;               // names each run's log files
    std::filesystem::path m_out;  // logs of the node start() ran last
    std::filesystem::path m_err;
    std::unique_ptr<Process> m_process;
    uint16_t m_port = 0;
    std::unique_ptr<rpc::Client> m_client;
};

}  // namespace azora::test
