// azora-bench: load generator and fixtures for the node benchmarks (docs/benchmarks.md).
//   azora-bench genesis --accounts N --out FILE [--keys-out FILE]
//   azora-bench transfers --rpc URL[,URL...] --accounts N --txs T --batch B --concurrency C [--rate
//   R]
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <string>

#include "core/address.hpp"
#include "tests/bench/bench_accounts.hpp"
#include "tests/bench/transfer_load.hpp"

namespace {

using namespace azora;

int write_genesis(size_t accounts, const std::string& out, const std::string& keys_out) {
    const genesis::Genesis g = bench::bench_genesis(accounts);
    std::ofstream file(out);
    file << g.to_json().dump(1) << '\n';
    if (!file.flush()) {
        std::fprintf(stderr, "azora-bench: cannot write %s\n", out.c_str());
        return 1;
    }
    if (!keys_out.empty()) {
        // One line per bench account: index, address, secret key (hex). BENCH ONLY.
        std::ofstream keys(keys_out);
        for (size_t i = 0; i < accounts; ++i) {
            const PrivateKey key = bench::bench_key(i);
            keys << i << ' ' << Address::from_pubkey(key.public_key()).to_string(g.hrp()) << ' '
                 << to_hex(key.secret()) << '\n';
        }
        if (!keys.flush()) {
            std::fprintf(stderr, "azora-bench: cannot write %s\n", keys_out.c_str());
            return 1;
        }
    }
    std::printf("wrote %s: chain %s, %zu accounts (%zu bench), genesis hash %s\n", out.c_str(),
                g.chain_id.c_str(), g.accounts.size(), accounts, to_hex(g.hash()).c_str());
    return 0;
}

int run_transfers(const bench::TransferLoadOptions& o, bool as_json) {
    std::fprintf(stderr, "signing %zu transfers from %zu accounts...\n", o.txs, o.accounts);
    auto report = bench::run_transfer_load(o);
    if (!report) {
        std::fprintf(stderr, "azora-bench: %s\n", report.error().to_string().c_str());
        return 1;
    }
    std::printf("%s\n", report->summary().c_str());
    if (as_json) {
        std::printf("%s\n", report->to_json().dump().c_str());
    }
    return report->committed == report->txs ? 0 : 3;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"azora-bench: load generator for azorad"};
    app.require_subcommand(1);

    size_t gen_accounts = 10'000;
    std::string gen_out, gen_keys_out;
    auto* gen = app.add_subcommand("genesis", "write a dev-compatible genesis with bench accounts");
    gen->add_option("--accounts", gen_accounts, "bench accounts to fund")->required();
    gen->add_option("--out", gen_out, "genesis JSON file to write")->required();
    gen->add_option("--keys-out", gen_keys_out, "also write 'index address secret' lines");

    bench::TransferLoadOptions t;
    bool as_json = false;
    auto* tr = app.add_subcommand("transfers", "submit pre-signed transfers and time commits");
    tr->add_option("--rpc", t.rpc_urls,
                   "node RPC URL(s), comma-separated or repeated; submitting threads take them "
                   "in turn, the first also serves nonces and commit polling")
        ->delimiter(',')
        ->capture_default_str();
    tr->add_option("--accounts", t.accounts, "bench accounts used (<= those in genesis)")
        ->capture_default_str();
    tr->add_option("--txs", t.txs, "transfers to submit")->capture_default_str();
    tr->add_option("--batch", t.batch, "tx_submit calls per JSON-RPC batch")->capture_default_str();
    tr->add_option("--concurrency", t.concurrency, "submitting threads")->capture_default_str();
    tr->add_option("--rate", t.rate, "pace submission at R tx/s (0: as fast as possible)")
        ->capture_default_str();
    tr->add_option("--idle-timeout", t.idle_timeout_s,
                   "seconds without a new commit, after submission, before giving up")
        ->capture_default_str();
    tr->add_option("--sign-threads", t.sign_threads, "threads for pre-signing (0: all cores)")
        ->capture_default_str();
    tr->add_option("--node-pid", t.node_pid, "azorad's pid: report its CPU time per tx (/proc)");
    tr->add_flag("--json", as_json, "also print the figures as one JSON object");

    CLI11_PARSE(app, argc, argv);
    if (gen->parsed()) {
        return write_genesis(gen_accounts, gen_out, gen_keys_out);
    }
    return run_transfers(t, as_json);
}
