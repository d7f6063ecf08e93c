// State tree throughput on LevelDB: 100,000 keys at version 1, then 20 blocks of 10,000
// random updates (80% modify, 10% insert, 10% delete), then proofs at the latest version.
// Usage: state_tree_bench [dir]   (default: a fresh directory under the system temp dir,
// removed afterwards). Figures are wall-clock and only indicative.

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/hash.hpp"
#include "ledger/kv_store.hpp"
#include "ledger/state_tree.hpp"

namespace {

using azora::Hash32;
using azora::ledger::KvBatch;
using azora::ledger::StateTree;
using Clock = std::chrono::steady_clock;

constexpr size_t kInitialKeys = 100'000;
constexpr size_t kBlocks = 20;
constexpr size_t kUpdatesPerBlock = 10'000;
constexpr size_t kProofs = 20'000;

int64_t micros_since(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
}

// Items per second from a count and microseconds, in integers.
int64_t per_second(size_t items, int64_t micros) {
    return micros > 0 ? static_cast<int64_t>(items) * 1'000'000 / micros : 0;
}

Hash32 random_hash(std::mt19937_64& rng) {
    Hash32 h;
    for (auto& b : h) {
        b = static_cast<uint8_t>(rng());
    }
    return h;
}

Hash32 key_hash(uint64_t n) {
    return azora::smt::key_path(azora::as_bytes("bench/key/" + std::to_string(n)));
}

int fail(const char* what, const azora::Error& e) {
    std::fprintf(stderr, "%s: %s\n", what, e.to_string().c_str());
    return 1;
}

struct Timed {
    int64_t apply_us = 0;
    int64_t write_us = 0;
    size_t ops = 0;
};

// Applies `updates` (any order) as `version` and writes the batch synced, as a block would.
azora::Result<Timed> commit(azora::ledger::KvStore& store,
                            uint64_t version,
                            std::vector<StateTree::Update>& updates) {
    std::sort(updates.begin(), updates.end(),
              [](const auto& a, const auto& b) { return a.key_hash < b.key_hash; });
    StateTree tree(store);
    KvBatch batch;
    Timed t;
    auto start = Clock::now();
    AZORA_TRY(tree.apply(version, updates, batch));
    t.apply_us = micros_since(start);
    start = Clock::now();
    AZORA_TRY(store.write(batch, true));
    t.write_us = micros_since(start);
    t.ops = batch.size();
    return t;
}

int run(const std::string& dir) {
    azora::ledger::LevelDbOptions options;
    options.create_if_missing = true;
    auto opened = azora::ledger::open_leveldb(dir, options);
    if (!opened.ok()) {
        return fail("open", opened.error());
    }
    auto& store = **opened;
    std::mt19937_64 rng(42);

    std::vector<uint64_t> live;  // key numbers currently in the tree
    std::vector<StateTree::Update> updates;
    for (uint64_t i = 0; i < kInitialKeys; ++i) {
        live.push_back(i);
        updates.push_back({key_hash(i), random_hash(rng)});
    }
    uint64_t next_key = kInitialKeys;
    auto initial = commit(store, 1, updates);
    if (!initial.ok()) {
        return fail("initial apply", initial.error());
    }
    std::printf("version 1: %zu inserts: apply %lld ms, write %lld ms, %zu batch ops\n",
                kInitialKeys, static_cast<long long>(initial->apply_us / 1000),
                static_cast<long long>(initial->write_us / 1000), initial->ops);

    int64_t apply_us = 0;
    int64_t write_us = 0;
    size_t ops = 0;
    for (uint64_t version = 2; version < 2 + kBlocks; ++version) {
        std::map<Hash32, std::optional<Hash32>> changes;
        while (changes.size() < kUpdatesPerBlock) {
            auto roll = rng() % 10;
            if (roll == 0) {
                live.push_back(next_key);
                changes[key_hash(next_key++)] = random_hash(rng);
            } else if (roll == 1) {
                size_t i = rng() % live.size();
                changes[key_hash(live[i])] = std::nullopt;
                live[i] = live.back();
                live.pop_back();
            } else {
                changes[key_hash(live[rng() % live.size()])] = random_hash(rng);
            }
        }
        updates.clear();
        for (const auto& [k, v] : changes) {
            updates.push_back({k, v});
        }
        auto t = commit(store, version, updates);
        if (!t.ok()) {
            return fail("apply", t.error());
        }
        apply_us += t->apply_us;
        write_us += t->write_us;
        ops += t->ops;
    }
    size_t total = kBlocks * kUpdatesPerBlock;
    std::printf(
        "%zu blocks x %zu updates over ~%zu keys: apply %lld ms, write %lld ms, "
        "%zu batch ops/block\n",
        kBlocks, kUpdatesPerBlock, live.size(), static_cast<long long>(apply_us / 1000),
        static_cast<long long>(write_us / 1000), ops / kBlocks);
    std::printf("  apply only:    %lld updates/s\n",
                static_cast<long long>(per_second(total, apply_us)));
    std::printf("  apply + write: %lld updates/s\n",
                static_cast<long long>(per_second(total, apply_us + write_us)));

    StateTree tree(store);
    uint64_t latest = 1 + kBlocks;
    auto root = tree.root(latest);
    if (!root.ok()) {
        return fail("root", root.error());
    }
    std::vector<Hash32> queries;
    for (size_t i = 0; i < kProofs; ++i) {
        // Half present keys, half never-inserted ones.
        queries.push_back(i % 2 == 0 ? key_hash(live[rng() % live.size()])
                                     : key_hash(next_key + i));
    }
    std::vector<azora::smt::Proof> proofs;
    proofs.reserve(kProofs);
    auto start = Clock::now();
    for (const auto& q : queries) {
        auto p = tree.prove(latest, q);
        if (!p.ok()) {
            return fail("prove", p.error());
        }
        proofs.push_back(std::move(*p));
    }
    int64_t prove_us = micros_since(start);
    start = Clock::now();
    size_t present = 0;
    for (size_t i = 0; i < kProofs; ++i) {
        auto v = azora::smt::verify_proof(*root, queries[i], proofs[i]);
        if (!v.ok()) {
            return fail("verify", v.error());
        }
        present += v->has_value() ? 1 : 0;
    }
    int64_t verify_us = micros_since(start);
    std::printf("proofs at version %llu: %lld proofs/s (%zu present of %zu), verify %lld/s\n",
                static_cast<unsigned long long>(latest),
                static_cast<long long>(per_second(kProofs, prove_us)), present, kProofs,
                static_cast<long long>(per_second(kProofs, verify_us)));

    KvBatch prune;
    start = Clock::now();
    auto pruned = tree.prune(latest - 10, prune);
    if (!pruned.ok()) {
        return fail("prune", pruned.error());
    }
    auto written = store.write(prune, true);
    if (!written.ok()) {
        return fail("prune write", written.error());
    }
    std::printf("prune below version %llu: %zu deletes in %lld ms\n",
                static_cast<unsigned long long>(latest - 10), prune.size(),
                static_cast<long long>(micros_since(start) / 1000));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 1) {
        return run(argv[1]);
    }
    std::string templ =
        (std::filesystem::temp_directory_path() / "azora-smt-bench-XXXXXX").string();
    if (::mkdtemp(templ.data()) == nullptr) {
        std::perror("mkdtemp");
        return 1;
    }
    int rc = run(templ);
    std::filesystem::remove_all(templ);
    return rc;
}
