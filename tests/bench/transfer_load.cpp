#include "tests/bench/transfer_load.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/address.hpp"
#include "ledger/tx.hpp"
#include "rpc/client.hpp"
#include "tests/bench/bench_accounts.hpp"
#include "vm/modules/token/messages.hpp"

namespace azora::bench {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr uint16_t kTokenModule = 1;
// Intrinsic gas of a transfer is tx_base 1000 + 28 payload bytes * 10 + action 1000 = 2280,
// plus 2 balance writes * 500 = 3280 under the dev schedule; 5000 leaves headroom.
constexpr uint64_t kGasLimit = 5000;
constexpr uint64_t kGasPrice = 1;
constexpr size_t kNonceBatch = 100;  // the server's default batch limit
constexpr auto kPollInterval = std::chrono::milliseconds(5);

struct HashKey {
    size_t operator()(const Hash32& h) const {
        size_t v;
        std::memcpy(&v, h.data(), sizeof(v));
        return v;
    }
};

// CPU seconds (user + system) of process `pid` from /proc/PID/stat; 0 if unreadable.
double process_cpu_s(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const size_t close = stat.rfind(')');  // the command name may contain spaces
    if (close == std::string::npos) {
        return 0;
    }
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    unsigned long long utime = 0, stime = 0;
    // After the name: state is field 3; utime and stime are fields 14 and 15.
    for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i == 14) {
            utime = std::stoull(field);
        } else if (i == 15) {
            stime = std::stoull(field);
        }
    }
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double self_cpu_s() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    auto secs = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return secs(ru.ru_utime) + secs(ru.ru_stime);
}

int64_t ns_since(Clock::time_point t0) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
}

// One signed transfer and where it goes in the timing tables.
struct PreparedTx {
    std::string hex;
    Hash32 hash{};
};

// Everything the submitters and the poller share during the timed phase.
struct RunState {
    Clock::time_point t0;
    std::vector<int64_t> submit_ns;  // per tx; written once by the submitter of its batch
    std::vector<int64_t> commit_ns;  // per tx; -1 until the poller sees it; poller only
    std::atomic<size_t> next_batch{0};
    std::atomic<size_t> accepted{0};
    std::atomic<bool> submit_done{false};
    std::mutex errors_mutex;
    std::map<std::string, size_t> errors;  // guarded by errors_mutex

    void add_error(const std::string& reason, size_t n) {
        std::lock_guard lock(errors_mutex);
        errors[reason] += n;
    }
};

struct BlockSeen {
    int64_t at_ns = 0;
    size_t txs = 0;  // of ours
};

Result<std::string> chain_id_of(rpc::Client& client) {
    AZORA_ASSIGN(json info, client.call("node_info"));
    if (!info.contains("chain_id") || !info["chain_id"].is_string()) {
        return Error::internal("bad_response", "node_info has no chain_id");
    }
    return info["chain_id"].get<std::string>();
}

Result<uint64_t> height_of(rpc::Client& client) {
    AZORA_ASSIGN(json info, client.call("node_info"));
    if (!info.contains("height") || !info["height"].is_number_unsigned()) {
        return Error::internal("bad_response", "node_info has no height");
    }
    return info["height"].get<uint64_t>();
}

// Current nonces of the first `senders` bench accounts, so repeated runs on one chain work.
Result<std::vector<uint64_t>> fetch_nonces(rpc::Client& client,
                                           const std::vector<PrivateKey>& keys,
                                           size_t senders) {
    std::vector<uint64_t> nonces(senders, 0);
    for (size_t first = 0; first < senders; first += kNonceBatch) {
        const size_t last = std::min(senders, first + kNonceBatch);
        std::vector<rpc::BatchCall> calls;
        for (size_t i = first; i < last; ++i) {
            const Address addr = Address::from_pubkey(keys[i].public_key());
            calls.push_back({"account_get", json::array({addr.to_string(kTestnetHrp)})});
        }
        AZORA_ASSIGN(auto results, client.batch(calls));
        for (size_t i = first; i < last; ++i) {
            auto& r = results[i - first];
            if (!r) {
                return Error::internal("account_get",
                                       "bench account " + std::to_string(i) + ": " +
                                           r.error().to_string() +
                                           " (was the node started with azora-bench genesis?)");
            }
            nonces[i] = (*r).value("nonce", uint64_t{0});
        }
    }
    return nonces;
}

