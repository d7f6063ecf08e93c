#include <cstdio>
#include <string>

#include "tests/bench/transfer_load.hpp"

namespace azora::bench {

using nlohmann::json;

json TransferLoadReport::to_json() const {
    return json{
        {"txs", txs},
        {"accepted", accepted},
        {"committed", committed},
        {"errors", errors},
        {"sign_s", sign_s},
        {"submit_s", submit_s},
        {"submitted_per_s", submitted_per_s},
        {"first_to_last_commit_s", first_to_last_commit_s},
        {"committed_per_s", committed_per_s},
        {"end_to_end_per_s", end_to_end_per_s},
        {"blocks", blocks},
        {"max_block_txs", max_block_txs},
        {"latency_ms", {{"p50", latency_p50_ms}, {"p99", latency_p99_ms}, {"max", latency_max_ms}}},
        {"node_cpu_s", node_cpu_s},
        {"node_cpu_us_per_tx", node_cpu_us_per_tx},
        {"bench_cpu_s", bench_cpu_s},
        {"bench_cpu_us_per_tx", bench_cpu_us_per_tx}};
}

std::string TransferLoadReport::summary() const {
    std::string errs;
    for (const auto& [reason, n] : errors) {
        errs += " " + reason + "=" + std::to_string(n);
    }
    char line[512];
    std::snprintf(line, sizeof(line),
                  "transfers: %zu/%zu accepted in %.2f s (%.0f/s submitted); %zu committed in %zu "
                  "blocks (max %zu), sustained %.0f tx/s over %.2f s, end-to-end %.0f tx/s; "
                  "latency p50 %.0f ms p99 %.0f ms max %.0f ms; cpu/tx node %.0f us bench %.0f us; "
                  "errors:%s",
                  accepted, txs, submit_s, submitted_per_s, committed, blocks, max_block_txs,
                  committed_per_s, first_to_last_commit_s, end_to_end_per_s, latency_p50_ms,
                  latency_p99_ms, latency_max_ms, node_cpu_us_per_tx, bench_cpu_us_per_tx,
                  errs.empty() ? " none" : errs.c_str());
    return line;
}

}  // namespace azora::bench
