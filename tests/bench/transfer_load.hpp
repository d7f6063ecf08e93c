#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.hpp"

/// The `azora-bench transfers` load generator: pre-signed token transfers between bench
/// accounts, submitted over JSON-RPC by several threads, commits followed by a poller.
namespace azora::bench {

struct TransferLoadOptions {
    /// Node RPC URLs: submitting thread t sends to rpc_urls[t % size]; nonces are read and
    /// commits followed on rpc_urls[0] (the nodes gossip txs, so any node's chain will do).
    std::vector<std::string> rpc_urls{"http://127.0.0.1:8645"};
    size_t accounts = 10'000;    ///< bench accounts 0..accounts-1 send and receive
    size_t txs = 100'000;        ///< transfers to submit
    size_t batch = 100;          ///< tx_submit calls per JSON-RPC batch
    size_t concurrency = 4;      ///< submitting threads, one rpc::Client each
    double rate = 0;             ///< target submissions per second; 0 = as fast as possible
    double idle_timeout_s = 30;  ///< stop waiting once no commit was seen for this long
    size_t sign_threads = 0;     ///< 0 = hardware concurrency
    int node_pid = 0;            ///< > 0: also report the node's CPU time (from /proc) per tx
};

/// Figures of one run. Times are wall clock on the load generator; a commit time is when the
/// poller first saw the block containing the tx (polling every few ms).
struct TransferLoadReport {
    size_t txs = 0;
    size_t accepted = 0;                   ///< tx_submit returned a hash
    size_t committed = 0;                  ///< accepted and seen in a block
    std::map<std::string, size_t> errors;  ///< submit failures by reason (+ "not_committed")
    double sign_s = 0;                     ///< pre-signing, before timing starts
    double submit_s = 0;                   ///< first send to last response
    double submitted_per_s = 0;            ///< accepted / submit_s
    double first_to_last_commit_s = 0;
    /// Committed txs after the first block that held any, over first-to-last commit time:
    /// the rate the chain sustained (the first block's txs are excluded, they precede the
    /// measured interval). 0 when fewer than two blocks held our txs.
    double committed_per_s = 0;
    /// All committed txs over (last commit - submission start): includes the ramp.
    double end_to_end_per_s = 0;
    size_t blocks = 0;  ///< blocks that held at least one of our txs
    size_t max_block_txs = 0;
    double latency_p50_ms = 0;
    double latency_p99_ms = 0;
    double latency_max_ms = 0;
    /// CPU seconds (user + system) used during the timed phase, by the node (when its pid was
    /// given; else 0) and by this load generator; per committed tx in microseconds.
    double node_cpu_s = 0;
    double node_cpu_us_per_tx = 0;
    double bench_cpu_s = 0;
    double bench_cpu_us_per_tx = 0;

    nlohmann::json to_json() const;
    /// One line for humans.
    std::string summary() const;
};

/// Runs the load: reads the senders' nonces, signs every tx, then times submission and
/// commits. Fails only when the first node cannot be reached before the run starts, or when
/// no URL is given.
Result<TransferLoadReport> run_transfer_load(const TransferLoadOptions& options);

}  // namespace azora::bench