// Tx j is sent by account j % n with that sender's next nonce, to another bench account, so
// consecutive txs (and each batch) come from different senders.
std::vector<PreparedTx> sign_all(const TransferLoadOptions& o,
                                 const std::string& chain_id,
                                 const std::vector<PrivateKey>& keys,
                                 const std::vector<uint64_t>& nonces) {
    const size_t n = keys.size();
    std::vector<Address> addresses;
    addresses.reserve(n);
    for (const auto& k : keys) {
        addresses.push_back(Address::from_pubkey(k.public_key()));
    }
    std::vector<PreparedTx> out(o.txs);
    auto work = [&](size_t begin, size_t step) {
        for (size_t j = begin; j < o.txs; j += step) {
            const size_t s = j % n;
            const size_t round = j / n;
            const size_t r = n > 1 ? (s + 1 + round % (n - 1)) % n : s;
            ledger::Tx tx;
            tx.chain_id = chain_id;
            tx.nonce = nonces[s] + round;
            tx.gas_limit = kGasLimit;
            tx.gas_price = kGasPrice;
            tx.module = kTokenModule;
            tx.action = vm::token::kTransfer;
            tx.payload = vm::token::Transfer{addresses[r], 1}.encode();
            tx.sign(keys[s]);
            out[j].hex = to_hex(tx.encode());
            out[j].hash = tx.hash();
        }
    };
    size_t threads = o.sign_threads != 0 ? o.sign_threads : std::thread::hardware_concurrency();
    threads = std::max<size_t>(1, threads);
    std::vector<std::thread> pool;
    for (size_t t = 0; t < threads; ++t) {
        pool.emplace_back(work, t, threads);
    }
    for (auto& t : pool) {
        t.join();
    }
    return out;
}

void submit_loop(const TransferLoadOptions& o,
                 const std::string& url,
                 const std::vector<std::vector<rpc::BatchCall>>& batches,
                 RunState& st) {
    rpc::Client client(url);
    for (;;) {
        const size_t b = st.next_batch.fetch_add(1);
        if (b >= batches.size()) {
            return;
        }
        const size_t first = b * o.batch;
        const auto& calls = batches[b];
        if (o.rate > 0) {
            const double due_s = static_cast<double>(first) / o.rate;
            std::this_thread::sleep_until(st.t0 + std::chrono::duration_cast<Clock::duration>(
                                                      std::chrono::duration<double>(due_s)));
        }
        const int64_t sent = ns_since(st.t0);
        for (size_t i = 0; i < calls.size(); ++i) {
            st.submit_ns[first + i] = sent;
        }
        auto results = client.batch(calls);
        if (!results) {
            st.add_error(results.error().reason, calls.size());
            continue;
        }
        size_t ok = 0;
        for (const auto& r : *results) {
            if (r) {
                ++ok;
            } else {
                st.add_error(r.error().reason, 1);
            }
        }
        st.accepted.fetch_add(ok);
    }
}

// Follows new blocks and stamps the commit time of each of our txs. Stops when every accepted
// tx is committed or nothing new was committed for idle_timeout_s after submission ended.
std::vector<BlockSeen> poll_commits(const TransferLoadOptions& o,
                                    uint64_t start_height,
                                    const std::unordered_map<Hash32, size_t, HashKey>& index,
                                    RunState& st) {
    rpc::Client client(o.rpc_urls.front());
    std::vector<BlockSeen> blocks;
    uint64_t next_height = start_height + 1;
    size_t committed = 0;
    auto last_progress = Clock::now();
    const auto idle = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(o.idle_timeout_s));
    for (;;) {
        auto height = height_of(client);
        if (!height) {
            st.add_error("poll_" + height.error().reason, 1);
        }
        while (height && next_height <= *height) {
            auto block = client.call("chain_getBlock", json::array({next_height}));
            if (!block) {
                st.add_error("poll_" + block.error().reason, 1);
                break;
            }
            const int64_t now = ns_since(st.t0);
            BlockSeen seen{now, 0};
            for (const auto& h : (*block)["txs"]) {
                auto hash = h.is_string() ? fixed_from_hex<32>(h.get_ref<const std::string&>())
                                          : std::nullopt;
                auto it = hash ? index.find(*hash) : index.end();
                if (it != index.end() && st.commit_ns[it->second] < 0) {
                    st.commit_ns[it->second] = now;
                    ++seen.txs;
                }
            }
            if (seen.txs > 0) {
                blocks.push_back(seen);
                committed += seen.txs;
                last_progress = Clock::now();
            }
            ++next_height;
        }
        const bool done = st.submit_done.load();
        if (!done) {
            last_progress = Clock::now();  // the idle clock starts when submission ends
        }
        if (done && committed >= st.accepted.load()) {
            return blocks;
        }
        if (done && Clock::now() - last_progress > idle) {
            return blocks;
        }
        std::this_thread::sleep_for(kPollInterval);
    }
}

double percentile(std::vector<int64_t>& sorted_ns, double p) {
    if (sorted_ns.empty()) {
        return 0;
    }
    const size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted_ns.size())));
    return static_cast<double>(sorted_ns[std::clamp<size_t>(rank, 1, sorted_ns.size()) - 1]) / 1e6;
}

