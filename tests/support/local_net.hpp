#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "rpc/client.hpp"
#include "tests/support/dev_node.hpp"
#include "tests/support/process.hpp"

namespace azora::test {

struct LocalNetOptions {
    std::filesystem::path azorad;  ///< path of the azorad binary
    size_t validators = 1;
    size_t followers = 0;
    uint64_t block_time_ms = 100;
};

/// One node of the network, as DIR/nodes.json lists it.
struct LocalNetNode {
    std::string name;
    bool validator = false;
    std::string rpc;  ///< http://127.0.0.1:PORT
    uint16_t rpc_port = 0;
    std::string p2p;  ///< 127.0.0.1:PORT
    std::string node_id;
    std::filesystem::path datadir;
};

/// A local network made by the real `azorad testnet`, its nodes run as child processes.
///
/// The constructor only creates a work dir (mkdtemp); generate() runs `azorad testnet -n N
/// [--followers M] --base-port 0 --block-time-ms T --out WORK/net` and reads nodes.json. Each
/// start(k) runs `azorad --datadir WORK/net/nodeK` with stdout/stderr in WORK/nodeK-RUN.out/.err;
/// failures carry the tail of that log. The destructor SIGKILLs every node still running and
/// removes the work dir, also when a test fails. Not thread-safe.
class LocalNet {
public:
    explicit LocalNet(LocalNetOptions options);
    ~LocalNet();
    LocalNet(const LocalNet&) = delete;
    LocalNet& operator=(const LocalNet&) = delete;

    /// Runs `azorad testnet` and parses nodes.json; fails with its output if either fails.
    ::testing::AssertionResult generate();

    size_t size() const { return m_nodes.size(); }
    const LocalNetNode& node(size_t k) const { return m_nodes.at(k); }
    std::string rpc_url(size_t k) const { return node(k).rpc; }
    uint16_t rpc_port(size_t k) const { return node(k).rpc_port; }
    bool running(size_t k) const { return m_runs.at(k).process != nullptr; }
    const std::filesystem::path& work_dir() const { return m_work.path(); }
    /// WORK/net: what `azorad testnet --out` wrote.
    std::filesystem::path net_dir() const { return m_work.path() / "net"; }

    /// Starts node k (`azorad --datadir DIR/nodeK` plus `extra_args`, which override its
    /// config.json) and waits until node_info answers on the RPC port from nodes.json; fails
    /// (with its log) if it exits first or kStartTimeout passes.
    ::testing::AssertionResult start(size_t k, const std::vector<std::string>& extra_args = {});
    /// SIGTERM, then expects exit code 0 within kStopTimeout.
    ::testing::AssertionResult stop(size_t k);
    /// SIGKILL and reap: a crash at an arbitrary point.
    ExitStatus kill9(size_t k);
    /// stop(k) then start(k) on the same data dir, without extra arguments.
    ::testing::AssertionResult restart(size_t k);

    /// A JSON-RPC call to node k (its own keep-alive client, recreated by each start).
    Result<nlohmann::json> call(size_t k,
                                const std::string& method,
                                nlohmann::json params = nlohmann::json::array());
    /// Head height from node_info; nullopt if the call fails.
    std::optional<uint64_t> height(size_t k);
    /// Polls node_info on node k until its head height is at least `h`.
    ::testing::AssertionResult wait_for_height(size_t k,
                                               uint64_t h,
                                               std::chrono::milliseconds timeout = kStartTimeout);

    /// The last `max` bytes of stdout and stderr of node k's latest run.
    std::string log_tail(size_t k, size_t max = 2000) const;

private:
    struct Run {
        int count = 0;  // names each run's log files
        std::filesystem::path out, err;
        std::unique_ptr<Process> process;
        std::unique_ptr<rpc::Client> client;
    };

    LocalNetOptions m_options;
    TempDir m_work;
    std::vector<LocalNetNode> m_nodes;
    std::vector<Run> m_runs;
};

}  // namespace azora::test