TransferLoadReport summarize(const TransferLoadOptions& o,
                             RunState& st,
                             const std::vector<BlockSeen>& blocks,
                             int64_t submit_end_ns) {
    TransferLoadReport rep;
    rep.txs = o.txs;
    rep.accepted = st.accepted.load();
    rep.errors = st.errors;
    rep.submit_s = static_cast<double>(submit_end_ns) / 1e9;
    rep.submitted_per_s = rep.submit_s > 0 ? static_cast<double>(rep.accepted) / rep.submit_s : 0;
    std::vector<int64_t> latencies;
    latencies.reserve(o.txs);
    for (size_t i = 0; i < o.txs; ++i) {
        if (st.commit_ns[i] >= 0) {
            latencies.push_back(st.commit_ns[i] - st.submit_ns[i]);
        }
    }
    rep.committed = latencies.size();
    if (rep.accepted > rep.committed) {
        rep.errors["not_committed"] += rep.accepted - rep.committed;
    }
    std::sort(latencies.begin(), latencies.end());
    rep.latency_p50_ms = percentile(latencies, 0.50);
    rep.latency_p99_ms = percentile(latencies, 0.99);
    rep.latency_max_ms = latencies.empty() ? 0 : static_cast<double>(latencies.back()) / 1e6;
    rep.blocks = blocks.size();
    for (const auto& b : blocks) {
        rep.max_block_txs = std::max(rep.max_block_txs, b.txs);
    }
    if (!blocks.empty()) {
        const double span = static_cast<double>(blocks.back().at_ns - blocks.front().at_ns) / 1e9;
        rep.first_to_last_commit_s = span;
        if (span > 0) {
            rep.committed_per_s = static_cast<double>(rep.committed - blocks.front().txs) / span;
        }
        rep.end_to_end_per_s =
            static_cast<double>(rep.committed) / (static_cast<double>(blocks.back().at_ns) / 1e9);
    }
    return rep;
}

}  // namespace

Result<TransferLoadReport> run_transfer_load(const TransferLoadOptions& o) {
    if (o.accounts == 0 || o.txs == 0 || o.batch == 0 || o.concurrency == 0) {
        return Error::malformed("bad_options", "accounts, txs, batch and concurrency must be > 0");
    }
    if (o.rpc_urls.empty()) {
        return Error::malformed("bad_options", "no RPC URL");
    }
    rpc::Client client(o.rpc_urls.front());
    AZORA_ASSIGN(std::string chain_id, chain_id_of(client));
    const size_t senders = std::min(o.accounts, o.txs);
    std::vector<PrivateKey> keys;
    keys.reserve(o.accounts);
    for (size_t i = 0; i < o.accounts; ++i) {
        keys.push_back(bench_key(i));
    }
    AZORA_ASSIGN(std::vector<uint64_t> nonces, fetch_nonces(client, keys, senders));
    nonces.resize(o.accounts, 0);

    const auto sign_start = Clock::now();
    std::vector<PreparedTx> prepared = sign_all(o, chain_id, keys, nonces);
    std::unordered_map<Hash32, size_t, HashKey> index;
    index.reserve(prepared.size());
    std::vector<std::vector<rpc::BatchCall>> batches;
    for (size_t j = 0; j < prepared.size(); ++j) {
        index.emplace(prepared[j].hash, j);
        if (j % o.batch == 0) {
            batches.emplace_back();
        }
        batches.back().push_back({"tx_submit", json::array({std::move(prepared[j].hex)})});
    }
    const double sign_s = std::chrono::duration<double>(Clock::now() - sign_start).count();
    AZORA_ASSIGN(uint64_t start_height, height_of(client));

    RunState st;
    st.submit_ns.assign(o.txs, 0);
    st.commit_ns.assign(o.txs, -1);
    const double node_cpu_start = o.node_pid > 0 ? process_cpu_s(o.node_pid) : 0;
    const double bench_cpu_start = self_cpu_s();
    st.t0 = Clock::now();
    std::vector<BlockSeen> blocks;
    std::thread poller([&] { blocks = poll_commits(o, start_height, index, st); });
    std::vector<std::thread> submitters;
    for (size_t t = 0; t < o.concurrency; ++t) {
        const std::string& url = o.rpc_urls[t % o.rpc_urls.size()];
        submitters.emplace_back([&, &url = url] { submit_loop(o, url, batches, st); });
    }
    for (auto& t : submitters) {
        t.join();
    }
    const int64_t submit_end_ns = ns_since(st.t0);
    st.submit_done = true;
    poller.join();
    const double bench_cpu = self_cpu_s() - bench_cpu_start;
    const double node_cpu = o.node_pid > 0 ? process_cpu_s(o.node_pid) - node_cpu_start : 0;

    TransferLoadReport rep = summarize(o, st, blocks, submit_end_ns);
    rep.sign_s = sign_s;
    const double committed = static_cast<double>(std::max<size_t>(rep.committed, 1));
    rep.node_cpu_s = node_cpu;
    rep.node_cpu_us_per_tx = node_cpu * 1e6 / committed;
    rep.bench_cpu_s = bench_cpu;
    rep.bench_cpu_us_per_tx = bench_cpu * 1e6 / committed;
    return rep;
}

}  // namespace azora::bench
